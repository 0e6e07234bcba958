"""A pain point that no team is accountable for.

A pain point is a promise to fix something for the customer. Without an owner it lands in
nobody's backlog: it is discussed in the workshop, nodded at in the readout, and still
there at the next review. Naming the accountable team turns the map into something people
act on, and lets the report group the pain-point register by who has to move.

Every pain point is checked: those of steps (on the main line or a branch), and those of
a stage, which last through all of its steps.

Give every pain point an `owner`: the team that can change the experience at that step,
even when the fix needs help from others. If nobody can be named yet, that is the first
thing to settle with the map's owner.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext

CODE = "CJM102"
NAME = "pain-point-without-owner"
SEVERITY = Severity.WARNING
SUMMARY = "A pain point with no owning team."

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
          - {id: import-fails, summary: The import rejects European dates, severity: high}
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
"""


def check(context: MapContext) -> Iterator[Finding]:
    for pain_path, pain in context.journey.located_pain_points():
        if pain.owner is None:
            yield context.finding(
                pain_path,
                f"pain point '{pain.id}' has no owner: no team is accountable for fixing it",
                "add `owner:` with the id of the team that can fix it",
            )
