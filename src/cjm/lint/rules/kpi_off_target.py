"""A KPI whose measured value misses its target.

A target says where a metric should be; the measured value says where it is. When the
two disagree the map is telling the team something: the stage or step the KPI belongs to
does not work as well as planned, and the pain points and opportunities around it deserve
a look. The value judged is the one `cjm measure` computed for the KPI (in the map's
snapshot, when its binding computes the KPI). With the `actual` option, the `actual`
written in the map is judged too, for the KPIs the snapshot does not compute: a map of the
current state often shows KPIs short of their targets on purpose, so that is off unless
asked for.

A KPI is judged only when it says with `better` which way is good: `higher` misses a
target by falling short of it, `lower` by going over it. Without a direction the rule
does not guess (kpi-without-direction asks for one).
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.lint.rules import _measured_examples as example
from cjm.lint.rules._kpis import kpi_paths
from cjm.lint.rules._measured import measured, number
from cjm.model.base import CjmModel
from cjm.model.journey import KpiDirection

CODE = "CJM134"
NAME = "kpi-off-target"
SEVERITY = Severity.WARNING
SUMMARY = "A KPI whose measured value misses its target."


class Options(CjmModel):
    """Settings of kpi-off-target."""

    actual: bool = Field(
        default=False,
        description="Also judge the `actual` value written in the map, for KPIs the "
        "snapshot does not compute.",
    )


FAILING = example.MAP
FAILING_FILES = example.files(snapshot_text=example.snapshot(payers=120))

PASSING = example.MAP
PASSING_FILES = example.files()


def check(context: MapContext) -> Iterator[Finding]:
    options: Options = context.options
    snapshot = measured(context).measured
    results = {
        result.kpi: result.value
        for result in (snapshot.kpis if snapshot is not None else [])
        if result.value is not None
    }
    for path, kpi, owner in kpi_paths(context.journey):
        if kpi.target is None or kpi.better is None:
            continue
        value = results.get(kpi.id)
        where = "measured" if snapshot else ""
        if value is None and options.actual:
            value, where = kpi.actual, "its `actual` value"
        if value is None:
            continue
        higher = kpi.better is KpiDirection.HIGHER
        if (value >= kpi.target) if higher else (value <= kpi.target):
            continue
        unit = kpi.unit or ""
        spaced = "" if unit in ("", "%") else " "
        yield context.finding(
            path,
            f"KPI '{kpi.id}' of {owner} is {number(value)}{spaced}{unit} ({where}), "
            f"{'below' if higher else 'above'} its target of {number(kpi.target)}{spaced}{unit}",
            "look at the pain points and opportunities around it; if the target no longer "
            "holds, agree on a new one",
        )
