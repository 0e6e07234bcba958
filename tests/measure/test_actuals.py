"""`write_actuals`: measured KPI values written into the map's text, every other byte kept."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm.load.document import parse_document
from cjm.measure.actuals import ActualsEdit, actual_value, write_actuals
from cjm.model import JourneyMap
from cjm.model.base import Period
from cjm.model.snapshot import KpiResult

HEAD = """\
# The trial journey.
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas:
  - id: olivia
    name: Ops Olivia
stages:
  - id: signup
    name: Sign-up
"""

BLOCK = (
    HEAD
    + """\
    kpis:
      # How many trials activate.
      - id: activation
        name: Trial activation   # the headline
        unit: "%"
        target: 45
        actual: 38.2   # last quarter
        actual_date: 2026-09-30
    steps:
      - id: start-trial
        action: Starts a trial
        kpis:
          - {id: time-to-invite, name: Time to invite, unit: days}
      - id: pay
        action: Pays
"""
)

NOVEMBER = Period(start=datetime.date(2026, 11, 3), end=datetime.date(2026, 11, 30))
ONE_DAY = Period(start=datetime.date(2026, 11, 30), end=datetime.date(2026, 11, 30))


def journey(text: str) -> JourneyMap:
    document = parse_document(Path("trial.yaml"), "trial.yaml", text, JourneyMap)
    assert document.model is not None, document.diagnostics
    return document.model


def result(kpi: str, value: float | None, as_: str = "percent") -> KpiResult:
    measure = "time-to-next" if as_ == "days" else "conversion"
    statistic = "median" if as_ == "days" else None
    return KpiResult.model_validate(
        {"kpi": kpi, "measure": measure, "statistic": statistic, "as": as_, "value": value}
    )


def write(text: str, results: list[KpiResult], period: Period = NOVEMBER) -> ActualsEdit:
    return write_actuals(text, journey(text), results, period, "maps/trial.yaml")


def kpis(text: str) -> dict[str, dict[str, object]]:
    return {
        kpi.id: kpi.model_dump(include={"actual", "actual_date", "actual_period"})
        for kpi in journey(text).all_kpis()
    }


def test_block_kpi_value_and_period_swap_keep_every_comment() -> None:
    edit = write(BLOCK, [result("activation", 41.04)])
    assert edit.skipped == []
    assert [(c.kpi, c.before, c.after) for c in edit.changed] == [("activation", 38.2, 41)]
    assert edit.text == BLOCK.replace(
        "actual: 38.2   # last quarter\n        actual_date: 2026-09-30",
        "actual: 41   # last quarter\n        actual_period: {start: 2026-11-03, end: 2026-11-30}",
    )
    assert kpis(edit.text)["activation"] == {
        "actual": 41,
        "actual_date": None,
        "actual_period": {"start": datetime.date(2026, 11, 3), "end": datetime.date(2026, 11, 30)},
    }


def test_flow_kpi_gets_the_missing_keys_inside_its_braces() -> None:
    edit = write(BLOCK, [result("time-to-invite", 2.75, "days")])
    assert edit.text == BLOCK.replace(
        "{id: time-to-invite, name: Time to invite, unit: days}",
        "{id: time-to-invite, name: Time to invite, unit: days, actual: 2.75, "
        "actual_period: {start: 2026-11-03, end: 2026-11-30}}",
    )


def test_a_missing_actual_is_added_after_the_last_key_with_its_comment() -> None:
    text = BLOCK.replace("        actual: 38.2   # last quarter\n", "").replace(
        "        actual_date: 2026-09-30\n", ""
    )
    edit = write(text, [result("activation", 40.0)], ONE_DAY)
    assert edit.text == text.replace(
        "        target: 45\n",
        "        target: 45\n        actual: 40\n        actual_date: 2026-11-30\n",
    )


def test_a_period_becomes_a_date_when_it_is_one_day() -> None:
    text = BLOCK.replace(
        "        actual_date: 2026-09-30\n",
        "        actual_period:\n          start: 2026-09-01   # c\n          end: 2026-09-30\n",
    )
    edit = write(text, [result("activation", 38.2)], ONE_DAY)
    assert edit.text == BLOCK.replace("2026-09-30", "2026-11-30")
    # And back: the period's own start and end are replaced where they stand.
    again = write(text, [result("activation", 38.2)])
    assert again.text == text.replace("2026-09-01", "2026-11-03").replace(
        "2026-09-30", "2026-11-30"
    )


def test_crlf_and_a_byte_order_mark_are_kept() -> None:
    text = "\ufeff" + BLOCK.replace("\n", "\r\n")
    edit = write(text, [result("activation", 39.96), result("time-to-invite", 3, "days")])
    assert edit.text.startswith("\ufeff")
    assert "\n" not in edit.text.replace("\r\n", "")
    assert "actual: 40   # last quarter\r\n" in edit.text
    assert "unit: days, actual: 3, actual_period:" in edit.text
    assert kpis(edit.text.lstrip("\ufeff"))["activation"]["actual"] == 40


def test_a_second_run_changes_nothing() -> None:
    results = [result("activation", 41.04), result("time-to-invite", 2.75, "days")]
    first = write(BLOCK, results)
    second = write(first.text, results)
    assert second.text == first.text
    assert second.changed == []
    assert len(first.changed) == 2


def test_kpis_that_cannot_be_written_are_skipped_with_a_reason() -> None:
    text = BLOCK.replace("      - id: activation\n", "      - &kpi\n        id: activation\n")
    text = text.replace(
        "          - {id: time-to-invite, name: Time to invite, unit: days}",
        "          - {id: time-to-invite,\n             name: Time to invite}",
    )
    edit = write(
        text,
        [
            result("activation", 41),
            result("time-to-invite", 2, "days"),
            result("nowhere", 3),
            result("unmeasured", None),
        ],
    )
    assert edit.text == text
    reasons = dict(edit.skipped)
    assert reasons["unmeasured"] == "not measured: it has no value"
    assert "anchor" in reasons["activation"]
    assert reasons["time-to-invite"].startswith("maps/trial.yaml:")
    assert "flow mapping" in reasons["time-to-invite"]
    assert reasons["nowhere"] == "the map has no KPI with this id"


def test_a_future_state_map_is_left_alone() -> None:
    text = BLOCK.replace("type: current-state", "type: future-state")
    edit = write(text, [result("activation", 50)])
    assert edit.text == text
    assert edit.skipped == [
        ("activation", "a future-state map: its KPI values are targets, not measurements")
    ]


def test_percentages_are_rounded_to_one_decimal_and_other_values_kept() -> None:
    assert actual_value(result("a", 38.249)) == 38.2
    assert actual_value(result("a", 38.0)) == 38
    assert actual_value(result("a", 2.123456, "days")) == 2.123456
    assert actual_value(result("a", None)) is None


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    value=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    days=st.integers(min_value=0, max_value=60),
    crlf=st.booleans(),
    comment=st.sampled_from(["", "  # note", "   #"]),
)
def test_any_value_reads_back_and_only_those_fields_change(
    value: float, days: int, crlf: bool, comment: str
) -> None:
    text = BLOCK.replace("target: 45\n", f"target: 45{comment}\n")
    if crlf:
        text = text.replace("\n", "\r\n")
    start = datetime.date(2026, 10, 1)
    period = Period(start=start, end=start + datetime.timedelta(days=days))
    edit = write(
        text, [result("activation", value), result("time-to-invite", value, "days")], period
    )
    assert edit.skipped == []
    written = kpis(edit.text)
    assert written["activation"]["actual"] == actual_value(result("activation", value))
    assert written["time-to-invite"]["actual"] == actual_value(result("t", value, "days"))
    for kpi in written.values():
        if days == 0:
            assert kpi["actual_date"] == start and kpi["actual_period"] is None
        else:
            assert kpi["actual_date"] is None
            assert kpi["actual_period"] == {"start": start, "end": period.end}
    # Every line of the original that held no written field is still there, as it was.
    kept = [
        line for line in text.splitlines() if "actual" not in line and "time-to-invite" not in line
    ]
    assert all(line in edit.text.splitlines() for line in kept)
    assert (
        write(
            edit.text,
            [result("activation", value), result("time-to-invite", value, "days")],
            period,
        ).text
        == edit.text
    )


@pytest.mark.parametrize("actual", ["actual:", "actual:   # c", "actual: ~"])
@pytest.mark.parametrize("day", ["actual_date:", "actual_period:", "actual_date: 2026-09-30"])
@pytest.mark.parametrize("period", [ONE_DAY, NOVEMBER])
def test_empty_values_are_filled_in(actual: str, day: str, period: Period) -> None:
    text = BLOCK.replace("actual: 38.2   # last quarter", actual).replace(
        "actual_date: 2026-09-30", day
    )
    edit = write(text, [result("activation", 41)], period)
    assert edit.skipped == []
    comment = "   # c" if "#" in actual else ""
    dates = (
        "actual_date: 2026-11-30"
        if period is ONE_DAY
        else "actual_period: {start: 2026-11-03, end: 2026-11-30}"
    )
    assert f"        actual: 41{comment}\n        {dates}\n    steps:" in edit.text


def test_flow_kpi_values_are_replaced_where_they_stand() -> None:
    flow = "{id: time-to-invite, name: Time to invite, unit: days}"
    dated = "{id: time-to-invite, name: T, actual: 2, actual_date: 2026-09-30, unit: days}"
    text = BLOCK.replace(flow, dated)
    edit = write(text, [result("time-to-invite", 2.5, "days")])
    assert edit.text == text.replace(
        dated,
        "{id: time-to-invite, name: T, actual: 2.5, actual_period: {start: 2026-11-03, "
        "end: 2026-11-30}, unit: days}",
    )
    back = write(edit.text, [result("time-to-invite", 2.5, "days")], ONE_DAY)
    assert back.text == text.replace(dated, dated.replace(" 2,", " 2.5,").replace("09", "11"))
