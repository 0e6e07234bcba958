"""What a spreadsheet cell may hold, and the text cjm puts in one.

User text is hostile here as everywhere. Three things go wrong in spreadsheets:

- Characters XML forbids (C0 controls other than tab, line feed and carriage return)
  make an XLSX file unreadable; bidirectional controls reorder what a reader sees. Both
  are shown as a visible code (``⟨U+0007⟩``), as every cjm output shows them
  (:mod:`cjm.display`), in the CSV files too, so both formats hold the same text.
- A cell holds at most 32,767 characters in Excel (LibreOffice: the same order). Longer
  text is cut with a visible mark saying how long it was, never silently.
- Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return may be run as
  a formula when a CSV file is opened. The writers guard against that, each its own way.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from cjm.display import reveal_bidi_controls

# What a cell of the tables holds: text, a number, a date, or nothing.
Value = str | int | float | datetime.date | None

CELL_LIMIT = 32_767  # characters: Excel's limit for one cell
# The characters XML 1.0 does not allow, even escaped: C0 controls but tab, LF and CR.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A cell text starting with one of these may run as a formula when a CSV file is opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Text:
    """A cell text made safe to show, and whether it had to be cut."""

    value: str
    cut_from: int | None = None  # the length of the text before it was cut


def cell_text(text: str) -> Text:
    """``text`` with hidden controls shown as codes, cut to :data:`CELL_LIMIT` with a mark."""
    shown = reveal_bidi_controls(text)
    if FORBIDDEN.search(shown):
        shown = FORBIDDEN.sub(lambda found: f"\u27e8U+{ord(found.group()):04X}\u27e9", shown)
    if len(shown) <= CELL_LIMIT:
        return Text(shown)
    mark = f" [\u2026 cut: {len(shown):,} characters, a cell holds {CELL_LIMIT:,}]"
    return Text(shown[: CELL_LIMIT - len(mark)] + mark, cut_from=len(shown))


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula."""
    return text.startswith(FORMULA_STARTS)


def number(value: float | None) -> int | float | None:
    """A whole number as an int (``41``, not ``41.0``), other numbers as they are."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value
