"""A stage that measures nothing.

A journey map earns its keep when the team can tell whether a phase of the journey is
getting better or worse. A stage with no KPI, neither its own nor on any of its steps
(branches included), can only be judged by opinion: nobody notices when it degrades, and
an improvement made there cannot be shown. Give each stage at least one metric that tells
whether the customer gets through it (a conversion, a completion rate, a time to value),
on the stage or on the step where it is measured.

This rule reports at `info` by default: early drafts often map the journey before the
metrics are agreed. Raise it to `warning` in `cjm.yaml` once the map is in use.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.model import Stage

CODE = "CJM117"
NAME = "stage-without-kpi"
SEVERITY = Severity.INFO
SUMMARY = "A stage with no KPI, neither its own nor on any of its steps."

FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints:
  - {id: pricing-page, name: Pricing page, channel: web, owner: growth}
  - {id: quote-form, name: Quote form, channel: web, owner: growth}
stages:
  - id: consider
    name: Consider
    kpis:
      - {id: trial-starts, name: Visitors who start a trial, target: 12, unit: "%", better: higher}
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
  - id: decide
    name: Decide
    steps:
      - {id: request-quote, action: Requests a quote, touchpoints: [quote-form]}
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
touchpoints:
  - {id: pricing-page, name: Pricing page, channel: web, owner: growth}
  - {id: quote-form, name: Quote form, channel: web, owner: growth}
stages:
  - id: consider
    name: Consider
    kpis:
      - {id: trial-starts, name: Visitors who start a trial, target: 12, unit: "%", better: higher}
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
  - id: decide
    name: Decide
    steps:
      - id: request-quote
        action: Requests a quote
        touchpoints: [quote-form]
        kpis: [{id: quote-time, name: Hours until the quote arrives, target: 24, better: lower}]
"""


def _measures(stage: Stage) -> bool:
    return bool(stage.kpis) or any(step.kpis for step in stage.all_steps())


def check(context: MapContext) -> Iterator[Finding]:
    for index, stage in enumerate(context.journey.stages):
        if not _measures(stage):
            yield context.finding(
                ("stages", index),
                f"stage '{stage.id}' measures nothing: neither it nor any of its steps has a KPI",
                "add `kpis:` to the stage, or to the step where it is measured, with a `target:`",
            )
