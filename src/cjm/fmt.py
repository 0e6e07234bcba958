"""Canonical formatting of maps, shared definition files and ``cjm.yaml`` (``cjm fmt``).

``format_text`` rewrites the layout of a file and nothing else: the data read back is
equal to the data before (same keys, values and types), every comment is kept, and
formatting the result again changes nothing. A file that does not parse, or that is not
a valid document of its kind, is refused with the loader's diagnostics.

The canonical layout
--------------------

Key order
    Every mapping whose model is known follows the field order of that model
    (:class:`~cjm.model.JourneyMap`, stages, steps, pain points, KPIs, emotions,
    activities, opportunities, personas, teams, touchpoints, evidence, ``cjm.yaml`` and
    its lint settings). A merge key ``<<`` comes first. Mappings of free keys
    (``demographics``, ``emotions`` by persona, lint ``options`` and ``severity``) keep
    the order they were written in. If moving keys would put an alias before its
    anchor, mappings that hold anchors or aliases keep their order.

Indentation and spacing
    Two spaces per level. A block sequence is indented under its key (``key:`` then
    ``  - item``); a mapping in a sequence starts on the dash line (``- id: x``). One
    space after ``:`` and ``-``; flow collections are written ``[a, b]`` and
    ``{k: v}`` on one line. A value written on the line after its key moves up to the
    key's line. Tabs between tokens become spaces.

Styles
    Each collection keeps its flow or block style, except that a flow collection holding
    a comment is written in block style (a comment cannot live inside one line). Each
    scalar keeps its text exactly as written: plain stays plain, quotes and escapes stay
    as they are, ``~`` stays ``~``, ``0x1F`` stays ``0x1F``, dates stay dates and ``yes``
    stays text. A scalar written over several lines keeps its line breaks (continuation
    lines are re-indented; nothing is ever re-wrapped), except inside a flow collection,
    where it is joined onto one line. Block scalars (``|``, ``>``) keep their content
    lines, re-indented; the indentation indicator is written only when the text starts
    with a space. Anchors, tags, aliases and merge keys stay as written.

Comments and blank lines
    A comment at the end of a line stays at the end of that entry's line, with the
    spacing it had. Comment lines above an entry belong to it and move with it when keys
    are reordered; comment lines after the last entry of a block, indented at least as
    deep as that block, stay at its end. Comment lines are re-indented to their entry.
    Comments above the first key that are separated from it by a blank line, and the
    ``# yaml-language-server: $schema=...`` line, are the file's header and stay first.
    Runs of blank lines become one blank line; blank lines at the start and end of the
    file are dropped.

The file
    No document start or end markers (``---`` is kept only after ``%`` directives). No
    trailing spaces, except inside a block scalar where they are text. One final newline.
    A byte order mark is dropped; line breaks are written in the style of the first one
    in the input (CRLF stays CRLF).

Before returning, the result is read back: if its data or its comments differ from the
input, :class:`FormatError` is raised instead, so the formatter can never lose anything.
"""

from __future__ import annotations

import bisect
import re
import types
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.scanner import Scanner
from ruamel.yaml.tokens import (
    AliasToken,
    AnchorToken,
    BlockEntryToken,
    DirectiveToken,
    DocumentEndToken,
    DocumentStartToken,
    FlowEntryToken,
    FlowMappingEndToken,
    FlowSequenceEndToken,
    ScalarToken,
    TagToken,
    ValueToken,
)

from cjm.diagnostics import Diagnostic
from cjm.load.document import parse_document
from cjm.load.yamlread import read_yaml
from cjm.model import DefinitionsFile, JourneyMap, WorkspaceConfig

Kind = Literal["map", "definitions", "workspace"]

MODELS: dict[str, type[BaseModel]] = {
    "map": JourneyMap,
    "definitions": DefinitionsFile,
    "workspace": WorkspaceConfig,
}

SCHEMA_COMMENT = "# yaml-language-server:"
INDENT = 2

# What ruamel.yaml's scanner treats as a line break, once CR and CRLF are made LF.
_BREAKS = "\n\x85\u2028\u2029"
_BREAK_RE = re.compile("[\n\x85\u2028\u2029]")
_END = _BREAKS + "\r\0"  # where a comment ends


class FormatError(Exception):
    """The text cannot be formatted: it does not parse, is not valid, or would change."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics = diagnostics or []


def format_text(text: str, kind: Kind, *, path: str = "<text>") -> str:
    """The canonical layout of ``text``, a document of ``kind``; ``path`` names it in errors.

    Raises :class:`FormatError` when the text is not a valid document of that kind, or
    (a bug) when the result would not hold the same data and comments.
    """
    newline = _newline_style(text)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    document = parse_document(Path(path), path, text, MODELS[kind])
    if document.diagnostics:
        first = document.diagnostics[0]
        raise FormatError(
            f"{path}:{first.line}:{first.column}: {first.message}", document.diagnostics
        )
    try:
        source = _Source.parse(text)
    except YAMLError as error:
        # libyaml accepted what the pure-Python parser, which cjm fmt needs, does not.
        mark = getattr(error, "problem_mark", None)
        place = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else path
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise FormatError(f"{place}: cannot be formatted: {problem}") from None
    tree = _Builder(source).build()
    _attach_comments(tree, source)
    _order_keys(tree, MODELS[kind])
    emitter = _Emitter(source)
    result = emitter.document(tree)
    _check_unchanged(text, result, path)
    if emitter.comments != source.comment_texts():
        raise FormatError(f"{path}: {_BUG} (comments would be lost); please report this")
    return result.replace("\n", newline) if newline != "\n" else result


def _newline_style(text: str) -> str:
    match = re.search("\r\n|\r|\n", text)
    return match.group() if match else "\n"


# -- reading: tokens, comments and events from ruamel.yaml's pure-Python parser --------------


class _RecordingScanner(Scanner):
    """ruamel.yaml's scanner, also keeping every token it hands out and every comment it
    skips (which the plain scanner throws away), with their positions."""

    def __init__(self, loader: Any = None) -> None:
        self.taken: list[Any] = []
        self.comments: list[tuple[int, int]] = []
        self.header_comments: set[int] = set()
        self.block_indents: dict[int, int] = {}
        super().__init__(loader=loader)

    def get_token(self) -> Any:
        token = super().get_token()
        if token is not None:
            self.taken.append(token)
        return token

    def scan_to_next_token(self) -> None:
        # As Scanner.scan_to_next_token, recording the comments it skips.
        peek, forward = self.reader.peek, self.reader.forward
        if self.reader.index == 0 and peek() == "\ufeff":
            forward()
        white_space = " \t" if self.flow_level > 0 else " "
        while True:
            while peek() in white_space:
                forward()
            if peek() == "#":
                start = self.reader.index
                while peek() not in _END:
                    forward()
                self.comments.append((start, self.reader.index))
            if self.scan_line_break():
                if not self.flow_level:
                    self.allow_simple_key = True
            else:
                return

    def scan_block_scalar(self, style: Any, rt: Any = False) -> Any:
        self.block_indents[self.reader.index] = self.indent
        return super().scan_block_scalar(style, rt)

    def scan_block_scalar_ignored_line(self, start_mark: Any) -> Any:
        before = self.reader.index
        comment = super().scan_block_scalar_ignored_line(start_mark)
        if comment is not None:
            start = before + len(comment) - len(comment.lstrip(" "))
            self.comments.append((start, before + len(comment)))
            self.header_comments.add(start)
        return comment


@dataclass
class _Source:
    """The text with what the parser saw in it."""

    text: str
    events: list[Any]
    tokens: list[Any]
    comments: list[tuple[int, int]]
    header_comments: set[int]
    block_indents: dict[int, int]
    line_starts: list[int]
    # The tokens that hold text (not the empty markers of block starts and ends).
    significant: list[Any] = field(init=False)
    significant_starts: list[int] = field(init=False)

    @classmethod
    def parse(cls, text: str) -> _Source:
        yaml = YAML(typ="safe", pure=True)
        yaml.Scanner = _RecordingScanner
        events = list(yaml.parse(text))
        scanner = yaml.scanner
        line_starts = [0] + [match.end() for match in _BREAK_RE.finditer(text)]
        return cls(
            text,
            events,
            sorted(scanner.taken, key=lambda t: t.start_mark.index),
            sorted(scanner.comments),
            scanner.header_comments,
            scanner.block_indents,
            line_starts,
        )

    def __post_init__(self) -> None:
        self.significant = [t for t in self.tokens if t.end_mark.index > t.start_mark.index]
        self.significant_starts = [t.start_mark.index for t in self.significant]

    def next_token(self, index: int) -> Any:
        """The first token that starts at or after ``index``, if any."""
        position = bisect.bisect_left(self.significant_starts, index)
        return self.significant[position] if position < len(self.significant) else None

    def previous_token(self, index: int) -> Any:
        """The last token that starts before ``index``, if any."""
        position = bisect.bisect_left(self.significant_starts, index) - 1
        return self.significant[position] if position >= 0 else None

    def line_of(self, index: int) -> int:
        return bisect.bisect_right(self.line_starts, index) - 1

    def column_of(self, index: int) -> int:
        return index - self.line_starts[self.line_of(index)]

    def line_text(self, line: int) -> str:
        start = self.line_starts[line]
        end = self.line_starts[line + 1] - 1 if line + 1 < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    def comment_texts(self) -> Counter[str]:
        return Counter(self.text[start:end].rstrip() for start, end in self.comments)


# -- the tree ---------------------------------------------------------------------------------

# A line above or below an entry: a comment ("# ...") or a blank line ("").
Lines = list[str]


@dataclass(eq=False)
class _Comment:
    """A comment at the end of a line, with the spaces written before it."""

    text: str
    gap: int = 2


@dataclass(eq=False)
class _Node:
    start: int
    end: int
    props: str  # anchor and tag as written ("&a !!str"), or ""
    anchor: str | None
    owner: _Entry | None = field(default=None, repr=False)


@dataclass(eq=False)
class _Scalar(_Node):
    style: str | None = None  # None (plain), "'", '"', "|" or ">"
    value: str = ""
    token_start: int = 0  # the scalar itself, without its properties
    token_end: int = 0
    empty: bool = False  # an implicit empty value (``key:``)
    # Block scalars: the header's chomping indicator and the content lines.
    chomp: str = ""
    block_lines: list[str] = field(default_factory=list)
    block_breaks: list[str] = field(default_factory=list)  # between the lines
    header_comment: _Comment | None = None


@dataclass(eq=False)
class _Alias(_Node):
    name: str = ""
    target: _Node | None = None


@dataclass(eq=False)
class _Collection(_Node):
    flow: bool = False
    column: int = 0
    trailing: Lines = field(default_factory=list)
    to_block: bool = False  # a flow collection that holds comments

    @property
    def block(self) -> bool:
        return not self.flow or self.to_block

    def entries(self) -> list[_Entry]:
        raise NotImplementedError


@dataclass(eq=False)
class _Mapping(_Collection):
    pairs: list[_Pair] = field(default_factory=list)
    written: list[_Pair] = field(default_factory=list)  # the order in the input

    def entries(self) -> list[_Entry]:
        return list(self.pairs)


@dataclass(eq=False)
class _Sequence(_Collection):
    items: list[_Item] = field(default_factory=list)

    def entries(self) -> list[_Entry]:
        return list(self.items)


@dataclass(eq=False)
class _Entry:
    """A key-value pair or a sequence item, with the comments that travel with it."""

    parent: _Collection
    start: int
    value: _Node
    leading: Lines = field(default_factory=list)
    after: Lines = field(default_factory=list)
    head: _Comment | None = None  # after "key:" or "-" when the value starts below
    eol: _Comment | None = None  # after the value


@dataclass(eq=False)
class _Pair(_Entry):
    key: _Node | None = None
    colon: int = -1


@dataclass(eq=False)
class _Item(_Entry):
    dash: int = -1


@dataclass
class _Document:
    root: _Node | None
    directives: list[str]
    header: Lines = field(default_factory=list)
    footer: Lines = field(default_factory=list)
    root_eol: _Comment | None = None
    entries: list[_Entry] = field(default_factory=list)  # all of them, in input order
    nodes_by_end: dict[int, _Node] = field(default_factory=dict)
    pairs_by_colon: dict[int, _Pair] = field(default_factory=dict)
    items_by_dash: dict[int, _Item] = field(default_factory=dict)
    entries_by_comma: dict[int, _Entry] = field(default_factory=dict)
    content_spans: list[tuple[int, int]] = field(default_factory=list)
    flow_spans: list[_Collection] = field(default_factory=list)


# -- building the tree from events --------------------------------------------------------------


def _tag_of(event: Any) -> str | None:
    tag = getattr(event, "ctag", None)
    return None if tag is None else str(tag)


class _Builder:
    def __init__(self, source: _Source) -> None:
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
        self.anchors: dict[str, _Node] = {}

    def build(self) -> _Document:
        source = self.source
        directives = [
            source.text[t.start_mark.index : t.end_mark.index]
            for t in source.tokens
            if isinstance(t, DirectiveToken)
        ]
        self.document = _Document(None, directives)
        stack: list[tuple[_Collection, list[_Node]]] = []
        for event in source.events:
            if isinstance(event, ScalarEvent):
                self.attach(stack, self.scalar(event))
            elif isinstance(event, AliasEvent):
                alias = _Alias(
                    event.start_mark.index, event.end_mark.index, "", None, name=event.anchor
                )
                alias.target = self.anchors.get(event.anchor)
                self.document.nodes_by_end[alias.end] = alias
                self.attach(stack, alias)
            elif isinstance(event, MappingStartEvent | SequenceStartEvent):
                kind: type[_Collection] = (
                    _Mapping if isinstance(event, MappingStartEvent) else _Sequence
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
    def last_end(collection: _Collection) -> int:
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

    def scalar(self, event: Any) -> _Scalar:
        start, end = event.start_mark.index, event.end_mark.index
        position = bisect.bisect_left(self.scalar_starts, start)
        token = None
        if position < len(self.scalar_starts):
            candidate = self.scalar_tokens[self.scalar_starts[position]]
            if candidate.end_mark.index == end:
                token = candidate
        node = _Scalar(
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

    def block_scalar(self, node: _Scalar) -> None:
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
            node.header_comment = _Comment(text[start:end].rstrip(), max(1, start - header_end))
        if header_line + 1 >= len(self.source.line_starts):
            return
        body_start = self.source.line_starts[header_line + 1]
        body = text[body_start : node.token_end] if body_start < node.token_end else ""
        lines, breaks = _BREAK_RE.split(body), _BREAK_RE.findall(body)
        if body and body[-1] in _BREAKS:
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

    def attach(self, stack: list[tuple[_Collection, list[_Node]]], node: _Node) -> None:
        if not stack:
            self.document.root = node
            return
        collection, pending = stack[-1]
        entry: _Entry
        if isinstance(collection, _Mapping):
            if not pending:
                pending.append(node)
                return
            key = pending.pop()
            pair = _Pair(collection, key.start, node, key=key)
            pair.colon = _first_at(self.colons, key.end, node.start)
            if pair.colon >= 0:
                self.document.pairs_by_colon[pair.colon] = pair
            key.owner = pair
            collection.pairs.append(pair)
            collection.written.append(pair)
            entry = pair
        else:
            assert isinstance(collection, _Sequence)
            item = _Item(collection, node.start, node)
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


def _is_bare_empty(node: _Node) -> bool:
    return isinstance(node, _Scalar) and node.empty and not node.props


# -- where each comment goes ----------------------------------------------------------------------


def _attach_comments(document: _Document, source: _Source) -> None:
    _Attacher(document, source).run()


class _Attacher:
    """Give every comment and blank line of the input a place in the tree."""

    def __init__(self, document: _Document, source: _Source) -> None:
        self.document = document
        self.source = source
        self.entry_starts = [entry.start for entry in document.entries]
        self.spans = sorted(document.content_spans)
        self.floor_gap, self.floor = -1, 0

    def run(self) -> None:
        document, source = self.document, self.source
        comments = [
            (start, source.text[start:end].rstrip())
            for start, end in source.comments
            if start not in source.header_comments
        ]
        starts = [start for start, _ in comments]
        for flow in document.flow_spans:
            after = bisect.bisect_right(starts, flow.start)
            if flow.entries() and after < len(starts) and starts[after] < flow.end:
                flow.to_block = True
        placed: list[tuple[int, str, Lines | None]] = []  # full lines, with where they go
        for start, text in comments:
            before = source.text[start - source.column_of(start) : start]
            if before.strip(" \t") and self.place_end_of_line(start, text):
                continue
            placed.append((start, text, self.line_target(start, source.column_of(start))))
        placed.extend((start, "", None) for start in self.blank_lines())
        placed.sort(key=lambda found: found[0])
        for position, (start, text, target) in enumerate(placed):
            if target is None:  # a blank line goes with the comment after it, or the entry
                target = self.blank_target(start, placed[position + 1 :])
            if target is not None:
                target.append(text)
        self.split_header()

    # -- comments at the end of a line

    def place_end_of_line(self, start: int, text: str) -> bool:
        """Attach a comment that follows something on its line; False if it cannot be."""
        source, document = self.source, self.document
        token = source.previous_token(start)
        if token is None or (document.root is not None and start < document.root.start):
            return False
        gap = max(1, start - token.end_mark.index)
        with_props = False
        while isinstance(token, AnchorToken | TagToken):
            token, with_props = source.previous_token(token.start_mark.index), True
        entry: _Entry | None = None
        slot = "eol"
        if isinstance(token, ValueToken):
            entry, slot = document.pairs_by_colon.get(token.start_mark.index), "head"
        elif isinstance(token, BlockEntryToken):
            entry, slot = document.items_by_dash.get(token.start_mark.index), "head"
        elif with_props:
            return False
        elif isinstance(token, FlowEntryToken):
            entry = document.entries_by_comma.get(token.start_mark.index)
        elif isinstance(
            token, ScalarToken | AliasToken | FlowSequenceEndToken | FlowMappingEndToken
        ):
            node = document.nodes_by_end.get(token.end_mark.index)
            if node is None:
                return False
            if node is document.root:
                if document.root_eol is not None:
                    return False
                document.root_eol = _Comment(text, gap)
                return True
            entry = node.owner
            if isinstance(entry, _Pair) and node is entry.key:
                slot = "head"
        elif isinstance(token, DocumentStartToken | DirectiveToken | DocumentEndToken):
            return False
        if entry is None:
            return False
        if slot == "head" and entry.head is None:
            entry.head = _Comment(text, gap)
            return True
        if slot == "eol" and entry.eol is None:
            entry.eol = _Comment(text, gap)
            return True
        return False

    # -- comments on lines of their own, and blank lines

    def line_target(self, start: int, column: int) -> Lines:
        document = self.document
        root = document.root
        if root is None:
            return document.header
        if start < root.start and not _is_block_collection(root):
            return document.header
        position = bisect.bisect_right(self.entry_starts, start)
        following = document.entries[position] if position < len(document.entries) else None
        previous = document.entries[position - 1] if position > 0 else None
        # The blocks that end before this line, innermost first: a comment indented like
        # one of them stays at its end.
        closing: list[_Collection] = []
        if previous is not None:
            shared = set(map(id, _ancestors(following))) if following is not None else set()
            for collection in _ancestors(previous):
                if id(collection) in shared:
                    break
                closing.append(collection)
        # Comment lines keep their order: once one has closed a block, the next ones in
        # the same gap cannot go back into it.
        floor = self.floor if self.floor_gap == position else 0
        for rank in range(floor, len(closing)):
            collection = closing[rank]
            if collection.flow:
                fits = collection.to_block and collection.start < start < collection.end
            else:
                fits = collection.column <= column
            if fits:
                self.floor_gap, self.floor = position, rank
                return collection.trailing
        self.floor_gap, self.floor = position, len(closing)
        if following is None:
            return document.footer
        return _leading_of(following, document)

    def blank_target(self, start: int, later: list[tuple[int, str, Lines | None]]) -> Lines | None:
        position = bisect.bisect_right(self.entry_starts, start)
        following = self.document.entries[position] if position < len(self.entry_starts) else None
        for index, text, target in later:
            if following is not None and index > following.start:
                break
            if text:
                return target
        if following is None:
            return None
        return _leading_of(following, self.document)

    def blank_lines(self) -> Iterator[int]:
        """Where the blank lines between entries start (not those inside a text)."""
        source = self.source
        outermost: list[tuple[int, int]] = []  # flow collections, not nested in another
        for flow in sorted(self.document.flow_spans, key=lambda f: f.start):
            if not outermost or flow.start >= outermost[-1][1]:
                outermost.append((flow.start, flow.end))
        for line, line_start in enumerate(source.line_starts):
            if line_start >= len(source.text) or source.line_text(line).strip(" \t"):
                continue
            if not _within(line_start, self.spans) and not _within(line_start, outermost):
                yield line_start

    def split_header(self) -> None:
        """Comments above the first key up to the last blank line, and the schema line,
        are the file's header: they stay first whatever key comes first."""
        root = self.document.root
        if not _is_block_collection(root):
            return
        assert isinstance(root, _Collection)
        first = root.entries()[0]
        cut = 0
        for position, line in enumerate(first.leading):
            if not line or line.startswith(SCHEMA_COMMENT):
                cut = position + 1
        self.document.header.extend(first.leading[:cut])
        del first.leading[:cut]


def _within(index: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``index`` lies inside one of the sorted, disjoint ``spans``."""
    position = bisect.bisect_right(spans, (index, index)) - 1
    return position >= 0 and spans[position][0] < index < spans[position][1]


def _is_block_collection(node: _Node | None) -> bool:
    return isinstance(node, _Collection) and not node.flow and bool(node.entries())


def _ancestors(entry: _Entry) -> Iterator[_Collection]:
    """The collections that hold ``entry``, innermost first."""
    collection: _Collection | None = entry.parent
    while collection is not None:
        yield collection
        owner = collection.owner
        collection = owner.parent if owner is not None else None


def _leading_of(entry: _Entry, document: _Document) -> Lines:
    """Where comment lines above ``entry`` go: its own leading lines, or those of the
    entry holding its one-line flow collection, or the file's header."""
    while entry.parent.flow and not entry.parent.to_block:
        owner = entry.parent.owner
        if owner is None:
            return document.header
        entry = owner
    return entry.leading


# -- key order -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Shape:
    """What the model expects of a value: a mapping of a model, a list or a dict of..."""

    model: type[BaseModel] | None = None
    items: _Shape | None = None
    values: _Shape | None = None


def _shape_of(annotation: Any) -> _Shape:
    origin = get_origin(annotation)
    arguments = get_args(annotation)
    if origin is Annotated:
        return _shape_of(arguments[0])
    if origin is Union or origin is types.UnionType:
        shapes = [_shape_of(argument) for argument in arguments]
        return _Shape(
            next((s.model for s in shapes if s.model), None),
            next((s.items for s in shapes if s.items), None),
            next((s.values for s in shapes if s.values), None),
        )
    if origin in (list, tuple, set, frozenset) and arguments:
        return _Shape(items=_shape_of(arguments[0]))
    if origin is dict and len(arguments) == 2:
        return _Shape(values=_shape_of(arguments[1]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _Shape(model=annotation)
    return _Shape()


_FIELDS: dict[type[BaseModel], dict[str, tuple[int, _Shape]]] = {}


def _fields(model: type[BaseModel]) -> dict[str, tuple[int, _Shape]]:
    if model not in _FIELDS:
        _FIELDS[model] = {
            name: (rank, _shape_of(info.annotation))
            for rank, (name, info) in enumerate(model.model_fields.items())
        }
    return _FIELDS[model]


def _key_name(pair: _Pair) -> str | None:
    return pair.key.value if isinstance(pair.key, _Scalar) else None


def _order_keys(document: _Document, model: type[BaseModel]) -> None:
    root = document.root
    if root is None:
        return
    _sort(root, _Shape(model=model))
    # An alias must follow its anchor: where moving keys broke that, the mapping where
    # the two part ways keeps its written order.
    while (alias := _misplaced_alias(root)) is not None:
        mapping = _parting_mapping(alias, alias.target)
        if mapping is None or mapping.pairs == mapping.written:
            for node in _walk(root):
                if isinstance(node, _Mapping):
                    node.pairs = list(node.written)
            return
        mapping.pairs = list(mapping.written)


def _sort(node: _Node, shape: _Shape) -> None:
    if isinstance(node, _Mapping):
        fields = _fields(shape.model) if shape.model is not None else {}
        if fields:
            last = len(fields)

            def rank(pair: _Pair) -> int:
                name = _key_name(pair)
                if name == "<<":
                    return -1
                return fields[name][0] if name in fields else last

            node.pairs = sorted(node.written, key=rank)
        for pair in node.pairs:
            name = _key_name(pair)
            child = fields[name][1] if name in fields else None
            if shape.values is not None:
                child = shape.values
            if child is not None:
                _sort(pair.value, child)
    elif isinstance(node, _Sequence) and shape.items is not None:
        for item in node.items:
            _sort(item.value, shape.items)


def _walk(node: _Node) -> Iterator[_Node]:
    """``node`` and everything in it, in the order they are written out."""
    yield node
    if isinstance(node, _Mapping):
        for pair in node.pairs:
            if pair.key is not None:
                yield from _walk(pair.key)
            yield from _walk(pair.value)
    elif isinstance(node, _Sequence):
        for item in node.items:
            yield from _walk(item.value)


def _misplaced_alias(root: _Node) -> _Alias | None:
    """The first alias that no longer follows the anchor it refers to."""
    latest: dict[str, _Node] = {}
    for node in _walk(root):
        if isinstance(node, _Alias):
            if latest.get(node.name) is not node.target:
                return node
        elif node.anchor is not None:
            latest[node.anchor] = node
    return None


def _path(node: _Node) -> list[_Entry]:
    """The entries that lead from the root to ``node``."""
    path = []
    entry = node.owner
    while entry is not None:
        path.append(entry)
        entry = entry.parent.owner
    return path[::-1]


def _parting_mapping(one: _Node, other: _Node | None) -> _Mapping | None:
    """The mapping whose different keys hold ``one`` and ``other``."""
    if other is None:
        return None
    for mine, theirs in zip(_path(one), _path(other), strict=False):
        if mine is not theirs:
            parent = mine.parent
            return parent if isinstance(parent, _Mapping) and parent is theirs.parent else None
    return None


# -- writing --------------------------------------------------------------------------------------


class _Emitter:
    """Write the tree in the canonical layout."""

    def __init__(self, source: _Source) -> None:
        self.text = source.text
        self.out: list[str] = []
        self.comments: Counter[str] = Counter()  # every comment written, for the check
        self.blank_wanted = False
        # After a block scalar that keeps its final line breaks (``|+``), a blank line
        # would become part of its text.
        self.after_kept = False

    def put(self, line: str) -> None:
        if self.blank_wanted and self.out:
            self.out.append("")
        self.blank_wanted = self.after_kept = False
        self.out.append(line)

    def end_comment(self, comment: _Comment | None) -> str:
        if comment is None:
            return ""
        self.comments[comment.text] += 1
        return " " * comment.gap + comment.text

    def lines(self, lines: Lines, column: int) -> None:
        for line in lines:
            if line:
                self.comments[line] += 1
                self.put(" " * column + line)
            elif not self.after_kept:
                self.blank_wanted = True

    def document(self, document: _Document) -> str:
        self.lines(document.header, 0)
        for directive in document.directives:
            self.put(directive)
        if document.directives:
            self.put("---")
        root = document.root
        if isinstance(root, _Collection) and root.block and root.entries():
            if root.props:
                self.put(root.props)
            self.block(root, 0)
            if document.root_eol is not None:  # after a flow collection now in block style
                self.lines([document.root_eol.text], 0)
        elif root is not None and not _is_bare_empty(root):
            holder = _Item(_Sequence(0, 0, "", None), 0, root, eol=document.root_eol)
            self.value("", holder, 0)
        elif document.root_eol is not None:
            self.put(self.end_comment(document.root_eol).lstrip())
        self.lines(document.footer, 0)
        return "\n".join(self.out) + "\n" if self.out else ""

    def block(self, node: _Collection, column: int) -> None:
        if isinstance(node, _Mapping):
            for pair in node.pairs:
                self.pair(pair, column)
        else:
            assert isinstance(node, _Sequence)
            for item in node.items:
                self.item(item, column)
        self.lines(node.trailing, column)

    def pair(self, pair: _Pair, column: int, indent: str | None = None) -> None:
        """Write ``pair`` with its key at ``column``; ``indent`` replaces the spaces
        before the key (``- `` when the pair starts a mapping in a sequence)."""
        if indent is None:
            self.lines(pair.leading, column)
            indent = " " * column
        assert pair.key is not None
        self.value(indent + self.key(pair.key) + ":", pair, column)
        self.lines(pair.after, column)

    def item(self, item: _Item, column: int, indent: str | None = None) -> None:
        node = item.value
        if indent is None:
            indent = " " * column
            leading = item.leading
        else:
            leading = []
        compact = (
            isinstance(node, _Collection)
            and node.block
            and bool(node.entries())
            and not node.props
            and item.head is None
        )
        if not compact:
            self.lines(leading, column)
            self.value(indent + "-", item, column)
            self.lines(item.after, column)
            return
        assert isinstance(node, _Collection)
        entries = node.entries()
        # The comments above the first entry move above the dash.
        self.lines(leading + entries[0].leading, column)
        inner = column + INDENT
        if isinstance(node, _Mapping):
            self.pair(node.pairs[0], inner, indent + "- ")
            for pair in node.pairs[1:]:
                self.pair(pair, inner)
        else:
            assert isinstance(node, _Sequence)
            self.item(node.items[0], inner, indent + "- ")
            for other in node.items[1:]:
                self.item(other, inner)
        self.lines(node.trailing, inner)
        self.lines(([item.eol.text] if item.eol else []) + item.after, column)

    def value(self, prefix: str, entry: _Entry, column: int) -> None:
        """Write ``entry.value`` after ``prefix`` (``key:`` or ``-``); what it holds
        goes one level deeper than ``column``."""
        node = entry.value
        deeper = column + INDENT
        space = " " if prefix else ""
        head, eol = entry.head, entry.eol
        below: list[str] = []  # comments that cannot stay where they were
        if isinstance(node, _Collection) and node.block and node.entries():
            line = prefix + (space + node.props if node.props else "")
            self.put(line + self.end_comment(head))
            if eol is not None:
                below.append(eol.text)
            self.block(node, deeper)
        elif isinstance(node, _Scalar) and node.style in ("|", ">"):
            comment = node.header_comment
            if head is not None:
                if comment is None:
                    comment = head
                else:
                    below.append(head.text)
            if eol is not None:
                below.append(eol.text)
            header = (node.props + " " if node.props else "") + _block_header(node)
            self.put(prefix + space + header + self.end_comment(comment))
            self.block_text(node, deeper)
        elif isinstance(node, _Scalar) and node.empty:
            comments = [c for c in (head, eol) if c is not None]
            line = prefix + (space + node.props if node.props else "")
            self.put(line + (self.end_comment(comments[0]) if comments else ""))
            below.extend(c.text for c in comments[1:])
        else:
            parts = self.inline(node, deeper)
            if head is not None:
                self.put(prefix + self.end_comment(head))
                parts[0] = " " * deeper + parts[0]
            else:
                parts[0] = prefix + space + parts[0]
            parts[-1] += self.end_comment(eol)
            for part in parts:
                self.put(part)
        self.lines(below, column)

    def block_text(self, node: _Scalar, column: int) -> None:
        kept = _block_header(node).endswith("+")
        if node.block_lines:
            if self.blank_wanted and self.out:
                self.out.append("")
            self.blank_wanted = False
            lines = [" " * column + line if line else "" for line in node.block_lines]
            text = lines[0] + "".join(
                b + line for b, line in zip(node.block_breaks, lines[1:], strict=True)
            )
            self.out.extend(text.split("\n"))
        self.after_kept = kept

    def inline(self, node: _Node, column: int) -> list[str]:
        """A value written in line: the first line, then the following lines indented to
        ``column`` (only a scalar written over several lines has them)."""
        if not isinstance(node, _Scalar) or "\n" not in self.scalar_text(node):
            return [self.flow(node)]
        pieces = _BREAK_RE.split(self.scalar_text(node))
        separators = _BREAK_RE.findall(self.scalar_text(node))
        lines = [_trim_end(pieces[0], node.style)]
        for position, piece in enumerate(pieces[1:], start=1):
            piece = piece.lstrip(" \t")
            if position < len(pieces) - 1:
                piece = _trim_end(piece, node.style)
            lines.append(" " * column + piece if piece else "")
        out = [lines[0]]
        for separator, line in zip(separators, lines[1:], strict=True):
            if separator == "\n":
                out.append(line)
            else:
                out[-1] += separator + line
        if node.props:
            out[0] = node.props + " " + out[0]
        return out

    def scalar_text(self, node: _Scalar) -> str:
        return self.text[node.token_start : node.token_end]

    def flow(self, node: _Node) -> str:
        """``node`` on one line, as in a flow collection."""
        props = node.props + " " if node.props else ""
        if isinstance(node, _Alias):
            return "*" + node.name
        if isinstance(node, _Scalar):
            if node.empty:
                return node.props
            return props + self.one_line(node)
        if isinstance(node, _Sequence):
            return props + "[" + ", ".join(self.flow(item.value) for item in node.items) + "]"
        assert isinstance(node, _Mapping)
        pairs = []
        for pair in node.pairs:
            assert pair.key is not None
            key = self.key(pair.key)
            pairs.append(key if _is_bare_empty(pair.value) else f"{key}: {self.flow(pair.value)}")
        return props + "{" + ", ".join(pairs) + "}"

    def one_line(self, node: _Scalar) -> str:
        text = self.scalar_text(node)
        if not _BREAK_RE.search(text):
            return text
        value = node.value
        if node.style is None and not _BREAK_RE.search(value) and value == value.strip():
            return value
        if node.style == "'" and not _BREAK_RE.search(value) and value.isprintable():
            return "'" + value.replace("'", "''") + "'"
        return _double_quoted(value)

    def key(self, node: _Node) -> str:
        if isinstance(node, _Alias):
            return "*" + node.name + " "  # an anchor name may end with ':'
        if isinstance(node, _Scalar) and node.empty:
            return node.props + " " if node.props else ""
        return self.flow(node)


def _block_header(node: _Scalar) -> str:
    chomp = node.chomp
    if node.value and not node.value.endswith("\n"):
        chomp = "-"  # the text ended the file without a line break
    first = next((line for line in node.block_lines if line), "")
    digit = str(INDENT) if first.startswith(" ") else ""
    return (node.style or "|") + digit + chomp


def _trim_end(line: str, style: str | None) -> str:
    """``line`` without the trailing blanks that a line break folds away (in double
    quotes, an escaped blank is text and stays)."""
    trimmed = line.rstrip(" \t")
    if style == '"' and len(trimmed) < len(line):
        backslashes = len(trimmed) - len(trimmed.rstrip("\\"))
        if backslashes % 2:
            trimmed = line[: len(trimmed) + 1]
    return trimmed


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\0": "\\0"}


def _double_quoted(value: str) -> str:
    out = ['"']
    for character in value:
        code = ord(character)
        if character in _ESCAPES:
            out.append(_ESCAPES[character])
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        elif character in "\u2028\u2029\ufeff" or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(character)
    out.append('"')
    return "".join(out)


# -- the safety net -------------------------------------------------------------------------------


_BUG = "cjm fmt could not format this file without changing it"


def _check_unchanged(before: str, after: str, path: str) -> None:
    """Refuse a result that does not read back as the same data."""
    old, new = read_yaml(before, path), read_yaml(after, path)
    if new.diagnostics or not same_data(old.data, new.data):
        raise FormatError(f"{path}: {_BUG} (its data would change); please report this")


def same_data(a: Any, b: Any) -> bool:
    """Whether two loaded documents hold the same data, types included (``1`` is not
    ``1.0`` nor ``True``; key order does not matter)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return repr(a) == repr(b)
    return bool(a == b)
