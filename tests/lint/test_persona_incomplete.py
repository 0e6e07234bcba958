"""persona-incomplete: personas without the fields that explain behaviour."""

from __future__ import annotations

from cjm.lint.rules import persona_incomplete as RULE

from .conftest import LintFiles, LintMap, findings

CODE = RULE.CODE


def _map(personas: str) -> str:
    return f"""\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{{id: growth, name: Growth}}]
personas:
{personas}stages:
  - id: consider
    name: Consider
    steps:
      - {{id: compare-plans, action: Compares plans}}
"""


def _options(values: str) -> str:
    return f"lint:\n  options:\n    persona-incomplete: {values}\n"


def test_failing_example_finds_the_missing_frustrations(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [(9, 5, CODE, "persona 'olivia' has no frustrations")]


def test_passing_example_is_clean(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


def test_a_persona_with_neither_goals_nor_frustrations(lint_map: LintMap) -> None:
    text = _map("  - {id: olivia, name: Olivia}\n  - {id: sam, name: Sam, goals: [Save time]}\n")
    assert lint_map(text, CODE) == [
        (8, 5, CODE, "persona 'olivia' has no goals and no frustrations"),
        (9, 5, CODE, "persona 'sam' has no frustrations"),
    ]


def test_an_empty_list_counts_as_missing(lint_map: LintMap) -> None:
    text = _map("  - {id: olivia, name: Olivia, goals: [], frustrations: [Slow exports]}\n")
    assert lint_map(text, CODE) == [(8, 5, CODE, "persona 'olivia' has no goals")]


def test_shared_personas_are_checked_in_their_definitions_file(lint_files: LintFiles) -> None:
    shared = """\
personas:
  - id: olivia
    name: Olivia
    goals: [Plan staffing]
    frustrations: [Spreadsheets]
  - id: sam
    name: Sam
    frustrations: [Slow exports]
"""
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["maps/*.yaml"]\ndefinitions: ["shared/*.yaml"]\n',
            "shared/personas.yaml": shared,
            "maps/trial.yaml": _map("  - olivia\n  - sam\n"),
        },
        select=[CODE],
    )
    assert [(d.path, d.line, d.column, d.code.code, d.message) for d in result.diagnostics] == [
        ("shared/personas.yaml", 6, 5, CODE, "persona 'sam' has no goals"),
    ]


def test_required_fields_come_from_the_options(lint_map: LintMap) -> None:
    text = _map("  - {id: olivia, name: Olivia, frustrations: [Slow exports]}\n")
    config = _options("{required: [goals, churn_risks, frustrations, decision_habits]}")
    assert lint_map(text, CODE, config=config) == [
        (8, 5, CODE, "persona 'olivia' has no goals, no churn risks and no decision habits")
    ]


def test_no_required_fields_checks_nothing(lint_map: LintMap) -> None:
    text = _map("  - {id: olivia, name: Olivia}\n")
    assert lint_map(text, CODE, config=_options("{required: []}")) == []


def test_a_field_that_is_not_a_persona_list_is_refused(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["map.yaml"]\n' + _options("{required: [goals, name]}"),
            "map.yaml": RULE.PASSING,
        },
        select=[CODE],
    )
    assert result.config_failed
    assert findings(result) == [
        (
            4,
            44,
            "CJM005",
            "'name' is not a persona field the rule can ask for; use one of: goals, "
            "frustrations, behaviours, decision_habits, motivations, churn_risks, evidence, "
            "role, image",
        )
    ]


def test_required_must_be_a_list(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["map.yaml"]\n' + _options("{required: goals}"),
            "map.yaml": RULE.PASSING,
        },
        select=[CODE],
    )
    assert result.config_failed
    assert findings(result) == [
        (4, 36, "CJM004", "required must be a list, not the text 'goals'"),
    ]


def test_role_and_image_can_be_required(lint_map: LintMap) -> None:
    text = RULE.PASSING.replace(
        "    name: Ops Olivia\n", "    name: Ops Olivia\n    role: Operations manager\n"
    )
    assert "role: Operations manager" in text
    assert [f[3] for f in lint_map(RULE.PASSING, CODE, config=_options("{required: [role]}"))] == [
        "persona 'olivia' has no role"
    ]
    found = lint_map(text, CODE, config=_options("{required: [role, image]}"))
    assert [f[3] for f in found] == ["persona 'olivia' has no image"]


def test_the_hint_asks_for_research_only_for_what_research_tells(lint_files: LintFiles) -> None:
    config = 'format: "1.0"\nmaps: ["map.yaml"]\n' + _options("{required: [image]}")
    result = lint_files({"cjm.yaml": config, "map.yaml": RULE.PASSING}, select=[CODE])
    assert [d.hint for d in result.diagnostics] == ["add `image:`"]
