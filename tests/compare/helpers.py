"""Load the fixture pair (and variants of it) into render contexts for the compare tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from cjm.compare import Comparison, compare_maps
from cjm.load.project import load_workspace
from cjm.render.context import RenderContext

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAIR = FIXTURES / "pair"


def contexts(folder: Path = PAIR) -> dict[str, RenderContext]:
    """Every map of the workspace ``folder`` by id, each with the others as its maps."""
    project = load_workspace(folder, folder)
    maps = {d.model.id: d.model for d in project.maps if d.model is not None}
    found = {}
    for document in project.maps:
        assert document.model is not None, document.diagnostics
        found[document.model.id] = RenderContext(
            document.model, project.scopes[document.display], maps
        )
    return found


def pair_comparison(folder: Path = PAIR) -> Comparison:
    found = contexts(folder)
    return compare_maps(found["today"], found["tomorrow"])


def copy_pair(tmp_path: Path) -> Path:
    """A copy of the fixture pair to edit."""
    target = tmp_path / "pair"
    shutil.copytree(PAIR, target)
    return target
