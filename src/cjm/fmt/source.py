"""Reading: where the tokens and comments are, and the parser's events.

The text is scanned by libyaml (through ruamel.yaml.clib) when it is installed, and by
ruamel.yaml's pure-Python scanner otherwise or when libyaml refuses the text. Both hand
out the same tokens with the same positions. Only what the formatter asks about is kept,
in compact arrays: where each token that holds text starts and ends and what it is, and
the places of scalars, tags, dashes and colons. The events are not kept: they are read
again, one at a time, while the tree is built (:meth:`Source.events`).
"""

from __future__ import annotations

import bisect
from array import array
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import StreamEndEvent
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
    KeyToken,
    ScalarToken,
    TagToken,
    ValueToken,
)

from cjm.fmt.common import BREAK_RE, COMMENT_END

try:  # libyaml through ruamel.yaml.clib; the pure-Python scanner is the fallback
    from _ruamel_yaml import CParser
except ImportError:  # pragma: no cover - depends on the platform's wheels
    CParser = None

# What a token is, as the formatter tells them apart (one byte each in ``Source.kinds``).
OTHER, SCALAR, TAG, ANCHOR, ALIAS, VALUE, DASH, COMMA = 0, 1, 2, 3, 4, 5, 6, 7
SEQUENCE_END, MAPPING_END, DOCUMENT_START, DOCUMENT_END, DIRECTIVE = 8, 9, 10, 11, 12
KINDS: dict[type, int] = {
    ScalarToken: SCALAR,
    TagToken: TAG,
    AnchorToken: ANCHOR,
    AliasToken: ALIAS,
    ValueToken: VALUE,
    BlockEntryToken: DASH,
    FlowEntryToken: COMMA,
    FlowSequenceEndToken: SEQUENCE_END,
    FlowMappingEndToken: MAPPING_END,
    DocumentStartToken: DOCUMENT_START,
    DocumentEndToken: DOCUMENT_END,
    DirectiveToken: DIRECTIVE,
}


class _ExplicitKey(Exception):
    """libyaml met a `?` indicator: the text is scanned again by the pure scanner."""


class _RecordingScanner(Scanner):
    """ruamel.yaml's scanner, also keeping every token it hands out and every comment it
    skips (which the plain scanner throws away), with their positions."""

    def __init__(self, loader: Any = None) -> None:
        self.taken: list[Any] = []
        self.comments: list[tuple[int, int]] = []
        self.header_comments: set[int] = set()
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
                while peek() not in COMMENT_END:
                    forward()
                self.comments.append((start, self.reader.index))
            if self.scan_line_break():
                if not self.flow_level:
                    self.allow_simple_key = True
            else:
                return

    def scan_block_scalar_ignored_line(self, start_mark: Any) -> Any:
        before = self.reader.index
        comment = super().scan_block_scalar_ignored_line(start_mark)
        if comment is not None:
            start = before + len(comment) - len(comment.lstrip(" "))
            self.comments.append((start, before + len(comment)))
            self.header_comments.add(start)
        return comment


class Source:
    """The text with what the scanner saw in it."""

    __slots__ = (
        "_events",
        "colons",
        "comments",
        "dashes",
        "directives",
        "document_start_end",
        "ends",
        "fast",
        "header_comments",
        "kinds",
        "line_starts",
        "marked",
        "scalar_ends",
        "scalar_starts",
        "starts",
        "tag_ends",
        "tag_starts",
        "text",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = array("q", [0])
        self.line_starts.extend(match.end() for match in BREAK_RE.finditer(text))
        # The tokens that hold text (not the empty markers of keys, block starts and ends).
        self.kinds = bytearray()
        self.starts, self.ends = array("q"), array("q")
        self.scalar_starts, self.scalar_ends = array("q"), array("q")
        self.tag_starts, self.tag_ends = array("q"), array("q")
        self.dashes, self.colons = array("q"), array("q")
        self.directives: list[tuple[int, int]] = []
        self.document_start_end: int | None = None
        self.comments: list[tuple[int, int]] = []
        self.header_comments: set[int] = set()
        # Where the tokens just before a comment start and end (past anchors and tags).
        self.marked: set[int] = set()
        self.fast = False
        self._events: list[Any] | None = None

    @classmethod
    def parse(cls, text: str, *, fast: bool = True) -> Source:
        """Scan ``text`` (with libyaml if ``fast`` and it is there); raises ruamel.yaml's
        errors when it is not YAML."""
        source = cls(text)
        if fast and CParser is not None:
            try:
                source._scan_fast()
            except (YAMLError, _ExplicitKey):
                # libyaml refused it, or met a `?` that it may read otherwise than YAML
                # 1.2 does: the pure scanner reads it, or says why not.
                source = cls(text)
            else:
                return source
        source._scan_pure()
        return source

    # -- scanning

    def _add(self, token: Any) -> None:
        start, end = token.start_mark.index, token.end_mark.index
        if end <= start:
            return
        kind = KINDS.get(type(token), OTHER)
        self.kinds.append(kind)
        self.starts.append(start)
        self.ends.append(end)
        if kind == SCALAR:
            self.scalar_starts.append(start)
            self.scalar_ends.append(end)
        elif kind == TAG:
            self.tag_starts.append(start)
            self.tag_ends.append(end)
        elif kind == DASH:
            self.dashes.append(start)
        elif kind == VALUE:
            self.colons.append(start)
        elif kind == DIRECTIVE:
            self.directives.append((start, end))
        elif kind == DOCUMENT_START and self.document_start_end is None:
            self.document_start_end = end

    def _scan_fast(self) -> None:
        parser = CParser(self.text)
        add = self._add
        while (token := parser.get_token()) is not None:
            if type(token) is KeyToken and token.end_mark.index > token.start_mark.index:
                # libyaml scans YAML 1.1, where a `?` in a flow collection ends a plain
                # scalar (`[x?]` is `x`, then an explicit key); in 1.2 it is part of it.
                # Without a parser nothing here notices, so an explicit key (rare in a
                # map) is left to the pure scanner.
                raise _ExplicitKey
            add(token)
        self.fast = True
        self._find_comments()
        self._mark_comment_neighbours()

    def _scan_pure(self) -> None:
        yaml = YAML(typ="safe", pure=True)
        yaml.Scanner = _RecordingScanner
        self._events = list(yaml.parse(self.text))
        scanner = yaml.scanner
        for token in sorted(scanner.taken, key=lambda t: t.start_mark.index):
            self._add(token)
        self.comments = sorted(scanner.comments)
        self.header_comments = scanner.header_comments
        self._mark_comment_neighbours()

    def _mark_comment_neighbours(self) -> None:
        for start, _ in self.comments:
            token = self.previous_token(start)
            while token is not None:
                kind, token_start, token_end = token
                self.marked.update((token_start, token_end))
                if kind not in (ANCHOR, TAG):
                    break
                token = self.previous_token(token_start)

    def _find_comments(self) -> None:
        """Find the comments libyaml skipped: a ``#`` between tokens, or on the header
        line of a block scalar, up to the end of its line. As ruamel.yaml's scanner, leave
        out what follows a ``%`` directive on its line."""
        text, starts, ends, kinds = self.text, self.starts, self.ends, self.kinds
        position = text.find("#")
        while position >= 0:
            index = bisect.bisect_right(starts, position) - 1
            end = position + 1
            if index >= 0 and position < ends[index]:
                end = ends[index]
                if kinds[index] == SCALAR and text[starts[index]] in "|>":
                    end = self._header_comment(starts[index], position) or end
            elif not (
                index >= 0
                and kinds[index] == DIRECTIVE
                and self.line_of(starts[index]) == self.line_of(position)
            ):
                end = self._comment_end(position)
                self.comments.append((position, end))
            position = text.find("#", end)

    def _comment_end(self, start: int) -> int:
        text, end = self.text, start
        while end < len(text) and text[end] not in COMMENT_END:
            end += 1
        return end

    def _header_comment(self, token_start: int, position: int) -> int:
        """Record the comment at ``position`` if it is on the header line of the block
        scalar at ``token_start`` (after its indicators and spaces): where it ends, or 0."""
        text = self.text
        index = token_start + 1
        while index < len(text) and text[index] in "+-0123456789":
            index += 1
        while index < len(text) and text[index] == " ":
            index += 1
        if index != position:
            return 0
        end = self._comment_end(position)
        self.comments.append((position, end))
        self.header_comments.add(position)
        return end

    # -- reading

    def events(self) -> Iterator[Any]:
        """The parser's events, one at a time (not kept)."""
        if self._events is not None:
            yield from self._events
            return
        parser = CParser(self.text)
        while (event := parser.get_event()) is not None:
            yield event
            if isinstance(event, StreamEndEvent):
                return

    def token_at(self, index: int) -> tuple[int, int, int]:
        """The kind, start and end of the ``index``-th token that holds text."""
        return self.kinds[index], self.starts[index], self.ends[index]

    def next_token(self, index: int) -> tuple[int, int, int] | None:
        """The first token that starts at or after ``index``, if any."""
        position = bisect.bisect_left(self.starts, index)
        return self.token_at(position) if position < len(self.starts) else None

    def previous_token(self, index: int) -> tuple[int, int, int] | None:
        """The last token that starts before ``index``, if any."""
        position = bisect.bisect_left(self.starts, index) - 1
        return self.token_at(position) if position >= 0 else None

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
