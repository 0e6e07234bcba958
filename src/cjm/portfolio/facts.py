"""What a portfolio of journeys holds, as plain data: the questions that cross maps.

A CX team keeps many maps, and its questions cross them: which pain points hurt most
across every journey, which team owns the most open ones, which opportunities go first,
which journeys are stale or rest on assumptions, where customers feel worst.
:func:`cjm.portfolio.build.build_portfolio` answers them from the per-map report facts
(:class:`cjm.report.facts.Report`), so the site, the exports and each map's own report
word every value the same way. Nothing here is HTML or a file format: the site
(:mod:`cjm.site`) and the exports (:mod:`cjm.export`) present these facts.

Rows carry a stable ``key`` (``<map-id>/<item-id>``): the site links by it, the tracker
export uses it to find the issue it wrote before, and it never changes while the ids in
the maps stay the same.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from cjm.report.facts import (
    Curve,
    KpiView,
    OpportunityView,
    PainView,
    Report,
    StepView,
)

# The opportunity backlog's order: impact high first, then effort low first.
IMPACT_ORDER = ("high", "medium", "low")
EFFORT_ORDER = ("low", "medium", "high")


def row_key(map_id: str, item_id: str) -> str:
    """The stable key of an item of a map across the portfolio."""
    return f"{map_id}/{item_id}"


@dataclass(frozen=True)
class JourneyRef:
    """A journey as other pages name it, and where its report is."""

    id: str
    title: str
    type: str  # current-state, future-state, day-in-the-life, service-blueprint
    type_label: str
    owner: str  # the owning team's name
    owner_id: str
    report: str | None  # the report's file name, when the site has one


@dataclass(frozen=True)
class FindingCounts:
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    @property
    def total(self) -> int:
        return self.errors + self.warnings + self.infos


@dataclass(frozen=True)
class Backed:
    """How many of a map's steps or pain points rest on research, on weak research, on
    assumptions only, or on nothing."""

    total: int
    research: int
    weak: int
    assumption: int
    none: int

    @property
    def share(self) -> float | None:
        """The share backed by research (weak research counts half); None when there is
        nothing to back."""
        if self.total == 0:
            return None
        return (self.research + self.weak / 2) / self.total

    @property
    def mostly_assumed(self) -> bool:
        """More of it rests on assumptions or nothing than on research."""
        return self.total > 0 and (self.assumption + self.none) * 2 > self.total


@dataclass
class Journey:
    """One map of the portfolio, with the report facts it was summarised from."""

    ref: JourneyRef
    report: Report
    path: str  # the map file, as cjm names it in messages
    findings: FindingCounts
    steps: Backed
    pain_evidence: Backed
    tags: tuple[str, ...]
    # The pair of a current state and its future states, by map id: ``current_state`` on
    # a future-state map, ``future_states`` on the map they name.
    current_state: str | None = None
    future_states: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.ref.id

    @property
    def stale(self) -> bool:
        return self.report.review.stale


@dataclass(frozen=True)
class AddressedBy:
    """An opportunity that addresses a pain point, possibly from another map (a
    future-state map addresses the pain points of its current state)."""

    key: str
    journey: JourneyRef
    id: str
    summary: str
    status: str


@dataclass(frozen=True)
class PainRow:
    """A pain point in the cross-journey register."""

    key: str
    journey: JourneyRef
    pain: PainView
    channels: tuple[str, ...]  # the channels of the touchpoints at the steps it covers
    personas: tuple[str, ...]  # the names of the personas it hurts (every persona: empty)
    addressed_by: tuple[AddressedBy, ...]

    @property
    def is_open(self) -> bool:
        return self.pain.status == "open"

    @property
    def unaddressed(self) -> bool:
        """Open, and no opportunity on any map addresses it."""
        return self.is_open and not self.addressed_by


@dataclass(frozen=True)
class OpportunityRow:
    """An opportunity in the cross-journey backlog.

    ``position`` is its place in the backlog (1 first); an opportunity without an impact
    or an effort is not sized, and is listed after the sized ones with ``position`` None:
    cjm does not guess where it would go.
    """

    key: str
    journey: JourneyRef
    opportunity: OpportunityView
    pains: tuple[PainRow, ...]  # the pain points it addresses that the portfolio holds
    # The keys (``<map-id>/<pain-id>``) of pain points it addresses that no map of the
    # portfolio holds: misspelled, or on a map left out.
    unknown_pains: tuple[str, ...]
    journeys: tuple[JourneyRef, ...]  # every journey it touches, its own first
    quadrant: str | None  # "Quick wins" ..., None when not sized
    position: int | None = None

    @property
    def sized(self) -> bool:
        return self.opportunity.impact is not None and self.opportunity.effort is not None

    @property
    def settled(self) -> bool:
        return self.opportunity.status in ("done", "dropped")

    @property
    def worst_pain(self) -> int:
        """The rank of the worst open pain point it addresses (-1: none)."""
        return max((p.pain.rank for p in self.pains if p.is_open), default=-1)


@dataclass(frozen=True)
class KpiRow:
    key: str
    journey: JourneyRef
    kpi: KpiView


@dataclass(frozen=True)
class HandoffRow:
    """A change of owner on a journey: the customer passes from one team to another."""

    journey: JourneyRef
    step: StepView
    from_team: str  # name
    to_team: str  # name
    described: bool
    waived: bool


@dataclass
class TeamPage:
    """Everything a team owns across the portfolio."""

    id: str
    name: str
    known: bool
    description: str | None
    contact: str | None
    journeys: list[JourneyRef] = field(default_factory=list)  # the maps it owns
    steps: list[tuple[JourneyRef, StepView]] = field(default_factory=list)
    pains: list[PainRow] = field(default_factory=list)
    opportunities: list[OpportunityRow] = field(default_factory=list)
    handoffs_in: list[HandoffRow] = field(default_factory=list)
    handoffs_out: list[HandoffRow] = field(default_factory=list)

    @property
    def open_pains(self) -> list[PainRow]:
        return [p for p in self.pains if p.is_open]

    @property
    def active_opportunities(self) -> list[OpportunityRow]:
        return [o for o in self.opportunities if not o.settled]


@dataclass(frozen=True)
class PersonaJourney:
    """A persona on one journey: its curve there, and what it scores on average."""

    journey: JourneyRef
    curve: Curve

    @property
    def scores(self) -> list[int]:
        return [p.score for p in self.curve.points if p.score is not None]

    @property
    def average(self) -> float | None:
        scores = self.scores
        return sum(scores) / len(scores) if scores else None

    @property
    def lowest(self) -> int | None:
        return min(self.scores, default=None)


@dataclass
class PersonaPage:
    id: str
    name: str
    role: str | None
    known: bool
    description: str | None
    journeys: list[PersonaJourney] = field(default_factory=list)
    pains: list[PainRow] = field(default_factory=list)  # the pain points that name it

    @property
    def average(self) -> float | None:
        """The persona's average score over every scored step of every journey."""
        scores = [s for j in self.journeys for s in j.scores]
        return sum(scores) / len(scores) if scores else None


@dataclass(frozen=True)
class Moment:
    """A low point of one persona on one journey: the worst moments across journeys."""

    journey: JourneyRef
    step: StepView
    persona: str  # name
    score: int
    label: str | None
    note: str | None
    open_pains: int  # open pain points at the step


@dataclass(frozen=True)
class ChannelCell:
    steps: int  # steps of the stage that use a touchpoint of the channel
    journeys: tuple[str, ...]  # the titles of the journeys they are on
    # Those steps, each with its journey, in journey order.
    places: tuple[tuple[JourneyRef, StepView], ...] = ()


@dataclass(frozen=True)
class ChannelMatrix:
    """Channels by stage across the portfolio. Stages of different maps with the same name
    (ignoring case and spacing) share a column, in the order journeys meet them."""

    stages: list[str]
    channels: list[str]
    cells: dict[tuple[str, str], ChannelCell]  # (channel, stage) -> cell
    # Steps with no touchpoint at all, by stage: the matrix cannot place them.
    untouched: dict[str, int] = field(default_factory=dict)

    def cell(self, channel: str, stage: str) -> ChannelCell | None:
        return self.cells.get((channel, stage))


@dataclass
class Portfolio:
    """Every question that crosses maps, answered once."""

    title: str
    today: datetime.date
    journeys: list[Journey]
    pains: list[PainRow]  # worst first, then open before settled, then by journey
    opportunities: list[OpportunityRow]  # the backlog order: sized first, by priority
    kpis: list[KpiRow]
    teams: list[TeamPage]
    personas: list[PersonaPage]
    moments: list[Moment]  # the worst moments, worst first
    channels: ChannelMatrix
    handoffs: list[HandoffRow]
    # Maps that could not join the portfolio (did not load, or have errors), with why.
    left_out: list[tuple[str, str]] = field(default_factory=list)

    def journey(self, map_id: str) -> Journey | None:
        return next((j for j in self.journeys if j.id == map_id), None)

    @property
    def open_pains(self) -> list[PainRow]:
        return [p for p in self.pains if p.is_open]

    @property
    def stale(self) -> list[Journey]:
        return [j for j in self.journeys if j.stale]

    @property
    def assumed(self) -> list[Journey]:
        """Journeys whose steps rest more on assumptions (or nothing) than on research."""
        return [j for j in self.journeys if j.steps.mostly_assumed]

    @property
    def findings(self) -> FindingCounts:
        return FindingCounts(
            sum(j.findings.errors for j in self.journeys),
            sum(j.findings.warnings for j in self.journeys),
            sum(j.findings.infos for j in self.journeys),
        )
