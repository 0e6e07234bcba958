"""The tables as CSV files, both ways: exported, a row edited and one added, imported."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.sheets.common import MAP, write_map
from tests.sheets.test_cli import changes, cjm


def exported_tables(tmp_path: Path) -> tuple[Path, Path]:
    path = write_map(tmp_path)
    folder = tmp_path / "tables"
    result = cjm("export", "workbook", str(path), "--format", "csv", "-o", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Wrote 3 tables into {folder}: pain-points.csv, opportunities.csv, kpis.csv\n"
    )
    return path, folder


def rows(file: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(file.read_bytes().decode("utf-8-sig"), newline="")))


def write_rows(file: Path, table: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(table)
    file.write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))


def test_the_tables_hold_the_map(tmp_path: Path) -> None:
    _, folder = exported_tables(tmp_path)
    assert sorted(p.name for p in folder.iterdir()) == [
        "kpis.csv",
        "opportunities.csv",
        "pain-points.csv",
    ]
    assert rows(folder / "pain-points.csv") == [
        [
            "Id",
            "At (step or stage)",
            "Summary",
            "Severity",
            "Status",
            "Owner",
            "Personas",
            "Description",
        ],
        [
            "unclear-pricing",
            "compares-pricing",
            "Seat pricing is unclear",
            "high",
            "",
            "growth",
            "",
            "",
        ],
    ]
    assert rows(folder / "kpis.csv")[1] == [
        "invite-rate",
        "invites-team",
        "Trials that invite a colleague",
        "31",
        "45",
        "",
        "%",
        "higher",
        "",
    ]
    assert (folder / "kpis.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_an_edited_and_an_added_row_come_back(tmp_path: Path) -> None:
    path, folder = exported_tables(tmp_path)
    kpis = rows(folder / "kpis.csv")
    kpis[1][5] = "38.5"  # the actual value
    kpis.append(["", "signs-up", "Sign-ups a day", "", "", "", "", "higher", ""])
    write_rows(folder / "kpis.csv", kpis)
    pains = rows(folder / "pain-points.csv")
    pains[1][3] = "critical"
    write_rows(folder / "pain-points.csv", pains)
    result = cjm("import", "workbook", str(folder), "--into", str(path))
    assert result.exit_code == 0, result.output
    assert changes(MAP, path.read_text(encoding="utf-8")) == [
        "-            severity: high",
        "+            severity: critical",
        "+        kpis:",
        "+          - id: sign-ups-a-day",
        "+            name: Sign-ups a day",
        "+            better: higher",
        "+            actual: 38.5",
    ]
    text = path.read_text(encoding="utf-8")
    assert '            actual: 38.5\n            unit: "%"' in text
    assert "        owner: growth\n        kpis:\n          - id: sign-ups-a-day\n" in text


def test_one_table_file_and_a_bad_number(tmp_path: Path) -> None:
    path, folder = exported_tables(tmp_path)
    kpis = rows(folder / "kpis.csv")
    kpis[1][3] = "thirty-one"
    write_rows(folder / "kpis.csv", kpis)
    result = cjm("import", "workbook", str(folder / "kpis.csv"), "--into", str(path))
    assert result.exit_code == 1
    assert "error: KPIs!D2: `thirty-one` is not a number" in result.stderr
    assert path.read_text(encoding="utf-8") == MAP


def test_a_csv_file_that_is_no_table(tmp_path: Path) -> None:
    path, folder = exported_tables(tmp_path)
    other = folder / "notes.csv"
    other.write_text("a,b\n", encoding="utf-8")
    result = cjm("import", "workbook", str(other), "--into", str(path))
    assert result.exit_code == 2
    assert "a table's file is named pain-points.csv, opportunities.csv, kpis.csv" in result.stderr
