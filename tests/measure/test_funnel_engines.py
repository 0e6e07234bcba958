"""The funnel query on DuckDB, PostgreSQL and Spark gives the plain-Python reference's numbers.

Each case is a plan (order, unit, anonymous visitors, personas, side steps, filters on
JSON keys and values holding quotes, a period in Europe/Berlin across the change to summer
time, a window) and a deterministic set of events. The one query :func:`funnel_query`
writes runs on every engine over the same rows (PostgreSQL and Spark through their
warehouse runners, transpiled with the fix table), each engine's rows are assembled into
the snapshot's parts, and those parts must be equal on every engine and to the reference.
Spark is slow to start and to plan, so only a handful of cases run there.
"""

from __future__ import annotations

import datetime
import json
import math
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sqlglot
from sqlglot import exp
from typer.testing import CliRunner

from cjm.cli import app
from cjm.measure.assemble import FunnelOutcome, assemble
from cjm.measure.dialects import FIXES, SUPPORTED_DIALECTS, transpile
from cjm.measure.funnel_sql import RESULT_COLUMNS, funnel_query
from cjm.measure.plan import FunnelPlan
from cjm.measure.runner import EVENTS_RELATION
from tests.measure.engines import EVENT_COLUMNS, NAIVE_EVENT_COLUMNS, Engines
from tests.measure.funnel_support import binding, plan_for, source
from tests.measure.reference import reference_funnel
from tests.samples import PLAIN_ENV

UTC = datetime.UTC
BASE = datetime.datetime(2026, 3, 27, 20, 0, tzinfo=UTC)
ZONES = [
    UTC,
    datetime.timezone(datetime.timedelta(hours=2)),
    datetime.timezone(-datetime.timedelta(hours=5)),
]
ODD_KEY = "we'i\"rd.key"
ODD_VALUE = 'it\'s "x"'
SLASH_KEY = "back\\slash"

EXTRA_COLUMNS = (
    ("plan", "text"),
    ("seats", "bigint"),
    ("paying", "boolean"),
    ("score", "double"),
)
COLUMNS = (*EVENT_COLUMNS, *EXTRA_COLUMNS)
NAIVE_COLUMNS = (*NAIVE_EVENT_COLUMNS, *EXTRA_COLUMNS)
TEXT_TIME_COLUMNS = tuple((name, "text" if name == "timestamp" else kind) for name, kind in COLUMNS)
NAMES = [name for name, _ in COLUMNS]

STEPS = {
    "s0": {"event": "e0"},
    "s1": {"event": ["e1", "side"], "where": [{"property": "plan", "not_in": ["free"]}]},
    "s2": {"event": "e2", "where": [{"property": ODD_KEY, "in": ["a", ODD_VALUE]}]},
    "s3": {
        "event": "e3",
        "where": [
            {"property": "missing", "exists": False},
            {"property": SLASH_KEY, "not_in": ["x"]},
        ],
    },
    "opt": {"event": "side"},
    "alt": {"event": "e3", "where": [{"column": "seats", "in": [1, 10]}]},
}
LINE = [["s0", "opt", "s1"], ["s2", "alt", "s3"]]
PERSONAS = {
    "pro": {"where": [{"property": "plan", "equals": "pro"}]},
    "free": {"where": [{"column": "plan", "in": ["free"]}]},
    "odd": {"where": [{"property": "plan", "equals": ODD_VALUE}]},
    "trial": {
        "where": [{"property": "trial", "equals": True}, {"column": "paying", "equals": False}]
    },
    "scored": {"where": [{"column": "score", "in": [3.0, 12345678.0, 1e-4]}]},
    "cafe": {"where": [{"property": "plan", "equals": "café"}, {"property": "n", "in": [3, 2.5]}]},
    "weird": {
        "where": [{"property": ODD_KEY, "exists": True}, {"column": "plan", "not_in": ["free"]}]
    },
}


GAPS = [0, 0.25, 1, 600, 1800, 1800, 3 * 3600, 20 * 3600, 30 * 3600]
"""Seconds between one event of a journey and the next: the same second, a fraction of
one, and gaps inside and beyond a 1-hour, 1-day and 2-day window."""


def generated(seed: int, journeys: int) -> list[dict[str, Any]]:
    """Events of ``journeys`` units walking the funnel with skips, repeats, detours and
    noise, around the period; the same for the same ``seed``."""
    rnd = random.Random(seed)
    rows: list[dict[str, Any]] = []
    for number in range(journeys):
        user = rnd.choice([f"u{number}", f"u{number}", f"u{number}", None, ""])
        anonymous = rnd.choice([None, f"a{number}", f"a{rnd.randrange(journeys)}"])
        session = rnd.choice([None, f"s{number}", f"s{number % 3}"])
        plan = rnd.choice([None, "pro", "free"])
        seats = rnd.choice([None, 1, 5, 10])
        paying = rnd.choice([None, True, False])
        score = rnd.choice([None, 3.0, 2.5, 40.0, 12345678.0, 1e-4])
        moment = BASE + datetime.timedelta(seconds=rnd.randrange(0, 4 * 86400, 900))
        names = [
            "e0",
            *rnd.sample(["e0", "e1", "e1", "side", "e2", "e2", "e3", "noise"], rnd.randrange(9)),
        ]
        if rnd.random() < 0.8:
            names = sorted(
                names,
                key=lambda name: (
                    ["e0", "e1", "side", "e2", "e3"].index(name) if name != "noise" else 2
                ),
            )
        for name in names:
            properties: dict[str, Any] | None = None
            if rnd.random() < 0.85:
                properties = {}
                for key, values in (
                    ("plan", ["pro", "free", ODD_VALUE, "café", None]),
                    ("trial", [True, False, None]),
                    (SLASH_KEY, ["x", "y"]),
                    (ODD_KEY, ["a", "a", "b", ODD_VALUE]),
                    ("account_id", [f"acct{number % 4}", "globex", ""]),
                    ("n", [3, 2.5]),
                ):
                    if rnd.random() < 0.7:
                        properties[key] = rnd.choice(values)
            rows.append(
                {
                    "user_id": user if rnd.random() < 0.9 else None,
                    "anonymous_id": anonymous,
                    "session_id": session,
                    "event": name,
                    "timestamp": moment.astimezone(rnd.choice(ZONES)),
                    "properties": properties,
                    "plan": plan,
                    "seats": seats,
                    "paying": paying,
                    "score": score,
                }
            )
            moment += datetime.timedelta(seconds=rnd.choice(GAPS))
    rnd.shuffle(rows)
    return rows


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, second, tzinfo=UTC)


def ev(name: str, when: datetime.datetime, user: str | None = "u1", **extra: Any) -> dict[str, Any]:
    return {"user_id": user, "event": name, "timestamp": when, **extra}


EDGES = [
    # Berlin moves to summer time on 2026-03-29 (02:00 local); the period is the 29th.
    ev("e0", at(28, 22, 59, 59), "before"),  # 23:59:59 on the 28th, winter time
    ev("e0", at(28, 23), "first", properties={"plan": "pro"}),  # 00:00 on the 29th
    ev("e1", at(28, 23), "first"),  # the same second as entering
    ev("e2", at(28, 23), "first", properties={ODD_KEY: "a"}),
    ev("e3", at(29, 0, 59, 59), "first"),
    ev("e0", at(29, 21, 59, 59), "last"),  # 23:59:59 on the 29th, summer time
    ev("e1", at(29, 22, 30), "last"),  # after the period, inside the window
    ev("e2", at(30, 21, 59, 59), "last", properties={ODD_KEY: ODD_VALUE}),  # the window's end
    ev("e3", at(30, 22, 0, 0), "last"),  # one second past the window
    ev("e0", at(29, 22), "after"),  # 00:00 on the 30th: outside
    ev("e1", at(29, 22, 5), "after"),
    # Repeated steps: entry at the first e0, each later step at its first time.
    ev("e0", at(29, 8), "again", properties={"plan": "free"}),
    ev("e0", at(29, 9), "again"),
    ev("e1", at(29, 9, 30), "again"),
    ev("e1", at(29, 10), "again"),
    ev("e2", at(29, 8, 30), "again", properties={ODD_KEY: "a"}),  # before e1: not for s2
    ev("e2", at(29, 11), "again", properties={ODD_KEY: "a"}),
    ev("side", at(29, 12), "again"),
    ev("e3", at(29, 13), "again", plan="pro"),
    # Strict order breaks on a step between; `any` does not.
    ev("e0", at(29, 5), "jumper"),
    ev("e2", at(29, 6), "jumper", properties={ODD_KEY: "a"}),
    ev("e1", at(29, 7), "jumper"),
    ev("e2", at(29, 8), "jumper", properties={ODD_KEY: "a"}),
    # Anonymous visitors who identify later, and one who never does.
    ev("e0", at(29, 3), None, anonymous_id="anon", properties={"plan": "pro"}),
    ev("e1", at(29, 3, 0, 1), None, anonymous_id="anon"),
    ev("login", at(29, 4), "linked", anonymous_id="anon"),
    ev("login", at(29, 4), "also", anonymous_id="anon"),  # a tie: the smallest user wins
    ev("e2", at(29, 5), "also", properties={ODD_KEY: ODD_VALUE}),
    ev("e0", at(29, 6), None, anonymous_id="stranger", session_id="s9"),
    ev("e1", at(29, 6, 30), None, anonymous_id="stranger", session_id="s9"),
    ev("e0", at(29, 7), None),  # no unit at all
    ev("e0", at(29, 7), "", anonymous_id=""),  # empty ids are none
]


@dataclass(frozen=True)
class Case:
    name: str
    events: list[dict[str, Any]]
    options: dict[str, Any] = field(default_factory=dict)
    times: str = "zoned"
    """How the table holds times: ``zoned`` (with a zone), ``naive`` (without one, in UTC)
    or ``text`` (ISO text, some with an offset or ``Z``, some without a zone)."""
    spark: bool = False


def mixed(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``events`` with every third time written without a zone (its UTC wall time)."""
    return [
        {**event, "timestamp": event["timestamp"].astimezone(UTC).replace(tzinfo=None)}
        if index % 3 == 0
        else event
        for index, event in enumerate(events)
    ]


def as_text(index: int, value: datetime.datetime) -> str:
    text = value.isoformat(sep=" " if index % 2 else "T")
    return text[: -len("+00:00")] + "Z" if text.endswith("+00:00") and index % 4 == 1 else text


BERLIN_DST = {"timezone": "Europe/Berlin", "period": {"start": "2026-03-29", "end": "2026-03-29"}}

CASES = [
    Case("edges-in-order-stitch-berlin", EDGES, {**BERLIN_DST, "window": "1 day"}, spark=True),
    Case(
        "edges-strict-separate-naive",
        EDGES,
        {**BERLIN_DST, "order": "strict", "anonymous": "separate"},
        times="naive",
        spark=True,
    ),
    Case(
        "edges-any-drop-text",
        mixed(EDGES),
        {**BERLIN_DST, "order": "any", "anonymous": "drop"},
        times="text",
        spark=True,
    ),
    Case("edges-session", EDGES, {**BERLIN_DST, "unit": "session", "window": "2 days"}),
    Case("generated-in-order-stitch", generated(1, 40), {"window": "1 day"}, spark=True),
    Case(
        "generated-strict-account",
        generated(2, 40),
        {"unit": "account", "order": "strict", "timezone": "Europe/Berlin"},
        spark=True,
    ),
    Case(
        "generated-any-separate-naive",
        generated(3, 40),
        {"order": "any", "anonymous": "separate", "window": "2 days"},
        times="naive",
    ),
    Case(
        "generated-strict-stitch-ny-text",
        mixed(generated(4, 40)),
        {"order": "strict", "timezone": "America/New_York", "window": "1 h"},
        times="text",
    ),
    Case(
        "generated-in-order-drop-naive",
        generated(5, 40),
        {"anonymous": "drop", "timezone": "Europe/Berlin", "window": "2 days"},
        times="naive",
    ),
    Case("generated-session-any", generated(6, 40), {"unit": "session", "order": "any"}),
    Case(
        "generated-account-in-order",
        generated(7, 40),
        {"unit": "account", "window": "1 h", "anonymous": "separate"},
    ),
    Case(
        "no-events-in-the-period",
        generated(8, 40),
        {"period": {"start": "2026-01-01", "end": "2026-01-02"}},
    ),
]


def plan_of(case: Case) -> FunnelPlan:
    the_binding = binding(STEPS, personas=PERSONAS, **case.options)
    return plan_for(LINE, the_binding, source(), opt="optional", alt="branch")


def table_rows(events: list[dict[str, Any]], times: str) -> list[tuple[Any, ...]]:
    rows = []
    for index, event in enumerate(events):
        document = event.get("properties")
        row = {**event, "properties": None if document is None else json.dumps(document)}
        if times == "text":
            row["timestamp"] = as_text(index, event["timestamp"])
        rows.append(tuple(row.get(name) for name in NAMES))
    return rows


TABLES = {"zoned": COLUMNS, "naive": NAIVE_COLUMNS, "text": TEXT_TIME_COLUMNS}


def measured(engines: Engines, engine: str, case: Case, plan: FunnelPlan) -> FunnelOutcome:
    rows = table_rows(case.events, case.times)
    runner = engines.load_table(engine, EVENTS_RELATION, TABLES[case.times], rows)
    return assemble(plan, runner.run(funnel_query(plan)))


def plain(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return plain(value.model_dump())
    if isinstance(value, FunnelOutcome):
        return {
            "segments": plain(value.segments),
            "matches": plain(value.matches),
            "data": plain(value.data),
        }
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def differences(got: Any, want: Any, where: str = "") -> list[str]:
    """Where ``got`` and ``want`` differ; floats within 1e-6 are equal."""
    if isinstance(want, dict) and isinstance(got, dict):
        if set(got) != set(want):
            return [f"{where}: keys {sorted(got)} != {sorted(want)}"]
        return [d for key in want for d in differences(got[key], want[key], f"{where}.{key}")]
    if isinstance(want, list) and isinstance(got, list):
        if len(got) != len(want):
            return [f"{where}: {len(got)} items != {len(want)}"]
        return [
            d
            for i, (g, w) in enumerate(zip(got, want, strict=True))
            for d in differences(g, w, f"{where}[{i}]")
        ]
    if isinstance(want, float) and isinstance(got, int | float) and not isinstance(got, bool):
        return (
            []
            if math.isclose(got, want, rel_tol=0, abs_tol=1e-6)
            else [f"{where}: {got} != {want}"]
        )
    return [] if got == want and type(got) is type(want) else [f"{where}: {got!r} != {want!r}"]


def _engines(case: Case) -> list[str]:
    return ["duckdb", "postgres", "spark"] if case.spark else ["duckdb", "postgres"]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_engine_gives_the_reference_numbers(engines: Engines, case: Case) -> None:
    plan = plan_of(case)
    want = plain(reference_funnel(plan, case.events))
    assert want["segments"][0]["entered"] > 0 or case.name == "no-events-in-the-period"
    for engine in _engines(case):
        got = plain(measured(engines, engine, case, plan))
        assert not differences(got, want), (engine, differences(got, want))


@pytest.mark.parametrize("engine", ["postgres", "spark"])
def test_a_double_column_matches_only_with_the_float_text_fix(
    engines: Engines, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    case = CASES[4]
    assert case.spark
    plan = plan_of(case)
    want = plain(reference_funnel(plan, case.events))
    scored = next(s for s in want["segments"] if s["persona"] == "scored")
    assert scored["entered"] > 0
    kept = [fix for fix in FIXES[engine] if fix.name != "float-text"]
    assert len(kept) == len(FIXES[engine]) - 1
    monkeypatch.setitem(FIXES, engine, kept)
    got = plain(measured(engines, engine, case, plan))
    assert next(s for s in got["segments"] if s["persona"] == "scored") != scored


# --- the query as `cjm measure --sql --dialect X` prints it ------------------------------

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "b2b-saas-trial"
RESULT_NAMES = [name for name, _ in RESULT_COLUMNS]


def _parsed(sql: str, dialect: str) -> exp.Expr:
    trees = [tree for tree in sqlglot.parse(sql, read=dialect) if tree is not None]
    assert len(trees) == 1, f"{dialect}: {len(trees)} statements"
    tree = trees[0]
    assert tree.named_selects == RESULT_NAMES
    assert not list(tree.find_all(exp.ApproxQuantile))
    return tree


@pytest.mark.parametrize("dialect", SUPPORTED_DIALECTS)
def test_printed_query_parses_back_in_its_dialect(
    dialect: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLE)
    result = CliRunner().invoke(
        app, ["measure", "maps/trial-to-paid.yaml", "--sql", "--dialect", dialect], env=PLAIN_ENV
    )
    assert result.exit_code == 0, result.output
    assert f"--import RESULT.csv --dialect {dialect}" in result.stdout
    tree = _parsed(result.stdout, dialect)
    assert {table.name for table in tree.find_all(exp.Table)} >= {EVENTS_RELATION}


@pytest.mark.parametrize("dialect", SUPPORTED_DIALECTS)
@pytest.mark.parametrize("case", CASES[:8], ids=[case.name for case in CASES[:8]])
def test_every_plan_transpiles_to_sql_that_parses_back(dialect: str, case: Case) -> None:
    table = "analytics.`event log`" if dialect in ("spark", "bigquery") else 'analytics."Event Log"'
    written = transpile(funnel_query(plan_of(case)), dialect, {EVENTS_RELATION: table})
    tree = _parsed(written, dialect)
    tables = {(found.db, found.name) for found in tree.find_all(exp.Table) if found.db}
    assert tables == {("analytics", "event log" if "`" in table else "Event Log")}
    if dialect != "duckdb":
        assert not list(tree.find_all(exp.WithinGroup)) or dialect in ("postgres", "snowflake")
    assert "rd.key" in written  # the key with quotes is still read
