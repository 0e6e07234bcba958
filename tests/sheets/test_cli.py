"""`cjm export workbook` and `cjm import workbook` run as a user runs them: the exact
change each edit makes to the YAML text (comments kept), the errors and `--dry-run`."""

from __future__ import annotations

import difflib
from pathlib import Path

from openpyxl.workbook import Workbook
from typer.testing import CliRunner, Result

from cjm.cli import app
from cjm.sheets.layout import JOURNEY
from tests.samples import PLAIN_ENV
from tests.sheets.common import MAP, column_of, edit, journey_cell, table_row, write_map


def cjm(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=PLAIN_ENV)


def exported(tmp_path: Path) -> tuple[Path, Path]:
    path = write_map(tmp_path)
    book = tmp_path / "trial.xlsx"
    result = cjm("export", "workbook", str(path), "-o", str(book))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {book}: the journey grid and the tables of map `trial`.\n"
    return path, book


def changes(before: str, after: str) -> list[str]:
    """The lines taken out (-) and put in (+), in order."""
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]


def imported(path: Path, book: Path, *options: str) -> Result:
    return cjm("import", "workbook", str(book), "--into", str(path), *options)


def test_an_untouched_workbook_leaves_every_byte(tmp_path: Path) -> None:
    path, book = exported(tmp_path)
    result = imported(path, book)
    assert result.exit_code == 0, result.output
    assert "No changes" in result.stdout
    assert path.read_text(encoding="utf-8") == MAP


def test_renaming_a_step_and_changing_an_emotion(tmp_path: Path) -> None:
    path, book = exported(tmp_path)

    def change(workbook: Workbook) -> None:
        sheet = workbook[JOURNEY]
        sheet[journey_cell(sheet, "Step id", "compares-pricing").replace("2", "3")] = (
            "Compares plans and prices"
        )
        sheet[journey_cell(sheet, "Emotion: Finance Farid (farid)", "compares-pricing")] = (
            "very negative (-2)"
        )

    edit(book, change)
    result = imported(path, book)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Changed {path}: 2 cells carried over.",
        "  Renamed `compares-pricing`: Compares plans on the pricing page \u2192 "
        "Compares plans and prices",
    ]
    assert changes(MAP, path.read_text(encoding="utf-8")) == [
        "-        action: Compares plans on the pricing page  # the first real step",
        "+        action: Compares plans and prices  # the first real step",
        "-          farid: {score: -1, label: wary}",
        "+          farid: {score: -2, label: wary}",
    ]


def test_a_new_pain_point_row(tmp_path: Path) -> None:
    path, book = exported(tmp_path)
    edit(
        book,
        lambda workbook: workbook["Pain points"].append(
            [None, "invites-team", "Invites go to spam", "medium", None, "support"]
        ),
    )
    result = imported(path, book)
    assert result.exit_code == 0, result.output
    assert "  Added pain point `invites-go-to-spam` (Invites go to spam)" in result.stdout
    assert changes(MAP, path.read_text(encoding="utf-8")) == [
        "+        pain_points:",
        "+          - id: invites-go-to-spam",
        "+            summary: Invites go to spam",
        "+            severity: medium",
        "+            owner: support",
    ]
    text = path.read_text(encoding="utf-8")
    assert (
        text.index("action: Invites the team")
        < text.index("invites-go-to-spam")
        < text.index("kpis:")
    )


def add_column(workbook: Workbook) -> None:
    sheet = workbook[JOURNEY]
    column = sheet[journey_cell(sheet, "Step id", "invites-team")].column
    sheet.insert_cols(column)
    sheet.cell(row=3, column=column).value = "Imports a spreadsheet"
    thoughts = sheet[journey_cell(sheet, "Thoughts", "signs-up")].row
    sheet.cell(row=thoughts, column=column).value = "Will my dates survive?"


def test_a_new_column_becomes_a_step_where_it_stands(tmp_path: Path) -> None:
    path, book = exported(tmp_path)
    edit(book, add_column)
    result = imported(path, book)
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert changes(MAP, after) == [
        "+      - id: imports-a-spreadsheet",
        "+        action: Imports a spreadsheet",
        "+        thoughts:",
        "+          - Will my dates survive?",
    ]
    assert (
        "        owner: growth\n"
        "      - id: imports-a-spreadsheet\n"
        "        action: Imports a spreadsheet\n"
        "        thoughts:\n"
        "          - Will my dates survive?\n"
        "      # Olivia invites her team once the first project works.\n"
        "      - id: invites-team\n"
    ) in after


def delete_column(workbook: Workbook) -> None:
    sheet = workbook[JOURNEY]
    sheet.delete_cols(sheet[journey_cell(sheet, "Step id", "invites-team")].column)


def test_a_deleted_column_is_named_and_kept(tmp_path: Path) -> None:
    path, book = exported(tmp_path)
    edit(book, delete_column)
    result = imported(path, book)
    assert result.exit_code == 0, result.output
    assert "step `invites-team` (Invites the team) has no column; it is kept" in result.stderr
    assert path.read_text(encoding="utf-8") == MAP


def test_a_deleted_column_deletes_its_step_with_allow_deletes(tmp_path: Path) -> None:
    path, book = exported(tmp_path)
    edit(book, delete_column)
    result = imported(path, book, "--allow-deletes")
    assert result.exit_code == 0, result.output
    assert "  Removed step `invites-team` (Invites the team)" in result.stdout
    removed = changes(MAP, path.read_text(encoding="utf-8"))
    assert removed == [
        "-      # Olivia invites her team once the first project works.",
        "-      - id: invites-team",
        "-        action: Invites the team",
        "-        kpis:",
        "-          - id: invite-rate",
        "-            name: Trials that invite a colleague",
        "-            baseline: 31",
        "-            target: 45",
        '-            unit: "%"',
        "-            better: higher",
    ]


def test_bad_cells_are_all_reported_and_nothing_is_written(tmp_path: Path) -> None:
    path, book = exported(tmp_path)

    def spoil(workbook: Workbook) -> None:
        sheet = workbook[JOURNEY]
        sheet[journey_cell(sheet, "Emotion (every persona)", "signs-up")] = "ecstatic"
        sheet[journey_cell(sheet, "Step", "signs-up").replace("3", "4")] = "Changed too"
        kpis = workbook["KPIs"]
        kpis[f"{column_of(kpis, 'Baseline')}{table_row(kpis, 'invite-rate')}"] = "thirty"

    edit(book, spoil)
    before = path.stat().st_mtime_ns
    result = imported(path, book)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: Journey!C9: `ecstatic` is not a label of the emotion scale; choose one of "
        "very positive (+2), positive (+1), neutral (0), negative (-1), very negative (-2)",
        "error: KPIs!D2: `thirty` is not a number; write it with digits and a point (41.5)",
        f"error: nothing was written: 2 cells to fix in {book}",
    ]
    assert path.read_text(encoding="utf-8") == MAP and path.stat().st_mtime_ns == before


def test_a_result_that_would_not_validate_is_not_written(tmp_path: Path) -> None:
    path, book = exported(tmp_path)

    def drop_pain(workbook: Workbook) -> None:
        sheet = workbook["Pain points"]
        sheet.delete_rows(table_row(sheet, "unclear-pricing"))

    edit(book, drop_pain)
    result = imported(path, book, "--allow-deletes")
    assert result.exit_code == 1
    assert "unclear-pricing" in result.stderr
    assert "error: nothing was written: the map would have 1 new error" in result.stderr
    assert path.read_text(encoding="utf-8") == MAP


def test_dry_run_shows_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    path, book = exported(tmp_path)
    edit(book, add_column)
    result = imported(path, book, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        f"Would change {path}: 1 cell carried over.",
        "  Added step `imports-a-spreadsheet` (Imports a spreadsheet) in stage `trial`",
    ]
    assert "+      - id: imports-a-spreadsheet" in result.stdout
    assert path.read_text(encoding="utf-8") == MAP


def test_help() -> None:
    for group in ("export", "import"):
        result = cjm(group, "workbook", "--help")
        assert result.exit_code == 0
        assert "docs/spreadsheets.md" in result.stdout
    assert "--allow-deletes" in cjm("import", "workbook", "--help").stdout


def test_a_missing_workbook_or_map(tmp_path: Path) -> None:
    path, book = exported(tmp_path)
    result = imported(path, tmp_path / "gone.xlsx")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: no such file or folder: {tmp_path / 'gone.xlsx'}\n",
    )
    result = imported(tmp_path / "gone.yaml", book)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: no such map file: {tmp_path / 'gone.yaml'}\n",
    )
    result = cjm("export", "workbook", str(tmp_path / "gone.yaml"))
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: no such map file: {tmp_path / 'gone.yaml'}\n",
    )


def test_not_a_workbook(tmp_path: Path) -> None:
    path, _ = exported(tmp_path)
    result = imported(path, path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {path} is not an .xlsx workbook; export one with `cjm export workbook`, "
        "or pass a CSV table\n"
    )
    assert path.read_text(encoding="utf-8") == MAP


def test_the_workbook_of_another_map(tmp_path: Path) -> None:
    _, book = exported(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    other_map = write_map(other, MAP.replace("id: trial\n", "id: other-trial\n", 1))
    result = imported(other_map, book)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {book} is the workbook of map `trial`, not of `other-trial` ({other_map})\n"
    )


def test_a_map_that_does_not_load(tmp_path: Path) -> None:
    path, book = exported(tmp_path)
    path.write_text(MAP.replace("type: current-state", "type: someday"), encoding="utf-8")
    result = imported(path, book)
    assert result.exit_code == 2
    assert "is not a map that loads; run `cjm validate" in result.stderr
