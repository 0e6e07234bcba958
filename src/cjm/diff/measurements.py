"""How a map's measurements moved: two snapshots (``measurements/<map-id>.yaml``) compared.

The definition comes first: the period, window, unit, order, time zone, anonymous
visitors, source, engine and binding hash each snapshot was computed under. Numbers are
only compared like for like: when anything but the engine's version, the measurement
date or a rolling period's dates changed (a binding that now says ``last 7 days`` rather
than ``last 28 days``, another window, another binding hash), the section says the numbers
are not comparable and what changed, and reports no movement. A rolling period
(``last 28 days``) measured again covers other days under the same definition: that is
the movement a team wants to see.

Otherwise, per segment (everyone, then each persona), every funnel step whose reach,
conversion (drop-off is its complement) or time to the next step moved; every KPI value
that moved (judged better or worse only by the map KPI's own ``better``); every feedback
share that moved; the steps added to or removed from the funnel. Every change is reported,
however small: nothing is rounded away. A snapshot measured again with equal numbers says so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from cjm.diff.changes import AT_DEFINITIONS, union
from cjm.diff.model import Change, Direction, Entity, Kind, Measured
from cjm.model import JourneyMap
from cjm.model.journey import KpiDirection
from cjm.model.snapshot import (
    FeedbackGroup,
    FeedbackResult,
    KpiResult,
    Segment,
    StepResult,
)
from cjm.model.snapshot import Snapshot as MeasuredSnapshot

KeyT = TypeVar("KeyT")

# Measurements sit after the map's own changes and before its lint findings; inside them,
# the definition first, then the funnel steps, the KPIs and the feedback.
AT_MEASUREMENTS = AT_DEFINITIONS
_DEFINITION, _LINE, _SEGMENTS, _STEPS, _KPIS, _FEEDBACK, _DATA = range(7)

# Definition fields whose change leaves the numbers comparable.
COMPARABLE_FIELDS = frozenset({"engine_version"})

# The numbers of a funnel step, in the order they are reported. Drop-off is not among them:
# it is 1 - conversion, so it moves exactly when conversion does, by as much.
STEP_FIELDS = ("reach", "conversion", "time_to_next.median", "time_to_next.p90")
FEEDBACK_SHARES = ("positive", "negative", "neutral")


def measurement_changes(
    map_id: str, old: Measured | None, new: Measured | None, journey: JourneyMap
) -> list[Change]:
    """Every change from the ``old`` snapshot of map ``map_id`` to the ``new`` one;
    ``journey`` (the newest side's map) names the steps and KPIs and says which way each
    KPI is better."""
    if old is None and new is None:
        return []
    if old is None or new is None:
        entry = new or old
        assert entry is not None
        kind = Kind.ADDED if new is not None else Kind.REMOVED
        return [
            Change(
                kind, Entity.MEASUREMENT, map_id, name=entry.path,
                details=_summary(entry.snapshot), position=(AT_MEASUREMENTS, _DEFINITION, 0),
            )
        ]  # fmt: skip
    return _Compare(map_id, old.snapshot, new.snapshot, journey).run()


def _summary(snapshot: MeasuredSnapshot) -> tuple[tuple[str, Any], ...]:
    definition = snapshot.definition
    return (
        ("measured_on", snapshot.measured_on.isoformat()),
        ("period", _period(definition.period)),
        ("period_written", definition.period_written),
        ("engine", snapshot.engine.name),
        ("steps", list(definition.steps)),
    )


def _period(period: Any) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def definition_fields(snapshot: MeasuredSnapshot) -> dict[str, Any]:
    """What the numbers of ``snapshot`` were computed under, field by field, in the order
    the report names them."""
    definition = snapshot.definition
    feedback = snapshot.feedback.definition if snapshot.feedback is not None else None
    return {
        "period": _period(definition.period),
        "period_written": definition.period_written,
        "window": definition.window,
        "unit": definition.unit.value,
        "order": definition.order.value,
        "anonymous": definition.anonymous.value,
        "timezone": definition.timezone,
        "source": definition.source,
        "engine": snapshot.engine.name,
        "dialect": snapshot.engine.dialect,
        "engine_version": snapshot.engine.version,
        "binding_hash": snapshot.binding_hash,
        "feedback": (
            feedback.model_dump(mode="json", exclude={"period"}) if feedback is not None else None
        ),
    }


class _Compare:
    def __init__(
        self, map_id: str, old: MeasuredSnapshot, new: MeasuredSnapshot, journey: JourneyMap
    ) -> None:
        self.map_id = map_id
        self.old = old
        self.new = new
        self.journey = journey
        self.names = {step.id: step.action for _, _, step in journey.iter_steps()}
        self.kpis = {kpi.id: kpi for kpi in journey.all_kpis()}
        self.changes: list[Change] = []

    def add(self, change: Change, *position: int) -> None:
        self.changes.append(dataclasses.replace(change, position=(AT_MEASUREMENTS, *position)))

    def moved(self) -> bool:
        """Whether anything but a comparable definition change was found."""
        return any(change.detail("comparable") is None for change in self.changes)

    def run(self) -> list[Change]:
        old, new = self.old, self.new
        comparable = self._definition()
        self._line()
        if comparable:
            self._segments()
            self._kpis()
            self._feedback()
            self._data()
            if not self.moved() and _numbers(old) != _numbers(new):
                # Only what each step's binding matched moved: said, not hidden.
                self.add(
                    Change(Kind.CHANGED, Entity.MEASUREMENT, self.map_id, field="matches",
                           before=_dump_matches(old), after=_dump_matches(new)),
                    _DATA, 99,
                )  # fmt: skip
        if old.measured_on != new.measured_on:
            unchanged = comparable and not self.moved()
            self.add(
                Change(
                    Kind.REMEASURED, Entity.MEASUREMENT, self.map_id, field="measured_on",
                    before=old.measured_on.isoformat(), after=new.measured_on.isoformat(),
                    details=(("no_change", unchanged),),
                ),
                _DEFINITION, -1,
            )  # fmt: skip
        return sorted(self.changes, key=lambda change: change.position)

    # -- definition ----------------------------------------------------------------------

    def _definition(self) -> bool:
        """The definition's changes; whether the numbers are still comparable."""
        before, after = definition_fields(self.old), definition_fields(self.new)
        rolling = before["period_written"] == after["period_written"]
        breaking: list[str] = []
        for rank, (field, value) in enumerate(after.items()):
            if before[field] == value:
                continue
            same_numbers = field in COMPARABLE_FIELDS or (field == "period" and rolling)
            if not same_numbers:
                breaking.append(field)
            self.add(
                Change(
                    Kind.CHANGED, Entity.MEASUREMENT, self.map_id, field=field,
                    before=before[field], after=value, details=(("comparable", same_numbers),),
                ),
                _DEFINITION, rank,
            )  # fmt: skip
        if breaking:
            self.add(
                Change(Kind.INCOMPARABLE, Entity.MEASUREMENT, self.map_id, after=breaking),
                _DEFINITION, len(after),
            )  # fmt: skip
        return not breaking

    def _line(self) -> None:
        """Steps that joined or left the funnel, or moved between its line and its side."""
        before, after = _places(self.old), _places(self.new)
        for rank, step in enumerate(union(after, before)):
            was, now = before.get(step), after.get(step)
            if was == now:
                continue
            kind = Kind.ADDED if was is None else Kind.REMOVED if now is None else Kind.CHANGED
            self.add(
                Change(
                    kind, Entity.FUNNEL_STEP, step, name=self.names.get(step),
                    field="line" if kind is Kind.CHANGED else None, before=was, after=now,
                ),
                _LINE, rank,
            )  # fmt: skip

    # -- funnel --------------------------------------------------------------------------

    def _segments(self) -> None:
        old = {segment.persona: segment for segment in self.old.funnel}
        new = {segment.persona: segment for segment in self.new.funnel}
        for rank, persona in enumerate(_keys(new, old)):
            before, after = old.get(persona), new.get(persona)
            if before is None or after is None:
                segment = after or before
                assert segment is not None
                self.add(
                    Change(
                        Kind.ADDED if before is None else Kind.REMOVED, Entity.MEASUREMENT,
                        self.map_id, field="segment", persona=persona,
                        details=(("entered", segment.entered),),
                    ),
                    _SEGMENTS, rank,
                )  # fmt: skip
                continue
            for change in self._segment(before, after):
                self.add(change, _STEPS, rank, len(self.changes))

    def _segment(self, old: Segment, new: Segment) -> Iterator[Change]:
        before = {result.step: result for result in old.steps}
        following: list[str | None] = [result.step for result in new.steps[1:]]
        for result, next_step in zip(new.steps, [*following, None], strict=True):
            was = before.get(result.step)
            if was is None:
                continue
            for field in STEP_FIELDS:
                old_value, new_value = _step_value(was, field), _step_value(result, field)
                if old_value == new_value:
                    continue
                yield self._step_change(result.step, field, old_value, new_value, new.persona,
                                        next_step)  # fmt: skip
        old_side = {result.step: result for result in old.side_steps}
        for side in new.side_steps:
            side_was = old_side.get(side.step)
            if side_was is not None and side_was.reach != side.reach:
                change = self._step_change(
                    side.step, "reach", side_was.reach, side.reach, new.persona, None
                )
                yield dataclasses.replace(change, details=(*change.details, ("side", side.why)))

    def _step_change(
        self,
        step: str,
        field: str,
        before: Any,
        after: Any,
        persona: str | None,
        next_step: str | None,
    ) -> Change:
        details: list[tuple[str, Any]] = [("delta", _delta(before, after))]
        if field != "reach":
            details += [("next", next_step), ("next_name", self.names.get(next_step or ""))]
        return Change(
            Kind.CHANGED, Entity.FUNNEL_STEP, step, name=self.names.get(step), field=field,
            before=_plain(before), after=_plain(after), persona=persona, details=tuple(details),
        )  # fmt: skip

    # -- KPIs ----------------------------------------------------------------------------

    def _kpis(self) -> None:
        old = {(r.kpi, r.persona): r for r in self.old.kpis}
        new = {(r.kpi, r.persona): r for r in self.new.kpis}
        for rank, key in enumerate(_keys(new, old)):
            before, after = old.get(key), new.get(key)
            change = self._kpi(before, after)
            if change is not None:
                self.add(change, _KPIS, rank)

    def _kpi(self, old: KpiResult | None, new: KpiResult | None) -> Change | None:
        result = new or old
        assert result is not None
        kpi = self.kpis.get(result.kpi)
        name = kpi.name if kpi is not None else None
        better = kpi.better.value if kpi is not None and kpi.better is not None else None
        details: tuple[tuple[str, Any], ...] = (
            ("as", result.as_.value),
            ("better", better or "unknown"),
            ("reason", result.reason),
        )
        if old is None or new is None:
            kind = Kind.ADDED if old is None else Kind.REMOVED
            value = _plain(result.value)
            return Change(
                kind, Entity.MEASURED_KPI, result.kpi, name=name, field="value",
                before=None if old is None else value, after=value if old is None else None,
                persona=result.persona, details=details,
            )  # fmt: skip
        if old.value == new.value and old.as_ == new.as_:
            return None
        direction: Direction | None = None
        if old.value is not None and new.value is not None and old.as_ == new.as_:
            if better is None:
                direction = Direction.UNKNOWN
            else:
                rising = new.value > old.value
                good = rising if better == KpiDirection.HIGHER.value else not rising
                direction = Direction.BETTER if good else Direction.WORSE
            details = (*details, ("delta", _delta(old.value, new.value)))
        return Change(
            Kind.CHANGED, Entity.MEASURED_KPI, new.kpi, name=name, field="value",
            before=_plain(old.value), after=_plain(new.value), direction=direction,
            persona=new.persona, details=details,
        )  # fmt: skip

    # -- feedback ------------------------------------------------------------------------

    def _feedback(self) -> None:
        old, new = self.old.feedback, self.new.feedback
        if old is None and new is None:
            return
        if old is None or new is None:
            kind = Kind.ADDED if old is None else Kind.REMOVED
            self.add(Change(kind, Entity.FEEDBACK, self.map_id), _FEEDBACK, 0)
            return
        if old.definition.period != new.definition.period:
            # The definition section said whether that leaves the numbers comparable.
            self.add(
                Change(
                    Kind.CHANGED, Entity.MEASUREMENT, self.map_id, field="feedback_period",
                    before=_period(old.definition.period), after=_period(new.definition.period),
                    details=(("comparable", True),),
                ),
                _DEFINITION, 50,
            )  # fmt: skip
        for rank, change in enumerate(_feedback_changes(old, new, self.names)):
            self.add(change, _FEEDBACK, rank)

    # -- what the period held ------------------------------------------------------------

    def _data(self) -> None:
        before = self.old.data.model_dump()
        after = self.new.data.model_dump()
        for rank, field in enumerate(after):
            if before[field] != after[field]:
                self.add(
                    Change(
                        Kind.CHANGED, Entity.MEASUREMENT, self.map_id, field=f"data.{field}",
                        before=before[field], after=after[field],
                        details=(("delta", after[field] - before[field]),),
                    ),
                    _DATA, rank,
                )  # fmt: skip


def _feedback_changes(
    old: FeedbackResult, new: FeedbackResult, names: dict[str, str]
) -> Iterator[Change]:
    before = {(g.step, g.persona): g for g in old.groups}
    after = {(g.step, g.persona): g for g in new.groups}
    for key in _keys(after, before):
        was, now = before.get(key), after.get(key)
        step, persona = key
        if was is None or now is None:
            group = now or was
            assert group is not None
            yield Change(
                Kind.ADDED if was is None else Kind.REMOVED, Entity.FEEDBACK, step,
                name=names.get(step), field="responses", persona=persona,
                before=None if was is None else group.responses,
                after=group.responses if was is None else None,
            )  # fmt: skip
            continue
        yield from _group_changes(was, now, names.get(step))
    for field in ("unplaced", "unreadable"):
        old_count, new_count = getattr(old, field), getattr(new, field)
        if old_count != new_count:
            yield Change(
                Kind.CHANGED, Entity.FEEDBACK, "*", field=field, before=old_count,
                after=new_count, details=(("delta", new_count - old_count),),
            )  # fmt: skip


def _share(group: FeedbackGroup, field: str) -> float | None:
    if group.suppressed or group.responses == 0:
        return None
    count: int = getattr(group, field)
    return count / group.responses


def _group_changes(old: FeedbackGroup, new: FeedbackGroup, name: str | None) -> Iterator[Change]:
    def change(field: str, before: Any, after: Any, *details: tuple[str, Any]) -> Change:
        return Change(
            Kind.CHANGED, Entity.FEEDBACK, new.step, name=name, field=field, before=before,
            after=after, persona=new.persona, details=details,
        )  # fmt: skip

    if old.suppressed != new.suppressed:
        yield change("suppressed", old.suppressed, new.suppressed)
    if old.responses != new.responses:
        yield change(
            "responses", old.responses, new.responses, ("delta", new.responses - old.responses)
        )
    for field in FEEDBACK_SHARES:
        before, after = _share(old, field), _share(new, field)
        if before is None or after is None or before == after:
            continue
        yield change(
            field, before, after, ("delta", after - before),
            ("count_before", getattr(old, field)), ("count", getattr(new, field)),
        )  # fmt: skip
    if old.from_text != new.from_text:
        yield change(
            "from_text", old.from_text, new.from_text, ("delta", new.from_text - old.from_text)
        )


# -- helpers ---------------------------------------------------------------------------------


def _keys(new: Iterable[KeyT], old: Iterable[KeyT]) -> list[KeyT]:
    """New keys in their order, then the keys only the old side has, in theirs."""
    return list(dict.fromkeys([*new, *old]))


def _places(snapshot: MeasuredSnapshot) -> dict[str, str]:
    """Each bound step: on the funnel's ``line``, or on its ``side``."""
    found = dict.fromkeys(snapshot.definition.side_steps, "side")
    found.update(dict.fromkeys(snapshot.definition.steps, "line"))
    return found


def _step_value(result: StepResult, field: str) -> float | int | None:
    if field.startswith("time_to_next."):
        if result.time_to_next is None:
            return None
        value: float | None = getattr(result.time_to_next, field.split(".", 1)[1])
        return value
    found: float | int | None = getattr(result, field)
    return found


def _delta(before: Any, after: Any) -> Any:
    if isinstance(before, int | float) and isinstance(after, int | float):
        return _plain(after - before)
    return None


def _numbers(snapshot: MeasuredSnapshot) -> dict[str, Any]:
    """Everything but the date of the measurement, the engine's version and the period's
    dates (a comparable definition's changes)."""
    dumped: dict[str, Any] = snapshot.model_dump(mode="json", exclude={"measured_on"})
    dumped["engine"].pop("version", None)
    dumped["definition"].pop("period", None)
    if dumped.get("feedback") is not None:
        dumped["feedback"]["definition"].pop("period", None)
    return dumped


def _dump_matches(snapshot: MeasuredSnapshot) -> list[dict[str, Any]]:
    return [match.model_dump(mode="json") for match in snapshot.matches]
