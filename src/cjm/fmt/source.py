"""Reading: tokens, comments and events from ruamel.yaml's pure-Python parser."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scanner import Scanner

from cjm.fmt.common import BREAK_RE, COMMENT_END

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
                while peek() not in COMMENT_END:
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
class Source:
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
    def parse(cls, text: str) -> Source:
        yaml = YAML(typ="safe", pure=True)
        yaml.Scanner = _RecordingScanner
        events = list(yaml.parse(text))
        scanner = yaml.scanner
        line_starts = [0] + [match.end() for match in BREAK_RE.finditer(text)]
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
