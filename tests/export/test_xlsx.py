"""The workbook, read back with openpyxl: sheets, typed cells, no formulas, layout."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from cjm.export.tables import Tables, build_tables
from cjm.export.xlsx import put, workbook_bytes
from tests.export.conftest import portfolio_of


def open_book(tables: Tables) -> Workbook:
    return load_workbook(io.BytesIO(workbook_bytes(tables)))


def sheet_rows(sheet: Worksheet) -> dict[str, dict[str, object]]:
    header, *rows = list(sheet.iter_rows(values_only=True))
    return {str(row[0]): dict(zip(header, row, strict=True)) for row in rows}


def test_an_about_sheet_then_one_sheet_per_table(bank: Tables) -> None:
    book = open_book(bank)
    assert book.sheetnames == ["About", "Pain points", "Opportunities", "KPIs"]
    for table in bank.tables:
        sheet = book[table.name]
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == table.headers
        assert [r[0] for r in rows[1:]] == [r[0] for r in table.rows]


def test_about_sheet_says_what_the_tables_cover(hostile_folder: Path) -> None:
    tables = build_tables(portfolio_of(hostile_folder))
    about = [[c for c in row if c is not None] for row in open_book(tables)["About"].values]
    assert about[0] == ["Tables test workspace"]
    assert about[1] == ["Written on", datetime.datetime(2026, 11, 15)]
    assert ["Maps included (1)"] in about
    assert ["hostile", '=HYPERLINK("http://evil.example","click")', "maps/hostile.yaml"] in about
    assert ["Maps left out (1)"] in about
    assert ["maps/broken.yaml", "it has 2 errors"] in about


def test_about_sheet_says_when_nothing_is_left_out(bank: Tables) -> None:
    about = [[c for c in row if c is not None] for row in open_book(bank)["About"].values]
    assert ["Maps left out (0)"] in about
    assert ["None: every map asked for is in the tables."] in about


def test_numbers_are_numbers_and_dates_are_dates(hostile: Tables) -> None:
    sheet = open_book(hostile)["KPIs"]
    header = [c.value for c in sheet[1]]
    row = sheet[2]
    cell = dict(zip(header, row, strict=True))
    assert cell["Key"].value == "hostile/pay-time"
    assert cell["Baseline"].value == 90 and cell["Baseline"].data_type == "n"
    assert cell["Actual"].value == 75.5
    assert cell["Change since baseline"].value == -14.5
    assert cell["Baseline date"].is_date
    assert cell["Baseline date"].value == datetime.datetime(2026, 1, 31)
    assert cell["Baseline date"].number_format == "yyyy-mm-dd"
    assert cell["Actual date"].value is None
    opportunities = sheet_rows(open_book(hostile)["Opportunities"])
    assert opportunities["hostile/retry"]["Position"] == 1
    assert opportunities["hostile/retry"]["Due"] == datetime.datetime(2026, 12, 31)
    assert opportunities["hostile/unsized"]["Position"] is None


def test_text_is_never_a_formula(hostile: Tables) -> None:
    data = workbook_bytes(hostile)
    book = load_workbook(io.BytesIO(data))
    for name in book.sheetnames:
        for row in book[name].iter_rows():
            for cell in row:
                assert cell.data_type != "f", (name, cell.coordinate, cell.value)
                assert cell.data_type != "e", (name, cell.coordinate, cell.value)
    pains = sheet_rows(book["Pain points"])
    declined = pains["hostile/card-declined"]
    assert declined["Pain point"] == "=1+2 card declined \u27e8U+202E\u27e9gnp.exe"
    assert declined["Description"] == "#N/A"
    assert declined["Journey title"] == '=HYPERLINK("http://evil.example","click")'
    # No formula element anywhere in the file: nothing to run, whoever opens it.
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_formula_like_text_keeps_the_quote_prefix(hostile: Tables) -> None:
    sheet = open_book(hostile)["Pain points"]
    header = [c.value for c in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))
    assert cells["Key"].value == "hostile/card-declined"
    assert cells["Pain point"].quotePrefix
    assert cells["Stage"].value == "+Pay" and cells["Stage"].quotePrefix
    assert cells["Owner"].value == "=Ops" and cells["Owner"].quotePrefix
    assert not cells["Key"].quotePrefix


def test_put_writes_what_openpyxl_would_take_for_a_formula_as_text() -> None:
    sheet = Workbook().active
    assert sheet is not None
    assert put(sheet, 1, 1, "=SUM(A2:A3)").data_type == "s"
    assert put(sheet, 1, 2, "#DIV/0!").data_type == "s"
    assert put(sheet, 1, 3, 5).data_type == "n"
    assert put(sheet, 1, 4, datetime.date(2026, 1, 2)).data_type == "d"


def test_header_frozen_autofilter_on_widths_and_wrapping(bank: Tables) -> None:
    book = open_book(bank)
    for table in bank.tables:
        sheet = book[table.name]
        assert sheet.freeze_panes == "B2"
        assert (
            sheet.auto_filter.ref
            == f"A1:{sheet.cell(1, len(table.headers)).column_letter}{len(table.rows) + 1}"
        )
        assert sheet["A1"].font.b
        key_width = sheet.column_dimensions["A"].width
        assert key_width >= max(len(str(r[0])) for r in table.rows)
        for index, wraps in enumerate(table.wraps, start=1):
            letter = sheet.cell(1, index).column_letter
            assert 6 <= sheet.column_dimensions[letter].width <= 62
            assert bool(sheet.cell(2, index).alignment.wrap_text) == wraps
    pains = book["Pain points"]
    heights = [pains.row_dimensions[r].height for r in range(2, pains.max_row + 1)]
    assert all(h is not None and h >= 15 for h in heights)
    assert max(heights) > 15  # some description wraps over several lines


def test_text_xml_forbids_does_not_break_the_file(hostile: Tables) -> None:
    pains = sheet_rows(open_book(hostile)["Pain points"])
    assert pains["hostile/card-declined"]["Step"] == "Pays\u27e8U+0007\u27e9by card"


def test_long_text_cut_is_listed_on_the_about_sheet(hostile_folder: Path) -> None:
    path = hostile_folder / "maps" / "hostile.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('description: "#N/A"', "description: " + "z" * 40_000))
    book = open_book(build_tables(portfolio_of(hostile_folder)))
    description = sheet_rows(book["Pain points"])["hostile/card-declined"]["Description"]
    assert isinstance(description, str) and len(description) == 32_767
    about = [[c for c in row if c is not None] for row in book["About"].values]
    assert ["Cells cut (1)"] in about
    assert ["Pain points", "hostile/card-declined", "Description", 40_000] in about


def test_empty_tables_still_have_headers_and_a_filter(tmp_path: Path) -> None:
    (tmp_path / "cjm.yaml").write_text('format: "1.0"\nname: Empty\nmaps: ["maps/*.yaml"]\n')
    (tmp_path / "maps").mkdir()
    book = open_book(build_tables(portfolio_of(tmp_path)))
    sheet = book["Pain points"]
    assert sheet.max_row == 1 and sheet["A1"].value == "Key"
    assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
