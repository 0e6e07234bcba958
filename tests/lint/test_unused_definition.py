"""unused-definition: personas, teams, touchpoints and evidence that nothing references."""

from __future__ import annotations

from cjm.check import CheckResult
from cjm.lint.rules import unused_definition as RULE

from .conftest import LintFiles, LintMap

CODE = RULE.CODE

CONFIG = """\
maps: ["maps/*.yaml"]
definitions: ["shared/*.yaml"]
teams:
  - {id: growth, name: Growth}
  - {id: sales, name: Sales}
  - {id: support, name: Support}
"""

SHARED = """\
personas:
  - {id: olivia, name: Olivia, evidence: [interviews]}
  - {id: sam, name: Sam}
touchpoints:
  - {id: pricing-page, name: Pricing page, channel: web, owner: support}
  - {id: help-centre, name: Help centre, channel: web}
evidence:
  - {id: interviews, kind: interview, title: Buyer interviews}
  - {id: survey, kind: survey, title: Trial survey}
"""

# Uses olivia, pricing-page and growth; olivia cites interviews, pricing-page names support.
TRIAL = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
personas: [olivia]
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
"""


def _located(result: CheckResult) -> list[tuple[str, int, int, str, str]]:
    return [
        (d.path, d.line, d.column, d.code.code, d.message)
        for d in result.diagnostics
        if d.code.code == CODE
    ]


def test_failing_example_finds_the_unused_team(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [
        (9, 5, CODE, "team 'sales' is never used: nothing in this map refers to it")
    ]


def test_passing_example_is_clean(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


def test_shared_definitions_count_references_from_maps_and_from_shared_files(
    lint_files: LintFiles,
) -> None:
    result = lint_files(
        {"cjm.yaml": CONFIG, "shared/defs.yaml": SHARED, "maps/trial.yaml": TRIAL},
        select=[CODE],
    )
    assert _located(result) == [
        (
            "cjm.yaml",
            5,
            5,
            CODE,
            "team 'sales' is never used: nothing in the workspace refers to it",
        ),
        (
            "shared/defs.yaml",
            3,
            5,
            CODE,
            "persona 'sam' is never used: nothing in the workspace refers to it",
        ),
        (
            "shared/defs.yaml",
            6,
            5,
            CODE,
            "touchpoint 'help-centre' is never used: nothing in the workspace refers to it",
        ),
        (
            "shared/defs.yaml",
            9,
            5,
            CODE,
            "evidence entry 'survey' is never used: nothing in the workspace refers to it",
        ),
    ]


def test_a_reference_from_any_map_uses_a_shared_definition(lint_files: LintFiles) -> None:
    other = """\
id: support
title: Getting help
type: current-state
owner: sales
reviewed: 2026-10-01
personas: [sam]
stages:
  - id: use
    name: Use
    steps:
      - id: search-help
        action: Searches the help centre
        touchpoints: [help-centre]
        pain_points:
          - {id: no-answer, summary: Finds no answer, severity: high, evidence: [survey]}
"""
    result = lint_files(
        {
            "cjm.yaml": CONFIG,
            "shared/defs.yaml": SHARED,
            "maps/trial.yaml": TRIAL,
            "maps/support.yaml": other,
        },
        select=[CODE],
    )
    assert _located(result) == []


def test_inline_definitions_count_only_references_of_their_own_map(
    lint_files: LintFiles,
) -> None:
    with_inline = TRIAL.replace(
        "personas: [olivia]\n",
        "personas: [olivia]\nteams: [{id: ops, name: Operations}]\n",
    ).replace("id: trial", "id: inline")
    uses_ops = TRIAL.replace("owner: growth", "owner: ops").replace("id: trial", "id: other")
    result = lint_files(
        {
            "cjm.yaml": CONFIG.replace("  - {id: sales, name: Sales}\n", ""),
            "shared/defs.yaml": SHARED.replace("  - {id: sam, name: Sam}\n", ""),
            "maps/inline.yaml": with_inline,
            "maps/other.yaml": uses_ops,
        },
        select=[CODE],
    )
    assert _located(result) == [
        (
            "maps/inline.yaml",
            7,
            9,
            CODE,
            "team 'ops' is never used: nothing in this map refers to it",
        ),
        (
            "shared/defs.yaml",
            5,
            5,
            CODE,
            "touchpoint 'help-centre' is never used: nothing in the workspace refers to it",
        ),
        (
            "shared/defs.yaml",
            8,
            5,
            CODE,
            "evidence entry 'survey' is never used: nothing in the workspace refers to it",
        ),
    ]


def test_unused_inline_touchpoint_and_evidence(lint_map: LintMap) -> None:
    text = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia, evidence: [calls]}]
touchpoints:
  - {id: pricing-page, name: Pricing page, channel: web, owner: growth}
  - {id: webinar, name: Webinar, channel: event, owner: growth}
evidence:
  - {id: calls, kind: interview, title: Sales calls}
  - {id: guess, kind: assumption, title: Our guess}
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
"""
    assert lint_map(text, CODE) == [
        (10, 5, CODE, "touchpoint 'webinar' is never used: nothing in this map refers to it"),
        (13, 5, CODE, "evidence entry 'guess' is never used: nothing in this map refers to it"),
    ]


def test_inline_personas_are_covered_by_the_map_even_when_no_step_names_them(
    lint_map: LintMap,
) -> None:
    text = RULE.PASSING.replace(
        "personas: [{id: olivia, name: Olivia}]",
        "personas: [{id: olivia, name: Olivia}, {id: sam, name: Sam}]",
    )
    assert lint_map(text, CODE) == []


def test_shared_definitions_are_judged_with_what_an_invalid_map_uses(
    lint_files: LintFiles,
) -> None:
    # The map without a title is still read for what it refers to: one run tells both
    # that the title is missing and which shared entries nothing uses.
    broken = TRIAL.replace("title: Trial to paid\n", "").replace("id: trial", "id: broken")
    result = lint_files(
        {
            "cjm.yaml": CONFIG,
            "shared/defs.yaml": SHARED,
            "maps/trial.yaml": TRIAL,
            "maps/broken.yaml": broken,
        },
        select=[CODE],
    )
    assert [(d.path, d.line, d.column, d.code.code) for d in result.diagnostics] == [
        ("cjm.yaml", 5, 5, CODE),
        ("maps/broken.yaml", 1, 1, "CJM006"),
        ("shared/defs.yaml", 3, 5, CODE),
        ("shared/defs.yaml", 6, 5, CODE),
        ("shared/defs.yaml", 9, 5, CODE),
    ]


def test_shared_definitions_are_not_judged_while_a_map_does_not_load_at_all(
    lint_files: LintFiles,
) -> None:
    result = lint_files(
        {
            "cjm.yaml": CONFIG,
            "shared/defs.yaml": SHARED,
            "maps/trial.yaml": TRIAL,
            "maps/broken.yaml": "id: [broken\n",
        },
        select=[CODE],
    )
    assert [(d.path, d.code.code) for d in result.diagnostics] == [("maps/broken.yaml", "CJM001")]
    assert result.notes == [
        "unused-definition (CJM111) did not check the shared definitions: maps/broken.yaml "
        "does not load, and what they use is unknown"
    ]


def test_branch_steps_kpis_and_opportunities_use_what_they_name(lint_map: LintMap) -> None:
    text = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}, {id: care, name: Care}]
personas: [{id: olivia, name: Olivia}]
touchpoints:
  - {id: web, name: Website, channel: web, owner: growth}
  - {id: call, name: Call, channel: phone, owner: growth}
evidence:
  - {id: dashboard, kind: analytics, title: Dashboard}
  - {id: interviews, kind: interview, title: Interviews}
  - {id: tickets, kind: support-tickets, title: Tickets}
  - {id: guess, kind: assumption, title: Our guess}
stages:
  - id: pay
    name: Pay
    steps:
      - {id: enter-card, action: Enters a card, touchpoints: [web]}
    branches:
      - id: call
        condition: Card declined
        steps:
          - id: call-support
            action: Calls support
            touchpoints: [call]
            owner: care
            evidence: [tickets]
            kpis: [{id: calls, name: Calls per order, evidence: [dashboard]}]
opportunities:
  - {id: retry, summary: Suggest another card, stage: pay, evidence: [interviews], kpis: [calls]}
"""
    assert lint_map(text, CODE) == [
        (16, 5, CODE, "evidence entry 'guess' is never used: nothing in this map refers to it")
    ]
