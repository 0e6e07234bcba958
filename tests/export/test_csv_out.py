"""CSV files: a BOM for Excel, formulas kept from running, numbers and dates as they are."""

from __future__ import annotations

import csv
import datetime
import io

from cjm.export.csv_out import BOM, csv_text
from cjm.export.tables import Table, Tables


def table(rows: list[list[object]]) -> Table:
    return Table(
        "T",
        "t.csv",
        ["Key", "Text", "Number", "Date"],
        [10] * 4,
        [False] * 4,
        rows,  # type: ignore[arg-type]
    )


def read(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_starts_with_a_bom_unless_asked_not_to() -> None:
    empty = table([])
    assert csv_text(empty).encode("utf-8").startswith(b"\xef\xbb\xbfKey,")
    assert csv_text(empty, bom=False) == "Key,Text,Number,Date\r\n"


def test_values_as_written() -> None:
    text = csv_text(
        table(
            [
                ["a/b", 'Zoë, "quoted"\nnext line', 41, datetime.date(2026, 10, 31)],
                ["a/c", "", 6.8, None],
                ["a/d", None, -3, None],
            ]
        )
    )
    assert read(text) == [
        ["Key", "Text", "Number", "Date"],
        ["a/b", 'Zoë, "quoted"\nnext line', "41", "2026-10-31"],
        ["a/c", "", "6.8", ""],
        ["a/d", "", "-3", ""],
    ]
    assert text.count("\r\n") == 4  # RFC 4180 line ends; the newline inside a field stays


def test_text_that_could_run_as_a_formula_gets_an_apostrophe() -> None:
    texts = ["=1+2", "+Pay", "-Time", "@SUM(A1)", "\tx", "\rx", "a=b", "#N/A"]
    rows = read(csv_text(table([["k", t, None, None] for t in texts])))[1:]
    assert [r[1] for r in rows] == [
        "'=1+2",
        "'+Pay",
        "'-Time",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "a=b",
        "#N/A",
    ]


def test_negative_numbers_are_numbers_not_guarded_text() -> None:
    rows = read(csv_text(table([["k", "x", -14.5, None]])))
    assert rows[1][2] == "-14.5"


def test_hostile_tables_read_back_with_every_formula_guarded(hostile: Tables) -> None:
    for each in hostile.tables:
        rows = list(csv.reader(io.StringIO(csv_text(each, bom=False), newline="")))
        assert rows[0] == each.headers
        assert len(rows) == len(each.rows) + 1
        for row, values in zip(rows[1:], each.rows, strict=True):
            for field, value in zip(row, values, strict=True):
                if isinstance(value, str):  # numbers such as -14.5 are numbers
                    assert not field.startswith(("=", "+", "-", "@", "\t", "\r")), field
    pains = list(csv.reader(io.StringIO(csv_text(hostile.tables[0], bom=False), newline="")))
    assert pains[1][7] == "'=1+2 card declined \u27e8U+202E\u27e9gnp.exe"
