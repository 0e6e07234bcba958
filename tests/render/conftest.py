"""Helpers for diagram tests: load example maps and small maps into render contexts."""

from __future__ import annotations

from pathlib import Path

from cjm.check import check_paths
from cjm.lint.config import LintRequest
from cjm.load.project import load_workspace
from cjm.render.context import RenderContext

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLES = REPO / "examples"
GOLDEN = REPO / "tests" / "golden"


FORMAT_ONE = REPO / "tests" / "render" / "format1"  # a workspace using every part of 1.0


def workspace_contexts(folder: Path, with_maps: bool = False) -> list[tuple[str, RenderContext]]:
    """``(name, context)`` for every map of the workspace ``folder``; ``with_maps``: each
    context has the workspace's maps by id (as ``cjm render`` gives them)."""
    found = []
    project = load_workspace(folder, folder)
    maps = {d.model.id: d.model for d in project.maps if d.model is not None} if with_maps else {}
    for document in project.maps:
        assert document.model is not None, document.diagnostics
        name = f"{folder.name}--{document.model.id}"
        scope = project.scopes[document.display]
        found.append((name, RenderContext(document.model, scope, maps)))
    return found


def example_contexts() -> list[tuple[str, RenderContext]]:
    """``(name, context)`` for every map of every bundled example, in a stable order."""
    found = []
    for folder in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        found += workspace_contexts(folder)
    return found


def context_of(text: str, tmp_path: Path) -> RenderContext:
    """A render context for one standalone map written as ``text``."""
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_paths([path], tmp_path, lint=LintRequest(select=[]))
    assert not result.diagnostics, result.diagnostics
    [project] = result.projects
    [document] = project.maps
    assert document.model is not None
    return RenderContext(document.model, project.scopes[document.display])
