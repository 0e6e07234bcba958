"""An open, serious pain point that no opportunity addresses.

A journey map is a tool for deciding what to improve. When a high-severity pain point is
still open and no opportunity on the map answers it, the map has found the problem and
stopped there: the worst frictions of the journey end up with no idea, no owner for the
fix and no place in the opportunity matrix, while smaller ones get the attention.

For each open pain point at or above the configured severity, add an opportunity under
`opportunities` that lists it in `addresses`, even if it is only an idea for now. An
opportunity of a future-state map counts too when that map names this one as its
`current_state` and lists the pain point in its `addresses`: teams often keep their ideas
on the map of the journey they intend. Opportunities with status `dropped` do not count.
Mark the pain point `mitigated` or `resolved` once it no longer hurts. The `min_severity`
option sets which pain points need an answer; a severity the workspace adds in `cjm.yaml`
ranks as the built-in severity it `counts_as`. Pain points of stages and of branch steps
are checked like those of the main line.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator

from pydantic import Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.load import summary
from cjm.load.project import Project
from cjm.model.base import CjmModel
from cjm.model.journey import PainPointStatus
from cjm.model.journey import Severity as PainSeverity

CODE = "CJM107"
NAME = "pain-point-without-opportunity"
SEVERITY = Severity.WARNING
SUMMARY = "An open, high-severity pain point that no opportunity addresses."

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
        emotion: -2
        pain_points:
          - id: import-fails
            summary: The import rejects European dates
            severity: high
            owner: product
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


class _FutureAddresses:
    """For one workspace: the pain point ids that future-state maps address, by the id of
    the current-state map they name. Worked out once per workspace, not once per map, so
    that checking stays linear in the number of maps. The workspace is held weakly: once
    checked, it is freed when its caller lets it go."""

    def __init__(self) -> None:
        self.project: weakref.ref[Project] | None = None
        self.by_current: dict[str, set[str]] = {}

    def of(self, project: Project, current_id: str) -> set[str]:
        if self.project is None or self.project() is not project:
            self.project = weakref.ref(project)
            self.by_current = {}
            for document in project.maps:
                future = summary.future(document)
                if future is not None:
                    current, addresses = future
                    self.by_current.setdefault(current, set()).update(addresses)
        return self.by_current.get(current_id, set())


_FUTURE_ADDRESSES = _FutureAddresses()


def addressed_elsewhere(project: Project, map_id: str) -> set[str]:
    """Ids of the pain points that the live opportunities of the future-state maps naming
    ``map_id`` as their `current_state` address: what this rule reads of other maps."""
    return _FUTURE_ADDRESSES.of(project, map_id)


def _addressed(context: MapContext) -> set[str]:
    """Ids of the pain points that an opportunity still on the table addresses: one of
    this map, or one of a future-state map that names this map as its `current_state`."""
    journey = context.journey
    return summary.live_addresses(journey) | addressed_elsewhere(context.project, journey.id)


def check(context: MapContext) -> Iterator[Finding]:
    minimum = _ORDER.index(context.options.min_severity)
    addressed = _addressed(context)
    for pain_path, pain in context.journey.located_pain_points():
        if pain.status is not PainPointStatus.OPEN or pain.id in addressed:
            continue
        if _ORDER.index(pain.level) < minimum:
            continue
        yield context.finding(
            pain_path,
            f"open {pain.severity} pain point '{pain.id}' has no opportunity that addresses it",
            f"add an opportunity under `opportunities:` with `addresses: [{pain.id}]`",
        )
