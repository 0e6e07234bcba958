"""What the report's funnel section shows, as plain data: :mod:`cjm.report.funnel` fills
these from a map's snapshot; the HTML and Markdown reports read them. Numbers are kept as
measured; each view also says them in words (``1,204``, ``38%``, ``3 h 20 min``), the
same in every output.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from cjm.render.measured import SnapshotState, format_count, format_duration, format_share
from cjm.report.facts import EmotionMark
from cjm.wording import plural

SIDE_REASON = {
    "optional": "optional: customers who skip it are not lost, so it has no drop-off",
    "branch": "on a branch: only some customers take it, so it has no drop-off",
}


@dataclass(frozen=True)
class StepFigures:
    """One funnel step for one group of units."""

    id: str
    number: int | None  # the step's number in the report; None: the map has no such step
    action: str
    reach: int
    share: float | None  # of the units that entered the funnel
    conversion: float | None
    drop_off: float | None
    median: float | None  # seconds to the next funnel step
    p90: float | None
    timed: int  # how many durations the statistics are over
    last: bool  # the funnel's last step: nothing follows it

    @property
    def reach_text(self) -> str:
        return format_count(self.reach)

    @property
    def share_text(self) -> str:
        return format_share(self.share)

    @property
    def conversion_text(self) -> str:
        return "\u2013" if self.last else format_share(self.conversion)

    @property
    def drop_text(self) -> str:
        return "\u2013" if self.last else format_share(self.drop_off)

    @property
    def time_text(self) -> str:
        """``median 3 h 20 min, p90 2 d 4 h``, or why there is no time."""
        if self.last:
            return "last step"
        if self.median is None and self.p90 is None:
            return "no time measured"
        return f"median {format_duration(self.median)}, p90 {format_duration(self.p90)}"

    @property
    def bar(self) -> float:
        """The bar's length, as a percentage of the entrants' (0 to 100)."""
        return bar_length(self.share)

    @property
    def bar_drop(self) -> float:
        """The part of the bar that drops off before the next step, as a percentage of the
        entrants' (0 to :attr:`bar`)."""
        if self.last or self.drop_off is None:
            return 0.0
        return round(self.bar * min(1.0, max(0.0, self.drop_off)), 2)


@dataclass(frozen=True)
class StageFigures:
    """A stage of the funnel, counted at its first funnel step."""

    id: str
    name: str
    reach: int
    share: float | None
    conversion: float | None
    drop_off: float | None
    last: bool
    steps: list[StepFigures]

    @property
    def reach_text(self) -> str:
        return format_count(self.reach)

    @property
    def share_text(self) -> str:
        return format_share(self.share)

    @property
    def conversion_text(self) -> str:
        return "\u2013" if self.last else format_share(self.conversion)

    @property
    def drop_text(self) -> str:
        return "\u2013" if self.last else format_share(self.drop_off)


@dataclass(frozen=True)
class SideFigures:
    """A bound step outside the funnel's line: its reach only, and why."""

    id: str
    number: int | None
    action: str
    stage: str
    reach: int
    share: float | None
    why: str  # "optional" or "branch"

    @property
    def reason(self) -> str:
        return SIDE_REASON.get(self.why, f"{self.why}: it has no drop-off")

    @property
    def reach_text(self) -> str:
        return format_count(self.reach)

    @property
    def share_text(self) -> str:
        return format_share(self.share)


@dataclass(frozen=True)
class FeedbackFigures:
    """The answers about one step, from everyone or from one persona's customers, beside
    the emotion the map gives the step."""

    step: str
    number: int | None
    action: str
    responses: int
    positive: int
    negative: int
    neutral: int
    from_text: int
    suppressed: bool
    min_responses: int
    quotes: tuple[str, ...]
    emotions: list[EmotionMark]  # what the map says the step feels like

    def share(self, count: int) -> float | None:
        return count / self.responses if self.responses and not self.suppressed else None

    @property
    def withheld(self) -> str | None:
        """``withheld: fewer than 10 answers`` for a group too small to show."""
        if not self.suppressed:
            return None
        return f"withheld: fewer than {plural(self.min_responses, 'answer')}"

    @property
    def positive_text(self) -> str:
        return format_share(self.share(self.positive))

    @property
    def neutral_text(self) -> str:
        return format_share(self.share(self.neutral))

    @property
    def negative_text(self) -> str:
        return format_share(self.share(self.negative))

    @property
    def responses_text(self) -> str:
        return format_count(self.responses)

    @property
    def bars(self) -> tuple[float, float, float]:
        """Positive, neutral and negative shares as percentages (0 to 100)."""
        return (
            bar_length(self.share(self.positive)),
            bar_length(self.share(self.neutral)),
            bar_length(self.share(self.negative)),
        )


@dataclass(frozen=True)
class SegmentFigures:
    """The funnel for one group of units: everyone, or one persona's customers."""

    key: str  # "everyone", or the persona's id
    persona: str | None
    name: str
    mark: EmotionMark | None  # how the persona is drawn (no score), when it is the map's
    entered: int
    stages: list[StageFigures]
    side_steps: list[SideFigures]
    feedback: list[FeedbackFigures] = field(default_factory=list)

    @property
    def steps(self) -> list[StepFigures]:
        return [step for stage in self.stages for step in stage.steps]

    @property
    def entered_text(self) -> str:
        return format_count(self.entered)


@dataclass(frozen=True)
class KpiFigures:
    """A KPI computed from the funnel."""

    id: str
    name: str  # the map's name for the KPI, or its id when the map has none
    known: bool  # the map has a KPI of this id
    what: str  # what was computed, in words
    persona: str | None  # the persona's name, when computed for one
    value: str | None  # the value with its unit; None when there is none
    reason: str | None

    @property
    def shown(self) -> str:
        if self.value is not None:
            return self.value
        return f"no value: {self.reason}" if self.reason else "no value"


@dataclass(frozen=True)
class FunnelFacts:
    """What the report's funnel section shows (see the module's docstring)."""

    state: SnapshotState
    notice: str | None  # said at the top of the section when the numbers are not current
    binding_display: str | None
    snapshot_display: str | None
    measured_on: datetime.date | None = None
    unit: str = "unit"  # the word for what is counted: user, account, session
    definition: list[tuple[str, str]] = field(default_factory=list)
    segments: list[SegmentFigures] = field(default_factory=list)
    kpis: list[KpiFigures] = field(default_factory=list)
    feedback_definition: list[tuple[str, str]] = field(default_factory=list)
    feedback_notes: list[str] = field(default_factory=list)

    @property
    def measured(self) -> bool:
        """Whether there are numbers to show."""
        return bool(self.segments)

    @property
    def has_feedback(self) -> bool:
        return any(segment.feedback for segment in self.segments)

    summary: str = ""  # the definition in one sentence, to set beside the numbers


def bar_length(share: float | None) -> float:
    """A share as a percentage between 0 and 100, for a bar's length."""
    if share is None:
        return 0.0
    return round(100 * min(1.0, max(0.0, share)), 2)
