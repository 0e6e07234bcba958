"""The journey as each persona lives it: their path of steps, the handoffs along it, and
the peaks and valleys of their emotional curve.

A step that names its ``personas`` is taken only by them, so two personas of one map can
walk different paths. A stage's branches and optional steps give one persona several
*routes* through the map: the main line, each branch, with and without each optional step.
Anything worked out between consecutive steps (a change of owner, a rise or fall of emotion)
is worked out along each route a persona can walk, never across a step that persona does
not take or between two alternatives: the report, the diagrams and the lint rules all ask
here.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cjm.model.journey import Branch, JourneyMap, Stage, Step

ROUTE_LIMIT = 256
"""At most this many routes are walked per persona; beyond it, the routes are the main line
plus each branch and optional step one at a time (every pair of consecutive steps is still
walked at least once)."""


def persona_path(journey: JourneyMap, persona_id: str) -> list[Step]:
    """The main route of ``persona_id``: the steps they take on every stage's main line,
    optional ones included, in journey order."""
    return [step for stage in journey.stages for step in stage.steps if step.involves(persona_id)]


def _stage_routes(stage: Stage) -> list[list[Step]]:
    """Every way through ``stage``: at each point where branches leave the main line, the
    main line or one of them; each optional step taken or skipped."""
    main_ids = [step.id for step in stage.steps]
    forks: dict[str | None, list[Branch]] = {}
    for branch in stage.branches:
        after = branch.after if branch.after in main_ids else None
        forks.setdefault(after, []).append(branch)
    fork_points = list(forks)
    optional = [step.id for step in stage.steps if step.optional]
    optional += [s.id for b in stage.branches for s in b.steps if s.optional]
    choices = [[None, *forks[point]] for point in fork_points]
    routes: dict[tuple[int, ...], list[Step]] = {}
    for picked in _combinations(choices):
        taken = dict(zip(fork_points, picked, strict=True))
        base = _walk(stage, taken, main_ids)
        for skipped in _subsets(optional):
            route = [step for step in base if step.id not in skipped]
            # Skipping an optional step that is not on this way changes nothing.
            routes.setdefault(tuple(id(step) for step in route), route)
    return list(routes.values())


def _combinations(choices: list[list[Branch | None]]) -> list[tuple[Branch | None, ...]]:
    total = 1
    for options in choices:
        total *= len(options)
    if total <= ROUTE_LIMIT:
        return list(itertools.product(*choices))
    # Too many to walk: the main line, then each branch on its own.
    found: list[tuple[Branch | None, ...]] = [tuple(None for _ in choices)]
    for index, options in enumerate(choices):
        for option in options[1:]:
            picked: list[Branch | None] = [None for _ in choices]
            picked[index] = option
            found.append(tuple(picked))
    return found


def _subsets(optional: list[str]) -> list[set[str]]:
    if 2 ** len(optional) <= ROUTE_LIMIT // 4:
        return [
            set(combo)
            for size in range(len(optional) + 1)
            for combo in itertools.combinations(optional, size)
        ]
    return [set(), *({step_id} for step_id in optional)]


def _walk(stage: Stage, taken: dict[str | None, Branch | None], main_ids: list[str]) -> list[Step]:
    """The steps of one way through ``stage``, given the branch taken at each fork."""
    route: list[Step] = []
    skip_until: str | None = None

    def enter(after: str | None) -> str | None:
        branch = taken.get(after)
        if branch is None:
            return None
        route.extend(branch.steps)
        if branch.rejoin in main_ids:
            return branch.rejoin
        return None

    skip_until = enter(None)
    for step in stage.steps:
        if skip_until is not None:
            if step.id != skip_until:
                continue
            skip_until = None
        route.append(step)
        skip_until = enter(step.id)
    return route


def routes(journey: JourneyMap) -> list[list[Step]]:
    """Every route through the map, worked out stage by stage (at most ``ROUTE_LIMIT``; when
    there are more, each stage's ways are combined with the other stages' main lines)."""
    per_stage = [_stage_routes(stage) for stage in journey.stages]
    total = 1
    for ways in per_stage:
        total *= max(1, len(ways))
    if total <= ROUTE_LIMIT:
        return [
            [step for way in combo for step in way]
            for combo in itertools.product(*(ways or [[]] for ways in per_stage))
        ]
    mains = [ways[0] if ways else [] for ways in per_stage]
    found = [[step for way in mains for step in way]]
    for index, ways in enumerate(per_stage):
        for way in ways[1:]:
            found.append([step for w in (*mains[:index], way, *mains[index + 1 :]) for step in w])
    return found


def persona_routes(journey: JourneyMap, persona_id: str) -> list[list[Step]]:
    """Every route ``persona_id`` can walk: the steps they take along each of the map's
    routes, without repeats; the first is their main route."""
    seen: set[tuple[int, ...]] = set()
    found: list[list[Step]] = []
    for route in routes(journey):
        mine = [step for step in route if step.involves(persona_id)]
        key = tuple(id(step) for step in mine)
        if key not in seen:
            seen.add(key)
            found.append(mine)
    return found


def customer_alone(step: Step) -> bool:
    """Whether the customer acts on their own at ``step``: no touchpoint and nothing done in
    view of them, so nobody of the business meets them there (they think it over, ask a
    friend, wait). Such a step neither receives nor passes on a handoff."""
    return not step.touchpoints and not step.frontstage


@dataclass(frozen=True, slots=True)
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
    """The handoffs along every route of ``persona_id``, each pair of steps once."""
    found: dict[tuple[int, int], Handoff] = {}
    for route in persona_routes(journey, persona_id):
        previous: Step | None = None
        for step in route:
            if step.owner is None or customer_alone(step):
                continue
            if previous is not None and step.owner != previous.owner:
                found.setdefault((id(previous), id(step)), Handoff(previous, step, (persona_id,)))
            previous = step
    return list(found.values())


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
