"""Every way measuring a funnel can be refused says what is wrong and where."""

from __future__ import annotations

import datetime
import gzip
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cjm.measure.assemble import assemble
from cjm.measure.files_runner import open_files_runner
from cjm.measure.funnel_sql import funnel_query
from cjm.measure.runner import MeasureError
from cjm.model.sources import MeasureSettings
from tests.measure.funnel_support import (
    BINDING_DISPLAY,
    binding,
    plan_for,
    source,
    write_csv,
    write_jsonl,
    write_parquet,
)

THREE = {"s0": {"event": "e0"}, "s1": {"event": "e1"}, "s2": {"event": "e2"}}
LINE = [["s0", "s1"], ["s2"]]
ROW = {"user_id": "u", "event": "e0", "timestamp": datetime.datetime(2026, 3, 28, 9)}


def refused(match: str, **options: Any) -> None:
    steps = options.pop("steps", THREE)
    the_source = options.pop("the_source", source())
    with pytest.raises(MeasureError, match=match) as caught:
        plan_for(LINE, binding(steps, **options), the_source, **options.pop("side", {}))
    assert str(caught.value).startswith(BINDING_DISPLAY + ": ")


def test_no_funnel_step() -> None:
    refused("no funnel step", steps={"other": {"event": "x"}})


def test_only_side_steps_make_no_funnel() -> None:
    with pytest.raises(MeasureError, match="no funnel step"):
        plan_for(LINE, binding({"s0": {"event": "e0"}}), source(), s0="optional")


def test_unknown_time_zone() -> None:
    refused("unknown time zone 'Mars/Olympus'", timezone="Mars/Olympus")


def test_property_filter_on_a_source_without_properties() -> None:
    steps = {"s0": {"event": "e0", "where": [{"property": "plan", "equals": "pro"}]}}
    refused(
        r"`steps.s0.where` reads the property 'plan', but the segment shape has no "
        r"properties column: name one under `columns.properties` of source 'events'",
        steps=steps,
        the_source=source(shape="segment"),
    )


def test_persona_property_filter_on_a_source_without_properties() -> None:
    personas = {"pro": {"where": [{"property": "plan", "equals": "pro"}]}}
    refused(
        "`personas.pro.where` reads the property 'plan'",
        personas=personas,
        the_source=source(shape="snowplow"),
    )


def test_unit_whose_column_the_shape_lacks() -> None:
    refused(
        r"the segment shape has no session column: name one under `columns.session` of "
        r"source 'events' in cjm.yaml",
        unit="session",
        the_source=source(shape="segment"),
    )
    refused(
        "the snowplow shape has no account column",
        unit="account",
        the_source=source(shape="snowplow"),
    )


def test_a_unit_read_from_properties_needs_a_properties_column() -> None:
    overridden = source(shape="posthog", columns={"properties": None})
    plan_for(LINE, binding(THREE, unit="session"), overridden)  # the preset still applies
    segment = source(shape="segment", columns={"session": {"property": "sid"}})
    refused("the session is read from the property 'sid'", unit="session", the_source=segment)


@pytest.mark.parametrize(
    ("kpi", "message"),
    [
        (
            {"measure": "conversion", "from": "s0", "to": "nope", "as": "ratio"},
            r"`kpis.k.to` is 'nope', which is not a step of the funnel's line \(s0, s1, s2\)",
        ),
        (
            {"measure": "conversion", "from": "s2", "to": "s0", "as": "ratio"},
            "'s0' does not come after it",
        ),
        (
            {"measure": "conversion", "from": "s1", "to": "s1", "as": "ratio"},
            "'s1' does not come after it",
        ),
        ({"measure": "drop-off", "step": "s2", "as": "percent"}, "the funnel's last step"),
        (
            {"measure": "time-to-next", "step": "s2", "statistic": "median", "as": "days"},
            "the funnel's last step",
        ),
        (
            {"measure": "drop-off", "step": "opt", "as": "percent"},
            "'opt', which is not a step of the funnel's line",
        ),
        ({"measure": "reach", "step": "ghost", "as": "count"}, "'ghost', which is not a bound"),
        (
            {"measure": "reach", "step": "s0", "persona": "nobody", "as": "count"},
            "`kpis.k.persona` is 'nobody', which is not bound under `personas`",
        ),
    ],
)
def test_kpis_that_cannot_be_computed(kpi: dict[str, Any], message: str) -> None:
    steps = {**THREE, "opt": {"event": "help"}}
    with pytest.raises(MeasureError, match=message):
        plan_for(
            [["s0", "opt", "s1"], ["s2"]],
            binding(steps, kpis={"k": kpi}),
            source(),
            opt="optional",
        )


def open_runner(tmp_path: Path, files: str, **extra: Any) -> None:
    runner = open_files_runner(source(files, **extra), tmp_path, None)
    runner.close()


def test_no_matching_file(tmp_path: Path) -> None:
    with pytest.raises(MeasureError, match=r"source 'events': no file matches 'data/\*.parquet'"):
        open_runner(tmp_path, "data/*.parquet")


def test_unknown_extension(tmp_path: Path) -> None:
    (tmp_path / "events.txt").write_text("x")
    with pytest.raises(MeasureError, match=r"cannot tell the format of 'events\.txt'"):
        open_runner(tmp_path, "events.txt")


@pytest.mark.parametrize("name", ["broken.parquet", "broken.jsonl", "broken.csv.gz"])
def test_unreadable_file(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"\x00\x01 not what it says \xff{")
    with pytest.raises(MeasureError, match=f"source 'events': cannot read files '{name}' as"):
        open_runner(tmp_path, name)


def test_empty_json_lines(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("")
    with pytest.raises(MeasureError, match="holds no JSON objects"):
        open_runner(tmp_path, "empty.jsonl")


def test_missing_event_column(tmp_path: Path) -> None:
    write_csv([ROW], tmp_path / "e.csv")
    with pytest.raises(
        MeasureError,
        match=r"has no column 'name', the event column of the generic shape: name the right "
        r"one under `columns.event`",
    ):
        open_runner(tmp_path, "e.csv", columns={"event": "name"})


def test_missing_time_column(tmp_path: Path) -> None:
    write_parquet([ROW], tmp_path / "e.parquet")
    with pytest.raises(MeasureError, match="has no column 'derived_tstamp', the time column"):
        open_runner(tmp_path, "e.parquet", shape="snowplow", columns={"event": "event"})


@pytest.mark.parametrize("name", ["bad-time.csv", "bad-time.jsonl"])
def test_a_time_that_is_no_time(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(
        "user_id,event,timestamp\nu,e0,not a time\n"
        if name.endswith(".csv")
        else '{"user_id": "u", "event": "e0", "timestamp": "not a time"}\n'
    )
    with pytest.raises(MeasureError, match=f"source 'events': cannot read files '{name}' as"):
        open_runner(tmp_path, name)


def test_a_column_missing_at_query_time(tmp_path: Path) -> None:
    write_csv([ROW], tmp_path / "e.csv")
    plan = plan_for(
        LINE, binding(THREE, unit="session"), source("e.csv", columns={"session": "sid"})
    )
    runner = open_files_runner(plan.source, tmp_path, None)
    try:
        with pytest.raises(MeasureError, match=r"source 'events' \(files 'e.csv'\): .*sid"):
            runner.run(funnel_query(plan))
    finally:
        runner.close()


def test_gzipped_csv_and_settings(tmp_path: Path) -> None:
    write_csv([ROW], tmp_path / "plain.csv")
    (tmp_path / "e.csv.gz").write_bytes(gzip.compress((tmp_path / "plain.csv").read_bytes()))
    plan = plan_for(LINE, binding(THREE), source("e.csv.gz"))
    runner = open_files_runner(
        plan.source, tmp_path, MeasureSettings(memory_limit="256MB", threads=1)
    )
    try:
        assert runner.run("SELECT current_setting('threads')") == [(1,)]
        outcome = assemble(plan, runner.run(funnel_query(plan)))
        assert outcome.segments[0].entered == 1
        assert runner.engine().name == "duckdb" and runner.dialect == "duckdb"
    finally:
        runner.close()


def test_json_lines_with_nested_properties(tmp_path: Path) -> None:
    write_jsonl([{**ROW, "properties": {"plan": "pro", "n": 3}}], tmp_path / "e.ndjson")
    steps = {"s0": {"event": "e0", "where": [{"property": "n", "in": [3]}]}}
    plan = plan_for(LINE, binding(steps), source("e.ndjson"))
    runner = open_files_runner(plan.source, tmp_path, None)
    try:
        assert assemble(plan, runner.run(funnel_query(plan))).segments[0].entered == 1
    finally:
        runner.close()


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("data", None, 0, 1, 1, 0, None)], "has 7 values; it should have 8"),
        ([("data", None, 0, "many", 1, 0, None, None)], "holds 'many' where a count belongs"),
        ([("data", None, 0, 1, 1, 0, None, None)], "has no 'match' row 0"),
        ([(None, None, None, 1, 1, 0, None, None)], "no part or step index"),
    ],
)
def test_result_rows_that_do_not_fit(rows: list[tuple[Any, ...]], message: str) -> None:
    plan = plan_for(LINE, binding(THREE), source())
    with pytest.raises(MeasureError, match=message):
        assemble(plan, rows)


def test_rows_read_back_as_text_assemble_the_same(tmp_path: Path) -> None:
    write_csv([ROW, {**ROW, "event": "e1"}], tmp_path / "e.csv")
    plan = plan_for(LINE, binding(THREE), source("e.csv"))
    runner = open_files_runner(plan.source, tmp_path, None)
    try:
        rows = runner.run(funnel_query(plan))
    finally:
        runner.close()
    as_text = [tuple("" if value is None else str(value) for value in row) for row in rows]
    assert assemble(plan, as_text) == assemble(plan, rows)


def test_planning_and_writing_the_query_load_no_engine() -> None:
    code = (
        "import sys\n"
        "import cjm.measure.plan, cjm.measure.funnel_sql, cjm.measure.assemble, "
        "cjm.measure.kpis, cjm.measure.columns, cjm.measure.files_runner\n"
        "print(sorted(m for m in ('duckdb', 'sqlglot', 'vaderSentiment') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
