"""Right-to-left text among left-to-right text: the Unicode bidirectional algorithm (UAX #9)
for one line of text without explicit direction controls.

A diagram's text items are single lines, and the views remove direction controls (U+202A
to U+202E, U+2066 to U+2069) from them; what is left is the implicit part of the
algorithm: the paragraph's direction from its first strong character (rules P2, P3), weak
types (W1 to W7), neutrals (N1, N2), levels (I1, I2), trailing whitespace (L1) and the
order in which runs of one level are shown (L2).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

STRONG_RIGHT = {"R", "AL"}
NEUTRAL = {"B", "S", "WS", "ON", "BN"}
# What the explicit formatting characters count as here: nothing of their own.
EXPLICIT = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def bidi_class(character: str) -> str:
    kind = unicodedata.bidirectional(character) or "L"
    return "BN" if kind in EXPLICIT else kind


def base_level(text: str) -> int:
    """0 (left to right) or 1 (right to left): the direction of ``text``'s first strong
    character, left to right when it has none."""
    for character in text:
        kind = bidi_class(character)
        if kind == "L":
            return 0
        if kind in STRONG_RIGHT:
            return 1
    return 0


def _weak_types(types: list[str], start: str) -> None:
    """Rules W1 to W7, in place. ``start`` is the type before the text (sos)."""
    previous = start
    for i, kind in enumerate(types):  # W1: a mark takes the type before it.
        if kind == "NSM":
            types[i] = previous
        previous = types[i]
    last_strong = start
    for i, kind in enumerate(types):  # W2, W3: numbers after Arabic letters are Arabic.
        if kind in ("L", "R", "AL"):
            last_strong = kind
        if kind == "EN" and last_strong == "AL":
            types[i] = "AN"
        if kind == "AL":
            types[i] = "R"
    for i in range(1, len(types) - 1):  # W4: one separator between two numbers.
        before, kind, after = types[i - 1], types[i], types[i + 1]
        if kind == "ES" and before == after == "EN":
            types[i] = "EN"
        elif kind == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    i = 0
    while i < len(types):  # W5: terminators next to European numbers.
        if types[i] != "ET":
            i += 1
            continue
        end = i
        while end < len(types) and types[end] == "ET":
            end += 1
        if (i > 0 and types[i - 1] == "EN") or (end < len(types) and types[end] == "EN"):
            types[i:end] = ["EN"] * (end - i)
        i = end
    for i, kind in enumerate(types):  # W6: other separators and terminators are neutral.
        if kind in ("ES", "ET", "CS"):
            types[i] = "ON"
    last_strong = start
    for i, kind in enumerate(types):  # W7: European numbers after left-to-right text.
        if kind in ("L", "R"):
            last_strong = kind
        elif kind == "EN" and last_strong == "L":
            types[i] = "L"


def _direction(kind: str) -> str | None:
    """L or R for a strong type or a number (numbers count as R for neutrals), else None."""
    if kind == "L":
        return "L"
    if kind in ("R", "EN", "AN"):
        return "R"
    return None


def _neutral_types(types: list[str], start: str, base: str) -> None:
    """Rules N1 and N2, in place: neutrals between two of one direction take it, others
    the paragraph's direction."""
    i = 0
    while i < len(types):
        if types[i] not in NEUTRAL:
            i += 1
            continue
        end = i
        while end < len(types) and types[end] in NEUTRAL:
            end += 1
        before = _direction(types[i - 1]) if i > 0 else start
        after = _direction(types[end]) if end < len(types) else start
        types[i:end] = [before if before == after and before else base] * (end - i)
        i = end


def embedding_levels(text: str) -> tuple[int, list[int]]:
    """The paragraph level of ``text`` and the resolved level of each character: even
    is left to right, odd right to left."""
    base = base_level(text)
    start = "R" if base else "L"
    original = [bidi_class(character) for character in text]
    types = list(original)
    _weak_types(types, start)
    _neutral_types(types, start, start)
    levels = []
    for kind in types:
        if base % 2 == 0:
            levels.append(base + (1 if kind == "R" else 2 if kind in ("AN", "EN") else 0))
        else:
            levels.append(base + (1 if kind in ("L", "EN", "AN") else 0))
    # L1: whitespace at the end of the line goes back to the paragraph level.
    for i in range(len(text) - 1, -1, -1):
        if original[i] not in ("WS", "BN", "S", "B"):
            break
        levels[i] = base
    return base, levels


def visual_order(levels: Sequence[int]) -> list[int]:
    """The order in which items at ``levels`` are shown, left to right (rule L2): from the
    highest level down to the lowest odd one, every stretch at that level or higher is
    reversed. Items are characters, or runs of characters of one level."""
    order = list(range(len(levels)))
    if not levels:
        return order
    odd = [level for level in levels if level % 2]
    if not odd:
        return order
    for level in range(max(levels), min(odd) - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            end = i
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[i:end] = reversed(order[i:end])
            i = end
    return order
