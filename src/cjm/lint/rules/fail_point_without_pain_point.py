"""A fail point with no pain point to say what the failure costs the customer.

Marking a step as a `fail_point` says the service often breaks there: the payment times
out, the letter gets lost, the identity check rejects a good photo. That is a finding
from the inside of the service. What it does to the customer (they wait, retry, call,
give up) is a pain point, and it is the pain point that gets a severity, an owner, the
evidence behind it and an opportunity to fix it. A fail point with no pain point is a
known failure that nobody has weighed or owns.

Add a pain point that covers the step: under the step's own `pain_points`, under an
earlier step's pain point whose `spans` names it, or under the stage's `pain_points` when
the failure hurts through the whole stage. Give it the severity and owner the failure
deserves.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext, step_paths

CODE = "CJM129"
NAME = "fail-point-without-pain-point"
SEVERITY = Severity.WARNING
SUMMARY = "A step marked as a fail point that no pain point covers."

FAILING = """\
format: "1.0"
id: opening
title: Account opening
type: service-blueprint
owner: onboarding
reviewed: 2026-10-01
teams: [{id: onboarding, name: Onboarding}, {id: risk, name: Risk}]
personas: [{id: nadia, name: Nadia}]
touchpoints: [{id: app, name: Banking app, channel: app, owner: onboarding}]
stages:
  - id: verify
    name: Verify identity
    steps:
      - id: upload-id
        action: Takes a photo of her ID
        touchpoints: [app]
        emotion: 0
        backstage: [{action: Risk checks the photo, owner: risk}]
        fail_point: The check rejects photos taken in low light
"""

PASSING = """\
format: "1.0"
id: opening
title: Account opening
type: service-blueprint
owner: onboarding
reviewed: 2026-10-01
teams: [{id: onboarding, name: Onboarding}, {id: risk, name: Risk}]
personas: [{id: nadia, name: Nadia}]
touchpoints: [{id: app, name: Banking app, channel: app, owner: onboarding}]
stages:
  - id: verify
    name: Verify identity
    steps:
      - id: upload-id
        action: Takes a photo of her ID
        touchpoints: [app]
        emotion: -1
        backstage: [{action: Risk checks the photo, owner: risk}]
        fail_point: The check rejects photos taken in low light
        pain_points:
          - id: photo-rejected
            summary: Her photo is rejected without saying why
            severity: high
            owner: risk
"""


def check(context: MapContext) -> Iterator[Finding]:
    covering = context.journey.pain_points_at()
    for path, step in step_paths(context.journey):
        if not step.is_fail_point or covering.get(step.id):
            continue
        yield context.finding(
            (*path, "fail_point"),
            f"step '{step.id}' is a fail point but no pain point covers it: what the "
            "failure costs the customer is not said",
            "add a pain point to the step (or one that `spans` it, or one of its stage) with "
            "the severity and owner the failure deserves",
            at="key",
        )
