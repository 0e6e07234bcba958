"""The funnel fixture: a map with its binding file, its snapshot and the sources its
``cjm.yaml`` declares (``fixtures/funnel``), as a render context."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from cjm.load.project import load_standalone
from cjm.measure.attached import MapMeasurements
from cjm.model.binding import Binding
from cjm.model.snapshot import Snapshot
from cjm.model.sources import MeasureSettings
from cjm.render.context import RenderContext
from cjm.render.measured import Measured

FUNNEL = Path(__file__).resolve().parent / "fixtures" / "funnel"
BINDING_DISPLAY = "maps/trial.measures.yaml"
SNAPSHOT_DISPLAY = "measurements/trial.yaml"


def _yaml(name: str) -> Any:
    return yaml.safe_load((FUNNEL / name).read_text(encoding="utf-8"))


def binding() -> Binding:
    return Binding.model_validate(_yaml("maps/trial.measures.yaml"))


def snapshot() -> Snapshot:
    return Snapshot.model_validate(_yaml("measurements/trial.yaml"))


def settings() -> MeasureSettings:
    return MeasureSettings.model_validate(_yaml("cjm.yaml")["measure"])


def measured(
    bound: Binding | None = None,
    measured_snapshot: Snapshot | None = None,
    *,
    with_binding: bool = True,
    with_snapshot: bool = True,
) -> Measured:
    """The fixture's measurements; either part may be swapped or left out."""
    return Measured(
        MapMeasurements(
            binding=(bound or binding()) if with_binding else None,
            binding_display=BINDING_DISPLAY if with_binding else None,
            snapshot=(measured_snapshot or snapshot()) if with_snapshot else None,
            snapshot_display=SNAPSHOT_DISPLAY if with_snapshot else None,
        ),
        tuple(settings().sources),
    )


def funnel_context(measurements: Measured | None = None) -> RenderContext:
    """The fixture's map as a render context with ``measurements`` (by default the
    fixture's own, in step)."""
    project = load_standalone([FUNNEL / "maps" / "trial.yaml"], FUNNEL)
    [document] = project.maps
    assert document.model is not None, document.diagnostics
    context = RenderContext(document.model, project.scopes[document.display])
    context.measured = measurements if measurements is not None else measured()
    return context
