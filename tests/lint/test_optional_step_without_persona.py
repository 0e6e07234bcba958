"""CJM127 optional-step-without-persona."""

from __future__ import annotations

from cjm.diagnostics import Severity
from cjm.lint.rules import optional_step_without_persona as rule

from .branched import BRANCHED, on_branch_step
from .conftest import LintFiles, LintMap

CODE = rule.CODE


def _message(step: str) -> str:
    return f"optional step '{step}' does not say which personas take it"


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [(16, 9, CODE, _message("visit-branch"))]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


def test_it_is_a_warning_with_a_hint(lint_files: LintFiles) -> None:
    result = lint_files({"map.yaml": rule.FAILING}, select=[CODE])
    [diagnostic] = result.diagnostics
    assert diagnostic.severity is Severity.WARNING
    assert diagnostic.hint is not None and "`personas:`" in diagnostic.hint


def test_per_persona_emotions_say_who_takes_it(lint_map: LintMap) -> None:
    text = rule.FAILING.replace("        emotion: 0\n", "        emotions: {tom: 0}\n")
    assert lint_map(text, CODE) == []


def test_a_step_that_is_not_optional_is_not_checked(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING.replace("optional: true", "optional: false"), CODE) == []
    assert lint_map(rule.FAILING.replace("        optional: true\n", ""), CODE) == []


def test_a_map_with_one_persona_is_not_checked(lint_map: LintMap) -> None:
    text = rule.FAILING.replace(", {id: tom, name: Tom}", "")
    assert lint_map(text, CODE) == []


def test_optional_steps_of_branches_are_checked(lint_map: LintMap) -> None:
    assert lint_map(BRANCHED, CODE) == []
    assert lint_map(on_branch_step("optional: true"), CODE) == [
        (27, 13, CODE, _message("retake-photo"))
    ]
