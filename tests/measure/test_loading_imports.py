"""`cjm validate` of a measured workspace loads no engine: no DuckDB, no sqlglot, no text
scorer and no warehouse client."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "measured"
SRC = Path(__file__).resolve().parents[2] / "src"
HEAVY = ("duckdb", "sqlglot", "vaderSentiment", "psycopg", "pyspark", "google", "snowflake")

PROGRAM = """
import json, sys
from cjm.cli import main
sys.argv = ["cjm", "validate", "--select", "ALL", sys.argv[1]]
try:
    main()
except SystemExit as done:
    code = done.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_validate_of_a_measured_workspace_imports_no_engine(tmp_path: Path) -> None:
    environment = dict(os.environ, PYTHONPATH=str(SRC))
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(FIXTURE)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 0
    # The check did read the binding and the snapshot.
    assert "cjm.load.measures" in report["modules"]
    loaded = [name for name in report["modules"] if name.split(".")[0] in HEAVY]
    assert loaded == []
