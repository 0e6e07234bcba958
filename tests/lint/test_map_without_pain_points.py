"""map-without-pain-points: a map of today's journey where nothing hurts."""

from __future__ import annotations

import pytest

from cjm.lint.rules import map_without_pain_points as RULE

from .branched import BRANCHED
from .conftest import LintFiles, LintMap, findings

CODE = RULE.CODE


def _map(map_type: str, pain: str = "") -> str:
    return f"""\
id: trial
title: Trial to paid
type: {map_type}
owner: growth
reviewed: 2026-10-01
teams: [{{id: growth, name: Growth}}]
personas: [{{id: olivia, name: Olivia}}]
stages:
  - {{id: empty, name: Empty}}
  - id: try
    name: Try
    steps:
      - {{id: sign-up, action: Signs up}}
      - id: import-plan
        action: Imports her plan
{pain}"""


RESOLVED = """\
        pain_points:
          - {id: import-fails, summary: Dates break, severity: high, status: resolved}
"""


def _message(map_type: str) -> str:
    return (
        f"the {map_type} map 'trial' names no pain point: nowhere does the customer get "
        "stuck, wait or give up"
    )


def _options(values: str) -> str:
    return f"lint:\n  options:\n    map-without-pain-points: {values}\n"


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [(10, 1, CODE, _message("current-state"))]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


@pytest.mark.parametrize("map_type", ["current-state", "service-blueprint"])
def test_maps_of_today_must_name_a_pain_point(lint_map: LintMap, map_type: str) -> None:
    assert lint_map(_map(map_type), CODE) == [(8, 1, CODE, _message(map_type))]


@pytest.mark.parametrize("map_type", ["future-state", "day-in-the-life"])
def test_other_map_types_are_not_checked_by_default(lint_map: LintMap, map_type: str) -> None:
    assert lint_map(_map(map_type), CODE) == []


def test_a_resolved_pain_point_counts(lint_map: LintMap) -> None:
    assert lint_map(_map("current-state", RESOLVED), CODE) == []


def test_the_hint_says_where_pain_points_come_from(lint_files: LintFiles) -> None:
    result = lint_files({"map.yaml": _map("current-state")}, select=[CODE])
    assert [d.hint for d in result.diagnostics] == [
        "add `pain_points:` to the steps where customers struggle, from research such as "
        "support tickets, interviews or funnel drop-offs"
    ]


def test_map_types_come_from_the_options(lint_map: LintMap) -> None:
    config = _options("{map_types: [day-in-the-life]}")
    assert lint_map(_map("day-in-the-life"), CODE, config=config) == [
        (8, 1, CODE, _message("day-in-the-life"))
    ]
    assert lint_map(_map("current-state"), CODE, config=config) == []


def test_an_unknown_map_type_is_reported_in_cjm_yaml(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["map.yaml"]\n' + _options("{map_types: [current-state, draft]}"),
            "map.yaml": RULE.PASSING,
        },
        select=[CODE],
    )
    assert result.config_failed
    assert findings(result) == [(4, 58, "CJM005", "'draft' is not a valid map_types")]


def test_a_pain_point_of_a_stage_or_of_a_branch_step_counts(lint_map: LintMap) -> None:
    only_stage = BRANCHED.replace(
        "            pain_points:\n"
        "              - {id: blurry, summary: Photos are rejected without a reason, "
        "severity: high}\n",
        "",
    )
    only_stage = only_stage[: only_stage.index("        pain_points:\n          - {id: kyc")]
    only_stage += "      - {id: get-decision, action: Gets the decision, touchpoints: [app]}\n"
    assert "blurry" not in only_stage and "kyc-wait" not in only_stage
    assert lint_map(only_stage, CODE) == []
    only_branch = BRANCHED.replace(
        "    pain_points:\n      - {id: long-form, summary: The form is long, severity: medium}\n",
        "",
    ).replace("severity: high,\n             spans: [get-decision]}", "severity: high}")
    only_branch = only_branch.replace(
        "        pain_points:\n          - {id: kyc-wait, summary: Nobody says how long the "
        "check takes, severity: high}\n",
        "",
    )
    assert "long-form" not in only_branch and "kyc-wait" not in only_branch
    assert lint_map(only_branch, CODE) == []
