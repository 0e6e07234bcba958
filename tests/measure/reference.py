"""The funnel counted in plain Python, one event at a time: what the SQL must agree with.

It follows the semantics written in :mod:`cjm.measure.funnel_sql` without sharing its
code: events are dicts (``user_id``, ``anonymous_id``, ``session_id``, ``event``,
``timestamp``, ``properties`` and any other column), the period is checked by each
event's local date, and every unit is walked step by step.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from cjm.measure.assemble import FunnelOutcome
from cjm.measure.columns import Ref
from cjm.measure.plan import FunnelPlan, PlanStep
from cjm.model.binding import Anonymous, Filter, Order, Unit
from cjm.model.snapshot import (
    DataSummary,
    EventMatch,
    Segment,
    SideStepResult,
    StageResult,
    StepResult,
    TimeToNext,
)

Event = dict[str, Any]


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def read(event: Event, ref: Ref, properties: str | None) -> str | None:
    if ref.column is not None:
        return as_text(event.get(ref.column))
    props = event.get(properties or "") or {}
    return as_text(props.get(ref.property))


def epoch(value: Any) -> float | None:
    if value is None:
        return None
    assert isinstance(value, datetime.datetime)
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value.timestamp()


def passes(event: Event, filter_: Filter, properties: str | None) -> bool:
    value = read(event, Ref(column=filter_.column, property=filter_.property), properties)
    if filter_.equals is not None:
        return value == as_text(filter_.equals)
    if filter_.in_ is not None:
        return value in [as_text(item) for item in filter_.in_]
    if filter_.not_in is not None:
        return value is None or value not in [as_text(item) for item in filter_.not_in]
    return (value is not None) == bool(filter_.exists)


def percentile(values: Sequence[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _rate(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 6)


def reference_funnel(plan: FunnelPlan, events: list[Event]) -> FunnelOutcome:
    columns = plan.columns
    props = columns.properties
    zone = ZoneInfo(plan.timezone)
    window = plan.window_seconds

    def ident(event: Event, ref: Ref | None) -> str | None:
        if ref is None:
            return None
        value = read(event, ref, props)
        return None if value == "" else value

    # Stitching: the earliest event carrying both ids decides, ties to the smallest user.
    links: dict[str, tuple[float, str]] = {}
    if plan.unit is Unit.USER:
        for event in events:
            user, anon = ident(event, columns.user), ident(event, columns.anonymous)
            time = epoch(event.get(columns.time.column or ""))
            if user is None or anon is None or time is None:
                continue
            if anon not in links or (time, user) < links[anon]:
                links[anon] = (time, user)

    def unit_of(event: Event) -> str | None:
        if plan.unit is not Unit.USER:
            return ident(event, plan.unit_ref)
        user = ident(event, columns.user)
        if user is not None:
            return user
        if plan.anonymous is Anonymous.DROP:
            return None
        anon = ident(event, columns.anonymous)
        if anon is None:
            return None
        if plan.anonymous is Anonymous.STITCH and anon in links:
            return links[anon][1]
        return "anonymous:" + anon

    def in_period(time: float) -> bool:
        day = datetime.datetime.fromtimestamp(time, zone).date()
        return plan.period.start <= day <= plan.period.end

    def does(event: Event, step: PlanStep) -> bool:
        name = read(event, columns.event, props)
        return name in step.events and all(passes(event, f, props) for f in step.where)

    rows = []
    for event in events:
        time = epoch(event.get(columns.time.column or ""))
        if time is None:
            continue
        rows.append((time, unit_of(event), event))
    period_rows = [row for row in rows if in_period(row[0])]
    data = DataSummary(
        events=len(period_rows),
        units=len({unit for _, unit, _ in period_rows if unit is not None}),
        events_without_unit=sum(unit is None for _, unit, _ in period_rows),
    )
    matches = []
    for step in plan.bound_steps:
        hits = [unit for _, unit, event in period_rows if unit is not None and does(event, step)]
        matches.append(EventMatch(step=step.step, events=len(hits), units=len(set(hits))))

    by_unit: dict[str, list[tuple[float, Event]]] = {}
    for time, unit, event in rows:
        if unit is not None:
            by_unit.setdefault(unit, []).append((time, event))

    n = len(plan.steps)
    journeys: dict[str, tuple[list[float], list[bool]]] = {}
    for unit, own in by_unit.items():
        marks = [(time, [does(event, step) for step in plan.bound_steps]) for time, event in own]
        entries = [time for time, flags in marks if flags[0] and in_period(time)]
        if not entries:
            continue
        t1 = min(entries)
        limit = t1 + window
        times = [t1]
        for k in range(1, n):
            low = t1 if plan.order is Order.ANY else times[-1]
            found = [time for time, flags in marks if flags[k] and low <= time <= limit]
            if not found:
                break
            tk = min(found)
            if plan.order is Order.STRICT:
                others = [
                    time
                    for time, flags in marks
                    if time >= low and any(flags[j] for j in range(n) if j != k - 1)
                ]
                if min(others) != tk:
                    break
            times.append(tk)
        sides = [
            any(flags[n + j] and t1 <= time <= limit for time, flags in marks)
            for j in range(len(plan.side_steps))
        ]
        journeys[unit] = (times, sides)

    segments = []
    for persona in [None, *plan.personas]:
        if persona is None:
            members = set(journeys)
        else:
            members = {
                unit
                for _, unit, event in period_rows
                if unit is not None and all(passes(event, f, props) for f in persona.where)
            }
        chosen = [journeys[unit] for unit in journeys if unit in members]
        reach = [sum(len(times) > k for times, _ in chosen) for k in range(n)]
        steps = []
        for k, step in enumerate(plan.steps):
            last = k + 1 == n
            conversion = None if last else _rate(reach[k + 1], reach[k])
            timing = None
            if not last and plan.order is not Order.ANY:
                gaps = [times[k + 1] - times[k] for times, _ in chosen if len(times) > k + 1]
                median, p90 = percentile(gaps, 0.5), percentile(gaps, 0.9)
                timing = TimeToNext(
                    median=None if median is None else round(median, 3),
                    p90=None if p90 is None else round(p90, 3),
                    units=len(gaps),
                )
            steps.append(
                StepResult(
                    step=step.step,
                    stage=step.stage,
                    reach=reach[k],
                    conversion=conversion,
                    drop_off=None if conversion is None else round(1 - conversion, 6),
                    time_to_next=timing,
                )
            )
        stage_ids: list[str] = []
        stage_reach: list[int] = []
        for result in steps:
            if result.stage not in stage_ids:
                stage_ids.append(result.stage)
                stage_reach.append(result.reach)
        stages = []
        for position, stage in enumerate(stage_ids):
            conversion = (
                _rate(stage_reach[position + 1], stage_reach[position])
                if position + 1 < len(stage_ids)
                else None
            )
            stages.append(
                StageResult(
                    stage=stage,
                    reach=stage_reach[position],
                    conversion=conversion,
                    drop_off=None if conversion is None else round(1 - conversion, 6),
                )
            )
        side_results = [
            SideStepResult(
                step=side.step,
                stage=side.stage,
                reach=sum(sides[j] for _, sides in chosen),
                why=side.why or "optional",
            )
            for j, side in enumerate(plan.side_steps)
        ]
        segments.append(
            Segment(
                persona=None if persona is None else persona.persona,
                entered=reach[0],
                steps=steps,
                stages=stages,
                side_steps=side_results,
            )
        )
    return FunnelOutcome(segments=segments, matches=matches, data=data)
