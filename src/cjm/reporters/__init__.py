"""Output formats for check results: a name-to-class table.

The table names classes by import path so that building the CLI (and its ``--format``
choices) imports no reporter code; adding a format is one class and one line here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjm.reporters.base import Reporter

REPORTERS: dict[str, str] = {
    "text": "cjm.reporters.text:TextReporter",
    "json": "cjm.reporters.json:JsonReporter",
    "sarif": "cjm.reporters.sarif:SarifReporter",
    "github": "cjm.reporters.github:GithubReporter",
    "junit": "cjm.reporters.junit:JunitReporter",
}


def get_reporter(name: str) -> Reporter:
    """An instance of the reporter registered under ``name``."""
    module_name, _, class_name = REPORTERS[name].partition(":")
    reporter_class = getattr(importlib.import_module(module_name), class_name)
    reporter: Reporter = reporter_class()
    return reporter
