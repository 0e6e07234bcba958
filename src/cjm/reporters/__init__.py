"""Output formats for check results: a name-to-class table.

The table names classes by import path so that building the CLI (and its ``--format``
choices) imports no reporter code; adding a format is one class and one line here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjm.diagnostics import Severity
    from cjm.reporters.base import Reporter

REPORTERS: dict[str, str] = {
    "text": "cjm.reporters.text:TextReporter",
    "json": "cjm.reporters.json:JsonReporter",
    "sarif": "cjm.reporters.sarif:SarifReporter",
    "github": "cjm.reporters.github:GithubReporter",
    "junit": "cjm.reporters.junit:JunitReporter",
}


def get_reporter(name: str, *, fail_on: Severity | None = None) -> Reporter:
    """An instance of the reporter registered under ``name``.

    ``fail_on`` is the failing severity given on the command line. A reporter that gives
    each file a verdict (its class sets ``gives_verdicts``) is built with it, so that a
    file fails in the report exactly when its findings fail the check.
    """
    module_name, _, class_name = REPORTERS[name].partition(":")
    reporter_class = getattr(importlib.import_module(module_name), class_name)
    if getattr(reporter_class, "gives_verdicts", False):
        verdict_reporter: Reporter = reporter_class(fail_on=fail_on)
        return verdict_reporter
    reporter: Reporter = reporter_class()
    return reporter
