"""A metric with nothing to measure it against.

A KPI says how the team will know whether a stage or step works. Without a target it is
only a number: nobody can tell whether 12 % is a success or an alarm, the report cannot
show the metric against where it should be, and a review has nothing to hold the journey
to. Give every KPI the value the team aims for, and say with `better` which way is good
(`higher` for a conversion rate, `lower` for time to value). If nobody can name a target
yet, that is worth knowing too: agree on one before the map is used to make decisions.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.lint.rules._kpis import kpi_paths

CODE = "CJM116"
NAME = "kpi-without-target"
SEVERITY = Severity.WARNING
SUMMARY = "A KPI of a stage or step with no target."

FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: consider
    name: Consider
    kpis:
      - {id: trial-starts, name: Visitors who start a trial, unit: "%", better: higher}
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
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
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: consider
    name: Consider
    kpis:
      - {id: trial-starts, name: Visitors who start a trial, target: 12, unit: "%", better: higher}
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
"""


def check(context: MapContext) -> Iterator[Finding]:
    for path, kpi, owner in kpi_paths(context.journey):
        if kpi.target is None:
            yield context.finding(
                path,
                f"no target for KPI '{kpi.id}' of {owner}: nobody can tell whether "
                "its value is good or bad",
                "add `target:` with the value the team aims for (and `better: lower` "
                "when less is better)",
            )
