"""CJM129 fail-point-without-pain-point."""

from __future__ import annotations

import pytest

from cjm.lint.rules import fail_point_without_pain_point as rule

from .branched import BRANCHED, on_branch_step
from .conftest import LintMap

CODE = rule.CODE


def _message(step: str) -> str:
    return (
        f"step '{step}' is a fail point but no pain point covers it: what the failure costs "
        "the customer is not said"
    )


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [(19, 9, CODE, _message("upload-id"))]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


@pytest.mark.parametrize("flag", ["true", "'The check times out'"])
def test_true_or_a_reason_marks_a_fail_point(lint_map: LintMap, flag: str) -> None:
    text = rule.FAILING.replace(
        "fail_point: The check rejects photos taken in low light", f"fail_point: {flag}"
    )
    assert lint_map(text, CODE) == [(19, 9, CODE, _message("upload-id"))]


def test_false_is_no_fail_point(lint_map: LintMap) -> None:
    text = rule.FAILING.replace(
        "fail_point: The check rejects photos taken in low light", "fail_point: false"
    )
    assert lint_map(text, CODE) == []


def test_pain_points_of_the_stage_and_spanning_ones_cover_the_step(lint_map: LintMap) -> None:
    # 'upload-id' is covered by the stage's pain point, 'get-decision' by the one spanning it.
    text = BRANCHED.replace(
        "{id: upload-id, action: Uploads an ID,", "{id: upload-id, fail_point: true, action: Up,"
    ).replace(
        "{id: get-decision, action: Gets the decision,",
        "{id: get-decision, fail_point: true, action: Gets it,",
    )
    assert lint_map(text, CODE) == []
    unspanned = text.replace(",\n             spans: [get-decision]}", "}")
    assert lint_map(unspanned, CODE) == [(38, 28, CODE, _message("get-decision"))]


def test_fail_points_on_branch_steps_are_checked(lint_map: LintMap) -> None:
    assert lint_map(on_branch_step("fail_point: true"), CODE) == []
    text = on_branch_step("fail_point: true").replace(
        "            pain_points:\n"
        "              - {id: blurry, summary: Photos are rejected without a reason, "
        "severity: high}\n",
        "",
    )
    assert lint_map(text, CODE) == [], "the stage's pain point covers its branch steps too"
    text = text.replace(
        "    pain_points:\n      - {id: long-form, summary: The form is long, severity: medium}\n",
        "",
    )
    assert lint_map(text, CODE) == [(25, 13, CODE, _message("retake-photo"))]
