"""opportunity-incomplete: opportunities nobody owns or has sized."""

from __future__ import annotations

import pytest

from cjm.lint.rules import opportunity_incomplete as RULE

from .conftest import LintFiles, LintMap, findings

CODE = RULE.CODE


def _map(opportunities: str) -> str:
    return f"""\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{{id: growth, name: Growth}}]
personas: [{{id: olivia, name: Olivia}}]
stages:
  - id: try
    name: Try
    steps:
      - id: import-plan
        action: Imports her plan
        pain_points: [{{id: import-fails, summary: Dates break, severity: high}}]
opportunities:
{opportunities}"""


def _options(values: str) -> str:
    return f"lint:\n  options:\n    opportunity-incomplete: {values}\n"


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [
        (20, 5, CODE, "opportunity 'import-preview' has no owner and no effort estimate")
    ]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


def test_every_missing_field_is_named_once(lint_map: LintMap) -> None:
    text = _map(
        "  - {id: a, summary: A, addresses: [import-fails]}\n"
        "  - {id: b, summary: B, addresses: [import-fails], owner: growth, impact: low}\n"
        "  - {id: c, summary: C, addresses: [import-fails], owner: growth, effort: low}\n"
        "  - {id: d, summary: D, owner: growth, effort: low, impact: high, stage: try}\n"
    )
    assert lint_map(text, CODE) == [
        (16, 5, CODE, "opportunity 'a' has no owner, no effort estimate and no impact estimate"),
        (17, 5, CODE, "opportunity 'b' has no effort estimate"),
        (18, 5, CODE, "opportunity 'c' has no impact estimate"),
    ]


def test_the_hint_says_what_to_add(lint_files: LintFiles) -> None:
    result = lint_files(
        {"map.yaml": _map("  - {id: a, summary: A, addresses: [import-fails]}\n")},
        select=[CODE],
    )
    assert [d.hint for d in result.diagnostics] == [
        "add `owner:` (the team that would deliver it), `effort:` (low, medium or high) "
        "and `impact:` (low, medium or high)"
    ]


@pytest.mark.parametrize("status", ["idea", "planned", "in-progress"])
def test_opportunities_still_to_deliver_are_checked(lint_map: LintMap, status: str) -> None:
    text = _map(f"  - {{id: a, summary: A, owner: growth, impact: low, status: {status}}}\n")
    assert lint_map(text, CODE) == [(16, 5, CODE, "opportunity 'a' has no effort estimate")]


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_done_and_dropped_opportunities_are_exempt(lint_map: LintMap, status: str) -> None:
    text = _map(f"  - {{id: a, summary: A, status: {status}}}\n")
    assert lint_map(text, CODE) == []


def test_required_fields_come_from_the_options(lint_map: LintMap) -> None:
    text = _map(
        "  - {id: a, summary: A, owner: growth, effort: low}\n"
        "  - {id: b, summary: B, owner: growth, effort: low, description: '  '}\n"
        "  - id: c\n"
        "    summary: C\n"
        "    description: Show a preview before importing.\n"
    )
    config = _options("{required: [description, effort, description]}")
    assert lint_map(text, CODE, config=config) == [
        (16, 5, CODE, "opportunity 'a' has no description"),
        (17, 5, CODE, "opportunity 'b' has no description"),
        (18, 5, CODE, "opportunity 'c' has no effort estimate"),
    ]


def test_no_required_fields_checks_nothing(lint_map: LintMap) -> None:
    text = _map("  - {id: a, summary: A}\n")
    assert lint_map(text, CODE, config=_options("{required: []}")) == []


def test_a_field_the_rule_cannot_ask_for_is_refused(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["map.yaml"]\n' + _options("{required: [owner, summary]}"),
            "map.yaml": RULE.PASSING,
        },
        select=[CODE],
    )
    assert result.config_failed
    assert findings(result) == [(4, 48, "CJM005", "'summary' is not a valid required")]
    assert result.diagnostics[0].hint == (
        "expected one of: owner, effort, impact, description, evidence, kpis, due, release, "
        "due-or-release, links"
    )


def test_work_item_fields_can_be_required(lint_map: LintMap) -> None:
    text = _map(
        "  - {id: a, summary: A}\n"
        "  - id: b\n"
        "    summary: B\n"
        "    evidence: [import-tickets]\n"
        "    kpis: [import-success]\n"
        "    release: '2027.2'\n"
        "    links: [{url: 'https://tracker.example.com/browse/PAY-123', key: PAY-123}]\n"
        "  - {id: c, summary: C, due: 2027-03-01, evidence: [], links: []}\n"
    )
    config = _options("{required: [evidence, kpis, due-or-release, links]}")
    assert lint_map(text, CODE, config=config) == [
        (
            16,
            5,
            CODE,
            "opportunity 'a' has no evidence, no KPI to move, neither a due date nor a "
            "release and no link to where the work is tracked",
        ),
        (
            23,
            5,
            CODE,
            "opportunity 'c' has no evidence, no KPI to move and no link to where the work "
            "is tracked",
        ),
    ]


def test_due_and_release_can_each_be_required(lint_files: LintFiles) -> None:
    text = _map("  - {id: a, summary: A, due: 2027-03-01}\n  - {id: b, summary: B, release: R2}\n")
    result = lint_files(
        {
            "cjm.yaml": 'format: "1.0"\nmaps: ["map.yaml"]\n'
            + _options("{required: [due, release]}"),
            "map.yaml": text,
        },
        select=[CODE],
    )
    assert [(d.message, d.hint) for d in result.diagnostics] == [
        ("opportunity 'a' has no release", "add `release:`"),
        ("opportunity 'b' has no due date", "add `due:` (YYYY-MM-DD)"),
    ]
