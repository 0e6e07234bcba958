"""Helpers for lint rule tests: run cjm on small YAML texts and get findings back."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from cjm.check import CheckResult, check_paths
from cjm.diagnostics import Diagnostic
from cjm.lint.config import LintRequest

# The date the tests pretend it is, so that date-based rules give the same answer forever.
TODAY = datetime.date(2026, 11, 23)

Found = tuple[int, int, str, str]


def findings(result: CheckResult, code: str | None = None) -> list[Found]:
    """``(line, column, code, message)`` of the findings, of one rule when ``code`` is given."""
    return [
        (d.line, d.column, d.code.code, d.message)
        for d in result.diagnostics
        if code is None or d.code.code == code
    ]


def located(result: CheckResult) -> list[Diagnostic]:
    return list(result.diagnostics)


LintFiles = Callable[..., CheckResult]


@pytest.fixture
def lint_files(tmp_path: Path) -> LintFiles:
    """Write ``files`` (relative path to text) under a fresh folder and check it.

    ``select`` limits the rules (codes or names); ``today`` fixes the date. With a
    ``cjm.yaml`` among the files the folder is a workspace; without, maps stand alone.
    """

    def _lint(
        files: dict[str, str],
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        today: datetime.date = TODAY,
    ) -> CheckResult:
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        request = LintRequest(select=select, ignore=ignore)
        return check_paths([tmp_path], tmp_path, lint=request, today=today)

    return _lint


LintMap = Callable[..., list[Found]]


@pytest.fixture
def lint_map(lint_files: LintFiles) -> LintMap:
    """Check one standalone map with the given rules; return its findings."""

    def _lint(
        text: str, *rules: str, today: datetime.date = TODAY, config: str | None = None
    ) -> list[Found]:
        files = {"map.yaml": text}
        if config is not None:
            files["cjm.yaml"] = 'maps: ["map.yaml"]\n' + config
        result = lint_files(files, select=list(rules) or None, today=today)
        return findings(result)

    return _lint
