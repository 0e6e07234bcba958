"""What a report shows, as plain data: the views of a map's parts, and their summaries.

:mod:`cjm.report.build` fills these from a map; the HTML and Markdown reports read them.
User text is kept exactly as written: each output escapes it its own way.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from cjm.model import MapType
from cjm.model.journey import KpiDirection
from cjm.model.paths import Extreme

if TYPE_CHECKING:
    from cjm.model import Step
    from cjm.render.context import PersonaMark
    from cjm.report.funnel_views import FunnelFacts

SEVERITY_ORDER = ("critical", "high", "medium", "low")  # the built-in severities, worst first
STATUS_ORDER = ("open", "mitigated", "resolved")
LEVELS = ("high", "medium", "low")  # impact, best first
EFFORTS = ("low", "medium", "high")  # effort, cheapest first
TYPE_LABEL = {
    MapType.CURRENT_STATE: "Current-state map",
    MapType.FUTURE_STATE: "Future-state map",
    MapType.DAY_IN_THE_LIFE: "Day-in-the-life map",
    MapType.SERVICE_BLUEPRINT: "Service blueprint",
}
# The nine cells of the opportunity matrix, by (impact, effort).
QUADRANT = {
    ("high", "low"): "Quick wins",
    ("high", "medium"): "Strategic",
    ("high", "high"): "Big bets",
    ("medium", "low"): "Easy gains",
    ("medium", "medium"): "Worth planning",
    ("medium", "high"): "Think twice",
    ("low", "low"): "Fill-ins",
    ("low", "medium"): "Low priority",
    ("low", "high"): "Money pits",
}
PERSONA_SECTIONS = (
    ("goals", "Goals"),
    ("frustrations", "Frustrations"),
    ("motivations", "Motivations"),
    ("behaviours", "Behaviours"),
    ("decision_habits", "Decision habits"),
    ("churn_risks", "What might make them leave"),
)

# What backs a step or pain point, by the strongest evidence it cites (see
# :attr:`cjm.model.Evidence.strength`): research (strength 1), research of low confidence
# only (0.5, "weak"), assumptions only (0), or nothing.
Backing = Literal["research", "weak", "assumption", "none"]
BACKING_STRENGTH: dict[Backing, float] = {
    "research": 1.0,
    "weak": 0.5,
    "assumption": 0.0,
    "none": 0.0,
}
# A KPI is judged only when it has a target, a value and a direction ("no-direction": the
# map does not say whether higher or lower is better, so met or missed cannot be told).
KpiStatus = Literal["met", "missed", "no-target", "no-data", "no-direction"]


# -- small pieces ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceView:
    id: str
    title: str
    kind: str
    is_assumption: bool
    known: bool
    date: datetime.date | None = None
    sample_size: int | None = None
    link: str | None = None
    href: str | None = None  # the link, only when it may be followed
    summary: str | None = None
    cited_by: int = 0
    period: tuple[datetime.date, datetime.date] | None = None
    sample_unit: str | None = None
    confidence: str | None = None  # low, medium or high; None when not given
    quotes: tuple[str, ...] = ()
    strength: float = 0.0  # 0 for an assumption, 0.5 for low confidence, else 1


@dataclass(frozen=True)
class WorkLinkView:
    """Where the work on an opportunity is tracked; ``href`` only when it may be followed."""

    url: str
    href: str | None
    key: str | None
    title: str | None


@dataclass(frozen=True)
class KpiRef:
    """A KPI an opportunity is meant to move: one of this map's (``known``), or an id."""

    id: str
    name: str
    known: bool


@dataclass(frozen=True)
class BranchView:
    """An alternative path through a stage, as the grid labels it."""

    id: str
    stage_index: int
    condition: str | None
    after: int | None  # the number of the main-line step it leaves after; None: at the start
    rejoin: int | None  # the number of the main-line step it comes back at
    next_stage: bool  # without a rejoin step: it goes on to the next stage
    steps: int  # how many steps it has


@dataclass(frozen=True)
class PersonaDetailView:
    """What one persona thinks, asks and says at a step beyond what every persona does."""

    mark: EmotionMark
    thoughts: tuple[str, ...]
    questions: tuple[str, ...]
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class TouchpointRef:
    id: str
    name: str
    channel: str | None
    mode: str | None
    owner: str | None


@dataclass(frozen=True)
class EmotionMark:
    """How one persona feels at one step (score None: the step has no score for them)."""

    persona_id: str
    name: str
    initials: str
    fill: str
    ink: str
    score: int | None
    label: str | None = None
    note: str | None = None


def emotion_marks(
    step: Step, marks: Iterable[PersonaMark], persona: str | None = None
) -> list[EmotionMark]:
    """How each persona who takes ``step`` feels there (only ``persona``, when given), in
    the order of ``marks``."""
    found = []
    for mark in marks:
        if (persona is not None and mark.persona_id != persona) or not step.involves(
            mark.persona_id
        ):
            continue
        emotion = step.emotion_for(mark.persona_id)
        found.append(
            EmotionMark(
                mark.persona_id,
                mark.name,
                mark.initials,
                mark.fill,
                mark.text,
                emotion.score if emotion is not None else None,
                emotion.label if emotion is not None else None,
                emotion.note if emotion is not None else None,
            )
        )
    return found


@dataclass(frozen=True)
class HandoffView:
    """The owner changes between a persona's previous step and this one.

    ``personas`` names the personas whose path has this handoff when that is not every
    persona who takes the step (empty: all of them)."""

    from_owner: str  # the team's name
    from_step: int  # the number of the step the customer comes from
    described: bool  # the step says how the customer is passed on
    waived: bool  # the map says this change of owner needs no handoff (``handoff: false``)
    personas: list[str]


@dataclass(frozen=True)
class EmotionGroup:
    """Personas who feel the same at a step, with the same words: shown once."""

    marks: list[EmotionMark]
    score: int | None
    label: str | None
    note: str | None


@dataclass(frozen=True)
class ActivityView:
    action: str
    owner: str | None
    owner_id: str | None


Movement = Literal["better", "worse", "unchanged", "unknown-direction", "no-baseline"]


@dataclass
class KpiView:
    id: str
    name: str
    target: float | None
    actual: float | None
    unit: str | None
    better: KpiDirection | None  # None: the map does not say which way is good
    source: str | None
    stage: str
    step: str | None  # the step's action, for a step KPI
    step_number: int | None
    baseline: float | None = None
    baseline_date: datetime.date | None = None
    target_date: datetime.date | None = None
    actual_date: datetime.date | None = None
    actual_period: tuple[datetime.date, datetime.date] | None = None
    source_href: str | None = None  # the source, when it is a link that may be followed
    evidence: list[EvidenceView] = field(default_factory=list)
    still_due: bool = False  # its target date is still ahead: a miss is "not yet"

    @property
    def change(self) -> float | None:
        """The actual value less the baseline; None without both."""
        if self.baseline is None or self.actual is None:
            return None
        return self.actual - self.baseline

    @property
    def movement(self) -> Movement | None:
        """Whether the KPI moved the right way since its baseline; ``unknown-direction``
        when it moved but the map does not say which way is good, ``no-baseline`` when
        there is nothing to compare with, None when it is not measured yet."""
        if self.actual is None:
            return None
        change = self.change
        if change is None:
            return "no-baseline"
        if change == 0:
            return "unchanged"
        if self.better is None:
            return "unknown-direction"
        good = change < 0 if self.better is KpiDirection.LOWER else change > 0
        return "better" if good else "worse"

    @property
    def status(self) -> KpiStatus:
        if self.target is None:
            return "no-target"
        if self.actual is None:
            return "no-data"
        if self.better is None:
            return "no-direction"
        if self.better is KpiDirection.LOWER:
            return "met" if self.actual <= self.target else "missed"
        return "met" if self.actual >= self.target else "missed"

    @property
    def judged(self) -> bool:
        """Whether the report can say that the KPI meets its target or misses it."""
        return self.status in ("met", "missed")

    @property
    def gap(self) -> float | None:
        """How far the actual value is from the target, in the good direction (+ is better);
        None when that cannot be told (no target, no value or no direction)."""
        if self.target is None or self.actual is None or self.better is None:
            return None
        difference = self.actual - self.target
        return -difference if self.better is KpiDirection.LOWER else difference


@dataclass
class OpportunityView:
    id: str
    number: int
    summary: str
    description: str | None
    owner: str | None
    owner_id: str | None
    impact: str | None
    effort: str | None
    status: str
    addresses: list[PainRef] = field(default_factory=list)
    evidence: list[EvidenceView] = field(default_factory=list)
    kpis: list[KpiRef] = field(default_factory=list)
    due: datetime.date | None = None
    release: str | None = None
    links: list[WorkLinkView] = field(default_factory=list)
    # Where it sits in the grid: at every step with a pain point it addresses, else at the
    # stage it names (``stage`` alone), else nowhere (both empty).
    places: list[Place] = field(default_factory=list)
    stage: str | None = None

    @property
    def quadrant(self) -> str | None:
        if self.impact is None or self.effort is None:
            return None
        return QUADRANT[(self.impact, self.effort)]


@dataclass(frozen=True)
class Place:
    """A step of the grid: its number and its stage's name (and its action, when known)."""

    step_number: int
    stage: str
    action: str = ""


@dataclass(frozen=True)
class PainRef:
    """A pain point an opportunity addresses: one of this map's (with its summary and
    severity, to link to it), one of the current-state map a future-state map improves on
    (``current_state`` names that map: the report cannot see its pain points), or an id
    found nowhere (both None)."""

    id: str
    summary: str
    severity: str | None  # None when the pain point is not on this map
    current_state: str | None = None
    level: str = "medium"  # the built-in severity it is or counts as (for its colour)

    @property
    def here(self) -> bool:
        return self.severity is not None


@dataclass
class PainView:
    id: str
    summary: str
    description: str | None
    severity: str
    status: str
    owner: str | None
    owner_id: str | None
    stage: str
    step: str  # the first step it covers (the step it is written under)
    step_number: int  # 0 for a stage's pain point on a stage without steps
    personas: list[str]
    evidence: list[EvidenceView]
    opportunities: list[OpportunityView] = field(default_factory=list)
    level: str = "medium"  # the built-in severity it is or counts as
    rank: int = 1  # 0 for low up to 3 for critical
    covers: list[Place] = field(default_factory=list)  # every step it covers, in order
    whole_stage: bool = False  # written on the stage: it covers every step of it

    @property
    def backing(self) -> Backing:
        return backing_of(self.evidence)

    @property
    def spans(self) -> bool:
        """Whether it covers more than one step, or a whole stage."""
        return self.whole_stage or len(self.covers) > 1


@dataclass
class StepView:
    id: str
    number: int
    stage_index: int
    action: str
    description: str | None
    owner: str | None
    owner_id: str | None
    handoff: str | None  # how the customer is handed over, as the map describes it
    handoffs: list[HandoffView]  # the changes of owner into this step
    personas: list[str]  # names, when only some personas of the map take the step
    touchpoints: list[TouchpointRef]
    thoughts: list[str]
    emotions: list[EmotionMark]
    actors: list[str]
    frontstage: list[ActivityView]
    backstage: list[ActivityView]
    support: list[ActivityView]
    evidence: list[EvidenceView]
    pains: list[PainView] = field(default_factory=list)  # every pain point covering it
    opportunities: list[OpportunityView] = field(default_factory=list)
    kpis: list[KpiView] = field(default_factory=list)
    optional: bool = False
    branch: BranchView | None = None  # None: the stage's main line
    branch_first: bool = False  # the first step of its branch
    branch_last: bool = False  # the last step of its branch
    questions: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    details: list[PersonaDetailView] = field(default_factory=list)
    artifacts: list[str] = field(default_factory=list)
    policies: list[str] = field(default_factory=list)
    duration: str | None = None
    wait: str | None = None
    fail_point: bool = False
    fail_note: str | None = None  # how it fails, when the map says
    moment: bool = False  # a moment of truth
    moment_note: str | None = None  # why, when the map says

    @property
    def has_words(self) -> bool:
        """Whether the step records thoughts, questions or quotes (anyone's)."""
        return bool(self.thoughts or self.questions or self.quotes or self.details)

    @property
    def emotion_groups(self) -> list[EmotionGroup]:
        groups: dict[tuple[int | None, str | None, str | None], list[EmotionMark]] = {}
        for mark in self.emotions:
            groups.setdefault((mark.score, mark.label, mark.note), []).append(mark)
        return [EmotionGroup(marks, *key) for key, marks in groups.items()]

    @property
    def backing(self) -> Backing:
        """The step's own evidence, together with that of its pain points."""
        return backing_of([*self.evidence, *(e for p in self.pains for e in p.evidence)])


@dataclass
class StageView:
    id: str
    index: int
    name: str
    description: str | None
    customer_goal: str | None
    business_goal: str | None
    span: int  # columns in the grid (at least 1, for a stage without steps)
    steps: list[StepView]
    kpis: list[KpiView]
    opportunities: list[OpportunityView] = field(default_factory=list)

    @property
    def all_kpis(self) -> list[KpiView]:
        return [*self.kpis, *(k for s in self.steps for k in s.kpis)]


@dataclass(frozen=True)
class Column:
    """One column of the stage grid: a step, or the placeholder of a stage without steps."""

    stage: StageView
    step: StepView | None
    first_of_stage: bool = True


@dataclass
class PersonaView:
    id: str
    name: str
    initials: str
    fill: str
    ink: str
    known: bool
    role: str | None = None
    image: str | None = None  # the picture as a data: URI, when it can be embedded
    image_path: str | None = None  # the picture's path as the map writes it
    image_problem: str | None = None  # why the picture is not shown
    segment: str | None = None
    description: str | None = None
    quote: str | None = None
    demographics: list[tuple[str, str]] = field(default_factory=list)
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    evidence: list[EvidenceView] = field(default_factory=list)


@dataclass(frozen=True)
class CurvePoint:
    column: int  # 0-based column in the grid
    step_number: int
    action: str
    score: int | None  # None: a gap (the persona does not take the step, or has no score)
    label: str | None = None
    takes: bool = True  # whether the persona takes the step at all
    extreme: Extreme | None = None  # a peak or a valley along the persona's own path
    branch: str | None = None  # the condition (or id) of the branch the step is on


@dataclass
class Curve:
    persona: PersonaView
    points: list[CurvePoint]
    # Pairs of columns the persona walks from one to the other (both scored): the main
    # route's, drawn solid, and those only other routes take (branches, skipped optional
    # steps), drawn dashed. Alternatives are never joined to each other.
    main_links: list[tuple[int, int]] = field(default_factory=list)
    other_links: list[tuple[int, int]] = field(default_factory=list)

    @property
    def scored(self) -> list[CurvePoint]:
        return [p for p in self.points if p.score is not None]

    @property
    def peaks(self) -> list[CurvePoint]:
        return [p for p in self.points if p.extreme == "peak"]

    @property
    def valleys(self) -> list[CurvePoint]:
        return [p for p in self.points if p.extreme == "valley"]


@dataclass(frozen=True)
class MatrixCell:
    impact: str
    effort: str
    name: str
    opportunities: list[OpportunityView]


@dataclass(frozen=True)
class CoverageRow:
    """How many of ``total`` things rest on research, on assumptions only, on nothing."""

    what: str
    total: int
    research: int
    assumption: int
    none: int
    weak: int = 0  # backed only by research of low confidence (counts half)

    def share(self, part: int) -> int:
        """``part`` as a whole percentage of ``total``."""
        return round(100 * part / self.total) if self.total else 0

    @property
    def backed(self) -> float:
        """How many are backed by research, weighted by evidence strength: research
        counts 1, research of low confidence only 0.5, assumptions and nothing 0."""
        return self.research + 0.5 * self.weak

    @property
    def backed_share(self) -> int:
        """:attr:`backed` as a whole percentage of ``total``."""
        return round(100 * self.backed / self.total) if self.total else 0


@dataclass
class TeamView:
    id: str
    name: str
    known: bool
    description: str | None
    contact: str | None
    owns_map: bool = False
    steps: list[StepView] = field(default_factory=list)
    touchpoints: list[TouchpointRef] = field(default_factory=list)
    pains: list[PainView] = field(default_factory=list)
    opportunities: list[OpportunityView] = field(default_factory=list)
    activities: list[tuple[str, StepView, ActivityView]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.owns_map
            or self.steps
            or self.touchpoints
            or self.pains
            or self.opportunities
            or self.activities
        )


@dataclass(frozen=True)
class FindingView:
    code: str
    name: str
    severity: str
    line: int
    column: int
    message: str
    hint: str | None


@dataclass(frozen=True)
class Review:
    """When the map was reviewed and whether that is too long ago."""

    reviewed: datetime.date
    today: datetime.date
    cadence: str | None  # the map's own cadence ("quarterly"), if it has one
    cadence_days: int | None  # None: nothing to compare against
    due: datetime.date | None
    stale: bool
    age_days: int
    overdue_days: int
    in_future: bool


@dataclass
class Report:
    id: str
    title: str
    type: str
    type_label: str
    owner: str
    owner_id: str
    description: str | None
    tags: list[str]
    current_state: str | None
    review: Review
    personas: list[PersonaView]
    stages: list[StageView]
    columns: list[Column]
    steps: list[StepView]
    pains: list[PainView]  # by severity, then status, then journey order
    opportunities: list[OpportunityView]
    matrix: list[list[MatrixCell]]  # impact high..low, effort low..high
    unsized: list[OpportunityView]
    unplaced: list[OpportunityView]  # opportunities tied to no step or stage
    kpis: list[KpiView]
    coverage: list[CoverageRow]
    evidence: list[EvidenceView]
    curves: list[Curve]
    teams: list[TeamView]
    findings: list[FindingView]
    blueprint: bool
    has_thoughts: bool
    has_kpis: bool
    severities: list[tuple[str, str]] = field(default_factory=list)  # (word, level), worst first
    branches: bool = False  # some stage has branches
    has_artifacts: bool = False
    has_policies: bool = False
    has_times: bool = False
    # What the map's snapshot measured (:mod:`cjm.report.funnel_views`); None: neither bound
    # nor measured.
    funnel: FunnelFacts | None = None

    def count_pains(self, severity: str, status: str | None = None) -> int:
        return sum(
            p.severity == severity and (status is None or p.status == status) for p in self.pains
        )

    def count_level(self, level: str, status: str | None = None) -> int:
        """Pain points that are or count as the built-in severity ``level``."""
        return sum(p.level == level and (status is None or p.status == status) for p in self.pains)

    @property
    def has_baselines(self) -> bool:
        """Whether some KPI has a baseline: the KPI table then shows movement."""
        return any(k.baseline is not None for k in self.kpis)

    @property
    def has_work_items(self) -> bool:
        """Whether some opportunity names KPIs, a date, a release or a tracker link."""
        return any(o.kpis or o.due or o.release or o.links for o in self.opportunities)

    @property
    def has_confidence(self) -> bool:
        """Whether some evidence says how far it is trusted."""
        return any(e.confidence for e in self.evidence)

    @property
    def moments(self) -> list[StepView]:
        """The steps flagged as moments of truth, in journey order."""
        return [s for s in self.steps if s.moment]

    @property
    def open_pains(self) -> list[PainView]:
        return [p for p in self.pains if p.status == "open"]

    @property
    def open_by_severity(self) -> str:
        """``1 critical, 2 high``: the open pain points by severity, worst first."""
        counts = ((self.count_pains(s, "open"), s) for s, _ in self.severities)
        return ", ".join(f"{n} {s}" for n, s in counts if n)

    @property
    def kpis_met(self) -> int:
        return sum(k.status == "met" for k in self.kpis)

    @property
    def kpis_judged(self) -> int:
        """KPIs with a target, a value and a direction: met or missed."""
        return sum(k.judged for k in self.kpis)

    def count_kpis(self, status: KpiStatus) -> int:
        return sum(k.status == status for k in self.kpis)

    def count_findings(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)


# -- helpers ---------------------------------------------------------------------------------


def backing_of(evidence: Iterable[EvidenceView]) -> Backing:
    """What backs a thing, by the strongest of the evidence it cites."""
    known = [e for e in evidence if e.known]
    if not known:
        return "none"
    strongest = max(e.strength for e in known)
    if strongest >= 1:
        return "research"
    if strongest > 0:
        return "weak"
    return "assumption"
