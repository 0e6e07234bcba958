"""docs/colleagues.md: what it says the workbook commands print is what they print on the
example, its pictures exist, and its links lead to pages that exist."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cjm.cli import app
from tests.samples import PLAIN_ENV

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
GUIDE = (DOCS / "colleagues.md").read_text(encoding="utf-8")
MAP = "maps/trial-to-paid.yaml"


def _shown_after(command: str) -> str:
    return GUIDE.split(f"$ {command}\n", 1)[1].split("```", 1)[0]


def _edit(book: Path, cells: dict[str, str]) -> None:
    workbook = openpyxl.load_workbook(book)
    for address, value in cells.items():
        workbook["Journey"][address].value = value
    workbook.save(book)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "examples" / "b2b-saas-trial", tmp_path / "b2b")
    monkeypatch.chdir(tmp_path / "b2b")
    return tmp_path / "b2b"


def test_the_export_and_the_dry_run_print_what_the_guide_shows(workspace: Path) -> None:
    runner = CliRunner()
    exported = runner.invoke(app, ["export", "workbook", MAP], env=PLAIN_ENV)
    assert exported.exit_code == 0, exported.output
    assert exported.stdout == _shown_after(f"cjm export workbook {MAP}")

    before = (workspace / MAP).read_bytes()
    _edit(
        workspace / "trial-to-paid.xlsx",
        {"B3": "Asks peers which planning tools they use", "E10": "negative (-1)"},
    )
    command = f"import workbook trial-to-paid.xlsx --into {MAP} --dry-run"
    dry_run = runner.invoke(app, command.split(), env=PLAIN_ENV)
    assert dry_run.exit_code == 0, dry_run.output
    assert dry_run.stdout == _shown_after(f"cjm {command}")
    assert (workspace / MAP).read_bytes() == before


def test_the_error_the_guide_shows_is_the_one_printed(workspace: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["export", "workbook", MAP], env=PLAIN_ENV).exit_code == 0
    _edit(workspace / "trial-to-paid.xlsx", {"C10": "furious"})
    result = runner.invoke(
        app, ["import", "workbook", "trial-to-paid.xlsx", "--into", MAP], env=PLAIN_ENV
    )
    assert result.exit_code == 1
    shown = GUIDE.split("```text\n", 1)[1].split("```", 1)[0]
    assert result.stderr == shown


def test_its_pictures_and_links_exist() -> None:
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", GUIDE)
    links = re.findall(r"(?<!!)\[[^\]]*\]\(([^)#]+\.md)\)", GUIDE)
    assert len(pictures) == 3 and {"serve.md", "spreadsheets.md"} <= set(links)
    for target in pictures + links:
        assert (DOCS / target).is_file(), target
