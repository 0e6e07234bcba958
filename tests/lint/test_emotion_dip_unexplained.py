"""CJM106 emotion-dip-unexplained."""

from __future__ import annotations

import pytest

from cjm.check import CheckResult
from cjm.lint.rules import emotion_dip_unexplained as rule

from .conftest import LintFiles, LintMap

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


def _step(*lines: str) -> str:
    """HEAD with one step ``a`` (line 12) whose further lines start on line 14."""
    body = "".join(f"        {line}\n" for line in lines)
    return HEAD + "      - id: a\n        action: A\n" + body


def _message(score: int, who: str) -> str:
    return f"step 'a' scores {score} for {who} but no pain point there says why"


def _threshold(value: str) -> str:
    return f"lint:\n  options:\n    emotion-dip-unexplained: {{threshold: {value}}}\n"


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [
        (17, 18, CODE, "step 'sign-up' scores -1 for 'olivia' but no pain point there says why")
    ]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


def test_personas_sharing_the_emotion_are_reported_once_together(lint_map: LintMap) -> None:
    text = _step("emotion: -2")
    assert lint_map(text, CODE) == [(14, 18, CODE, _message(-2, "'olivia', 'farid' and 'ines'"))]


def test_a_pain_point_explains_the_dip_only_for_its_personas(lint_map: LintMap) -> None:
    text = _step(
        "emotion: -2",
        "emotions:",
        "  farid: {score: -1, label: wary}",
        "pain_points:",
        "  - {id: p, summary: P, severity: low, personas: [olivia]}",
    )
    assert lint_map(text, CODE) == [
        (14, 18, CODE, _message(-2, "'ines'")),
        (16, 18, CODE, _message(-1, "'farid'")),
    ]


def test_a_pain_point_without_personas_explains_the_dip_for_everyone(lint_map: LintMap) -> None:
    text = _step(
        "emotion: -2",
        "emotions: {farid: -1}",
        "pain_points: [{id: p, summary: P, severity: low}]",
    )
    assert lint_map(text, CODE) == []


def test_personas_who_do_not_take_the_step_are_left_out(lint_map: LintMap) -> None:
    text = _step("personas: [farid]", "emotion: -1", "emotions: {olivia: -2}")
    assert lint_map(text, CODE) == [(15, 18, CODE, _message(-1, "'farid'"))]


def test_emotions_of_unknown_personas_and_missing_emotions_are_left_to_other_rules(
    lint_map: LintMap,
) -> None:
    text = _step("emotions: {nobody: -2}")
    assert lint_map(text, CODE) == []


def test_each_step_is_checked(lint_map: LintMap) -> None:
    text = (
        _step("emotions: {olivia: 1, farid: 2, ines: 0}")
        + "      - {id: b, action: B, emotion: -1, personas: [ines]}\n"
    )
    assert lint_map(text, CODE) == [
        (15, 37, CODE, "step 'b' scores -1 for 'ines' but no pain point there says why")
    ]


ALL_THREE = [(15, 28, 0, "'olivia'"), (15, 38, -1, "'farid'"), (15, 48, -2, "'ines'")]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (None, ALL_THREE[1:]),
        (_threshold("0"), ALL_THREE),
        (_threshold("-2"), ALL_THREE[2:]),
        (_threshold("1"), ALL_THREE),
    ],
)
def test_the_threshold_sets_what_counts_as_a_dip(
    lint_map: LintMap, config: str | None, expected: list[tuple[int, int, int, str]]
) -> None:
    text = _step("emotion: 2", "emotions: {olivia: 0, farid: -1, ines: -2}")
    assert lint_map(text, CODE, config=config) == [
        (line, column, CODE, _message(score, who)) for line, column, score, who in expected
    ]


def _located(result: CheckResult) -> list[tuple[str, int, int, str, str]]:
    return [(d.path, d.line, d.column, d.code.code, d.message) for d in result.diagnostics]


@pytest.mark.parametrize(
    ("value", "column", "code", "message"),
    [
        ("2", 42, "CJM005", "threshold 2 is out of range: it must be from -2 to +1"),
        ("low", 42, "CJM004", "threshold must be a whole number, not the text 'low'"),
    ],
)
def test_an_invalid_threshold_is_reported_in_cjm_yaml(
    lint_files: LintFiles, value: str, column: int, code: str, message: str
) -> None:
    result = lint_files(
        {"cjm.yaml": 'maps: ["map.yaml"]\n' + _threshold(value), "map.yaml": rule.PASSING},
        select=[CODE],
    )
    assert result.config_failed
    assert _located(result) == [("cjm.yaml", 4, column, code, message)]


def test_a_pain_point_spanning_the_step_explains_the_dip(lint_map: LintMap) -> None:
    text = (
        _step("emotion: -1", "pain_points: [{id: wait, summary: W, severity: high, spans: [b]}]")
        + "      - {id: b, action: B, emotion: -2}\n"
        + "      - {id: c, action: C, emotion: -1}\n"
    )
    assert lint_map(text, CODE) == [
        (
            17,
            37,
            CODE,
            "step 'c' scores -1 for 'olivia', 'farid' and 'ines' but no pain point there says why",
        )
    ]


def test_a_pain_point_of_the_stage_explains_the_dips_of_all_its_steps(lint_map: LintMap) -> None:
    text = (_step("emotion: -2") + "      - {id: b, action: B, emotion: -1}\n").replace(
        "    name: Try\n",
        "    name: Try\n    pain_points: [{id: slow, summary: S, severity: low}]\n",
    )
    assert lint_map(text, CODE) == []


def test_a_spanning_pain_point_for_some_personas_explains_only_theirs(lint_map: LintMap) -> None:
    text = (
        _step(
            "emotion: 0",
            "pain_points: [{id: w, summary: W, severity: high, spans: [b], personas: [farid]}]",
        )
        + "      - {id: b, action: B, emotions: {farid: -2, ines: -1}}\n"
    )
    assert lint_map(text, CODE) == [
        (16, 56, CODE, "step 'b' scores -1 for 'ines' but no pain point there says why")
    ]


def test_dips_on_branch_steps_are_checked(lint_map: LintMap) -> None:
    text = _step("emotion: 1") + (
        "    branches:\n"
        "      - id: declined\n"
        "        condition: Card declined\n"
        "        after: a\n"
        "        steps:\n"
        "          - {id: retry, action: Retries, emotion: -2}\n"
    )
    assert lint_map(text, CODE) == [
        (
            20,
            51,
            CODE,
            "step 'retry' scores -2 for 'olivia', 'farid' and 'ines' but no pain "
            "point there says why",
        )
    ]


def test_a_moment_of_truth_is_left_to_its_own_rule(lint_map: LintMap) -> None:
    text = _step("emotion: -2", "moment_of_truth: The card arrives, or not")
    assert lint_map(text, CODE) == []
    assert lint_map(text.replace("moment_of_truth: The", "moment_of_truth: false  #"), CODE) == [
        (14, 18, CODE, _message(-2, "'olivia', 'farid' and 'ines'"))
    ]
