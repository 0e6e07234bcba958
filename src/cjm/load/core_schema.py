"""What a YAML scalar means under the YAML 1.2 core schema, and nothing more.

The core schema (YAML 1.2.2, section 10.3.2) knows five kinds of value: null, booleans,
integers, floats and text. A plain (unquoted) scalar is one of the first four only when its
whole text matches that kind's form; everything else is text. So ``yes``, ``on``, ``1_000``,
``0b101``, ``=`` and ``2026-10-01`` are text here, as they are to editors and to the JSON
Schema checks run on the same file, and the fields that hold dates read them from text
(``CalendarDate`` in :mod:`cjm.model.base`).

The merge key ``<<`` is the one addition: maps may use it to share mappings.

ruamel.yaml's resolver is not used: it still follows YAML 1.1 in places (timestamps,
binary and underscored numbers, ``=``).
"""

from __future__ import annotations

import re
from typing import Any

CORE = "tag:yaml.org,2002:"
STR, NULL, BOOL, INT, FLOAT = (CORE + name for name in ("str", "null", "bool", "int", "float"))
MERGE = CORE + "merge"
SCALAR_TAGS = frozenset({STR, NULL, BOOL, INT, FLOAT})


class MergeKey:
    """The ``<<`` key: its value's mappings are merged into the mapping that holds it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<<"


MERGE_KEY = MergeKey()

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_DECIMAL = re.compile(r"[-+]?[0-9]+")
_OCTAL = re.compile(r"0o[0-7]+")
_HEXADECIMAL = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INFINITY = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NOT_A_NUMBER = re.compile(r"\.(?:nan|NaN|NAN)")

# Every non-text form above starts with one of these characters (or is empty): a plain
# scalar starting with anything else is text without further checks. A test checks this.
NON_TEXT_START = frozenset("~nNtTfF0123456789+-.<")


class NotOfTag(ValueError):
    """The text is not a value of the tag it was given (``!!int twelve``)."""


def _integer(text: str) -> int | None:
    if _DECIMAL.fullmatch(text):
        return int(text)
    if _OCTAL.fullmatch(text):
        return int(text[2:], 8)
    if _HEXADECIMAL.fullmatch(text):
        return int(text[2:], 16)
    return None


def _float(text: str) -> float | None:
    if _FLOAT.fullmatch(text):
        return float(text)
    if _INFINITY.fullmatch(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NOT_A_NUMBER.fullmatch(text):
        return float("nan")
    return None


def resolve_plain(text: str) -> Any:
    """The value of a plain scalar without a tag: null, a boolean, a number, the merge key,
    or the text itself.

    A whole number too long for Python to convert (over 4,300 digits) stays text.
    """
    if text and text[0] not in NON_TEXT_START:
        return text
    if text in _NULLS:
        return None
    boolean = _BOOLS.get(text)
    if boolean is not None:
        return boolean
    if text == "<<":
        return MERGE_KEY
    try:
        integer = _integer(text)
    except ValueError:
        return text
    if integer is not None:
        return integer
    number = _float(text)
    return text if number is None else number


def construct_tagged(text: str, tag: str) -> Any:
    """The value of a scalar with an explicit core tag (``!!int 3``); ``tag`` is one of
    :data:`SCALAR_TAGS`. Raises :class:`NotOfTag` when the text has no such value."""
    if tag == STR:
        return text
    if tag == NULL and text in _NULLS:
        return None
    if tag == BOOL and text in _BOOLS:
        return _BOOLS[text]
    if tag == INT:
        try:
            integer = _integer(text)
        except ValueError:
            integer = None
        if integer is not None:
            return integer
    if tag == FLOAT:
        number = _float(text)
        if number is not None:
            return number
    raise NotOfTag(text)
