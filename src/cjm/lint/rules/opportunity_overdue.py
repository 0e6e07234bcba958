"""An opportunity whose due date has passed and that is not done.

A due date on an opportunity is a promise to the people who read the map: this friction
will be relieved by then. Once the date has passed and the opportunity is still an idea,
planned or in progress, the map says something that is no longer true. Readers plan
around a fix that has not come, and the map quietly loses the trust it needs.

Update the opportunity: mark it `done` once delivered, `dropped` if the team decided
against it, or move `due` to the date the team now commits to. The date is compared
with the day cjm runs.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext

CODE = "CJM133"
NAME = "opportunity-overdue"
SEVERITY = Severity.INFO
SUMMARY = "An opportunity past its due date that is neither done nor dropped."


FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
stages:
  - id: try
    name: Try
    steps:
      - id: import-plan
        action: Imports last quarter's plan from a spreadsheet
        pain_points:
          - {id: import-fails, summary: The import rejects European dates, severity: high}
opportunities:
  - id: import-preview
    summary: Preview the import and let her pick the date format
    addresses: [import-fails]
    status: in-progress
    due: 2025-06-30
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
stages:
  - id: try
    name: Try
    steps:
      - id: import-plan
        action: Imports last quarter's plan from a spreadsheet
        pain_points:
          - {id: import-fails, summary: The import rejects European dates, severity: high}
opportunities:
  - id: import-preview
    summary: Preview the import and let her pick the date format
    addresses: [import-fails]
    status: done
    due: 2025-06-30
"""


def check(context: MapContext) -> Iterator[Finding]:
    for index, opportunity in enumerate(context.journey.opportunities):
        due = opportunity.due
        if due is None or opportunity.status.settled or due >= context.today:
            continue
        days = (context.today - due).days
        yield context.finding(
            ("opportunities", index, "due"),
            f"opportunity '{opportunity.id}' was due on {due.isoformat()}, {days} "
            f"{'day' if days == 1 else 'days'} ago, and is still {opportunity.status.value}",
            "mark it `status: done` or `dropped`, or move `due:` to the date the team now "
            "commits to",
        )
