"""One cell of a diagram's grid, filled with text that fits it.

A :class:`Cell` has a fixed width and a height budget. Each text added to it is wrapped
to the width and given at most the lines its kind allows and the budget has left; what
does not fit is shortened with an ellipsis and a note, and items that find no room at all
are counted (``+3 more thoughts``). Whatever was shortened or left out goes into the
cell's tooltip in full: Graphviz writes a cell's ``TOOLTIP`` into SVG as the title of a
link (``xlink:title``), which browsers show on hover, so the SVG keeps every word.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from cjm.render.context import Named
from cjm.render.style import BROKEN_INK, MUTED, SMALL, escape, lines_html
from cjm.render.text import FONT_SIZE, Fitted, clean, fit, line_height, measure

PADDING = 6  # CELLPADDING of the grid tables
BORDER = 1
NOTE_SIZE = 8  # the "(+120 characters)" and "+2 more" notes


def tooltip(texts: list[str]) -> str:
    """A ``TOOLTIP`` attribute listing ``texts`` one per line, or nothing.

    Graphviz reads escapes in tooltips (``\\N`` is the node's name), so each backslash is
    written twice to stay a backslash."""
    if not texts:
        return ""
    value = "&#10;".join(escape(text) for text in texts).replace("\\", "\\\\")
    return f' TOOLTIP="{value}"'


@dataclass
class Cell:
    """The markup of a cell within ``width`` points of text and ``budget`` points of
    height, and the full texts of what had to be shortened or left out."""

    width: float
    budget: float = 1_000_000.0
    markup: str = ""
    used: float = 0.0
    hidden: list[str] = field(default_factory=list)

    def room(self, size: float = FONT_SIZE) -> int:
        """How many more lines at ``size`` the budget allows."""
        return int((self.budget - self.used) // line_height(size))

    def has_room(self, size: float = FONT_SIZE, lines: int = 1) -> bool:
        return self.room(size) >= lines

    def raw(self, markup: str, size: float = FONT_SIZE) -> None:
        """One line of ready-made ``markup`` (ending with a line break)."""
        self.markup += markup
        self.used += line_height(size)

    def add(
        self,
        text: str | None,
        *,
        size: float = FONT_SIZE,
        max_lines: int = 4,
        bold: bool = False,
        italic: bool = False,
        ink: str | None = None,
        width: float | None = None,
        whole: str | None = None,
    ) -> Fitted | None:
        """``text`` wrapped, in at most ``max_lines`` lines (fewer when the budget runs
        out), in the given type; its full text goes to the tooltip when it is cut.
        ``whole`` is the text before names in it were clipped: the tooltip has that."""
        if not text:
            return None
        lines = min(max_lines, max(1, self.room(size)))
        fitted = fit(text, width if width is not None else self.width, size, lines)
        if not fitted.lines:
            return fitted
        body = lines_html(fitted.lines)
        if bold:
            body = f"<B>{body}</B>"
        if italic:
            body = f"<I>{body}</I>"
        attributes = (f' COLOR="{ink}"' if ink else "") + (
            f' POINT-SIZE="{size:g}"' if size != FONT_SIZE else ""
        )
        if attributes:
            body = f"<FONT{attributes}>{body}</FONT>"
        self.markup += body
        self.used += len(fitted.lines) * line_height(size)
        if fitted.shortened:
            self.note(fitted.note or "")
        if fitted.shortened or (whole is not None and clean(whole) != fitted.full):
            self.hidden.append(whole if whole is not None else fitted.full)
        return fitted

    def named(self, named: Named | None, *, size: float = SMALL, prefix: str = "") -> None:
        """A reference in small muted type, or, when it names nothing, marked as broken."""
        if named is None:
            return
        ink = BROKEN_INK if named.broken else MUTED
        self.add(prefix + named.shown, size=size, max_lines=2, ink=ink)

    def note(self, text: str) -> None:
        """A small muted note on a line of its own."""
        self.raw(
            f'<FONT COLOR="{MUTED}" POINT-SIZE="{NOTE_SIZE}">{html.escape(text)}</FONT>'
            '<BR ALIGN="LEFT"/>',
            NOTE_SIZE,
        )

    def more(self, texts: list[str], one: str, many: str) -> None:
        """``+3 more thoughts``: items that found no room, kept in the tooltip."""
        if not texts:
            return
        self.note(f"+{len(texts)} more {one if len(texts) == 1 else many}")
        self.hidden.extend(texts)

    def gap(self) -> None:
        """Some space between two items."""
        self.raw('<FONT POINT-SIZE="4"> </FONT><BR ALIGN="LEFT"/>', 4)

    def td(self, attributes: str = "", width: int | None = None) -> str:
        """The cell as a ``<TD>``, ``width`` points wide (the text's width plus padding)."""
        total = width if width is not None else cell_width(self.width)
        return (
            f'<TD ALIGN="LEFT" VALIGN="TOP" WIDTH="{total}"{attributes}'
            f"{tooltip(self.hidden)}>{self.markup or ' '}</TD>"
        )


def cell_width(text_room: float) -> int:
    """The width of a cell whose text may take ``text_room`` points."""
    return int(text_room) + 2 * (PADDING + BORDER)


def text_room(width: int) -> float:
    """The room for text in a cell ``width`` points wide."""
    return float(width - 2 * (PADDING + BORDER))


def fits_on_a_line(text: str, width: float, size: float = FONT_SIZE) -> bool:
    return measure(text, size) <= width
