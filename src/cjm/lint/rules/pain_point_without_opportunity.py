"""An open, serious pain point that no opportunity addresses.

A journey map is a tool for deciding what to improve. When a high-severity pain point is
still open and no opportunity on the map answers it, the map has found the problem and
stopped there: the worst frictions of the journey end up with no idea, no owner for the
fix and no place in the opportunity matrix, while smaller ones get the attention.

For each open pain point at or above the configured severity, add an opportunity under
`opportunities` that lists it in `addresses`, even if it is only an idea for now.
Opportunities with status `dropped` do not count. Mark the pain point `mitigated` or
`resolved` once it no longer hurts. The `min_severity` option sets which pain points need
an answer.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext, step_paths
from cjm.model.base import CjmModel
from cjm.model.journey import JourneyMap, OpportunityStatus, PainPointStatus
from cjm.model.journey import Severity as PainSeverity

CODE = "CJM107"
NAME = "pain-point-without-opportunity"
SEVERITY = Severity.WARNING
SUMMARY = "An open, high-severity pain point that no opportunity addresses."

FAILING = """\
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
        emotion: -2
        pain_points:
          - id: import-fails
            summary: The import rejects European dates
            severity: high
            owner: product
"""

PASSING = """\
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
        emotion: -2
        pain_points:
          - id: import-fails
            summary: The import rejects European dates
            severity: high
            owner: product
opportunities:
  - id: import-preview
    summary: Preview the import and let her pick the date format
    addresses: [import-fails]
    owner: product
"""

_ORDER = list(PainSeverity)


class Options(CjmModel):
    """Settings of pain-point-without-opportunity."""

    min_severity: PainSeverity = Field(
        default=PainSeverity.HIGH,
        description="The lowest severity of open pain points that need an opportunity: "
        "low, medium, high or critical.",
    )


def _addressed(journey: JourneyMap) -> set[str]:
    """Ids of the pain points that an opportunity still on the table addresses."""
    return {
        pain_id
        for opportunity in journey.opportunities
        if opportunity.status is not OpportunityStatus.DROPPED
        for pain_id in opportunity.addresses
    }


def check(context: MapContext) -> Iterator[Finding]:
    minimum = _ORDER.index(context.options.min_severity)
    addressed = _addressed(context.journey)
    for step_path, step in step_paths(context.journey):
        for index, pain in enumerate(step.pain_points):
            if pain.status is not PainPointStatus.OPEN or pain.id in addressed:
                continue
            if _ORDER.index(pain.severity) < minimum:
                continue
            yield context.finding(
                (*step_path, "pain_points", index),
                f"open {pain.severity.value} pain point '{pain.id}' has no opportunity "
                "that addresses it",
                f"add an opportunity under `opportunities:` with `addresses: [{pain.id}]`",
            )
