"""`cjm import mermaid` and `cjm render --format mermaid`, end to end."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from cjm.scaffold import init_workspace
from tests.samples import PLAIN_ENV

REPO = Path(__file__).resolve().parent.parent.parent
TODAY = datetime.date(2026, 11, 23)

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
    assert result.stdout.startswith(
        '# Imported from coffee.mmd by cjm import mermaid\nformat: "1.0"\nid: coffee-to-go\n'
    )
    assert list(here.iterdir()) == [here / "coffee.mmd"]


def test_the_imported_map_is_in_the_current_format(here: Path) -> None:
    (here / "coffee.mmd").write_text(DIAGRAM)
    assert cjm("import", "mermaid", "coffee.mmd").exit_code == 0
    text = (here / "coffee-to-go.yaml").read_text()
    assert text.startswith('# Imported from coffee.mmd by cjm import mermaid\nformat: "1.0"\n')
    checked = cjm("validate", "--select", "ALL", "--fail-on", "info", "coffee-to-go.yaml")
    assert "CJM126" not in checked.output
    assert cjm("migrate", "--check", "coffee-to-go.yaml").exit_code == 0


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


# -- inside a workspace ------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace made by `cjm init`; the current folder is a folder inside it."""
    root = tmp_path / "journeys"
    init_workspace(root, name="Acme", template="current-state", today=TODAY)
    (root / "diagrams").mkdir()
    monkeypatch.chdir(root / "diagrams")
    return root


LEARNER = """\
journey
    title Learner journey
    section Start
      Downloads the app: 4: Commuter Chloe, Night Owl Nina
"""


def test_inside_a_workspace_the_map_goes_where_new_maps_go(workspace: Path) -> None:
    (workspace / "diagrams" / "coffee.mmd").write_text(DIAGRAM)
    result = cjm("import", "mermaid", "coffee.mmd")
    assert result.exit_code == 0, result.output
    written = workspace / "maps" / "coffee-to-go.yaml"
    shown = written.as_posix()  # outside the current folder: shown in full
    assert result.stdout == f"wrote {shown}: check it with `cjm validate {shown}`\n"
    assert list((workspace / "diagrams").iterdir()) == [workspace / "diagrams" / "coffee.mmd"]
    text = written.read_text()
    assert text.startswith(
        "# yaml-language-server: $schema=../schemas/1.0/map.schema.json\n"
        "# Imported from coffee.mmd by cjm import mermaid\n"
        'format: "1.0"\n'
    )
    assert (written.parent / "../schemas/1.0/map.schema.json").is_file()
    checked = cjm("validate", "--select", "CJM103,CJM104", str(workspace))
    assert checked.exit_code == 0, checked.output


def test_the_map_joins_the_workspace(workspace: Path) -> None:
    """An actor named like a shared persona is that persona; the map's id and its other
    personas' ids are its own, so the workspace still validates."""
    (workspace / "diagrams" / "learner.mmd").write_text(LEARNER)
    # The default file holds a map with the same id: replace it (--force) or choose --out.
    clash = cjm("import", "mermaid", "learner.mmd")
    assert clash.exit_code == 2
    assert "learner-journey.yaml already exists; pass --force to replace it" in clash.stderr
    result = cjm("import", "mermaid", "learner.mmd", "--out", "../maps/imported.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "note: the actor 'Commuter Chloe' is the workspace's persona 'commuter-chloe'\n"
        "note: the workspace already has a map with id 'learner-journey': "
        "this one is 'learner-journey-2'\n"
    )
    text = (workspace / "maps" / "imported.yaml").read_text()
    assert "id: learner-journey-2\n" in text
    assert "personas:\n  - commuter-chloe\n  - id: night-owl-nina\n" in text
    checked = cjm("validate", "--select", "CJM103,CJM104", str(workspace))
    assert checked.exit_code == 0, checked.output


def test_force_replaces_the_map_it_imported_before(workspace: Path) -> None:
    (workspace / "diagrams" / "coffee.mmd").write_text(DIAGRAM)
    assert cjm("import", "mermaid", "coffee.mmd").exit_code == 0
    again = cjm("import", "mermaid", "coffee.mmd")
    assert again.exit_code == 2
    assert "coffee-to-go.yaml already exists; pass --force to replace it" in again.stderr
    forced = cjm("import", "mermaid", "coffee.mmd", "--force")
    assert forced.exit_code == 0, forced.output
    assert forced.stderr == ""  # the same id as the file it replaces: no renaming
    assert sorted(p.name for p in (workspace / "maps").iterdir()) == [
        "coffee-to-go.yaml",
        "learner-journey.yaml",
    ]


def test_out_inside_a_workspace_is_where_it_says(workspace: Path) -> None:
    (workspace / "diagrams" / "coffee.mmd").write_text(DIAGRAM)
    result = cjm("import", "mermaid", "coffee.mmd", "--out", "../maps/b2c/coffee.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("wrote ")
    assert "maps/b2c/coffee.yaml" in result.stdout
    text = (workspace / "maps" / "b2c" / "coffee.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schemas/1.0/map.schema.json\n")


def test_in_a_workspace_made_before_versioned_schemas_the_old_schema_is_named(
    workspace: Path,
) -> None:
    schemas = workspace / "schemas"
    for path in (schemas / "1.0").iterdir():
        path.rename(schemas / path.name)
    (schemas / "1.0").rmdir()
    (workspace / "diagrams" / "coffee.mmd").write_text(DIAGRAM)
    result = cjm("import", "mermaid", "coffee.mmd")
    assert result.exit_code == 0, result.output
    text = (workspace / "maps" / "coffee-to-go.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schemas/map.schema.json\n")


def test_in_a_workspace_without_schemas_there_is_no_schema_line(workspace: Path) -> None:
    shutil.rmtree(workspace / "schemas")
    (workspace / "diagrams" / "coffee.mmd").write_text(DIAGRAM)
    assert cjm("import", "mermaid", "coffee.mmd").exit_code == 0
    text = (workspace / "maps" / "coffee-to-go.yaml").read_text()
    assert text.startswith('# Imported from coffee.mmd by cjm import mermaid\nformat: "1.0"\n')


def test_printing_inside_a_workspace_writes_nothing(workspace: Path) -> None:
    (workspace / "diagrams" / "learner.mmd").write_text(LEARNER)
    result = cjm("import", "mermaid", "learner.mmd", "--out", "-")
    assert result.exit_code == 0, result.output
    assert "id: learner-journey-2\n" in result.stdout
    assert sorted(p.name for p in (workspace / "maps").iterdir()) == ["learner-journey.yaml"]
