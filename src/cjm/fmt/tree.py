"""The tree the formatter rearranges and writes, and how it is built from parser events."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from cjm.fmt.common import BREAK_RE, BREAKS
from cjm.fmt.source import COMMA, Source

# -- the tree ---------------------------------------------------------------------------------

# A line above or below an entry: a comment ("# ...") or a blank line (""). Most entries
# have none: they share an empty tuple until a line is added (``add_line``).
Lines = list[str]
SomeLines = list[str] | tuple[()]


@dataclass(eq=False, slots=True)
class Comment:
    """A comment at the end of a line, with the spaces written before it."""

    text: str
    gap: int = 2


@dataclass(eq=False, slots=True)
class Node:
    start: int
    end: int
    props: str  # anchor and tag as written ("&a !!str"), or ""
    anchor: str | None
    owner: Entry | None = field(default=None, repr=False)


@dataclass(eq=False, slots=True)
class Scalar(Node):
    style: str | None = None  # None (plain), "'", '"', "|" or ">"
    value: str = ""
    token_start: int = 0  # the scalar itself, without its properties
    token_end: int = 0
    empty: bool = False  # an implicit empty value (``key:``)


@dataclass(eq=False, slots=True)
class BlockScalar(Scalar):
    """A ``|`` or ``>`` scalar: the header's chomping indicator and the content lines.
    Kept apart from :class:`Scalar` so that the many other scalars do not carry these
    slots (a 10 MB map has half a million scalars)."""

    chomp: str = ""
    block_lines: list[str] | tuple[()] = ()
    block_breaks: list[str] | tuple[()] = ()  # between the lines
    header_comment: Comment | None = None


@dataclass(eq=False, slots=True)
class Alias(Node):
    name: str = ""
    target: Node | None = None


@dataclass(eq=False, slots=True)
class Collection(Node):
    flow: bool = False
    column: int = 0
    trailing: SomeLines = ()
    to_block: bool = False  # a flow collection that holds comments

    @property
    def block(self) -> bool:
        return not self.flow or self.to_block

    def entries(self) -> list[Entry]:
        raise NotImplementedError


@dataclass(eq=False, slots=True)
class Mapping(Collection):
    pairs: list[Pair] = field(default_factory=list)
    # The order in the input: the very list of ``pairs`` until the keys are ordered,
    # which gives ``pairs`` a new list (nothing changes a list of pairs in place).
    written: list[Pair] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.written = self.pairs

    def entries(self) -> list[Entry]:
        return list(self.pairs)


@dataclass(eq=False, slots=True)
class Sequence(Collection):
    items: list[Item] = field(default_factory=list)

    def entries(self) -> list[Entry]:
        return list(self.items)


@dataclass(eq=False, slots=True)
class Entry:
    """A key-value pair or a sequence item, with the comments that travel with it."""

    parent: Collection
    start: int
    value: Node
    leading: SomeLines = ()
    after: SomeLines = ()
    head: Comment | None = None  # after "key:" or "-" when the value starts below
    eol: Comment | None = None  # after the value


@dataclass(eq=False, slots=True)
class Pair(Entry):
    key: Node | None = None
    colon: int = -1


@dataclass(eq=False, slots=True)
class Item(Entry):
    dash: int = -1


@dataclass(eq=False, slots=True)
class Directive:
    """A ``%`` directive line, with the comment lines above it."""

    text: str
    start: int
    leading: Lines = field(default_factory=list)


@dataclass(slots=True)
class TreeDocument:
    root: Node | None
    directives: list[Directive]
    # Where the content starts: after ``---`` when there are directives, else 0.
    body_start: int = 0
    prologue: Lines = field(default_factory=list)  # after the directives, before ``---``
    header: Lines = field(default_factory=list)  # above the content: they stay first
    footer: Lines = field(default_factory=list)
    root_eol: Comment | None = None
    entries: list[Entry] = field(default_factory=list)  # all of them, in input order
    nodes_by_end: dict[int, Node] = field(default_factory=dict)
    pairs_by_colon: dict[int, Pair] = field(default_factory=dict)
    items_by_dash: dict[int, Item] = field(default_factory=dict)
    entries_by_comma: dict[int, Entry] = field(default_factory=dict)
    content_spans: list[tuple[int, int]] = field(default_factory=list)
    flow_spans: list[Collection] = field(default_factory=list)
    has_aliases: bool = False  # if not, no key move can put an alias before its anchor


# -- building the tree from events --------------------------------------------------------------


def _tag_of(event: Any) -> str | None:
    tag = getattr(event, "ctag", None)
    return None if tag is None else str(tag)


class TreeBuilder:
    """Build the tree from the parser's events, one at a time.

    The events come in the order of the text, so the tokens each of them needs (its
    scalar, the dash before an item, the colon after a key) are found by cursors that
    only move forward. Only the entries and nodes next to a comment are indexed by the
    position of their tokens: those are the only ones a comment asks for."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.header_comments = {
            source.line_of(start): (start, end)
            for start, end in source.comments
            if start in source.header_comments
        }
        self.anchors: dict[str, Node] = {}
        self.marked = source.marked
        # The collections being built, each with its key waiting for a value (and the
        # colon after that key) and the dash before the collection.
        self.stack: list[tuple[Collection, list[tuple[Node, int]], int]] = []
        self.next_scalar = self.next_dash = self.next_colon = 0

    def build(self) -> TreeDocument:
        source = self.source
        # A directive keeps its line whole: a comment after it is not seen by either
        # scanner as a comment, so it is written back as part of the directive's text.
        directives = [
            Directive(_rest_of_line(source.text, start).rstrip(), start)
            for start, _ in source.directives
        ]
        document = self.document = TreeDocument(None, directives)
        if directives and source.document_start_end is not None:
            document.body_start = source.document_start_end
        stack, attach, marked = self.stack, self.attach, self.marked
        for event in source.events():
            kind = type(event)
            if kind is ScalarEvent:
                dash = self.dash_before(event.start_mark.index)
                attach(self.scalar(event, dash), dash)
            elif kind is AliasEvent:
                alias = Alias(
                    event.start_mark.index, event.end_mark.index, "", None, name=event.anchor
                )
                alias.target = self.anchors.get(event.anchor)
                document.has_aliases = True
                if alias.end in marked:
                    document.nodes_by_end[alias.end] = alias
                attach(alias, self.dash_before(alias.start))
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                start = event.start_mark.index
                dash = self.dash_before(start)
                collection: Collection = (Mapping if kind is MappingStartEvent else Sequence)(
                    start,
                    start,
                    self.props(event, start),
                    event.anchor,
                    flow=bool(event.flow_style),
                )
                if event.anchor is not None:
                    self.anchors[event.anchor] = collection
                stack.append((collection, [], dash))
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                collection, _, dash = stack.pop()
                collection.end = event.end_mark.index
                if collection.flow:
                    if collection.end in marked:
                        document.nodes_by_end[collection.end] = collection
                    document.flow_spans.append(collection)
                else:
                    collection.end = self.last_end(collection)
                attach(collection, dash)
        document.entries.sort(key=lambda entry: entry.start)
        return document

    def dash_before(self, start: int) -> int:
        """The dash of a node that starts at ``start`` in a block sequence: the last one
        before it; -1 elsewhere."""
        if not self.stack:
            return -1
        parent = self.stack[-1][0]
        if parent.flow or not isinstance(parent, Sequence):
            return -1
        dashes, position = self.source.dashes, self.next_dash
        while position < len(dashes) and dashes[position] < start:
            position += 1
        self.next_dash = position
        return dashes[position - 1] if position else -1

    def colon_after(self, key_end: int) -> int:
        """The first colon at or after ``key_end`` (keys end in the order of the text)."""
        colons, position = self.source.colons, self.next_colon
        while position < len(colons) and colons[position] < key_end:
            position += 1
        self.next_colon = position
        return colons[position] if position < len(colons) else -1

    @staticmethod
    def last_end(collection: Collection) -> int:
        entries = collection.entries()
        return entries[-1].value.end if entries else collection.end

    def props(self, event: Any, start: int) -> str:
        parts = []
        if event.anchor is not None:
            parts.append("&" + event.anchor)
        if _tag_of(event) is not None:
            tags = self.source.tag_starts
            position = bisect.bisect_left(tags, start)
            if position < len(tags):
                end = self.source.tag_ends[position]
                parts.append(self.source.text[tags[position] : end])
        return " ".join(parts)

    def scalar(self, event: Any, dash: int) -> Scalar:
        start, end = event.start_mark.index, event.end_mark.index
        starts, position = self.source.scalar_starts, self.next_scalar
        while position < len(starts) and starts[position] < start:
            position += 1
        self.next_scalar = position
        token = None
        if position < len(starts) and self.source.scalar_ends[position] == end:
            # The same int as ``start`` when the scalar has no properties: one object less.
            token = start if starts[position] == start else starts[position]
        style = event.style or None  # libyaml writes "" for plain
        node = (BlockScalar if style in ("|", ">") else Scalar)(
            start,
            end,
            self.props(event, start) if event.anchor is not None or event.ctag else "",
            event.anchor,
            style=style,
            value=event.value if self.value_needed(event, start, end) else "",
            token_start=token if token is not None else end,
            token_end=end,
            empty=token is None,
        )
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        if token is not None:
            if end in self.marked:
                self.document.nodes_by_end[end] = node
            if isinstance(node, BlockScalar):
                self.block_scalar(node, dash)
            elif BREAK_RE.search(self.source.text, token, end):
                self.document.content_spans.append((node.token_start, end))
        return node

    def value_needed(self, event: Any, start: int, end: int) -> bool:
        """Whether the tree keeps a scalar's value: for a key (keys are sorted by it), and
        for a block scalar or a text over several lines (written from it). The others
        are written as they stand in the text."""
        if event.style in ("|", ">") or BREAK_RE.search(self.source.text, start, end):
            return True
        if not self.stack:
            return False
        collection, pending, _ = self.stack[-1]
        return isinstance(collection, Mapping) and not pending

    def block_scalar(self, node: BlockScalar, dash: int) -> None:
        """Split a block scalar into its header and its content lines (without their
        indentation), and find the comment on its header line."""
        text = self.source.text
        header_end = node.token_start + 1
        digit = 0
        while header_end < len(text) and text[header_end] in "+-0123456789":
            if text[header_end] in "+-":
                node.chomp = text[header_end]
            else:
                digit = int(text[header_end])
            header_end += 1
        header_line = self.source.line_of(node.token_start)
        if header_line in self.header_comments:
            start, end = self.header_comments[header_line]
            node.header_comment = Comment(text[start:end].rstrip(), max(1, start - header_end))
        if header_line + 1 >= len(self.source.line_starts):
            return
        body_start = self.source.line_starts[header_line + 1]
        body = text[body_start : node.token_end] if body_start < node.token_end else ""
        lines, breaks = BREAK_RE.split(body), BREAK_RE.findall(body)
        if body and body[-1] in BREAKS:
            lines.pop()  # the empty piece after the last line break
        if not body:
            lines = []
        indent = self.content_indent(lines, self.scanner_indent(dash), digit)
        content = ["" if _is_empty(line, indent) else line[indent:] for line in lines]
        kept = len(content)
        if node.chomp != "+":
            while kept and content[kept - 1] == "" and _is_empty(lines[kept - 1], indent):
                kept -= 1
        node.block_lines = content[:kept]
        node.block_breaks = breaks[: max(0, kept - 1)]
        content_end = body_start + sum(len(line) + 1 for line in lines[:kept])
        self.document.content_spans.append((node.token_start, min(content_end, node.token_end)))

    def scanner_indent(self, dash: int) -> int:
        """The scanner's indentation where a block scalar starts: the column of the
        innermost block collection (a block scalar cannot be in a flow one), that is of
        its first key or dash (``dash``: the one before the scalar), or -1."""
        for collection, pending, _ in reversed(self.stack):
            if collection.flow:
                continue
            entries: list[Pair] | list[Item] = []
            if isinstance(collection, Mapping):
                entries = collection.pairs
            elif isinstance(collection, Sequence):
                entries = collection.items
            if entries:
                start = entries[0].start
            elif pending:
                start = pending[0][0].start
            elif isinstance(collection, Sequence) and dash >= 0:
                start = dash
            else:
                start = collection.start
            return self.source.column_of(start)
        return -1

    @staticmethod
    def content_indent(lines: list[str], scanner_indent: int, digit: int) -> int:
        """The indentation of a block scalar's content, as ruamel.yaml's scanner finds it."""
        least = scanner_indent + 1
        if digit:
            return max(least, 1) + digit - 1
        deepest = 0
        for line in lines:
            spaces = len(line) - len(line.lstrip(" "))
            deepest = max(deepest, spaces)
            if line.strip(" "):
                break
        return max(least, deepest)

    def attach(self, node: Node, dash: int) -> None:
        """Add ``node`` to the collection being built (``dash``: the dash before it)."""
        stack, document = self.stack, self.document
        if not stack:
            document.root = node
            return
        collection, pending, _ = stack[-1]
        entry: Entry
        if isinstance(collection, Mapping):
            if not pending:
                pending.append((node, self.colon_after(node.end)))
                return
            key, colon = pending.pop()
            pair = Pair(collection, key.start, node, key=key)
            if colon < node.start:
                pair.colon = colon
                if colon in self.marked:
                    document.pairs_by_colon[colon] = pair
            key.owner = pair
            collection.pairs.append(pair)
            entry, count = pair, len(collection.pairs)
        else:
            assert isinstance(collection, Sequence)
            item = Item(collection, node.start, node)
            if dash >= 0:
                item.dash = item.start = dash
                if dash in self.marked:
                    document.items_by_dash[dash] = item
            collection.items.append(item)
            entry, count = item, len(collection.items)
        node.owner = entry
        if count == 1:
            collection.column = self.source.column_of(entry.start)
        if collection.flow and self.marked:
            following = self.source.next_token(node.end)
            if following is not None and following[0] == COMMA and following[1] in self.marked:
                document.entries_by_comma[following[1]] = entry
        document.entries.append(entry)


def _is_empty(line: str, indent: int) -> bool:
    """Whether a line of a block scalar is an empty line rather than text."""
    return len(line) <= indent and not line.strip(" ")


def leading_lines(entry: Entry) -> Lines:
    """The lines above ``entry``, as a list that lines can be added to."""
    if not isinstance(entry.leading, list):
        entry.leading = []
    return entry.leading


def trailing_lines(collection: Collection) -> Lines:
    """The lines at the end of ``collection``, as a list that lines can be added to."""
    if not isinstance(collection.trailing, list):
        collection.trailing = []
    return collection.trailing


def is_bare_empty(node: Node) -> bool:
    return isinstance(node, Scalar) and node.empty and not node.props


def _rest_of_line(text: str, start: int) -> str:
    """``text`` from ``start`` to the end of its line (a directive is one line)."""
    end = len(text)
    for stop in BREAKS:
        found = text.find(stop, start)
        if 0 <= found < end:
            end = found
    return text[start:end]
