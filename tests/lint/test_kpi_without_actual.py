"""kpi-without-actual: a KPI with a target that nobody has measured yet."""

from __future__ import annotations

import pytest

from cjm.lint.rules import kpi_without_actual as RULE

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

KPIS = HEAD + (
    "stages:\n"
    "  - id: consider\n"
    "    name: Consider\n"
    "    kpis:\n"
    "      - {id: visits, name: Visits, target: 5000, actual: 4100, better: higher}\n"
    "      - {id: trial-starts, name: Trial starts, target: 12, unit: '%', better: higher}\n"
    "      - {id: unknown-target, name: Ad spend, actual: 900}\n"
    "      - {id: nothing, name: Referrals}\n"
    "    steps:\n"
    "      - id: request-quote\n"
    "        action: Requests a quote\n"
    "        kpis: [{id: quote-hours, name: Hours to quote, target: 0, better: lower}]\n"
)


def _message(kpi: str, where: str) -> str:
    return (
        f"KPI '{kpi}' of {where} has a target but no actual value yet: nobody can tell "
        "whether it is met"
    )


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [
        (14, 9, CODE, _message("trial-starts", "stage 'consider'"))
    ]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


def test_only_kpis_with_a_target_and_no_actual_are_reported(lint_map: LintMap) -> None:
    # A KPI without a target is kpi-without-target's to report, with or without a value.
    assert lint_map(KPIS, CODE) == [
        (13, 9, CODE, _message("trial-starts", "stage 'consider'")),
        (19, 16, CODE, _message("quote-hours", "step 'request-quote'")),
    ]


def test_an_actual_of_zero_is_a_measurement(lint_map: LintMap) -> None:
    text = KPIS.replace("target: 12,", "target: 12, actual: 0,").replace(
        "target: 0,", "target: 0, actual: 0,"
    )
    assert lint_map(text, CODE) == []


@pytest.mark.parametrize("map_type", ["day-in-the-life", "service-blueprint"])
def test_maps_of_today_are_checked(lint_map: LintMap, map_type: str) -> None:
    assert len(lint_map(KPIS.replace("current-state", map_type), CODE)) == 2


def test_future_state_kpis_are_targets_for_a_journey_not_yet_lived(lint_map: LintMap) -> None:
    assert lint_map(KPIS.replace("current-state", "future-state"), CODE) == []


def test_it_is_advice_by_default(lint_files: LintFiles) -> None:
    result = lint_files({"map.yaml": RULE.FAILING}, select=[CODE])
    assert [(d.severity.value, d.hint) for d in result.diagnostics] == [
        (
            "info",
            "add `actual:` with the latest measured value, and `source:` with where it comes from",
        )
    ]
    assert not result.failed


def test_kpis_of_branch_steps_are_checked(lint_map: LintMap) -> None:
    text = on_branch_step("kpis: [{id: retakes, name: Retakes per application, target: 1}]")
    assert lint_map(text, CODE) == [(27, 20, CODE, _message("retakes", "step 'retake-photo'"))]
