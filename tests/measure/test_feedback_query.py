"""The feedback query, run on DuckDB over CSV and Parquet files, and its rows read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pytest

from cjm.measure.feedback import (
    QUERY_COLUMNS,
    FeedbackRow,
    feedback_query,
    has_time,
    measure_feedback,
    rows_from_result,
)
from cjm.measure.runner import FEEDBACK_RELATION, MeasureError
from cjm.model.base import Period
from cjm.model.sources import Source
from tests.measure.feedback_samples import binding, journey

UTC = dt.UTC
START = dt.datetime(2026, 9, 1, tzinfo=UTC)
END = dt.datetime(2026, 9, 29, tzinfo=UTC)
PERIOD = Period(start=dt.date(2026, 9, 1), end=dt.date(2026, 9, 28))

CSV = '''\
Step Id,who,"score ""1-5""",text,answered_at
start,olivia,5,Loved it,2026-09-02 10:00:00
start,smb,2,"Slow, call +1 (555) 123-4567",2026-09-03 11:00:00
verify,,4.0,,2026-09-28 23:59:59
verify,sam,not sure,meh,2026-09-29 00:00:00
checkout,sam,1,Charged twice,2026-08-31 23:59:59
web-form,,3,,
'''


def source(**columns: Any) -> Source:
    values: dict[str, Any] = {
        "step": "Step Id",
        "persona": "who",
        "rating": 'score "1-5"',
        "comment": "text",
        "time": "answered_at",
    }
    values.update(columns)
    return Source.model_validate(
        {"id": "answers", "kind": "feedback", "files": "answers.csv", "feedback_columns": values}
    )


@pytest.fixture
def connection(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    csv = tmp_path / "answers.csv"
    csv.write_text(CSV)
    con = duckdb.connect()
    con.execute("SET TimeZone='UTC'")
    con.execute(f"CREATE VIEW {FEEDBACK_RELATION} AS SELECT * FROM read_csv('{csv}')")
    return con


def run(con: duckdb.DuckDBPyConnection, sql: str) -> list[FeedbackRow]:
    return rows_from_result(con.execute(sql).fetchall())


def test_the_query_reads_every_column_by_its_quoted_name(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    sql = feedback_query(source(), None)
    assert '"score ""1-5"""' in sql
    assert "WHERE" not in sql
    rows = run(connection, sql)
    assert len(rows) == 6
    assert rows[0] == FeedbackRow("start", None, "olivia", "5", "Loved it")
    assert rows[2].persona is None
    assert rows[2].rating == "4.0"
    assert rows[5] == FeedbackRow("web-form", None, None, "3", None)
    description = connection.execute(sql).description
    assert description is not None
    assert tuple(column[0] for column in description) == QUERY_COLUMNS


def test_the_time_column_limits_answers_to_the_period(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    sql = feedback_query(source(), (START, END))
    rows = run(connection, sql)
    # 2026-08-31, 2026-09-29 and the row with no time are outside.
    assert [row.step for row in rows] == ["start", "start", "verify"]
    assert run(connection, feedback_query(source(), (START.timestamp(), END.timestamp()))) == rows
    naive = (START.replace(tzinfo=None), END.replace(tzinfo=None))
    assert run(connection, feedback_query(source(), naive)) == rows


def test_bounds_in_another_zone_are_the_same_moments(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    berlin = dt.timezone(dt.timedelta(hours=2))
    start = dt.datetime(2026, 9, 3, 13, 0, tzinfo=berlin)  # 11:00 UTC
    rows = run(connection, feedback_query(source(), (start, END)))
    assert [row.step for row in rows] == ["start", "verify"]


def test_without_a_time_column_every_answer_is_read(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    chosen = source(time=None)
    assert not has_time(chosen)
    assert has_time(source())
    sql = feedback_query(chosen, (START, END))
    assert "WHERE" not in sql
    assert len(run(connection, sql)) == 6


def test_columns_not_named_come_back_null(connection: duckdb.DuckDBPyConnection) -> None:
    rows = run(connection, feedback_query(source(persona=None, comment=None, rating=None), None))
    assert all(row.persona is None and row.rating is None for row in rows)
    assert all(row.comment is None for row in rows)


def test_rows_read_back_measure_like_rows_built_in_python(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    rows = run(connection, feedback_query(source(), (START, END)))
    chosen = binding(segments={"smb": "olivia"}, text_sentiment=True)
    result = measure_feedback(journey(), chosen, rows, PERIOD)
    start = next(g for g in result.groups if g.step == "start" and g.persona is None)
    olivia = next(g for g in result.groups if g.step == "start" and g.persona == "olivia")
    assert (start.responses, start.positive, start.negative) == (2, 1, 1)
    assert olivia.responses == 2


def test_parquet_files_read_the_same(tmp_path: Path, connection: duckdb.DuckDBPyConnection) -> None:
    parquet = tmp_path / "answers.parquet"
    connection.execute(f"COPY (SELECT * FROM {FEEDBACK_RELATION}) TO '{parquet}' (FORMAT parquet)")
    expected = run(connection, feedback_query(source(), (START, END)))
    other = duckdb.connect()
    other.execute("SET TimeZone='UTC'")
    other.execute(f"CREATE VIEW {FEEDBACK_RELATION} AS SELECT * FROM read_parquet('{parquet}')")
    assert run(other, feedback_query(source(), (START, END))) == expected


def test_a_touchpoint_column_is_read() -> None:
    chosen = source(step=None, touchpoint="Step Id")
    con = duckdb.connect()
    con.execute(
        f"CREATE VIEW {FEEDBACK_RELATION} AS SELECT * FROM (VALUES "
        "('web-form', 'x', 5, 'ok', TIMESTAMP '2026-09-02 00:00:00')) "
        'AS t("Step Id", who, "score ""1-5""", text, answered_at)'
    )
    (row,) = run(con, feedback_query(chosen, None))
    assert (row.step, row.touchpoint, row.rating) == (None, "web-form", "5")


def test_an_events_source_is_refused() -> None:
    events = Source.model_validate({"id": "events", "kind": "events", "files": "e.parquet"})
    with pytest.raises(MeasureError, match="Source 'events' holds events"):
        feedback_query(events, None)


def test_a_source_with_no_step_or_touchpoint_column_is_refused() -> None:
    with pytest.raises(MeasureError, match="neither a step nor a touchpoint"):
        feedback_query(source(step=None), None)


def test_a_bound_must_be_finite() -> None:
    with pytest.raises(MeasureError, match="finite"):
        feedback_query(source(), (float("nan"), 1.0))
