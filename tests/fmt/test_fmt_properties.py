"""cjm fmt is lossless and idempotent, shown on generated maps with comments.

Maps are generated as Python data (stages, steps, pain points, emotions, KPIs, personas,
text with unicode, quotes, colons, ``#``, leading spaces and line breaks), then written
out with comments holding unique markers, in random layouts, two ways:

* by ruamel.yaml's round-trip dumper: random key order, indentation, line width, flow or
  block collections, scalar styles, end-of-line and full-line comments;
* by a small writer of our own that also produces what the dumper never does: values on
  the line after their key, sequences not indented under their key, odd indentation,
  scalars wrapped over several lines, block scalars with indentation indicators, flow
  collections over several lines with comments inside, blank lines, anchors and aliases.

For every input that cjm itself accepts, the formatted text must read back as the same
data (types included), hold every comment marker as many times as the input, and be
left alone by a second run.

Set ``CJM_FMT_EXAMPLES`` to run more examples than the 200 per property that CI runs.
"""

from __future__ import annotations

import datetime
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from cjm.fmt import format_text, same_data
from cjm.load.document import parse_document
from cjm.load.yamlread import read_yaml
from cjm.model import JourneyMap

# CI runs the same 200 examples every time; CJM_FMT_EXAMPLES=5000 explores new ones.
EXAMPLES = os.environ.get("CJM_FMT_EXAMPLES")
PROPERTY = settings(
    max_examples=int(EXAMPLES or 200),
    deadline=None,
    derandomize=EXAMPLES is None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- data -----------------------------------------------------------------------------------

slugs = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3}){0,2}", fullmatch=True)

TRICKY = [
    "yes",
    "no",
    "null",
    "~",
    "true",
    "1.0",
    "0x1F",
    "2026-01-01",
    "#hash",
    "a: b",
    "a:b",
    "- item",
    "key:",
    "'single'",
    '"double"',
    "it's",
    "  leading spaces",
    "trailing spaces  ",
    "two\nlines",
    "ends with a break\n",
    "ends with two breaks\n\n",
    "  \n  spaces around breaks  \n\n  ",
    "\nstarts with a break",
    "tab\there",
    "ünïcödé ✓ 🚀 日本語",
    "a #not a comment",
    "[flow]",
    "{x}",
    "*star",
    "&amp",
    "!bang",
    "%pct",
    "@at",
    "`tick",
    "|pipe",
    ">gt",
    "? q",
    "back\\slash",
    "--- dashes",
    "...",
]
characters = st.characters(
    exclude_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn"),
    exclude_characters="\ufeff",
    include_characters="\n\t",
)
words = st.lists(
    st.sampled_from(["sign", "up", "plan", "a", "trial", "Ünïcode", "price:", "#7", "x"]),
    min_size=2,
    max_size=12,
).map(" ".join)
texts = st.one_of(st.sampled_from(TRICKY), words, st.text(characters, min_size=1, max_size=24))
numbers = st.one_of(
    st.integers(-1000, 100_000),
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.just(None), strategy)


def without_none(**fields: Any) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value not in (None, [], {})}


@st.composite
def personas(draw: st.DrawFn, ids: list[str]) -> list[Any]:
    entries: list[Any] = []
    for persona_id in ids:
        if draw(st.booleans()):
            entries.append(persona_id)
            continue
        demographics = draw(st.dictionaries(slugs, st.one_of(texts, numbers), max_size=3))
        entries.append(
            without_none(
                id=persona_id,
                name=draw(texts),
                demographics=demographics,
                goals=draw(st.lists(texts, max_size=2)),
            )
        )
    return entries


emotions = st.one_of(
    st.integers(-2, 2),
    st.builds(
        lambda score, label, note: without_none(score=score, label=label, note=note),
        st.integers(-2, 2),
        maybe(texts),
        maybe(texts),
    ),
)


@st.composite
def steps(draw: st.DrawFn, persona_ids: list[str]) -> dict[str, Any]:
    pain_points = [
        without_none(
            id=draw(slugs),
            summary=draw(texts),
            severity=draw(st.sampled_from(["low", "medium", "high", "critical"])),
            status=draw(maybe(st.sampled_from(["open", "mitigated", "resolved"]))),
            description=draw(maybe(texts)),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    activities = draw(
        st.lists(
            st.one_of(
                texts, st.builds(lambda a, o: without_none(action=a, owner=o), texts, maybe(slugs))
            ),
            max_size=2,
        )
    )
    return without_none(
        id=draw(slugs),
        action=draw(texts),
        description=draw(maybe(texts)),
        thoughts=draw(st.lists(texts, max_size=3)),
        emotion=draw(maybe(emotions)),
        emotions=draw(st.dictionaries(st.sampled_from(persona_ids), emotions, max_size=2)),
        frontstage=activities,
        pain_points=pain_points,
        owner=draw(maybe(slugs)),
    )


@st.composite
def journey_maps(draw: st.DrawFn) -> dict[str, Any]:
    persona_ids = draw(st.lists(slugs, min_size=1, max_size=2, unique=True))
    stages = []
    for _ in range(draw(st.integers(1, 2))):
        kpis = [
            without_none(
                id=draw(slugs),
                name=draw(texts),
                target=draw(maybe(numbers)),
                unit=draw(maybe(texts)),
            )
            for _ in range(draw(st.integers(0, 1)))
        ]
        stages.append(
            without_none(
                id=draw(slugs),
                name=draw(texts),
                customer_goal=draw(maybe(texts)),
                kpis=kpis,
                steps=[draw(steps(persona_ids)) for _ in range(draw(st.integers(0, 2)))],
            )
        )
    return without_none(
        id=draw(slugs),
        title=draw(texts),
        type=draw(st.sampled_from(["current-state", "day-in-the-life", "service-blueprint"])),
        owner=draw(slugs),
        reviewed=draw(st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 31))),
        review_cadence=draw(maybe(st.sampled_from(["monthly", "quarterly", "yearly"]))),
        description=draw(maybe(st.one_of(st.just(""), texts))),
        tags=draw(st.lists(texts, max_size=3)),
        personas=draw(personas(persona_ids)),
        stages=stages,
    )


# -- the checks ------------------------------------------------------------------------------


def accepted(text: str) -> bool:
    """Whether cjm reads ``text`` as a valid map (generated layouts may not be)."""
    document = parse_document(Path("in.yaml"), "in.yaml", text, JourneyMap)
    return not document.diagnostics


def check_lossless_and_idempotent(text: str, markers: list[str]) -> None:
    note(text)
    formatted = format_text(text, "map")
    note(formatted)
    before, after = read_yaml(text, "in.yaml"), read_yaml(formatted, "out.yaml")
    assert after.diagnostics == []
    assert same_data(before.data, after.data)
    for marker in markers:
        assert formatted.count(marker) == text.count(marker), marker
    assert format_text(formatted, "map") == formatted
    assert formatted.endswith("\n")
    assert all(line == line.rstrip(" \t") for line in _structure_lines(formatted))


BLOCK_HEADER = re.compile(r"(^|[\s:-])[|>][0-9+-]{0,2}$")


def _structure_lines(text: str) -> list[str]:
    """The lines of ``text`` outside block scalars (where trailing spaces are text)."""
    kept, block = [], -1
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        if block >= 0 and (not line.strip() or indent > block):
            continue
        block = -1
        kept.append(line)
        if BLOCK_HEADER.search(line.split(" #")[0].rstrip()):
            block = indent
    return kept


# -- layout 1: ruamel.yaml's round-trip dumper ---------------------------------------------------


class Markers:
    def __init__(self) -> None:
        self.used: list[str] = []

    def new(self) -> str:
        marker = f"mk{len(self.used):04d}"
        self.used.append(marker)
        return marker


def _has_block_text(value: Any) -> bool:
    if isinstance(value, LiteralScalarString | FoldedScalarString):
        return True
    if isinstance(value, dict):
        return any(_has_block_text(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_block_text(v) for v in value)
    return False


def _dumper_scalar(draw: st.DrawFn, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    style = draw(st.sampled_from(["plain", "single", "double", "literal", "folded"]))
    printable = value.isprintable()
    if style == "single" and printable:
        return SingleQuotedScalarString(value)
    if style == "double":
        return DoubleQuotedScalarString(value)
    simple = value.strip() and all(line.isprintable() for line in value.split("\n"))
    if style == "literal" and simple and not value.startswith((" ", "\n")):
        return LiteralScalarString(value)
    if style == "folded" and value.isprintable() and value == value.strip() and "  " not in value:
        return FoldedScalarString(value)
    return value


def _dumper_tree(draw: st.DrawFn, value: Any, markers: Markers) -> Any:
    if isinstance(value, dict):
        node: Any = CommentedMap()
        for key in draw(st.permutations(list(value))):
            node[key] = _dumper_tree(draw, value[key], markers)
        keys: list[Any] = list(node)
    elif isinstance(value, list):
        node = CommentedSeq(_dumper_tree(draw, item, markers) for item in value)
        keys = list(range(len(node)))
    else:
        return _dumper_scalar(draw, value)
    if keys and not _has_block_text(node) and draw(st.booleans()):
        node.fa.set_flow_style()
    for key in keys:
        if draw(st.integers(0, 4)) == 0:
            node.yaml_add_eol_comment("# " + markers.new(), key, column=draw(st.integers(0, 50)))
        if draw(st.integers(0, 4)) == 0:
            lines = "\n".join(markers.new() for _ in range(draw(st.integers(1, 2))))
            node.yaml_set_comment_before_after_key(
                key, before=lines, indent=draw(st.integers(0, 8))
            )
    return node


@st.composite
def dumped_maps(draw: st.DrawFn) -> tuple[str, list[str]]:
    markers = Markers()
    tree = _dumper_tree(draw, draw(journey_maps()), markers)
    if draw(st.booleans()):
        tree.yaml_set_start_comment(
            "yaml-language-server: $schema=../schemas/map.schema.json\n" + markers.new()
        )
    yaml = YAML()
    sequence = draw(st.sampled_from([2, 4]))
    yaml.indent(
        mapping=draw(st.sampled_from([2, 4])),
        sequence=sequence,
        offset=draw(st.integers(0, sequence - 2)),
    )
    yaml.width = draw(st.sampled_from([24, 80, 4096]))
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue(), markers.used


@PROPERTY
@given(dumped_maps())
def test_fmt_is_lossless_and_idempotent_on_dumped_maps(case: tuple[str, list[str]]) -> None:
    text, markers = case
    assume(accepted(text))
    check_lossless_and_idempotent(text, markers)


# -- layout 2: a writer of odd but valid layouts ---------------------------------------------------

_RESOLVER = VersionedResolver(version=(1, 2))
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"


def plain_ok(text: str, *, flow: bool) -> bool:
    if not text or text != text.strip() or not text.isprintable() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or text.startswith(("---", "...")):
        return False
    if flow and any(c in text for c in ",[]{}:"):
        return False
    resolved = _RESOLVER.resolve(ScalarNode, text, (True, False))
    return str(resolved) == "tag:yaml.org,2002:str"


def double_quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped.replace("\t", "\\t") + '"'


def wrap_points(text: str) -> list[int]:
    """Positions of single spaces between two other characters: where a line may break."""
    return [
        i
        for i in range(1, len(text) - 1)
        if text[i] == " " and text[i - 1] not in " \\" and text[i + 1] != " "
    ]


class Writer:
    """Writes data as YAML text in a randomly drawn, valid, unusual layout."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.lines: list[str] = []
        self.markers = Markers()
        self.anchors: dict[str, str] = {}  # text -> the anchor written on it
        self.count = 0
        # Lines deeper than this would continue the block scalar written last.
        self.text_floor = 10**6

    def chance(self, one_in: int) -> bool:
        return self.draw(st.integers(1, one_in)) == 1

    def put(self, line: str, *, block_text: bool = False) -> None:
        self.lines.append(line)
        if not block_text:
            self.text_floor = 10**6

    def eol(self) -> str:
        return (
            f"{' ' * self.draw(st.integers(1, 4))}# {self.markers.new()}" if self.chance(4) else ""
        )

    def above(self, column: int) -> None:
        """Blank lines and full-line comments before an entry at ``column``."""
        for _ in range(self.draw(st.integers(0, 2))):
            if self.chance(3):
                self.lines.append("")  # may belong to a block scalar above: still valid
            else:
                deepest = min(column + 4, self.text_floor - 1)
                at = self.draw(st.integers(0, max(0, deepest)))
                self.put(" " * at + "# " + self.markers.new())

    def document(self, data: dict[str, Any]) -> str:
        if self.chance(2):
            self.put("# yaml-language-server: $schema=../schemas/map.schema.json")
        if self.chance(4):
            self.put("---" + self.eol())
        if self.chance(8):
            self.flow_value("", data, 0)
        else:
            self.mapping(data, 0)
        if self.chance(3):
            self.above(4)
        if self.chance(8):
            self.put("...")
        return "\n".join(self.lines) + "\n"

    def mapping(self, data: dict[str, Any], column: int, first: str | None = None) -> None:
        """Keys at ``column``; ``first`` is written before the first key (a dash)."""
        for key in self.draw(st.permutations(list(data))):
            if first is None:
                self.above(column)
                prefix = " " * column + key + ":"
            else:
                prefix, first = first + key + ":", None
            self.value(prefix, data[key], column, dashed=False)

    def sequence(self, items: list[Any], column: int) -> None:
        for item in items:
            self.above(column)
            self.value(" " * column + "-", item, column, dashed=True)

    def value(self, prefix: str, value: Any, column: int, *, dashed: bool) -> None:
        draw = self.draw
        if isinstance(value, dict | list) and value:
            if self.chance(2):
                self.flow_value(prefix, value, column)
            elif isinstance(value, dict):
                if dashed and self.chance(2):  # "-   key: value"
                    spaces = draw(st.integers(1, 3))
                    self.mapping(value, column + 1 + spaces, first=prefix + " " * spaces)
                else:
                    self.put(prefix + self.head(value))
                    self.mapping(value, column + draw(st.integers(1, 4)))
            else:
                self.put(prefix + self.head(value))
                least = 1 if dashed else 0  # "key:" then "- item" at the key's column
                self.sequence(value, column + draw(st.integers(least, 4)))
            return
        self.scalar(prefix, value, column)

    def head(self, value: Any) -> str:
        return (" &" + self.anchor() if self.chance(8) else "") + self.eol()

    def anchor(self, text: str | None = None) -> str:
        self.count += 1
        name = f"a{self.count}"
        if text is not None:
            self.anchors.setdefault(text, name)
        return name

    def flow_value(self, prefix: str, value: Any, column: int) -> None:
        space = " " if prefix else ""
        if self.chance(2):
            self.put(prefix + space + self.flow(value) + self.eol())
            return
        # Over several lines, with comments inside.
        inner = " " * (column + self.draw(st.integers(1, 4)))
        opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
        self.put(prefix + space + opening + self.eol())
        pairs = list(value.items()) if isinstance(value, dict) else [(None, v) for v in value]
        for position, (key, item) in enumerate(pairs):
            if self.chance(4):
                self.put(inner + "# " + self.markers.new())
            lines = self.flow_lines(item, inner + "  ")
            if key is not None:
                lines[0] = f"{key}: {lines[0]}"
            lines[-1] += ("," if position < len(pairs) - 1 else "") + self.eol()
            self.put(inner + lines[0])
            for line in lines[1:]:
                self.put(line)
        self.put(inner[:-1] + closing + self.eol())

    def flow_lines(self, value: Any, indent: str) -> list[str]:
        """A flow entry, text sometimes broken over two lines."""
        if isinstance(value, str) and self.chance(3):
            text = self.one_line(value, flow=True)
            points = wrap_points(text) if text[:1] in "'\"" else []
            if points:
                cut = self.draw(st.sampled_from(points))
                return [text[:cut], indent + text[cut + 1 :]]
        return [self.flow(value)]

    def flow(self, value: Any) -> str:
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k}: {self.flow(v)}" for k, v in value.items()) + "}"
        if isinstance(value, list):
            return "[" + ", ".join(self.flow(v) for v in value) + "]"
        return self.one_line(value, flow=True)

    def one_line(self, value: Any, *, flow: bool) -> str:
        if isinstance(value, bool) or not isinstance(value, str):
            return self.number(value)
        style = self.draw(st.sampled_from(["plain", "single", "double"]))
        if style == "plain" and plain_ok(value, flow=flow):
            return value
        if style == "single" and value.isprintable():
            return "'" + value.replace("'", "''") + "'"
        return double_quoted(value)

    def number(self, value: Any) -> str:
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, int) and value >= 0 and self.chance(3):
            return self.draw(st.sampled_from([hex(value), f"0o{value:o}", f"+{value}"]))
        if isinstance(value, float) and self.chance(3):
            return f"{value:.6e}" if float(f"{value:.6e}") == value else repr(value)
        return repr(value) if isinstance(value, float) else str(value)

    def scalar(self, prefix: str, value: Any, column: int) -> None:
        draw = self.draw
        if isinstance(value, str) and value in self.anchors and self.chance(2):
            self.put(prefix + " *" + self.anchors[value] + self.eol())
            return
        props = ""
        if isinstance(value, str) and self.chance(6):
            props = "&" + self.anchor(value) + " "
        deeper = column + draw(st.integers(1, 4))
        if isinstance(value, str):
            style = draw(st.sampled_from(["line", "below", "wrapped", "literal", "folded"]))
            if style == "literal" and self.literal(prefix + " " + props, value, deeper, column):
                return
            if style == "folded" and self.folded(prefix + " " + props, value, deeper):
                return
            if style == "wrapped" and self.wrapped(prefix + " " + props, value, deeper):
                return
            if style == "below":
                self.put(prefix + self.eol())
                self.put(" " * deeper + props + self.one_line(value, flow=False) + self.eol())
                return
        self.put(prefix + " " + props + self.one_line(value, flow=False) + self.eol())

    def wrapped(self, prefix: str, value: str, deeper: int) -> bool:
        points = wrap_points(value)
        if not points:
            return False
        style = self.draw(st.sampled_from(["plain", "single", "double"]))
        if style == "plain" and plain_ok(value, flow=False):
            text = value
        elif style == "single" and value.isprintable():
            text = "'" + value.replace("'", "''") + "'"
        else:
            text = double_quoted(value)
            points = wrap_points(text)
        cuts = sorted(self.draw(st.sets(st.sampled_from(points), min_size=1, max_size=3)))
        if not cuts or cuts[-1] >= len(text) - 1:
            return False
        pieces = [
            text[a + 1 if a else 0 : b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)
        ]
        self.put(prefix + pieces[0])
        for piece in pieces[1:]:
            self.put(" " * deeper + piece)
        self.lines[-1] += self.eol()
        return True

    def literal(self, prefix: str, value: str, deeper: int, column: int) -> bool:
        body = value.rstrip("\n")
        if not body.strip() or not all(line.isprintable() for line in body.split("\n")):
            return False
        breaks = len(value) - len(body)
        chomp = "-" if breaks == 0 else "" if breaks == 1 else "+"
        first = next(line for line in body.split("\n") if line)
        digit = str(deeper - column) if first.startswith(" ") or self.chance(4) else ""
        comment = self.eol() if self.chance(2) else ""
        self.put(prefix + "|" + digit + chomp + comment)
        for line in body.split("\n") + [""] * (breaks - 1):
            self.put(" " * deeper + line if line else "", block_text=True)
        self.text_floor = deeper
        return True

    def folded(self, prefix: str, value: str, deeper: int) -> bool:
        points = wrap_points(value)
        if not value.isprintable() or value != value.strip() or not points:
            return False
        cut = self.draw(st.sampled_from(points))
        self.put(prefix + ">-")
        self.put(" " * deeper + value[:cut], block_text=True)
        self.put(" " * deeper + value[cut + 1 :], block_text=True)
        self.text_floor = deeper
        return True


@st.composite
def written_maps(draw: st.DrawFn) -> tuple[str, list[str]]:
    writer = Writer(draw)
    text = writer.document(draw(journey_maps()))
    return text, writer.markers.used


@PROPERTY
@given(written_maps())
def test_fmt_is_lossless_and_idempotent_on_odd_layouts(case: tuple[str, list[str]]) -> None:
    text, markers = case
    assume(accepted(text))
    check_lossless_and_idempotent(text, markers)


# -- comments stay with what they describe ---------------------------------------------------------

DataPath = tuple[str | int, ...]


@dataclass
class Placed:
    """Where each comment marker was written: the file's top lines, above a key or an
    item, at the end of a key's or an item's line, or at the end of a block."""

    head: list[str] = field(default_factory=list)
    above: dict[str, DataPath] = field(default_factory=dict)
    eol: dict[str, DataPath] = field(default_factory=dict)
    closing: dict[str, DataPath] = field(default_factory=dict)


class CommentingWriter:
    """Writes data in block style, two spaces a level, every mapping's keys in a drawn
    order (so that formatting moves them), with comments whose places are recorded."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.lines: list[str] = []
        self.markers = Markers()
        self.placed = Placed()

    def chance(self, one_in: int) -> bool:
        return self.draw(st.integers(1, one_in)) == 1

    def comments(self, column: int, where: dict[str, DataPath], path: DataPath) -> None:
        for _ in range(self.draw(st.integers(1, 2))):
            marker = self.markers.new()
            where[marker] = path
            self.lines.append(" " * column + "# " + marker)

    def eol(self, path: DataPath) -> str:
        if not self.chance(3):
            return ""
        marker = self.markers.new()
        self.placed.eol[marker] = path
        return " " * self.draw(st.integers(1, 3)) + "# " + marker

    def document(self, data: dict[str, Any]) -> str:
        if self.chance(2):
            self.lines.append("# yaml-language-server: $schema=../schemas/map.schema.json")
        for _ in range(self.draw(st.integers(0 if self.lines else 1, 3))):
            marker = self.markers.new()
            self.placed.head.append(marker)
            self.lines.append("# " + marker)
        if self.chance(2):
            self.lines.append("")
        self.mapping(data, 0, (), first="")
        return "\n".join(self.lines) + "\n"

    def mapping(self, data: dict[str, Any], column: int, path: DataPath, first: str) -> None:
        """Keys at ``column``; ``first`` goes before the first key (``- `` in a sequence,
        "" at the top of the file), which can have no comment lines of its own."""
        for position, key in enumerate(self.draw(st.permutations(list(data)))):
            here = (*path, key)
            if position == 0:
                prefix = first + " " * (column - len(first))
            else:
                if self.chance(3):
                    self.comments(column, self.placed.above, here)
                prefix = " " * column
            self.value(prefix + self.scalar(key) + ":", data[key], column, here)
        if self.chance(4):
            self.comments(column, self.placed.closing, path)

    def sequence(self, items: list[Any], column: int, path: DataPath) -> None:
        for index, item in enumerate(items):
            here = (*path, index)
            if self.chance(3):
                self.comments(column, self.placed.above, here)
            if isinstance(item, dict) and item:
                self.mapping(item, column + 2, here, first=" " * column + "- ")
            else:
                self.lines.append(" " * column + "- " + self.scalar(item) + self.eol(here))
        if self.chance(4):
            self.comments(column, self.placed.closing, path)

    def value(self, prefix: str, value: Any, column: int, path: DataPath) -> None:
        if isinstance(value, dict) and value:
            self.lines.append(prefix + self.eol(path))
            self.mapping(value, column + 2, path, first="")
        elif isinstance(value, list) and value:
            self.lines.append(prefix + self.eol(path))
            self.sequence(value, column + 2, path)
        else:
            self.lines.append(prefix + " " + self.scalar(value) + self.eol(path))

    @staticmethod
    def scalar(value: Any) -> str:
        if isinstance(value, dict | list):
            return "{}" if isinstance(value, dict) else "[]"
        if isinstance(value, datetime.date):
            return value.isoformat()
        if not isinstance(value, str):
            return repr(value) if isinstance(value, float) else str(value)
        return value if plain_ok(value, flow=False) else double_quoted(value)


@st.composite
def commented_maps(draw: st.DrawFn) -> tuple[str, Placed, list[str]]:
    writer = CommentingWriter(draw)
    text = writer.document(draw(journey_maps()))
    return text, writer.placed, writer.markers.used


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def check_comments_stay_in_place(formatted: str, placed: Placed) -> None:
    """Every marker is where it was written relative to what it describes."""
    lines = formatted.split("\n")
    where = {m: i for i, line in enumerate(lines) for m in re.findall(r"mk\d{4}", line)}
    structure = [i for i, line in enumerate(lines) if line.strip() and line.lstrip()[0] != "#"]
    data = YAML().load(formatted)

    def node_at(path: DataPath) -> Any:
        node = data
        for part in path:
            node = node[part]
        return node

    def line_of(path: DataPath) -> int:
        holder, last = node_at(path[:-1]), path[-1]
        found = holder.lc.key(last) if isinstance(holder, dict) else holder.lc.item(last)
        return int(found[0])

    def next_structure(line: int) -> int | None:
        return next((i for i in structure if i > line), None)

    head = [where[marker] for marker in placed.head]
    assert head == sorted(head) and all(line < structure[0] for line in head), "head moved"
    if formatted.startswith("# yaml-language-server:") or placed.head:
        assert lines[0].startswith("# yaml-language-server:") or lines[0] == f"# {placed.head[0]}"
    for marker, path in placed.above.items():
        assert next_structure(where[marker]) == line_of(path), f"{marker} left {path}"
    for marker, path in placed.eol.items():
        assert where[marker] == line_of(path), f"{marker} left the line of {path}"
    for marker, path in placed.closing.items():
        block = node_at(path)
        if isinstance(block, dict):
            first = min(int(block.lc.key(key)[0]) for key in block)
            column = int(block.lc.key(next(iter(block)))[1])
        else:
            first = int(block.lc.item(0)[0])
            column = int(block.lc.item(0)[1]) - 2  # the dash of `- item`
        line = where[marker]
        assert line > first, f"{marker} is above the block {path}"
        inside = [i for i in structure if first < i < line]
        assert all(_indent(lines[i]) >= column for i in inside), f"{marker} left {path}"
        after = next_structure(line)
        assert after is None or _indent(lines[after]) < column, f"{marker} is not at the end"


@PROPERTY
@given(commented_maps())
def test_comments_stay_with_what_they_describe(case: tuple[str, Placed, list[str]]) -> None:
    text, placed, markers = case
    assume(accepted(text))
    check_lossless_and_idempotent(text, markers)
    check_comments_stay_in_place(format_text(text, "map"), placed)


# -- the generators make what cjm accepts ---------------------------------------------------------


@pytest.mark.parametrize(
    ("layouts", "least"),
    [(dumped_maps(), 0.5), (written_maps(), 0.9), (commented_maps().map(lambda c: c[::2]), 0.9)],
)
def test_most_generated_layouts_are_valid_maps(
    layouts: st.SearchStrategy[tuple[str, list[str]]], least: float
) -> None:
    """The properties above would pass vacuously if cjm refused what is generated.

    The share is measured over a hundred layouts: which layouts Hypothesis draws depends on
    more than the seed (what else the process has imported changes it), and over thirty
    the share of dumped maps that load swung from 43% to 90%; over a hundred it stays
    between about 70% and 80%."""
    outcomes: list[bool] = []

    @settings(max_examples=100, deadline=None, derandomize=True, database=None)
    @given(layouts)
    def count(case: tuple[str, list[str]]) -> None:
        outcomes.append(accepted(case[0]))

    count()
    assert sum(outcomes) >= least * len(outcomes)
