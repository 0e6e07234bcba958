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
from ruamel.yaml.tokens import (
    BlockEntryToken,
    DirectiveToken,
    DocumentStartToken,
    FlowEntryToken,
    ScalarToken,
    TagToken,
    ValueToken,
)

from cjm.fmt.common import BREAK_RE, BREAKS
from cjm.fmt.source import Source

# -- the tree ---------------------------------------------------------------------------------

# A line above or below an entry: a comment ("# ...") or a blank line ("").
Lines = list[str]


@dataclass(eq=False)
class Comment:
    """A comment at the end of a line, with the spaces written before it."""

    text: str
    gap: int = 2


@dataclass(eq=False)
class Node:
    start: int
    end: int
    props: str  # anchor and tag as written ("&a !!str"), or ""
    anchor: str | None
    owner: Entry | None = field(default=None, repr=False)


@dataclass(eq=False)
class Scalar(Node):
    style: str | None = None  # None (plain), "'", '"', "|" or ">"
    value: str = ""
    token_start: int = 0  # the scalar itself, without its properties
    token_end: int = 0
    empty: bool = False  # an implicit empty value (``key:``)
    # Block scalars: the header's chomping indicator and the content lines.
    chomp: str = ""
    block_lines: list[str] = field(default_factory=list)
    block_breaks: list[str] = field(default_factory=list)  # between the lines
    header_comment: Comment | None = None


@dataclass(eq=False)
class Alias(Node):
    name: str = ""
    target: Node | None = None


@dataclass(eq=False)
class Collection(Node):
    flow: bool = False
    column: int = 0
    trailing: Lines = field(default_factory=list)
    to_block: bool = False  # a flow collection that holds comments

    @property
    def block(self) -> bool:
        return not self.flow or self.to_block

    def entries(self) -> list[Entry]:
        raise NotImplementedError


@dataclass(eq=False)
class Mapping(Collection):
    pairs: list[Pair] = field(default_factory=list)
    written: list[Pair] = field(default_factory=list)  # the order in the input

    def entries(self) -> list[Entry]:
        return list(self.pairs)


@dataclass(eq=False)
class Sequence(Collection):
    items: list[Item] = field(default_factory=list)

    def entries(self) -> list[Entry]:
        return list(self.items)


@dataclass(eq=False)
class Entry:
    """A key-value pair or a sequence item, with the comments that travel with it."""

    parent: Collection
    start: int
    value: Node
    leading: Lines = field(default_factory=list)
    after: Lines = field(default_factory=list)
    head: Comment | None = None  # after "key:" or "-" when the value starts below
    eol: Comment | None = None  # after the value


@dataclass(eq=False)
class Pair(Entry):
    key: Node | None = None
    colon: int = -1


@dataclass(eq=False)
class Item(Entry):
    dash: int = -1


@dataclass(eq=False)
class Directive:
    """A ``%`` directive line, with the comment lines above it."""

    text: str
    start: int
    leading: Lines = field(default_factory=list)


@dataclass
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


# -- building the tree from events --------------------------------------------------------------


def _tag_of(event: Any) -> str | None:
    tag = getattr(event, "ctag", None)
    return None if tag is None else str(tag)


class TreeBuilder:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.scalar_tokens = {
            t.start_mark.index: t for t in source.tokens if isinstance(t, ScalarToken)
        }
        self.scalar_starts = sorted(self.scalar_tokens)
        self.tag_tokens = sorted(
            t.start_mark.index for t in source.tokens if isinstance(t, TagToken)
        )
        self.tag_ends = {
            t.start_mark.index: t.end_mark.index for t in source.tokens if isinstance(t, TagToken)
        }
        self.dashes = sorted(
            t.start_mark.index for t in source.tokens if isinstance(t, BlockEntryToken)
        )
        self.colons = sorted(t.start_mark.index for t in source.tokens if isinstance(t, ValueToken))
        self.header_comments = {
            source.line_of(start): (start, end)
            for start, end in source.comments
            if start in source.header_comments
        }
        self.anchors: dict[str, Node] = {}

    def build(self) -> TreeDocument:
        source = self.source
        directives = [
            Directive(source.text[t.start_mark.index : t.end_mark.index], t.start_mark.index)
            for t in source.tokens
            if isinstance(t, DirectiveToken)
        ]
        self.document = TreeDocument(None, directives)
        if directives:
            self.document.body_start = next(
                t.end_mark.index for t in source.tokens if isinstance(t, DocumentStartToken)
            )
        stack: list[tuple[Collection, list[Node]]] = []
        for event in source.events:
            if isinstance(event, ScalarEvent):
                self.attach(stack, self.scalar(event))
            elif isinstance(event, AliasEvent):
                alias = Alias(
                    event.start_mark.index, event.end_mark.index, "", None, name=event.anchor
                )
                alias.target = self.anchors.get(event.anchor)
                self.document.nodes_by_end[alias.end] = alias
                self.attach(stack, alias)
            elif isinstance(event, MappingStartEvent | SequenceStartEvent):
                kind: type[Collection] = (
                    Mapping if isinstance(event, MappingStartEvent) else Sequence
                )
                start = event.start_mark.index
                collection = kind(
                    start,
                    start,
                    self.props(event, start),
                    event.anchor,
                    flow=bool(event.flow_style),
                )
                if event.anchor is not None:
                    self.anchors[event.anchor] = collection
                stack.append((collection, []))
            elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                collection, _ = stack.pop()
                collection.end = event.end_mark.index
                if collection.flow:
                    self.document.nodes_by_end[collection.end] = collection
                    self.document.flow_spans.append(collection)
                else:
                    collection.end = self.last_end(collection)
                self.attach(stack, collection)
        self.document.entries.sort(key=lambda entry: entry.start)
        return self.document

    @staticmethod
    def last_end(collection: Collection) -> int:
        entries = collection.entries()
        return entries[-1].value.end if entries else collection.end

    def props(self, event: Any, start: int) -> str:
        parts = []
        if event.anchor is not None:
            parts.append("&" + event.anchor)
        if _tag_of(event) is not None:
            position = bisect.bisect_left(self.tag_tokens, start)
            if position < len(self.tag_tokens):
                tag_start = self.tag_tokens[position]
                parts.append(self.source.text[tag_start : self.tag_ends[tag_start]])
        return " ".join(parts)

    def scalar(self, event: Any) -> Scalar:
        start, end = event.start_mark.index, event.end_mark.index
        position = bisect.bisect_left(self.scalar_starts, start)
        token = None
        if position < len(self.scalar_starts):
            candidate = self.scalar_tokens[self.scalar_starts[position]]
            if candidate.end_mark.index == end:
                token = candidate
        node = Scalar(
            start,
            end,
            self.props(event, start),
            event.anchor,
            style=event.style,
            value=event.value,
            token_start=token.start_mark.index if token is not None else end,
            token_end=end,
            empty=token is None,
        )
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        if token is not None:
            self.document.nodes_by_end[end] = node
            if node.style in ("|", ">"):
                self.block_scalar(node)
            elif self.source.line_of(node.token_start) != self.source.line_of(end):
                self.document.content_spans.append((node.token_start, end))
        return node

    def block_scalar(self, node: Scalar) -> None:
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
        indent = self.content_indent(lines, self.source.block_indents[node.token_start], digit)
        content = ["" if _is_empty(line, indent) else line[indent:] for line in lines]
        kept = len(content)
        if node.chomp != "+":
            while kept and content[kept - 1] == "" and _is_empty(lines[kept - 1], indent):
                kept -= 1
        node.block_lines = content[:kept]
        node.block_breaks = breaks[: max(0, kept - 1)]
        content_end = body_start + sum(len(line) + 1 for line in lines[:kept])
        self.document.content_spans.append((node.token_start, min(content_end, node.token_end)))

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

    def attach(self, stack: list[tuple[Collection, list[Node]]], node: Node) -> None:
        if not stack:
            self.document.root = node
            return
        collection, pending = stack[-1]
        entry: Entry
        if isinstance(collection, Mapping):
            if not pending:
                pending.append(node)
                return
            key = pending.pop()
            pair = Pair(collection, key.start, node, key=key)
            pair.colon = _first_at(self.colons, key.end, node.start)
            if pair.colon >= 0:
                self.document.pairs_by_colon[pair.colon] = pair
            key.owner = pair
            collection.pairs.append(pair)
            collection.written.append(pair)
            entry = pair
        else:
            assert isinstance(collection, Sequence)
            item = Item(collection, node.start, node)
            if not collection.flow:
                position = bisect.bisect_left(self.dashes, node.start) - 1
                if position >= 0:
                    item.dash = item.start = self.dashes[position]
                    self.document.items_by_dash[item.dash] = item
            collection.items.append(item)
            entry = item
        node.owner = entry
        if len(collection.entries()) == 1:
            collection.column = self.source.column_of(entry.start)
        if collection.flow:
            following = self.source.next_token(entry.value.end)
            if isinstance(following, FlowEntryToken):
                self.document.entries_by_comma[following.start_mark.index] = entry
        self.document.entries.append(entry)


def _first_at(starts: list[int], low: int, high: int) -> int:
    """The first of the sorted ``starts`` at or after ``low`` and before ``high``, or -1."""
    position = bisect.bisect_left(starts, low)
    if position < len(starts) and starts[position] < high:
        return starts[position]
    return -1


def _is_empty(line: str, indent: int) -> bool:
    """Whether a line of a block scalar is an empty line rather than text."""
    return len(line) <= indent and not line.strip(" ")


def is_bare_empty(node: Node) -> bool:
    return isinstance(node, Scalar) and node.empty and not node.props
