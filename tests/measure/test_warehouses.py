"""Warehouse runners: settings from the environment, the clients, and every error a user
can cause, against a real PostgreSQL server and Spark in local mode."""

from __future__ import annotations

import datetime as dt
import socket
import sys
from decimal import Decimal
from typing import Any

import psycopg
import pytest

from cjm.measure.runner import MeasureError
from cjm.measure.warehouses import CLIENTS, connection_settings, open_warehouse_runner, plain
from cjm.model.sources import Source, Warehouse
from tests.measure.engines import Engines, event

SECRET = "s3cr3t-pa55"


def _source(warehouse: str, table: str = "analytics.events", **connection: str) -> Source:
    return Source(
        id="events",
        kind="events",
        warehouse=warehouse,
        table=table,
        connection=connection or {"dsn": "CJM_PG_DSN"},
    )


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


# --- settings from the environment -------------------------------------------------------


def test_settings_come_from_the_variables_named() -> None:
    source = _source("postgres", host="CJM_PG_HOST", port="CJM_PG_PORT")
    env = {"CJM_PG_HOST": "db.internal", "CJM_PG_PORT": "6432", "OTHER": "x"}
    assert connection_settings(source, env) == {"host": "db.internal", "port": "6432"}


@pytest.mark.parametrize("env", [{}, {"CJM_PG_DSN": ""}], ids=["unset", "empty"])
def test_missing_variable_is_named(env: dict[str, str]) -> None:
    with pytest.raises(MeasureError) as raised:
        open_warehouse_runner(_source("postgres"), env)
    message = str(raised.value)
    assert "CJM_PG_DSN" in message and "`dsn`" in message and "'events'" in message
    assert "not set" in message


def test_a_set_variable_is_never_printed() -> None:
    dsn = f"postgresql://cjm:{SECRET}@127.0.0.1:{_closed_port()}/postgres"
    with pytest.raises(MeasureError) as raised:
        open_warehouse_runner(_source("postgres"), {"CJM_PG_DSN": dsn})
    assert SECRET not in str(raised.value)


# --- clients that are not installed ------------------------------------------------------


@pytest.mark.parametrize("warehouse", list(Warehouse))
def test_missing_client_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, warehouse: Warehouse
) -> None:
    module = CLIENTS[warehouse][0]
    monkeypatch.setitem(sys.modules, module, None)  # importing it now raises ImportError
    source = _source(warehouse.value, setting="CJM_SETTING")
    with pytest.raises(MeasureError) as raised:
        open_warehouse_runner(source, {"CJM_SETTING": "x"})
    message = str(raised.value)
    assert f"pip install 'cjm-cli[{warehouse.value}]'" in message
    assert "not installed" in message


def test_no_warehouse_client_is_imported_by_importing_the_module() -> None:
    code = (
        "import sys, cjm.measure.warehouses, cjm.measure.dialects\n"
        "loaded = [m for m in ('psycopg', 'pyspark', 'duckdb', 'google.cloud.bigquery', "
        "'snowflake.connector', 'trino') if m in sys.modules]\n"
        "print(loaded)"
    )
    import subprocess

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- PostgreSQL ---------------------------------------------------------------------------


def test_postgres_connection_refused_is_clear() -> None:
    dsn = f"postgresql://cjm@127.0.0.1:{_closed_port()}/postgres"
    with pytest.raises(MeasureError) as raised:
        open_warehouse_runner(_source("postgres"), {"CJM_PG_DSN": dsn})
    message = str(raised.value)
    assert message.startswith("Cannot connect to PostgreSQL for source 'events':")
    assert "refused" in message.lower()
    assert "Traceback" not in message


def test_postgres_runs_in_utc_and_says_its_version(postgres_dsn: str) -> None:
    runner = open_warehouse_runner(_source("postgres"), {"CJM_PG_DSN": postgres_dsn})
    try:
        assert runner.dialect == "postgres"
        engine = runner.engine()
        assert engine.name == "postgres" and engine.dialect == "postgres"
        assert engine.version and engine.version[0].isdigit() and " " not in engine.version
        assert runner.run("SELECT current_setting('TimeZone')") == [("UTC",)]
        rows = runner.run(
            "SELECT CAST(2.5 AS DECIMAL(4, 2)), SUM(1), CAST('2024-05-01 10:00:00' AS TIMESTAMPTZ)"
        )
        assert rows == [(2.5, 1, dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC))]
        assert isinstance(rows[0][1], int)
    finally:
        runner.close()


def test_postgres_settings_one_variable_each(postgres_dsn: str) -> None:
    info = psycopg.conninfo.conninfo_to_dict(postgres_dsn)
    env = {f"CJM_PG_{key.upper()}": str(value) for key, value in info.items()}
    source = _source("postgres", **{key: f"CJM_PG_{key.upper()}" for key in info})
    runner = open_warehouse_runner(source, env)
    try:
        assert runner.run("SELECT 1") == [(1,)]
    finally:
        runner.close()


def test_postgres_query_failure_gives_the_servers_message(engines: Engines) -> None:
    runner = engines.load_events("postgres", [event("u1", "signup", "2024-05-01T10:00:00")])
    with pytest.raises(MeasureError) as raised:
        runner.run("SELECT no_such_column FROM cjm_events")
    message = str(raised.value)
    assert message.startswith("The query failed in PostgreSQL (source 'test-postgres'):")
    assert "no_such_column" in message and "does not exist" in message
    assert "Traceback" not in message


def test_postgres_quoted_and_qualified_table(postgres_dsn: str) -> None:
    with psycopg.connect(postgres_dsn, autocommit=True) as connection:
        connection.execute('CREATE SCHEMA IF NOT EXISTS "Product Analytics"')
        connection.execute('DROP TABLE IF EXISTS "Product Analytics"."Event Log"')
        connection.execute('CREATE TABLE "Product Analytics"."Event Log" (event TEXT)')
        connection.execute("""INSERT INTO "Product Analytics"."Event Log" VALUES ('a'), ('b')""")
    source = _source("postgres", table='"Product Analytics"."Event Log"')
    runner = open_warehouse_runner(source, {"CJM_PG_DSN": postgres_dsn})
    try:
        sql = "SELECT count(*), max(cjm_events.event) FROM cjm_events"
        assert runner.run(sql) == [(2, "b")]
    finally:
        runner.close()


def test_feedback_source_reads_cjm_feedback(postgres_dsn: str) -> None:
    with psycopg.connect(postgres_dsn, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS public.answers")
        connection.execute("CREATE TABLE public.answers (rating INT)")
        connection.execute("INSERT INTO public.answers VALUES (4), (5)")
    source = Source(
        id="survey",
        kind="feedback",
        warehouse="postgres",
        table="public.answers",
        connection={"dsn": "CJM_PG_DSN"},
    )
    runner = open_warehouse_runner(source, {"CJM_PG_DSN": postgres_dsn})
    try:
        assert runner.run("SELECT avg(rating) FROM cjm_feedback") == [(4.5,)]
    finally:
        runner.close()


# --- Spark --------------------------------------------------------------------------------


def test_spark_engine_and_time_zone(spark_session: Any, engines: Engines) -> None:
    runner = engines.load_events("spark", [event("u1", "signup", "2024-05-01T10:00:00+02:00")])
    engine = runner.engine()
    assert (engine.name, engine.dialect) == ("spark", "spark")
    assert engine.version == spark_session.version
    assert runner.run("SELECT current_timezone()") == [("UTC",)]
    assert runner.run('SELECT epoch(CAST("timestamp" AS TIMESTAMPTZ)) FROM cjm_events') == [
        (dt.datetime(2024, 5, 1, 8, tzinfo=dt.UTC).timestamp(),)
    ]


def test_spark_table_not_in_catalog(spark_session: Any) -> None:
    source = _source("spark", table="analytics.no_such_table", master="CJM_SPARK_MASTER")
    with pytest.raises(MeasureError) as raised:
        open_warehouse_runner(source, {"CJM_SPARK_MASTER": "local[1]"})
    assert "Spark's catalog has no table 'analytics.no_such_table'" in str(raised.value)


def test_spark_query_failure_is_one_message(engines: Engines) -> None:
    runner = engines.load_events("spark", [event("u1", "signup", "2024-05-01T10:00:00")])
    with pytest.raises(MeasureError) as raised:
        runner.run("SELECT no_such_column FROM cjm_events")
    message = str(raised.value)
    assert message.startswith("The query failed in Spark (source 'test-spark'):")
    assert "no_such_column" in message
    assert "JVM stacktrace" not in message and "Traceback" not in message


# --- values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("3"), 3),
        (Decimal("3.0"), 3.0),
        (Decimal("2.5000"), 2.5),
        (Decimal("1E+2"), 100),
        (Decimal("NaN"), "nan"),
        (7, 7),
        ("text", "text"),
        (None, None),
        (
            dt.datetime(2024, 5, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC),
        ),
    ],
)
def test_plain_values(value: Any, expected: Any) -> None:
    got = plain(value)
    if expected == "nan":
        assert isinstance(got, float) and got != got
        return
    assert got == expected and type(got) is type(expected)
