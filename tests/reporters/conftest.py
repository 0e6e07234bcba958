"""Helpers for the reporter tests: small maps, a git repository, the CLI, made-up results."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cjm.check import CheckResult
from cjm.cli import app
from cjm.diagnostics import UNKNOWN_REFERENCE, Code, Diagnostic, Location, Severity
from tests.samples import PLAIN_ENV

MAP = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
stages:
  - id: signup
    name: Sign-up
    steps:
      - {id: start-trial, action: Starts a trial, emotion: 1}
"""

# `owner: grwoth` is an unknown reference (CJM103, an error) at 4:8-14.
TYPO_MAP = MAP.replace("owner: growth", "owner: grwoth")

# Where the typo is: line 4, columns 8 up to 14.
TYPO_AT = Location(4, 8, 14)

# With `--select CJM101` the map has one warning: its stage has no touchpoint (9:5).
ONE_WARNING = ["--select", "CJM101"]
# With `--select CJM103` the typo map has one error and the map none.
ONE_ERROR = ["--select", "CJM103"]

# A rule of the catalogue, made up for diagnostics built by hand.
STAGE_WITHOUT_TOUCHPOINTS = Code(
    "CJM101", "stage-without-touchpoints", "A stage whose steps use no touchpoint."
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(args: Sequence[str], env: dict[str, str | None] | None = None) -> Result:
    """Invoke the cjm app; stdout and stderr are kept apart."""
    return CliRunner().invoke(app, list(args), env=env if env is not None else PLAIN_ENV)


def validate(output_format: str, *args: str) -> Result:
    return run(["validate", "--format", output_format, *args])


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository (a `.git` folder is enough) with maps in `journeys/maps/`; the
    working directory is `journeys/`, so cjm names the maps `maps/...` while the
    repository knows them as `journeys/maps/...`."""
    (tmp_path / ".git").mkdir()
    write(tmp_path / "journeys" / "maps" / "trial.yaml", TYPO_MAP)
    write(tmp_path / "journeys" / "maps" / "clean.yaml", MAP)
    monkeypatch.chdir(tmp_path / "journeys")
    return tmp_path


def diagnostic(
    message: str = "unknown team 'grwoth'; did you mean 'growth'?",
    *,
    path: str = "maps/trial.yaml",
    severity: Severity = Severity.ERROR,
    code: Code = UNKNOWN_REFERENCE,
    location: Location = TYPO_AT,
    hint: str | None = "define it under `teams`",
) -> Diagnostic:
    return Diagnostic(code, severity, message, path, location, hint)


def result_of(*diagnostics: Diagnostic, files: Sequence[str] = ()) -> CheckResult:
    """A check result holding ``diagnostics``, sorted as the checker sorts them."""
    found = sorted(diagnostics, key=Diagnostic.sort_key)
    names = sorted(set(files) | {d.path for d in found})
    return CheckResult(
        diagnostics=found,
        files=names,
        failed=any(d.severity is Severity.ERROR for d in found),
    )
