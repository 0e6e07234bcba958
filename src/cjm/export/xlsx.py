"""The tables as one Excel workbook: an About sheet, then one sheet per table.

Each table sheet has its header row and key column frozen, an autofilter over every
column, column widths that fit what they hold and wrapped long text. Numbers are number
cells and dates are date cells (shown ``yyyy-mm-dd``), so they sort and sum.

Every text is written as a text cell, never as a formula: openpyxl would store a string
starting with ``=`` as a formula (and ``#N/A`` as an error), so the cell type is set
back to text, and a text a spreadsheet could take for a formula gets the quote prefix
that keeps it text when someone edits the cell.
"""

from __future__ import annotations

import datetime
import io
from typing import Literal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from cjm.export.cells import Value, cell_text, looks_like_formula
from cjm.export.tables import Table, Tables
from cjm.wording import plural

DATE_FORMAT = "yyyy-mm-dd"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E7E9EE")
TITLE_FONT = Font(bold=True, size=14)
TOP = Alignment(vertical="top")
WRAPPED = Alignment(vertical="top", wrap_text=True)
MAX_WIDTH = 60  # characters: wider text wraps instead
MIN_WIDTH = 6
ABOUT_WIDTHS = [30, 60, 40, 12]
LINE_HEIGHT = 15  # points, for the default 11-point font
MAX_ROW_HEIGHT = 409  # points: the tallest row Excel allows
# What each sheet holds, for the About sheet.
SHEET_NOTES = {
    "Pain points": "every pain point of the maps, worst first, then open before settled",
    "Opportunities": "the backlog: sized opportunities by position (impact high first, "
    "effort low first), then unsized ones (no position: cjm does not guess), then done "
    "and dropped ones",
    "KPIs": "every KPI with its baseline, actual value and target, judged as the reports judge it",
}


def workbook_bytes(tables: Tables) -> bytes:
    """The workbook of ``tables`` as the bytes of an .xlsx file."""
    book = Workbook()
    about = book.active
    assert about is not None
    about.title = "About"
    _about_sheet(about, tables)
    for table in tables.tables:
        _table_sheet(book.create_sheet(table.name), table)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def put(sheet: Worksheet, row: int, column: int, value: Value) -> Cell:
    """Write ``value`` into a cell as what it is: text as text (never a formula), a
    number as a number, a date as a date cell."""
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell)  # a fresh sheet has no merged cells
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # openpyxl takes "=..." for a formula and "#N/A" for an error
        if looks_like_formula(value):
            cell.quotePrefix = True
    else:
        cell.value = value
        if isinstance(value, datetime.date):
            cell.number_format = DATE_FORMAT
    return cell


def _table_sheet(sheet: Worksheet, table: Table) -> None:
    for column, header in enumerate(table.headers, start=1):
        cell = put(sheet, 1, column, header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAPPED
    widths = [_width(table, index) for index in range(len(table.headers))]
    sheet.row_dimensions[1].height = _height(list(table.headers), widths, [True] * len(widths))
    for row_number, row in enumerate(table.rows, start=2):
        for column, value in enumerate(row, start=1):
            wraps = table.wraps[column - 1]
            put(sheet, row_number, column, value).alignment = WRAPPED if wraps else TOP
        sheet.row_dimensions[row_number].height = _height(row, widths, table.wraps)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width + 2
    sheet.freeze_panes = "B2"  # the header row and the key column stay in view
    last = get_column_letter(len(table.headers))
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    _printable(sheet)


def _width(table: Table, index: int) -> int:
    """A column's width in characters: as wide as its longest value (a header may wrap
    between words), at most its own width when its text wraps, else at most
    :data:`MAX_WIDTH`."""
    longest = max((len(word) for word in table.headers[index].split()), default=0)
    for row in table.rows:
        longest = max(longest, max(map(len, _shown(row[index]).split("\n"))))
    limit = table.widths[index] if table.wraps[index] else MAX_WIDTH
    return max(MIN_WIDTH, min(longest, limit))


def _height(row: list[Value], widths: list[int], wraps: list[bool]) -> float:
    """A row's height in points, tall enough for its longest wrapped text: spreadsheets
    do not all grow a row to fit when they open a file."""
    lines = 1
    for value, width, wraps_text in zip(row, widths, wraps, strict=True):
        text = _shown(value)
        if wraps_text or "\n" in text:
            count = sum(max(1, -(-len(line) // width)) for line in text.split("\n"))
            lines = max(lines, count)
    return min(LINE_HEIGHT * lines + 3, MAX_ROW_HEIGHT)


def _shown(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _printable(
    sheet: Worksheet, orientation: Literal["portrait", "landscape"] = "landscape"
) -> None:
    """Printed, a sheet is one page wide, a table's header row on every page."""
    sheet.page_setup.orientation = orientation
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if orientation == "landscape":
        sheet.print_title_rows = "1:1"


def _about_sheet(sheet: Worksheet, tables: Tables) -> None:
    about = tables.about
    lines: list[tuple[str, list[Value]]] = [
        ("title", [about.title]),
        ("", ["Written on", about.today]),
        ("", []),
        ("heading", [f"Maps included ({len(about.maps)})"]),
    ]
    if about.maps:
        lines.append(("header", ["Map", "Title", "File"]))
        lines += [("", [map_id, title, path]) for map_id, title, path in about.maps]
    else:
        lines.append(("", ["None."]))
    lines += [("", []), ("heading", [f"Maps left out ({len(about.left_out)})"])]
    if about.left_out:
        lines.append(("header", ["File", "Why"]))
        lines += [("", [path, why]) for path, why in about.left_out]
    else:
        lines.append(("", ["None: every map asked for is in the tables."]))
    lines += [("", []), ("heading", ["Sheets"])]
    lines += [
        ("", [t.name, f"{plural(len(t.rows), 'row')}: {SHEET_NOTES.get(t.name, '')}"])
        for t in tables.tables
    ]
    lines.append(("", ["Key", "<map-id>/<id>: it stays the same while the ids in the maps do."]))
    if tables.cut:
        lines += [("", []), ("heading", [f"Cells cut ({len(tables.cut)})"])]
        lines.append(("header", ["Sheet", "Key", "Column", "Characters"]))
        lines += [("", [c.table, c.key, c.column, c.length]) for c in tables.cut]
    _about_lines(sheet, lines)


def _about_lines(sheet: Worksheet, lines: list[tuple[str, list[Value]]]) -> None:
    for row, (style, values) in enumerate(lines, start=1):
        for column, value in enumerate(values, start=1):
            shown = cell_text(value).value if isinstance(value, str) else value
            cell = put(sheet, row, column, shown)
            cell.alignment = WRAPPED
            if style == "title":
                cell.font, cell.alignment = TITLE_FONT, TOP
            elif style in ("heading", "header"):
                cell.font = HEADER_FONT
            if style == "header":
                cell.fill = HEADER_FILL
        if style != "title":
            heights = _height(values, ABOUT_WIDTHS[: len(values)], [True] * len(values))
            sheet.row_dimensions[row].height = heights
    for column, width in enumerate(ABOUT_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width + 2
    _printable(sheet, "portrait")
