"""A KPI with a target that nobody has measured yet.

A target says where the team wants a metric to be; only a measured value says where it
is. A KPI with a target and no `actual` looks like measurement on the map while telling
nothing: the report can only say "no actual value yet", a review cannot tell whether the
stage works, and a metric nobody has wired up tends to stay that way once the map looks
finished.

Add under `actual` the latest measured value, and under `source` where it comes from (a
dashboard, a report, a query), so that the next person can update it. When the number
does not exist yet, that is worth a task of its own: the map cannot show whether the
stage improves until someone measures it. KPIs with no target are left to
`kpi-without-target`. Future-state maps are not checked, since their KPIs are targets for
a journey that does not exist yet.

This rule reports at `info` by default: a team often agrees a target before the metric is
instrumented. Raise it to `warning` in `cjm.yaml` once the map is used to make decisions.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.lint.rules._kpis import kpi_paths
from cjm.model import MapType

CODE = "CJM124"
NAME = "kpi-without-actual"
SEVERITY = Severity.INFO
SUMMARY = "A KPI with a target but no actual value yet."

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
      - {id: trial-starts, name: Visitors who start a trial, target: 12, unit: "%", better: higher}
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
      - id: trial-starts
        name: Visitors who start a trial
        target: 12
        actual: 9.4
        unit: "%"
        better: higher
        source: Web analytics, acquisition dashboard
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
"""


def check(context: MapContext) -> Iterator[Finding]:
    if context.journey.type is MapType.FUTURE_STATE:
        return
    for path, kpi, owner in kpi_paths(context.journey):
        if kpi.target is not None and kpi.actual is None:
            yield context.finding(
                path,
                f"KPI '{kpi.id}' of {owner} has a target but no actual value yet: nobody "
                "can tell whether it is met",
                "add `actual:` with the latest measured value, and `source:` with where it "
                "comes from",
            )
