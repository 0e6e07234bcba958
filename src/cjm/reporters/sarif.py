"""SARIF 2.1.0 for GitHub code scanning and other static-analysis viewers.

One run of the ``cjm`` tool. Its driver lists every code cjm can report: the problems
found while reading a file (``CJM001``...) and the lint rules, with their documentation,
so that a viewer can explain an alert. Each diagnostic is a result located in a file
relative to the repository root (``uriBaseId`` ``%SRCROOT%``), which is what code
scanning needs to place it on the pull request. The output has no timestamps and no
absolute paths of the machine it ran on (except for files outside the repository).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cjm import __version__
from cjm.check import CheckResult
from cjm.diagnostics import LOAD_CODES, Code, Diagnostic, Location, Severity
from cjm.lint.docs import rule_markdown
from cjm.lint.registry import RULES
from cjm.lint.rule import Rule
from cjm.reporters.base import find_repo_root, full_message, repo_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


def _load_descriptor(code: Code) -> dict[str, Any]:
    """A problem found while reading a file: always an error, never silenced."""
    summary = code.summary or code.name
    return {
        "id": code.code,
        "name": code.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": summary},
        "help": {"text": summary},
        "defaultConfiguration": {"level": LEVELS[Severity.ERROR]},
        "properties": {"tags": ["input"]},
    }


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    summary = rule.summary or rule.name
    rationale = rule.rationale or summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": rationale},
        "help": {"text": rationale, "markdown": rule_markdown(rule, heading="###")},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["lint"]},
    }


def _region(location: Location) -> dict[str, int] | None:
    if location.line < 1:
        return None
    region = {"startLine": location.line}
    if location.column >= 1:
        region["startColumn"] = location.column
        # Both count from 1 and point just after the last character.
        if location.end_column is not None and location.end_column > location.column:
            region["endColumn"] = location.end_column
    return region


def _location(path: str, location: Location, cwd: Path, root: Path) -> dict[str, Any]:
    relative = repo_path(path, cwd, root)
    if relative is None:
        artifact = {"uri": Path(os.path.normpath(cwd / path)).as_uri()}
    else:
        artifact = {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}
    physical: dict[str, Any] = {"artifactLocation": artifact}
    region = _region(location)
    if region is not None:
        physical["region"] = region
    return {"physicalLocation": physical}


def _result(diagnostic: Diagnostic, rule_index: int, cwd: Path, root: Path) -> dict[str, Any]:
    found: dict[str, Any] = {
        "ruleId": diagnostic.code.code,
        "ruleIndex": rule_index,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": full_message(diagnostic)},
        "locations": [_location(diagnostic.path, diagnostic.location, cwd, root)],
    }
    if diagnostic.related:
        found["relatedLocations"] = [
            {"id": number, **_location(path, location, cwd, root)}
            for number, (path, location) in enumerate(diagnostic.related, start=1)
        ]
    return found


def rule_descriptors(extra: list[Code] | None = None) -> list[dict[str, Any]]:
    """Every code cjm reports, in code order, then any of ``extra`` not among them."""
    descriptors = [_load_descriptor(code) for code in LOAD_CODES]
    descriptors += [_rule_descriptor(rule) for rule in RULES]
    known = {descriptor["id"] for descriptor in descriptors}
    for code in sorted(extra or [], key=lambda c: c.code):
        if code.code not in known:
            descriptors.append(_load_descriptor(code))
            known.add(code.code)
    return descriptors


class SarifReporter:
    def __init__(self, cwd: Path | None = None) -> None:
        # The folder that diagnostic paths are relative to; the current one by default.
        self.cwd = cwd

    def render(self, result: CheckResult) -> str:
        cwd = (self.cwd or result.cwd).resolve()
        root = find_repo_root(cwd)
        # A code in neither table still gets a descriptor, so that every result has one.
        descriptors = rule_descriptors([d.code for d in result.diagnostics])
        index = {descriptor["id"]: i for i, descriptor in enumerate(descriptors)}
        results = [_result(d, index[d.code.code], cwd, root) for d in result.diagnostics]
        document = {
            "version": "2.1.0",
            "$schema": SCHEMA,
            "runs": [
                {
                    "tool": {
                        "driver": {"name": "cjm", "version": __version__, "rules": descriptors}
                    },
                    "columnKind": "unicodeCodePoints",
                    "results": results,
                }
            ],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
