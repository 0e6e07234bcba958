"""CJM101 stage-without-touchpoints."""

from __future__ import annotations

from cjm.lint.rules import stage_without_touchpoints as rule

from .branched import BRANCHED
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


def test_a_touchpoint_on_a_branch_step_counts_for_the_stage(lint_map: LintMap) -> None:
    text = BRANCHED.replace("touchpoints: [app], emotion: 0}", "emotion: 0}").replace(
        "touchpoints: [app], emotion: -1}\n    branches", "emotion: -1}\n    branches"
    )
    assert "touchpoints: [app]\n            emotion: -2" in text
    assert lint_map(text, CODE) == []
    no_branch_touchpoint = text.replace(
        "touchpoints: [app]\n            emotion: -2", "emotion: -2"
    )
    assert [f[:3] for f in lint_map(no_branch_touchpoint, CODE)] == [(11, 5, CODE)]
