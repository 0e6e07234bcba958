"""The visual vocabulary shared by every diagram: colours, fonts, text wrapping, escaping.

Colours carry meaning (emotion, severity, persona) but never alone: every coloured mark
also carries text (a score, a severity word, a persona's initials), so a diagram printed
in greyscale or read by a colour-blind person says the same thing. The palettes are
ColorBrewer's colour-blind-safe RdBu (emotion), Reds (severity) and Okabe-Ito (personas).
"""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from collections.abc import Iterable

FONT = "Helvetica"
FONT_SIZE = 11
LINE_COLOR = "#b8b8b8"
LANE_LABEL_FILL = "#eef1f5"
MUTED = "#555555"

# Emotion -2..+2 on a diverging red-blue scale; text colour that reads on each fill.
EMOTION_FILL = {-2: "#ca0020", -1: "#f4a582", 0: "#f7f7f7", 1: "#92c5de", 2: "#0571b0"}
EMOTION_TEXT = {-2: "white", -1: "black", 0: "black", 1: "black", 2: "white"}
EMOTION_WORD = {
    -2: "very negative",
    -1: "negative",
    0: "neutral",
    1: "positive",
    2: "very positive",
}

# Pain-point severity on a sequential scale, darker is worse.
SEVERITY_FILL = {"low": "#fee5d9", "medium": "#fcae91", "high": "#fb6a4a", "critical": "#a50f15"}
SEVERITY_TEXT = {"low": "black", "medium": "black", "high": "black", "critical": "white"}
# The same scale, dark enough to read as a mark on white.
SEVERITY_MARK = {"low": "#fc9272", "medium": "#fb6a4a", "high": "#de2d26", "critical": "#67000d"}

# Personas: Okabe-Ito colours, each with white or black initials on top.
PERSONA_FILL = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
PERSONA_TEXT = ("white", "black", "white", "black", "black", "white", "white")

# Stage header fills alternate so that neighbouring stages are told apart.
STAGE_FILL = ("#dfe7f2", "#e8e1f0")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def score_label(score: int) -> str:
    """``+2``, ``0``, ``\u22121``: a score as people read it (with a real minus sign)."""
    if score > 0:
        return f"+{score}"
    return str(score).replace("-", "\u2212")


def clean(text: str) -> str:
    """``text`` without control characters, on one line, words one space apart.

    Some control characters count as whitespace (U+0085, U+001C to U+001F) and separate
    words; the others go, and the spaces that were around them must not stay behind as
    text: a label of only such characters is empty, not a blank that Graphviz refuses to
    draw as an empty line."""
    return " ".join(_CONTROL.sub("", " ".join(text.split())).split())


def escape(text: str) -> str:
    """``text`` safe inside a Graphviz HTML-like label."""
    return html.escape(clean(text), quote=True)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters; long words are broken, never clipped."""
    cleaned = clean(text)
    if not cleaned:
        return []
    return textwrap.wrap(cleaned, width=width, break_long_words=True, break_on_hyphens=True)


def _char_width(character: str) -> float:
    """A generous estimate of a character's width in ems, for cell sizing."""
    if unicodedata.east_asian_width(character) in ("W", "F"):
        return 1.05
    if character == " ":
        return 0.3
    if character.isascii():
        return 0.62 if character.isupper() or character.isdigit() else 0.52
    return 0.7


def text_width(lines: Iterable[str], size: float = FONT_SIZE) -> int:
    """Estimated width in points of the widest of ``lines``."""
    return int(max((sum(_char_width(c) for c in line) for line in lines), default=0) * size) + 1


def lines_html(lines: list[str], align: str = "LEFT") -> str:
    """Escaped ``lines`` joined with line breaks aligned to ``align``."""
    br = f'<BR ALIGN="{align}"/>'
    return br.join(escape(line) for line in lines) + (br if lines else "")


def min_width(lines: list[str], size: float = FONT_SIZE) -> str:
    """A ``WIDTH`` attribute for a cell whose text Graphviz may under-measure.

    Graphviz measures text with built-in metrics that only know ASCII; characters beyond
    it are counted as narrow as a space. Such cells get a minimum width from our own,
    generous estimate so that the text is never clipped.
    """
    if all(line.isascii() for line in lines):
        return ""
    return f' WIDTH="{text_width(lines, size) + 12}"'


def initials(name: str, taken: set[str]) -> str:
    """One or two letters that stand for a persona, unique among ``taken``."""
    words = [w for w in re.split(r"[\s\-_]+", clean(name)) if w]
    candidates = []
    if words:
        candidates.append(words[0][0].upper())
        if len(words) > 1:
            candidates.append((words[0][0] + words[-1][0]).upper())
        candidates.append(words[0][:2].title())
    candidates.append(f"P{len(taken) + 1}")
    for candidate in candidates:
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    fallback = f"P{len(taken) + 1}"
    taken.add(fallback)
    return fallback


CHIP_SIZE = 9
CHIP_HEIGHT = 18
CHIP_SPACING = 2


def chip_width(text: str) -> int:
    return max(CHIP_HEIGHT + 2, text_width([text], CHIP_SIZE) + 10)


def fixed_row(cells: list[tuple[str, int]], align: str = "LEFT") -> str:
    """Cells side by side in a table of exactly their total width.

    Graphviz stretches a nested table across a wide cell, and its cells with it; giving
    the table its size keeps small things (chips, legend entries) small.
    """
    if not cells:
        return ""
    total = CHIP_SPACING + sum(width + CHIP_SPACING for _, width in cells)
    body = "".join(
        cell.replace("<TD", f'<TD WIDTH="{width}"', 1)
        if cell.startswith("<TD")
        else f'<TD WIDTH="{width}">{cell}</TD>'
        for cell, width in cells
    )
    return (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="{CHIP_SPACING}" CELLPADDING="1" '
        f'FIXEDSIZE="TRUE" WIDTH="{total}" HEIGHT="{CHIP_HEIGHT + 2 * CHIP_SPACING}" '
        f'ALIGN="{align}"><TR>{body}</TR></TABLE>'
    )


def chip_cell(text: str, fill: str, ink: str) -> tuple[str, int]:
    """A chip as a cell of :func:`fixed_row`, with its width."""
    return (
        f'<TD BGCOLOR="{fill}"><FONT COLOR="{ink}" POINT-SIZE="{CHIP_SIZE}">'
        f"<B>{escape(text)}</B></FONT></TD>",
        chip_width(text),
    )


def chips(items: list[tuple[str, str, str]], align: str = "LEFT") -> str:
    """Small coloured labels side by side: ``(text, fill, ink)`` each.

    Inside a :func:`fixed_row`, use :func:`chip_cell` instead: a chips table nested in a
    row of the same height would be taller than the row.
    """
    return fixed_row([chip_cell(text, fill, ink) for text, fill, ink in items], align)
