"""Text on slides: fitted to its box before it is written, never left to overflow.

A slide has no scroll bar and PowerPoint does not shrink text reliably, so every text is
wrapped here to the width of its box with the diagrams' generous width estimates
(:mod:`cjm.render.text`, never narrower than the text is drawn), written with explicit
line breaks, and cut with an ellipsis after the lines its box holds. What is cut is said
on the slide (``+3 more``) and written in full in the speaker notes.

Text is shown as the file says it: bidirectional controls are revealed (``⟨U+202E⟩``)
and control characters that XML cannot hold are dropped, as the diagrams drop them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cjm.render.text import ELLIPSIS, LINE_SPACING, clean, fit

EMU_PER_INCH = 914400
POINTS_PER_INCH = 72
# No text on a slide is smaller than this, whatever the map holds: what does not fit at
# this size is cut and counted, not shrunk.
MIN_FONT = 10
# Room inside a text box between its edge and the text, in inches, on every side.
INSET = 0.05
# The estimates are generous already; this keeps a line clear of the box's edge when a
# viewer draws the font a little wider than measured.
WIDTH_SLACK = 0.94


def lines_that_fit(height: float, size: float) -> int:
    """How many lines of text at font ``size`` a box ``height`` inches high holds."""
    room = (height - 2 * INSET) * POINTS_PER_INCH
    return max(0, int(room // (size * LINE_SPACING)))


def text_room(width: float) -> float:
    """The width in points a line of text may take in a box ``width`` inches wide."""
    return max(1.0, (width - 2 * INSET) * POINTS_PER_INCH * WIDTH_SLACK)


@dataclass(frozen=True)
class Shown:
    """A text as a box shows it: its lines, and whether it was cut short."""

    lines: tuple[str, ...]
    full: str
    cut: bool

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def fit_text(text: str, width: float, size: float, max_lines: int) -> Shown:
    """``text`` cleaned, wrapped to a box ``width`` inches wide in at most ``max_lines``
    lines (at least one), cut with an ellipsis when it needs more."""
    fitted = fit(text, text_room(width), size, max(1, max_lines))
    lines = fitted.lines or ("",)
    return Shown(tuple(lines), fitted.full, fitted.shortened)


def one_line(text: str, width: float, size: float) -> str:
    """``text`` on a single line of a box ``width`` inches wide, with an ellipsis when cut."""
    return fit_text(text, width, size, 1).lines[0]


def clip(text: str, limit: int) -> str:
    """``text`` cleaned and cut to ``limit`` characters, for a label in a chart."""
    cleaned = clean(text)
    if len(cleaned) <= limit:
        return cleaned
    return cleaned[: max(1, limit - 1)].rstrip() + ELLIPSIS


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a text box: its lines, drawn with one style."""

    lines: tuple[str, ...]
    size: float = MIN_FONT + 1
    bold: bool = False
    italic: bool = False
    color: str | None = None  # hex RGB, None for the default


@dataclass
class Column:
    """The paragraphs of a box, filled item by item until its lines run out."""

    width: float
    height: float
    paragraphs: list[Paragraph]
    left_out: int = 0  # items that did not fit (their count is the last paragraph)
    cut: bool = False  # some text was shortened

    @property
    def lines_used(self) -> int:
        return sum(len(p.lines) for p in self.paragraphs)


def fill_box(
    width: float,
    height: float,
    items: Sequence[str],
    size: float,
    *,
    lines_per_item: int = 3,
    heading: str | None = None,
    bold_first: bool = False,
    more: str = "more",
) -> Column:
    """As many of ``items`` as fit in a box ``width`` by ``height`` inches, each in at
    most ``lines_per_item`` lines; when some do not fit, the last line says how many
    (``+3 more``). ``heading`` (bold) comes first when there is room for it."""
    capacity = lines_that_fit(height, size)
    box = Column(width, height, [])
    if heading is not None and capacity > 0:
        shown = fit_text(heading, width, size, 1)
        box.paragraphs.append(Paragraph(shown.lines, size, bold=True))
        box.cut |= shown.cut
    placed = 0
    for index, item in enumerate(items):
        remaining = len(items) - index
        room = capacity - box.lines_used - (1 if remaining > 1 else 0)
        if room < 1:
            break
        shown = fit_text(item, width, size, min(lines_per_item, room))
        bold = bold_first and index == 0
        box.paragraphs.append(Paragraph(shown.lines, size, bold=bold))
        box.cut |= shown.cut
        placed += 1
    box.left_out = len(items) - placed
    if box.left_out and box.lines_used < capacity:
        box.paragraphs.append(Paragraph((f"+{box.left_out} {more}",), size, italic=True))
    return box


def xml_safe(text: str) -> str:
    """``text`` with what XML cannot hold dropped (control characters, lone surrogates);
    the loader refuses these in maps already, so this only guards against the unexpected."""
    return "".join(
        c
        for c in text
        if c in "\t\n" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd") or c > "\uffff"
    )


def notes_text(text: str) -> str:
    """A full text for the speaker notes: on its lines as written, bidirectional controls
    shown, nothing cut."""
    return xml_safe("\n".join(clean(line) for line in text.splitlines()) or clean(text))
