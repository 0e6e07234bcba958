"""CJM130 opportunity-without-kpi."""

from __future__ import annotations

import pytest

from cjm.diagnostics import Severity
from cjm.lint.rules import opportunity_without_kpi as rule

from .conftest import LintFiles, LintMap

CODE = rule.CODE


def _message(opportunity: str) -> str:
    return (
        f"opportunity '{opportunity}' names no KPI it should move: nobody will be able to "
        "tell whether it worked"
    )


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [(23, 5, CODE, _message("import-preview"))]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


def test_it_is_an_info(lint_files: LintFiles) -> None:
    result = lint_files({"map.yaml": rule.FAILING}, select=[CODE])
    assert [d.severity for d in result.diagnostics] == [Severity.INFO]


@pytest.mark.parametrize("status", ["idea", "planned", "in-progress"])
def test_opportunities_still_to_deliver_are_checked(lint_map: LintMap, status: str) -> None:
    text = rule.FAILING.replace("status: planned", f"status: {status}")
    assert lint_map(text, CODE) == [(23, 5, CODE, _message("import-preview"))]


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_done_and_dropped_opportunities_are_exempt(lint_map: LintMap, status: str) -> None:
    text = rule.FAILING.replace("status: planned", f"status: {status}")
    assert lint_map(text, CODE) == []


def test_an_empty_list_names_no_kpi(lint_map: LintMap) -> None:
    text = rule.PASSING.replace("kpis: [import-success]", "kpis: []")
    assert lint_map(text, CODE) == [(23, 5, CODE, _message("import-preview"))]


def test_each_opportunity_is_reported(lint_map: LintMap) -> None:
    text = rule.PASSING + (
        "  - {id: date-hint, summary: Show the expected date format, addresses: [import-fails]}\n"
        "  - {id: video, summary: Record a how-to video, stage: try}\n"
    )
    assert lint_map(text, CODE) == [
        (28, 5, CODE, _message("date-hint")),
        (29, 5, CODE, _message("video")),
    ]
