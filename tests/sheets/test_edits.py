"""Edits made in the workbook with openpyxl come back as the expected change of the map."""

from __future__ import annotations

from pathlib import Path

from openpyxl.workbook import Workbook

from cjm.sheets.layout import JOURNEY
from tests.sheets.common import (
    apply,
    column_of,
    edit,
    export,
    journey_cell,
    load,
    table_row,
    write_map,
)


def prepared(tmp_path: Path):  # type: ignore[no-untyped-def]
    loaded = load(write_map(tmp_path))
    return loaded, export(loaded, tmp_path)


def steps_of(data, stage: int):  # type: ignore[no-untyped-def]
    return data["stages"][stage]["steps"]


def test_an_untouched_workbook_changes_nothing(tmp_path: Path) -> None:
    loaded, book = prepared(tmp_path)
    outcome = apply(loaded, book)
    assert outcome.problems == [] and outcome.notes == []
    assert outcome.data == loaded.data and outcome.cells == 0


def test_renaming_a_step(tmp_path: Path) -> None:
    loaded, book = prepared(tmp_path)

    def rename(workbook: Workbook) -> None:
        sheet = workbook[JOURNEY]
        sheet[journey_cell(sheet, "Step id", "signs-up").replace("2", "3")] = "Starts a free trial"

    edit(book, rename)
    outcome = apply(loaded, book)
    assert outcome.problems == []
    expected = loaded.data
    expected["stages"][1]["steps"][0]["action"] = "Starts a free trial"
    assert outcome.data == expected
    assert outcome.renamed == ["`signs-up`: Signs up for the trial \u2192 Starts a free trial"]


def test_changing_an_emotion_keeps_its_label(tmp_path: Path) -> None:
    loaded, book = prepared(tmp_path)

    def change(workbook: Workbook) -> None:
        sheet = workbook[JOURNEY]
        sheet[journey_cell(sheet, "Emotion: Finance Farid (farid)", "compares-pricing")] = (
            "very negative (-2)"
        )
        sheet[journey_cell(sheet, "Emotion (every persona)", "signs-up")] = "positive"
        sheet[journey_cell(sheet, "Emotion: Ops Olivia (olivia)", "invites-team")] = 2

    edit(book, change)
    outcome = apply(loaded, book)
    assert outcome.problems == []
    step = outcome.data["stages"][0]["steps"][0]
    assert step["emotions"] == {"farid": {"score": -2, "label": "wary"}}
    assert outcome.data["stages"][1]["steps"][0]["emotion"] == 1  # positive: as it was
    assert outcome.data["stages"][1]["steps"][1]["emotions"] == {"olivia": 2}
    assert list(outcome.data["stages"][1]["steps"][1]) == ["id", "action", "emotions", "kpis"]
    assert outcome.cells == 2


def test_adding_a_pain_point_row(tmp_path: Path) -> None:
    loaded, book = prepared(tmp_path)

    def add(workbook: Workbook) -> None:
        sheet = workbook["Pain points"]
        sheet.append([None, "invites-team", "Invites go to spam", "medium", None, "support"])

    edit(book, add)
    outcome = apply(loaded, book)
    assert outcome.problems == []
    step = outcome.data["stages"][1]["steps"][1]
    assert list(step) == ["id", "action", "pain_points", "kpis"]  # in the format's order
    assert step["pain_points"] == [
        {
            "id": "invites-go-to-spam",
            "summary": "Invites go to spam",
            "severity": "medium",
            "owner": "support",
        }
    ]
    assert outcome.added == ["pain point `invites-go-to-spam` (Invites go to spam)"]


def test_adding_a_column_adds_a_step(tmp_path: Path) -> None:
    loaded, book = prepared(tmp_path)

    def add(workbook: Workbook) -> None:
        sheet = workbook[JOURNEY]
        column = sheet[journey_cell(sheet, "Step id", "invites-team")].column
        sheet.insert_cols(column)  # between signs-up and invites-team
        sheet.cell(row=3, column=column).value = "Imports a spreadsheet"
        row = sheet[journey_cell(sheet, "Touchpoints", "signs-up")].row
        sheet.cell(row=row, column=column).value = "welcome-email\npricing-page"

    edit(book, add)
    outcome = apply(loaded, book)
    assert outcome.problems == []
    assert [s["id"] for s in steps_of(outcome.data, 1)] == [
        "signs-up",
        "imports-a-spreadsheet",
        "invites-team",
    ]
    assert steps_of(outcome.data, 1)[1] == {
        "id": "imports-a-spreadsheet",
        "action": "Imports a spreadsheet",
        "touchpoints": ["welcome-email", "pricing-page"],
    }
    assert outcome.added == [
        "step `imports-a-spreadsheet` (Imports a spreadsheet) in stage `trial`"
    ]


def test_a_new_step_gets_an_id_no_other_item_has(tmp_path: Path) -> None:
    loaded, book = prepared(tmp_path)

    def add(workbook: Workbook) -> None:
        sheet = workbook[JOURNEY]
        sheet.cell(row=3, column=sheet.max_column + 1).value = "Signs up!"

    edit(book, add)
    outcome = apply(loaded, book)
    assert [s["id"] for s in steps_of(outcome.data, 1)] == [
        "signs-up",
        "invites-team",
        "signs-up-2",
    ]


def delete_invites_column(workbook: Workbook) -> None:
    sheet = workbook[JOURNEY]
    sheet.delete_cols(sheet[journey_cell(sheet, "Step id", "invites-team")].column)


def test_a_deleted_column_is_kept_without_allow_deletes(tmp_path: Path) -> None:
    loaded, book = prepared(tmp_path)
    edit(book, delete_invites_column)
    outcome = apply(loaded, book)
    assert outcome.problems == [] and outcome.data == loaded.data
    assert outcome.notes == [
        "Journey: step `invites-team` (Invites the team) has no column; it is kept "
        "(import with --allow-deletes to delete it)"
    ]


def test_a_deleted_column_deletes_its_step_with_allow_deletes(tmp_path: Path) -> None:
    loaded, book = prepared(tmp_path)
    edit(book, delete_invites_column)
    outcome = apply(loaded, book, allow_deletes=True)
    assert [s["id"] for s in steps_of(outcome.data, 1)] == ["signs-up"]
    assert outcome.removed == ["step `invites-team` (Invites the team)"]


def test_every_bad_cell_is_reported_at_its_sheet_and_cell(tmp_path: Path) -> None:
    loaded, book = prepared(tmp_path)

    def spoil(workbook: Workbook) -> None:
        sheet = workbook[JOURNEY]
        sheet[journey_cell(sheet, "Emotion (every persona)", "signs-up")] = "ecstatic"
        sheet[journey_cell(sheet, "Touchpoints", "signs-up")] = "pricing-page\nbillboard"
        sheet[journey_cell(sheet, "Owner", "signs-up")] = "marketing"
        sheet["A8"] = "Emotion: Nobody (nobody)"
        sheet[journey_cell(sheet, "Step id", "invites-team")] = "invites-everyone"
        kpis = workbook["KPIs"]
        kpis[f"{column_of(kpis, 'Target')}{table_row(kpis, 'invite-rate')}"] = "45 %"
        pains = workbook["Pain points"]
        pains[f"{column_of(pains, 'Severity')}{table_row(pains, 'unclear-pricing')}"] = "awful"

    edit(book, spoil)
    outcome = apply(loaded, book)
    assert [str(p) for p in outcome.problems] == [
        "Journey!A8: unknown persona in `Emotion: Nobody (nobody)`; the map's personas: "
        "olivia, farid",
        "Journey!D2: unknown step id `invites-everyone`; leave the id empty for a new step",
        "Journey!C5: unknown id `billboard` in touchpoints (known: pricing-page, welcome-email)",
        "Journey!C9: `ecstatic` is not a label of the emotion scale; choose one of very positive "
        "(+2), positive (+1), neutral (0), negative (-1), very negative (-2)",
        "Journey!C21: unknown id `marketing` in owner (known: growth, support)",
        "Pain points!D2: `awful` is not a severity of this map (low, medium, high, critical)",
        "KPIs!E2: `45 %` is not a number; write it with digits and a point (41.5)",
    ]


def test_a_stage_renamed_in_row_one_is_named_and_not_carried_over(tmp_path: Path) -> None:
    loaded, book = prepared(tmp_path)
    edit(book, lambda workbook: workbook[JOURNEY].cell(row=1, column=3, value="Try it"))
    outcome = apply(loaded, book)
    assert outcome.data == loaded.data and outcome.problems == []
    assert outcome.notes == [
        "Journey!C1: stage names are changed in the YAML (this change is not carried over)"
    ]


def test_a_read_only_lane_changed_is_named_and_not_carried_over(tmp_path: Path) -> None:
    loaded, book = prepared(tmp_path)

    def change(workbook: Workbook) -> None:
        sheet = workbook[JOURNEY]
        sheet[journey_cell(sheet, "Pain points", "signs-up")] = "slow-sign-up: Too slow"

    edit(book, change)
    outcome = apply(loaded, book)
    assert outcome.data == loaded.data and outcome.problems == []
    assert outcome.notes == [
        "Journey!C12: the Pain points lane is for reference; edit them in their own sheet "
        "(this change is not carried over)"
    ]
