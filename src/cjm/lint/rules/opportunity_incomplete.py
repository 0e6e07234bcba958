"""An opportunity that nobody owns or that nobody has sized.

An opportunity on a journey map is a candidate piece of work. Without an owner it is a
wish: every team can agree it matters and none of them picks it up. Without an estimate
of its effort and impact it cannot be weighed against the others, so it sits outside the
report's opportunity matrix, and the backlog gets ordered by whoever argues loudest
instead of by what relieves the most pain for the least work.

Give each opportunity the team that would deliver it (`owner`), and a rough `impact` and
`effort` (low, medium or high); a guess agreed in a review is worth more than a blank.
Opportunities that are `done` or `dropped` are not checked: the work is delivered or
decided against, and sizing it no longer steers anything. The fields required can be
changed with the `required` option, for example to also ask for a `description`, or to
leave out `impact` while the team sizes effort only. Teams that track opportunities as
work items can also ask for the `evidence` behind them, the `kpis` they should move, a
`due` date or a `release` (or `due-or-release`, either one), and `links` to the issue or
epic where the work is tracked.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from pydantic import Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext, listing
from cjm.model import Opportunity
from cjm.model.base import CjmModel

CODE = "CJM122"
NAME = "opportunity-incomplete"
SEVERITY = Severity.WARNING
SUMMARY = "An opportunity with no owner or no effort or impact estimate."


class OpportunityField(StrEnum):
    """The fields of an opportunity that the rule can ask for."""

    OWNER = "owner"
    EFFORT = "effort"
    IMPACT = "impact"
    DESCRIPTION = "description"
    EVIDENCE = "evidence"
    KPIS = "kpis"
    DUE = "due"
    RELEASE = "release"
    DUE_OR_RELEASE = "due-or-release"
    LINKS = "links"


MISSING = {
    OpportunityField.OWNER: "no owner",
    OpportunityField.EFFORT: "no effort estimate",
    OpportunityField.IMPACT: "no impact estimate",
    OpportunityField.DESCRIPTION: "no description",
    OpportunityField.EVIDENCE: "no evidence",
    OpportunityField.KPIS: "no KPI to move",
    OpportunityField.DUE: "no due date",
    OpportunityField.RELEASE: "no release",
    OpportunityField.DUE_OR_RELEASE: "neither a due date nor a release",
    OpportunityField.LINKS: "no link to where the work is tracked",
}

ADD = {
    OpportunityField.OWNER: "`owner:` (the team that would deliver it)",
    OpportunityField.EFFORT: "`effort:` (low, medium or high)",
    OpportunityField.IMPACT: "`impact:` (low, medium or high)",
    OpportunityField.DESCRIPTION: "`description:`",
    OpportunityField.EVIDENCE: "`evidence:` (what shows it is worth doing)",
    OpportunityField.KPIS: "`kpis:` (the ids of the map's KPIs it should move)",
    OpportunityField.DUE: "`due:` (YYYY-MM-DD)",
    OpportunityField.RELEASE: "`release:`",
    OpportunityField.DUE_OR_RELEASE: "`due:` (YYYY-MM-DD) or `release:`",
    OpportunityField.LINKS: "`links:` (the `url` and `key` of the issue or epic)",
}


class Options(CjmModel):
    """Settings of opportunity-incomplete."""

    required: list[OpportunityField] = Field(
        default_factory=lambda: [
            OpportunityField.OWNER,
            OpportunityField.EFFORT,
            OpportunityField.IMPACT,
        ],
        description="The opportunity fields that must be filled in: any of "
        + ", ".join(f"`{name.value}`" for name in OpportunityField)
        + " (`due-or-release` asks for either).",
    )


FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}, {id: product, name: Core Product}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: csv-importer, name: Spreadsheet importer, channel: app, owner: product}]
stages:
  - id: try
    name: Try
    steps:
      - id: import-plan
        action: Imports last quarter's plan from a spreadsheet
        touchpoints: [csv-importer]
        pain_points:
          - {id: import-fails, summary: The import rejects European dates, severity: high}
opportunities:
  - id: import-preview
    summary: Preview the import and let her pick the date format
    addresses: [import-fails]
    impact: high
"""

PASSING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}, {id: product, name: Core Product}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: csv-importer, name: Spreadsheet importer, channel: app, owner: product}]
stages:
  - id: try
    name: Try
    steps:
      - id: import-plan
        action: Imports last quarter's plan from a spreadsheet
        touchpoints: [csv-importer]
        pain_points:
          - {id: import-fails, summary: The import rejects European dates, severity: high}
opportunities:
  - id: import-preview
    summary: Preview the import and let her pick the date format
    addresses: [import-fails]
    owner: product
    impact: high
    effort: medium
  - id: us-dates-only
    summary: Tell trial users to convert their dates before importing
    addresses: [import-fails]
    status: dropped
"""


def _blank(value: object) -> bool:
    """Whether a field is unset, blank text or an empty list."""
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _missing(opportunity: Opportunity, required: list[OpportunityField]) -> list[OpportunityField]:
    missing: list[OpportunityField] = []
    for name in required:
        if name is OpportunityField.DUE_OR_RELEASE:
            absent = _blank(opportunity.due) and _blank(opportunity.release)
        else:
            absent = _blank(getattr(opportunity, name.value))
        if absent:
            missing.append(name)
    return missing


def check(context: MapContext) -> Iterator[Finding]:
    options: Options = context.options
    required = list(dict.fromkeys(options.required))
    for index, opportunity in enumerate(context.journey.opportunities):
        if opportunity.status.settled:
            continue
        missing = _missing(opportunity, required)
        if not missing:
            continue
        yield context.finding(
            ("opportunities", index),
            f"opportunity '{opportunity.id}' has "
            + listing([MISSING[name] for name in missing], "and"),
            "add " + listing([ADD[name] for name in missing], "and"),
        )
