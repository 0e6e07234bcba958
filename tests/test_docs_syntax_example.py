"""The syntax error that docs/getting-started.md shows is what cjm prints for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from tests.samples import PLAIN_ENV
from tests.test_docs_examples import _documented_output, _write_guide_workspace


def test_guide_syntax_error_sample_matches_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = "summary: Trial sign-up asks for a credit card"
    _write_guide_workspace(tmp_path, (summary, summary.replace(": ", ': "', 1)))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate"], env=PLAIN_ENV)
    assert result.exit_code == 1
    documented = _documented_output("maps/trial-to-paid.yaml:22:22:")
    assert result.stdout.startswith(documented)
