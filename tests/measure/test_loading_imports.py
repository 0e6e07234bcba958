"""`cjm validate` of a measured workspace loads no engine: no DuckDB, no sqlglot, no text
scorer and no warehouse client."""

from __future__ import annotations

from pathlib import Path

from tests.tools import run_cjm

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "measured"
HEAVY = ("duckdb", "sqlglot", "vaderSentiment", "psycopg", "pyspark", "google", "snowflake")


def test_validate_of_a_measured_workspace_imports_no_engine(tmp_path: Path) -> None:
    code, modules = run_cjm(["validate", "--select", "ALL", str(FIXTURE)], tmp_path)
    assert code == 0
    # The check did read the binding and the snapshot.
    assert "cjm.load.measures" in modules
    loaded = [name for name in modules if name.split(".")[0] in HEAVY]
    assert loaded == []
