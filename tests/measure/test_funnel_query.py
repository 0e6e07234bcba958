"""The funnel query's shape: one statement, quoted, linear in steps; the column presets;
the KPIs computed from segments."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from cjm.measure.columns import Ref, resolve_columns
from cjm.measure.funnel_sql import RESULT_COLUMNS, funnel_query, json_path
from cjm.measure.kpis import kpi_results
from cjm.model.snapshot import Segment, StepResult, TimeToNext
from tests.measure.funnel_support import binding, plan_for, source


def chain(steps: int) -> str:
    stages = [[f"s{k}"] for k in range(steps)]
    bound = {f"s{k}": {"event": f"e{k}"} for k in range(steps)}
    personas = {"p": {"where": [{"property": "plan", "equals": "pro"}]}}
    return funnel_query(plan_for(stages, binding(bound, personas=personas), source()))


def test_one_statement_with_the_fixed_result_columns() -> None:
    sqlglot = pytest.importorskip("sqlglot")
    statements = sqlglot.parse(chain(4), read="duckdb")
    assert len(statements) == 1
    assert statements[0].named_selects == [name for name, _ in RESULT_COLUMNS]


def test_one_pass_over_the_matched_events_per_step() -> None:
    for steps in (3, 12, 48):
        sql = chain(steps)
        assert sql.count("JOIN cjm_m AS x") == steps - 1
        assert sql.count("FROM cjm_m\n") == 3  # the entry, the matched events, the units per step
        assert sql.count('FROM "cjm_events"') == 2  # every event once, step events once
    # Each step carries two times, whatever its place: the text grows linearly.
    assert len(chain(48)) < 4 * len(chain(12)) + 6_000


def test_identifiers_literals_and_keys_are_quoted() -> None:
    odd = source(columns={"user": 'us"er', "time": "time stamp", "properties": "pro'ps"})
    steps = {"s0": {"event": "it's", "where": [{"property": 'k"\\', "equals": "v'"}]}}
    sql = funnel_query(plan_for([["s0"]], binding(steps), odd))
    assert '"us""er"' in sql and '"time stamp"' in sql and '"pro\'ps"' in sql
    assert "IN ('it''s')" in sql and "= 'v'''" in sql
    assert json_path('k"\\') == '$."k\\"\\\\"'


def test_bounds_are_numbers_of_the_period_in_its_zone() -> None:
    plan = plan_for(
        [["s0"]],
        binding({"s0": {"event": "e"}}, timezone="Europe/Berlin", period={"last_days": 2}),
        source(),
    )
    # As of 2026-04-01: the 30th and 31st of March, summer time (UTC+2).
    assert (plan.period.start, plan.period.end) == (
        datetime.date(2026, 3, 30),
        datetime.date(2026, 3, 31),
    )
    assert plan.start_epoch == int(
        datetime.datetime(2026, 3, 29, 22, tzinfo=datetime.UTC).timestamp()
    )
    assert plan.end_epoch - plan.start_epoch == 2 * 86400
    assert f">= {plan.start_epoch}" in funnel_query(plan)
    definition = plan.definition()
    assert definition.period_written == "last 2 days" and definition.window_seconds == 86400


@pytest.mark.parametrize(
    ("shape", "expected"),
    [
        (
            "generic",
            (
                "user_id",
                "anonymous_id",
                "account_id",
                "session_id",
                "event",
                "timestamp",
                "properties",
            ),
        ),
        ("segment", ("user_id", "anonymous_id", None, None, "event", "timestamp", None)),
        (
            "snowplow",
            (
                "user_id",
                "domain_userid",
                None,
                "domain_sessionid",
                "event_name",
                "derived_tstamp",
                None,
            ),
        ),
        (
            "posthog",
            (
                "person_id",
                "distinct_id",
                "$group_0",
                "$session_id",
                "event",
                "timestamp",
                "properties",
            ),
        ),
    ],
)
def test_shape_presets(shape: str, expected: tuple[str | None, ...]) -> None:
    resolved = resolve_columns(source(shape=shape))

    def name(ref: Ref | None) -> str | None:
        return None if ref is None else ref.column or ref.property

    roles = ("user", "anonymous", "account", "session", "event", "time")
    got = (*(name(resolved.role(role)) for role in roles), resolved.properties)
    assert got == expected


def test_overrides_replace_the_preset() -> None:
    resolved = resolve_columns(
        source(
            shape="segment",
            columns={
                "user": {"column": "uid"},
                "account": {"property": "org"},
                "properties": "context",
            },
        )
    )
    assert resolved.user == Ref(column="uid") and resolved.account == Ref(property="org")
    assert resolved.properties == "context" and resolved.event == Ref(column="event")
    assert resolved.table_columns() == ["uid", "anonymous_id", "event", "timestamp", "context"]


def step(
    name: str, reach: int, median: float | None = None, p90: float | None = None
) -> StepResult:
    timing = TimeToNext(median=median, p90=p90, units=0 if median is None else reach)
    return StepResult(step=name, stage="a", reach=reach, time_to_next=timing)


def test_kpi_values_in_their_units() -> None:
    kpis: dict[str, Any] = {
        "seen": {"measure": "reach", "step": "s1", "as": "count"},
        "conv": {"measure": "conversion", "from": "s0", "to": "s2", "as": "percent"},
        "ratio": {"measure": "conversion", "from": "s0", "to": "s1", "as": "ratio"},
        "drop": {"measure": "drop-off", "step": "s1", "as": "percent"},
        "fast": {"measure": "time-to-next", "step": "s0", "statistic": "median", "as": "minutes"},
        "slow": {"measure": "time-to-next", "step": "s0", "statistic": "p90", "as": "hours"},
        "pro": {"measure": "reach", "step": "s0", "persona": "p", "as": "count"},
    }
    the_binding = binding(
        {f"s{k}": {"event": f"e{k}"} for k in range(3)},
        kpis=kpis,
        personas={"p": {"where": [{"column": "plan", "equals": "pro"}]}},
    )
    plan = plan_for([["s0", "s1"], ["s2"]], the_binding, source())
    everyone = Segment(entered=3, steps=[step("s0", 3, 90, 5400), step("s1", 2), step("s2", 1)])
    pro = Segment(persona="p", entered=0, steps=[step("s0", 0), step("s1", 0), step("s2", 0)])
    values = {r.kpi: (r.value, r.reason) for r in kpi_results(plan, the_binding, [everyone, pro])}
    assert values == {
        "seen": (2, None),
        "conv": (33.3333, None),
        "ratio": (0.666667, None),
        "drop": (50, None),
        "fast": (1.5, None),
        "slow": (1.5, None),
        "pro": (0, None),
    }
