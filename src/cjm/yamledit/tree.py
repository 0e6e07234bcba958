"""The nodes of a YAML text with the character offsets the editor needs.

Built from the events of ruamel.yaml's pure-Python parser (YAML 1.2), whose marks count
characters of the text as given (a byte order mark and the ``\\r`` of CRLF included).
The scanner is asked to remember where each ``-`` of a block sequence and each ``:`` of a
mapping stands, which the events do not say.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.scanner import Scanner
from ruamel.yaml.tokens import BlockEntryToken, KeyToken, ValueToken

from cjm.load.core_schema import MERGE_KEY, construct_tagged, resolve_plain


class _MarkingScanner(Scanner):
    """ruamel.yaml's scanner, also noting where dashes, colons and explicit keys are."""

    def __init__(self, loader: Any = None) -> None:
        self.dashes: list[int] = []
        self.colons: list[int] = []
        self.explicit_keys: list[int] = []
        super().__init__(loader=loader)

    def get_token(self) -> Any:
        token = super().get_token()
        if isinstance(token, BlockEntryToken):
            self.dashes.append(token.start_mark.index)
        elif isinstance(token, ValueToken):
            self.colons.append(token.start_mark.index)
        elif isinstance(token, KeyToken) and token.end_mark.index > token.start_mark.index:
            self.explicit_keys.append(token.start_mark.index)
        return token


@dataclass(eq=False)
class Node:
    start: int
    end: int
    anchor: str | None


@dataclass(eq=False)
class Scalar(Node):
    style: str | None = None  # None (plain), "'", '"', "|" or ">"
    value: str = ""
    tag: str | None = None
    empty: bool = False  # an implicit empty value (``key:`` or ``-``)


@dataclass(eq=False)
class Alias(Node):
    name: str = ""


@dataclass(eq=False)
class Entry:
    """A mapping pair (``key`` set) or a sequence item, and where its indicator is."""

    key: Node | None
    value: Node
    start: int  # the key (with its properties) or the dash; a flow item's value
    indicator: int = -1  # the ``:`` or ``-``, or -1 when there is none


@dataclass(eq=False)
class Collection(Node):
    flow: bool = False
    entries: list[Entry] = field(default_factory=list)
    tagged: bool = False


@dataclass(eq=False)
class Mapping(Collection):
    pass


@dataclass(eq=False)
class Sequence(Collection):
    pass


@dataclass
class Tree:
    root: Node | None
    aliases: set[str]  # the anchors some alias names
    explicit_keys: list[int]


def parse(text: str) -> Tree:
    """The node tree of ``text``; raises the parser's YAML errors."""
    yaml = YAML(typ="safe", pure=True)
    yaml.Scanner = _MarkingScanner
    events = list(yaml.parse(text))
    scanner = yaml.scanner
    dashes, colons = sorted(scanner.dashes), sorted(scanner.colons)
    stack: list[tuple[Collection, list[Node]]] = []
    root: Node | None = None
    aliases: set[str] = set()
    for event in events:
        node: Node
        if isinstance(event, ScalarEvent):
            tag = None if event.ctag is None else str(event.ctag)
            start, end = event.start_mark.index, event.end_mark.index
            empty = start == end and event.style is None and event.value == ""
            node = Scalar(start, end, event.anchor, event.style, event.value, tag, empty)
        elif isinstance(event, AliasEvent):
            aliases.add(event.anchor)
            node = Alias(event.start_mark.index, event.end_mark.index, None, event.anchor)
        elif isinstance(event, MappingStartEvent | SequenceStartEvent):
            kind: type[Collection] = Mapping if isinstance(event, MappingStartEvent) else Sequence
            start = event.start_mark.index
            collection = kind(
                start, start, event.anchor, bool(event.flow_style), tagged=event.ctag is not None
            )
            stack.append((collection, []))
            continue
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            node, _ = stack.pop()
            node.end = event.end_mark.index
        else:
            continue
        if not stack:
            root = node
            continue
        parent, pending = stack[-1]
        if isinstance(parent, Mapping):
            if not pending:
                pending.append(node)
                continue
            key = pending.pop()
            colon = _first_in(colons, key.end, node.start if not _is_empty(node) else None)
            if colon >= 0 and text[key.end : colon].strip():
                colon = -1  # a flow mapping's key without a value
            parent.entries.append(Entry(key, node, key.start, colon))
        else:
            entry = Entry(None, node, node.start)
            if not parent.flow:
                # A nested sequence or an empty item starts at (or after) a later dash.
                position = bisect.bisect_left(dashes, node.start) - 1
                if position >= 0:
                    entry.start = entry.indicator = dashes[position]
            parent.entries.append(entry)
    return Tree(root, aliases, sorted(scanner.explicit_keys))


def _is_empty(node: Node) -> bool:
    return isinstance(node, Scalar) and node.empty


def _first_in(starts: list[int], low: int, high: int | None) -> int:
    position = bisect.bisect_left(starts, low)
    if position < len(starts) and (high is None or starts[position] < high):
        return starts[position]
    return -1


def key_name(node: Node) -> Any:
    """The key a mapping key node names, as cjm's reader stores it (``MERGE_KEY`` for a
    merge), or None when it is not a scalar."""
    if not isinstance(node, Scalar):
        return None
    if node.tag is not None and node.tag != "!":
        value = construct_tagged(node.value, node.tag)
    elif node.style is None and node.tag is None:
        value = resolve_plain(node.value)
        if value is MERGE_KEY:
            return MERGE_KEY
    else:
        value = node.value
    if type(value) is str:
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
