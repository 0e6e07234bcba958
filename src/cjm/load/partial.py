"""What can still be checked in a file that breaks the schema.

A map with one misspelled key should not hide every other problem of the map until that
key is fixed. When a file is valid YAML but does not validate, :func:`salvage` leaves out
the smallest parts that fail and validates the rest: an unknown key or a wrong value goes
alone; an entry that lacks a required field (a step without an ``action``) goes whole;
at the top of a map, a missing or broken ``id``, ``title``, ``type``, ``owner`` or
``reviewed`` is stood in for by a neutral value so that the steps can still be checked.

The salvaged model is only ever used for checking. What was left out is kept as data
paths of the original file (``unloaded``) and as the words written there (``mentions``):
a reference to an id that may be defined in a part that did not load is not reported as
unknown, and a definition that such a part may use is not reported as unused. Findings
that would rest on a left-out part are held back by the lint engine, which says so.
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from cjm import model as models
from cjm.load.positions import DataPath, Entry, PathPart, SourceIndex, SpanPair
from cjm.load.schema_errors import _data_path

ModelT = TypeVar("ModelT", bound=BaseModel)

# Neutral stand-ins for the required top-level fields of a map: valid, and chosen so that
# no rule reads anything into them (a day-in-the-life map is not checked for a lifecycle
# gap, a missing backstage or an unchanged future state). Findings at these paths are
# dropped, since they would be about the stand-in.
STAND_INS: dict[str, Any] = {
    "id": "unloaded-map",
    "title": "(no title)",
    "type": "day-in-the-life",
    "owner": "unloaded-owner",
    "reviewed": datetime.date(1970, 1, 1),
}

# Each round leaves out at least one more part, so the loop ends; the bound only guards
# against a model that keeps failing the same way.
MAX_ROUNDS = 64

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Keys that name fields rather than entities: never taken for ids.
_FIELD_NAMES = frozenset(
    name
    for model in vars(models).values()
    if isinstance(model, type) and issubclass(model, BaseModel)
    for name in model.model_fields
)


Shifts = dict[DataPath, tuple[int, ...]]
"""For each list that lost items, by its path in the salvaged model: where each of its
remaining items stands in the file."""


@dataclass(frozen=True)
class Salvage(Generic[ModelT]):
    """The part of a file that validates, and what was left out of it."""

    model: ModelT | None
    unloaded: tuple[DataPath, ...]
    mentions: frozenset[str]
    shifts: Shifts


def file_path(path: DataPath, shifts: Shifts) -> DataPath:
    """``path`` in a salvaged model, as a path of the file it came from."""
    if not shifts:
        return path
    found: list[Any] = []
    for depth, part in enumerate(path):
        moved = shifts.get(path[:depth])
        if isinstance(part, int) and moved is not None and 0 <= part < len(moved):
            found.append(moved[part])
        else:
            found.append(part)
    return tuple(found)


class ShiftedIndex(SourceIndex):
    """A file's position index, looked up with the paths of its salvaged model: the
    items after a left-out list item keep pointing at their own lines."""

    __slots__ = ("_shifts",)

    def __init__(self, index: SourceIndex, shifts: Shifts) -> None:
        super().__init__(index._entries)
        self._prefix = index._prefix
        self._shifts = shifts

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and super().__contains__(file_path(path, self._shifts))

    def _nearest(self, path: Sequence[PathPart]) -> SpanPair | None:
        return super()._nearest(file_path(tuple(path), self._shifts))

    def exact(self, path: Sequence[PathPart]) -> Entry | None:
        return super().exact(file_path(tuple(path), self._shifts))


class _Working:
    """A copy of the data that parts are cut out of, remembering where each list item
    was in the original, so that every cut is recorded as a path of the file."""

    def __init__(self, data: Any) -> None:
        self.data = copy.deepcopy(data)
        self.original = data
        self.origins: dict[int, list[int]] = {}
        self._index(self.data)

    def _index(self, node: Any) -> None:
        if isinstance(node, list):
            self.origins[id(node)] = list(range(len(node)))
            for item in node:
                self._index(item)
        elif isinstance(node, dict):
            for value in node.values():
                self._index(value)

    def shifts(self) -> Shifts:
        """Where the items of each list that lost some stand in the file."""
        found: Shifts = {}

        def walk(node: Any, path: DataPath) -> None:
            if isinstance(node, list):
                origins = tuple(self.origins[id(node)])
                if origins != tuple(range(len(origins))):
                    found[path] = origins
                for number, item in enumerate(node):
                    walk(item, (*path, number))
            elif isinstance(node, dict):
                for key, value in node.items():
                    walk(value, (*path, key))

        walk(self.data, ())
        return found

    def original_path(self, path: DataPath) -> DataPath:
        found: list[Any] = []
        node = self.data
        for part in path:
            if isinstance(node, list) and isinstance(part, int):
                found.append(self.origins[id(node)][part])
            else:
                found.append(part)
            node = node[part]
        return tuple(found)

    def cut(self, path: DataPath) -> Any:
        """Remove the entry at ``path``; return its value."""
        parent = self.data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        if isinstance(parent, list) and isinstance(last, int):
            self.origins[id(parent)].pop(last)
            return parent.pop(last)
        return parent.pop(last)


def salvage(model: type[ModelT], data: dict[str, Any]) -> Salvage[ModelT]:
    """Validate as much of ``data`` as validates against ``model``."""
    working = _Working(data)
    unloaded: list[DataPath] = []
    mentions: set[str] = set()
    stand_ins: dict[str, Any] = {}
    for _ in range(MAX_ROUNDS):
        try:
            validated = model.model_validate({**working.data, **stand_ins})
        except ValidationError as error:
            paths = {_data_path(tuple(e["loc"]), working.data) for e in error.errors()}
        else:
            return Salvage(validated, _tidy(unloaded), frozenset(mentions), working.shifts())
        top = {path for path in paths if not path}
        cuts = sorted(paths - top, key=_cut_order)
        if top and not _stand_in(model, working.data, stand_ins, unloaded):
            break
        if not cuts and not top:
            break
        for path in _outermost(cuts):
            unloaded.append(working.original_path(path))
            mentions.update(_words(working.cut(path)))
    return Salvage(None, _tidy(unloaded), frozenset(mentions), {})


def _tidy(unloaded: list[DataPath]) -> tuple[DataPath, ...]:
    """The left-out paths in file order, without those inside another one."""
    return tuple(sorted(_without_nested(unloaded), key=_order))


def _stand_in(
    model: type[BaseModel],
    data: dict[str, Any],
    stand_ins: dict[str, Any],
    unloaded: list[DataPath],
) -> bool:
    """Stand in for the required top-level fields that are missing; False when one of
    them has no stand-in (then nothing of the file can be checked)."""
    missing = [
        name
        for name, field in model.model_fields.items()
        if field.is_required() and name not in data and name not in stand_ins
    ]
    if not missing or any(name not in STAND_INS for name in missing):
        return False
    for name in missing:
        stand_ins[name] = STAND_INS[name]
        unloaded.append((name,))
    return True


def _outermost(paths: list[DataPath]) -> list[DataPath]:
    """``paths`` without those inside another one of them, deepest and last first, so
    that cutting one never moves another."""
    return sorted(_without_nested(paths), key=_cut_order)


def _without_nested(paths: list[DataPath]) -> set[DataPath]:
    """``paths`` without those inside another one of them."""
    given = set(paths)
    return {p for p in given if not any(p[:depth] in given for depth in range(len(p)))}


def _cut_order(path: DataPath) -> tuple[int, tuple[tuple[int, Any], ...]]:
    """Later list items first, deeper paths first: a cut never shifts a pending one."""
    return (-len(path), tuple((0, -part) if isinstance(part, int) else (1, part) for part in path))


def _order(path: DataPath) -> tuple[tuple[int, str], ...]:
    return tuple((part, "") if isinstance(part, int) else (-1, part) for part in path)


def _words(node: Any) -> Iterator[str]:
    """Every id-like text written in ``node``: the ids a left-out part may define or use."""
    if isinstance(node, str):
        if _WORD.fullmatch(node):
            yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and _WORD.fullmatch(key) and key not in _FIELD_NAMES:
                yield key  # a key that is an id, as in `emotions: {olivia: -1}`
            yield from _words(value)
    elif isinstance(node, list):
        for item in node:
            yield from _words(item)


class Cuts:
    """The parts left out of a file, for quick questions about a path."""

    def __init__(self, unloaded: tuple[DataPath, ...]) -> None:
        self.paths = frozenset(unloaded)
        self.around = frozenset(cut[:depth] for cut in unloaded for depth in range(len(cut)))

    def covers(self, path: DataPath) -> bool:
        """Whether ``path`` was left out, or is inside a part that was."""
        return any(path[:depth] in self.paths for depth in range(len(path) + 1))

    def surround(self, path: DataPath) -> bool:
        """Whether a part inside ``path`` was left out (``path`` itself was not)."""
        return path in self.around and not self.covers(path)
