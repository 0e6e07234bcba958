"""CJM132 moment-of-truth-unexplained."""

from __future__ import annotations

import pytest

from cjm.lint.rules import moment_of_truth_unexplained as rule

from .branched import BRANCHED
from .conftest import LintMap

CODE = rule.CODE
DIP = "emotion-dip-unexplained"


def _message(step: str, score: int, who: str) -> str:
    return (
        f"moment of truth '{step}' scores {score} for {who} but no pain point there says "
        "what goes wrong"
    )


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [(18, 35, CODE, _message("receive-card", -2, "'tom'"))]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


def test_the_dip_is_reported_once_by_this_rule_not_by_the_dip_rule(lint_map: LintMap) -> None:
    assert [f[2] for f in lint_map(rule.FAILING, CODE, DIP)] == [CODE]


def test_a_pain_point_for_another_persona_does_not_explain_it(lint_map: LintMap) -> None:
    text = rule.PASSING.replace("personas: [tom]", "personas: [nadia]")
    assert lint_map(text, CODE) == [(18, 35, CODE, _message("receive-card", -2, "'tom'"))]


@pytest.mark.parametrize("score", ["-1", "-2"])
def test_every_negative_score_counts_whatever_the_dip_threshold(
    lint_map: LintMap, score: str
) -> None:
    text = rule.FAILING.replace("tom: -2", f"tom: {score}")
    config = "lint:\n  options:\n    emotion-dip-unexplained: {threshold: -2}\n"
    assert lint_map(text, CODE, config=config) == [
        (18, 35, CODE, _message("receive-card", int(score), "'tom'"))
    ]


def test_neutral_and_positive_scores_are_fine(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING.replace("tom: -2", "tom: 0"), CODE) == []


def test_a_step_that_is_not_a_moment_of_truth_is_left_to_the_dip_rule(lint_map: LintMap) -> None:
    text = rule.FAILING.replace(
        "moment_of_truth: The card is the first proof the account exists", "moment_of_truth: false"
    )
    assert [f[2] for f in lint_map(text, CODE, DIP)] == ["CJM106"]


def test_personas_sharing_the_emotion_are_reported_together(lint_map: LintMap) -> None:
    text = rule.FAILING.replace("emotions: {nadia: 1, tom: -2}", "emotion: -1")
    assert lint_map(text, CODE) == [
        (18, 18, CODE, _message("receive-card", -1, "'nadia' and 'tom'"))
    ]


def test_pain_points_of_the_stage_and_spanning_ones_explain_it(lint_map: LintMap) -> None:
    text = BRANCHED.replace(
        "{id: upload-id, action: Uploads an ID,",
        "{id: upload-id, moment_of_truth: true, action: U,",
    ).replace(
        "{id: get-decision, action: Gets the decision,",
        "{id: get-decision, moment_of_truth: true, action: G,",
    )
    assert lint_map(text, CODE) == []
    unspanned = text.replace(",\n             spans: [get-decision]}", "}")
    assert lint_map(unspanned, CODE) == [
        (38, 91, CODE, _message("get-decision", -1, "'nadia' and 'tom'"))
    ]
