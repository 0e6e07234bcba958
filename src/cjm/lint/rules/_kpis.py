"""Every KPI of a map, where it stands and what it belongs to: for the rules about KPIs."""

from __future__ import annotations

from collections.abc import Iterator

from cjm.load.positions import DataPath
from cjm.model import JourneyMap, Kpi


def kpi_paths(journey: JourneyMap) -> Iterator[tuple[DataPath, Kpi, str]]:
    """Every KPI with its data path and what it belongs to (``stage 'try'``, ``step
    'import'``), in document order: a stage's own KPIs, then those of its steps."""
    for s, stage in enumerate(journey.stages):
        for k, kpi in enumerate(stage.kpis):
            yield ("stages", s, "kpis", k), kpi, f"stage '{stage.id}'"
        for inner, step, _ in stage.ordered_steps():
            for k, kpi in enumerate(step.kpis):
                yield ("stages", s, *inner, "kpis", k), kpi, f"step '{step.id}'"
