"""CJM101 stage-without-touchpoints."""

from __future__ import annotations

from cjm.lint.rules import stage_without_touchpoints as rule

from .conftest import LintMap

CODE = rule.CODE


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [
        (
            15,
            5,
            CODE,
            "stage 'decide' has no touchpoint: none of its steps says where the customer "
            "meets the business",
        )
    ]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


def test_a_stage_without_steps_has_no_touchpoint(lint_map: LintMap) -> None:
    text = rule.PASSING + "  - {id: later, name: Later, steps: []}\n"
    assert [f[:3] for f in lint_map(text, CODE)] == [(21, 5, CODE)]


def test_one_step_with_a_touchpoint_is_enough(lint_map: LintMap) -> None:
    text = rule.PASSING.replace(
        "      - {id: ask-budget,", "      - {id: wait, action: Waits}\n      - {id: ask-budget,"
    )
    assert lint_map(text, CODE) == []
