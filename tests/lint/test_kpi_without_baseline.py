"""CJM131 kpi-without-baseline."""

from __future__ import annotations

from cjm.diagnostics import Severity
from cjm.lint.rules import kpi_without_baseline as rule

from .branched import on_branch_step
from .conftest import LintFiles, LintMap

CODE = rule.CODE


def _message(kpi: str, where: str) -> str:
    return (
        f"KPI '{kpi}' of {where} has a target but no baseline: nobody can tell how far it has moved"
    )


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [
        (13, 9, CODE, _message("trial-starts", "stage 'consider'"))
    ]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


def test_it_is_an_info_that_says_what_to_add(lint_files: LintFiles) -> None:
    result = lint_files({"map.yaml": rule.FAILING}, select=[CODE])
    [diagnostic] = result.diagnostics
    assert diagnostic.severity is Severity.INFO
    assert diagnostic.hint is not None and "`baseline_date:`" in diagnostic.hint


def test_a_kpi_without_a_target_is_left_to_kpi_without_target(lint_map: LintMap) -> None:
    text = rule.FAILING.replace("target: 400, ", "")
    assert lint_map(text, CODE) == []


def test_a_baseline_of_zero_is_a_baseline(lint_map: LintMap) -> None:
    text = rule.FAILING.replace("target: 400,", "baseline: 0, target: 400,")
    assert lint_map(text, CODE) == []


def test_kpis_of_branch_steps_are_checked(lint_map: LintMap) -> None:
    text = on_branch_step("kpis: [{id: retakes, name: Retakes per application, target: 1}]")
    assert lint_map(text, CODE) == [(27, 20, CODE, _message("retakes", "step 'retake-photo'"))]
