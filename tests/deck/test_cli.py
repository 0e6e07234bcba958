"""`cjm export deck`: files, checks, --force, bad paths; never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from typer.testing import CliRunner, Result

from cjm.cli import app
from tests.samples import PLAIN_ENV, STANDALONE_MAP

from .conftest import EXAMPLES, titles


def export(*args: str) -> Result:
    return CliRunner().invoke(app, ["export", "deck", *args], env=PLAIN_ENV)


@pytest.fixture
def bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "bank"
    shutil.copytree(EXAMPLES / "bank-account-opening", target)
    monkeypatch.chdir(target)
    return target


def test_writes_a_deck_per_map_of_the_workspace(bank: Path) -> None:
    result = export("--out", "decks")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (bank / "decks").iterdir()) == [
        "account-opening-2027.pptx",
        "account-opening.pptx",
    ]
    assert result.stdout == "Wrote 2 decks into decks.\n"
    deck = Presentation(str(bank / "decks" / "account-opening.pptx"))
    assert titles(deck)[0] == "Opening a current account, today"


def test_a_map_file_as_argument(bank: Path) -> None:
    result = export("maps/account-opening.yaml", "-o", "out")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (bank / "out").iterdir()] == ["account-opening.pptx"]


def test_a_map_with_errors_gets_no_deck_unless_forced(bank: Path) -> None:
    path = bank / "maps" / "account-opening.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "touchpoints: [account-pages]", "touchpoints: [acount-pages]"
        ),
        encoding="utf-8",
    )
    result = export("maps/account-opening.yaml", "-o", "out")
    assert result.exit_code == 1
    assert "maps/account-opening.yaml:" in result.stderr and "acount-pages" in result.stderr
    assert "got no deck: it has 1 error" in result.stderr
    assert "--force" in result.stderr
    assert not (bank / "out" / "account-opening.pptx").exists()
    assert "Traceback" not in result.output

    forced = export("maps/account-opening.yaml", "-o", "out", "--force")
    assert forced.exit_code == 0, forced.output
    assert (bank / "out" / "account-opening.pptx").is_file()


def test_a_bad_path_is_one_clear_line(bank: Path) -> None:
    result = export("maps/nope.yaml", "-o", "out")
    assert result.exit_code == 2
    assert result.stderr == "error: no such file or folder: maps/nope.yaml\n"


def test_out_that_is_a_file_is_refused(bank: Path) -> None:
    (bank / "taken").write_text("x", encoding="utf-8")
    result = export("-o", "taken")
    assert result.exit_code == 2
    assert "'taken' is a file" in result.stderr and "Traceback" not in result.output


def test_no_workspace_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = export()
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no cjm.yaml found")


def test_never_writes_over_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "solo.pptx").write_text(STANDALONE_MAP, encoding="utf-8")
    result = export("solo.pptx", "-o", ".")
    assert result.exit_code == 1
    assert "solo.pptx is an input file; choose another --out" in result.stderr
    assert (tmp_path / "solo.pptx").read_text(encoding="utf-8") == STANDALONE_MAP


def test_a_map_that_does_not_load_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    result = export("broken.yaml", "-o", "out")
    assert result.exit_code == 1
    assert "broken.yaml:1:" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_the_command_is_listed_with_help() -> None:
    result = CliRunner().invoke(app, ["export", "--help"], env=PLAIN_ENV)
    assert result.exit_code == 0 and "deck" in result.stdout
    help_text = export("--help").stdout
    assert (
        ".pptx" in " ".join(help_text.split()) and "--force" in help_text and "--out" in help_text
    )
