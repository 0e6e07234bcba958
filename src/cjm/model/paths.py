"""The journey as each persona lives it: their path of steps, the handoffs along it, and
the peaks and valleys of their emotional curve.

A step that names its ``personas`` is taken only by them, so two personas of one map can
walk different paths. Anything worked out between consecutive steps (a change of owner,
a rise or fall of emotion) is worked out along one persona's own path, never across a step
that persona does not take: the report, the diagrams and the lint rules all ask here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cjm.model.journey import JourneyMap, Step


def persona_path(journey: JourneyMap, persona_id: str) -> list[Step]:
    """The steps ``persona_id`` takes, in journey order."""
    return [step for stage in journey.stages for step in stage.steps if step.involves(persona_id)]


def customer_alone(step: Step) -> bool:
    """Whether the customer acts on their own at ``step``: no touchpoint and nothing done in
    view of them, so nobody of the business meets them there (they think it over, ask a
    friend, wait). Such a step neither receives nor passes on a handoff."""
    return not step.touchpoints and not step.frontstage


@dataclass(frozen=True)
class Handoff:
    """The owner changes between two steps a persona takes one after the other.

    ``previous`` is the last step before ``step`` on the persona's path that has an owner
    and where the business meets the customer; steps with no owner or where the customer
    acts alone are passed over. ``personas`` lists every persona whose path has this
    handoff (in the order of the map's personas).
    """

    previous: Step
    step: Step
    personas: tuple[str, ...]

    @property
    def from_owner(self) -> str:
        assert self.previous.owner is not None
        return self.previous.owner

    @property
    def to_owner(self) -> str:
        assert self.step.owner is not None
        return self.step.owner

    @property
    def described(self) -> bool:
        """Whether the step says how the customer is passed on (text that is not blank)."""
        return isinstance(self.step.handoff, str) and self.step.handoff.strip() != ""

    @property
    def waived(self) -> bool:
        """Whether the map says this change of owner needs no handoff (``handoff: false``)."""
        return self.step.handoff is False


def persona_handoffs(journey: JourneyMap, persona_id: str) -> list[Handoff]:
    """The handoffs along the path of ``persona_id``."""
    found: list[Handoff] = []
    previous: Step | None = None
    for step in persona_path(journey, persona_id):
        if step.owner is None or customer_alone(step):
            continue
        if previous is not None and step.owner != previous.owner:
            found.append(Handoff(previous, step, (persona_id,)))
        previous = step
    return found


def handoffs(journey: JourneyMap) -> list[Handoff]:
    """Every handoff of the map, once per pair of steps, in journey order of the receiving
    step; a pair that several personas' paths share lists all of them."""
    by_pair: dict[tuple[int, int], Handoff] = {}
    for persona_id in journey.persona_ids:
        for handoff in persona_handoffs(journey, persona_id):
            key = (id(handoff.previous), id(handoff.step))
            known = by_pair.get(key)
            personas = (known.personas if known else ()) + handoff.personas
            by_pair[key] = Handoff(handoff.previous, handoff.step, personas)
    order = {id(step): number for number, (_, _, step) in enumerate(journey.iter_steps())}
    return sorted(by_pair.values(), key=lambda h: (order[id(h.step)], order[id(h.previous)]))


def handoffs_into(journey: JourneyMap) -> dict[str, list[Handoff]]:
    """The handoffs of the map by the id of the step that receives the customer."""
    found: dict[str, list[Handoff]] = {}
    for handoff in handoffs(journey):
        found.setdefault(handoff.step.id, []).append(handoff)
    return found


Extreme = Literal["peak", "valley"]


def turning_points(scores: Sequence[int | None]) -> dict[int, Extreme]:
    """Where a persona's emotional curve peaks and dips: index to ``peak`` or ``valley``.

    ``scores`` are one persona's scores along their path (None where they have none; a
    gap is skipped, not read as zero). A *peak* is a high point: a run of equal positive
    scores (above 0) higher than the runs on both sides of it. A *valley* is a low point:
    a run of equal negative scores (below 0) lower than the runs on both sides. At either
    end of the curve only the one neighbour counts; a flat curve has neither. The index
    given for a run is its middle step.
    """
    runs: list[list[int]] = []  # indices of equal scores in a row, gaps skipped
    values: list[int] = []
    for index, score in enumerate(scores):
        if score is None:
            continue
        if runs and values[-1] == score:
            runs[-1].append(index)
        else:
            runs.append([index])
            values.append(score)
    found: dict[int, Extreme] = {}
    if len(runs) < 2:
        return found
    for number, run in enumerate(runs):
        score = values[number]
        neighbours = values[max(0, number - 1) : number] + values[number + 1 : number + 2]
        middle = run[(len(run) - 1) // 2]
        if score > 0 and all(score > other for other in neighbours):
            found[middle] = "peak"
        elif score < 0 and all(score < other for other in neighbours):
            found[middle] = "valley"
    return found
