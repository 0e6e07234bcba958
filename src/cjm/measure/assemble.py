"""The funnel query's rows, made into the snapshot's parts.

The query (:mod:`cjm.measure.funnel_sql`) returns counts and durations; this module
derives the rates from them. Conversion is the next funnel step's reach over this step's
(none for the last step, or when nobody reached it); drop-off is one minus it. A stage is
counted at its first funnel step and converts to the next stage's first funnel step.
Rates are rounded to 6 decimals and seconds to 3. Rows may come from the database or from
a CSV of the query's result (`cjm measure --import`), so every value is read leniently:
numbers written as text are numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cjm.measure.funnel_sql import PART_DATA, PART_MATCH, PART_SIDE, PART_STEP, RESULT_COLUMNS
from cjm.measure.plan import FunnelPlan
from cjm.measure.runner import MeasureError
from cjm.model.binding import Order
from cjm.model.snapshot import (
    DataSummary,
    EventMatch,
    Segment,
    SideStepResult,
    StageResult,
    StepResult,
    TimeToNext,
)

RATE_DECIMALS = 6
SECONDS_DECIMALS = 3


@dataclass(frozen=True)
class FunnelOutcome:
    segments: list[Segment]
    matches: list[EventMatch]
    data: DataSummary


@dataclass(frozen=True)
class _Row:
    n1: int | None
    n2: int | None
    n3: int | None
    x1: float | None
    x2: float | None


def rate(part: int, whole: int) -> float | None:
    """``part / whole`` rounded, or None when ``whole`` is zero."""
    return None if whole == 0 else round(part / whole, RATE_DECIMALS)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in ("", "NULL", "null"))


def _int(value: Any) -> int | None:
    if _blank(value):
        return None
    try:
        return int(value) if not isinstance(value, str) else int(float(value))
    except (TypeError, ValueError):
        raise MeasureError(f"the funnel result holds '{value}' where a count belongs") from None


def _float(value: Any) -> float | None:
    if _blank(value):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise MeasureError(f"the funnel result holds '{value}' where a number belongs") from None


def _index(rows: Iterable[Sequence[Any]]) -> dict[tuple[str, str | None, int], _Row]:
    indexed: dict[tuple[str, str | None, int], _Row] = {}
    width = len(RESULT_COLUMNS)
    for row in rows:
        if len(row) != width:
            raise MeasureError(
                f"a row of the funnel result has {len(row)} values; it should have {width} "
                f"({', '.join(name for name, _ in RESULT_COLUMNS)})"
            )
        part, persona, step_index, n1, n2, n3, x1, x2 = row
        index = _int(step_index)
        if _blank(part) or index is None:
            raise MeasureError("a row of the funnel result has no part or step index")
        key = (str(part).strip(), None if _blank(persona) else str(persona), index)
        indexed[key] = _Row(_int(n1), _int(n2), _int(n3), _float(x1), _float(x2))
    return indexed


def assemble(plan: FunnelPlan, rows: Iterable[Sequence[Any]]) -> FunnelOutcome:
    """The segments, matches and data summary of the funnel query's ``rows``."""
    indexed = _index(rows)

    def row(part: str, persona: str | None, index: int) -> _Row:
        found = indexed.get((part, persona, index))
        if found is None:
            who = f" for persona '{persona}'" if persona is not None else ""
            raise MeasureError(
                f"the funnel result has no '{part}' row {index}{who}: it is not the result "
                "of this binding's query"
            )
        return found

    def count(value: int | None) -> int:
        return 0 if value is None else value

    summary = row(PART_DATA, None, 0)
    data = DataSummary(
        events=count(summary.n1), units=count(summary.n2), events_without_unit=count(summary.n3)
    )
    matches = [
        EventMatch(
            step=step.step,
            events=count(row(PART_MATCH, None, index).n1),
            units=count(row(PART_MATCH, None, index).n2),
        )
        for index, step in enumerate(plan.bound_steps)
    ]
    segments = [
        _segment(plan, persona, lambda part, index, p=persona: row(part, p, index), count)
        for persona in [None, *(persona.persona for persona in plan.personas)]
    ]
    return FunnelOutcome(segments=segments, matches=matches, data=data)


def _segment(plan: FunnelPlan, persona: str | None, row: Any, count: Any) -> Segment:
    reaches = [count(row(PART_STEP, k).n1) for k in range(len(plan.steps))]
    steps: list[StepResult] = []
    for k, step in enumerate(plan.steps):
        last = k + 1 == len(plan.steps)
        conversion = None if last else rate(reaches[k + 1], reaches[k])
        time_to_next = None
        if not last and plan.order is not Order.ANY:
            found = row(PART_STEP, k)
            time_to_next = TimeToNext(
                median=None if found.x1 is None else round(found.x1, SECONDS_DECIMALS),
                p90=None if found.x2 is None else round(found.x2, SECONDS_DECIMALS),
                units=count(found.n2),
            )
        steps.append(
            StepResult(
                step=step.step,
                stage=step.stage,
                reach=reaches[k],
                conversion=conversion,
                drop_off=None if conversion is None else round(1 - conversion, RATE_DECIMALS),
                time_to_next=time_to_next,
            )
        )
    firsts: list[StepResult] = []
    for result in steps:
        if all(first.stage != result.stage for first in firsts):
            firsts.append(result)
    stages = []
    for position, first in enumerate(firsts):
        following = firsts[position + 1] if position + 1 < len(firsts) else None
        conversion = None if following is None else rate(following.reach, first.reach)
        stages.append(
            StageResult(
                stage=first.stage,
                reach=first.reach,
                conversion=conversion,
                drop_off=None if conversion is None else round(1 - conversion, RATE_DECIMALS),
            )
        )
    sides = [
        SideStepResult(
            step=side.step,
            stage=side.stage,
            reach=count(row(PART_SIDE, j).n1),
            why=side.why or "optional",
        )
        for j, side in enumerate(plan.side_steps)
    ]
    return Segment(
        persona=persona, entered=reaches[0], steps=steps, stages=stages, side_steps=sides
    )
