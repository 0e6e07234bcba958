"""kpi-without-target: every KPI of a stage or a step names the value the team aims for."""

from __future__ import annotations

from cjm.lint.rules import kpi_without_target as RULE

from .branched import on_branch_step
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
"""


def _message(kpi: str, where: str) -> str:
    return f"no target for KPI '{kpi}' of {where}: nobody can tell whether its value is good or bad"


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [
        (14, 9, CODE, _message("trial-starts", "stage 'consider'"))
    ]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


def test_kpis_of_stages_and_steps_are_reported_in_document_order(lint_map: LintMap) -> None:
    text = HEAD + (
        "stages:\n"
        "  - id: consider\n"
        "    name: Consider\n"
        "    kpis:\n"
        "      - {id: visits, name: Pricing page visits, target: 5000}\n"
        "      - {id: trial-starts, name: Visitors who start a trial}\n"
        "    steps:\n"
        "      - id: compare-plans\n"
        "        action: Compares plans\n"
        "        kpis:\n"
        "          - id: time-on-page\n"
        "            name: Time on the pricing page\n"
        "            actual: 95\n"
        "            unit: s\n"
        "  - id: decide\n"
        "    name: Decide\n"
        "    steps:\n"
        "      - id: request-quote\n"
        "        action: Requests a quote\n"
        "        kpis: [{id: quote-time, name: Hours to quote, target: 24, better: lower}]\n"
        "      - id: ask-budget\n"
        "        action: Asks for budget\n"
        "        kpis: [{id: approvals, name: Approved budgets}]\n"
    )
    assert lint_map(text, CODE) == [
        (13, 9, CODE, _message("trial-starts", "stage 'consider'")),
        (18, 13, CODE, _message("time-on-page", "step 'compare-plans'")),
        (30, 16, CODE, _message("approvals", "step 'ask-budget'")),
    ]


def test_a_target_of_zero_is_a_target(lint_map: LintMap) -> None:
    text = HEAD + (
        "stages:\n"
        "  - id: support\n"
        "    name: Support\n"
        "    kpis: [{id: open-escalations, name: Open escalations, target: 0, better: lower}]\n"
    )
    assert lint_map(text, CODE) == []


def test_a_map_without_kpis_or_steps_has_nothing_to_report(lint_map: LintMap) -> None:
    text = HEAD + "stages:\n  - {id: consider, name: Consider}\n"
    assert lint_map(text, CODE) == []


def test_the_rule_has_no_options(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": (
                'format: "1.0"\nmaps: ["map.yaml"]\nlint:\n  options:\n'
                "    kpi-without-target: {x: 1}\n"
            ),
            "map.yaml": RULE.PASSING,
        }
    )
    assert result.config_failed
    assert [
        (d.line, d.column, d.code.code, d.message)
        for d in result.diagnostics
        if d.path == "cjm.yaml"
    ] == [(5, 5, "CJM005", "rule 'kpi-without-target' has no options")]


def test_kpis_of_branch_steps_are_checked(lint_map: LintMap) -> None:
    text = on_branch_step("kpis: [{id: retakes, name: Retakes per application}]")
    assert lint_map(text, CODE) == [(27, 20, CODE, _message("retakes", "step 'retake-photo'"))]
