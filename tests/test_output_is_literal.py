"""User text that looks like terminal markup must come out exactly as written."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cjm.cli import app

TRICKY = "[bold red]boom[/] :smile: \\[x]"


def _map_with_tricky_reference(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(
        "id: m\ntitle: T\ntype: current-state\nowner: growth\nreviewed: 2026-10-01\n"
        f"personas: ['{TRICKY}']\n"
        "teams: [{id: growth, name: Growth}]\n"
        "stages: [{id: s, name: S, steps: [{id: a, action: A, emotion: 0}]}]\n",
        encoding="utf-8",
    )
    return path


def test_json_output_keeps_markup_like_text(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["validate", "--format", "json", str(_map_with_tricky_reference(tmp_path))]
    )
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["diagnostics"]
    assert TRICKY in problem["message"]


def test_text_output_keeps_markup_like_text(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(_map_with_tricky_reference(tmp_path))])
    assert result.exit_code == 1
    assert f"'{TRICKY}' is not a valid id" in result.stdout
    assert f"personas: ['{TRICKY}']" in result.stdout
