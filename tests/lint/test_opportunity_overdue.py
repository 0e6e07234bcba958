"""CJM133 opportunity-overdue."""

from __future__ import annotations

import datetime

import pytest

from cjm.diagnostics import Severity
from cjm.lint.rules import opportunity_overdue as rule

from .conftest import TODAY, LintFiles, LintMap

CODE = rule.CODE


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [
        (
            22,
            10,
            CODE,
            "opportunity 'import-preview' was due on 2025-06-30, 511 days ago, and is still "
            "in-progress",
        )
    ]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


def test_it_is_an_info_that_says_what_to_do(lint_files: LintFiles) -> None:
    result = lint_files({"map.yaml": rule.FAILING}, select=[CODE])
    [diagnostic] = result.diagnostics
    assert diagnostic.severity is Severity.INFO
    assert diagnostic.hint is not None and "`due:`" in diagnostic.hint


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (TODAY, []),
        (TODAY + datetime.timedelta(days=30), []),
        (TODAY - datetime.timedelta(days=1), ["1 day ago, and is still in-progress"]),
    ],
)
def test_only_a_date_before_today_is_overdue(
    lint_map: LintMap, due: datetime.date, expected: list[str]
) -> None:
    text = rule.FAILING.replace("due: 2025-06-30", f"due: {due.isoformat()}")
    assert [f[3].split(", ", 1)[1] for f in lint_map(text, CODE)] == expected


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_settled_opportunities_are_exempt(lint_map: LintMap, status: str) -> None:
    text = rule.FAILING.replace("status: in-progress", f"status: {status}")
    assert lint_map(text, CODE) == []


def test_an_opportunity_without_a_due_date_is_not_checked(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING.replace("    due: 2025-06-30\n", ""), CODE) == []


def test_the_date_is_today_of_the_run(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE, today=datetime.date(2025, 6, 1)) == []
