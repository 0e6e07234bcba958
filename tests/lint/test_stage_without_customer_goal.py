"""stage-without-customer-goal: every stage says what the customer wants to get done."""

from __future__ import annotations

import pytest

from cjm.lint.rules import stage_without_customer_goal as RULE

from .conftest import LintFiles, LintMap

CODE = RULE.CODE

HEAD = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
stages:
"""


def _message(stage: str) -> str:
    return f"stage '{stage}' does not say what the customer wants to get done in it"


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [(11, 5, CODE, _message("consider"))]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


def test_every_stage_without_a_goal_is_reported(lint_map: LintMap) -> None:
    text = HEAD + (
        "  - {id: discover, name: Discover}\n"
        "  - {id: try, name: Try, customer_goal: See her own plan in the tool}\n"
        "  - id: buy\n"
        "    name: Buy\n"
        "    business_goal: Close within 21 days\n"
    )
    assert lint_map(text, CODE) == [
        (9, 5, CODE, _message("discover")),
        (11, 5, CODE, _message("buy")),
    ]


@pytest.mark.parametrize("blank", ['""', '"   "'])
def test_a_blank_goal_is_pointed_at(lint_map: LintMap, blank: str) -> None:
    text = HEAD + f"  - id: try\n    name: Try\n    customer_goal: {blank}\n"
    assert lint_map(text, CODE) == [(11, 5, CODE, _message("try"))]


@pytest.mark.parametrize("map_type", ["future-state", "day-in-the-life", "service-blueprint"])
def test_every_type_of_map_is_checked(lint_map: LintMap, map_type: str) -> None:
    text = HEAD.replace("current-state", map_type) + "  - {id: try, name: Try}\n"
    assert lint_map(text, CODE) == [(9, 5, CODE, _message("try"))]


def test_the_hint_says_what_to_write(lint_files: LintFiles) -> None:
    result = lint_files({"map.yaml": RULE.FAILING}, select=[CODE])
    assert [d.hint for d in result.diagnostics] == [
        "add `customer_goal:` in the customer's words: what they want to have done by the "
        "end of the stage"
    ]
