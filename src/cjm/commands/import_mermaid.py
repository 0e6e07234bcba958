"""``cjm import mermaid``: read a Mermaid journey, write a cjm map.

Inside a workspace (a ``cjm.yaml`` found by walking up from the current folder) the map
goes where ``cjm new map`` puts maps, and joins the workspace: it uses the workspace's
personas and team where they match and takes ids no other map has. Outside a workspace it
goes to the current folder. ``--out`` names the file (``-`` prints the map). The map is
in the current format: ``format: "1.0"`` is its first key, and its ``$schema`` line (inside
a workspace that has the schemas) points at the schema of that version.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from cjm.check import CheckResult
from cjm.commands.output import error, note, shown_path, stderr, stdout
from cjm.load.source import read_source
from cjm.load.workspace import find_workspace_root
from cjm.mermaid_import import Workspace, import_mermaid
from cjm.migrate import FORMAT_LINE, insert_first_key
from cjm.reporters.text import TextReporter
from cjm.scaffold import (
    WorkspaceIndex,
    default_map_folder,
    index_workspace,
    map_path_in,
    map_schema_reference,
)
from cjm.writing import write_text_atomic

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _workspace(index: WorkspaceIndex | None, place: Callable[[str], Path] | None) -> Workspace:
    """What the map joins; a map already in the file it would replace does not count."""
    if index is None:
        return Workspace()

    def elsewhere(map_id: str, display: str) -> bool:
        return place is None or (index.root / display).resolve() != place(map_id).resolve()

    return Workspace(
        personas=index.persona_names,
        teams=frozenset(index.shared["team"]),
        map_ids=frozenset(i for i, display in index.maps.items() if elsewhere(i, display)),
    )


def run_import_mermaid(source: Path, out: Path | None, *, force: bool) -> int:
    display = str(source)
    read = read_source(source, display)
    if read.text is None:
        stderr().print(TextReporter().render(CheckResult(read.diagnostics, [display])), end="")
        return EXIT_USAGE if read.unreadable else EXIT_PROBLEMS
    to_stdout = out is not None and str(out) == "-"
    here = Path.cwd() if out is None or to_stdout else out.absolute().parent
    root = find_workspace_root(here)
    index = index_workspace(root) if root is not None else None
    place: Callable[[str], Path] | None
    if to_stdout:
        place = None
    elif out is not None:
        place = lambda _: out  # noqa: E731
    else:
        folder = default_map_folder(index) if index is not None else Path.cwd()
        place = lambda map_id: map_path_in(folder, map_id, index)  # noqa: E731
    imported = import_mermaid(read.text, source.name, workspace=_workspace(index, place))
    if imported.problems:
        report = CheckResult(imported.problems, [display], sources={display: read.text})
        stderr().print(TextReporter().render(report), end="")
        return EXIT_PROBLEMS
    # The map is written in the current format, and says so first.
    text = insert_first_key(imported.yaml_text, FORMAT_LINE)
    if place is None:
        sys.stdout.write(text)
        code = EXIT_OK
    else:
        code = _write(source, place(imported.map_id), text, root, force=force)
    if code == EXIT_OK:
        for message in imported.notes:
            note(message)
    return code


def _write(source: Path, target: Path, text: str, root: Path | None, *, force: bool) -> int:
    shown = shown_path(target)
    if target.resolve() == source.resolve():
        error(f"{shown} is the file being imported; choose another --out")
        return EXIT_USAGE
    exists = f"{shown} already exists; pass --force to replace it, or choose --out"
    if (target.exists() or target.is_symlink()) and not force:
        error(exists)
        return EXIT_USAGE
    schema = map_schema_reference(target, root) if root is not None else None
    if schema is not None:
        text = f"# yaml-language-server: $schema={schema}\n{text}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, text, overwrite=force)
    except FileExistsError:
        error(exists)
        return EXIT_USAGE
    except OSError as problem:
        error(f"cannot write {shown}: {problem.strerror or problem}")
        return EXIT_USAGE
    stdout().print(f"wrote {shown}: check it with `cjm validate {shown}`", markup=False)
    return EXIT_OK
