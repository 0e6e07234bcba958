"""Shared helpers for the CLI tests: a minimal valid workspace and a CLI runner."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from cjm.cli import app
from cjm.load import yamlread
from tests.samples import PLAIN_ENV

CONFIG_YAML = """\
maps: ["maps/*.yaml"]
definitions: ["shared/*.yaml"]
teams: [{id: growth, name: Growth}]
"""

PERSONAS_YAML = """\
personas:
  - id: olivia
    name: Ops Olivia
"""

MINIMAL_MAP = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
personas: [olivia]
stages:
  - id: signup
    name: Sign-up
    steps:
      - id: start-trial
        action: Starts a trial
        emotion: 1
"""


def write(path: Path, text: str | bytes) -> Path:
    """Write ``text`` to ``path``, creating folders; bytes are written as they are."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def make_workspace(
    root: Path,
    *,
    config: str = CONFIG_YAML,
    personas: str = PERSONAS_YAML,
    maps: dict[str, str] | None = None,
) -> Path:
    """A minimal valid workspace at ``root``; ``maps`` replaces the default trial map."""
    write(root / "cjm.yaml", config)
    write(root / "shared" / "personas.yaml", personas)
    for name, text in (maps if maps is not None else {"trial.yaml": MINIMAL_MAP}).items():
        write(root / "maps" / name, text)
    return root


# These tests are about reading files and resolving references: only the two
# reference rules run, unless a test selects rules itself.
REFERENCE_RULES = ["--select", "unknown-reference,duplicate-id"]


def run(args: Sequence[str]) -> Result:
    """Invoke the cjm app with plain output."""
    args = list(args)
    if args[:1] == ["validate"] and "--select" not in args:
        args[1:1] = REFERENCE_RULES
    return CliRunner().invoke(app, args, env=PLAIN_ENV)


def run_json(args: Sequence[str]) -> tuple[Result, dict[str, Any]]:
    """Invoke ``cjm validate --format json ARGS`` and parse its stdout."""
    result = run(["validate", "--format", "json", *args])
    return result, json.loads(result.stdout)


def diagnostics(report: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    """``(path, line, column, code)`` of every diagnostic of a JSON report."""
    return [(d["path"], d["line"], d["column"], d["code"]) for d in report["diagnostics"]]


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A minimal valid workspace in ``tmp_path``, which is also the working directory."""
    make_workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def map_with(workspace: Path) -> Callable[[str], Path]:
    """Write a map ``maps/trial.yaml`` with the given text into the workspace."""

    def _write(text: str) -> Path:
        return write(workspace / "maps" / "trial.yaml", text)

    return _write


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with each YAML parser: libyaml (when installed) and the pure-Python one."""
    if request.param == "libyaml" and not yamlread.HAS_LIBYAML:
        pytest.skip("libyaml is not installed")
    if request.param == "pure-python":
        monkeypatch.setattr(yamlread, "HAS_LIBYAML", False)
    return str(request.param)
