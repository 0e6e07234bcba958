"""Writing one value as YAML text: the old style when it still reads back, else safely.

A string is written plain only when cjm (YAML 1.2) reads it back as that string *and* a
YAML 1.1 reader would too (``yes``, ``0777``, ``1_000`` and ``2026-01-01`` get quotes),
unless it was plain before. Text with line breaks becomes a literal block (``|``, ``|-``
or ``|+``) where a block may stand, else a double-quoted string with escapes.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from typing import Any

from cjm.load.core_schema import resolve_plain
from cjm.quoting import double_quoted


class IsoDate(str):
    """A date of the new data, written as plain ``YYYY-MM-DD`` text (read back as text)."""

    __slots__ = ()


# Folded text is wrapped so that its lines end before this column.
WIDTH = 96


@dataclass(frozen=True)
class Block:
    """A block scalar: its header (``|``, ``|-``, ``|+``, ``>`` or ``>-``) and its content
    lines (for a folded one, its one line of text, wrapped when written)."""

    header: str
    lines: list[str]

    def content(self, indent: int) -> list[str]:
        if not self.header.startswith(">"):
            return self.lines
        return _wrap(self.lines[0], max(40, WIDTH - indent))

    def text(self, indent: int, newline: str, header_rest: str = "") -> str:
        """The header and the content lines, each line ended by ``newline``."""
        body = "".join(
            (" " * indent + line if line else "") + newline for line in self.content(indent)
        )
        return self.header + header_rest + newline + body


def _wrap(text: str, width: int) -> list[str]:
    """``text`` cut into lines at single spaces (which folding turns back into spaces)."""
    lines: list[str] = []
    start = 0
    while len(text) - start > width:
        cut = -1
        for at in range(start + width, start, -1):
            if (
                text[at] == " "
                and text[at - 1] != " "
                and at + 1 < len(text)
                and text[at + 1] != " "
            ):
                cut = at
                break
        if cut < 0:
            cut = next(
                (
                    at
                    for at in range(start + width + 1, len(text) - 1)
                    if text[at] == " " and text[at - 1] != " " and text[at + 1] != " "
                ),
                -1,
            )
            if cut < 0:
                break
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return lines


_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = set(",[]{}:")
_BREAKS = set("\r\n\x85\u2028\u2029")
# What a YAML 1.1 reader takes for something other than text.
_YAML11_WORDS = {
    word
    for base in ("y", "yes", "n", "no", "true", "false", "on", "off", "null")
    for word in (base, base.capitalize(), base.upper())
} | {"~", "=", "<<", ""}
_NUMBERISH = re.compile(r"[-+]?[0-9.][0-9a-zA-Z_:.+-]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_DATEISH = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?")


def plain_ok(text: str, *, flow: bool) -> bool:
    """Whether ``text`` written plain reads back as this very text under YAML 1.2."""
    if not text or text != text.strip() or not text.isprintable() or "\ufeff" in text:
        return False
    if text[0] in _INDICATORS or text.startswith("..."):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(character in _FLOW_INDICATORS for character in text):
        return False
    return type(resolve_plain(text)) is str


def typed_elsewhere(text: str) -> bool:
    """Whether a YAML 1.1 reader (or a person) would take the plain ``text`` for a value
    of another type: a boolean, null, a number or a date."""
    return text in _YAML11_WORDS or bool(_NUMBERISH.fullmatch(text) or _DATEISH.fullmatch(text))


def single_quoted(text: str) -> str | None:
    if not text.isprintable() or "\ufeff" in text:
        return None
    return "'" + text.replace("'", "''") + "'"


def literal_block(text: str) -> Block | None:
    """``text`` as a literal block scalar, or None when a block cannot hold it exactly."""
    if "\n" not in text or any(c in _BREAKS - {"\n"} for c in text):
        return None
    if not text.strip() or text[0] in " \t":
        return None
    if not all(character.isprintable() or character in "\n\t" for character in text):
        return None
    if "\ufeff" in text:
        return None
    if text.endswith("\n\n"):
        header, core = "|+", text[:-1]
    elif text.endswith("\n"):
        header, core = "|", text[:-1]
    else:
        header, core = "|-", text
    lines = core.split("\n")
    # A line of blanks only would lose its blanks; a tab cannot start a content line
    # that sets the indentation.
    if any(line and not line.strip(" \t") for line in lines):
        return None
    return Block(header, lines)


def folded_block(text: str) -> Block | None:
    """``text`` (one line, maybe with one final line break) as a folded block scalar."""
    core = text[:-1] if text.endswith("\n") else text
    if not core or "\n" in core or core != core.strip(" ") or not core.isprintable():
        return None
    if "\ufeff" in core:
        return None
    return Block(">" if text.endswith("\n") else ">-", [core])


def number_text(value: int | float) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return repr(value)


def scalar(
    value: Any,
    *,
    style: str | None = None,
    was_empty: bool = False,
    flow: bool = False,
    old_text: str = "",
) -> str | Block:
    """``value`` as a scalar; ``style`` is the style it had (None for plain, or for a new
    value: see ``was_empty``), ``old_text`` the text it held, ``flow`` whether it stands
    inside brackets. Plain text stays plain if it reads back, and unless it now looks
    like a value of another type to a YAML 1.1 reader when it did not before (a date
    stays a plain date, a name that becomes ``yes`` gets quotes)."""
    if value is None:
        return "null"
    if isinstance(value, dict | list) and not value:
        return "{}" if isinstance(value, dict) else "[]"
    if isinstance(value, bool | int | float):
        return number_text(value)
    if isinstance(value, IsoDate):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(type(value).__name__)
    text = value
    kept_plain = style is None and not was_empty
    if style in ("|", ">") and not flow:
        block = literal_block(text)
        if style == ">" and (block is None or "\n" not in text.rstrip("\n")):
            block = folded_block(text) or block
        if block is not None:
            return block
    still_plain = not typed_elsewhere(text) or typed_elsewhere(old_text)
    if kept_plain and still_plain and plain_ok(text, flow=flow):
        return text
    if style == "'":
        quoted = single_quoted(text)
        if quoted is not None:
            return quoted
    if style == '"':
        return double_quoted(text)
    if not flow:
        block = literal_block(text)
        if block is not None:
            return block
    if plain_ok(text, flow=flow) and not typed_elsewhere(text):
        return text
    return single_quoted(text) or double_quoted(text)


def key_text(key: str) -> str:
    """A mapping key, on one line."""
    if plain_ok(key, flow=True) and not typed_elsewhere(key):
        return key
    return single_quoted(key) or double_quoted(key)


def normalize(value: Any) -> Any:
    """``value`` with dates made :class:`IsoDate` text (a datetime at midnight is a
    date), tuples made lists; raises
    ``TypeError`` on a value YAML cannot hold as cjm reads it."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"key {key!r}")
            out[key] = normalize(item)
        return out
    if isinstance(value, list | tuple):
        return [normalize(item) for item in value]
    if isinstance(value, datetime.datetime):
        # A spreadsheet's date cell comes as a datetime at midnight: that is a date.
        if value.time() == datetime.time() and value.tzinfo is None:
            return IsoDate(value.date().isoformat())
        return IsoDate(value.isoformat())
    if isinstance(value, datetime.date):
        return IsoDate(value.isoformat())
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(type(value).__name__)


def same(a: Any, b: Any) -> bool:
    """Whether two plain data values are equal, types included (``1`` is not ``1.0`` nor
    ``True``; an :class:`IsoDate` is text); key order does not matter."""
    kind_a = str if isinstance(a, str) else type(a)
    kind_b = str if isinstance(b, str) else type(b)
    if kind_a is not kind_b:
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return repr(a) == repr(b)
    return bool(a == b)


def freeze(value: Any) -> Any:
    """A hashable stand-in for ``value`` that is equal exactly when :func:`same` is."""
    if isinstance(value, dict):
        return ("map", frozenset((k, freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("seq", tuple(freeze(v) for v in value))
    if isinstance(value, str):
        return ("str", str(value))
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)
