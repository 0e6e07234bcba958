"""Hard cases of the funnel, each with its numbers worked out by hand, and checked against
the reference too."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from cjm.measure.assemble import FunnelOutcome
from cjm.measure.kpis import kpi_results
from cjm.measure.plan import FunnelPlan
from cjm.model.snapshot import Segment
from tests.measure.funnel_support import WRITERS, binding, measure, plan_for, source
from tests.measure.reference import reference_funnel

UTC = datetime.UTC
THREE = {"s0": {"event": "e0"}, "s1": {"event": "e1"}, "s2": {"event": "e2"}}
LINE = [["s0", "s1"], ["s2"]]


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, second, tzinfo=UTC)


def ev(name: str, when: datetime.datetime, user: str | None = "u1", **extra: Any) -> dict[str, Any]:
    return {"user_id": user, "event": name, "timestamp": when, **extra}


def run(
    tmp_path: Path, rows: list[dict[str, Any]], plan: FunnelPlan, form: str = "parquet"
) -> FunnelOutcome:
    WRITERS[form](rows, tmp_path / "events" / f"part.{form}")
    got = measure(plan, tmp_path)
    assert got == reference_funnel(plan, rows)
    return got


def reach(segment: Segment) -> list[int]:
    return [step.reach for step in segment.steps]


def three(form: str = "parquet", **options: Any) -> FunnelPlan:
    return plan_for(LINE, binding(THREE, **options), source(f"events/*.{form}"))


@pytest.mark.parametrize("form", sorted(WRITERS))
def test_same_second_steps_count_in_every_format(tmp_path: Path, form: str) -> None:
    rows = [ev("e0", at(28, 10)), ev("e1", at(28, 10)), ev("e2", at(28, 10))]
    got = run(tmp_path, rows, three(form, order="strict"), form)
    assert reach(got.segments[0]) == [1, 1, 1]
    timing = got.segments[0].steps[0].time_to_next
    assert timing is not None and (timing.median, timing.p90, timing.units) == (0, 0, 1)


def test_repeated_steps_count_once_and_matches_count_events(tmp_path: Path) -> None:
    rows = [ev("e0", at(28, 9)), ev("e0", at(28, 10)), ev("e1", at(28, 11)), ev("e1", at(28, 12))]
    got = run(tmp_path, rows, three())
    everyone = got.segments[0]
    assert reach(everyone) == [1, 1, 0]
    assert everyone.steps[0].time_to_next is not None
    assert everyone.steps[0].time_to_next.median == 7200  # from the first e0 to the first e1
    assert [(m.step, m.events, m.units) for m in got.matches] == [
        ("s0", 2, 1),
        ("s1", 2, 1),
        ("s2", 0, 0),
    ]
    assert everyone.steps[0].conversion == 1 and everyone.steps[1].conversion == 0
    assert everyone.steps[1].drop_off == 1 and everyone.steps[2].conversion is None


@pytest.mark.parametrize(
    ("mode", "entered", "units", "without_unit"),
    [("stitch", [1, 1, 1], 1, 0), ("separate", [2, 2, 1], 2, 0), ("drop", [1, 1, 1], 1, 2)],
)
def test_anonymous_visitors_who_identify_later(
    tmp_path: Path, mode: str, entered: list[int], units: int, without_unit: int
) -> None:
    rows = [
        ev("e0", at(28, 9), None, anonymous_id="anon"),
        ev("e1", at(28, 9, 30), None, anonymous_id="anon"),
        ev("login", at(28, 10), "u1", anonymous_id="anon"),
        ev("e0", at(28, 10, 5), "u1"),
        ev("e1", at(28, 10, 10), "u1"),
        ev("e2", at(28, 11), "u1"),
    ]
    got = run(tmp_path, rows, three(anonymous=mode))
    assert reach(got.segments[0]) == entered
    assert got.data.units == units and got.data.events_without_unit == without_unit
    if mode == "stitch":
        # The visitor's first e0 (09:00) is the user's entry.
        timing = got.segments[0].steps[0].time_to_next
        assert timing is not None and timing.median == 1800


def test_stitching_picks_the_earliest_link_then_the_smallest_user(tmp_path: Path) -> None:
    rows = [
        ev("e0", at(28, 8), None, anonymous_id="anon"),
        ev("login", at(28, 9), "zed", anonymous_id="anon"),
        ev("login", at(28, 9), "amy", anonymous_id="anon"),
        ev("login", at(28, 8, 30), "bob", anonymous_id="anon2"),
        ev("login", at(28, 7), "zed", anonymous_id="anon2"),
    ]
    personas = {"p": {"where": [{"column": "user_id", "equals": "amy"}]}}
    got = run(tmp_path, rows, three(personas=personas))
    assert got.segments[1].entered == 1  # anon is amy (tie at 09:00, smallest id)
    assert got.data.units == 3


def test_period_edges_follow_the_time_zone_through_daylight_saving(tmp_path: Path) -> None:
    # Berlin moves to summer time on 2026-03-29; the period's last day ends at 22:00 UTC.
    period = {"start": "2026-03-29", "end": "2026-03-29"}
    rows = [
        ev("e0", at(28, 22, 59, 59), "before"),  # 23:59:59 on the 28th, winter time
        ev("e0", at(28, 23), "first"),  # 00:00 on the 29th
        ev("e0", at(29, 21, 59, 59), "last"),  # 23:59:59 on the 29th, summer time
        ev("e0", at(29, 22), "after"),  # 00:00 on the 30th
    ]
    got = run(tmp_path, rows, three(timezone="Europe/Berlin", period=period))
    assert got.segments[0].entered == 2 and got.data.events == 2


def test_later_steps_count_within_the_window_even_after_the_period(tmp_path: Path) -> None:
    period = {"start": "2026-03-28", "end": "2026-03-28"}
    rows = [
        ev("e0", at(28, 23), "late"),
        ev("e1", at(29, 1), "late"),  # after the period, inside the 1-day window
        ev("e2", at(29, 23, 0, 1), "late"),  # one second past the window
        ev("e0", at(28, 1), "edge"),
        ev("e1", at(29, 1), "edge"),  # exactly at the window's end: counts
        ev("e0", at(29, 2), "outside"),  # enters after the period: not counted
    ]
    got = run(tmp_path, rows, three(period=period, window="1 day"))
    assert reach(got.segments[0]) == [2, 2, 0]
    assert got.data.events == 2  # only the two e0 inside the period


@pytest.mark.parametrize(
    ("order", "expected"),
    [("in-order", [1, 1, 1]), ("strict", [1, 0, 0]), ("any", [1, 1, 1])],
)
def test_strict_order_breaks_on_another_step_between(
    tmp_path: Path, order: str, expected: list[int]
) -> None:
    rows = [ev("e0", at(28, 9)), ev("e2", at(28, 10)), ev("e1", at(28, 11)), ev("e2", at(28, 12))]
    got = run(tmp_path, rows, three(order=order))
    assert reach(got.segments[0]) == expected


def test_strict_allows_repeats_of_the_step_before(tmp_path: Path) -> None:
    rows = [ev("e0", at(28, 9)), ev("e0", at(28, 10)), ev("e1", at(28, 11)), ev("e2", at(28, 12))]
    got = run(tmp_path, rows, three(order="strict"))
    assert reach(got.segments[0]) == [1, 1, 1]


def test_any_order_counts_steps_before_each_other_but_not_before_entry(tmp_path: Path) -> None:
    rows = [
        ev("e2", at(28, 8), "early"),  # before entering: not counted
        ev("e0", at(28, 9), "early"),
        ev("e1", at(28, 10), "early"),
        ev("e0", at(28, 9), "backwards"),
        ev("e2", at(28, 10), "backwards"),
        ev("e1", at(28, 11), "backwards"),
        ev("e0", at(28, 9), "gap"),
        ev("e2", at(28, 10), "gap"),  # no e1: e2 alone does not reach step 3
    ]
    got = run(tmp_path, rows, three(order="any"))
    assert reach(got.segments[0]) == [3, 2, 1]
    assert all(step.time_to_next is None for step in got.segments[0].steps)


def test_personas_split_the_funnel(tmp_path: Path) -> None:
    rows = [
        ev("e0", at(28, 9), "p1", properties={"plan": "pro"}),
        ev("e1", at(28, 9, 10), "p1"),
        ev("e0", at(28, 9), "f1", properties={"plan": "free"}),
        ev("e0", at(28, 9), "n1"),
        ev("noise", at(30, 9), "n1", properties={"plan": "pro"}),  # outside the period
    ]
    personas = {
        "pro": {"where": [{"property": "plan", "equals": "pro"}]},
        "free": {"where": [{"property": "plan", "in": ["free", "trial"]}]},
    }
    got = run(tmp_path, rows, three(personas=personas))
    assert [(s.persona, s.entered, s.steps[1].reach) for s in got.segments] == [
        (None, 3, 1),
        ("pro", 1, 1),
        ("free", 1, 0),
    ]


def test_an_empty_period_has_zeros_and_no_rates(tmp_path: Path) -> None:
    rows = [ev("e0", at(20, 9)), ev("e1", at(20, 10))]
    kpis = {
        "conv": {"measure": "conversion", "from": "s0", "to": "s2", "as": "percent"},
        "time": {"measure": "time-to-next", "step": "s0", "statistic": "median", "as": "hours"},
    }
    plan = three(kpis=kpis)
    got = run(tmp_path, rows, plan)
    everyone = got.segments[0]
    assert everyone.entered == 0 and got.data.events == 0
    assert all(step.conversion is None for step in everyone.steps)
    assert [stage.reach for stage in everyone.stages] == [0, 0]
    results = kpi_results(plan, binding(THREE, kpis=kpis), got.segments)
    assert [(r.value, r.reason) for r in results] == [
        (None, "nobody reached 's0'"),
        (None, "nobody went from 's0' to 's1'"),
    ]


def test_filters_with_odd_keys_and_values_are_read_as_written(tmp_path: Path) -> None:
    key, value = 'it\'s a "key"; DROP TABLE x; --', 'o\'brien "quoted" \\ back'
    steps = {
        "s0": {"event": "sign'up", "where": [{"property": key, "equals": value}]},
        "s1": {"event": "e1", "where": [{"column": "plan", "not_in": ["free"]}]},
        "s2": {"event": "e2", "where": [{"property": "flag", "equals": True}]},
    }
    rows = [
        ev("sign'up", at(28, 9), "yes", properties={key: value, "flag": True}),
        ev("e1", at(28, 9, 1), "yes"),  # no plan: not_in lets it pass
        ev("e2", at(28, 9, 2), "yes", properties={"flag": True}),
        ev("sign'up", at(28, 9), "no", properties={key: "other"}),
        ev("e1", at(28, 9, 1), "free", plan="free"),
    ]
    for form in sorted(WRITERS):
        folder = tmp_path / form
        plan = plan_for(LINE, binding(steps), source(f"events/*.{form}"))
        got = run(folder, rows, plan, form)
        assert reach(got.segments[0]) == [1, 1, 1], form


def test_side_steps_count_units_that_entered(tmp_path: Path) -> None:
    steps = {**THREE, "opt": {"event": "help"}, "alt": {"event": "retry"}}
    rows = [
        ev("e0", at(28, 9), "a"),
        ev("help", at(28, 10), "a"),
        ev("help", at(28, 8), "b"),  # before entering
        ev("e0", at(28, 9), "b"),
        ev("retry", at(28, 9), "c"),  # never entered
    ]
    plan = plan_for(
        [["s0", "opt", "alt", "s1"], ["s2"]],
        binding(steps),
        source(),
        opt="optional",
        alt="branch",
    )
    got = run(tmp_path, rows, plan)
    assert [(s.step, s.reach, s.why) for s in got.segments[0].side_steps] == [
        ("opt", 1, "optional"),
        ("alt", 0, "branch"),
    ]
    assert [m.step for m in got.matches] == ["s0", "s1", "s2", "opt", "alt"]


def test_time_to_next_percentiles_interpolate(tmp_path: Path) -> None:
    gaps = [10, 20, 30, 40, 100]
    rows = []
    for index, gap in enumerate(gaps):
        rows += [
            ev("e0", at(28, 9), f"u{index}"),
            ev("e1", at(28, 9) + datetime.timedelta(seconds=gap), f"u{index}"),
        ]
    got = run(tmp_path, rows, three())
    timing = got.segments[0].steps[0].time_to_next
    assert timing is not None
    assert (timing.median, timing.p90, timing.units) == (30, 76, 5)  # 40 + 0.6 * 60
    assert got.segments[0].stages[0].conversion == 0
