"""Legends: what the colours and marks of a diagram mean, laid out within its width.

A legend is a column of rows, each a title and its entries side by side. Every row is a
table of fixed size (:func:`cjm.render.style.fixed_row`): Graphviz spreads the columns of
a nested table across a wider cell, which would push entries away from their titles.
Entries of a fixed kind (scores, severities, lines) are short and known; persona names are
the user's, so they are wrapped into two lines at most, shortened visibly beyond that, and
laid out as many to a row as the diagram's width allows.
"""

from __future__ import annotations

import math

from cjm.render.cell import Cell, tooltip
from cjm.render.context import WARNING_SIGN, PersonaMark
from cjm.render.style import (
    BROKEN_INK,
    CHIP_HEIGHT,
    CHIP_SPACING,
    EMOTION_FILL,
    EMOTION_TEXT,
    EMOTION_WORD,
    SEVERITY_MARK,
    SMALL,
    chip_cell,
    chip_width,
    chips,
    escape,
    fixed_row,
    score_label,
    text_width,
)
from cjm.render.text import line_height

TITLE_WIDTH = 100  # the column of row titles
NAME_WIDTH = 200  # at most, for a persona's name
NAME_LINES = 2
SCORES = (2, 1, 0, -1, -2)

Entry = tuple[str, int]  # a cell of a fixed row, and its width


def legend_row(title: str, cells: list[Entry], height: int = CHIP_HEIGHT) -> str:
    """One row of a legend: ``title`` (may be empty) and ``cells`` after it."""
    head = (f'<TD ALIGN="LEFT" VALIGN="TOP"><B>{escape(title)}</B></TD>', TITLE_WIDTH)
    return f'<TR><TD ALIGN="LEFT">{fixed_row([head, *cells], height=height)}</TD></TR>'


def legend_table(rows: list[str]) -> str:
    """Legend rows (and any other rows, such as a title) one under another."""
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0">'
        + "".join(rows)
        + "</TABLE>"
    )


def wrapped_rows(title: str, groups: list[list[Entry]], width: float) -> list[str]:
    """Legend rows of ``groups`` of entries (kept together), as many to a row as fit in
    ``width`` points besides the title; the title on the first row only."""
    rows: list[list[Entry]] = [[]]
    for group in groups:
        taken = sum(w + CHIP_SPACING for _, w in rows[-1])
        if rows[-1] and taken + sum(w + CHIP_SPACING for _, w in group) > width - TITLE_WIDTH:
            rows.append([])
        rows[-1].extend(group)
    return [legend_row(title if n == 0 else "", row) for n, row in enumerate(rows)]


def persona_rows(marks: list[PersonaMark], width: float) -> list[str]:
    """Each persona's chip and name, as many to a row as fit in ``width`` points.

    A persona the map names but nothing defines is shown as ``⚠ id (unknown persona)``."""
    if not marks:
        return [legend_row("Personas", [])]
    entries: list[tuple[list[Entry], int]] = []
    for mark in marks:
        cell = Cell(NAME_WIDTH)
        fitted = cell.add(
            mark.named.shown, max_lines=NAME_LINES, ink=None if mark.known else BROKEN_INK
        )
        shown = fitted.lines if fitted else ()
        lines = max(1, len(shown)) + (1 if fitted is not None and fitted.shortened else 0)
        used = min(NAME_WIDTH, max(text_width(shown), 20)) + 6
        chip = chips([(mark.initials, mark.fill, mark.text)])
        entry = [
            # The chip is a table of its own: its spacing and the cell's padding around it.
            (f'<TD VALIGN="TOP">{chip}</TD>', chip_width(mark.initials) + 2 * CHIP_SPACING + 2),
            (
                f'<TD ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT"{tooltip(cell.hidden)}>'
                f"{cell.markup or ' '}</TD>",
                used,
            ),
            ("<TD> </TD>", 10),
        ]
        entries.append((entry, lines))
    rows: list[list[tuple[list[Entry], int]]] = [[]]
    taken = 0
    for entry, lines in entries:
        entry_width = sum(w + CHIP_SPACING for _, w in entry)
        if rows[-1] and taken + entry_width > width - TITLE_WIDTH:
            rows.append([])
            taken = 0
        rows[-1].append((entry, lines))
        taken += entry_width
    return [
        legend_row(
            "Personas" if number == 0 else "",
            [cell for entry, _ in row for cell in entry],
            _row_height(max(lines for _, lines in row)),
        )
        for number, row in enumerate(rows)
    ]


def _row_height(lines: int) -> int:
    """The height of a row of persona entries: a chip (a table of its own, with its
    spacing), or ``lines`` lines of a name, whichever is taller, and the cell padding."""
    chip = CHIP_HEIGHT + 2 * CHIP_SPACING
    return max(chip, math.ceil(lines * line_height())) + 2


def emotion_cells() -> list[Entry]:
    """Each score's chip and word."""
    cells: list[Entry] = []
    for score in SCORES:
        cells.append(chip_cell(score_label(score), EMOTION_FILL[score], EMOTION_TEXT[score]))
        word = EMOTION_WORD[score]
        cells.append(
            (
                f'<TD ALIGN="LEFT"><FONT POINT-SIZE="{SMALL}">{word}</FONT></TD>',
                text_width([word], SMALL) + 12,
            )
        )
    return cells


def severity_cells() -> list[Entry]:
    """Each severity's mark and word."""
    return [
        (
            f'<TD ALIGN="LEFT"><FONT COLOR="{SEVERITY_MARK[s]}">\u25a0</FONT> '
            f'<FONT POINT-SIZE="{SMALL}"><B>{s.upper()}</B></FONT></TD>',
            text_width(["\u25a0 " + s.upper()], SMALL) + 16,
        )
        for s in SEVERITY_MARK
    ]


def small_text(text: str, ink: str = "black") -> Entry:
    """A legend entry: ``text`` in small type, and the width it needs."""
    return (
        f'<TD ALIGN="LEFT"><FONT COLOR="{ink}" POINT-SIZE="{SMALL}">{escape(text)}</FONT></TD>',
        text_width([text], SMALL) + 14,
    )


def broken_row() -> str:
    """What a reference that names nothing looks like."""
    return legend_row(
        "Broken reference",
        [
            small_text(f"{WARNING_SIGN} some-id (unknown team)", BROKEN_INK),
            small_text("the map names something it does not define"),
        ],
    )
