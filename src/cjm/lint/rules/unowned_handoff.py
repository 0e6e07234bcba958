"""Ownership changes between steps and nobody says how the customer is handed over.

Journeys rarely break inside one team; they break between teams. When marketing passes
a lead to sales, or sales passes a new customer to onboarding, context gets lost, the
customer repeats themselves, and each side assumes the other one is on it. A map that
shows the owner changing without describing the handoff hides exactly the place where
customers fall through the cracks.

Whenever a step is owned by a different team than the step before it (stages do not
reset this), write under `handoff` how responsibility passes: what is handed over, by
which means, and how the receiving team knows it is their turn. If there is no real
handoff, that is a finding worth fixing in the service, not only in the map.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext, step_paths
from cjm.model import Step

CODE = "CJM113"
NAME = "unowned-handoff"
SEVERITY = Severity.WARNING
SUMMARY = "Ownership changes between steps and no handoff is described."

FAILING = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}, {id: sales, name: Sales}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: decide
    name: Decide
    steps:
      - id: compare-plans
        action: Compares plans
        touchpoints: [pricing-page]
        owner: growth
      - id: talk-to-sales
        action: Asks sales for a volume discount
        touchpoints: [pricing-page]
        owner: sales
"""

PASSING = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}, {id: sales, name: Sales}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: decide
    name: Decide
    steps:
      - id: compare-plans
        action: Compares plans
        touchpoints: [pricing-page]
        owner: growth
      - id: talk-to-sales
        action: Asks sales for a volume discount
        touchpoints: [pricing-page]
        owner: sales
        handoff: The discount form creates a lead with the trial's usage attached.
"""


def _described(handoff: str | None) -> bool:
    return handoff is not None and handoff.strip() != ""


def check(context: MapContext) -> Iterator[Finding]:
    previous: Step | None = None
    for path, step in step_paths(context.journey):
        if step.owner is None:
            continue
        if previous is not None and step.owner != previous.owner and not _described(step.handoff):
            yield context.finding(
                (*path, "owner"),
                f"ownership passes from '{previous.owner}' (step '{previous.id}') to "
                f"'{step.owner}' at step '{step.id}' with no handoff described",
                f"add `handoff:` to step '{step.id}': how '{previous.owner}' passes the "
                f"customer on to '{step.owner}'",
            )
        previous = step
