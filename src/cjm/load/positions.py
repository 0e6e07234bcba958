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
# A position as the reader records it: 1-based line and column, and the end column when
# the value ends on its first line. Plain tuples are cheap to make by the million; they
# become :class:`Location` objects only when asked for.
Span = tuple[int, int, int | None]
# The spans of one entry, key then value, in one flat tuple (one object instead of three:
# a large map records a million of them). List items and the root have no key: their key
# part is NO_KEY.
SpanPair = tuple[int, int, int | None, int, int, int | None]
NO_KEY: Span = (0, 0, None)

ROOT_LOCATION = Location(1, 1)


@dataclass(frozen=True, slots=True)
class Entry:
    """The span of one mapping entry or list item: its key (if any) and its value."""

    key: Location | None
    value: Location


class SourceIndex:
    """Path-to-location lookup for one parsed document."""

    __slots__ = ("_entries", "_prefix")

    def __init__(self, spans: dict[DataPath, SpanPair] | None = None) -> None:
        """``spans`` maps paths to the spans of their entries (the reader fills it)."""
        self._entries: dict[DataPath, SpanPair] = spans if spans is not None else {}
        self._prefix: DataPath = ()

    def within(self, prefix: DataPath) -> SourceIndex:
        """A view of this index in which paths are relative to ``prefix``."""
        view = SourceIndex()
        view._entries = self._entries
        view._prefix = self._prefix + prefix
        return view

    def record(self, path: DataPath, key: Span | None, value: Span) -> None:
        self._entries[self._prefix + path] = (key or NO_KEY) + value

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self._prefix + path in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def _nearest(self, path: Sequence[PathPart]) -> SpanPair | None:
        probe = self._prefix + tuple(path)
        while probe:
            spans = self._entries.get(probe)
            if spans is not None:
                return spans
            probe = probe[:-1]
        return self._entries.get(())

    def key(self, path: Sequence[PathPart]) -> Location:
        """Location of the key naming ``path`` (the item itself for list items)."""
        spans = self._nearest(path)
        if spans is None:
            return ROOT_LOCATION
        return Location(*spans[:3]) if spans[0] else Location(*spans[3:])

    def value(self, path: Sequence[PathPart]) -> Location:
        """Location of the value at ``path``, or of its nearest recorded ancestor."""
        spans = self._nearest(path)
        return Location(*spans[3:]) if spans is not None else ROOT_LOCATION

    def exact(self, path: Sequence[PathPart]) -> Entry | None:
        """The entry recorded at exactly ``path``, if any."""
        spans = self._entries.get(self._prefix + tuple(path))
        if spans is None:
            return None
        key = Location(*spans[:3]) if spans[0] else None
        return Entry(key, Location(*spans[3:]))
