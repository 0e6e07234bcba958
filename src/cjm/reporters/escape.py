"""Escaping text for a terminal, apart from the reporters so that commands which only
print file names and messages (``cjm fmt``) need not import the lint rules."""

from __future__ import annotations

import re

# Characters that could drive a terminal or a log viewer (escape sequences), reorder what
# it shows (bidirectional overrides) or are not text at all. Tabs and line breaks are kept:
# each format has its own way of carrying them.
UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def neutralize(text: str) -> str:
    """``text`` with every unsafe character written as an escape (``\\x1b``)."""
    return UNSAFE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def printable(text: str) -> str:
    """``text`` with control characters, line breaks included, written as escapes."""
    return neutralize(text).replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")
