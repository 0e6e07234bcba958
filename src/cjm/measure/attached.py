"""A map's binding and snapshot, as loaded beside the map for the other commands."""

from __future__ import annotations

from dataclasses import dataclass

from cjm.model.binding import Binding
from cjm.model.snapshot import Snapshot


@dataclass
class MapMeasurements:
    """What a workspace holds about measuring one map. Either part may be missing: a map
    with a binding but no snapshot has not been measured yet; a snapshot without a binding
    is left over from one that was removed."""

    binding: Binding | None = None
    binding_display: str | None = None
    snapshot: Snapshot | None = None
    snapshot_display: str | None = None
