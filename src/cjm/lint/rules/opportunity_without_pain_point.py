"""An opportunity that is not linked to any pain point.

An opportunity earns its place on a journey map by relieving something the customer
actually struggles with. One that addresses no pain point is a feature idea looking for a
problem: it cannot be prioritised against the pain it removes, and it silently crowds the
opportunity matrix with work the map does not justify.

List the pain points it would relieve in `addresses`. If it answers a problem the map does
not show yet, add that pain point (with its evidence) to the step where it happens; if it
answers none, consider dropping it or keeping it in a product backlog instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext

CODE = "CJM108"
NAME = "opportunity-without-pain-point"
SEVERITY = Severity.INFO
SUMMARY = "An opportunity that addresses no pain point."

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
      - id: compare-plans
        action: Compares plans
        touchpoints: [pricing-page]
        emotion: -1
        pain_points:
          - {id: seat-confusion, summary: Unclear who needs a paid seat, severity: medium}
opportunities:
  - {id: price-calculator, summary: Add a price calculator for viewers and editors}
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
    steps:
      - id: compare-plans
        action: Compares plans
        touchpoints: [pricing-page]
        emotion: -1
        pain_points:
          - {id: seat-confusion, summary: Unclear who needs a paid seat, severity: medium}
opportunities:
  - id: price-calculator
    summary: Add a price calculator for viewers and editors
    addresses: [seat-confusion]
"""


def check(context: MapContext) -> Iterator[Finding]:
    for index, opportunity in enumerate(context.journey.opportunities):
        if not opportunity.addresses:
            yield context.finding(
                ("opportunities", index),
                f"opportunity '{opportunity.id}' addresses no pain point",
                "list the pain points it would relieve in `addresses:`",
            )
