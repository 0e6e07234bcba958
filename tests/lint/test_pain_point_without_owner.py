"""CJM102 pain-point-without-owner."""

from __future__ import annotations

from cjm.lint.rules import pain_point_without_owner as rule

from .branched import BRANCHED
from .conftest import LintMap

CODE = rule.CODE

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


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [
        (
            19,
            13,
            CODE,
            "pain point 'import-fails' has no owner: no team is accountable for fixing it",
        )
    ]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


def test_every_unowned_pain_point_in_every_stage_is_reported_in_order(lint_map: LintMap) -> None:
    text = HEAD + (
        "  - id: one\n"  # 9
        "    name: One\n"
        "    steps:\n"
        "      - id: a\n"  # 12
        "        action: A\n"
        "        pain_points:\n"
        "          - {id: first, summary: First, severity: low}\n"  # 15
        "          - {id: owned, summary: Owned, severity: low, owner: growth}\n"
        "  - id: two\n"
        "    name: Two\n"
        "    steps: []\n"
        "  - id: three\n"  # 20
        "    name: Three\n"
        "    steps:\n"
        "      - {id: b, action: B}\n"
        "      - id: c\n"
        "        action: C\n"  # 25
        "        pain_points:\n"
        "          - {id: second, summary: Second, severity: critical, status: resolved}\n"
    )
    message = "pain point '{}' has no owner: no team is accountable for fixing it"
    assert lint_map(text, CODE) == [
        (15, 13, CODE, message.format("first")),
        (27, 13, CODE, message.format("second")),
    ]


def test_an_owner_that_does_not_exist_is_left_to_unknown_reference(lint_map: LintMap) -> None:
    text = HEAD + (
        "  - id: one\n"
        "    name: One\n"
        "    steps:\n"
        "      - id: a\n"
        "        action: A\n"
        "        pain_points:\n"
        "          - {id: first, summary: First, severity: low, owner: growht}\n"
    )
    assert lint_map(text, CODE, "unknown-reference") == [
        (15, 63, "CJM103", "unknown team 'growht'; did you mean 'growth'?")
    ]


def test_pain_points_of_stages_and_branch_steps_are_checked(lint_map: LintMap) -> None:
    message = "pain point '{}' has no owner: no team is accountable for fixing it"
    assert lint_map(BRANCHED, CODE) == [
        (14, 9, CODE, message.format("long-form")),
        (28, 17, CODE, message.format("blurry")),
        (37, 13, CODE, message.format("kyc-wait")),
    ]
