"""A map's KPIs, computed from the funnel's segments.

Each KPI of the binding reads one segment (everyone, or its persona's): ``reach`` is a
step's reach (a funnel step or a side step); ``conversion`` the reach of ``to`` over the
reach of ``from``; ``drop-off`` one minus the conversion from ``step`` to the next funnel
step; ``time-to-next`` the median or 90th percentile of the time from ``step`` to the next
funnel step. ``percent`` is a rate times 100; times are converted to the unit written
under ``as``. A value that cannot be computed is None with a ``reason``: nobody reached
the step, nobody went on to the next one, or the order (``any``) has no time to next.
"""

from __future__ import annotations

from cjm.measure.assemble import RATE_DECIMALS
from cjm.measure.plan import FunnelPlan
from cjm.model.binding import Binding, KpiBinding, Measure, Statistic, ValueAs
from cjm.model.snapshot import KpiResult, Segment, StepResult

TIME_UNIT_SECONDS = {
    ValueAs.SECONDS: 1.0,
    ValueAs.MINUTES: 60.0,
    ValueAs.HOURS: 3600.0,
    ValueAs.DAYS: 86400.0,
}


def _rate_value(part: int, whole: int, as_: ValueAs, complement: bool) -> float:
    share = part / whole
    if complement:
        share = 1 - share
    if as_ is ValueAs.PERCENT:
        return round(share * 100, RATE_DECIMALS - 2)
    return round(share, RATE_DECIMALS)


def kpi_results(plan: FunnelPlan, binding: Binding, segments: list[Segment]) -> list[KpiResult]:
    """Every KPI of ``binding``, in its order."""
    by_persona = {segment.persona: segment for segment in segments}
    return [
        _result(kpi_id, kpi, plan, by_persona.get(kpi.persona))
        for kpi_id, kpi in binding.kpis.items()
    ]


def _result(kpi_id: str, kpi: KpiBinding, plan: FunnelPlan, segment: Segment | None) -> KpiResult:
    value: float | None = None
    reason: str | None = None
    if segment is None:
        reason = f"persona '{kpi.persona}' was not measured"
    else:
        value, reason = _value(kpi, plan, segment)
    return KpiResult(
        kpi=kpi_id,
        measure=kpi.measure,
        persona=kpi.persona,
        statistic=kpi.statistic,
        as_=kpi.as_,
        value=value,
        reason=reason,
    )


def _value(kpi: KpiBinding, plan: FunnelPlan, segment: Segment) -> tuple[float | None, str | None]:
    steps: dict[str, StepResult] = {result.step: result for result in segment.steps}
    order = [result.step for result in segment.steps]
    if kpi.measure is Measure.REACH:
        assert kpi.step is not None
        if kpi.step in steps:
            return float(steps[kpi.step].reach), None
        side = {result.step: result.reach for result in segment.side_steps}
        if kpi.step in side:
            return float(side[kpi.step]), None
        return None, f"'{kpi.step}' is not a measured step"
    if kpi.measure is Measure.CONVERSION:
        assert kpi.from_ is not None and kpi.to is not None
        start, finish = steps.get(kpi.from_), steps.get(kpi.to)
        if start is None or finish is None:
            return None, f"'{kpi.from_}' and '{kpi.to}' are not both funnel steps"
        if start.reach == 0:
            return None, f"nobody reached '{kpi.from_}'"
        return _rate_value(finish.reach, start.reach, kpi.as_, complement=False), None
    assert kpi.step is not None
    current = steps.get(kpi.step)
    if current is None or order.index(kpi.step) + 1 >= len(order):
        return None, f"'{kpi.step}' has no next funnel step"
    following = steps[order[order.index(kpi.step) + 1]]
    if kpi.measure is Measure.DROP_OFF:
        if current.reach == 0:
            return None, f"nobody reached '{kpi.step}'"
        return _rate_value(following.reach, current.reach, kpi.as_, complement=True), None
    if current.time_to_next is None:
        return None, f"order `{plan.order.value}` has no time to the next step"
    seconds = (
        current.time_to_next.median
        if kpi.statistic is Statistic.MEDIAN
        else current.time_to_next.p90
    )
    if seconds is None:
        return None, f"nobody went from '{kpi.step}' to '{following.step}'"
    return round(seconds / TIME_UNIT_SECONDS[kpi.as_], RATE_DECIMALS), None
