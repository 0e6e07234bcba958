"""`cjm import mermaid` and `cjm render --format mermaid`, end to end."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from tests.samples import PLAIN_ENV

REPO = Path(__file__).resolve().parent.parent.parent

DIAGRAM = """\
journey
    title Coffee to go
    section Order
      Queues at the counter: 2: Busy Sam
      Pays by phone: 4: Busy Sam
"""


def cjm(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env=PLAIN_ENV)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_import_writes_a_map_named_after_its_id_that_validates(here: Path) -> None:
    (here / "coffee.mmd").write_text(DIAGRAM)
    result = cjm("import", "mermaid", "coffee.mmd")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout == "wrote coffee-to-go.yaml: check it with `cjm validate coffee-to-go.yaml`\n"
    )
    checked = cjm("validate", "--select", "CJM103,CJM104", "coffee-to-go.yaml")
    assert checked.exit_code == 0, checked.output
    text = (here / "coffee-to-go.yaml").read_text()
    assert "action: Queues at the counter" in text and "emotion: -1" in text


def test_import_to_standard_output(here: Path) -> None:
    (here / "coffee.mmd").write_text(DIAGRAM)
    result = cjm("import", "mermaid", "coffee.mmd", "--out", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Imported from coffee.mmd by cjm import mermaid\n")
    assert list(here.iterdir()) == [here / "coffee.mmd"]


def test_import_never_replaces_a_file_without_force(here: Path) -> None:
    (here / "coffee.mmd").write_text(DIAGRAM)
    (here / "coffee-to-go.yaml").write_text("# mine\n")
    result = cjm("import", "mermaid", "coffee.mmd")
    assert result.exit_code == 2
    assert "coffee-to-go.yaml already exists; pass --force to replace it" in result.stderr
    assert (here / "coffee-to-go.yaml").read_text() == "# mine\n"
    assert cjm("import", "mermaid", "coffee.mmd", "--force").exit_code == 0
    assert (here / "coffee-to-go.yaml").read_text().startswith("# Imported from")


def test_import_reports_problems_at_their_place(here: Path) -> None:
    (here / "bad.mmd").write_text("journey\n  section A\n    Task: 9: Me\n")
    result = cjm("import", "mermaid", "bad.mmd")
    assert result.exit_code == 1
    assert result.stderr.startswith("bad.mmd:3:11: error CJM010 ")
    assert list(here.iterdir()) == [here / "bad.mmd"]


def test_import_of_a_missing_file_is_a_usage_error(here: Path) -> None:
    result = cjm("import", "mermaid", "nope.mmd")
    assert result.exit_code == 2


def test_render_mermaid_then_import_gives_back_the_journey(here: Path) -> None:
    shutil.copytree(REPO / "examples" / "b2b-saas-trial", here / "ws")
    rendered = cjm("render", "ws", "-f", "mermaid", "--view", "all", "-o", "out")
    assert rendered.exit_code == 0, rendered.output
    assert [p.name for p in (here / "out").iterdir()] == ["trial-to-paid.mmd"]
    imported = cjm("import", "mermaid", "out/trial-to-paid.mmd", "--out", "back.yaml")
    assert imported.exit_code == 0, imported.output
    back = (here / "back.yaml").read_text()
    for stage in ("Discover", "Trial", "Buy", "Onboard and renew", "Advocate and expand"):
        assert f"name: {stage}" in back
