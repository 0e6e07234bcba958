"""An opportunity still to deliver that names no KPI it should move.

An opportunity is a bet: do this, and the journey gets measurably better. Without the
KPIs it is meant to move, nobody can tell after delivery whether the bet paid off, the
report cannot show the opportunity beside the numbers it should change, and the backlog
fills with work whose success is a matter of opinion.

List under `kpis` the ids of the map's KPIs (of a stage or a step) that the opportunity
should move, and give those KPIs a baseline and a target. If the map has no KPI that the
opportunity would move, add one where it is measured. Opportunities that are `done` or
`dropped` are not checked: what they moved, or would have, no longer steers anything.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext

CODE = "CJM130"
NAME = "opportunity-without-kpi"
SEVERITY = Severity.INFO
SUMMARY = "An opportunity still to deliver with no KPI it should move."


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
        emotion: -1
        pain_points:
          - {id: import-fails, summary: The import rejects European dates, severity: high}
        kpis:
          - {id: import-success, name: Imports that succeed, unit: "%", better: higher}
opportunities:
  - id: import-preview
    summary: Preview the import and let her pick the date format
    addresses: [import-fails]
    status: planned
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
          - {id: import-fails, summary: The import rejects European dates, severity: high}
        kpis:
          - {id: import-success, name: Imports that succeed, unit: "%", better: higher}
opportunities:
  - id: import-preview
    summary: Preview the import and let her pick the date format
    addresses: [import-fails]
    status: planned
    kpis: [import-success]
"""


def check(context: MapContext) -> Iterator[Finding]:
    for index, opportunity in enumerate(context.journey.opportunities):
        if opportunity.status.settled or opportunity.kpis:
            continue
        yield context.finding(
            ("opportunities", index),
            f"opportunity '{opportunity.id}' names no KPI it should move: nobody will be "
            "able to tell whether it worked",
            "add `kpis:` with the ids of the map's KPIs it should move",
        )
