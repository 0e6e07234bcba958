"""Which maps are paired: a future-state map and the current-state map it names
(``current_state``), and, seen from a current-state map, every future-state map that names
it. A report links to its pair's report only when that report is made in the same run.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from cjm.compare.model import Comparison
from cjm.model import JourneyMap


@dataclass(frozen=True)
class MapRef:
    """A map a report names, with whether its report is made in the same run."""

    map_id: str
    title: str | None
    rendered: bool


@dataclass(frozen=True)
class Pairing:
    """A map's pair as its report shows it.

    For a future-state map: ``current`` is the map it names (``title`` None when that map
    is not in the workspace; ``missing`` then says why, in one line) and ``comparison``
    what changes. For any map: ``futures``, the future-state maps that name it.
    """

    current: MapRef | None = None
    comparison: Comparison | None = None
    missing: str | None = None
    futures: tuple[MapRef, ...] = ()

    @property
    def empty(self) -> bool:
        return self.current is None and not self.futures


def futures_naming(journey: JourneyMap, maps: Mapping[str, JourneyMap]) -> list[JourneyMap]:
    """The other maps of the workspace whose ``current_state`` is ``journey``, by id."""
    return [
        other
        for other in maps.values()
        if other.current_state == journey.id and other is not journey
    ]


def missing_reason(named: str) -> str:
    return (
        f"The current-state map '{named}' this map improves on is not in the workspace "
        "(or does not load), so the two cannot be compared."
    )


def pairing_of(
    journey: JourneyMap,
    maps: Mapping[str, JourneyMap],
    comparison: Comparison | None,
    rendered: Collection[str],
) -> Pairing:
    """The pairing of ``journey`` among the workspace's ``maps`` (by id), given the
    comparison with its current state when one could be made, and the ids of the maps
    whose report of the same kind is made in this run."""
    current = None
    missing = None
    if journey.current_state is not None:
        named = maps.get(journey.current_state)
        title = named.title if named is not None else None
        current = MapRef(journey.current_state, title, journey.current_state in rendered)
        if named is None:
            missing = missing_reason(journey.current_state)
    futures = tuple(
        MapRef(other.id, other.title, other.id in rendered)
        for other in futures_naming(journey, maps)
    )
    return Pairing(current, comparison if missing is None else None, missing, futures)
