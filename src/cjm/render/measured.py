"""A map's measurements as the diagrams and reports show them: whether its snapshot is
current, and the words its numbers are written in.

`cjm measure` writes a snapshot computed under the binding as it was then, and records the
binding's hash (:func:`cjm.measure.fingerprint.binding_hash`). A snapshot whose hash is
not the hash of the binding, its sources and the funnel's line as they are now is *out of
step*: the numbers may count other events or other steps than the map and binding say,
and every view says so instead of showing them as current. A bound map without a snapshot
is *not measured yet*; a snapshot left without a binding is *unbound*.

Numbers read the same in every view and every locale: counts with thousands separators
(``1,204``), shares as percentages (``38%``, ``37.5%``, ``<0.1%``) and durations in words
(``3 h 20 min``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cjm.measure.attached import MapMeasurements
from cjm.measure.fingerprint import binding_sources, expected_hash
from cjm.model import JourneyMap
from cjm.model.binding import Binding
from cjm.model.snapshot import Segment, Snapshot
from cjm.model.sources import Source

# current: the snapshot was computed under the binding as it is; out-of-step: the binding,
# its sources or the map's funnel line changed since; missing: the map is bound but not
# measured yet; unbound: a snapshot without a binding file.
SnapshotState = Literal["current", "out-of-step", "missing", "unbound"]

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR


@dataclass(frozen=True)
class Measured:
    """What a workspace holds about measuring one map, with the sources its ``cjm.yaml``
    declares (``measure.sources``): what the binding hash is checked against."""

    measurements: MapMeasurements
    sources: tuple[Source, ...] = ()

    @property
    def binding(self) -> Binding | None:
        return self.measurements.binding

    @property
    def snapshot(self) -> Snapshot | None:
        return self.measurements.snapshot


def snapshot_state(journey: JourneyMap, measured: Measured | None) -> SnapshotState | None:
    """Whether ``journey``'s snapshot is current; None when the map is neither bound nor
    measured (there is nothing to show)."""
    if measured is None:
        return None
    binding, snapshot = measured.binding, measured.snapshot
    if snapshot is None:
        return "missing" if binding is not None else None
    if binding is None:
        return "unbound"
    if snapshot.binding_hash != expected_hash(journey, binding, measured.sources):
        return "out-of-step"
    return "current"


def everyone(snapshot: Snapshot) -> Segment | None:
    """The funnel of every unit (the segment without a persona), when measured."""
    return next((segment for segment in snapshot.funnel if segment.persona is None), None)


# -- words --------------------------------------------------------------------------------


def format_count(count: int) -> str:
    """``1,204``: a count with thousands separators."""
    return f"{count:,}"


def format_share(rate: float | None) -> str:
    """A rate between 0 and 1 as a percentage: ``38%``, ``37.5%``; ``<0.1%`` and
    ``>99.9%`` for shares that would round to 0 or 100 without being either; a dash
    without one."""
    if rate is None:
        return "\u2013"
    percent = rate * 100
    if 0 < percent < 0.05:
        return "<0.1%"
    if 99.95 <= percent < 100:
        return ">99.9%"
    rounded = round(percent, 1)
    if rounded == int(rounded):
        return f"{int(rounded)}%"
    return f"{rounded:.1f}%"


def format_duration(seconds: float | None) -> str:
    """A duration in words, to two units at most: ``45 s``, ``12 min``, ``3 h 20 min``,
    ``2 d 4 h``; a dash without one."""
    if seconds is None:
        return "\u2013"
    seconds = max(0.0, seconds)
    if seconds < MINUTE - 0.5:
        return f"{round(seconds)} s"
    minutes = round(seconds / MINUTE)
    if minutes < 60:
        return f"{minutes} min"
    if seconds < DAY - HOUR / 2:
        hours, minutes = divmod(minutes, 60)
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(round(seconds / HOUR), 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


__all__ = [
    "Measured",
    "SnapshotState",
    "binding_sources",
    "everyone",
    "expected_hash",
    "format_count",
    "format_duration",
    "format_share",
    "snapshot_state",
]
