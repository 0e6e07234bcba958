"""The embedded DuckDB, reading a source's local files.

An in-memory database with its session time zone set to UTC (so a time written without a
zone is read as UTC), the memory limit and thread count of ``cjm.yaml``, and one view,
``cjm_events`` (or ``cjm_feedback``), over every file the source's glob matches. The
format comes from ``file_format`` or from the files' extension: ``.parquet``; ``.csv``
(also ``.csv.gz``), every value read as text as written (so an id ``007`` stays
``007``); ``.jsonl``, ``.ndjson`` or ``.json`` for JSON lines. A JSON properties
object read as a nested value is turned back into JSON text, so conditions read it the
same way whatever the format. A time column without a zone is turned into UTC times in
the view itself, the cheap way, so the query's ``CAST(... AS TIMESTAMPTZ)`` costs nothing.

DuckDB is imported here only, when a runner is opened.
"""

from __future__ import annotations

import glob
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjm.measure.columns import resolve_columns
from cjm.measure.runner import EVENTS_RELATION, FEEDBACK_RELATION, SOURCE_DIALECT, MeasureError
from cjm.model.snapshot import Engine
from cjm.model.sources import FileFormat, MeasureSettings, Source, SourceKind

if TYPE_CHECKING:
    import duckdb

EXTENSIONS: tuple[tuple[str, FileFormat], ...] = (
    (".parquet", FileFormat.PARQUET),
    (".csv", FileFormat.CSV),
    (".csv.gz", FileFormat.CSV),
    (".jsonl", FileFormat.JSON_LINES),
    (".ndjson", FileFormat.JSON_LINES),
    (".json", FileFormat.JSON_LINES),
    (".jsonl.gz", FileFormat.JSON_LINES),
)

NESTED_TYPES = ("STRUCT", "MAP", "LIST")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def file_format(source: Source, pattern: str) -> FileFormat:
    """The source's format, written or read from its glob's extension."""
    if source.file_format is not None:
        return source.file_format
    lowered = pattern.lower()
    for suffix, found in EXTENSIONS:
        if lowered.endswith(suffix):
            return found
    raise MeasureError(
        f"source '{source.id}': cannot tell the format of '{pattern}' from its extension: "
        "write `file_format` (parquet, csv or jsonl) in cjm.yaml"
    )


def _reader(form: FileFormat, path: str) -> str:
    if form is FileFormat.PARQUET:
        return f"read_parquet({_quote(path)}, union_by_name = true)"
    if form is FileFormat.CSV:
        return f"read_csv({_quote(path)}, union_by_name = true, all_varchar = true)"
    return f"read_json({_quote(path)}, format = 'newline_delimited', union_by_name = true)"


def _first_line(problem: BaseException) -> str:
    text = str(problem).strip()
    return text.splitlines()[0] if text else type(problem).__name__


class FilesRunner:
    """A :class:`~cjm.measure.runner.Runner` over one source's local files."""

    def __init__(
        self, connection: duckdb.DuckDBPyConnection, source: Source, where: str, spill: Path
    ) -> None:
        self._connection = connection
        self._source = source
        self._where = where
        self._spill = spill

    @property
    def dialect(self) -> str:
        return SOURCE_DIALECT

    def engine(self) -> Engine:
        import duckdb

        return Engine(name="duckdb", version=duckdb.__version__, dialect=SOURCE_DIALECT)

    def run(self, sql: str) -> Sequence[tuple[Any, ...]]:
        import duckdb

        try:
            return self._connection.execute(sql).fetchall()
        except duckdb.Error as problem:
            raise MeasureError(
                f"source '{self._source.id}' ({self._where}): {_first_line(problem)}"
            ) from None

    def close(self) -> None:
        self._connection.close()
        shutil.rmtree(self._spill, ignore_errors=True)


def open_files_runner(source: Source, root: Path, settings: MeasureSettings | None) -> FilesRunner:
    """An in-memory DuckDB with ``cjm_events`` (or ``cjm_feedback``) over the source's files."""
    import duckdb

    assert source.files is not None
    pattern = source.files
    where = f"files '{pattern}'"
    full = str(root / pattern)
    matched = [path for path in glob.glob(full, recursive=True) if Path(path).is_file()]  # noqa: PTH207
    if not matched:
        raise MeasureError(
            f"source '{source.id}': no file matches '{pattern}' (relative to {root})"
        )
    form = file_format(source, pattern)
    spill = Path(tempfile.mkdtemp(prefix="cjm-duckdb-"))
    connection = duckdb.connect(":memory:")
    try:
        connection.execute("SET TimeZone = 'UTC'")
        connection.execute(f"SET temp_directory = {_quote(str(spill))}")
        connection.execute("SET preserve_insertion_order = false")
        if settings is not None and settings.memory_limit is not None:
            connection.execute(f"SET memory_limit = {_quote(settings.memory_limit)}")
        if settings is not None and settings.threads is not None:
            connection.execute(f"SET threads = {int(settings.threads)}")
        reader = _reader(form, full)
        try:
            described = connection.execute(f"DESCRIBE SELECT * FROM {reader}").fetchall()
        except duckdb.Error as problem:
            raise MeasureError(
                f"source '{source.id}': cannot read {where} as {form.value}: {_first_line(problem)}"
            ) from None
        types = {str(row[0]): str(row[1]) for row in described}
        relation = EVENTS_RELATION if source.kind is SourceKind.EVENTS else FEEDBACK_RELATION
        select = "*"
        if source.kind is SourceKind.EVENTS:
            select = _events_select(source, where, types)
        if source.kind is SourceKind.EVENTS and form is not FileFormat.PARQUET:
            # The funnel query reads the events twice; text files are parsed once, into
            # DuckDB's own columnar storage (spilled to the temporary folder past the
            # memory limit), rather than twice.
            try:
                connection.execute(f"CREATE TEMP TABLE cjm_read AS SELECT {select} FROM {reader}")
            except duckdb.Error as problem:
                raise MeasureError(
                    f"source '{source.id}': cannot read {where} as {form.value}: "
                    f"{_first_line(problem)}"
                ) from None
            connection.execute(f"CREATE VIEW {_ident(relation)} AS SELECT * FROM cjm_read")
        else:
            connection.execute(f"CREATE VIEW {_ident(relation)} AS SELECT {select} FROM {reader}")
    except BaseException:
        connection.close()
        shutil.rmtree(spill, ignore_errors=True)
        raise
    return FilesRunner(connection, source, where, spill)


def _events_select(source: Source, where: str, types: dict[str, str]) -> str:
    columns = resolve_columns(source)
    if set(types) == {"json"}:
        raise MeasureError(
            f"source '{source.id}' ({where}) holds no JSON objects: each line should be one "
            'event, such as {"event": ..., "timestamp": ...}'
        )
    shown = ", ".join(sorted(types))
    for role in ("event", "time"):
        ref = columns.role(role)
        assert ref is not None
        if ref.column is not None and ref.column not in types:
            raise MeasureError(
                f"source '{source.id}' ({where}) has no column '{ref.column}', the {role} "
                f"column of the {source.shape.value} shape: name the right one under "
                f"`columns.{role}` in cjm.yaml (its columns: {shown})"
            )
    replaced: list[str] = []
    props = columns.properties
    if props is not None and props in types and types[props].startswith(NESTED_TYPES):
        replaced.append(f"CAST(to_json({_ident(props)}) AS VARCHAR) AS {_ident(props)}")
    time = columns.time.column
    if time is not None:
        fast = _utc_time(time, types[time])
        if fast is not None:
            replaced.append(f"{fast} AS {_ident(time)}")
    return f"* REPLACE ({', '.join(replaced)})" if replaced else "*"


ZONE_SUFFIX = (
    r"[0-9]:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?"
    r"([Zz]|[+-][0-9]{2}(:?[0-9]{2})?|[A-Za-z][A-Za-z_/+-]*)$"
)
"""A written time that ends in a zone: ``Z``, an offset (``+02:00``, ``-0530``) or a name."""


def _utc_time(column: str, kind: str) -> str | None:
    """The time column as a TIMESTAMPTZ, read as UTC when it has no zone, without going
    through DuckDB's time zone library row by row (which costs seconds per ten million
    rows even in UTC); None when the column needs nothing."""
    name = _ident(column)
    as_utc = f"make_timestamptz(epoch_us(CAST({name} AS TIMESTAMP)))"
    if kind.startswith(("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ")):
        return None
    if kind.startswith("TIMESTAMP") or kind == "DATE":
        return as_utc
    if kind == "VARCHAR":
        return (
            f"CASE WHEN regexp_matches({name}, {_quote(ZONE_SUFFIX)}) "
            f"THEN CAST({name} AS TIMESTAMPTZ) ELSE {as_utc} END"
        )
    return None
