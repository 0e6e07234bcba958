"""A table as a CSV file that Excel, LibreOffice and scripts all read the same way.

- UTF-8 with a byte order mark by default: Excel reads a CSV file without one in the
  computer's legacy code page, and ``Zoë`` turns into ``ZoÃ«``. LibreOffice, Google
  Sheets, Python's ``utf-8-sig`` and pandas skip the mark; ``bom=False`` leaves it out for
  tools that do not.
- Comma-separated, fields quoted when they need it, lines ending CRLF (RFC 4180).
- Numbers are written as numbers and dates as ISO dates (``2026-10-31``).
- A text that a spreadsheet could run as a formula (starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return) gets an apostrophe in front, which spreadsheets
  take as "this is text".
"""

from __future__ import annotations

import csv
import datetime
import io

from cjm.export.cells import Value, looks_like_formula
from cjm.export.tables import Table

BOM = "\ufeff"


def csv_text(table: Table, *, bom: bool = True) -> str:
    """``table`` as CSV text, its header row first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_field(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([_field(value) for value in row])
    return (BOM if bom else "") + buffer.getvalue()


def _field(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + value if looks_like_formula(value) else value
    return repr(value) if isinstance(value, float) else str(value)
