"""CJM128 branch-without-condition."""

from __future__ import annotations

import pytest

from cjm.lint.rules import branch_without_condition as rule

from .branched import BRANCHED
from .conftest import LintMap

CODE = rule.CODE
MESSAGE = "branch 'retry' of stage 'pay' does not say when customers take it"


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [(17, 9, CODE, MESSAGE)]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


@pytest.mark.parametrize("blank", ["''", '"   "', "null"])
def test_a_blank_condition_is_reported_at_its_key(lint_map: LintMap, blank: str) -> None:
    text = rule.PASSING.replace("condition: Card declined", f"condition: {blank}")
    assert lint_map(text, CODE) == [(18, 9, CODE, MESSAGE)]


def test_every_branch_of_every_stage_is_checked(lint_map: LintMap) -> None:
    text = BRANCHED.replace("        condition: The ID photo is rejected\n", "") + (
        "    branches:\n"
        "      - id: call-bank\n"
        "        after: get-decision\n"
        "        steps:\n"
        "          - {id: call, action: Calls the bank, emotion: -1}\n"
        "      - id: wait-more\n"
        "        condition: No decision after two days\n"
        "        steps:\n"
        "          - {id: wait-again, action: Waits again, emotion: -1}\n"
    )
    assert lint_map(text, CODE) == [
        (19, 9, CODE, "branch 'id-rejected' of stage 'apply' does not say when customers take it"),
        (40, 9, CODE, "branch 'call-bank' of stage 'verify' does not say when customers take it"),
    ]
