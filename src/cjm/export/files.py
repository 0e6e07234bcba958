"""Writing the tables into a folder: which files, and never over an input.

``pain-points.csv``, ``opportunities.csv`` and ``kpis.csv`` for the csv format,
``portfolio.xlsx`` for xlsx. Each file is written atomically (:mod:`cjm.writing`): a
spreadsheet that has the old file open never sees half of the new one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from cjm.export.csv_out import csv_text
from cjm.export.tables import Table, Tables
from cjm.export.xlsx import workbook_bytes
from cjm.load.project import Project
from cjm.load.workspace import real_path
from cjm.writing import write_bytes_atomic

TABLE_FORMATS = ("csv", "xlsx")
WORKBOOK = "portfolio.xlsx"


class OutputError(Exception):
    """The output folder cannot be used (it is a file, or cannot be created or written)."""


@dataclass
class Written:
    files: list[Path] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # why a file was not written


def input_files(projects: Iterable[Project]) -> set[Path]:
    """Every file the maps were read from, symlinks resolved."""
    return {real_path(doc.path) for project in projects for doc in project.documents()}


def write_tables(
    tables: Tables,
    formats: Sequence[str],
    out: Path,
    inputs: set[Path],
    *,
    bom: bool = True,
) -> Written:
    """Write ``tables`` into the folder ``out`` in each of ``formats`` (see
    :data:`TABLE_FORMATS`), creating the folder when needed; a target that is one of
    ``inputs`` is refused, not written."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out} is a file, not a folder; choose a folder")
    planned: list[tuple[Path, Callable[[], bytes]]] = []
    if "csv" in formats:
        for table in tables.tables:
            planned.append((out / table.file, partial(_csv_bytes, table, bom)))
    if "xlsx" in formats:
        planned.append((out / WORKBOOK, partial(workbook_bytes, tables)))
    written = Written()
    try:
        out.mkdir(parents=True, exist_ok=True)
        for target, produce in planned:
            if real_path(target) in inputs:
                written.refused.append(f"{target} is an input file; choose another --out")
                continue
            write_bytes_atomic(target, produce())
            written.files.append(target)
    except OSError as problem:
        raise OutputError(f"cannot write into {out}: {problem.strerror or problem}") from problem
    return written


def _csv_bytes(table: Table, bom: bool) -> bytes:
    return csv_text(table, bom=bom).encode("utf-8")
