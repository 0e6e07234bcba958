"""Everything the funnel query needs, resolved and checked before any data is read.

:func:`build_plan` turns a map and its binding into a :class:`FunnelPlan`: the funnel's
line, the period as dates and as UTC epoch-second bounds, the window in seconds, the
step and persona filters, and the column the unit is read from. A binding that cannot be
measured (no funnel step, a time zone that does not exist, a property filter on a source
with no properties column, a KPI about a step off the line) stops here with a
:class:`~cjm.measure.runner.MeasureError` naming the binding file and the key at fault.

The period is the days ``start`` .. ``end`` (both included) in the binding's time zone,
that is the instants from ``start`` 00:00 to ``end + 1`` 00:00 local time, whatever the
daylight-saving changes in between; ``last_days: N`` is the N days ending the day before
the measurement date.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cjm.measure.columns import Ref, ResolvedColumns, resolve_columns
from cjm.measure.line import FunnelLine, funnel_line
from cjm.measure.runner import MeasureError
from cjm.model import JourneyMap, Period, duration_seconds
from cjm.model.binding import Anonymous, Binding, Filter, Measure, Order, Unit
from cjm.model.snapshot import FunnelDefinition
from cjm.model.sources import Source


@dataclass(frozen=True)
class PlanStep:
    """A bound step: its events, its conditions, and where it sits in the map."""

    step: str
    stage: str
    events: tuple[str, ...]
    where: tuple[Filter, ...]
    why: str | None = None  # None on the funnel's line; "optional" or "branch" on the side


@dataclass(frozen=True)
class PlanPersona:
    persona: str
    where: tuple[Filter, ...]


@dataclass(frozen=True)
class FunnelPlan:
    map_id: str
    binding_display: str
    source: Source
    columns: ResolvedColumns
    line: FunnelLine
    steps: tuple[PlanStep, ...]
    side_steps: tuple[PlanStep, ...]
    personas: tuple[PlanPersona, ...]
    unit: Unit
    unit_ref: Ref | None
    """The unit's column for `account` and `session`; None for `user` (user and anonymous)."""
    anonymous: Anonymous
    order: Order
    window: str
    window_seconds: float
    timezone: str
    period: Period
    period_written: str
    start_epoch: int
    """The period's first instant, in seconds since 1970-01-01 UTC."""
    end_epoch: int
    """The instant just after the period: ``end + 1`` 00:00 local."""

    @property
    def bound_steps(self) -> tuple[PlanStep, ...]:
        """The funnel's steps, then the side steps: the order matches are reported in."""
        return self.steps + self.side_steps

    def definition(self) -> FunnelDefinition:
        return FunnelDefinition(
            source=self.source.id,
            unit=self.unit,
            order=self.order,
            window=self.window,
            window_seconds=self.window_seconds,
            timezone=self.timezone,
            anonymous=self.anonymous,
            period=self.period,
            period_written=self.period_written,
            steps=[step.step for step in self.steps],
            side_steps=[step.step for step in self.side_steps],
        )


def day_start_epoch(day: datetime.date, zone: ZoneInfo) -> int:
    """The first instant of ``day`` in ``zone``, in epoch seconds."""
    local = datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=zone)
    return int(local.timestamp())


def resolve_period(binding: Binding, as_of: datetime.date) -> tuple[Period, str]:
    period = binding.funnel.period
    if period.last_days is not None:
        end = as_of - datetime.timedelta(days=1)
        start = end - datetime.timedelta(days=period.last_days - 1)
        days = "day" if period.last_days == 1 else "days"
        return Period(start=start, end=end), f"last {period.last_days} {days}"
    assert period.start is not None and period.end is not None
    written = f"{period.start.isoformat()} to {period.end.isoformat()}"
    return Period(start=period.start, end=period.end), written


def build_plan(
    journey: JourneyMap,
    binding: Binding,
    source: Source,
    as_of: datetime.date,
    binding_display: str,
) -> FunnelPlan:
    """Resolve and check what measuring ``journey`` under ``binding`` needs."""

    def fail(message: str) -> MeasureError:
        return MeasureError(f"{binding_display}: {message}")

    line = funnel_line(journey, frozenset(binding.steps))
    if not line.steps:
        raise fail(
            "no funnel step: bind at least one step of the map's main line that is not "
            "optional under `steps`"
        )
    funnel = binding.funnel
    try:
        zone = ZoneInfo(funnel.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise fail(
            f"unknown time zone '{funnel.timezone}' under `funnel.timezone`: write an IANA "
            "name such as `Europe/Berlin` or `UTC`"
        ) from None
    columns = resolve_columns(source)
    where = f"source '{source.id}' in cjm.yaml"

    def check_filters(filters: list[Filter], key: str) -> None:
        for filter_ in filters:
            if filter_.property is not None and columns.properties is None:
                raise fail(
                    f"`{key}` reads the property '{filter_.property}', but the "
                    f"{source.shape.value} shape has no properties column: name one under "
                    f"`columns.properties` of {where}, or filter on a column"
                )

    def plan_step(step: str, stage: str, why: str | None) -> PlanStep:
        bound = binding.steps[step]
        names = (bound.event,) if isinstance(bound.event, str) else tuple(bound.event)
        check_filters(bound.where, f"steps.{step}.where")
        return PlanStep(step, stage, names, tuple(bound.where), why)

    steps = tuple(plan_step(entry.step, entry.stage, None) for entry in line.steps)
    side = tuple(plan_step(entry.step, entry.stage, entry.why) for entry in line.side_steps)
    personas = []
    for persona_id, persona in binding.personas.items():
        check_filters(persona.where, f"personas.{persona_id}.where")
        personas.append(PlanPersona(persona_id, tuple(persona.where)))

    unit_ref: Ref | None = None
    if funnel.unit is not Unit.USER:
        unit_ref = columns.role(funnel.unit.value)
        if unit_ref is None:
            raise fail(
                f"the funnel counts {funnel.unit.value}s, but the {source.shape.value} shape "
                f"has no {funnel.unit.value} column: name one under "
                f"`columns.{funnel.unit.value}` of {where}"
            )
    elif columns.user is None:
        raise fail(f"the funnel counts users: name the user column under `columns.user` of {where}")
    for name in ("user", "anonymous", "account", "session", "event", "time"):
        ref = columns.role(name)
        if ref is not None and ref.property is not None and columns.properties is None:
            raise fail(
                f"the {name} is read from the property '{ref.property}', but {where} has no "
                "properties column: name one under `columns.properties`"
            )
    if columns.time.property is not None:
        raise fail(f"the event time must be a column: name it under `columns.time` of {where}")

    _check_kpis(binding, line, fail)
    period, written = resolve_period(binding, as_of)
    return FunnelPlan(
        map_id=journey.id,
        binding_display=binding_display,
        source=source,
        columns=columns,
        line=line,
        steps=steps,
        side_steps=side,
        personas=tuple(personas),
        unit=funnel.unit,
        unit_ref=unit_ref,
        anonymous=funnel.anonymous,
        order=funnel.order,
        window=funnel.window,
        window_seconds=duration_seconds(funnel.window),
        timezone=funnel.timezone,
        period=period,
        period_written=written,
        start_epoch=day_start_epoch(period.start, zone),
        end_epoch=day_start_epoch(period.end + datetime.timedelta(days=1), zone),
    )


def _check_kpis(binding: Binding, line: FunnelLine, fail: Callable[[str], MeasureError]) -> None:
    order = line.step_ids
    side = {entry.step for entry in line.side_steps}
    for kpi_id, kpi in binding.kpis.items():
        key = f"kpis.{kpi_id}"
        if kpi.persona is not None and kpi.persona not in binding.personas:
            raise fail(f"`{key}.persona` is '{kpi.persona}', which is not bound under `personas`")
        if kpi.measure is Measure.CONVERSION:
            assert kpi.from_ is not None and kpi.to is not None
            for end, step in (("from", kpi.from_), ("to", kpi.to)):
                if step not in order:
                    raise fail(
                        f"`{key}.{end}` is '{step}', which is not a step of the funnel's line "
                        f"({', '.join(order)})"
                    )
            if order.index(kpi.from_) >= order.index(kpi.to):
                raise fail(
                    f"`{key}` converts from '{kpi.from_}' to '{kpi.to}', but '{kpi.to}' does "
                    "not come after it on the funnel's line"
                )
            continue
        assert kpi.step is not None
        if kpi.measure is Measure.REACH:
            if kpi.step not in order and kpi.step not in side:
                raise fail(f"`{key}.step` is '{kpi.step}', which is not a bound step of the map")
            continue
        if kpi.step not in order:
            raise fail(
                f"`{key}` is a {kpi.measure.value} at '{kpi.step}', which is not a step of "
                f"the funnel's line ({', '.join(order)})"
            )
        if kpi.step == order[-1]:
            raise fail(
                f"`{key}` is a {kpi.measure.value} at '{kpi.step}', the funnel's last step: "
                "there is no next step"
            )
