"""Each KPI's value today against its target.

Today's value is the current map's ``actual``, else its ``baseline``, each with its date;
a KPI only the future map has takes the future map's ``baseline`` (the value before the
work starts), and otherwise has no value today. The target is the future map's
``target`` for the KPI of the same id, else the current map's own ``target``; otherwise
there is no target. The unit and which way is better come from the future map, else the
current one; without ``better`` the direction stays unknown. Nothing is guessed: a
missing number stays missing.
"""

from __future__ import annotations

from cjm.compare.model import KpiComparison, KpiValue
from cjm.model import JourneyMap, Kpi


def _by_id(journey: JourneyMap) -> dict[str, Kpi]:
    found: dict[str, Kpi] = {}
    for kpi in journey.all_kpis():
        found.setdefault(kpi.id, kpi)
    return found


def _today(old: Kpi | None, new: Kpi | None) -> KpiValue | None:
    if old is not None:
        if old.actual is not None:
            return KpiValue(old.actual, old.actual_date, "actual")
        if old.baseline is not None:
            return KpiValue(old.baseline, old.baseline_date, "baseline")
        return None
    if new is not None and new.baseline is not None:
        return KpiValue(new.baseline, new.baseline_date, "future baseline")
    return None


def _target(old: Kpi | None, new: Kpi | None) -> KpiValue | None:
    if new is not None and new.target is not None:
        return KpiValue(new.target, new.target_date, "future target")
    if old is not None and old.target is not None:
        return KpiValue(old.target, old.target_date, "current target")
    return None


def kpi_comparisons(current: JourneyMap, future: JourneyMap) -> list[KpiComparison]:
    """Every KPI of either map: the current map's in its order, then the future's own."""
    before, after = _by_id(current), _by_id(future)
    found = []
    for kpi_id in dict.fromkeys([*before, *after]):
        old, new = before.get(kpi_id), after.get(kpi_id)
        units = {k.unit for k in (old, new) if k is not None and k.unit}
        named = new if new is not None else old
        assert named is not None
        found.append(
            KpiComparison(
                kpi_id=kpi_id,
                name=named.name,
                unit=(new.unit if new is not None and new.unit else None)
                or (old.unit if old is not None else None),
                better=(new.better if new is not None else None)
                or (old.better if old is not None else None),
                today=_today(old, new),
                target=_target(old, new),
                in_current=old is not None,
                in_future=new is not None,
                units_differ=len(units) > 1,
            )
        )
    return found
