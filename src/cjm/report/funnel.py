"""The funnel section's facts: a map's snapshot read against the map, in words.

:func:`funnel_facts` turns what `cjm measure` measured of a map (its
:class:`~cjm.model.snapshot.Snapshot`, see :mod:`cjm.render.measured` for whether it is
current) into what the HTML and the Markdown report show: for everyone and for each
persona, the funnel stage by stage and step by step (reach, conversion and drop-off to
the next funnel step, time to it), the steps counted on the side, the KPIs computed, the
feedback about each step beside the emotion the map gives it, and the definition every
number was computed under. Nothing here knows about markup or the clock: ``today`` is
given.

A map that is neither bound nor measured has no funnel facts (None), so no report shows an
empty section. A bound map without a snapshot, or a snapshot out of step with its
binding, is said plainly in :attr:`FunnelFacts.notice`: never shown as current.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from cjm.model import JourneyMap, Kpi, Step
from cjm.model.binding import Anonymous, Binding, Measure, Order, Statistic, Unit, ValueAs
from cjm.model.snapshot import (
    FeedbackDefinition,
    FeedbackGroup,
    FeedbackResult,
    FunnelDefinition,
    KpiResult,
    Segment,
    Snapshot,
)
from cjm.render.context import PersonaMark
from cjm.render.measured import (
    Measured,
    SnapshotState,
    format_count,
    snapshot_state,
)
from cjm.report.facts import EmotionMark, emotion_marks
from cjm.report.formatting import format_date, format_number, format_value
from cjm.report.funnel_views import (
    FeedbackFigures,
    FunnelFacts,
    KpiFigures,
    SegmentFigures,
    SideFigures,
    StageFigures,
    StepFigures,
)
from cjm.wording import plural

UNIT_WORD = {Unit.USER: "user", Unit.ACCOUNT: "account", Unit.SESSION: "session"}
ORDER_WORDS = {
    Order.IN_ORDER: "in order: each step at or after the one before, other events allowed between",
    Order.STRICT: "strictly in order: no event of another bound step between two steps",
    Order.ANY: "in any order after the first step",
}
ORDER_SHORT = {
    Order.IN_ORDER: "in order",
    Order.STRICT: "strictly in order",
    Order.ANY: "in any order",
}
ANONYMOUS_WORDS = {
    Anonymous.STITCH: "counted as the user they later identify as",
    Anonymous.SEPARATE: "each visitor counted as a unit of its own",
    Anonymous.DROP: "left out",
}
SCALE_WORDS = {
    "csat": "CSAT ratings (1 to 5)",
    "ces": "CES ratings (1 to 7)",
    "nps": "NPS ratings (0 to 10)",
}
TIME_UNIT = {
    ValueAs.SECONDS: "seconds",
    ValueAs.MINUTES: "minutes",
    ValueAs.HOURS: "hours",
    ValueAs.DAYS: "days",
}


# -- building ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _StepPlace:
    number: int
    action: str
    stage: str
    step: Step


def funnel_facts(
    journey: JourneyMap,
    measured: Measured | None,
    today: datetime.date,
    marks: Sequence[PersonaMark] = (),
) -> FunnelFacts | None:
    """The funnel section of ``journey``'s report; None when the map is neither bound nor
    measured. ``marks`` are how the map's personas are drawn (their names and colours)."""
    state = snapshot_state(journey, measured)
    if state is None or measured is None:
        return None
    binding_display = measured.measurements.binding_display
    snapshot_display = measured.measurements.snapshot_display
    snapshot = measured.snapshot
    if snapshot is None:
        return FunnelFacts(
            state=state,
            notice=_notice(state, None, binding_display, snapshot_display),
            binding_display=binding_display,
            snapshot_display=snapshot_display,
        )
    return _Reader(journey, snapshot, today, marks, measured.binding).facts(
        state, _notice(state, snapshot, binding_display, snapshot_display), measured
    )


def _notice(
    state: SnapshotState,
    snapshot: Snapshot | None,
    binding_display: str | None,
    snapshot_display: str | None,
) -> str | None:
    binding = binding_display or "its binding file"
    if state == "missing":
        return (
            f"Not measured yet: this map is bound to data in {binding}, but there is no "
            "snapshot of its funnel. Run cjm measure to compute one."
        )
    if snapshot is None or state == "current":
        return None
    day = format_date(snapshot.measured_on)
    if state == "out-of-step":
        return (
            f"Out of step: these numbers were measured on {day} under an earlier version of "
            f"{binding}, its sources in cjm.yaml or the map's steps. They may not count what "
            "the map and its binding say now; run cjm measure again."
        )
    where = snapshot_display or "the snapshot"
    return (
        f"No binding: {where} was measured on {day} under a binding file that is gone. "
        "The numbers are shown as they were measured; nothing says what they count now."
    )


class _Reader:
    """Reads one snapshot against its map."""

    def __init__(
        self,
        journey: JourneyMap,
        snapshot: Snapshot,
        today: datetime.date,
        marks: Sequence[PersonaMark],
        binding: Binding | None = None,
    ) -> None:
        self.journey = journey
        self.binding = binding
        self.snapshot = snapshot
        self.today = today
        self.marks = {mark.persona_id: mark for mark in marks}
        self.places: dict[str, _StepPlace] = {}
        for number, (stage_index, _, step) in enumerate(journey.iter_steps(), 1):
            stage = journey.stages[stage_index]
            self.places.setdefault(step.id, _StepPlace(number, step.action, stage.name, step))
        self.stage_names = {stage.id: stage.name for stage in journey.stages}
        self.kpis: dict[str, Kpi] = {}
        for kpi in journey.all_kpis():
            self.kpis.setdefault(kpi.id, kpi)
        self.unit = UNIT_WORD[snapshot.definition.unit]

    # -- names ----------------------------------------------------------------------------

    def number(self, step_id: str) -> int | None:
        place = self.places.get(step_id)
        return place.number if place is not None else None

    def action(self, step_id: str) -> str:
        place = self.places.get(step_id)
        return place.action if place is not None else f"{step_id} (not a step of this map)"

    def step_words(self, step_id: str | None) -> str:
        """``step 3 (Pays by card)``."""
        if step_id is None:
            return "a step"
        number = self.number(step_id)
        action = self.action(step_id)
        return f"step {number} ({action})" if number is not None else action

    def persona_name(self, persona_id: str) -> str:
        mark = self.marks.get(persona_id)
        return mark.name if mark is not None else f"{persona_id} (not a persona of this map)"

    def mark(self, persona_id: str | None) -> EmotionMark | None:
        mark = self.marks.get(persona_id) if persona_id is not None else None
        if mark is None:
            return None
        return EmotionMark(mark.persona_id, mark.name, mark.initials, mark.fill, mark.text, None)

    # -- the funnel -----------------------------------------------------------------------

    def segment(self, segment: Segment, feedback: FeedbackResult | None) -> SegmentFigures:
        entered = segment.entered
        steps = [
            StepFigures(
                id=result.step,
                number=self.number(result.step),
                action=self.action(result.step),
                reach=result.reach,
                share=_share(result.reach, entered),
                conversion=result.conversion,
                drop_off=result.drop_off,
                median=result.time_to_next.median if result.time_to_next else None,
                p90=result.time_to_next.p90 if result.time_to_next else None,
                timed=result.time_to_next.units if result.time_to_next else 0,
                last=index == len(segment.steps) - 1,
            )
            for index, result in enumerate(segment.steps)
        ]
        stages = []
        for index, stage in enumerate(segment.stages):
            stages.append(
                StageFigures(
                    id=stage.stage,
                    name=self.stage_names.get(stage.stage, stage.stage),
                    reach=stage.reach,
                    share=_share(stage.reach, entered),
                    conversion=stage.conversion,
                    drop_off=stage.drop_off,
                    last=index == len(segment.stages) - 1,
                    steps=[
                        figures
                        for figures, result in zip(steps, segment.steps, strict=True)
                        if result.stage == stage.stage
                    ],
                )
            )
        staged = {stage.stage for stage in segment.stages}
        loose = [
            figures
            for figures, result in zip(steps, segment.steps, strict=True)
            if result.stage not in staged
        ]
        if loose:  # steps whose stage has no total: shown under their own stage's name
            stages.append(
                StageFigures(
                    id="",
                    name="Other steps",
                    reach=loose[0].reach,
                    share=loose[0].share,
                    conversion=None,
                    drop_off=None,
                    last=True,
                    steps=loose,
                )
            )
        side = [
            SideFigures(
                id=result.step,
                number=self.number(result.step),
                action=self.action(result.step),
                stage=self.stage_names.get(result.stage, result.stage),
                reach=result.reach,
                share=_share(result.reach, entered),
                why=result.why,
            )
            for result in segment.side_steps
        ]
        persona = segment.persona
        return SegmentFigures(
            key=persona or "everyone",
            persona=persona,
            name=self.persona_name(persona) if persona is not None else "Everyone",
            mark=self.mark(persona),
            entered=entered,
            stages=stages,
            side_steps=side,
            feedback=self.feedback(feedback, persona),
        )

    # -- feedback -------------------------------------------------------------------------

    def feedback(self, result: FeedbackResult | None, persona: str | None) -> list[FeedbackFigures]:
        if result is None:
            return []
        groups = [group for group in result.groups if group.persona == persona]
        order = {step_id: index for index, step_id in enumerate(self.places)}
        groups.sort(key=lambda group: (order.get(group.step, len(order)), group.step))
        minimum = result.definition.min_responses
        return [self.feedback_group(group, persona, minimum) for group in groups]

    def feedback_group(
        self, group: FeedbackGroup, persona: str | None, minimum: int
    ) -> FeedbackFigures:
        return FeedbackFigures(
            step=group.step,
            number=self.number(group.step),
            action=self.action(group.step),
            responses=group.responses,
            positive=group.positive,
            negative=group.negative,
            neutral=group.neutral,
            from_text=group.from_text,
            suppressed=group.suppressed,
            min_responses=minimum,
            quotes=tuple(group.quotes),
            emotions=self.emotions(group.step, persona),
        )

    def emotions(self, step_id: str, persona: str | None) -> list[EmotionMark]:
        """What the map says ``step_id`` feels like: for ``persona``, or for every persona
        of the map who takes it."""
        place = self.places.get(step_id)
        if place is None:
            return []
        return emotion_marks(place.step, self.marks.values(), persona)

    def feedback_definition(self, definition: FeedbackDefinition) -> list[tuple[str, str]]:
        read = []
        if definition.scale is not None:
            scale = SCALE_WORDS.get(definition.scale.value, definition.scale.value)
            rated = scale
            if definition.positive or definition.negative:
                rated += (
                    f": {definition.positive or 'none'} positive, "
                    f"{definition.negative or 'none'} negative, the rest neutral"
                )
            read.append(rated)
        if definition.text_sentiment:
            scorer = f" ({definition.scorer})" if definition.scorer else ""
            read.append(f"comments without a rating scored from their words{scorer}")
        words = [
            ("Answers", "; ".join(read) or "not read"),
            (
                "Period",
                _period(definition.period.start, definition.period.end)
                if definition.period is not None
                else "every answer: the source does not say when answers were given",
            ),
            (
                "Small groups",
                f"a step or persona with fewer than {plural(definition.min_responses, 'answer')} "
                "is withheld",
            ),
            (
                "Quotes",
                "a few comments, with e-mail addresses, phone numbers and long digit runs "
                "blacked out"
                if definition.quotes
                else "none kept",
            ),
            ("Source", definition.source),
        ]
        return words

    # -- KPIs -----------------------------------------------------------------------------

    def kpi(self, result: KpiResult) -> KpiFigures:
        kpi = self.kpis.get(result.kpi)
        return KpiFigures(
            id=result.kpi,
            name=kpi.name if kpi is not None else result.kpi,
            known=kpi is not None,
            what=self.kpi_what(result),
            persona=self.persona_name(result.persona) if result.persona is not None else None,
            value=_kpi_value(result),
            reason=result.reason if result.value is None else None,
        )

    def kpi_what(self, result: KpiResult) -> str:
        """What was computed, with the steps the binding names (when it still does)."""
        bound = self.binding.kpis.get(result.kpi) if self.binding is not None else None
        units = plural(2, self.unit).split(" ", 1)[1]
        if result.measure is Measure.REACH:
            where = f" {self.step_words(bound.step)}" if bound is not None else " the step"
            return f"{units.capitalize()} reaching{where}"
        if result.measure is Measure.CONVERSION:
            if bound is None:
                return "Conversion between two funnel steps"
            return f"Conversion from {self.step_words(bound.from_)} to {self.step_words(bound.to)}"
        after = f" after {self.step_words(bound.step)}" if bound is not None else ""
        if result.measure is Measure.DROP_OFF:
            return f"Drop-off before the next funnel step{after}"
        statistic = "90th percentile" if result.statistic is Statistic.P90 else "Median"
        return f"{statistic} time to the next funnel step{after}"

    # -- the definition -------------------------------------------------------------------

    def definition(self, measured: Measured) -> list[tuple[str, str]]:
        snapshot = self.snapshot
        definition: FunnelDefinition = snapshot.definition
        engine = snapshot.engine
        engine_words = engine.name + (f" {engine.version}" if engine.version else "")
        if engine.dialect != engine.name:
            engine_words += f" (SQL written for {engine.dialect})"
        data = snapshot.data
        units = _many(data.units, self.unit)
        data_words = f"{_many(data.events, 'event')} from {units} in the period"
        if data.events_without_unit:
            data_words += (
                f"; {_many(data.events_without_unit, 'event')} without a {self.unit} left out"
            )
        words = [
            ("Counted", f"{self.unit}s, {ORDER_WORDS[definition.order]}"),
            ("Window", f"{definition.window} after entering the funnel (its first step)"),
            (
                "Period",
                f"{_period(definition.period.start, definition.period.end)} "
                f"({definition.period_written}), days in {definition.timezone}",
            ),
            ("Anonymous visitors", ANONYMOUS_WORDS[definition.anonymous]),
            ("Measured", f"{format_date(snapshot.measured_on)} ({self.age()}) by {engine_words}"),
            ("Source", definition.source),
            ("Data", data_words),
        ]
        if measured.measurements.snapshot_display:
            words.append(("Snapshot", measured.measurements.snapshot_display))
        return words

    def summary(self) -> str:
        """``Users counted in order within 14 days of the first step, 23 Oct 2026 to 19 Nov
        2026 (Europe/Berlin); measured 20 Nov 2026 by duckdb 1.2.0 from events.``"""
        snapshot = self.snapshot
        definition = snapshot.definition
        engine = snapshot.engine.name + (
            f" {snapshot.engine.version}" if snapshot.engine.version else ""
        )
        return (
            f"{self.unit.capitalize()}s counted {ORDER_SHORT[definition.order]} within "
            f"{definition.window} of the first step, "
            f"{_period(definition.period.start, definition.period.end)} "
            f"({definition.timezone}); measured {format_date(snapshot.measured_on)} by "
            f"{engine} from {definition.source}."
        )

    def age(self) -> str:
        days = (self.today - self.snapshot.measured_on).days
        if days == 0:
            return "today"
        if days == 1:
            return "yesterday"
        if days < 0:
            return f"{plural(-days, 'day')} after today"
        return f"{plural(days, 'day')} ago"

    def facts(self, state: SnapshotState, notice: str | None, measured: Measured) -> FunnelFacts:
        snapshot = self.snapshot
        feedback = snapshot.feedback
        segments = [self.segment(segment, feedback) for segment in snapshot.funnel]
        segments.sort(key=lambda segment: segment.persona is not None)  # everyone first
        notes = []
        if feedback is not None:
            if feedback.unplaced:
                notes.append(
                    f"{_many(feedback.unplaced, 'answer')} about a step or touchpoint this "
                    "map does not have (or a touchpoint on several steps) not counted."
                )
            if feedback.unreadable:
                notes.append(
                    f"{_many(feedback.unreadable, 'answer')} with a rating off the scale and "
                    "no usable comment not counted."
                )
        return FunnelFacts(
            state=state,
            notice=notice,
            binding_display=measured.measurements.binding_display,
            snapshot_display=measured.measurements.snapshot_display,
            measured_on=snapshot.measured_on,
            unit=self.unit,
            definition=self.definition(measured),
            summary=self.summary(),
            segments=segments,
            kpis=[self.kpi(result) for result in snapshot.kpis],
            feedback_definition=(
                self.feedback_definition(feedback.definition) if feedback is not None else []
            ),
            feedback_notes=notes,
        )


def _many(count: int, word: str) -> str:
    """``48,211 events``: :func:`~cjm.wording.plural` with thousands separators."""
    return f"{format_count(count)} {plural(count, word).partition(' ')[2]}"


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _period(start: datetime.date, end: datetime.date) -> str:
    if start == end:
        return format_date(start)
    return f"{format_date(start)} to {format_date(end)}"


def _kpi_value(result: KpiResult) -> str | None:
    """The value as the binding writes it into the KPI: ``38%``, ``0.38``, ``1,204``,
    ``3.5 hours``."""
    value = result.value
    if value is None:
        return None
    if result.as_ is ValueAs.PERCENT:
        return format_value(round(value, 1), "%")
    if result.as_ is ValueAs.RATIO:
        return format_number(round(value, 3))
    if result.as_ is ValueAs.COUNT:
        return format_number(round(value))
    return format_value(round(value, 2), TIME_UNIT[result.as_])


__all__ = [
    "FeedbackFigures",
    "FunnelFacts",
    "KpiFigures",
    "SegmentFigures",
    "SideFigures",
    "StageFigures",
    "StepFigures",
    "funnel_facts",
]
