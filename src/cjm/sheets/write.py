"""The map as an Excel workbook: the Journey grid, then one sheet per table.

Cells are written as the portfolio tables write them (:func:`cjm.export.xlsx.put`): text
stays text, never a formula. Lanes and columns that the import does not read are grey.
Cells that take a value from a list (an emotion, a severity, a team, a step) offer it in
a drop-down; the lists live on a hidden sheet, ``Lists``.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from cjm.export.cells import Value
from cjm.export.xlsx import put
from cjm.sheets.layout import (
    ACTION_ROW,
    EMOTION,
    HEADER_ROWS,
    ID_ROW,
    JOURNEY,
    REFS,
    SCALE_WORDS,
    STAGE_ROW,
    TABLES,
    Context,
    Field,
    TableSpec,
    emotion_label,
    journey_lanes,
    render,
    scalar,
    stage_steps,
    stages,
    table_rows,
)

LISTS = "Lists"
HELP = "How to edit"
FONT = "Calibri"  # named, or LibreOffice falls back to a serif font
BOLD = Font(name=FONT, bold=True)
GREY_TEXT = Font(name=FONT, italic=True, color="5F6368")
HEADER_FILL = PatternFill("solid", fgColor="E7E9EE")
STAGE_FILLS = [PatternFill("solid", fgColor="C9DAF8"), PatternFill("solid", fgColor="D9EAD3")]
READ_ONLY_FILL = PatternFill("solid", fgColor="F3F3F3")
WRAPPED = Alignment(vertical="top", wrap_text=True)
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
THIN = Side(style="thin", color="B7B7B7")
STAGE_EDGE = Border(left=Side(style="medium", color="7F7F7F"))
LANE_WIDTH = 28  # characters
STEP_WIDTH = 26
LINE_HEIGHT = 15  # points, for the default 11-point font
FILL = 1.2  # a line of a column N characters wide holds about 1.2 N characters of text
MAX_ROW_HEIGHT = 409
# Emotion cells are coloured by their score, whatever is typed in them later.
EMOTION_FILLS = {2: "57BB8A", 1: "B7E1CD", 0: "FFFFFF", -1: "F4C7C3", -2: "E67C73"}

HELP_LINES = [
    "Edit the white cells; grey lanes and columns are shown for reference and not read back.",
    "Journey: one column per step. Row 2 holds the step's id: keep it as it is.",
    "A new step: insert a column inside its stage, leave its id empty and write what the "
    "customer does in row 3. cjm gives it an id made of those words.",
    "A deleted column deletes its step only when imported with --allow-deletes.",
    "Lists (thoughts, touchpoints, activities...): one item a line (Alt+Enter in Excel, "
    "Ctrl+Enter in LibreOffice).",
    "Emotions: choose a label from the drop-down, from very negative (-2) to very positive (+2).",
    "Tables: one row per item. A new row needs a summary (or name); its id may stay empty.",
    "Then: cjm import workbook THIS-FILE --into THE-MAP.yaml",
]


def workbook_bytes(data: Any, context: Context) -> bytes:
    """The workbook of the map ``data`` as the bytes of an .xlsx file."""
    book = Workbook()
    journey = book.active
    assert journey is not None
    journey.title = JOURNEY
    lists = _lists_sheet(book, data, context)
    _journey_sheet(journey, data, context, lists)
    for spec in TABLES:
        _table_sheet(book.create_sheet(spec.name), spec, data, lists)
    _help_sheet(book.create_sheet(HELP), str(data.get("id")))
    book.move_sheet(LISTS, offset=len(book.sheetnames))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _lists_sheet(book: Workbook, data: Any, context: Context) -> dict[str, str]:
    """The hidden sheet of drop-down lists: list name to the range that holds it."""
    sheet = book.create_sheet(LISTS)
    sheet.sheet_state = "hidden"
    names = sorted({f.choices for spec in TABLES for f in spec.fields if f.choices})
    names += sorted({f.choices for f in journey_lanes(context) if f.choices} - set(names))
    ranges: dict[str, str] = {}
    for column, name in enumerate(names, start=1):
        put(sheet, 1, column, name).font = BOLD
        values = context.choices(name, data)
        for row, value in enumerate(values, start=2):
            put(sheet, row, column, value)
        if values:
            letter = get_column_letter(column)
            ranges[name] = f"{quote_sheetname(LISTS)}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _validation(sheet: Worksheet, spec: Field, lists: dict[str, str], cells: str) -> None:
    """A drop-down of ``spec``'s list on ``cells``; a cell of several ids (one a line)
    may hold what the list does not, so it only offers the list."""
    if spec.choices is None or spec.choices not in lists:
        return
    strict = spec.kind != REFS
    validation = DataValidation(
        type="list",
        formula1=lists[spec.choices],
        allow_blank=True,
        showErrorMessage=strict,
        errorTitle="Not in the list",
        error=f"Choose a value from the list ({spec.choices}).",
    )
    sheet.add_data_validation(validation)
    validation.add(cells)


def _journey_sheet(sheet: Worksheet, data: Any, context: Context, lists: dict[str, str]) -> None:
    lanes = journey_lanes(context)
    column = 2
    lines = [1] * (HEADER_ROWS + len(lanes) + 1)
    for row, title in ((STAGE_ROW, "Stage"), (ID_ROW, "Step id"), (ACTION_ROW, "Step")):
        cell = put(sheet, row, 1, title)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAPPED
    for offset, lane in enumerate(lanes):
        cell = put(sheet, HEADER_ROWS + 1 + offset, 1, lane.title)
        cell.font, cell.alignment = (BOLD if lane.editable else GREY_TEXT), WRAPPED
        cell.fill = HEADER_FILL if lane.editable else READ_ONLY_FILL
        lines[HEADER_ROWS + 1 + offset] = _line_count(lane.title, LANE_WIDTH - 4)
    for number, stage in enumerate(stages(data)):
        steps = stage_steps(stage) or [{}]
        first = column
        for step in steps:
            put(sheet, ID_ROW, column, scalar(step.get("id"))).font = GREY_TEXT
            action = put(sheet, ACTION_ROW, column, scalar(step.get("action")))
            action.font = BOLD
            for row in (ID_ROW, ACTION_ROW):
                sheet.cell(row=row, column=column).fill = HEADER_FILL
                sheet.cell(row=row, column=column).alignment = WRAPPED
            for offset, lane in enumerate(lanes):
                row = HEADER_ROWS + 1 + offset
                value = render(lane, step, data) if step else None
                cell = put(sheet, row, column, value)
                cell.alignment = WRAPPED
                cell.border = Border(bottom=THIN, right=THIN)
                if not lane.editable:
                    cell.fill, cell.font = READ_ONLY_FILL, GREY_TEXT
                lines[row] = max(lines[row], _line_count(value, STEP_WIDTH))
            shown = str(action.value or "")
            lines[ACTION_ROW] = max(lines[ACTION_ROW], _line_count(shown, STEP_WIDTH))
            column += 1
        header = put(sheet, STAGE_ROW, first, scalar(stage.get("name")))
        header.font, header.alignment = BOLD, CENTRED
        fill = STAGE_FILLS[number % len(STAGE_FILLS)]
        for edge in range(first, column):
            sheet.cell(row=STAGE_ROW, column=edge).fill = fill
        if column - 1 > first:
            sheet.merge_cells(
                start_row=STAGE_ROW, end_row=STAGE_ROW, start_column=first, end_column=column - 1
            )
    last = get_column_letter(max(column - 1, 2))
    for offset, lane in enumerate(lanes):
        row = HEADER_ROWS + 1 + offset
        cells = f"B{row}:{last}{row}"
        _validation(sheet, lane, lists, cells)
        if lane.kind == EMOTION:
            _emotion_colours(sheet, cells)
    for row, count in enumerate(lines):
        if row >= ACTION_ROW:
            sheet.row_dimensions[row].height = min(LINE_HEIGHT * count + 4, MAX_ROW_HEIGHT)
    sheet.column_dimensions["A"].width = LANE_WIDTH
    for index in range(2, column):
        sheet.column_dimensions[get_column_letter(index)].width = STEP_WIDTH
    sheet.freeze_panes = f"B{HEADER_ROWS + 1}"  # the step headers and lane names stay in view
    _printable(sheet, rows=f"1:{HEADER_ROWS}", columns="A:A")


def _emotion_colours(sheet: Worksheet, cells: str) -> None:
    top_left = cells.split(":")[0]
    for score, colour in EMOTION_FILLS.items():
        if score == 0:
            continue
        label = emotion_label(score)
        formula = f'LEFT({top_left},{len(label)})="{label}"'
        fill = PatternFill("solid", start_color=colour, end_color=colour, fgColor=colour)
        rule = FormulaRule(formula=[formula], fill=fill)  # type: ignore[no-untyped-call]
        sheet.conditional_formatting.add(cells, rule)
    assert set(EMOTION_FILLS) == set(SCALE_WORDS)


def _table_sheet(sheet: Worksheet, spec: TableSpec, data: Any, lists: dict[str, str]) -> None:
    for column, header in enumerate(spec.fields, start=1):
        cell = put(sheet, 1, column, header.title)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAPPED
        if not header.editable:
            cell.font = Font(name=FONT, bold=True, italic=True, color="5F6368")
    rows = table_rows(spec, data)
    for row, (_, values) in enumerate(rows, start=2):
        count = 1
        for column, (header, value) in enumerate(zip(spec.fields, values, strict=True), start=1):
            cell = put(sheet, row, column, value)
            cell.alignment = WRAPPED
            if not header.editable:
                cell.fill, cell.font = READ_ONLY_FILL, GREY_TEXT
            count = max(count, _line_count(value, header.width))
        sheet.row_dimensions[row].height = min(LINE_HEIGHT * count + 4, MAX_ROW_HEIGHT)
    # Drop-downs reach well below the last row, for the rows people add.
    bottom = len(rows) + 200
    for column, header in enumerate(spec.fields, start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = header.width + 2
        _validation(sheet, header, lists, f"{letter}2:{letter}{bottom}")
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(spec.fields))}{len(rows) + 1}"
    _printable(sheet, rows="1:1")


def _help_sheet(sheet: Worksheet, map_id: str) -> None:
    put(sheet, 1, 1, "How to edit this workbook").font = Font(name=FONT, bold=True, size=14)
    put(sheet, 2, 1, f"Map: {map_id}").font = GREY_TEXT
    for row, line in enumerate(HELP_LINES, start=3):
        put(sheet, row, 1, line).alignment = WRAPPED
        sheet.row_dimensions[row].height = LINE_HEIGHT * _line_count(line, 96) + 4
    sheet.column_dimensions["A"].width = 100


def _printable(sheet: Worksheet, *, rows: str, columns: str | None = None) -> None:
    """Printed, a sheet is one page high or wide as it fits, its headers on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 0
    sheet.page_setup.fitToHeight = 1
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = rows
    if columns is not None:
        sheet.print_title_cols = columns


def _line_count(value: Value, width: int) -> int:
    if value is None:
        return 1
    text, room = str(value), int(width * FILL)
    return sum(max(1, -(-len(line) // room)) for line in text.split("\n"))
