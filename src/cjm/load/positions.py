"""Where each key and value of a YAML document sits in its file.

A :class:`SourceIndex` maps a *data path* (the keys and list indexes that lead from the
document root to a value, as Pydantic reports them) to the span of that entry. Lookups
fall back to the nearest recorded ancestor, so a path into a missing field or into an
aliased value still lands somewhere sensible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cjm.diagnostics import Location

PathPart = str | int
DataPath = tuple[PathPart, ...]

ROOT_LOCATION = Location(1, 1)


@dataclass(frozen=True, slots=True)
class Entry:
    """The span of one mapping entry or list item: its key (if any) and its value."""

    key: Location | None
    value: Location


class SourceIndex:
    """Path-to-location lookup for one parsed document."""

    __slots__ = ("_entries", "_prefix")

    def __init__(self) -> None:
        self._entries: dict[DataPath, Entry] = {}
        self._prefix: DataPath = ()

    def within(self, prefix: DataPath) -> SourceIndex:
        """A view of this index in which paths are relative to ``prefix``."""
        view = SourceIndex()
        view._entries = self._entries
        view._prefix = self._prefix + prefix
        return view

    def record(self, path: DataPath, entry: Entry) -> None:
        self._entries[self._prefix + path] = entry

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self._prefix + path in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def _nearest(self, path: Sequence[PathPart]) -> tuple[DataPath, Entry | None]:
        probe = self._prefix + tuple(path)
        while probe:
            entry = self._entries.get(probe)
            if entry is not None:
                return probe, entry
            probe = probe[:-1]
        return (), self._entries.get(())

    def key(self, path: Sequence[PathPart]) -> Location:
        """Location of the key naming ``path`` (the item itself for list items)."""
        _, entry = self._nearest(path)
        if entry is None:
            return ROOT_LOCATION
        return entry.key or entry.value

    def value(self, path: Sequence[PathPart]) -> Location:
        """Location of the value at ``path``, or of its nearest recorded ancestor."""
        _, entry = self._nearest(path)
        return entry.value if entry is not None else ROOT_LOCATION

    def exact(self, path: Sequence[PathPart]) -> Entry | None:
        return self._entries.get(self._prefix + tuple(path))
