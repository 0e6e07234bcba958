"""CJM109 step-without-emotion."""

from __future__ import annotations

from cjm.lint.rules import step_without_emotion as rule

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
personas: [{id: olivia, name: Olivia}, {id: farid, name: Farid}, {id: ines, name: Ines}]
stages:
  - id: try
    name: Try
    steps:
"""


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [
        (14, 9, CODE, "step 'compare-plans' has no emotion score for 'farid'")
    ]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


def test_a_step_without_any_emotion_names_every_persona(lint_map: LintMap) -> None:
    text = HEAD + "      - {id: a, action: A}\n"
    assert lint_map(text, CODE) == [
        (12, 9, CODE, "step 'a' has no emotion score for 'olivia', 'farid' and 'ines'")
    ]


def test_a_shared_emotion_covers_everyone_without_an_own_entry(lint_map: LintMap) -> None:
    text = HEAD + "      - {id: a, action: A, emotion: 0, emotions: {farid: -1}}\n"
    assert lint_map(text, CODE) == []


def test_only_personas_who_take_the_step_need_an_emotion(lint_map: LintMap) -> None:
    text = HEAD + (
        "      - {id: a, action: A, personas: [olivia, ines], emotions: {olivia: 1}}\n"
        "      - {id: b, action: B, personas: [farid], emotions: {farid: 1}}\n"
    )
    assert lint_map(text, CODE) == [(12, 9, CODE, "step 'a' has no emotion score for 'ines'")]


def test_an_entry_for_an_unknown_persona_covers_nobody(lint_map: LintMap) -> None:
    text = HEAD + (
        "      - {id: a, action: A, emotions: {olivia: 1, farid: 1, nobody: 1}}\n"
        "  - id: later\n"
        "    name: Later\n"
        "    steps:\n"
        "      - {id: b, action: B, emotions: {olivia: 1, farid: 1, ines: 1}}\n"
        "      - {id: c, action: C, emotions: {olivia: 1, ines: 1}}\n"
    )
    assert lint_map(text, CODE) == [
        (12, 9, CODE, "step 'a' has no emotion score for 'ines'"),
        (17, 9, CODE, "step 'c' has no emotion score for 'farid'"),
    ]


def test_branch_steps_are_checked(lint_map: LintMap) -> None:
    text = BRANCHED.replace("            emotion: -2\n", "")
    assert lint_map(text, CODE) == [
        (23, 13, CODE, "step 'retake-photo' has no emotion score for 'nadia' and 'tom'")
    ]
