"""Helpers of tests that run something outside pytest's own process.

Tests that drive outside tools (a browser, Mermaid's own parser) call :func:`require`.
On a developer's machine without the tool such a test is skipped, with the reason shown
in pytest's summary. In CI (``CI`` is set) the tool must be there: ``.ci/run`` installs
it, and a missing tool fails the test instead of letting it pass unseen.

Tests of what a command imports run it in a fresh Python with :func:`run_cjm`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


def require(available: bool, what: str, how: str) -> None:
    """Skip (locally) or fail (in CI) unless ``available``; ``how`` says how to get it."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI: {how}")
    pytest.skip(f"{what} is not available: {how}")


# Runs `cjm` as the console script does, then prints its exit code, the modules it loaded
# and the model classes of cjm it built as the last line.
_PROBE = """
import json, sys
from cjm.program import main
sys.argv = ["cjm", *sys.argv[1:]]
try:
    main()
except SystemExit as done:
    code = done.code
else:
    code = 0
modules = sorted(sys.modules)

def built_models():
    from pydantic import BaseModel
    found, waiting, seen = [], [BaseModel], set()
    while waiting:
        for model in waiting.pop().__subclasses__():
            if model not in seen:
                seen.add(model)
                waiting.append(model)
                if model.__module__.startswith("cjm.") and model.__dict__.get(
                    "__pydantic_complete__"
                ):
                    found.append(f"{model.__module__}.{model.__qualname__}")
    return sorted(found)
built = built_models() if "pydantic" in sys.modules else []
print(json.dumps({"code": code, "modules": modules, "built": built}))
"""


def run_cjm(args: list[str], cwd: Path) -> tuple[int, list[str]]:
    """Run ``cjm ARGS`` in ``cwd`` as the console script does, in a fresh Python; its
    exit code and the modules it loaded."""
    report = run_probe(_PROBE, args, cwd)
    return report["code"], report["modules"]


def run_cjm_built(args: list[str], cwd: Path) -> tuple[int, list[str]]:
    """Run ``cjm ARGS`` as :func:`run_cjm` does; its exit code and the model classes of
    cjm whose validator it built (``module.QualifiedName``): a class built when it is
    first used builds none while the run only reads its models from the cache."""
    report = run_probe(_PROBE, args, cwd)
    return report["code"], report["built"]


def run_probe(script: str, args: list[str], cwd: Path) -> dict[str, Any]:
    """Run the Python ``script`` with ``args`` in a fresh Python on cjm's sources, in
    ``cwd``; the JSON object it prints as its last line."""
    environment = dict(os.environ, PYTHONPATH=str(SRC), COLUMNS="80")
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report
