"""Where each key and value of a YAML document sits in its file.

A :class:`SourceIndex` maps a *data path* (the keys and list indexes that lead from the
document root to a value, as Pydantic reports them) to the span of that entry. Lookups
fall back to the nearest recorded ancestor, so a path into a missing field or into an
aliased value still lands somewhere sensible.

The positions live in a :class:`PositionTable`: one flat array of machine integers with
a row per node of the document, in document order (a collection before what it holds),
instead of a tuple path and a tuple of spans per node. A large map has a million nodes;
the table costs 24 bytes for each, where tuples in a dict cost about 300: four 32-bit
integers, and four columns in a second array of 16-bit ones (made 32-bit, as a whole, if
a column ever needs it); 16 bytes in a file whose lines and nodes number under 65,536,
whose integers are then narrowed too (see :meth:`PositionTable.narrow`). Paths are found
by walking down from the root: a row knows where its subtree ends, so the rows after it
up to there are its descendants, and its children are found by jumping from one child's
end to the next.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from cjm.diagnostics import Location

PathPart = str | int
DataPath = tuple[PathPart, ...]
# A position as the reader records it: 1-based line and column, and the end column when
# the value ends on its first line. They become :class:`Location` objects only when asked
# for.
Span = tuple[int, int, int | None]
# The spans of one entry, key then value, in one flat tuple. List items and the root have
# no key: their key part is NO_KEY.
SpanPair = tuple[int, int, int | None, int, int, int | None]
NO_KEY: Span = (0, 0, None)

ROOT_LOCATION = Location(1, 1)

# The cells of one row: the node's code (which key or list index names it under its
# parent), the row after its subtree, its key's line and its value's line. Line 0 is no
# line: a key line of 0 means the node has no key, a value line of 0 that no position is
# recorded for the node (it only holds recorded ones).
ROW = 4
CODE, END, KEY_LINE, VALUE_LINE = 0, 1, 2, 3
# The columns of one row, kept apart because they are small numbers: the key's column and
# end column, and the value's. An end column of 0 means the value runs past its first line.
COLUMNS = 4
VALUE_COLUMN = 2
# How columns (and, once read, the rows of a small file) are stored, and how they are
# stored when a number is too large for that.
NARROW = "H"
WIDE = "I"
# A container with this many children gets its list of children kept once looked into.
_KEEP_CHILDREN = 16


def key_code(number: int) -> int:
    """The code of the ``number``-th distinct mapping key of a document."""
    return number * 2


def index_code(index: int) -> int:
    """The code of list item ``index``."""
    return index * 2 + 1


class PositionTable:
    """The positions of every node of one document, in rows of :data:`ROW` integers.

    The reader appends rows in document order (:meth:`leaf`, and :meth:`open` then
    :meth:`close` and :meth:`place` for a collection); ``cells`` holds the rows'
    integers (32-bit while reading, 16-bit after when all fit, see :meth:`narrow`),
    ``columns`` their columns (:data:`COLUMNS` a row, 16-bit until a column needs more,
    then 32-bit);
    ``keys`` are the mapping keys in order of first appearance, whose positions in that
    list give their codes (:func:`key_code`).
    """

    __slots__ = ("_children", "_codes", "cells", "columns", "keys")

    def __init__(
        self,
        cells: array[int] | None = None,
        keys: Sequence[str] = (),
        columns: array[int] | None = None,
    ) -> None:
        self.cells: array[int] = cells if cells is not None else array(WIDE)
        self.columns: array[int] = columns if columns is not None else array(NARROW)
        self.keys: list[str] = list(keys)
        self._codes: dict[str, int] | None = None
        self._children: dict[int, array[int]] = {}

    def __getstate__(self) -> tuple[array[int], list[str], array[int]]:
        return self.cells, self.keys, self.columns

    def __setstate__(self, state: tuple[array[int], list[str], array[int]]) -> None:
        self.__init__(*state)  # type: ignore[misc]

    @property
    def nodes(self) -> int:
        return len(self.cells) // ROW

    def leaf(self, code: int, key: Span, value: Span | None) -> None:
        """Append a node with nothing under it; ``value`` None records no position."""
        node = len(self.cells) // ROW
        line, column, end = value if value is not None else (0, 0, None)
        self.cells.extend((code, node + 1, key[0], line))
        self._add_columns((key[1], key[2] or 0, column, end or 0))

    def open(self, code: int, key: Span) -> int:
        """Append a collection whose children follow; its row number, for :meth:`close`."""
        node = len(self.cells) // ROW
        self.cells.extend((code, 0, key[0], 0))
        self._add_columns((key[1], key[2] or 0, 0, 0))
        return node

    def _add_columns(self, columns: tuple[int, int, int, int]) -> None:
        count = len(self.columns)
        try:
            self.columns.extend(columns)
        except OverflowError:
            del self.columns[count:]  # what went in before the one too large
            self._widen_columns()
            self.columns.extend(columns)

    def _widen_columns(self) -> None:
        """Make the columns 32-bit, for a column too large for 16 bits."""
        self.columns = array(WIDE, self.columns)

    def close(self, node: int) -> None:
        """End collection ``node``: the rows after it so far are its descendants."""
        self.cells[node * ROW + END] = len(self.cells) // ROW

    def place(self, node: int, value: Span) -> None:
        """Record the position of collection ``node``'s value."""
        self.cells[node * ROW + VALUE_LINE] = value[0]
        base = node * COLUMNS + VALUE_COLUMN
        column, end = value[1], value[2] or 0
        try:
            self.columns[base], self.columns[base + 1] = column, end
        except OverflowError:
            self._widen_columns()
            self.columns[base], self.columns[base + 1] = column, end

    def narrow(self) -> None:
        """Keep the rows' integers in 16 bits when every one fits: a document under 65,536
        lines and nodes (every map of a usual workspace) then takes two thirds of the
        room. Called once the document is read; lookups read the cells as before."""
        cells = self.cells
        if cells.typecode != NARROW and (not cells or max(cells) < 2**16):
            self.cells = array(NARROW, cells)

    # -- looking up -----------------------------------------------------------------------

    def code_of(self, part: object) -> int | None:
        """The code naming ``part`` in this document (None: no node is named so)."""
        if isinstance(part, str):
            if self._codes is None:
                self._codes = {key: key_code(n) for n, key in enumerate(self.keys)}
            return self._codes.get(part)
        if isinstance(part, int) and part >= 0:
            return index_code(part)
        return None

    def children(self, node: int) -> Iterator[int] | array[int]:
        kept = self._children.get(node)
        if kept is not None:
            return kept
        cells = self.cells
        end = cells[node * ROW + END]
        if end - node <= _KEEP_CHILDREN:
            return self._walk(node + 1, end)
        found = array("I", self._walk(node + 1, end))
        if len(found) >= _KEEP_CHILDREN:
            self._children[node] = found
        return found

    def _walk(self, child: int, end: int) -> Iterator[int]:
        cells = self.cells
        while child < end:
            yield child
            following = cells[child * ROW + END]
            if following <= child:  # never closed: a reader bug, not worth a hang
                return
            child = following

    def child(self, nodes: list[int], code: int) -> list[int]:
        """The children of ``nodes`` named by ``code``: one, or none, but more where a
        mapping merges several mappings (``<<`` twice), whose keys then all count."""
        cells = self.cells
        found = []
        for node in nodes:
            children = self.children(node)
            if code & 1 and isinstance(children, array):
                index = code >> 1
                if index < len(children) and cells[children[index] * ROW] == code:
                    found.append(children[index])
                    continue
            found.extend(c for c in children if cells[c * ROW] == code)
        return found

    def recorded(self, node: int) -> bool:
        return self.cells[node * ROW + VALUE_LINE] != 0

    def spans(self, node: int) -> SpanPair:
        kl, vl = self.cells[node * ROW + KEY_LINE : node * ROW + ROW]
        kc, ke, vc, ve = self.columns[node * COLUMNS : node * COLUMNS + COLUMNS]
        return (kl, kc, ke or None, vl, vc, ve or None)

    def find(self, path: Sequence[PathPart]) -> tuple[int, int | None]:
        """How many parts of ``path`` lead to a recorded node, and the last such node
        (the latest recorded of several with that path)."""
        if not self.cells:
            return 0, None
        nodes = [0]
        depth, best = 0, (0 if self.recorded(0) else None)
        for step, part in enumerate(path, 1):
            code = self.code_of(part)
            if code is None:
                break
            nodes = self.child(nodes, code)
            if not nodes:
                break
            recorded = [n for n in nodes if self.recorded(n)]
            if recorded:
                depth, best = step, max(recorded)
        return depth, best

    def items(self) -> Iterator[tuple[DataPath, SpanPair]]:
        """Every recorded path and its spans, in document order (a later one of the same
        path overrides an earlier one)."""
        if not self.cells:
            return
        stack: list[tuple[int, DataPath]] = []
        names = self.keys
        cells = self.cells
        for node in range(self.nodes):
            while stack and cells[stack[-1][0] * ROW + END] <= node:
                stack.pop()
            if not stack:
                path: DataPath = ()
            else:
                code = cells[node * ROW]
                part: PathPart = code >> 1 if code & 1 else names[code >> 1]
                path = (*stack[-1][1], part)
            if self.recorded(node):
                yield path, self.spans(node)
            stack.append((node, path))


@dataclass(frozen=True, slots=True)
class Entry:
    """The span of one mapping entry or list item: its key (if any) and its value."""

    key: Location | None
    value: Location


class SourceIndex:
    """Path-to-location lookup for one parsed document."""

    __slots__ = ("_entries", "_prefix")

    def __init__(self, spans: PositionTable | dict[DataPath, SpanPair] | None = None) -> None:
        """``spans``: the reader's table, or a mapping of paths to the spans of their
        entries."""
        if isinstance(spans, dict):
            spans = _table_of(spans)
        self._entries: PositionTable = spans if spans is not None else PositionTable()
        self._prefix: DataPath = ()

    def within(self, prefix: DataPath) -> SourceIndex:
        """A view of this index in which paths are relative to ``prefix``."""
        view = SourceIndex(self._entries)
        view._prefix = self._prefix + prefix
        return view

    def items(self) -> dict[DataPath, SpanPair]:
        """Every recorded path (of the whole document) and the spans of its entry."""
        return dict(self._entries.items())

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, tuple):
            return False
        probe = self._prefix + path
        depth, node = self._entries.find(probe)
        return node is not None and depth == len(probe)

    def __len__(self) -> int:
        return len(self.items())

    def _nearest(self, path: Sequence[PathPart]) -> SpanPair | None:
        _, node = self._entries.find(self._prefix + tuple(path))
        return None if node is None else self._entries.spans(node)

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
        probe = self._prefix + tuple(path)
        depth, node = self._entries.find(probe)
        if node is None or depth != len(probe):
            return None
        spans = self._entries.spans(node)
        key = Location(*spans[:3]) if spans[0] else None
        return Entry(key, Location(*spans[3:]))


def _table_of(spans: dict[DataPath, SpanPair]) -> PositionTable:
    """A table of the entries ``spans`` records (with the nodes that lead to them)."""
    tree: dict[PathPart, Any] = {}
    for path in spans:
        level = tree
        for part in path:
            level = level.setdefault(part, {})
    table = PositionTable()
    keys: dict[str, int] = {}

    def add(path: DataPath, level: dict[PathPart, Any]) -> None:
        code = 0
        if path:
            part = path[-1]
            if isinstance(part, str):
                code = key_code(keys.setdefault(part, len(keys)))
            else:
                code = index_code(part)
        recorded = spans.get(path)
        key = recorded[:3] if recorded is not None else NO_KEY
        node = table.open(code, key)
        for part, below in level.items():
            add((*path, part), below)
        table.close(node)
        if recorded is not None:
            table.place(node, recorded[3:])

    if spans:
        add((), tree)
    table.keys = list(keys)
    return table
