"""A KPI with a target but no baseline to measure movement from.

A target says where the team wants a metric to be; a baseline says where it stood before
the work started. Without the baseline, an actual value that meets the target cannot
tell whether the work moved anything or the metric was there all along, and the report
and `cjm diff` can only tick the target instead of showing how far the KPI has come.

Add `baseline:` with the value measured before the work started, and `baseline_date:`
with the day it was measured. A KPI with no target is left to `kpi-without-target`.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.lint.rules._kpis import kpi_paths

CODE = "CJM131"
NAME = "kpi-without-baseline"
SEVERITY = Severity.INFO
SUMMARY = "A KPI with a target but no baseline to measure movement from."

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
  - id: consider
    name: Consider
    kpis:
      - {id: trial-starts, name: Trial starts per week, target: 400, actual: 380, better: higher}
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
  - id: consider
    name: Consider
    kpis:
      - id: trial-starts
        name: Trial starts per week
        baseline: 310
        baseline_date: 2026-04-01
        target: 400
        actual: 380
        better: higher
"""


def check(context: MapContext) -> Iterator[Finding]:
    for path, kpi, owner in kpi_paths(context.journey):
        if kpi.target is not None and kpi.baseline is None:
            yield context.finding(
                path,
                f"KPI '{kpi.id}' of {owner} has a target but no baseline: nobody can tell "
                "how far it has moved",
                "add `baseline:` with the value before the work started, and "
                "`baseline_date:` with when it was measured",
            )
