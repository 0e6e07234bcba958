"""The visual vocabulary shared by every diagram: colours, fonts, marks and chips.

Colours carry meaning (emotion, severity, persona) but never alone: every coloured mark
also carries text (a score, a severity word, a persona's initials), so a diagram printed
in greyscale or read by a colour-blind person says the same thing. The palettes are
ColorBrewer's colour-blind-safe RdBu (emotion), Reds (severity) and Okabe-Ito (personas).
A reference that names nothing is drawn in PiYG's pink with a warning sign and words.
How text is measured, wrapped and shortened is :mod:`cjm.render.text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cjm.display import BIDI_CONTROLS
from cjm.render.text import FONT_SIZE as FONT_SIZE
from cjm.render.text import clean as clean
from cjm.render.text import escape as escape
from cjm.render.text import text_width as text_width

FONT = "Helvetica"
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

BROKEN_INK = "#c51b7d"  # a reference that names nothing: ColorBrewer PiYG, not a severity
STAGE_FONT = 11
SMALL = 9  # point size of owners, notes and other secondary text


def score_label(score: int) -> str:
    """``+2``, ``0``, ``\u22121``: a score as people read it (with a real minus sign)."""
    if score > 0:
        return f"+{score}"
    return str(score).replace("-", "\u2212")


def lines_html(lines: Iterable[str], align: str = "LEFT") -> str:
    """Escaped ``lines``, each ended by a line break aligned to ``align``."""
    br = f'<BR ALIGN="{align}"/>'
    return "".join(escape(line) + br for line in lines)


def initials(name: str, taken: set[str]) -> str:
    """One or two letters that stand for a persona, unique among ``taken``."""
    plain = BIDI_CONTROLS.sub("", name)  # initials are letters, not a control's code
    words = [w for w in re.split(r"[\s\-_]+", clean(plain)) if w]
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


def fixed_row(cells: list[tuple[str, int]], align: str = "LEFT", height: int = CHIP_HEIGHT) -> str:
    """Cells side by side in a table of exactly their total width, ``height`` points
    tall (plus spacing).

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
        f'FIXEDSIZE="TRUE" WIDTH="{total}" HEIGHT="{height + 2 * CHIP_SPACING}" '
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
