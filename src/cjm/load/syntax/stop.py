"""Where a parser stopped, and the text around it: what every wording reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruamel.yaml.error import MarkedYAMLError

# What both parsers count as a line break.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Indentation, then the "- " of list items that start on the line.
_LINE_START = re.compile(r"( *)((?:-[ \t]+)*)")


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as the parsers number them."""
    return _BREAK.split(text)


def char_at(lines: list[str], line: int, column: int) -> str:
    """The character at a 0-based position, or "" past the end of the line or text."""
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def indentation(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def content_column(line: str) -> int:
    """Where the line's first key or value starts, past indentation and list dashes."""
    match = _LINE_START.match(line)
    return match.end() if match else 0


def owner_column(line: str, column: int) -> int:
    """The column of the key or list dash that owns a value starting at ``column`` of
    ``line``; the value's continuation lines must be indented deeper. -1 when the value
    starts its line, with nothing before it to own it."""
    match = _LINE_START.match(line)
    assert match is not None  # the pattern matches any text
    if column > match.end():
        return match.end()
    dashes = match.group(2)
    if not dashes:
        return -1
    return len(match.group(1)) + dashes.rstrip(" \t").rfind("-")


_PROPERTIES = re.compile(r"(?:[&!]\S*[ \t]*)+")


def after_properties(lines: list[str], line: int, column: int) -> tuple[int, int]:
    """Where a collection whose anchor or tag starts at ``line``:``column`` (0-based) really
    starts: after them on that line, or, when only a comment follows them, at the first
    line below that holds more than that (a block collection's keys or dashes)."""
    text = lines[line] if line < len(lines) else ""
    found = _PROPERTIES.match(text, column)
    rest = found.end() if found else column
    if text[rest:].strip() and not text[rest:].lstrip().startswith("#"):
        return line, rest
    for number in range(line + 1, len(lines)):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number, indentation(lines[number])
    return line, column


def value_from(line: str, column: int) -> str:
    """The value that starts at ``column``: up to a comment or the end of the line."""
    rest = line[column:]
    comment = re.search(r"[ \t]#", rest)
    return (rest[: comment.start()] if comment else rest).rstrip()


def quoted(value: str) -> str:
    """``value`` written in double quotes, to show in a hint."""
    value = value if len(value) <= 40 else value[:39] + "…"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class Wording:
    """What to tell the author: the message, where (0-based line and column), a hint, and
    another place worth seeing."""

    message: str
    where: tuple[int, int]
    hint: str | None = None
    related: tuple[int, int] | None = None


class Stop:
    """Where and why a parser stopped: its message (``problem``), what it was doing
    (``context``) and where that began (``opened``), with the text around it."""

    def __init__(self, text: str, error: MarkedYAMLError) -> None:
        self.lines = split_lines(text)
        self.problem = (error.problem or "").strip()
        self.context = (error.context or "").strip()
        mark = error.problem_mark or error.context_mark
        self.line: int = mark.line if mark is not None else 0
        self.column: int = mark.column if mark is not None else 0
        opened = error.context_mark
        self.opened: tuple[int, int] | None = (
            (opened.line, opened.column) if opened is not None else None
        )

    @property
    def char(self) -> str:
        return char_at(self.lines, self.line, self.column)

    @property
    def here(self) -> tuple[int, int]:
        return (self.line, self.column)

    def opener(self) -> str:
        """The character where what the parser was reading began (a quote, a bracket)."""
        return char_at(self.lines, *self.opened) if self.opened else ""

    def at_end(self) -> bool:
        """Whether nothing but blank lines and comments follows the place it stopped."""
        rest = [self.lines[self.line][self.column :]] if self.line < len(self.lines) else []
        rest += self.lines[self.line + 1 :]
        return all(not line.strip() or line.lstrip().startswith("#") for line in rest)

    def line_text(self, line: int | None = None) -> str:
        number = self.line if line is None else line
        return self.lines[number] if number < len(self.lines) else ""

    def previous_line(self, before: int) -> int | None:
        """The last line before ``before`` that holds more than blanks or a comment."""
        for number in range(min(before, len(self.lines)) - 1, -1, -1):
            stripped = self.lines[number].strip()
            if stripped and not stripped.startswith("#"):
                return number
        return None

    def key_before(self, line: int, column: int) -> str:
        """The key that ends with the ':' at ``column`` (after a '[', '{', ',' or the
        start of the line)."""
        text = self.line_text(line)[:column]
        start = max(text.rfind(c) for c in "[{,") + 1
        return text[max(start, content_column(text)) :].strip()
