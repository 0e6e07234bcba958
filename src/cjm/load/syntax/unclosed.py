"""Quotes and brackets: left open, closed with the wrong bracket, or holding a bad escape.

A quote or bracket that is never closed makes both parsers read on to the end of the file,
or to a line that cannot belong to the value, and complain there. The mistake is where it
was opened, so that is where these wordings point.
"""

from __future__ import annotations

import re

from cjm.load.syntax.layout import long_key
from cjm.load.syntax.stop import Stop, Wording, indentation, owner_column

_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{0,2}|u[0-9A-Fa-f]{0,4}|U[0-9A-Fa-f]{0,8}|.?)")

OPENED = {
    '"': "the double quote opened here",
    "'": "the single quote opened here",
    "[": "the list opened here with '['",
    "{": "the mapping opened here with '{'",
}
_NEVER_CLOSED_HINTS = {
    '"': 'close it with `"` on the same line, or use a block scalar `|` for text over '
    "several lines",
    "'": "close it with `'` on the same line, or use a block scalar `|` for text over "
    "several lines",
    "[": "close it with `]` on the same line, or write the list with one '- ' item per line",
    "{": "close it with `}` on the same line, or write the mapping with one 'key: value' per line",
}
_RUNS_ON_HINTS = {
    '"': 'close it with `"` on the same line; text that goes on over several lines must be '
    "indented under its key, or written as a block scalar `|`",
    "'": "close it with `'` on the same line; text that goes on over several lines must be "
    "indented under its key, or written as a block scalar `|`",
    "[": "close it with `]` on the same line; a list that goes on over several lines must be "
    "indented under its key, or written with one '- ' item per line",
    "{": "close it with `}` on the same line; a mapping that goes on over several lines must "
    "be indented under its key, or written with one 'key: value' per line",
}
_CLOSER = {"[": "]", "{": "}"}
# A line that starts an entry of a block mapping (a plain key and ':') or of a block list.
_ENTRY = re.compile(r" *(?:-(?: |$)|[^\s#'\"\[\]{},&*!|>%@`-][^#]*?:(?: |$))")


def runaway(lines: list[str], first: int, last: int, owner: int) -> int | None:
    """The first of lines ``first + 1`` to ``last`` (0-based) that looks like the next
    entry of a block mapping or list (``key:`` or ``- ``) and is not indented deeper than
    ``owner``: where a value opened on line ``first`` takes in what was meant to follow it."""
    for number in range(first + 1, min(last, len(lines) - 1) + 1):
        line = lines[number]
        if _ENTRY.match(line) and indentation(line) <= owner:
            return number
    return None


def runs_on(opener: str, into_line: int) -> tuple[str, str]:
    """Message and hint for a quote or bracket that is not closed on its line and takes
    in line ``into_line`` (1-based), which belongs to the next entry. YAML 1.2 wants the
    lines of such a value indented past its key (the YAML test suite's cases QB6E and
    9C9N), though both parsers let them through."""
    return (
        f"{OPENED[opener]} is not closed on its line: the text runs on into line {into_line}",
        _RUNS_ON_HINTS[opener],
    )


def never_closed_hint(opener: str) -> str:
    return _NEVER_CLOSED_HINTS.get(opener, _NEVER_CLOSED_HINTS['"'])


def quote(stop: Stop) -> Wording:
    """Inside quotes: the file (or the document) ends before the closing quote, or an
    escape is not valid."""
    if "end of stream" in stop.problem or "document" in stop.problem:
        opener = stop.opener()
        opener = opener if opener in OPENED else '"'
        return Wording(
            f"{OPENED[opener]} is never closed", stop.opened or stop.here, never_closed_hint(opener)
        )
    return _escape(stop)


def _escape(stop: Stop) -> Wording:
    text = stop.line_text()
    backslash = text.rfind("\\", 0, stop.column + 1)
    if backslash < 0:
        backslash = stop.column
    match = _ESCAPE.match(text, backslash)
    escape = match.group() if match else "\\"
    if escape[1:2] in ("x", "u", "U") and len(escape) > 2:
        hint = (
            "`\\x` takes 2 hexadecimal digits, `\\u` 4 and `\\U` 8, and they must name a "
            "Unicode character; or write the character itself"
        )
    else:
        hint = (
            "write `\\\\` for a backslash, or use single quotes, in which a backslash is "
            "just a backslash"
        )
    return Wording(
        f"'{escape}' is not a valid escape in double-quoted text", (stop.line, backslash), hint
    )


def brackets(stop: Stop) -> Wording:
    """Inside a list or mapping in brackets: never closed, closed with the wrong bracket,
    or items not separated by commas."""
    opener = stop.opener()
    if opener not in _CLOSER:
        opener = "[" if "sequence" in stop.context else "{"
    closer = _CLOSER[opener]
    kind = "list" if opener == "[" else "mapping"
    if stop.opened is not None and _never_closed(stop, *stop.opened):
        return Wording(f"{OPENED[opener]} is never closed", stop.opened, never_closed_hint(opener))
    if stop.char in ("]", "}") and stop.char != closer:
        line = (stop.opened or stop.here)[0]
        return Wording(
            f"'{stop.char}' cannot close the {kind} opened with '{opener}' on line {line + 1}",
            stop.here,
            "close a list with `]` and a mapping with `}`",
            related=stop.opened,
        )
    if stop.char == ":":
        too_long = long_key(stop)
        if too_long is not None:
            return too_long
        if kind == "list":
            return Wording(
                "unexpected ':' in a list written in brackets",
                stop.here,
                'quote an item that contains ": ", for example ["a: b"]',
            )
        return Wording(
            "expected ',' or '}' before this ':'",
            stop.here,
            "separate the entries with commas, {a: 1, b: 2}, and quote a value that contains ': '",
        )
    return Wording(
        f"expected ',' or '{closer}' here",
        stop.here,
        f"separate the items of a {kind} in brackets with commas, and quote an item that "
        "contains quotes, brackets or ': '",
    )


def _never_closed(stop: Stop, line: int, column: int) -> bool:
    """Whether the parser stopped inside a bracket at ``line``:``column`` because it was
    never closed: at the end of the file, or at a line that belongs to the next entry."""
    if "<stream end>" in stop.problem or stop.at_end():
        return True
    owner = owner_column(stop.line_text(line), column)
    return stop.line > line and runaway(stop.lines, line, stop.line, owner) is not None


def missing_value(stop: Stop) -> Wording:
    """A comma or closing bracket where a value should start."""
    char = stop.char
    if char == ",":
        return Wording(
            "a value is missing before this ','",
            stop.here,
            "remove the extra comma, or quote a value that starts with ','",
        )
    if char in ("]", "}"):
        return Wording(
            f"'{char}' closes nothing here",
            stop.here,
            f"remove it, or quote a value that starts with '{char}'",
        )
    return Wording(
        f"a value cannot start with '{char}' here" if char else "a value is missing here",
        stop.here,
        "quote the value",
    )
