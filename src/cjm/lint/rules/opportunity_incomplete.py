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
leave out `impact` while the team sizes effort only.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from pydantic import Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext, listing
from cjm.model import Opportunity
from cjm.model.base import CjmModel
from cjm.model.journey import OpportunityStatus

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


MISSING = {
    OpportunityField.OWNER: "no owner",
    OpportunityField.EFFORT: "no effort estimate",
    OpportunityField.IMPACT: "no impact estimate",
    OpportunityField.DESCRIPTION: "no description",
}

ADD = {
    OpportunityField.OWNER: "`owner:` (the team that would deliver it)",
    OpportunityField.EFFORT: "`effort:` (low, medium or high)",
    OpportunityField.IMPACT: "`impact:` (low, medium or high)",
    OpportunityField.DESCRIPTION: "`description:`",
}

SETTLED = frozenset({OpportunityStatus.DONE, OpportunityStatus.DROPPED})


class Options(CjmModel):
    """Settings of opportunity-incomplete."""

    required: list[OpportunityField] = Field(
        default_factory=lambda: [
            OpportunityField.OWNER,
            OpportunityField.EFFORT,
            OpportunityField.IMPACT,
        ],
        description="The opportunity fields that must be filled in.",
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


def _missing(opportunity: Opportunity, required: list[OpportunityField]) -> list[OpportunityField]:
    missing: list[OpportunityField] = []
    for name in required:
        value = getattr(opportunity, name.value)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(name)
    return missing


def check(context: MapContext) -> Iterator[Finding]:
    options: Options = context.options
    required = list(dict.fromkeys(options.required))
    for index, opportunity in enumerate(context.journey.opportunities):
        if opportunity.status in SETTLED:
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
