"""A workbook or CSV tables read back as plain cells, sheet by sheet.

An .xlsx file gives every sheet; a CSV file gives the table its name says
(``pain-points.csv`` is the Pain points sheet); a folder gives each table file in it.
Cells hold what the spreadsheet saved: text, numbers, dates; a formula's last value.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjm.export.cells import looks_like_formula
from cjm.sheets.layout import CSV_TABLES

MAX_BYTES = 50 * 1024 * 1024


class BookError(Exception):
    """The file is not a workbook or table that can be read."""


@dataclass
class Sheet:
    """The cells of one sheet that hold something, by (row, column), both from 1."""

    name: str
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return max((row for row, _ in self.cells), default=0)

    @property
    def columns(self) -> int:
        return max((column for _, column in self.cells), default=0)

    def get(self, row: int, column: int) -> Any:
        return self.cells.get((row, column))


def read_book(path: Path) -> dict[str, Sheet]:
    """Sheet name to sheet, for ``path``: an .xlsx file, a CSV table or a folder of them."""
    if path.is_dir():
        found = [path / spec.file for spec in CSV_TABLES if (path / spec.file).is_file()]
        if not found:
            names = ", ".join(spec.file for spec in CSV_TABLES)
            raise BookError(f"{path} holds none of the tables ({names})")
        return dict(_csv_sheet(file) for file in found)
    if not path.is_file():
        raise BookError(f"no such file or folder: {path}")
    if path.suffix.lower() == ".csv":
        return dict([_csv_sheet(path)])
    return _xlsx_sheets(path)


def _xlsx_sheets(path: Path) -> dict[str, Sheet]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if path.stat().st_size > MAX_BYTES:
        raise BookError(f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        book = load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise BookError(
            f"{path} is not an .xlsx workbook; "
            "export one with `cjm export workbook`, or pass a CSV table"
        ) from None
    sheets: dict[str, Sheet] = {}
    for worksheet in book.worksheets:
        sheet = Sheet(worksheet.title)
        for row in worksheet.iter_rows():
            for cell in row:
                value = cell.value
                if value is not None and not (isinstance(value, str) and not value.strip()):
                    sheet.cells[(cell.row, cell.column)] = value  # type: ignore[index]
        sheets[sheet.name] = sheet
    return sheets


def _csv_sheet(path: Path) -> tuple[str, Sheet]:
    spec = next((spec for spec in CSV_TABLES if spec.file == path.name.lower()), None)
    if spec is None:
        names = ", ".join(spec.file for spec in CSV_TABLES)
        raise BookError(f"{path}: a table's file is named {names}")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BookError(f"{path} is not UTF-8 text; save the table as CSV UTF-8") from None
    sheet = Sheet(spec.name)
    for row, values in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        for column, value in enumerate(values, start=1):
            if value.strip():
                sheet.cells[(row, column)] = _unguarded(value)
    return spec.name, sheet


def _unguarded(value: str) -> str:
    """A CSV field without the apostrophe that kept it from being run as a formula."""
    return value[1:] if value.startswith("'") and looks_like_formula(value[1:]) else value
