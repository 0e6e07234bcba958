"""Export, then import with no edit: the map does not change.

On every example map, found as the workspace loader finds maps, and on generated maps that
use every part of the format (kept small: each example writes and reads a workbook).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from cjm.load.project import load_workspace
from cjm.load.workspace import find_workspace_root
from cjm.sheets.apply import apply_book
from cjm.sheets.csv import csv_files
from cjm.sheets.read import read_book
from cjm.yamledit import rewrite
from tests.fuzz.budget import examples
from tests.fuzz.maps import journey_maps, to_yaml
from tests.sheets.common import export, load
from tests.sheets.test_cli import cjm

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def example_maps() -> list[Path]:
    found: list[Path] = []
    for config in sorted(EXAMPLES.glob("*/cjm.yaml")):
        project = load_workspace(config.parent, config.parent)
        found.extend(document.path for document in project.maps)
    return found


def unchanged(path: Path, folder: Path) -> None:
    """Export the map at ``path`` as a workbook and as CSV tables; reading either back
    changes nothing and reports nothing."""
    loaded = load(path)
    book = read_book(export(loaded, folder))
    outcome = apply_book(loaded.data, book, loaded.context)
    assert (outcome.problems, outcome.notes, outcome.cells) == ([], [], 0)
    assert outcome.data == loaded.data
    assert rewrite(loaded.text, outcome.data) == loaded.text
    tables = folder / "tables"
    tables.mkdir()
    for name, text in csv_files(loaded.data).items():
        (tables / name).write_text(text, encoding="utf-8", newline="")
    outcome = apply_book(loaded.data, read_book(tables), loaded.context)
    assert (outcome.problems, outcome.notes, outcome.data) == ([], [], loaded.data)


def test_the_examples_are_found() -> None:
    assert len(example_maps()) >= 10


@pytest.mark.parametrize("path", example_maps(), ids=lambda p: p.stem)
def test_every_example_map_comes_back_unchanged(path: Path, tmp_path: Path) -> None:
    unchanged(path, tmp_path)


@pytest.mark.parametrize("path", example_maps(), ids=lambda p: p.stem)
def test_the_commands_leave_every_byte_of_an_example(path: Path, tmp_path: Path) -> None:
    workspace = find_workspace_root(path.parent)
    assert workspace is not None
    copy = shutil.copytree(workspace, tmp_path / workspace.name)
    map_copy = copy / path.relative_to(workspace)
    before = map_copy.read_bytes()
    book = tmp_path / "book.xlsx"
    assert cjm("export", "workbook", str(map_copy), "-o", str(book)).exit_code == 0
    result = cjm("import", "workbook", str(book), "--into", str(map_copy))
    assert result.exit_code == 0, result.output
    assert result.stderr == "" and "No changes" in result.stdout
    assert map_copy.read_bytes() == before


@examples(25)
@given(journey_maps())
def test_generated_maps_come_back_unchanged(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        path.write_text(to_yaml(data), encoding="utf-8")
        unchanged(path, Path(folder))
