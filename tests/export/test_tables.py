"""The three tables: columns defined once, values from the portfolio as they are."""

from __future__ import annotations

import datetime
from pathlib import Path

from cjm.export.tables import (
    KPI_COLUMNS,
    OPPORTUNITY_COLUMNS,
    PAIN_COLUMNS,
    Table,
    Tables,
    build_tables,
)
from tests.export.conftest import REPO, TODAY, portfolio_of


def rows_by_key(table: Table) -> dict[str, dict[str, object]]:
    return {str(row[0]): dict(zip(table.headers, row, strict=True)) for row in table.rows}


def test_three_tables_named_for_sheets_and_files(bank: Tables) -> None:
    assert [(t.name, t.file) for t in bank.tables] == [
        ("Pain points", "pain-points.csv"),
        ("Opportunities", "opportunities.csv"),
        ("KPIs", "kpis.csv"),
    ]
    for table, columns in zip(
        bank.tables, (PAIN_COLUMNS, OPPORTUNITY_COLUMNS, KPI_COLUMNS), strict=True
    ):
        assert table.headers == [c.header for c in columns]
        assert table.headers[0] == "Key"
        assert all(len(row) == len(columns) for row in table.rows)


def test_every_row_of_the_portfolio_once_keyed_and_in_its_order() -> None:
    portfolio = portfolio_of(REPO / "examples" / "bank-account-opening")
    tables = build_tables(portfolio)
    pains, opportunities, kpis = tables.tables
    assert [r[0] for r in pains.rows] == [p.key for p in portfolio.pains]
    assert [r[0] for r in opportunities.rows] == [o.key for o in portfolio.opportunities]
    assert [r[0] for r in kpis.rows] == [k.key for k in portfolio.kpis]
    assert len(pains.rows) == 9 and len(opportunities.rows) == 7 and len(kpis.rows) == 17
    assert all(
        str(r[0]).startswith(("account-opening/", "account-opening-2027/")) for r in kpis.rows
    )


def test_about_names_the_workspace_the_day_and_the_maps(bank: Tables) -> None:
    assert bank.about.title == "Northmere Bank, opening a current account"
    assert bank.about.today == TODAY
    assert [m[0] for m in bank.about.maps] == ["account-opening-2027", "account-opening"]
    assert bank.about.maps[1][2] == "maps/account-opening.yaml"
    assert bank.about.left_out == []


def test_pain_point_row(bank: Tables) -> None:
    row = rows_by_key(bank.tables[0])["account-opening/bill-asked-for-without-need"]
    assert row["Journey"] == "account-opening"
    assert row["Journey title"] == "Opening a current account, today"
    assert row["Stage"] == "Prove identity"
    assert row["Step number"] == 6
    assert row["Severity"] == "regulatory" and row["Counts as"] == "critical"
    assert row["Status"] == "open"
    assert row["Owner"] == "Compliance" and row["Owner id"] == "compliance"
    assert row["Personas"] == "Branch Bernard"
    assert row["Channels"] == "branch"
    assert row["Addressed by"] == "account-opening/identity-documents-refresher"


def test_a_pain_point_naming_no_persona_hurts_every_persona(hostile: Tables) -> None:
    rows = rows_by_key(hostile.tables[0])
    assert rows["hostile/slow-page"]["Personas"] == "every persona"
    assert rows["hostile/card-declined"]["Personas"] == "@Pia"


def test_several_values_are_joined_with_semicolons(hostile: Tables) -> None:
    pains = rows_by_key(hostile.tables[0])
    assert pains["hostile/card-declined"]["Addressed by"] == "hostile/retry; hostile/unsized"
    opportunity = rows_by_key(hostile.tables[1])["hostile/retry"]
    assert (
        opportunity["Links"] == "https://tracker.example.com/T-1; https://tracker.example.com/T-2"
    )


def test_opportunity_rows_position_only_when_sized(hostile: Tables) -> None:
    rows = rows_by_key(hostile.tables[1])
    retry = rows["hostile/retry"]
    assert retry["Position"] == 1
    assert (retry["Impact"], retry["Effort"], retry["Quadrant"]) == ("high", "low", "Quick wins")
    assert retry["Due"] == datetime.date(2026, 12, 31)
    assert retry["Release"] == "2027.1"
    assert retry["Addresses"] == "hostile/card-declined"
    unsized = rows["hostile/unsized"]
    assert unsized["Position"] is None  # never guessed
    assert (unsized["Impact"], unsized["Effort"], unsized["Quadrant"]) == ("", "", "")
    assert unsized["Due"] is None


def test_pain_points_no_map_holds_are_named_not_dropped(hostile: Tables) -> None:
    signs = rows_by_key(hostile.tables[1])["broken/signs"]
    assert signs["Addresses"] == "broken/lost"
    assert signs["Addresses, not found"] == "broken/nowhere"


def test_kpi_rows_keep_numbers_and_dates_and_use_the_reports_words(hostile: Tables) -> None:
    rows = rows_by_key(hostile.tables[2])
    time = rows["hostile/pay-time"]
    assert time["Baseline"] == 90 and isinstance(time["Baseline"], int)
    assert time["Actual"] == 75.5
    assert time["Target"] == 60
    assert time["Baseline date"] == datetime.date(2026, 1, 31)
    assert time["Actual period from"] == datetime.date(2026, 9, 1)
    assert time["Actual period to"] == datetime.date(2026, 9, 30)
    assert time["Target date"] == datetime.date(2027, 1, 31)
    assert time["Better"] == "lower"
    assert time["Status"] == "not on target yet"  # the target date is still ahead
    assert time["Gap"] == "15.5 seconds short"
    assert time["Change since baseline"] == -14.5
    assert time["Movement"] == "moved the right way"
    rate = rows["hostile/pay-rate"]
    assert (rate["Better"], rate["Status"]) == ("unknown", "direction unknown")
    assert rate["Baseline"] is None and rate["Change since baseline"] is None
    assert rate["Movement"] == "no baseline to compare with"
    score = rows["hostile/pay-score"]
    assert score["Status"] == "no target"
    assert score["Movement"] == "direction unknown: cannot tell whether that is better"


def test_change_is_rounded_as_the_report_rounds_it(bank: Tables) -> None:
    start = rows_by_key(bank.tables[2])["account-opening-2027/application-start-rate"]
    assert start["Change since baseline"] == 0.6  # 6.8 - 6.2, not 0.5999999999999996


def test_hidden_characters_are_shown_in_the_cells(hostile: Tables) -> None:
    row = rows_by_key(hostile.tables[0])["hostile/card-declined"]
    assert row["Step"] == "Pays\u27e8U+0007\u27e9by card"
    assert row["Pain point"] == "=1+2 card declined \u27e8U+202E\u27e9gnp.exe"


def test_long_text_is_cut_and_the_cut_is_recorded(hostile_folder: Path) -> None:
    folder = hostile_folder
    path = folder / "maps" / "hostile.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('description: "#N/A"', "description: " + "z" * 40_000), encoding="utf-8"
    )
    tables = build_tables(portfolio_of(folder))
    row = rows_by_key(tables.tables[0])["hostile/card-declined"]
    assert len(str(row["Description"])) == 32_767
    assert str(row["Description"]).endswith("cut: 40,000 characters, a cell holds 32,767]")
    assert [(c.table, c.key, c.column, c.length) for c in tables.cut] == [
        ("Pain points", "hostile/card-declined", "Description", 40_000)
    ]


def test_maps_left_out_are_named_with_why(hostile_folder: Path) -> None:
    tables = build_tables(portfolio_of(hostile_folder))
    assert tables.about.left_out == [("maps/broken.yaml", "it has 2 errors")]
    assert [m[0] for m in tables.about.maps] == ["hostile"]
