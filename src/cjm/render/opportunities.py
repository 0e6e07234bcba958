"""Where the journey view draws each opportunity, and what it says about its references.

An opportunity sits under every step with a pain point it addresses (an idea that relieves
three frictions is shown at all three; a pain point that spans steps or a stage, at the
first step it covers, where it is drawn in full), else at the start of the stage it names. One that
addresses only pain points of the current-state map its future-state map improves on, or
names nothing that exists, goes with the "Other opportunities", and says which pain point
of which map it addresses, or which of its references are broken.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cjm.model import Opportunity
from cjm.render.context import Named, RenderContext


@dataclass
class Placement:
    """Opportunities by the step they are drawn at (``id(step)``), by the stage whose first
    column holds them (stage index), and the others."""

    by_step: dict[int, list[Opportunity]] = field(default_factory=dict)
    by_stage: dict[int, list[Opportunity]] = field(default_factory=dict)
    others: list[Opportunity] = field(default_factory=list)


def place_opportunities(context: RenderContext) -> Placement:
    journey = context.journey
    step_of_pain: dict[str, int] = {}
    for pain in journey.pain_points():
        covered = journey.covered_steps(pain)
        if covered:  # drawn in full at the first step it covers
            step_of_pain.setdefault(pain.id, id(covered[0]))
    stage_index = {stage.id: index for index, stage in reversed(list(enumerate(journey.stages)))}
    placement = Placement()
    for opportunity in journey.opportunities:
        steps = dict.fromkeys(step_of_pain[p] for p in opportunity.addresses if p in step_of_pain)
        for step_key in steps:
            placement.by_step.setdefault(step_key, []).append(opportunity)
        if steps:
            continue
        if opportunity.stage is not None and opportunity.stage in stage_index:
            placement.by_stage.setdefault(stage_index[opportunity.stage], []).append(opportunity)
        else:
            placement.others.append(opportunity)
    return placement


def reference_notes(context: RenderContext, opportunity: Opportunity) -> list[Named]:
    """What the opportunity addresses beyond this map's pain points, and its references
    that name nothing, each as a line to draw under it."""
    journey = context.journey
    local = {pain.id for pain in journey.pain_points()}
    notes: list[Named] = []
    other_id = journey.current_state
    other = context.current_state
    for pain_id in opportunity.addresses:
        if pain_id in local:
            continue
        if other_id is None:
            notes.append(Named(f"addresses {pain_id}", "pain point", True))
        elif other is None:
            notes.append(Named(f"addresses pain point {pain_id} of map {other_id}"))
        else:
            found = next(
                (p for p in other.pain_points() if p.id == pain_id),
                None,
            )
            if found is None:
                notes.append(Named(f"addresses {pain_id}", f"pain point of map {other_id}", True))
            else:
                notes.append(
                    Named(
                        f"addresses \u201c{found.summary}\u201d "
                        f"(pain point {pain_id} of map {other.title})"
                    )
                )
    stages = {stage.id for stage in journey.stages}
    if opportunity.stage is not None and opportunity.stage not in stages:
        notes.append(Named(f"stage {opportunity.stage}", "stage", True))
    return notes
