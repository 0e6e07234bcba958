"""A service blueprint that shows nothing behind the line of visibility.

A service blueprint exists to connect what the customer experiences with what makes it
happen: the staff who work out of sight (`backstage`) and the systems, partners and
processes that hold the service up (`support`). A blueprint that lists only frontstage
activity is a journey map with a different label: it cannot show where a delay in the
back office causes the wait at the counter, or which system a broken step depends on.
Add the backstage and support activities behind the steps, each with the team that does
them, or make the map a current-state map if the inside view is not what it is for.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.model import JourneyMap, MapType

CODE = "CJM118"
NAME = "blueprint-without-backstage"
SEVERITY = Severity.WARNING
SUMMARY = "A service blueprint with no backstage or support activity."

FAILING = """\
format: "1.0"
id: clinic-visit
title: Clinic visit
type: service-blueprint
owner: front-desk
reviewed: 2026-10-01
teams: [{id: front-desk, name: Front desk}]
personas: [{id: sam, name: Sam}]
touchpoints: [{id: reception, name: Reception desk, channel: in-person, owner: front-desk}]
stages:
  - id: arrive
    name: Arrive
    steps:
      - id: check-in
        action: Checks in at reception
        touchpoints: [reception]
        frontstage: [Receptionist confirms the appointment]
"""

PASSING = """\
format: "1.0"
id: clinic-visit
title: Clinic visit
type: service-blueprint
owner: front-desk
reviewed: 2026-10-01
teams: [{id: front-desk, name: Front desk}]
personas: [{id: sam, name: Sam}]
touchpoints: [{id: reception, name: Reception desk, channel: in-person, owner: front-desk}]
stages:
  - id: arrive
    name: Arrive
    steps:
      - id: check-in
        action: Checks in at reception
        touchpoints: [reception]
        frontstage: [Receptionist confirms the appointment]
        backstage: [{action: Front desk pulls the patient record, owner: front-desk}]
        support: [Scheduling system marks the patient as arrived]
"""


def _has_backstage(journey: JourneyMap) -> bool:
    return any(step.backstage or step.support for _, _, step in journey.iter_steps())


def check(context: MapContext) -> Iterator[Finding]:
    journey = context.journey
    if journey.type is MapType.SERVICE_BLUEPRINT and not _has_backstage(journey):
        yield context.finding(
            ("type",),
            f"service blueprint '{journey.id}' has no backstage or support activity: it "
            "shows only what the customer sees",
            "add `backstage:` (what staff do out of view) and `support:` (the systems and "
            "partners behind it) to its steps",
        )
