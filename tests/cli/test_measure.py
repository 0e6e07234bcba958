"""`cjm measure`: snapshots written from the example's data, the warehouse hand-off
(--sql, --import), --write-actuals, and every way it can be asked wrongly."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlglot
from typer.testing import CliRunner, Result

from cjm.cli import app
from cjm.measure.dialects import SUPPORTED_DIALECTS
from cjm.measure.snapshot_file import read_snapshot
from tests.samples import PLAIN_ENV

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "b2b-saas-trial"
MAP = "maps/trial-to-paid.yaml"
BINDING = "maps/trial-to-paid.measures.yaml"
SNAPSHOT = "measurements/trial-to-paid.yaml"
AS_OF = "2026-11-23"


def measure(*args: str) -> Result:
    return CliRunner().invoke(app, ["measure", *args], env=PLAIN_ENV)


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the measured B2B example as the working folder."""
    target = tmp_path / "b2b"
    shutil.copytree(EXAMPLE, target)
    monkeypatch.chdir(target)
    return target


def test_the_committed_snapshot_is_what_measure_writes(example: Path) -> None:
    (example / SNAPSHOT).unlink()
    result = measure("--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert (example / SNAPSHOT).read_text(encoding="utf-8") == (EXAMPLE / SNAPSHOT).read_text(
        encoding="utf-8"
    )
    assert result.stdout.splitlines()[:3] == [
        f"{MAP}: 100 entered, 7 funnel steps, 2026-10-01 to 2026-10-31 (duckdb); wrote {SNAPSHOT}",
        "  KPI trial-to-paid-rate: 13%",
        "  KPI trial-activation-rate: 28%",
    ]


def test_measuring_again_changes_nothing(example: Path) -> None:
    result = measure("--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert f"unchanged {SNAPSHOT}" in result.stdout


def test_the_snapshot_does_not_depend_on_the_folder_it_ran_in(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (example / SNAPSHOT).unlink()
    monkeypatch.chdir(example.parent)
    result = measure(str(example), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert (example / SNAPSHOT).read_bytes() == (EXAMPLE / SNAPSHOT).read_bytes()


def test_dry_run_writes_nothing(example: Path) -> None:
    (example / SNAPSHOT).unlink()
    result = measure("--as-of", AS_OF, "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"would update {SNAPSHOT}" in result.stdout
    assert not (example / SNAPSHOT).exists()


def test_write_actuals_writes_measured_values_and_keeps_comments(example: Path) -> None:
    before = (example / MAP).read_text(encoding="utf-8")
    result = measure("--as-of", AS_OF, "--write-actuals")
    assert result.exit_code == 0, result.output
    after = (example / MAP).read_text(encoding="utf-8")
    assert after != before
    assert "actual of KPI trial-to-paid-rate: 12.5 -> 13" in result.stdout
    assert "actual_period: {start: 2026-10-01, end: 2026-10-31}" in after
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments == [line for line in after.splitlines() if line.lstrip().startswith("#")]
    again = measure("--as-of", AS_OF, "--write-actuals")
    assert again.exit_code == 0, again.output
    assert (example / MAP).read_text(encoding="utf-8") == after


def test_sql_prints_one_statement_per_dialect_that_parses_back(example: Path) -> None:
    for dialect in SUPPORTED_DIALECTS:
        result = measure("--sql", "--dialect", dialect, "--as-of", AS_OF)
        assert result.exit_code == 0, result.output
        text = result.stdout
        assert text.startswith("-- cjm measure: the funnel of map 'trial-to-paid'")
        assert f"--import RESULT.csv --dialect {dialect}" in text
        statements = [s for s in sqlglot.parse(text, read=dialect) if s is not None]
        assert len(statements) == 1, dialect


def test_import_reads_back_the_result_of_the_printed_query(example: Path) -> None:
    """The data team's round trip: run the printed query elsewhere (here DuckDB over the
    same files), save the result as CSV, import it; the numbers are the same."""
    import duckdb

    sql = measure("--sql", "--dialect", "duckdb", "--as-of", AS_OF).stdout
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    connection.execute(
        "CREATE VIEW cjm_events AS SELECT * FROM read_json('data/events.jsonl', "
        "format = 'newline_delimited')"
    )
    cursor = connection.execute(sql)
    names = [column[0] for column in cursor.description]
    with (example / "result.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        writer.writerows(cursor.fetchall())
    (example / SNAPSHOT).unlink()
    result = measure(MAP, "--import", "result.csv", "--dialect", "duckdb", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    imported = read_snapshot((example / SNAPSHOT).read_text(encoding="utf-8"))
    measured = read_snapshot((EXAMPLE / SNAPSHOT).read_text(encoding="utf-8"))
    assert imported.engine.name == "imported"
    assert imported.engine.dialect == "duckdb"
    assert imported.funnel == measured.funnel
    assert imported.kpis == measured.kpis
    assert imported.matches == measured.matches


def test_an_import_with_other_columns_is_refused_with_the_line(example: Path) -> None:
    (example / "result.csv").write_text("part,persona\ndata,\n", encoding="utf-8")
    result = measure(MAP, "--import", "result.csv", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "result.csv:1: the header is not the query's columns (missing step_index" in (
        result.stderr
    )
    assert "Traceback" not in result.output


def test_a_map_without_binding_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "examples" / "ecommerce-checkout", tmp_path / "shop")
    monkeypatch.chdir(tmp_path / "shop")
    result = measure()
    assert result.exit_code == 2
    assert "no map here has a binding file" in result.stderr


def test_missing_data_files_fail_the_map_with_the_source_named(example: Path) -> None:
    (example / "data" / "events.jsonl").unlink()
    result = measure("--as-of", AS_OF)
    assert result.exit_code == 1
    assert f"error: {MAP}: " in result.stderr
    assert "product-events" in result.stderr
    assert "Traceback" not in result.output


def test_a_binding_with_errors_is_reported_and_not_measured(example: Path) -> None:
    binding = example / BINDING
    binding.write_text(
        binding.read_text(encoding="utf-8").replace("order: in-order", "order: sideways"),
        encoding="utf-8",
    )
    result = measure("--as-of", AS_OF)
    assert result.exit_code == 1
    assert f"{BINDING}:" in result.stderr
    assert "has errors (see above)" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "23/11/2026"], "--as-of takes a date as YYYY-MM-DD, not '23/11/2026'"),
        (["--dialect", "postgres"], "--dialect goes with --sql or --import"),
        (["--sql", "--import", "x.csv"], "--sql prints the query and --import reads its result"),
        (["--sql", "--dialect", "oracle"], "oracle"),
    ],
)
def test_bad_options_are_usage_errors(example: Path, args: list[str], message: str) -> None:
    result = measure(*args)
    assert result.exit_code in (1, 2)
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_help_and_validate_do_not_load_the_measuring_libraries(example: Path) -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from cjm.cli import app\n"
        "CliRunner().invoke(app, ['--help'])\n"
        "CliRunner().invoke(app, ['measure', '--help'])\n"
        "CliRunner().invoke(app, ['validate'])\n"
        "heavy = {'duckdb', 'sqlglot', 'vaderSentiment', 'psycopg', 'pyspark'}\n"
        "print(sorted(heavy & {name.split('.')[0] for name in sys.modules}))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=example
    )
    assert found.stdout.strip() == "[]"
