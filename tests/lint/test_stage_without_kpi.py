"""stage-without-kpi: every stage measures something, itself or on one of its steps."""

from __future__ import annotations

from cjm.diagnostics import Severity
from cjm.lint.rules import stage_without_kpi as RULE

from .branched import on_branch_step
from .conftest import LintFiles, LintMap, findings

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


def _message(stage: str) -> str:
    return f"stage '{stage}' measures nothing: neither it nor any of its steps has a KPI"


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [(19, 5, CODE, _message("decide"))]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


def test_the_default_severity_is_info(lint_files: LintFiles) -> None:
    result = lint_files({"map.yaml": RULE.FAILING}, select=[CODE])
    assert [d.severity for d in result.diagnostics] == [Severity.INFO]
    assert findings(result) == [(19, 5, CODE, _message("decide"))]


def test_a_kpi_on_any_step_counts_for_the_stage(lint_map: LintMap) -> None:
    text = HEAD + (
        "stages:\n"
        "  - id: decide\n"
        "    name: Decide\n"
        "    steps:\n"
        "      - {id: compare-plans, action: Compares plans}\n"
        "      - id: request-quote\n"
        "        action: Requests a quote\n"
        "        kpis: [{id: quote-time, name: Hours to quote, target: 24}]\n"
    )
    assert lint_map(text, CODE) == []


def test_a_kpi_without_a_target_still_counts(lint_map: LintMap) -> None:
    text = HEAD + (
        "stages:\n"
        "  - id: decide\n"
        "    name: Decide\n"
        "    kpis: [{id: quotes, name: Quotes requested}]\n"
    )
    assert lint_map(text, CODE) == []


def test_a_kpi_of_another_stage_does_not_count(lint_map: LintMap) -> None:
    text = HEAD + (
        "stages:\n"
        "  - id: consider\n"
        "    name: Consider\n"
        "    steps:\n"
        "      - id: compare-plans\n"
        "        action: Compares plans\n"
        "        kpis: [{id: trial-starts, name: Trial starts, target: 12}]\n"
        "  - {id: decide, name: Decide}\n"
        "  - id: renew\n"
        "    name: Renew\n"
        "    steps:\n"
        "      - {id: gets-invoice, action: Gets the invoice}\n"
    )
    assert lint_map(text, CODE) == [
        (15, 5, CODE, _message("decide")),
        (16, 5, CODE, _message("renew")),
    ]


def test_the_rule_has_no_options(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": (
                'format: "1.0"\nmaps: ["map.yaml"]\nlint:\n  options:\n    CJM117: {min: 1}\n'
            ),
            "map.yaml": RULE.PASSING,
        }
    )
    assert result.config_failed
    assert [
        (d.line, d.column, d.code.code, d.message)
        for d in result.diagnostics
        if d.path == "cjm.yaml"
    ] == [(5, 5, "CJM005", "rule 'stage-without-kpi' has no options")]


def test_a_kpi_on_a_branch_step_counts_for_the_stage(lint_map: LintMap) -> None:
    text = on_branch_step("kpis: [{id: retakes, name: Retakes per application}]")
    assert [f[:3] for f in lint_map(text, CODE)] == [(30, 5, CODE)]
