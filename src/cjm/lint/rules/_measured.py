"""What the rules about data see of a map: its binding and snapshot files, as loaded."""

from __future__ import annotations

from dataclasses import dataclass

from cjm.lint.rule import MapContext
from cjm.load.document import Document
from cjm.model.binding import Binding
from cjm.model.snapshot import Segment, Snapshot


@dataclass(frozen=True)
class Measured:
    """A map's binding and snapshot documents (either may be missing or not loaded)."""

    binding: Document[Binding] | None
    snapshot: Document[Snapshot] | None

    @property
    def bound(self) -> Binding | None:
        return self.binding.model if self.binding is not None else None

    @property
    def measured(self) -> Snapshot | None:
        return self.snapshot.model if self.snapshot is not None else None


def measured(context: MapContext) -> Measured:
    """The binding and snapshot of the map ``context`` checks; nothing for a map whose id
    another map of the workspace had first."""
    files = context.project.measure_files.by_map.get(context.journey.id)
    if files is None or files.map_display != context.document.display:
        return Measured(None, None)
    return Measured(files.binding, files.snapshot)


def everyone(snapshot: Snapshot) -> Segment | None:
    """The funnel of every unit (not one persona's)."""
    return next((segment for segment in snapshot.funnel if segment.persona is None), None)


def percent(share: float) -> str:
    """``0.4231`` as ``42%``."""
    return f"{share * 100:.0f}%"


def number(value: float) -> str:
    """A measured number as people write it: ``12``, ``12.5``, ``0.042``."""
    return f"{value:,.4g}".replace(",", " ") if abs(value) >= 1e4 else f"{value:.4g}"
