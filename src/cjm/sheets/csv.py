"""The tables of a map as CSV files: pain-points.csv, opportunities.csv and kpis.csv.

They are written as ``cjm export tables`` writes its CSV files (UTF-8 with a byte order
mark, CRLF, an apostrophe before a text a spreadsheet could run as a formula), with the
columns of the workbook's sheets, so either can be edited and imported.
"""

from __future__ import annotations

from typing import Any

from cjm.export.csv_out import csv_text
from cjm.export.tables import Table
from cjm.sheets.layout import CSV_TABLES, table_rows


def csv_files(data: Any, *, bom: bool = True) -> dict[str, str]:
    """File name to CSV text, for each table of the map ``data``."""
    files: dict[str, str] = {}
    for spec in CSV_TABLES:
        table = Table(
            name=spec.name,
            file=spec.file,
            headers=[field.title for field in spec.fields],
            widths=[field.width for field in spec.fields],
            wraps=[True] * len(spec.fields),
            rows=[values for _, values in table_rows(spec, data)],
        )
        files[spec.file] = csv_text(table, bom=bom)
    return files
