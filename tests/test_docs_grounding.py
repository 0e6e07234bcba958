"""docs/grounding.md: its files are valid, and what it says `cjm measure` prints is what
it prints on the example."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from cjm.load.yamlread import read_yaml
from cjm.model.binding import Binding
from cjm.model.workspace import WorkspaceConfig
from tests.samples import PLAIN_ENV

REPO = Path(__file__).resolve().parent.parent
GUIDE = (REPO / "docs" / "grounding.md").read_text(encoding="utf-8")
YAML_BLOCK = re.compile(r"```yaml\n# (\S+)\n(.*?)```", re.DOTALL)


def _blocks() -> dict[str, str]:
    return dict(YAML_BLOCK.findall(GUIDE))


def test_the_guide_shows_a_workspace_binding_and_workflow() -> None:
    assert set(_blocks()) == {
        "cjm.yaml",
        "maps/trial-to-paid.measures.yaml",
        ".github/workflows/measure.yml",
    }


def test_its_cjm_yaml_is_valid() -> None:
    WorkspaceConfig.model_validate(read_yaml(_blocks()["cjm.yaml"], "cjm.yaml").data)


def test_its_binding_is_valid() -> None:
    text = _blocks()["maps/trial-to-paid.measures.yaml"]
    binding = Binding.model_validate(read_yaml(text, "binding").data)
    assert binding.funnel.timezone == "Europe/Berlin"


def test_its_console_output_is_what_measure_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = GUIDE.split("$ cjm measure --as-of 2026-11-23\n", 1)[1].split("```", 1)[0]
    shutil.copytree(REPO / "examples" / "b2b-saas-trial", tmp_path / "b2b")
    monkeypatch.chdir(tmp_path / "b2b")
    (tmp_path / "b2b" / "measurements" / "trial-to-paid.yaml").unlink()
    result = CliRunner().invoke(app, ["measure", "--as-of", "2026-11-23"], env=PLAIN_ENV)
    assert result.exit_code == 0, result.output
    assert result.stdout == shown
