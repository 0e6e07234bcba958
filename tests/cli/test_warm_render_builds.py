"""A warm journey SVG builds no Pydantic model class: every document comes from the
validation cache, the rules' options and the empty vocabulary are made without
validating, and a binding's hash reads the forms its models kept when validated."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.tools import SRC

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "b2b-saas-trial"
MAP = "maps/trial-to-paid.yaml"

# Runs `cjm` as the console script does, with Pydantic's completion of a model class (its
# core schema, validator and serializer) recorded; prints the exit code and the classes
# completed as the last line.
_PROBE = """
import json, sys
from pydantic._internal import _model_construction

completed = []
complete = _model_construction.complete_model_class

def recording(cls, *args, **kwargs):
    completed.append(f"{cls.__module__}.{cls.__qualname__}")
    return complete(cls, *args, **kwargs)

_model_construction.complete_model_class = recording
from cjm.cli import main
sys.argv = ["cjm", *sys.argv[1:]]
try:
    main()
except SystemExit as done:
    code = done.code
else:
    code = 0
print(json.dumps({"code": code, "completed": completed}))
"""


def _completed(args: list[str], cwd: Path) -> list[str]:
    """The model classes ``cjm ARGS`` completed, run in a fresh Python in ``cwd``."""
    environment = dict(os.environ, PYTHONPATH=str(SRC), COLUMNS="80")
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] in (0, None), done.stderr
    completed: list[str] = report["completed"]
    return completed


def test_a_warm_journey_svg_completes_no_model_class(tmp_path: Path) -> None:
    workspace = tmp_path / "example"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns(".cjm-cache"))
    render = ["render", MAP, "--format", "svg", "--view", "journey", "--out", str(tmp_path)]
    cold = _completed(render, workspace)
    assert "cjm.model.journey.JourneyMap" in cold  # the probe sees classes completed
    assert (workspace / ".cjm-cache").is_dir()
    assert _completed(render, workspace) == []
    assert (tmp_path / "trial-to-paid-journey.svg").is_file()
