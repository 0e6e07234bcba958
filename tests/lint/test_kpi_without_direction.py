"""kpi-without-direction: a KPI that does not say which way is better, and the suggestion
the finding makes (worded as one, never applied)."""

from __future__ import annotations

import pytest

from cjm.lint.rules import kpi_without_direction as RULE
from cjm.model import Kpi

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

LOWER = (
    "add `better:`, e.g. `better: lower`, as {reason} reads as time, cost, effort or "
    "trouble, where less is usually better; write `better: higher` if more is better here"
)
HIGHER = (
    "add `better:`, e.g. `better: higher` if a larger value is good (a rate, a score, a "
    "count of successes), or `better: lower` if a smaller one is"
)


def _message(kpi: str, where: str) -> str:
    return (
        f"KPI '{kpi}' of {where} does not say which way is better, so no report or diff "
        "can judge it against its target or its last value"
    )


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [
        (17, 16, CODE, _message("quote-time", "step 'request-quote'"))
    ]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


def test_kpis_of_stages_and_steps_in_document_order(lint_map: LintMap) -> None:
    text = HEAD + (
        "stages:\n"
        "  - id: consider\n"
        "    name: Consider\n"
        "    kpis:\n"
        "      - {id: visits, name: Visits, target: 5000, better: higher}\n"
        "      - {id: trial-starts, name: Trial starts}\n"
        "    steps:\n"
        "      - id: request-quote\n"
        "        action: Requests a quote\n"
        "        kpis: [{id: quote-hours, name: Hours to quote, target: 24, better: lower}]\n"
        "      - id: sign\n"
        "        action: Signs\n"
        "        kpis: [{id: signed, name: Signed orders, actual: 40}]\n"
    )
    assert lint_map(text, CODE) == [
        (13, 9, CODE, _message("trial-starts", "stage 'consider'")),
        (20, 16, CODE, _message("signed", "step 'sign'")),
    ]


def _hint(lint_files: LintFiles, kpi: str) -> str | None:
    text = HEAD + f"stages:\n  - id: consider\n    name: Consider\n    kpis:\n      - {kpi}\n"
    result = lint_files({"map.yaml": text}, select=[CODE])
    [diagnostic] = result.diagnostics
    return diagnostic.hint


@pytest.mark.parametrize(
    ("kpi", "reason"),
    [
        ("{id: k, name: Time to first value, unit: days}", "its unit 'days'"),
        ("{id: k, name: Rollout, unit: Weeks}", "its unit 'Weeks'"),
        ("{id: k, name: Handling, unit: min}", "its unit 'min'"),
        ("{id: k, name: Page load, unit: s}", "its unit 's'"),
        ("{id: k, name: Cost per lead, unit: €}", "its unit '€'"),
        ("{id: k, name: Acquisition, unit: $/customer}", "its unit '$/customer'"),
        ("{id: k, name: Average handling time}", "'time' in its name"),
        ("{id: k, name: Wait for a callback}", "'wait' in its name"),
        ("{id: k, name: Checkout errors, unit: '%'}", "'errors' in its name"),
        ("{id: k, name: Support tickets per 100 orders}", "'tickets' in its name"),
        ("{id: k, name: Monthly churn, unit: '%'}", "'churn' in its name"),
        ("{id: k, name: Checkout drop-off}", "'drop-off' in its name"),
        ("{id: k, name: Cart abandonment rate}", "'abandonment' in its name"),
        ("{id: k, name: Bounce rate}", "'bounce' in its name"),
        ("{id: k, name: Customer effort score}", "'effort' in its name"),
        ("{id: k, name: Complaints per month}", "'complaints' in its name"),
        ("{id: k, name: DAYS TO ROLL OUT}", "'days' in its name"),
    ],
)
def test_time_cost_effort_and_trouble_suggest_lower(
    lint_files: LintFiles, kpi: str, reason: str
) -> None:
    assert _hint(lint_files, kpi) == LOWER.format(reason=reason)


@pytest.mark.parametrize(
    "kpi",
    [
        "{id: k, name: Trial conversion, unit: '%'}",
        "{id: k, name: Net promoter score, unit: points}",
        "{id: k, name: Activated workspaces}",
        # Whole words only: these contain a word of the list without being it.
        "{id: k, name: Timeliness of replies}",
        "{id: k, name: Costumes sold}",
        "{id: k, name: Waitlist sign-ups}",
        "{id: k, name: Customer's first order}",
        "{id: k, name: Helpdesk adoption, unit: seats}",
        "{id: k, name: Mobile share, unit: smartphones}",
        # A time in the name of a share is a window, not what is measured.
        "{id: k, name: Consultations starting within 10 minutes, unit: '%'}",
        "{id: k, name: Follow-ups booked within 14 days, unit: percent}",
        "{id: k, name: Replies within one hour, unit: rate}",
    ],
)
def test_anything_else_suggests_higher_as_an_example_only(lint_files: LintFiles, kpi: str) -> None:
    assert _hint(lint_files, kpi) == HIGHER


def test_the_suggestion_reads_the_unit_before_the_name() -> None:
    kpi = Kpi(id="k", name="Churned accounts", unit="days")
    assert RULE.suggestion(kpi) == LOWER.format(reason="its unit 'days'")


def test_every_kind_of_map_is_checked(lint_map: LintMap) -> None:
    for map_type in ("future-state", "day-in-the-life", "service-blueprint"):
        text = RULE.FAILING.replace("current-state", map_type)
        assert len(lint_map(text, CODE)) == 1


def test_kpis_of_branch_steps_are_checked(lint_map: LintMap) -> None:
    text = on_branch_step("kpis: [{id: retakes, name: Retakes per application, target: 1}]")
    assert [f[:3] for f in lint_map(text, CODE)] == [(27, 20, CODE)]
    assert lint_map(text, CODE)[0][3] == _message("retakes", "step 'retake-photo'")
