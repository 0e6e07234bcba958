"""Bounded summaries for the team and persona pages.

A persona is hurt by most pain points of a large portfolio (every pain point that names
no persona hurts them all), and a team may own thousands of steps. Their pages show what
fits a page: counts per journey, and the worst few open pain points or opportunities,
saying how many of how many they show and linking to the full list (the register,
filtered from its address).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from cjm.portfolio.facts import HandoffRow, JourneyRef, PainRow, PersonaJourney, PersonaPage
from cjm.report.facts import StepView

# How many of a long list a team or persona page shows.
SHORTLIST = 10

Row = TypeVar("Row")


@dataclass(frozen=True)
class Shortlist(Generic[Row]):
    """The first ``len(rows)`` of ``total`` rows, in the order given (worst first)."""

    rows: Sequence[Row]
    total: int

    @property
    def cut(self) -> bool:
        """Some rows are left to the full list."""
        return len(self.rows) < self.total


def shortlist(rows: Sequence[Row], size: int | None = None) -> Shortlist[Row]:
    """The first ``size`` rows (:data:`SHORTLIST` unless given) and how many there are."""
    return Shortlist(rows[: SHORTLIST if size is None else size], len(rows))


@dataclass(frozen=True)
class JourneyCount:
    """Pain points on one journey: how many, how many open, and the open ones' worst
    severity (None when none is open)."""

    journey: JourneyRef
    total: int
    open: int
    worst: str | None
    steps: int = 0  # steps the team owns there (team pages only)


def by_journey(pains: Sequence[PainRow], journeys: Sequence[JourneyRef] = ()) -> list[JourneyCount]:
    """The pain points counted per journey, in the order ``journeys`` gives then the order
    the pain points first name them; ``journeys`` lists journeys to show even without
    a pain point."""
    order: dict[str, JourneyRef] = {ref.id: ref for ref in journeys}
    totals: dict[str, int] = dict.fromkeys(order, 0)
    opened: dict[str, int] = dict.fromkeys(order, 0)
    worst: dict[str, tuple[int, str]] = {}
    for row in pains:
        ref = row.journey
        order.setdefault(ref.id, ref)
        totals[ref.id] = totals.get(ref.id, 0) + 1
        opened.setdefault(ref.id, 0)
        if row.is_open:
            opened[ref.id] += 1
            held = worst.get(ref.id)
            if held is None or row.pain.rank > held[0]:
                worst[ref.id] = (row.pain.rank, row.pain.severity)
    return [
        JourneyCount(ref, totals[key], opened[key], worst[key][1] if key in worst else None)
        for key, ref in order.items()
    ]


@dataclass(frozen=True)
class OwnedSteps:
    """The steps a team owns on one journey, and the open pain points at them."""

    journey: JourneyRef
    steps: int
    open_pains: int


def owned_steps(steps: Sequence[tuple[JourneyRef, StepView]]) -> list[OwnedSteps]:
    """The team's steps counted per journey, in the order the steps come; a pain point
    covering several of the steps counts once."""
    order: dict[str, JourneyRef] = {}
    counts: dict[str, int] = {}
    pains: dict[str, set[str]] = {}
    for ref, step in steps:
        order.setdefault(ref.id, ref)
        counts[ref.id] = counts.get(ref.id, 0) + 1
        held = pains.setdefault(ref.id, set())
        held.update(pain.id for pain in step.pains if pain.status == "open")
    return [OwnedSteps(ref, counts[key], len(pains[key])) for key, ref in order.items()]


def steps_by_journey(
    places: Sequence[tuple[JourneyRef, StepView]],
) -> list[tuple[JourneyRef, list[StepView]]]:
    """Steps grouped under their journey (each journey named once), in the order given."""
    groups: dict[str, tuple[JourneyRef, list[StepView]]] = {}
    for ref, step in places:
        groups.setdefault(ref.id, (ref, []))[1].append(step)
    return list(groups.values())


@dataclass(frozen=True)
class HandoffCount:
    """The handoffs between a team and one other team, one way."""

    team: str  # the other team's name
    handoffs: int
    journeys: int
    undescribed: int  # neither described nor waived


def handoff_counts(rows: Sequence[HandoffRow], way: str) -> list[HandoffCount]:
    """The handoffs counted per other team (``way`` "from": the team they come from;
    "to": the team they go to), most first, then by name."""
    handoffs: dict[str, int] = {}
    journeys: dict[str, set[str]] = {}
    undescribed: dict[str, int] = {}
    for row in rows:
        team = row.from_team if way == "from" else row.to_team
        handoffs[team] = handoffs.get(team, 0) + 1
        journeys.setdefault(team, set()).add(row.journey.id)
        missing = not row.described and not row.waived
        undescribed[team] = undescribed.get(team, 0) + missing
    counted = [
        HandoffCount(team, handoffs[team], len(journeys[team]), undescribed[team])
        for team in handoffs
    ]
    return sorted(counted, key=lambda c: (-c.handoffs, c.team.casefold()))


def undescribed(rows: Sequence[HandoffRow]) -> list[HandoffRow]:
    """The handoffs that are neither described nor waived: the ones to act on."""
    return [row for row in rows if not row.described and not row.waived]


def worst_felt(journeys: Sequence[PersonaJourney]) -> list[PersonaJourney]:
    """A persona's journeys, lowest average first; journeys without a score last."""
    return sorted(journeys, key=lambda j: (j.average is None, j.average or 0))


@dataclass(frozen=True)
class PersonaOnJourney:
    """A persona on one journey: their curve there (None when the map draws none) and
    the pain points that hurt them there."""

    journey: JourneyRef
    curve: PersonaJourney | None
    pains: JourneyCount


def persona_journeys(persona: PersonaPage) -> list[PersonaOnJourney]:
    """Every journey the persona has a curve or a pain point on, in the order of their
    curves, then of their pain points."""
    curves = {j.journey.id: j for j in persona.journeys}
    refs = [j.journey for j in persona.journeys]
    return [
        PersonaOnJourney(count.journey, curves.get(count.journey.id), count)
        for count in by_journey(persona.pains, refs)
    ]
