"""A branch of a stage that does not say when customers take it.

A branch is an alternative path through a stage: the card is declined and the customer
retries or calls support, a returning customer skips the sign-up. Its condition is what
makes it readable: the diagrams and the report label the fork with it, and the team can
only judge how often the branch is taken, or whether it should exist at all, once they
know what sends customers down it. A branch without one is a second path with no reason.

Write under `condition` what sends customers on the branch, from their side or from what
happens to them: `Card declined`, `Returning customer`, `ID photo rejected`.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.load.positions import DataPath

CODE = "CJM128"
NAME = "branch-without-condition"
SEVERITY = Severity.WARNING
SUMMARY = "A branch of a stage with no condition saying when customers take it."

FAILING = """\
format: "1.0"
id: checkout
title: Checkout
type: current-state
owner: payments
reviewed: 2026-10-01
teams: [{id: payments, name: Payments}]
personas: [{id: sam, name: Sam}]
touchpoints: [{id: checkout-page, name: Checkout page, channel: web, owner: payments}]
stages:
  - id: pay
    name: Pay
    steps:
      - {id: enter-card, action: Enters a card, touchpoints: [checkout-page], emotion: 0}
      - {id: confirm, action: Sees the confirmation, touchpoints: [checkout-page], emotion: 1}
    branches:
      - id: retry
        after: enter-card
        steps:
          - {id: retry-card, action: Tries another card, touchpoints: [checkout-page], emotion: 0}
"""

PASSING = """\
format: "1.0"
id: checkout
title: Checkout
type: current-state
owner: payments
reviewed: 2026-10-01
teams: [{id: payments, name: Payments}]
personas: [{id: sam, name: Sam}]
touchpoints: [{id: checkout-page, name: Checkout page, channel: web, owner: payments}]
stages:
  - id: pay
    name: Pay
    steps:
      - {id: enter-card, action: Enters a card, touchpoints: [checkout-page], emotion: 0}
      - {id: confirm, action: Sees the confirmation, touchpoints: [checkout-page], emotion: 1}
    branches:
      - id: retry
        condition: Card declined
        after: enter-card
        steps:
          - {id: retry-card, action: Tries another card, touchpoints: [checkout-page], emotion: 0}
"""


def check(context: MapContext) -> Iterator[Finding]:
    for s, stage in enumerate(context.journey.stages):
        for b, branch in enumerate(stage.branches):
            if branch.condition is not None and branch.condition.strip():
                continue
            path: DataPath = ("stages", s, "branches", b)
            written = "condition" in branch.model_fields_set
            yield context.finding(
                (*path, "condition") if written else path,
                f"branch '{branch.id}' of stage '{stage.id}' does not say when customers take it",
                "add `condition:` with what sends customers on it, for example `Card declined`",
                at="key" if written else "value",
            )
