"""A map of today's journey where nothing hurts.

Customers get stuck, drop off, wait, repeat themselves and call support in every real
journey; finding where is the main reason to map today's journey at all. A current-state
map or a service blueprint that names no pain point anywhere is almost always unfinished:
the steps were drawn, but nobody has gone through the research yet to see where the
customer struggles. Read as finished, it tells everyone the journey is fine, and the
opportunities that should come from it never do.

Add the frictions customers meet under `pain_points:` of the steps where they occur (or
of the stage, for a friction that lasts through all of it), with severity, owner and the
evidence that shows them: support tickets, interviews, usability tests, funnel drop-offs.
A pain point counts whatever its status and wherever it is written (a step of the main
line or of a branch, or a stage), so a map whose pain points are all resolved passes.
Future-state and day-in-the-life maps are not checked by default, since a future state
may well have removed every pain; the `map_types` option sets which types of map must
name at least one.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.model import MapType
from cjm.model.base import CjmModel

CODE = "CJM120"
NAME = "map-without-pain-points"
SEVERITY = Severity.WARNING
SUMMARY = "A current-state map or service blueprint with no pain point at all."


class Options(CjmModel):
    """Settings of map-without-pain-points."""

    map_types: list[MapType] = Field(
        default_factory=lambda: [MapType.CURRENT_STATE, MapType.SERVICE_BLUEPRINT],
        description="The types of map that must name at least one pain point.",
    )


FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: csv-importer, name: Spreadsheet importer, channel: app, owner: growth}]
stages:
  - id: try
    name: Try
    steps:
      - id: import-plan
        action: Imports last quarter's plan from a spreadsheet
        touchpoints: [csv-importer]
        emotion: 1
"""

PASSING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: csv-importer, name: Spreadsheet importer, channel: app, owner: growth}]
stages:
  - id: try
    name: Try
    steps:
      - id: import-plan
        action: Imports last quarter's plan from a spreadsheet
        touchpoints: [csv-importer]
        emotion: -1
        pain_points:
          - id: import-fails
            summary: The import rejects European dates
            severity: high
            owner: growth
"""


def check(context: MapContext) -> Iterator[Finding]:
    journey = context.journey
    options: Options = context.options
    if journey.type not in options.map_types:
        return
    if journey.pain_points():
        return
    yield context.finding(
        ("stages",),
        f"the {journey.type.value} map '{journey.id}' names no pain point: nowhere does "
        "the customer get stuck, wait or give up",
        "add `pain_points:` to the steps where customers struggle, from research such as "
        "support tickets, interviews or funnel drop-offs",
        at="key",
    )
