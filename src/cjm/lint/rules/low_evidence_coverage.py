"""A map whose steps or personas mostly rest on assumptions.

A journey map drawn in a workshop from what the team believes is a useful first draft and
a dangerous final one: it shows the company's picture of its customers, and decisions
made from it repeat that picture. The classic failure of journey mapping is a map that
looks finished while almost nothing on it was seen in research. Single pain points
without evidence are reported one by one (`pain-point-without-evidence`); this rule looks
at the map as a whole and asks how much of it is grounded at all.

A step counts as backed when it, or a pain point that covers it (written at the step,
spanning it from an earlier step, or a pain point of its stage), cites evidence that is
not an `assumption` (an interview, a survey, analytics, support tickets, reviews, a
usability test, an observation); a persona counts when it cites such evidence itself.
Steps of branches count like those of the main line. Research the team rates as
`confidence: low` counts as half a backed step or persona, as in the report's evidence
coverage. When the share of backed steps, or of backed personas, is below the `min_share`
option, the rule says the share found, the minimum and the first steps or personas that
are unbacked. Cite the research each step and persona comes from under its `evidence`, or
do that research. Future-state maps are not checked by default, since they describe a
journey nobody has lived yet; the `map_types` option sets which types of map are.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from pydantic import Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext, quoted
from cjm.model import MapType, PainPoint, Step
from cjm.model.base import CjmModel

CODE = "CJM121"
NAME = "low-evidence-coverage"
SEVERITY = Severity.WARNING
SUMMARY = "Too few of a map's steps or personas are backed by research."

SHOWN = 3
"""How many unbacked steps or personas a finding names before it counts the rest."""


class Options(CjmModel):
    """Settings of low-evidence-coverage."""

    min_share: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="The smallest share (0 to 1) of the map's steps, and of its personas, "
        "that must cite evidence other than assumptions.",
    )
    map_types: list[MapType] = Field(
        default_factory=lambda: [
            MapType.CURRENT_STATE,
            MapType.DAY_IN_THE_LIFE,
            MapType.SERVICE_BLUEPRINT,
        ],
        description="The types of map that are checked.",
    )


FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia, evidence: [trial-interviews]}]
touchpoints:
  - {id: signup-form, name: Sign-up form, channel: web, owner: growth}
  - {id: csv-importer, name: Spreadsheet importer, channel: app, owner: growth}
evidence:
  - {id: trial-interviews, kind: interview, title: Trial interviews, sample_size: 12}
  - {id: team-workshop, kind: assumption, title: What the team believes}
stages:
  - id: try
    name: Try
    steps:
      - {id: sign-up, action: Signs up, touchpoints: [signup-form], evidence: [team-workshop]}
      - {id: import-plan, action: Imports her plan, touchpoints: [csv-importer]}
      - {id: invite-team, action: Invites her team, evidence: [trial-interviews]}
"""

PASSING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia, evidence: [trial-interviews]}]
touchpoints:
  - {id: signup-form, name: Sign-up form, channel: web, owner: growth}
  - {id: csv-importer, name: Spreadsheet importer, channel: app, owner: growth}
evidence:
  - {id: trial-interviews, kind: interview, title: Trial interviews, sample_size: 12}
  - {id: team-workshop, kind: assumption, title: What the team believes}
  - {id: import-tickets, kind: support-tickets, title: Import tickets Q3, sample_size: 48}
stages:
  - id: try
    name: Try
    steps:
      - {id: sign-up, action: Signs up, touchpoints: [signup-form], evidence: [team-workshop]}
      - id: import-plan
        action: Imports her plan
        touchpoints: [csv-importer]
        pain_points:
          - id: import-fails
            summary: The import rejects European dates
            severity: high
            owner: growth
            evidence: [import-tickets]
      - {id: invite-team, action: Invites her team, evidence: [trial-interviews]}
"""


def _strength(context: MapContext, evidence_ids: list[str]) -> float:
    """How far ``evidence_ids`` back what cites them: the strongest of the entries that
    exist (1 for research, 0.5 for low-confidence research, 0 for an assumption)."""
    found = [context.evidence(evidence_id) for evidence_id in evidence_ids]
    return max((entry.strength for entry in found if entry is not None), default=0.0)


def _step_strength(context: MapContext, step: Step, pains: list[PainPoint]) -> float:
    """What backs ``step``: its own evidence, or that of a pain point covering it."""
    cited = [*step.evidence, *(e for pain in pains for e in pain.evidence)]
    return _strength(context, cited)


def _percent(share: float, minimum: float) -> str:
    """A share as a whole percentage; rounded down where rounding would make a share
    below the minimum read as the minimum (49.6 % against 50 %)."""
    shown = round(share * 100)
    if share < minimum and shown >= minimum * 100:
        shown = math.floor(share * 100)
    return f"{shown}%"


def _names(unbacked: list[str]) -> str:
    """The first few ids, and how many more there are."""
    if len(unbacked) <= SHOWN:
        return quoted(unbacked)
    shown = ", ".join(f"'{name}'" for name in unbacked[:SHOWN])
    return f"{shown} and {len(unbacked) - SHOWN} more"


def _finding(
    context: MapContext, key: str, kind: str, backing: list[tuple[str, float]]
) -> Finding | None:
    """The finding for ``backing`` (the id and strength of each step or persona), if its
    share is below the minimum. Low-confidence research counts as half."""
    total = len(backing)
    minimum: float = context.options.min_share
    share = sum(strength for _, strength in backing) / total if total else 1.0
    if share >= minimum:
        return None
    backed = sum(1 for _, strength in backing if strength >= 1)
    halves = sum(1 for _, strength in backing if 0 < strength < 1)
    unbacked = [name for name, strength in backing if strength == 0]
    kinds = kind if total == 1 else kind + "s"
    verb = "is" if backed == 1 or total == 1 else "are"
    percent = _percent(share, minimum)
    if halves:
        counted = (
            f"{backed} of {total} {kinds} {verb} backed by research and {halves} by "
            f"low-confidence research only (counted as half: {percent})"
        )
    else:
        counted = f"{backed} of {total} {kinds} ({percent}) {verb} backed by research"
    message = f"{counted}, below the minimum of {minimum * 100:g}%"
    if unbacked:
        message += f"; not backed: {_names(unbacked)}"
    return context.finding(
        (key,),
        message,
        f"cite under each {kind}'s `evidence:` the research it comes from: interviews, "
        "analytics, support tickets, usability tests (assumptions do not count, "
        "low-confidence research counts as half)",
        at="key",
    )


def check(context: MapContext) -> Iterator[Finding]:
    journey = context.journey
    if journey.type not in context.options.map_types:
        return
    covering = journey.pain_points_at()
    steps = [
        (step.id, _step_strength(context, step, covering.get(step.id, [])))
        for _, _, step in journey.iter_steps()
    ]
    found = _finding(context, "stages", "step", steps)
    if found is not None:
        yield found
    personas = [
        (persona_id, _strength(context, persona.evidence))
        for persona_id in journey.persona_ids
        if (persona := context.persona(persona_id)) is not None
    ]
    found = _finding(context, "personas", "persona", personas)
    if found is not None:
        yield found
