"""The workspace that docs/getting-started.md builds step by step must validate clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "getting-started.md"
# A file name in backticks on its own line, a blank line, then its YAML block.
FILE_BLOCK = re.compile(r"^`([\w./-]+\.yaml)`:\n\n```yaml\n(.*?)```", re.MULTILINE | re.DOTALL)


def _guide_files() -> dict[str, str]:
    return dict(FILE_BLOCK.findall(GUIDE.read_text(encoding="utf-8")))


def test_guide_writes_a_whole_workspace() -> None:
    assert set(_guide_files()) == {
        "cjm.yaml",
        "shared/personas.yaml",
        "shared/research.yaml",
        "maps/trial-to-paid.yaml",
    }


def test_guide_workspace_validates_clean(tmp_path: Path) -> None:
    for name, text in _guide_files().items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "No problems found in 4 files." in result.output


def test_guide_error_sample_matches_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, text in _guide_files().items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text.replace("severity: high", "severity: hgih"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate"])
    assert result.exit_code == 1
    sample = GUIDE.read_text(encoding="utf-8").split("```text\nmaps/trial-to-paid.yaml", 1)[1]
    sample = "maps/trial-to-paid.yaml" + sample.split("```", 1)[0]
    assert sample in result.output
