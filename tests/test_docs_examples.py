"""The workspace that docs/getting-started.md builds step by step must validate clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from tests.samples import PLAIN_ENV

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


def _write_guide_workspace(folder: Path, replace: tuple[str, str] = ("", "")) -> None:
    for name, text in _guide_files().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text.replace(*replace), encoding="utf-8")


def _documented_output(starting_with: str) -> str:
    guide = GUIDE.read_text(encoding="utf-8")
    return starting_with + guide.split("```text\n" + starting_with, 1)[1].split("```", 1)[0]


def test_guide_lint_output_is_what_cjm_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_guide_workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate"], env=PLAIN_ENV)
    assert result.exit_code == 0, result.output
    assert result.stdout == _documented_output("cjm.yaml:8:5:")


def test_guide_error_sample_matches_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_guide_workspace(tmp_path, ("severity: high", "severity: hgih"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate"], env=PLAIN_ENV)
    assert result.exit_code == 1
    assert _documented_output("maps/trial-to-paid.yaml:23:23:") in result.stdout
