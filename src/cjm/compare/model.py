"""What changes between a current-state map and the future-state map that names it, as
plain data (no markup, no wording for a particular format).

A :class:`Comparison` is made by :func:`cjm.compare.compare_maps`. It holds the two
journeys aligned column by column (:class:`StageSlots`, :class:`Slot`: see
:mod:`cjm.compare.align` for how), the steps added, removed and changed, each persona's
emotions before and after, what became of every pain point, and each KPI's value today
against its target. Where something cannot be said (no score, no value today, no target,
no direction), the field is None and the readers of this data say so in words.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from cjm.model import JourneyMap, Step
from cjm.model.journey import KpiDirection


class StepStatus(StrEnum):
    """What became of a step between the two maps (matched by id)."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    SAME = "same"


@dataclass(frozen=True)
class Slot:
    """One column of the aligned journeys: a step of today, of the future, or of both."""

    before: Step | None
    after: Step | None
    status: StepStatus
    # What changed, in words, for a step on both sides (empty otherwise).
    changes: tuple[str, ...] = ()

    @property
    def step_id(self) -> str:
        step = self.after or self.before
        assert step is not None
        return step.id

    @property
    def action(self) -> str:
        step = self.after or self.before
        assert step is not None
        return step.action


@dataclass(frozen=True)
class StageSlots:
    """A stage of either map with its aligned columns (an empty stage has none)."""

    stage_id: str
    name: str
    in_current: bool
    in_future: bool
    slots: tuple[Slot, ...]

    @property
    def status(self) -> StepStatus:
        if not self.in_current:
            return StepStatus.ADDED
        if not self.in_future:
            return StepStatus.REMOVED
        return StepStatus.SAME


@dataclass(frozen=True)
class StepChange:
    """A step added, removed or changed, with the stage it is in (the future's when it
    is in both) and what changed, in words."""

    step_id: str
    stage: str
    status: StepStatus
    action_before: str | None
    action_after: str | None
    changes: tuple[str, ...] = ()


@dataclass(frozen=True)
class EmotionShift:
    """One persona's score at one step present on both maps; None: no score there on that
    side (or the persona does not take the step there)."""

    step_id: str
    action: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


class PersonaSide(StrEnum):
    """Which maps cover a persona."""

    BOTH = "both"
    CURRENT_ONLY = "current-only"
    FUTURE_ONLY = "future-only"


@dataclass(frozen=True)
class PersonaEmotions:
    """A persona's emotions before and after: the average over every step it has a score
    for on each map (None: no score on that map), and its score at each step present on
    both maps."""

    persona_id: str
    name: str
    side: PersonaSide
    average_before: float | None
    average_after: float | None
    scored_before: int
    scored_after: int
    shifts: tuple[EmotionShift, ...] = ()

    @property
    def average_delta(self) -> float | None:
        if self.average_before is None or self.average_after is None:
            return None
        return self.average_after - self.average_before

    @property
    def raised(self) -> list[EmotionShift]:
        return [s for s in self.shifts if s.delta is not None and s.delta > 0]

    @property
    def lowered(self) -> list[EmotionShift]:
        return [s for s in self.shifts if s.delta is not None and s.delta < 0]


class PainFate(StrEnum):
    """What becomes of a pain point in the future state."""

    # A current pain point an opportunity of the future map addresses, or that the future
    # map marks resolved, or that the future map no longer has.
    RESOLVED = "resolved"
    # A current pain point the future map still has, open or mitigated.
    STILL_PRESENT = "still-present"
    # A pain point only the future map has.
    NEW = "new"
    # A pain point the current map already marks resolved.
    ALREADY_RESOLVED = "already-resolved"


class ResolvedBecause(StrEnum):
    """Why a pain point counts as resolved (one pain point may have several reasons)."""

    ADDRESSED = "addressed"  # an opportunity of the future map addresses it
    MARKED_RESOLVED = "marked-resolved"  # the future map says `status: resolved`
    ABSENT = "absent"  # the future map no longer has it


@dataclass(frozen=True)
class OpportunityRef:
    """An opportunity of the future map, as a pain point's outcome names it."""

    id: str
    summary: str
    status: str


@dataclass(frozen=True)
class PainOutcome:
    """A pain point of either map and what becomes of it."""

    pain_id: str
    summary: str
    severity: str
    rank: int  # 0 for low up to 3 for critical
    fate: PainFate
    # The step (or stage) it is written at, on the side it is taken from.
    where: str
    # For a still-present pain point: its status in the future map.
    future_status: str | None = None
    because: tuple[ResolvedBecause, ...] = ()
    # Opportunities of the future map that address it (dropped ones are not counted).
    by: tuple[OpportunityRef, ...] = ()


@dataclass(frozen=True)
class KpiValue:
    """A KPI's number with the day it is for, and which field of which map it comes from
    (``actual`` or ``baseline`` of the current map, ``target`` of either)."""

    value: float
    date: datetime.date | None
    source: str


@dataclass(frozen=True)
class KpiComparison:
    """A KPI's value today against its target. ``today`` is None: no value today;
    ``target`` None: no target; ``better`` None: the direction is unknown."""

    kpi_id: str
    name: str
    unit: str | None
    better: KpiDirection | None
    today: KpiValue | None
    target: KpiValue | None
    in_current: bool
    in_future: bool
    # The two maps give the KPI different units: no gap is worked out.
    units_differ: bool = False

    @property
    def gap(self) -> float | None:
        """How far the target is from today's value (target minus today), when both are
        known in one unit."""
        if self.today is None or self.target is None or self.units_differ:
            return None
        return self.target.value - self.today.value


@dataclass
class Comparison:
    """Everything that changes between ``current`` and ``future``."""

    current: JourneyMap
    future: JourneyMap
    stages: list[StageSlots] = field(default_factory=list)
    steps: list[StepChange] = field(default_factory=list)
    personas: list[PersonaEmotions] = field(default_factory=list)
    pains: list[PainOutcome] = field(default_factory=list)
    kpis: list[KpiComparison] = field(default_factory=list)

    @property
    def slots(self) -> list[Slot]:
        return [slot for stage in self.stages for slot in stage.slots]

    def steps_with(self, status: StepStatus) -> list[StepChange]:
        return [step for step in self.steps if step.status is status]

    def pains_with(self, fate: PainFate) -> list[PainOutcome]:
        return [pain for pain in self.pains if pain.fate is fate]

    @property
    def resolved(self) -> list[PainOutcome]:
        return self.pains_with(PainFate.RESOLVED)

    @property
    def still_present(self) -> list[PainOutcome]:
        return self.pains_with(PainFate.STILL_PRESENT)

    @property
    def new_pains(self) -> list[PainOutcome]:
        return self.pains_with(PainFate.NEW)

    @property
    def already_resolved(self) -> list[PainOutcome]:
        return self.pains_with(PainFate.ALREADY_RESOLVED)

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.steps
            or any(p.raised or p.lowered or p.side is not PersonaSide.BOTH for p in self.personas)
            or any(p.fate in (PainFate.RESOLVED, PainFate.NEW) for p in self.pains)
        )
