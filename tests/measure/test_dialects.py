"""The measuring SQL transpiled to each warehouse's dialect, and the table of fixes.

Every fix is checked twice: with it the transpiled query parses back in its dialect and,
on PostgreSQL and Spark, gives DuckDB's numbers over the same rows; with the fix taken out
of the table the same check fails, so no fix is there for nothing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import sqlglot
from sqlglot import exp

from cjm.measure import dialects
from cjm.measure.dialects import FIXES, SUPPORTED_DIALECTS, exact_percentile_fix, transpile
from cjm.measure.runner import MeasureError
from tests.measure.engines import DuckDBRunner, Engines, event

DOCS = Path(__file__).resolve().parents[2] / "docs" / "warehouses.md"

VALUES = [("g", "text"), ("x", "double")]
"""A small table of groups and values, for percentiles and rounding."""

PERCENTILE_ROWS = [
    # even: 1 2 3 4 (and a NULL, ignored)
    ("even", 4.0),
    ("even", 1.0),
    ("even", None),
    ("even", 3.0),
    ("even", 2.0),
    # odd: 10 20 30 40 100
    ("odd", 30.0),
    ("odd", 100.0),
    ("odd", 10.0),
    ("odd", 40.0),
    ("odd", 20.0),
    ("one", 7.5),
    ("zero", None),
    ("zero", None),
]


def _close(got: Sequence[tuple[Any, ...]], expected: Sequence[tuple[Any, ...]]) -> bool:
    if len(got) != len(expected):
        return False
    for row, want in zip(got, expected, strict=True):
        if len(row) != len(want):
            return False
        for value, wanted in zip(row, want, strict=True):
            if isinstance(value, float) and isinstance(wanted, float | int):
                if not math.isclose(value, wanted, rel_tol=1e-9, abs_tol=1e-9):
                    return False
            elif value != wanted:
                return False
    return True


def _same_as_duckdb(
    engines: Engines, engine: str, columns: Any, rows: Sequence[Any], sql: str
) -> bool:
    """Whether ``sql`` gives DuckDB's rows on ``engine`` over the same ``rows``."""
    expected = engines.load_table("duckdb", "cjm_events", columns, rows).run(sql)
    try:
        got = engines.load_table(engine, "cjm_events", columns, rows).run(sql)
    except MeasureError:
        return False
    return _close(got, expected)


def _parses_back(sql: str, dialect: str) -> list[exp.Expression]:
    return [tree for tree in sqlglot.parse(sql, read=dialect) if tree is not None]


# --- the interface -----------------------------------------------------------------------


def test_unknown_dialect_names_the_supported_ones() -> None:
    with pytest.raises(MeasureError) as raised:
        transpile("SELECT 1", "oracle")
    message = str(raised.value)
    assert "oracle" in message
    for dialect in SUPPORTED_DIALECTS:
        assert dialect in message


def test_duckdb_is_unchanged() -> None:
    sql = "SELECT  quantile_cont(x, 0.5)  FROM cjm_events -- as written"
    assert transpile(sql, "duckdb") == sql


def test_invalid_query_is_a_measure_error() -> None:
    with pytest.raises(MeasureError, match="not valid DuckDB SQL"):
        transpile("SELECT FROM WHERE (", "postgres")


@pytest.mark.parametrize("dialect", SUPPORTED_DIALECTS)
@pytest.mark.parametrize(
    "table",
    ["analytics.events", 'analytics."Event Log"', "events"],
)
def test_table_is_substituted_in_the_tree(dialect: str, table: str) -> None:
    sql = (
        "WITH steps AS (SELECT cjm_events.user_id FROM cjm_events WHERE event = 'cjm_events') "
        "SELECT count(*) FROM steps JOIN cjm_events AS e ON e.user_id = steps.user_id"
    )
    if dialect in ("spark", "bigquery"):
        table = table.replace('"', "`")
    written = transpile(sql, dialect, {"cjm_events": table})
    tree = _parses_back(written, dialect)[0]
    tables = [t for t in tree.find_all(exp.Table) if t.name != "steps"]
    wanted = exp.to_table(table, dialect=dialect)
    assert len(tables) == 2
    for found in tables:
        assert (found.db, found.name) == (wanted.db, wanted.name)
    # the alias keeps `cjm_events.user_id` working, and a string literal is left alone
    assert {t.alias for t in tables} == {"cjm_events", "e"}
    assert "'cjm_events'" in written


def test_a_cte_of_the_same_name_is_not_substituted() -> None:
    sql = "WITH cjm_events AS (SELECT 1 AS x) SELECT x FROM cjm_events"
    written = transpile(sql, "postgres", {"cjm_events": "analytics.events"})
    assert "analytics" not in written


# --- the fix table and its documentation -------------------------------------------------


def test_every_dialect_has_a_fix_list() -> None:
    assert set(FIXES) == set(SUPPORTED_DIALECTS)
    for fixes in FIXES.values():
        names = [fix.name for fix in fixes]
        assert len(names) == len(set(names))
        for fix in fixes:
            assert fix.why and callable(fix.function)


def test_every_fix_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `?(\w+)`? \| `([\w-]+)` \|", text, flags=re.MULTILINE))
    wanted = {(dialect, fix.name) for dialect, fixes in FIXES.items() for fix in fixes}
    assert wanted <= rows, f"undocumented fixes: {sorted(wanted - rows)}"
    assert rows <= wanted, f"documented fixes not in FIXES: {sorted(rows - wanted)}"


# --- each fix: passes with it, fails without it ------------------------------------------


def _without(monkeypatch: pytest.MonkeyPatch, dialect: str, name: str) -> None:
    remaining = [fix for fix in FIXES[dialect] if fix.name != name]
    assert len(remaining) == len(FIXES[dialect]) - 1, f"no fix {name} for {dialect}"
    monkeypatch.setitem(FIXES, dialect, remaining)


JSON_SQL = """
SELECT user_id, json_extract_string(properties, '$."plan"') AS plan,
       json_extract_string(properties, '$."it''s \\"quoted\\""') AS quoted,
       json_extract_string(properties, '$."a.b"') AS dotted,
       json_extract_string(properties, '$."n"') AS number,
       json_extract_string(properties, '$."missing"') AS missing
FROM cjm_events ORDER BY user_id
"""

JSON_ROWS = [
    event(
        "u1",
        "signup",
        "2024-05-01T10:00:00",
        properties={
            "plan": "pro",
            'it\'s "quoted"': "yes",
            "a.b": "dot",
            "n": 3,
            "o": {"k": [1, 2]},
        },
    ),
    event("u2", "signup", "2024-05-01T11:00:00", properties={"plan": "free"}),
    event("u3", "signup", "2024-05-01T12:00:00", properties=None),
]


def _events_same(engines: Engines, engine: str, rows: Sequence[Any], sql: str) -> bool:
    expected = engines.load_events("duckdb", rows).run(sql)
    try:
        got = engines.load_events(engine, rows).run(sql)
    except MeasureError:
        return False
    return _close(got, expected)


PERCENTILE_SQL = """
SELECT g,
       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x) AS median,
       PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY x) AS p90,
       PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY x DESC) AS p75_desc,
       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x) FILTER (WHERE x < 35) AS low_median
FROM cjm_events GROUP BY g ORDER BY g
"""

EPOCH_ROWS = [
    event("u1", "a", "2024-05-01T10:00:00.250"),
    event("u1", "b", "2024-05-01T10:00:01.750"),
    event("u2", "a", "2024-05-01T10:00:02+02:00"),
]

EPOCH_SQL = """
SELECT user_id,
       max(epoch(CAST("timestamp" AS TIMESTAMPTZ)))
         - min(epoch(CAST("timestamp" AS TIMESTAMPTZ))) AS spent,
       min(epoch(CAST("timestamp" AS TIMESTAMPTZ))) AS first
FROM cjm_events GROUP BY user_id ORDER BY user_id
"""

ROUND_SQL = """
SELECT g, ROUND(MAX(x), 1) AS a, ROUND(MIN(x) / 7, 3) AS b,
       SUM(ROUND(x, 0)) AS c
FROM cjm_events GROUP BY g ORDER BY g
"""

FLOATS = [
    *(3.0, -4.0, 0.0, -0.0, 2.5, 0.1, 40.0, 123456.75, 9999999.0, 0.001),
    *(1e7, 12345678.0, -12345678.5, 1e15, 1234567890123456.0, 1e15 + 0.5, 1e16, 1.5e20),
    *(1e-4, -1.5e-4, 1e-5, 1.2345e-7, 1.5e300, 1e-300),
]
SPECIAL = (math.inf, -math.inf, math.nan)
FLOAT_ROWS = [
    *[(f"{index:02}", value) for index, value in enumerate(FLOATS)],
    *[(f"{len(FLOATS) + index:02}", value) for index, value in enumerate(SPECIAL)],
    ("99", None),
]
"""Doubles whose text PostgreSQL (3 for 3.0, 1e+15) or Spark (1.0E7, 1.0E-4) writes
otherwise than DuckDB, and some they write alike."""

FLOAT_SQL = """
SELECT g, CAST(x AS VARCHAR) AS x_text, CAST(g AS VARCHAR) AS g_text,
       CAST(x AS VARCHAR) IN ('3.0', '0.1') AS matched
FROM cjm_events ORDER BY g
"""

UNION_SQL = """
SELECT 'all' AS g, NULL AS median, NULL AS n
UNION ALL SELECT 'none', NULL, NULL
UNION ALL SELECT g, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x), COUNT(x)
          FROM cjm_events GROUP BY g
ORDER BY g
"""


def _run_check(sql: str, rows: Sequence[Any], events: bool) -> Callable[[Engines, str], bool]:
    def check(engines: Engines, engine: str) -> bool:
        if events:
            return _events_same(engines, engine, rows, sql)
        return _same_as_duckdb(engines, engine, VALUES, rows, sql)

    return check


def _parse_check(
    sql: str, dialect: str, good: Callable[[str], bool]
) -> Callable[[Engines, str], bool]:
    def check(engines: Engines, engine: str) -> bool:
        written = transpile(sql, dialect)
        assert _parses_back(written, dialect)
        return good(written)

    return check


def _no_within_group(written: str) -> bool:
    return "WITHIN GROUP" not in written.upper() and "APPROX" not in written.upper()


FIX_CHECKS: dict[tuple[str, str], Callable[[Engines, str], bool]] = {
    ("postgres", "typed-union-nulls"): _run_check(UNION_SQL, PERCENTILE_ROWS, events=False),
    ("postgres", "json-text-cast"): _run_check(JSON_SQL, JSON_ROWS, events=True),
    ("postgres", "round-double"): _run_check(ROUND_SQL, PERCENTILE_ROWS, events=False),
    ("postgres", "float-text"): _run_check(FLOAT_SQL, FLOAT_ROWS, events=False),
    ("spark", "float-text"): _run_check(FLOAT_SQL, FLOAT_ROWS, events=False),
    ("spark", "exact-percentile"): _run_check(PERCENTILE_SQL, PERCENTILE_ROWS, events=False),
    ("spark", "epoch-fraction"): _run_check(EPOCH_SQL, EPOCH_ROWS, events=True),
    ("spark", "json-key"): _run_check(JSON_SQL, JSON_ROWS, events=True),
    ("bigquery", "exact-percentile"): _parse_check(PERCENTILE_SQL, "bigquery", _no_within_group),
    ("bigquery", "epoch-fraction"): _parse_check(
        EPOCH_SQL, "bigquery", lambda w: "TIME_TO_UNIX" not in w and "UNIX_MICROS" in w
    ),
    ("snowflake", "epoch-fraction"): _parse_check(
        EPOCH_SQL, "snowflake", lambda w: "epoch_second" not in w and "epoch_microsecond" in w
    ),
    ("trino", "exact-percentile"): _parse_check(PERCENTILE_SQL, "trino", _no_within_group),
}

ALL_FIXES = [(dialect, fix.name) for dialect, fixes in FIXES.items() for fix in fixes]


def test_every_fix_has_a_check() -> None:
    assert set(FIX_CHECKS) == set(ALL_FIXES)


@pytest.mark.parametrize(("dialect", "name"), ALL_FIXES, ids=[f"{d}-{n}" for d, n in ALL_FIXES])
def test_fix_is_needed(
    engines: Engines, monkeypatch: pytest.MonkeyPatch, dialect: str, name: str
) -> None:
    check = FIX_CHECKS[(dialect, name)]
    assert check(engines, dialect), "wrong with the fix"
    _without(monkeypatch, dialect, name)
    assert not check(engines, dialect), "right without the fix: it is not needed"


@pytest.mark.parametrize("engine", ["duckdb", "postgres", "spark"])
def test_floats_as_text_are_duckdbs_and_pythons(engines: Engines, engine: str) -> None:
    rows = engines.load_table(engine, "cjm_events", VALUES, FLOAT_ROWS).run(FLOAT_SQL)
    texts = [row[1] for row in rows]
    assert texts == [repr(value) for value in FLOATS] + ["inf", "-inf", "nan", None]
    assert [row[2] for row in rows] == [row[0] for row in FLOAT_ROWS]


# --- the exact percentile, where PERCENTILE_CONT exists to compare with -----------------


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_exact_percentile_matches_percentile_cont(
    engines: Engines, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    native = engines.load_table(engine, "cjm_events", VALUES, PERCENTILE_ROWS).run(PERCENTILE_SQL)
    assert [row[0] for row in native] == ["even", "odd", "one", "zero"]
    assert native[0][1] == pytest.approx(2.5)  # interpolated, not an element
    assert native[3][1:] == (None, None, None, None)
    monkeypatch.setitem(FIXES, engine, [*FIXES[engine], exact_percentile_fix(engine)])
    written = transpile(PERCENTILE_SQL, engine)
    assert "WITHIN GROUP" not in written.upper() and "QUANTILE" not in written.upper()
    rewritten = engines.load_table(engine, "cjm_events", VALUES, PERCENTILE_ROWS).run(
        PERCENTILE_SQL
    )
    assert _close(rewritten, native), (rewritten, native)


@pytest.mark.parametrize("fraction", [0.0, 0.1, 1 / 3, 0.5, 0.75, 0.99, 1.0])
def test_exact_percentile_at_any_fraction(
    engines: Engines, monkeypatch: pytest.MonkeyPatch, fraction: float
) -> None:
    sql = (
        f"SELECT g, PERCENTILE_CONT({fraction!r}) WITHIN GROUP (ORDER BY x), "
        f"quantile_cont(x, {fraction!r}) FROM cjm_events GROUP BY g ORDER BY g"
    )
    native = engines.load_table("duckdb", "cjm_events", VALUES, PERCENTILE_ROWS).run(sql)
    monkeypatch.setitem(FIXES, "duckdb", [exact_percentile_fix("duckdb")])
    rewritten = engines.load_table("duckdb", "cjm_events", VALUES, PERCENTILE_ROWS).run(sql)
    assert _close(rewritten, native), (rewritten, native)


def test_exact_percentile_parses_in_every_dialect_that_uses_it() -> None:
    for dialect in ("trino", "bigquery"):
        written = transpile(PERCENTILE_SQL, dialect)
        tree = _parses_back(written, dialect)[0]
        assert not list(tree.find_all(exp.WithinGroup))
        assert not list(tree.find_all(exp.ApproxQuantile))


# --- the constructs the funnel uses, the same on every engine ---------------------------

FUNNEL_LIKE_SQL = r"""
WITH ordered AS (
    SELECT user_id AS "User Id", event, "timestamp",
           ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY "timestamp") AS n,
           LEAD(epoch(CAST("timestamp" AS TIMESTAMPTZ)))
             OVER (PARTITION BY user_id ORDER BY "timestamp")
             - epoch(CAST("timestamp" AS TIMESTAMPTZ)) AS to_next
    FROM cjm_events
    WHERE event <> 'it''s \ a back\slash'
), per_user AS (
    SELECT "User Id",
           MIN(epoch(CAST("timestamp" AS TIMESTAMPTZ))) FILTER (WHERE event = 'signup') AS signed,
           MIN(CASE WHEN event = 'pay' THEN epoch(CAST("timestamp" AS TIMESTAMPTZ)) END) AS paid,
           CAST(COUNT(*) AS VARCHAR) AS events_text,
           MAX(to_next) AS longest
    FROM ordered GROUP BY "User Id"
)
SELECT COUNT(DISTINCT "User Id") AS users,
       COUNT(DISTINCT "User Id") FILTER (WHERE paid - signed <= 86400.0) AS converted,
       SUM(CASE WHEN longest > 1.5e0 THEN 1 ELSE 0 END) AS slow,
       MAX(events_text) AS most,
       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY paid - signed) AS median_to_pay,
       COUNT(*) FILTER (WHERE signed IS NULL) AS never_signed
FROM per_user
UNION ALL
SELECT NULL, NULL, NULL, 'none', NULL, NULL
"""

FUNNEL_LIKE_ROWS = [
    event("u1", "signup", "2024-05-01T10:00:00.5", properties={"plan": "pro"}),
    event("u1", "pay", "2024-05-01T12:00:00.75"),
    event("u2", "signup", "2024-05-01T10:00:00"),
    event("u2", "pay", "2024-05-03T10:00:00"),
    event("u3", "signup", "2024-05-02T09:00:00+02:00"),
    event("u3", "it's \\ a back\\slash", "2024-05-02T09:00:01"),
    event("u4", "pay", "2024-05-02T09:00:00"),
    event(None, "signup", "2024-05-02T09:00:00", anonymous="a1"),
]


@pytest.mark.parametrize("engine", ["postgres", "spark"])
@pytest.mark.parametrize("naive", [False, True], ids=["timestamptz", "naive"])
def test_funnel_constructs_give_duckdbs_numbers(engines: Engines, engine: str, naive: bool) -> None:
    expected = engines.load_events("duckdb", FUNNEL_LIKE_ROWS, naive=naive).run(FUNNEL_LIKE_SQL)
    assert expected[0][:3] == (4, 1, 2)
    got = engines.load_events(engine, FUNNEL_LIKE_ROWS, naive=naive).run(FUNNEL_LIKE_SQL)
    assert _close(sorted(got, key=repr), sorted(expected, key=repr)), (got, expected)


@pytest.mark.parametrize("dialect", ["bigquery", "snowflake", "trino"])
def test_funnel_constructs_parse_back(dialect: str) -> None:
    written = transpile(FUNNEL_LIKE_SQL, dialect, {"cjm_events": "analytics.events"})
    tree = _parses_back(written, dialect)[0]
    assert not list(tree.find_all(exp.ApproxQuantile))
    assert not list(tree.find_all(exp.TimeToUnix)) or dialect == "trino"


def test_fixes_are_syntax_tree_rewrites() -> None:
    for fixes in FIXES.values():
        for fix in fixes:
            node = exp.column("x")
            assert fix.function(node) is node  # nodes a fix does not concern pass through
    assert dialects.exact_percentile(exp.column("x"), exp.Literal.number(0.5), "postgres")


def test_duckdb_with_a_table_substituted_gives_the_same_numbers(engines: Engines) -> None:
    runner = engines.load_table("duckdb", "cjm_events", VALUES, PERCENTILE_ROWS)
    expected = runner.run(PERCENTILE_SQL)
    assert isinstance(runner, DuckDBRunner)
    runner.connection.execute('ALTER TABLE cjm_events RENAME TO "Event Log"')
    written = transpile(PERCENTILE_SQL, "duckdb", {"cjm_events": '"Event Log"'})
    assert runner.connection.execute(written).fetchall() == expected
