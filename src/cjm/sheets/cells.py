"""Reading one edited cell back as a value of the map, or saying why it cannot be.

Each kind of field (:mod:`cjm.sheets.layout`) has its reading: a list cell is split into
its lines, an emotion must be a label of the scale, an id must be one the map knows, a
number must be a number. What does not fit raises :class:`CellError` with the message
the import shows at the cell.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any

from cjm.model.base import SLUG_MAX_LENGTH, SLUG_PATTERN
from cjm.sheets.layout import (
    ACTIVITIES,
    CHOICE,
    DATE,
    EMOTION,
    EMOTION_LABELS,
    LINES,
    NUMBER,
    REF,
    REFS,
    SCALE_WORDS,
    Field,
    activity_text,
    comparable,
)

DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMBER_PATTERN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


class CellError(Exception):
    """A cell whose value cannot be placed in the map."""


def cell_string(value: Any) -> str | None:
    """A cell as text (dates as YYYY-MM-DD, whole numbers without ``.0``), or None."""
    text = comparable(value)
    return text or None


def cell_lines(value: Any) -> list[str]:
    text = cell_string(value)
    return [line.strip() for line in text.split("\n") if line.strip()] if text else []


def parse(spec: Field, value: Any, choices: list[str] | None, old: Any) -> Any:
    """The map value of the cell ``value`` for ``spec``; None for an empty cell. ``old`` is
    the value it replaces (activities keep their owners)."""
    if spec.kind == EMOTION:
        return _emotion(value, old)
    if spec.kind == NUMBER:
        return _number(value)
    if spec.kind == DATE:
        return _date(value)
    if spec.kind in (LINES, REFS, ACTIVITIES):
        items = cell_lines(value)
        if spec.kind == REFS:
            for item in items:
                _known(item, choices, spec)
        if spec.kind == ACTIVITIES:
            return _activities(items, old if isinstance(old, list) else [])
        return items
    text = cell_string(value)
    if text is not None and spec.kind in (REF, CHOICE):
        _known(text, choices, spec)
    return text


def _known(item: str, choices: list[str] | None, spec: Field) -> None:
    if choices is None or item in choices:
        return
    shown = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "")
    what = spec.title.lower()
    if spec.kind == CHOICE:
        raise CellError(f"`{item}` is not a {what} of this map ({shown})")
    known = f"known: {shown}" if choices else "the map has none"
    raise CellError(f"unknown id `{item}` in {what} ({known})")


def _emotion(value: Any, old: Any) -> Any:
    text = cell_string(value)
    if text is None:
        return None
    score = _score(text)
    if score is None:
        raise CellError(
            f"`{text}` is not a label of the emotion scale; choose one of "
            + ", ".join(EMOTION_LABELS)
        )
    if isinstance(old, dict):
        return {**old, "score": score}
    return score


def _score(text: str) -> int | None:
    """The score of a label (``negative (-1)``), a word (``negative``) or a number."""
    lowered = " ".join(text.lower().split())
    for score, word in SCALE_WORDS.items():
        if lowered in (word, EMOTION_LABELS[2 - score]):
            return score
    if re.fullmatch(r"[+-]?[0-2]", lowered):
        return int(lowered)
    return None


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool):
        raise CellError(f"`{value}` is not a number")
    if isinstance(value, int | float):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    text = cell_string(value)
    if text is None:
        return None
    if not NUMBER_PATTERN.fullmatch(text):
        raise CellError(f"`{text}` is not a number; write it with digits and a point (41.5)")
    parsed = float(text)
    return (
        int(parsed)
        if parsed.is_integer() and "." not in text and "e" not in text.lower()
        else parsed
    )


def _date(value: Any) -> str | None:
    if isinstance(value, datetime.datetime | datetime.date):
        return comparable(value)
    text = cell_string(value)
    if text is None:
        return None
    if not DATE_PATTERN.fullmatch(text):
        raise CellError(f"`{text}` is not a date; write it as YYYY-MM-DD")
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        raise CellError(f"`{text}` is not a date of the calendar") from None
    return text


def _activities(lines: list[str], old: list[Any]) -> list[Any]:
    """Activities line by line: an unchanged line keeps its item as written (with its
    owner), a changed one keeps the owner and takes the new action."""
    result: list[Any] = []
    for index, line in enumerate(lines):
        before = old[index] if index < len(old) else None
        if before is not None and activity_text(before) == line:
            result.append(before)
        elif isinstance(before, dict):
            result.append({**before, "action": line})
        else:
            result.append(line)
    return result


def make_id(text: str, taken: set[str], fallback: str) -> str:
    """An id made of ``text`` (``Pays by card`` -> ``pays-by-card``), unique among
    ``taken``, which then holds it."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.replace("'", "")).strip("-")
    slug = slug[:SLUG_MAX_LENGTH].rstrip("-") or fallback
    candidate, count = slug, 1
    while candidate in taken:
        count += 1
        suffix = f"-{count}"
        candidate = slug[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
    assert re.fullmatch(SLUG_PATTERN, candidate)
    taken.add(candidate)
    return candidate
