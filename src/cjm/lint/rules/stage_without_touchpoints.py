"""A stage in which the customer meets the business nowhere.

Every stage of a journey happens somewhere: on a website, in an email, on the phone, in a
store. A stage whose steps name no touchpoint leaves the team unable to say where to act
on what the map shows, and usually means the stage was sketched from the inside out
(what the company does) instead of from the customer's side. Name the touchpoints each
step uses, or merge the stage into a neighbour. The steps of the stage's branches count
as its steps.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext

CODE = "CJM101"
NAME = "stage-without-touchpoints"
SEVERITY = Severity.WARNING
SUMMARY = "A stage whose steps use no touchpoint."

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
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
  - id: decide
    name: Decide
    steps:
      - {id: ask-budget, action: Asks her manager for budget}
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
  - {id: budget-deck, name: Budget one-pager, channel: print, owner: growth}
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
  - id: decide
    name: Decide
    steps:
      - {id: ask-budget, action: Asks her manager for budget, touchpoints: [budget-deck]}
"""


def check(context: MapContext) -> Iterator[Finding]:
    for index, stage in enumerate(context.journey.stages):
        if not any(step.touchpoints for step in stage.all_steps()):
            yield context.finding(
                ("stages", index),
                f"stage '{stage.id}' has no touchpoint: none of its steps says where the "
                "customer meets the business",
                "add `touchpoints:` to its steps",
            )
