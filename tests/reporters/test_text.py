"""The text reporter's closing line: every count worded for its number."""

from __future__ import annotations

import pytest

from cjm.check import CheckResult
from cjm.diagnostics import Location, Severity
from cjm.reporters.text import TextReporter

from .conftest import diagnostic, result_of


def summary(result: CheckResult) -> str:
    return TextReporter().render(result).plain.splitlines()[-1]


def findings(errors: int, warnings: int, infos: int, files: int) -> CheckResult:
    found = [
        diagnostic(
            f"{severity.value} {n}",
            path=f"maps/{n % files}.yaml",
            severity=severity,
            location=Location(n + 1, 1),
            hint=None,
        )
        for severity, count in (
            (Severity.ERROR, errors),
            (Severity.WARNING, warnings),
            (Severity.INFO, infos),
        )
        for n in range(count)
    ]
    return result_of(*found, files=[f"maps/{n}.yaml" for n in range(files + 1)])


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((1, 0, 0, 1), "Found 1 error in 1 file (2 files checked)."),
        ((2, 1, 0, 2), "Found 2 errors, 1 warning in 2 files (3 files checked)."),
        ((0, 2, 1, 1), "Found 2 warnings, 1 info in 1 file (2 files checked)."),
        ((0, 0, 3, 3), "Found 3 infos in 3 files (4 files checked)."),
    ],
)
def test_found_counts(counts: tuple[int, int, int, int], expected: str) -> None:
    assert summary(findings(*counts)) == expected


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (0, "No problems found in 0 files."),
        (1, "No problems found in 1 file."),
        (2, "No problems found in 2 files."),
    ],
)
def test_clean_counts(files: int, expected: str) -> None:
    assert summary(CheckResult([], [f"maps/{n}.yaml" for n in range(files)])) == expected
