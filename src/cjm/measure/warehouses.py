"""Running the measuring SQL in a warehouse, through the warehouse's own Python client.

A source with ``warehouse:`` names its table and, under ``connection``, the environment
variables holding each client setting (``dsn: CJM_PG_DSN``): values never appear in
``cjm.yaml``. The runner substitutes the table for ``cjm_events`` / ``cjm_feedback`` in
the syntax tree, transpiles the query (:mod:`cjm.measure.dialects`), runs it with the
client and returns rows of plain Python values. Each client is an optional install
(``pip install 'cjm-cli[postgres]'``) imported only when a runner is opened.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from types import ModuleType
from typing import Any

from cjm.measure.dialects import transpile
from cjm.measure.runner import EVENTS_RELATION, FEEDBACK_RELATION, MeasureError, Runner
from cjm.model.snapshot import Engine
from cjm.model.sources import Source, SourceKind, Warehouse

CLIENTS = {
    Warehouse.POSTGRES: ("psycopg", "PostgreSQL client psycopg"),
    Warehouse.SPARK: ("pyspark.sql", "Spark client pyspark"),
    Warehouse.BIGQUERY: ("google.cloud.bigquery", "BigQuery client google-cloud-bigquery"),
    Warehouse.SNOWFLAKE: ("snowflake.connector", "Snowflake client snowflake-connector-python"),
    Warehouse.TRINO: ("trino.dbapi", "Trino client trino"),
}
"""Per warehouse: the client module imported, and how messages name it."""


def open_warehouse_runner(source: Source, env: Mapping[str, str]) -> Runner:
    """A runner for ``source``'s table, connected with the settings its ``connection``
    names in ``env``. Raises :class:`MeasureError` when a variable is not set, the client
    is not installed or the warehouse cannot be reached."""
    if source.warehouse is None or source.table is None:
        raise MeasureError(f"Source '{source.id}' is not a warehouse table")
    warehouse = Warehouse(source.warehouse)
    settings = connection_settings(source, env)
    module = _client(warehouse)
    opener = _OPENERS[warehouse]
    return opener(source, module, settings)


def connection_settings(source: Source, env: Mapping[str, str]) -> dict[str, str]:
    """Each ``connection`` setting of ``source`` read from the variable it names."""
    settings = {}
    for setting, variable in source.connection.items():
        value = env.get(variable)
        if value is None or value == "":
            raise MeasureError(
                f"Source '{source.id}' reads its `{setting}` setting from the environment "
                f"variable {variable}, which is not set"
            )
        settings[setting] = value
    return settings


def _client(warehouse: Warehouse) -> ModuleType:
    module, what = CLIENTS[warehouse]
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MeasureError(
            f"The {what} is not installed: install it with "
            f"`pip install 'cjm-cli[{warehouse.value}]'`"
        ) from None


def plain(value: Any) -> Any:
    """A value as DuckDB's Python client would give it: Decimal as int when whole (a
    count) and float otherwise, aware times in UTC, everything else as it is."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent >= 0:
            return int(value)
        return float(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC)
    return value


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    for cut in ("\n\nJVM stacktrace", "\nJVM stacktrace"):
        text = text.split(cut, 1)[0]
    return text.strip() or type(error).__name__


class WarehouseRunner:
    """What every warehouse runner shares: the source's table put in place of its
    relation, the transpiling, and the rows made plain."""

    def __init__(self, source: Source, warehouse: Warehouse) -> None:
        relation = EVENTS_RELATION if source.kind is SourceKind.EVENTS else FEEDBACK_RELATION
        self.source = source
        self.warehouse = warehouse
        self.tables = {relation: str(source.table)}

    @property
    def dialect(self) -> str:
        return self.warehouse.value

    def sql(self, sql: str) -> str:
        """``sql`` as it is sent to the warehouse."""
        return transpile(sql, self.dialect, self.tables)

    def run(self, sql: str) -> Sequence[tuple[Any, ...]]:
        query = self.sql(sql)
        try:
            rows = self._execute(query)
        except MeasureError:
            raise
        except Exception as error:
            raise MeasureError(
                f"The query failed in {self._name()} (source '{self.source.id}'): "
                f"{_first_line(error)}"
            ) from None
        return [tuple(plain(value) for value in row) for row in rows]

    def engine(self) -> Engine:
        return Engine(name=self.warehouse.value, version=self._version(), dialect=self.dialect)

    def close(self) -> None:
        pass

    def _name(self) -> str:
        return CLIENTS[self.warehouse][1].split(" client", 1)[0]

    def _execute(self, query: str) -> Sequence[Sequence[Any]]:
        raise NotImplementedError

    def _version(self) -> str | None:
        return None


class _CursorRunner(WarehouseRunner):
    """A warehouse reached through a DB-API connection."""

    version_query: str | None = None

    def __init__(self, source: Source, warehouse: Warehouse, connection: Any) -> None:
        super().__init__(source, warehouse)
        self.connection = connection

    def _execute(self, query: str) -> Sequence[Sequence[Any]]:
        cursor = self.connection.cursor()
        try:
            cursor.execute(query)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def _version(self) -> str | None:
        if self.version_query is None:
            return None
        try:
            rows = self._execute(self.version_query)
        except Exception:
            return None
        return str(rows[0][0]).split(" ", 1)[0] if rows else None

    def close(self) -> None:
        self.connection.close()


class PostgresRunner(_CursorRunner):
    version_query = "SHOW server_version"


class SnowflakeRunner(_CursorRunner):
    version_query = "SELECT CURRENT_VERSION()"


class TrinoRunner(_CursorRunner):
    version_query = "SELECT version()"


def _connect_failed(source: Source, what: str, error: BaseException) -> MeasureError:
    return MeasureError(f"Cannot connect to {what} for source '{source.id}': {_first_line(error)}")


def _open_postgres(source: Source, psycopg: ModuleType, settings: dict[str, str]) -> Runner:
    conninfo = settings.pop("dsn", "")
    try:
        connection = psycopg.connect(
            conninfo, autocommit=True, connect_timeout=10, options="-c TimeZone=UTC", **settings
        )
    except psycopg.Error as error:
        raise _connect_failed(source, "PostgreSQL", error) from None
    return PostgresRunner(source, Warehouse.POSTGRES, connection)


def _open_snowflake(source: Source, connector: ModuleType, settings: dict[str, str]) -> Runner:
    try:
        connection = connector.connect(**settings, session_parameters={"TIMEZONE": "UTC"})
    except Exception as error:
        raise _connect_failed(source, "Snowflake", error) from None
    return SnowflakeRunner(source, Warehouse.SNOWFLAKE, connection)


def _open_trino(source: Source, dbapi: ModuleType, settings: dict[str, str]) -> Runner:
    options: dict[str, Any] = dict(settings)
    if "port" in options:
        try:
            options["port"] = int(options["port"])
        except ValueError:
            raise MeasureError(
                f"Source '{source.id}': the Trino `port` setting is not a number"
            ) from None
    password = options.pop("password", None)
    if password is not None:
        auth = importlib.import_module("trino.auth")
        options["auth"] = auth.BasicAuthentication(options.get("user", ""), password)
        options.setdefault("http_scheme", "https")
    try:
        connection = dbapi.connect(**options, timezone="UTC")
    except Exception as error:
        raise _connect_failed(source, "Trino", error) from None
    return TrinoRunner(source, Warehouse.TRINO, connection)


class BigQueryRunner(WarehouseRunner):
    """BigQuery through google-cloud-bigquery (credentials as the client finds them,
    for example GOOGLE_APPLICATION_CREDENTIALS). BigQuery computes in UTC."""

    def __init__(self, source: Source, client: Any) -> None:
        super().__init__(source, Warehouse.BIGQUERY)
        self.client = client

    def _execute(self, query: str) -> Sequence[Sequence[Any]]:
        return [tuple(row.values()) for row in self.client.query(query).result()]

    def close(self) -> None:
        self.client.close()


def _open_bigquery(source: Source, bigquery: ModuleType, settings: dict[str, str]) -> Runner:
    try:
        client = bigquery.Client(**settings)
    except Exception as error:
        raise _connect_failed(source, "BigQuery", error) from None
    return BigQueryRunner(source, client)


class SparkRunner(WarehouseRunner):
    """Spark SQL in a SparkSession: the one already active in this process, or one built
    with the ``master`` setting (``local[*]`` without it). The table is looked up in the
    session's catalog; the session time zone is UTC."""

    def __init__(self, source: Source, session: Any, owned: bool) -> None:
        super().__init__(source, Warehouse.SPARK)
        self.session = session
        self.owned = owned

    def _execute(self, query: str) -> Sequence[Sequence[Any]]:
        return [tuple(row) for row in self.session.sql(query).collect()]

    def _version(self) -> str | None:
        return str(self.session.version)

    def close(self) -> None:
        if self.owned:
            self.session.stop()


def _open_spark(source: Source, sql: ModuleType, settings: dict[str, str]) -> Runner:
    session = sql.SparkSession.getActiveSession()
    owned = session is None
    if session is None:
        builder = sql.SparkSession.builder.appName("cjm measure")
        builder = builder.master(settings.get("master", "local[*]"))
        builder = builder.config("spark.sql.session.timeZone", "UTC")
        try:
            session = builder.getOrCreate()
        except Exception as error:
            raise _connect_failed(source, "Spark", error) from None
    session.conf.set("spark.sql.session.timeZone", "UTC")
    runner = SparkRunner(source, session, owned)
    table = str(source.table)
    try:
        found = bool(session.catalog.tableExists(table))
    except Exception as error:
        raise MeasureError(
            f"Source '{source.id}': Spark cannot look up the table '{table}': {_first_line(error)}"
        ) from None
    if not found:
        runner.close()
        raise MeasureError(f"Source '{source.id}': Spark's catalog has no table '{table}'")
    return runner


_OPENERS: dict[Warehouse, Callable[[Source, ModuleType, dict[str, str]], Runner]] = {
    Warehouse.POSTGRES: _open_postgres,
    Warehouse.SPARK: _open_spark,
    Warehouse.BIGQUERY: _open_bigquery,
    Warehouse.SNOWFLAKE: _open_snowflake,
    Warehouse.TRINO: _open_trino,
}
