"""`cjm export tables`: files, exit codes, maps left out, bad output folders."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cjm.cli import app
from tests.export.conftest import REPO
from tests.export.workspaces import BROKEN, HOSTILE, workspace
from tests.samples import PLAIN_ENV

FILES = ["kpis.csv", "opportunities.csv", "pain-points.csv", "portfolio.xlsx"]


def export(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["export", "tables", *args], env=PLAIN_ENV)


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture
def bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "bank"
    shutil.copytree(REPO / "examples" / "bank-account-opening", target)
    monkeypatch.chdir(target)
    return target


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = workspace(tmp_path / "ws", ("hostile.yaml", HOSTILE), ("broken.yaml", BROKEN))
    monkeypatch.chdir(folder)
    return folder


def test_the_example_exports_every_table(bank: Path) -> None:
    result = export("--out", "tables")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (bank / "tables").iterdir()) == FILES
    assert result.stdout == (
        "Wrote 4 files into tables: 2 maps, 9 pain points, 7 opportunities, 17 KPIs.\n"
    )
    pains = read_csv(bank / "tables" / "pain-points.csv")
    assert len(pains) == 9 and len({p["Key"] for p in pains}) == 9
    book = load_workbook(bank / "tables" / "portfolio.xlsx")
    assert book.sheetnames == ["About", "Pain points", "Opportunities", "KPIs"]
    keys = [row[0] for row in book["Pain points"].iter_rows(min_row=2, values_only=True)]
    assert keys == [p["Key"] for p in pains]
    opportunities = read_csv(bank / "tables" / "opportunities.csv")
    assert [o["Position"] for o in opportunities][:3] == ["1", "2", "3"]


def test_csv_only_or_xlsx_only(bank: Path) -> None:
    assert export("-f", "csv", "-o", "a").exit_code == 0
    assert sorted(p.name for p in (bank / "a").iterdir()) == FILES[:3]
    assert export("-f", "xlsx", "-o", "b").exit_code == 0
    assert [p.name for p in (bank / "b").iterdir()] == ["portfolio.xlsx"]


def test_no_bom(bank: Path) -> None:
    assert export("-f", "csv", "-o", "a").exit_code == 0
    assert (bank / "a" / "kpis.csv").read_bytes().startswith(b"\xef\xbb\xbfKey,")
    assert export("-f", "csv", "--no-bom", "-o", "b").exit_code == 0
    assert (bank / "b" / "kpis.csv").read_bytes().startswith(b"Key,")


def test_an_unknown_format_is_a_usage_error(bank: Path) -> None:
    result = export("-f", "ods")
    assert result.exit_code == 2
    assert "unknown format 'ods': choose from csv, xlsx or all" in result.output


def test_a_map_with_errors_is_left_out_and_named(mixed: Path) -> None:
    result = export("-o", "out")
    assert result.exit_code == 1
    assert "maps/broken.yaml:17:67: error CJM103 unknown team 'nobody-team'" in result.stderr
    assert "note: maps/broken.yaml is not in the tables: it has 2 errors" in result.stderr
    assert "--force" in result.stderr
    assert "warning" not in result.stderr  # warnings are not the export's business
    assert result.stdout.startswith("Wrote 4 files into out: 1 map, 2 pain points")
    keys = [row["Key"] for row in read_csv(mixed / "out" / "pain-points.csv")]
    assert keys == ["hostile/card-declined", "hostile/slow-page"]
    about = [
        [c for c in row if c]
        for row in load_workbook(mixed / "out" / "portfolio.xlsx")["About"].values
    ]
    assert ["maps/broken.yaml", "it has 2 errors"] in about


def test_force_includes_it(mixed: Path) -> None:
    result = export("-o", "out", "--force")
    assert result.exit_code == 0, result.output
    assert "not in the tables" not in result.stderr
    keys = [row["Key"] for row in read_csv(mixed / "out" / "pain-points.csv")]
    assert "broken/lost" in keys


def test_a_map_that_does_not_load_is_named_too(mixed: Path) -> None:
    (mixed / "maps" / "bad.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    result = export("-o", "out", "--force")
    assert result.exit_code == 1
    assert "note: maps/bad.yaml is not in the tables: it could not be loaded" in result.stderr
    assert (mixed / "out" / "portfolio.xlsx").is_file()


def test_formulas_in_maps_do_not_run_from_the_files(mixed: Path) -> None:
    assert export("-o", "out").exit_code == 1
    pains = read_csv(mixed / "out" / "pain-points.csv")
    assert pains[0]["Pain point"] == "'=1+2 card declined \u27e8U+202E\u27e9gnp.exe"
    assert pains[0]["Step"] == "Pays\u27e8U+0007\u27e9by card"
    book = load_workbook(mixed / "out" / "portfolio.xlsx")
    cell = book["Pain points"]["H2"]
    assert cell.value == "=1+2 card declined \u27e8U+202E\u27e9gnp.exe" and cell.data_type == "s"


def test_out_is_a_file(bank: Path) -> None:
    (bank / "taken").write_text("keep me", encoding="utf-8")
    result = export("-o", "taken")
    assert result.exit_code == 2
    assert "taken" in result.output and "is a file" in result.output
    assert (bank / "taken").read_text(encoding="utf-8") == "keep me"


def test_out_inside_a_file_is_a_usage_error(bank: Path) -> None:
    (bank / "taken").write_text("keep me", encoding="utf-8")
    result = export("-o", "taken/inner")
    assert result.exit_code == 2
    assert "error: cannot write into taken/inner" in result.stderr


def test_never_writes_over_an_input(bank: Path) -> None:
    out = bank / "out"
    out.mkdir()
    (out / "pain-points.csv").symlink_to(bank / "maps" / "account-opening.yaml")
    before = (bank / "maps" / "account-opening.yaml").read_bytes()
    result = export("-o", "out")
    assert result.exit_code == 1
    assert "out/pain-points.csv is an input file; choose another --out" in result.stderr
    assert (bank / "maps" / "account-opening.yaml").read_bytes() == before
    assert (out / "portfolio.xlsx").is_file()


def test_files_are_replaced_whole(bank: Path) -> None:
    out = bank / "out"
    out.mkdir()
    (out / "kpis.csv").write_text("old" * 10_000, encoding="utf-8")
    assert export("-o", "out").exit_code == 0
    assert "old" not in (out / "kpis.csv").read_text(encoding="utf-8-sig")
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_a_path_that_does_not_exist(bank: Path) -> None:
    result = export("nowhere", "-o", "out")
    assert result.exit_code == 2
    assert "nowhere" in result.stderr
    assert not (bank / "out").exists()


def test_help_lists_the_command() -> None:
    result = CliRunner().invoke(app, ["export", "--help"], env=PLAIN_ENV)
    assert result.exit_code == 0 and "tables" in result.output
