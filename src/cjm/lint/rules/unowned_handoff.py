"""Ownership changes between steps and nobody says how the customer is handed over.

Journeys rarely break inside one team; they break between teams. When marketing passes
a lead to sales, or sales passes a new customer to onboarding, context gets lost, the
customer repeats themselves, and each side assumes the other one is on it. A map that
shows the owner changing without describing the handoff hides exactly the place where
customers fall through the cracks.

A handoff is where the customer is passed from one owner to another along the path a
persona walks: the step is owned by a different team than the last step before it where
that persona met the business. Steps with no `owner` are passed over, and so are steps
where the customer acts alone (no touchpoint and nothing done in view of them: they think
it over, ask a colleague, wait), since nobody of the business holds them there. A step
that names its `personas` is on those personas' paths only, so a step that only one
persona takes never makes another persona's next step a handoff. Stages do not reset
anything: a journey passes from team to team across them. Where a stage has branches or
optional steps, each route through it is followed: into a branch from the step it leaves,
out of it to the step where it rejoins, past a skipped optional step, and never from a
step of one branch to a step of an alternative branch.

At the receiving step, write under `handoff` how responsibility passes: what is handed
over, by which means, and how the receiving team knows it is their turn. If there is no
real handoff, that is a finding worth fixing in the service, not only in the map. When
the change of owner really needs none (the customer does not notice it and nothing is
passed on, such as two teams behind one self-service app), say so with `handoff: false`.
Each change of owner into a step is reported once, at the receiving step's `owner`, even
when personas reach that step from different steps of the same team; the finding names
those steps, and the personas whose path it is on when it is not every persona's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext, quoted, step_paths
from cjm.model import JourneyMap, Step
from cjm.model.paths import Handoff, handoffs

CODE = "CJM113"
NAME = "unowned-handoff"
SEVERITY = Severity.WARNING
SUMMARY = "Ownership changes between steps and no handoff is described."

FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}, {id: sales, name: Sales}]
personas: [{id: olivia, name: Olivia}]
touchpoints:
  - {id: pricing-page, name: Pricing page, channel: web, owner: growth}
  - {id: discount-call, name: Discount call, channel: phone, owner: sales}
stages:
  - id: decide
    name: Decide
    steps:
      - id: compare-plans
        action: Compares plans
        touchpoints: [pricing-page]
        owner: growth
      - id: asks-finance
        action: Asks her finance lead what the budget allows
      - id: talk-to-sales
        action: Asks sales for a volume discount
        touchpoints: [discount-call]
        owner: sales
"""

PASSING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}, {id: sales, name: Sales}]
personas: [{id: olivia, name: Olivia}]
touchpoints:
  - {id: pricing-page, name: Pricing page, channel: web, owner: growth}
  - {id: discount-call, name: Discount call, channel: phone, owner: sales}
stages:
  - id: decide
    name: Decide
    steps:
      - id: compare-plans
        action: Compares plans
        touchpoints: [pricing-page]
        owner: growth
      - id: asks-finance
        action: Asks her finance lead what the budget allows
      - id: talk-to-sales
        action: Asks sales for a volume discount
        touchpoints: [discount-call]
        owner: sales
        # Or `handoff: false` when a change of owner needs no handoff.
        handoff: The discount form creates a lead with the trial's usage attached.
"""


@dataclass
class _Change:
    """One change of owner into a step: from one owner, whichever of that owner's steps
    each persona comes from (the handoffs into a step from one team are one finding)."""

    step: Step
    from_owner: str
    previous: list[str] = field(default_factory=list)
    personas: list[str] = field(default_factory=list)

    def add(self, handoff: Handoff) -> None:
        if handoff.previous.id not in self.previous:
            self.previous.append(handoff.previous.id)
        self.personas += [p for p in handoff.personas if p not in self.personas]


def _changes(journey: JourneyMap) -> list[_Change]:
    """The undescribed, unwaived handoffs of ``journey``, one per receiving step and
    previous owner, in journey order."""
    found: dict[tuple[int, str], _Change] = {}
    for handoff in handoffs(journey):
        if handoff.described or handoff.waived:
            continue
        key = (id(handoff.step), handoff.from_owner)
        if key not in found:
            found[key] = _Change(handoff.step, handoff.from_owner)
        found[key].add(handoff)
    return list(found.values())


def _whose(change: _Change, everyone: list[str]) -> str:
    """``, on the path of persona 'a',`` when the change is not on every persona's path."""
    if set(everyone) <= set(change.personas):
        return ""
    ordered = [p for p in everyone if p in change.personas]
    kind = "persona" if len(ordered) == 1 else "personas"
    return f", on the path of {kind} {quoted(ordered)},"


def check(context: MapContext) -> Iterator[Finding]:
    journey = context.journey
    changes = _changes(journey)
    # The paths of the receiving steps only, found once the handoffs are let go: a large
    # map has thousands of steps.
    receiving = {id(change.step) for change in changes}
    paths = {id(step): path for path, step in step_paths(journey) if id(step) in receiving}
    for change in changes:
        step, before, after = change.step, change.from_owner, change.step.owner
        steps = "step" if len(change.previous) == 1 else "steps"
        yield context.finding(
            (*paths[id(step)], "owner"),
            f"ownership passes from '{before}' ({steps} {quoted(change.previous)}) to "
            f"'{after}' at step '{step.id}'{_whose(change, journey.persona_ids)} with no "
            "handoff described",
            f"add `handoff:` to step '{step.id}': how '{before}' passes the customer on to "
            f"'{after}' (or `handoff: false` when the change needs none)",
        )
