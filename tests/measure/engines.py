"""One query, run on DuckDB, PostgreSQL and Spark over the same rows.

The measuring SQL is written in DuckDB's dialect; these helpers load the same rows into
each engine under the relation name the query reads (``cjm_events``, ``cjm_feedback``)
and hand back a :class:`~cjm.measure.runner.Runner`, so a test compares the rows::

    def test_counts(engines, engine):            # `engine` is duckdb, postgres, spark
        runner = engines.load_events(engine, [event("u1", "signup", "2024-05-01T10:00:00")])
        assert runner.run("SELECT count(*) FROM cjm_events") == [(1,)]

    def test_same_everywhere(engines):
        rows = [event("u1", "signup", "2024-05-01T10:00:00", properties={"plan": "pro"})]
        results = {name: engines.load_events(name, rows).run(SQL) for name in ENGINES}

PostgreSQL and Spark go through the real warehouse runners (:mod:`cjm.measure.warehouses`):
the rows sit in a table with another name (a fresh PostgreSQL schema, a Spark global
temporary view) and the runner substitutes it. DuckDB is an in-memory database holding the
relation itself. Engines start when first asked for: a test that loads only into DuckDB
starts neither server.

PostgreSQL comes from ``CJM_TEST_POSTGRES_DSN`` (``.ci/run`` starts a throwaway cluster
and sets it); without it, a cluster is started here when PostgreSQL's binaries are found
(``/usr/lib/postgresql/*/bin``). Spark runs in local mode, one session per test session.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from cjm.measure.dialects import transpile
from cjm.measure.runner import EVENTS_RELATION, FEEDBACK_RELATION, Runner
from cjm.measure.warehouses import open_warehouse_runner, plain
from cjm.model.snapshot import Engine
from cjm.model.sources import Source
from tests.tools import require

ENGINES = ("duckdb", "postgres", "spark")
"""The engines the measuring SQL is run on in tests."""

Columns = Sequence[tuple[str, str]]
"""A table's columns as (name, type); types are ``text``, ``bigint``, ``double``,
``boolean``, ``timestamptz`` (with a zone) and ``timestamp`` (without one)."""

EVENT_COLUMNS: Columns = (
    ("user_id", "text"),
    ("anonymous_id", "text"),
    ("session_id", "text"),
    ("event", "text"),
    ("timestamp", "timestamptz"),
    ("properties", "text"),
)
"""The events table: its time with a zone, its properties as JSON text."""

NAIVE_EVENT_COLUMNS: Columns = tuple(
    (name, "timestamp" if kind == "timestamptz" else kind) for name, kind in EVENT_COLUMNS
)
"""The events table with its time written without a zone (read as UTC)."""

POSTGRES_DSN_VARIABLE = "CJM_TEST_POSTGRES_DSN"

_TYPES = {
    # neutral name: (DuckDB, PostgreSQL, Spark type name in pyspark.sql.types)
    "text": ("VARCHAR", "TEXT", "StringType"),
    "bigint": ("BIGINT", "BIGINT", "LongType"),
    "double": ("DOUBLE", "DOUBLE PRECISION", "DoubleType"),
    "boolean": ("BOOLEAN", "BOOLEAN", "BooleanType"),
    "timestamptz": ("TIMESTAMPTZ", "TIMESTAMPTZ", "TimestampType"),
    "timestamp": ("TIMESTAMP", "TIMESTAMP", "TimestampNTZType"),
}


def at(text: str) -> dt.datetime:
    """An ISO time as an aware datetime; a time written without a zone is UTC."""
    value = dt.datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def event(
    user: str | None,
    name: str,
    when: str | dt.datetime,
    *,
    anonymous: str | None = None,
    session: str | None = None,
    properties: Mapping[str, Any] | None = None,
) -> tuple[Any, ...]:
    """A row of :data:`EVENT_COLUMNS`: ``when`` as ISO text (UTC unless it says) or a
    datetime, ``properties`` written as JSON text (None stays NULL)."""
    time = at(when) if isinstance(when, str) else when
    document = None if properties is None else json.dumps(dict(properties))
    return (user, anonymous, session, name, time, document)


class DuckDBRunner:
    """The rows in an in-memory DuckDB (time zone UTC); queries go through
    :func:`~cjm.measure.dialects.transpile` to DuckDB, which leaves them as written."""

    def __init__(self) -> None:
        import duckdb

        self.connection = duckdb.connect()
        self.connection.execute("SET TimeZone = 'UTC'")
        self.version = duckdb.__version__

    @property
    def dialect(self) -> str:
        return "duckdb"

    def engine(self) -> Engine:
        return Engine(name="duckdb", version=self.version, dialect="duckdb")

    def run(self, sql: str) -> Sequence[tuple[Any, ...]]:
        rows = self.connection.execute(transpile(sql, "duckdb")).fetchall()
        return [tuple(plain(value) for value in row) for row in rows]

    def close(self) -> None:
        self.connection.close()


def _naive_utc(value: Any, kind: str) -> Any:
    if kind == "timestamp" and isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


class Engines:
    """Loads rows into an engine and returns a runner over them. Runners and tables are
    dropped when the test session ends."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self._request = request
        self._runners: list[Runner] = []
        self._counter = itertools.count(1)
        self._schemas: list[str] = []
        self._dsn: str | None = None

    def load_events(
        self, engine: str, rows: Sequence[Sequence[Any]], *, naive: bool = False
    ) -> Runner:
        """``rows`` (see :func:`event`) as ``cjm_events`` in ``engine``; ``naive`` keeps
        the time without a zone."""
        columns = NAIVE_EVENT_COLUMNS if naive else EVENT_COLUMNS
        return self.load_table(engine, EVENTS_RELATION, columns, rows)

    def load_table(
        self, engine: str, relation: str, columns: Columns, rows: Sequence[Sequence[Any]]
    ) -> Runner:
        """``rows`` as a table with ``columns``, read as ``relation`` (``cjm_events`` or
        ``cjm_feedback``) in ``engine`` (one of :data:`ENGINES`)."""
        rows = [
            tuple(_naive_utc(v, kind) for v, (_, kind) in zip(row, columns, strict=True))
            for row in rows
        ]
        loader = {"duckdb": self._duckdb, "postgres": self._postgres, "spark": self._spark}
        if engine not in loader:
            raise ValueError(f"unknown engine {engine!r}: use one of {ENGINES}")
        runner = loader[engine](relation, columns, rows)
        self._runners.append(runner)
        return runner

    def _duckdb(self, relation: str, columns: Columns, rows: Sequence[tuple[Any, ...]]) -> Runner:
        runner = DuckDBRunner()
        names = ", ".join(f'"{name}" {_TYPES[kind][0]}' for name, kind in columns)
        runner.connection.execute(f'CREATE TABLE "{relation}" ({names})')
        if rows:
            marks = ", ".join("?" for _ in columns)
            runner.connection.executemany(f'INSERT INTO "{relation}" VALUES ({marks})', rows)
        return runner

    def _postgres(self, relation: str, columns: Columns, rows: Sequence[tuple[Any, ...]]) -> Runner:
        import psycopg

        dsn = self._dsn = self._request.getfixturevalue("postgres_dsn")
        schema = f"cjm_test_{next(self._counter)}_{uuid.uuid4().hex[:8]}"
        names = ", ".join(f'"{name}" {_TYPES[kind][1]}' for name, kind in columns)
        marks = ", ".join("%s" for _ in columns)
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{schema}"')
            connection.execute(f'CREATE TABLE "{schema}"."{relation}" ({names})')
            with connection.cursor() as cursor:
                cursor.executemany(f'INSERT INTO "{schema}"."{relation}" VALUES ({marks})', rows)
        self._schemas.append(schema)
        kind = "events" if relation == EVENTS_RELATION else "feedback"
        assert relation in (EVENTS_RELATION, FEEDBACK_RELATION)
        source = Source(
            id="test-postgres",
            kind=kind,
            warehouse="postgres",
            table=f"{schema}.{relation}",
            connection={"dsn": POSTGRES_DSN_VARIABLE},
        )
        return open_warehouse_runner(source, {POSTGRES_DSN_VARIABLE: dsn})

    def _spark(self, relation: str, columns: Columns, rows: Sequence[tuple[Any, ...]]) -> Runner:
        from pyspark.sql import types

        session = self._request.getfixturevalue("spark_session")
        schema = types.StructType(
            [types.StructField(name, getattr(types, _TYPES[kind][2])()) for name, kind in columns]
        )
        view = f"cjm_test_{next(self._counter)}_{relation}"
        session.createDataFrame(list(rows), schema).createOrReplaceGlobalTempView(view)
        kind = "events" if relation == EVENTS_RELATION else "feedback"
        source = Source(id="test-spark", kind=kind, warehouse="spark", table=f"global_temp.{view}")
        return open_warehouse_runner(source, {})

    def close(self) -> None:
        for runner in self._runners:
            runner.close()
        if self._schemas and self._dsn:
            import psycopg

            try:
                with psycopg.connect(self._dsn, autocommit=True, connect_timeout=5) as connection:
                    for schema in self._schemas:
                        connection.execute(f'DROP SCHEMA "{schema}" CASCADE')
            except psycopg.OperationalError:
                pass  # the throwaway server is already gone, and its tables with it


def postgres_binaries() -> Path | None:
    """The folder of PostgreSQL's server programs, when they are installed."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    folders = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    return folders[-1] if folders else None


START_POSTGRES = Path(__file__).resolve().parents[2] / ".ci" / "start-postgres"


@pytest.fixture(scope="session")
def postgres_dsn() -> Iterator[str]:
    """The DSN of a PostgreSQL server for tests: ``CJM_TEST_POSTGRES_DSN``, or a
    throwaway cluster started here (stopped when the session ends)."""
    dsn = os.environ.get(POSTGRES_DSN_VARIABLE)
    if dsn:
        yield dsn
        return
    binaries = postgres_binaries()
    require(
        binaries is not None,
        "PostgreSQL",
        f"install Debian's `postgresql` package or set {POSTGRES_DSN_VARIABLE}",
    )
    assert binaries is not None
    folder = tempfile.mkdtemp(prefix="cjm-postgres-")
    env = {**os.environ, "PATH": f"{binaries}{os.pathsep}{os.environ.get('PATH', '')}"}
    started = subprocess.run(
        [str(START_POSTGRES), folder], env=env, capture_output=True, text=True, check=False
    )
    if started.returncode != 0:
        pytest.fail(f"PostgreSQL did not start: {started.stderr}")
    try:
        yield started.stdout.strip()
    finally:
        owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(
            [*owner, str(binaries / "pg_ctl"), "-D", f"{folder}/data", "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def spark_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One local Spark session for the whole test session: one core, little memory,
    quiet logs, time zone UTC, its warehouse folder a temporary one (Spark's default is
    `spark-warehouse/` in the working folder, here the repository)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        SparkSession = None
    require(SparkSession is not None, "pyspark", "pip install 'cjm-cli[spark]'")
    require(shutil.which("java") is not None, "Java", "install Debian's `default-jre-headless`")
    assert SparkSession is not None
    session = (
        SparkSession.builder.master("local[1]")
        .appName("cjm tests")
        .config("spark.driver.memory", "512m")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.default.parallelism", "1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("spark-warehouse")))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()


@pytest.fixture(scope="session")
def engines(request: pytest.FixtureRequest) -> Iterator[Engines]:
    """Loads rows into DuckDB, PostgreSQL or Spark: see :class:`Engines`."""
    loaded = Engines(request)
    try:
        yield loaded
    finally:
        loaded.close()


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each engine's name in turn, for tests that run once per engine."""
    return str(request.param)
