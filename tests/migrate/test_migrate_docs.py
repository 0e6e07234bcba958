"""docs/ci-and-review.md shows what `cjm migrate --diff` really prints, and the README
lists the command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from tests.samples import PLAIN_ENV

REPO = Path(__file__).resolve().parents[2]
GUIDE = (REPO / "docs" / "ci-and-review.md").read_text(encoding="utf-8")
SECTION = GUIDE.split("## Moving to a new format version: `cjm migrate`", 1)[1].split("\n## ")[0]


def _before(patch: str) -> dict[str, str]:
    """The files a unified diff starts from, when its hunks show them whole."""
    files: dict[str, list[str]] = {}
    name = ""
    for line in patch.splitlines():
        if line.startswith("--- "):
            name = line[4:]
            files[name] = []
        elif line.startswith(("+++", "@@", "+")):
            continue
        elif name:
            files[name].append(line[1:])
    return {path: "\n".join(lines) + "\n" for path, lines in files.items()}


def test_the_documented_diff_is_what_cjm_migrate_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patch = re.search(r"```diff\n(.*?)```", SECTION, re.DOTALL)
    assert patch is not None
    for name, text in _before(patch.group(1)).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    # The map goes on after the lines the diff shows.
    with (tmp_path / "maps" / "trial-to-paid.yaml").open("a", encoding="utf-8") as file:
        file.write("owner: growth\nreviewed: 2026-10-01\npersonas: [{id: olivia, name: O}]\n")
        file.write("stages: [{id: trial, name: Trial}]\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["migrate", "--diff"], env=PLAIN_ENV)
    assert result.exit_code == 0, result.output
    assert result.stdout == patch.group(1)


def test_the_readme_lists_cjm_migrate() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "| `cjm migrate [PATH]... [--check] [--diff]` |" in readme
