"""Text in diagrams: cleaned, measured, wrapped to a width in points, shortened visibly.

Graphviz sizes a cell from its own estimate of the text's width: the Helvetica metrics for
ASCII, and for every other character the width of a space per UTF-8 byte (so Chinese or
Japanese counts as narrow as three spaces, far narrower than it is drawn). A cell whose
text Graphviz under-measures gets clipped; one whose text it over-measures widens its whole
column. So every text is measured here with an estimate that is never below either
Graphviz's or the drawn width, and wrapped to the room it has: a column keeps its width
whatever the text, and what is drawn fits.

Text that would take more lines than its place allows is cut with an ellipsis, and a note
says how much is left out (``(+4,210 characters)``): shortened, never silently clipped.
The full text stays in the SVG as a tooltip (see :mod:`cjm.render.cell`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from cjm.display import reveal_bidi_controls

FONT_SIZE = 11
LINE_SPACING = 1.2  # a line of text takes its font size times this, in points
ELLIPSIS = "\u2026"

# Width in ems of each printable ASCII character from the space (32) to the tilde (126): the
# larger of Helvetica and Helvetica-Bold as Graphviz measures them, so that bold text fits.
_ASCII_WIDTHS = """
0.278 0.333 0.474 0.556 0.556 0.889 0.722 0.238 0.333 0.333 0.389 0.584 0.278 0.333 0.278
0.278 0.556 0.556 0.556 0.556 0.556 0.556 0.556 0.556 0.556 0.556 0.333 0.333 0.584 0.584
0.584 0.611 1.015 0.722 0.722 0.722 0.722 0.667 0.611 0.778 0.722 0.278 0.556 0.722 0.611
0.833 0.722 0.778 0.667 0.778 0.722 0.667 0.611 0.722 0.667 0.944 0.667 0.667 0.611 0.333
0.278 0.333 0.584 0.556 0.333 0.556 0.611 0.556 0.611 0.556 0.333 0.611 0.611 0.278 0.278
0.556 0.278 0.889 0.611 0.611 0.611 0.611 0.389 0.556 0.333 0.611 0.556 0.778 0.556 0.556
0.5 0.389 0.28 0.389 0.584
"""
_ASCII_EM = dict(zip(map(chr, range(32, 127)), map(float, _ASCII_WIDTHS.split()), strict=True))
_SPACE_EM = 0.28  # what Graphviz counts for each byte of a character beyond ASCII
_WIDE_EM = 1.05  # a Chinese, Japanese or Korean character, or an emoji, as drawn
_OTHER_EM = 0.7  # any other character beyond ASCII, as drawn (generously)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Where a word too long for a line is best broken: after one of these.
_BREAK_AFTER = frozenset("-/_.,;:|+")


def clean(text: str) -> str:
    """``text`` without control characters, on one line, words one space apart.

    Some control characters count as whitespace (U+0085, U+001C to U+001F) and separate
    words; the others go, and the spaces that were around them must not stay behind as
    text: a label of only such characters is empty, not a blank that Graphviz refuses to
    draw as an empty line. Bidirectional controls are not dropped but shown
    (``⟨U+202E⟩``), so that a diagram says what the file says."""
    joined = " ".join(_CONTROL.sub("", " ".join(text.split())).split())
    return reveal_bidi_controls(joined)


def escape(text: str) -> str:
    """``text`` cleaned and safe inside a Graphviz HTML-like label."""
    return html.escape(clean(text), quote=True)


@lru_cache(maxsize=4096)
def char_em(character: str) -> float:
    """A character's width in ems, never below what Graphviz or the drawing make of it."""
    if character.isascii():
        return _ASCII_EM.get(character, _ASCII_EM["W"])
    counted = len(character.encode("utf-8")) * _SPACE_EM
    if unicodedata.east_asian_width(character) in ("W", "F"):
        return max(counted, _WIDE_EM)
    return max(counted, _OTHER_EM)


def measure(text: str, size: float = FONT_SIZE) -> float:
    """The width of ``text`` in points at font ``size``."""
    return sum(char_em(c) for c in text) * size


def text_width(lines: Iterable[str], size: float = FONT_SIZE) -> int:
    """Estimated width in points of the widest of ``lines``, rounded up."""
    return int(max((measure(line, size) for line in lines), default=0)) + 1


def line_height(size: float = FONT_SIZE) -> float:
    """The height of one line of text at font ``size``, in points."""
    return size * LINE_SPACING


def _spans(text: str, width: float, size: float) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` (cleaned) wrapped to ``width`` points.

    Lines break between words; a word too long for a line of its own is broken inside,
    after a hyphen, slash or other punctuation where there is one in the second half of
    the line, else after the last character that fits."""
    room = width / size + 1e-9  # in ems (a text exactly as wide as the room fits)
    start = 0
    used = 0.0  # ems of text[start:end]
    end = 0
    position = 0
    for word in text.split(" "):
        word_start = position
        position += len(word) + 1
        word_em = sum(char_em(c) for c in word)
        gap = char_em(" ") if end > start else 0.0
        if used + gap + word_em <= room:
            used += gap + word_em
            end = word_start + len(word)
            continue
        if end > start and (word_em <= room or room - used - gap < room / 3):
            yield start, end  # the word starts a new line
            start, used, end = word_start, 0.0, word_start
            gap = 0.0
            if word_em <= room:
                used, end = word_em, word_start + len(word)
                continue
        # The word does not fit on one line: break it into pieces.
        if end > start:
            used += gap
        else:
            start = word_start
        index = word_start
        piece_start = index
        while index < word_start + len(word):
            em = char_em(text[index])
            if used + em <= room or index == piece_start:
                used += em
                index += 1
                continue
            cut = index
            for back in range(index - 1, piece_start + (index - piece_start) // 2, -1):
                if text[back] in _BREAK_AFTER:
                    cut = back + 1
                    break
            yield start, cut
            start = piece_start = cut
            index = cut
            used = 0.0
        end = word_start + len(word)
    if end > start:
        yield start, end


def wrap(text: str, width: float, size: float = FONT_SIZE) -> list[str]:
    """``text`` cleaned and wrapped into lines no wider than ``width`` points."""
    cleaned = clean(text)
    return [cleaned[a:b] for a, b in _spans(cleaned, width, size)]


@dataclass(frozen=True)
class Fitted:
    """A text wrapped into the lines its place allows.

    ``hidden`` counts the characters left out when the text was too long; the last line
    then ends with an ellipsis and :attr:`note` says how much is missing."""

    lines: tuple[str, ...]
    full: str
    hidden: int = 0

    @property
    def shortened(self) -> bool:
        return self.hidden > 0

    @property
    def note(self) -> str | None:
        if not self.hidden:
            return None
        noun = "character" if self.hidden == 1 else "characters"
        return f"(+{self.hidden:,} {noun})"


def fit(text: str, width: float, size: float = FONT_SIZE, max_lines: int = 4) -> Fitted:
    """``text`` wrapped to ``width`` points, in at most ``max_lines`` lines (at least
    one): cut with an ellipsis when it needs more."""
    full = clean(text)
    max_lines = max(1, max_lines)
    spans = list(islice(_spans(full, width, size), max_lines + 1))
    if len(spans) <= max_lines:
        return Fitted(tuple(full[a:b] for a, b in spans), full)
    lines = [full[a:b] for a, b in spans[:max_lines]]
    start, end = spans[max_lines - 1]
    room = width - measure(ELLIPSIS, size)
    while end > start and measure(full[start:end], size) > room:
        end -= 1
    lines[-1] = full[start:end].rstrip() + ELLIPSIS
    return Fitted(tuple(lines), full, len(full) - end)


def clip(text: str, limit: int) -> str:
    """``text`` cleaned and cut to ``limit`` characters with an ellipsis, for a name
    inside a sentence (the sentence's cell keeps the full text in its tooltip)."""
    cleaned = clean(text)
    if len(cleaned) <= limit:
        return cleaned
    return cleaned[: max(1, limit - 1)].rstrip() + ELLIPSIS
