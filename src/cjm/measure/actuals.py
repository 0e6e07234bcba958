"""Measured KPI values written into the map: ``cjm measure --write-actuals``.

Each KPI the measurement computed gets its ``actual`` (rounded to one decimal when it is a
percentage, as measured otherwise) and the days it was measured over: ``actual_period:
{start, end}``, or ``actual_date`` when that is one day (the other of the two is removed).

The edit works on the text as written, as :mod:`cjm.migrate.edit` does: positions come
from ruamel.yaml's pure-Python parser, whose marks count characters of the text it was
given, and only the characters of those fields change. Comments, quoting, key order,
flow (``{...}``) or block style, line breaks and a byte order mark stay as they were. The
edited text is read back and must hold the same map but for those fields; otherwise
nothing is written.

A KPI written in a way that cannot be edited safely (an anchor or an alias, a flow
mapping over several lines, a value that is not a plain number or date) is left alone,
with the reason; so are the KPIs of a future-state map, which are targets, not
measurements.
"""

from __future__ import annotations

import copy
import datetime
import itertools
import math
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cjm.load.yamlread import read_yaml
from cjm.migrate.edit import newline_of
from cjm.model import JourneyMap
from cjm.model.base import Period
from cjm.model.binding import ValueAs
from cjm.model.journey import MapType
from cjm.model.snapshot import KpiResult

BOM = "\ufeff"
DATE_KEYS = ("actual_date", "actual_period")
WRITTEN_KEYS = ("actual", *DATE_KEYS)


@dataclass(frozen=True)
class ActualChange:
    """One KPI whose measured value was written."""

    kpi: str
    before: float | int | None
    after: float | int
    # Where the KPI is in the file (1-based), for messages.
    line: int
    column: int


@dataclass
class ActualsEdit:
    """The map's text with the measured values in, what changed and what was left alone."""

    text: str
    changed: list[ActualChange] = field(default_factory=list)
    # (KPI id, why it was not written).
    skipped: list[tuple[str, str]] = field(default_factory=list)


class _Refused(Exception):
    """This KPI cannot be edited safely; the message says why."""


def actual_value(result: KpiResult) -> float | int | None:
    """The value written for ``result``: one decimal for a percentage, as measured
    otherwise; whole numbers without a decimal point."""
    value = result.value
    if value is None or not math.isfinite(value):
        return None
    if result.as_ is ValueAs.PERCENT:
        value = round(value, 1)
    if float(value).is_integer():
        return int(value)
    return value


def _number_text(value: float | int) -> str:
    return str(value) if isinstance(value, int) else repr(value)


def write_actuals(
    text: str,
    journey: JourneyMap,
    results: list[KpiResult],
    period: Period,
    path_display: str,
) -> ActualsEdit:
    """``text`` (the file of ``journey``) with each measured KPI's ``actual`` and the days
    it was measured over (``period``) written in; ``path_display`` names the file in the
    reasons of KPIs left alone."""
    if journey.type is MapType.FUTURE_STATE:
        reason = "a future-state map: its KPI values are targets, not measurements"
        return ActualsEdit(text, skipped=[(r.kpi, reason) for r in results])
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom) :]
    try:
        root = YAML(typ="rt", pure=True).compose(body)
    except YAMLError as problem:
        reason = f"{path_display} cannot be read as YAML: {problem}"
        return ActualsEdit(text, skipped=[(r.kpi, reason) for r in results])
    places = _kpi_paths(journey)
    seen = _shared_nodes(root) if root is not None else set()
    edits: list[tuple[int, int, str]] = []
    done: list[ActualChange] = []
    skipped: list[tuple[str, str]] = []
    expected: dict[tuple[Any, ...], dict[str, Any]] = {}
    written: set[str] = set()
    for result in results:
        value = actual_value(result)
        if value is None:
            why = result.reason or "it has no value"
            skipped.append((result.kpi, f"not measured: {why}"))
            continue
        paths = places.get(result.kpi, [])
        if not paths:
            skipped.append((result.kpi, "the map has no KPI with this id"))
            continue
        if len(paths) > 1:
            skipped.append((result.kpi, "the map has more than one KPI with this id"))
            continue
        if result.kpi in written:
            skipped.append((result.kpi, "measured more than once (per persona); written once"))
            continue
        path = paths[0]
        kpi = _kpi_at(journey, path)
        try:
            node = _node_at(root, path)
            kpi_edits = _KpiEditor(body, node, seen, newline_of(body)).edit(value, period)
        except _Refused as refused:
            mark = _mark(root, path)
            skipped.append((result.kpi, f"{path_display}:{mark[0]}:{mark[1]}: {refused}"))
            continue
        written.add(result.kpi)
        expected[path] = _expected_fields(value, period)
        if kpi_edits:
            edits.extend(kpi_edits)
            mark = _mark(root, path)
            done.append(ActualChange(result.kpi, kpi.actual, value, mark[0], mark[1]))
    if not edits:
        return ActualsEdit(text, [], skipped)
    edited = _apply(body, edits)
    mismatch = "two edits overlap" if edited is None else _read_back(body, edited, expected)
    if edited is None or mismatch is not None:
        reason = f"{path_display}: the edited file did not read back the same ({mismatch})"
        return ActualsEdit(text, [], [*skipped, *((c.kpi, reason) for c in done)])
    return ActualsEdit(bom + edited, done, skipped)


# -- where the KPIs are ----------------------------------------------------------------------


def _kpi_paths(journey: JourneyMap) -> dict[str, list[tuple[Any, ...]]]:
    """Each KPI id and the data paths of the KPIs with that id."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    for s, stage in enumerate(journey.stages):
        for k, kpi in enumerate(stage.kpis):
            found.setdefault(kpi.id, []).append(("stages", s, "kpis", k))
    for where, step in journey.located_steps():
        for k, kpi in enumerate(step.kpis):
            found.setdefault(kpi.id, []).append((*where, "kpis", k))
    return found


def _kpi_at(journey: JourneyMap, path: tuple[Any, ...]) -> Any:
    here: Any = journey
    for part in path:
        here = here[part] if isinstance(part, int) else getattr(here, part)
    return here


def _walk(root: Node | None, path: tuple[Any, ...]) -> Node:
    node = root
    for part in path:
        if isinstance(part, int) and isinstance(node, SequenceNode) and part < len(node.value):
            node = node.value[part]
        elif isinstance(part, str) and isinstance(node, MappingNode):
            node = _value_of(node, part)
        else:
            node = None
        if node is None:
            raise _Refused("the KPI is not where the map's data says it is")
    if node is None:
        raise _Refused("the file is empty")
    return node


def _node_at(root: Node | None, path: tuple[Any, ...]) -> MappingNode:
    node = _walk(root, path)
    if not isinstance(node, MappingNode):
        raise _Refused("the KPI is not written as a mapping of keys")
    return node


def _value_of(mapping: MappingNode, key: str) -> Node | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return value_node  # type: ignore[no-any-return]
    return None


def _mark(root: Node | None, path: tuple[Any, ...]) -> tuple[int, int]:
    """Line and column (1-based) of the KPI, or of the nearest node above it."""
    for size in range(len(path), -1, -1):
        try:
            node = _walk(root, path[:size])
        except _Refused:
            continue
        return node.start_mark.line + 1, node.start_mark.column + 1
    return 1, 1


def _shared_nodes(root: Node) -> set[int]:
    """The ids of nodes reached more than once (an anchor and its aliases) or carrying an
    anchor: editing one would edit, or unshare, the others."""
    counts: dict[int, int] = {}
    shared: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        counts[id(node)] = counts.get(id(node), 0) + 1
        if node.anchor is not None or counts[id(node)] > 1:
            shared.add(id(node))
        if counts[id(node)] > 1:
            continue
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return shared


# -- editing one KPI -------------------------------------------------------------------------


class _KpiEditor:
    def __init__(self, text: str, node: MappingNode, shared: set[int], newline: str) -> None:
        self.text = text
        self.node = node
        self.shared = shared
        self.newline = newline
        self.flow = bool(node.flow_style)
        self._check()

    def _check(self) -> None:
        node = self.node
        if id(node) in self.shared:
            raise _Refused("the KPI has an anchor or is an alias; write it out to update it")
        if self.flow and node.start_mark.line != node.end_mark.line:
            raise _Refused(
                "the KPI is a flow mapping ({...}) over several lines; write it on one line "
                "or in block style"
            )
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                raise _Refused("the KPI has a key that is not text")
            if key.value == "<<":
                raise _Refused("the KPI merges keys from an anchor (<<)")
            if key.value in WRITTEN_KEYS and _has_shared(value, self.shared):
                raise _Refused(f"its {key.value} is an anchor or an alias")

    def entry(self, key: str) -> tuple[ScalarNode, Node] | None:
        for key_node, value_node in self.node.value:
            if key_node.value == key:
                return key_node, value_node
        return None

    def edit(self, value: float | int, period: Period) -> list[tuple[int, int, str]]:
        edits: list[tuple[int, int, str]] = []
        added: list[str] = []
        actual = self.entry("actual")
        if actual is None:
            added.append(f"actual: {_number_text(value)}")
        else:
            edits.extend(self._set_number(*actual, value))
        one_day = period.start == period.end
        keep, other = ("actual_date", "actual_period") if one_day else DATE_KEYS[::-1]
        date_text = _date_text(period)
        kept, dropped = self.entry(keep), self.entry(other)
        if kept is not None:
            edits.extend(self._set_date(*kept, period, one_day))
            if dropped is not None:
                edits.append(self._remove(dropped))
        elif dropped is not None:
            # Rewritten in place: the other key becomes this one.
            key_node, value_node = dropped
            end = self._value_end(key_node, value_node)
            edits.append((key_node.start_mark.index, end, f"{keep}: {date_text}"))
        else:
            added.append(f"{keep}: {date_text}")
        if added:
            edits.append(self._insert(added))
        return edits

    # -- values ---------------------------------------------------------------------------

    def _colon_end(self, key: ScalarNode) -> int:
        """Just after the ``:`` that follows ``key``."""
        colon = self.text.find(":", key.end_mark.index)
        if colon == -1 or self.text[key.end_mark.index : colon].strip():
            raise _Refused(f"its {key.value} is written in a way it cannot be edited")
        return colon + 1

    def _value_end(self, key: ScalarNode, value: Node) -> int:
        """Where an entry's text ends: an empty value's marks are those of what follows
        it, so the entry ends at its colon."""
        return self._colon_end(key) if _empty(value) else _end(value)

    def _after_colon(self, key: ScalarNode, text: str) -> list[tuple[int, int, str]]:
        """A value written after an empty one's ``key:``."""
        at = self._colon_end(key)
        return [(at, at, f" {text}")]

    def _set_number(
        self, key: ScalarNode, node: Node, value: float | int
    ) -> list[tuple[int, int, str]]:
        if _empty(node):
            return self._after_colon(key, _number_text(value))
        if not isinstance(node, ScalarNode) or node.style not in (None, "", '"', "'"):
            raise _Refused("its actual is not written as a number")
        if node.start_mark.line != node.end_mark.line:
            raise _Refused("its actual is written over several lines")
        if _same_number(node.value, value):
            return []
        return [(node.start_mark.index, node.end_mark.index, _number_text(value))]

    def _set_date(
        self, key: ScalarNode, node: Node, period: Period, one_day: bool
    ) -> list[tuple[int, int, str]]:
        if _empty(node):
            return self._after_colon(key, _date_text(period))
        if one_day:
            return self._set_day(node, period.start, "actual_date")
        if not isinstance(node, MappingNode):
            raise _Refused("its actual_period is not a mapping of start and end")
        edits: list[tuple[int, int, str]] = []
        for end in ("start", "end"):
            found = _value_of(node, end)
            if found is None:
                raise _Refused(f"its actual_period has no {end}")
            edits.extend(self._set_day(found, getattr(period, end), f"actual_period's {end}"))
        return edits

    def _set_day(self, node: Node, day: datetime.date, what: str) -> list[tuple[int, int, str]]:
        if not isinstance(node, ScalarNode) or node.style not in (None, "", '"', "'"):
            raise _Refused(f"its {what} is not written as a date")
        if node.value == day.isoformat():
            return []
        return [(node.start_mark.index, node.end_mark.index, day.isoformat())]

    # -- keys -----------------------------------------------------------------------------

    def _remove(self, entry: tuple[ScalarNode, Node]) -> tuple[int, int, str]:
        """Remove a key: its lines in block style, ``, key: value`` in flow style."""
        key_node, value_node = entry
        start, end = key_node.start_mark.index, self._value_end(key_node, value_node)
        if self.flow:
            before = self.text.rfind(",", self.node.start_mark.index, start)
            if before != -1:
                return before, end, ""
            after = self.text.find(",", end)
            return start, after + 1 if after != -1 else end, ""
        line_start = self.text.rfind("\n", 0, start) + 1
        line_start = max(line_start, self.text.rfind("\r", 0, start) + 1)
        if self.text[line_start:start].strip():
            raise _Refused(f"its {key_node.value} shares a line with another key")
        return line_start, _line_end(self.text, end, self.newline), ""

    def _insert(self, lines: list[str]) -> tuple[int, int, str]:
        """New keys after the KPI's last entry: ``, key: value`` in flow style, lines at
        the keys' indentation in block style (after the last entry's line, comment and
        all)."""
        last_key, last_value = self.node.value[-1]
        end = self._value_end(last_key, last_value)
        if self.flow:
            return end, end, "".join(f", {line}" for line in lines)
        leaf = _last_leaf(last_value)
        if leaf.start_mark.line != leaf.end_mark.line or (
            isinstance(leaf, ScalarNode) and leaf.style in ("|", ">")
        ):
            raise _Refused("its last key's value runs over several lines; add `actual` by hand")
        found = self.text.find(self.newline, end)
        at = len(self.text) if found == -1 else found
        indent = " " * last_key.start_mark.column
        return at, at, "".join(f"{self.newline}{indent}{line}" for line in lines)


def _last_leaf(node: Node) -> Node:
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        return _last_leaf(node.value[-1][1])
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return _last_leaf(node.value[-1])
    return node


def _empty(node: Node) -> bool:
    """A value left empty (``actual:``), which reads as null."""
    return isinstance(node, ScalarNode) and node.value == "" and not node.style


def _has_shared(node: Node, shared: set[int]) -> bool:
    if id(node) in shared:
        return True
    if isinstance(node, MappingNode):
        return any(_has_shared(k, shared) or _has_shared(v, shared) for k, v in node.value)
    if isinstance(node, SequenceNode):
        return any(_has_shared(item, shared) for item in node.value)
    return False


def _end(node: Node) -> int:
    """Where a value's own text ends: a block collection's end mark is the start of what
    follows it (comments and blank lines included), so its last leaf's end is used."""
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        return _end(node.value[-1][1])
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return _end(node.value[-1])
    return int(node.end_mark.index)


def _line_end(text: str, at: int, newline: str) -> int:
    """The offset just after the line break that ends the line holding ``at`` (the end of
    the text when it has none)."""
    found = text.find(newline, at)
    return len(text) if found == -1 else found + len(newline)


def _date_text(period: Period) -> str:
    if period.start == period.end:
        return period.start.isoformat()
    return f"{{start: {period.start.isoformat()}, end: {period.end.isoformat()}}}"


def _same_number(written: str, value: float | int) -> bool:
    try:
        return float(written) == float(value)
    except ValueError:
        return False


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str | None:
    """``text`` with the edits made; None when two of them overlap."""
    ordered = sorted(edits, key=lambda edit: (edit[0], edit[1]))
    for (_, end, _), (start, _, _) in itertools.pairwise(ordered):
        if start < end:
            return None
    for start, end, replacement in reversed(ordered):
        text = text[:start] + replacement + text[end:]
    return text


# -- reading back ----------------------------------------------------------------------------


def _expected_fields(value: float | int, period: Period) -> dict[str, Any]:
    if period.start == period.end:
        return {"actual": value, "actual_date": period.start}
    return {"actual": value, "actual_period": (period.start, period.end)}


def _read_back(
    before: str, after: str, expected: dict[tuple[Any, ...], dict[str, Any]]
) -> str | None:
    """Why the edited text is not the same map but for the written fields (None: it is)."""
    old, new = read_yaml(before, "before", fast=False), read_yaml(after, "after", fast=False)
    found_before = [(d.code, d.message) for d in old.diagnostics]
    if [(d.code, d.message) for d in new.diagnostics] != found_before or new.data is None:
        return "it no longer reads as YAML as it did"
    if old.data is None:
        return "it did not read as YAML"
    old_data, new_data = copy.deepcopy(old.data), copy.deepcopy(new.data)
    for path, fields in expected.items():
        old_kpi, new_kpi = _data_at(old_data, path), _data_at(new_data, path)
        if not isinstance(old_kpi, dict) or not isinstance(new_kpi, dict):
            return "a KPI moved"
        got = {key: new_kpi.pop(key, None) for key in WRITTEN_KEYS}
        for key in WRITTEN_KEYS:
            old_kpi.pop(key, None)
        if not _fields_match(got, fields):
            return f"KPI {new_kpi.get('id')} reads {got}"
        if list(old_kpi) != list(new_kpi):
            return f"the keys of KPI {new_kpi.get('id')} changed order"
    if old_data != new_data:
        return "something besides the measured KPI values changed"
    return None


def _data_at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _day(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _fields_match(got: dict[str, Any], fields: dict[str, Any]) -> bool:
    if got["actual"] is None or float(got["actual"]) != float(fields["actual"]):
        return False
    if "actual_date" in fields:
        return got["actual_period"] is None and _day(got["actual_date"]) == fields["actual_date"]
    period = got["actual_period"]
    if got["actual_date"] is not None or not isinstance(period, dict) or len(period) != 2:
        return False
    found = (_day(period.get("start")), _day(period.get("end")))
    return bool(found == fields["actual_period"])
