"""Where each comment goes: comment lines and end-of-line comments, attached to entries."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from cjm.fmt.source import (
    ALIAS,
    ANCHOR,
    COMMA,
    DASH,
    DIRECTIVE,
    DOCUMENT_END,
    DOCUMENT_START,
    MAPPING_END,
    SCALAR,
    SEQUENCE_END,
    TAG,
    VALUE,
    Source,
)
from cjm.fmt.tree import (
    Collection,
    Comment,
    Entry,
    Lines,
    Node,
    Pair,
    TreeDocument,
    leading_lines,
    trailing_lines,
)

# -- where each comment goes ----------------------------------------------------------------------


def attach_comments(document: TreeDocument, source: Source) -> None:
    _Attacher(document, source).run()


class _Attacher:
    """Give every comment and blank line of the input a place in the tree."""

    def __init__(self, document: TreeDocument, source: Source) -> None:
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
        kind, token_start, token_end = token
        gap = max(1, start - token_end)
        with_props = False
        while kind in (ANCHOR, TAG):
            token, with_props = source.previous_token(token_start), True
            if token is None:
                return False
            kind, token_start, token_end = token
        entry: Entry | None = None
        slot = "eol"
        if kind == VALUE:
            entry, slot = document.pairs_by_colon.get(token_start), "head"
        elif kind == DASH:
            entry, slot = document.items_by_dash.get(token_start), "head"
        elif with_props:
            return False
        elif kind == COMMA:
            entry = document.entries_by_comma.get(token_start)
        elif kind in (SCALAR, ALIAS, SEQUENCE_END, MAPPING_END):
            node = document.nodes_by_end.get(token_end)
            if node is None:
                return False
            if node is document.root:
                if document.root_eol is not None:
                    return False
                document.root_eol = Comment(text, gap)
                return True
            entry = node.owner
            if isinstance(entry, Pair) and node is entry.key:
                slot = "head"
        elif kind in (DOCUMENT_START, DIRECTIVE, DOCUMENT_END):
            return False
        if entry is None:
            return False
        if slot == "head" and entry.head is None:
            entry.head = Comment(text, gap)
            return True
        if slot == "eol" and entry.eol is None:
            entry.eol = Comment(text, gap)
            return True
        return False

    # -- comments on lines of their own, and blank lines

    def line_target(self, start: int, column: int) -> Lines:
        document = self.document
        root = document.root
        if start < document.body_start:
            return next(
                (d.leading for d in document.directives if d.start > start), document.prologue
            )
        if root is None:
            return document.header
        if start < root.start and not _is_block_collection(root):
            return document.header
        position = bisect.bisect_right(self.entry_starts, start)
        following = document.entries[position] if position < len(document.entries) else None
        previous = document.entries[position - 1] if position > 0 else None
        # The blocks that end before this line, innermost first: a comment indented like
        # one of them stays at its end.
        closing: list[Collection] = []
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
                return trailing_lines(collection)
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
        """The comments above the first key are the file's header (a schema line, a
        licence, a note on the whole file): they stay first whatever key comes first."""
        root = self.document.root
        if not _is_block_collection(root):
            return
        assert isinstance(root, Collection)
        first = root.entries()[0]
        self.document.header.extend(first.leading)
        first.leading = ()


def _within(index: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``index`` lies inside one of the sorted, disjoint ``spans``."""
    position = bisect.bisect_right(spans, (index, index)) - 1
    return position >= 0 and spans[position][0] < index < spans[position][1]


def _is_block_collection(node: Node | None) -> bool:
    return isinstance(node, Collection) and not node.flow and bool(node.entries())


def _ancestors(entry: Entry) -> Iterator[Collection]:
    """The collections that hold ``entry``, innermost first."""
    collection: Collection | None = entry.parent
    while collection is not None:
        yield collection
        owner = collection.owner
        collection = owner.parent if owner is not None else None


def _leading_of(entry: Entry, document: TreeDocument) -> Lines:
    """Where comment lines above ``entry`` go: its own leading lines, or those of the
    entry holding its one-line flow collection, or the file's header."""
    while entry.parent.flow and not entry.parent.to_block:
        owner = entry.parent.owner
        if owner is None:
            return document.header
        entry = owner
    return leading_lines(entry)
