"""``cjm export workbook`` and ``cjm import workbook``: a map as a spreadsheet and back.

The export writes the journey grid and the tables (:mod:`cjm.sheets`). The import reads
the edited workbook, carries the changed cells onto the map's data and rewrites the YAML
with the smallest edits (comments, key order and ids kept), after checking that the map
still loads with no new errors. Nothing is written when a cell cannot be placed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cjm.commands.output import error, note, stdout
from cjm.diagnostics import Diagnostic
from cjm.diagnostics import Severity as Level
from cjm.lint.config import LintRequest
from cjm.lint.engine import lint_project
from cjm.load.document import Document, parse_document
from cjm.load.project import Project, load_standalone, load_workspace
from cjm.load.workspace import find_workspace_root, real_path
from cjm.model import JourneyMap
from cjm.model.journey import Severity
from cjm.sheets.layout import Context
from cjm.wording import plural
from cjm.writing import write_bytes_atomic, write_text_atomic

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
MAP_CELL = (2, 1)  # where the How to edit sheet names the map: A2


@dataclass
class Loaded:
    """A map in its workspace: what the workbook needs of it."""

    project: Project
    document: Document[JourneyMap]
    data: Any
    context: Context


def _load(map_path: Path) -> Loaded | None:
    """The map at ``map_path`` with its workspace, or None after saying why not."""
    if not map_path.is_file():
        error(f"no such map file: {map_path}")
        return None
    cwd = Path.cwd()
    root = find_workspace_root(map_path.absolute().parent)
    if root is not None:
        project = load_workspace(root, cwd, [map_path.absolute()])
    else:
        project = load_standalone([map_path.absolute()], cwd)
    target = real_path(map_path.absolute())
    document = next((d for d in project.maps if real_path(d.path) == target), None)
    if document is None or document.text is None or document.model is None:
        error(f"{map_path} is not a map that loads; run `cjm validate {map_path}` and fix it first")
        return None
    from cjm.yamledit import read_data

    data = read_data(document.text, path=document.display)
    return Loaded(project, document, data, workspace_context(project, document, document.model))


def workspace_context(
    project: Project, document: Document[JourneyMap], model: JourneyMap
) -> Context:
    scope = project.scopes.get(document.display)
    personas: list[tuple[str, str]] = []
    for entry in model.personas:
        if isinstance(entry, str):
            found = scope.get("persona", entry) if scope is not None else None
            personas.append((entry, getattr(found, "name", entry)))
        else:
            personas.append((entry.id, entry.name))
    kinds = scope.by_kind if scope is not None else {}
    severities = [severity.value for severity in Severity]
    config = project.config.model if project.config is not None else None
    if config is not None:
        severities += [term.id for term in config.vocabulary.severities]
    return Context(
        personas=personas,
        touchpoints=sorted(kinds.get("touchpoint", {})),
        teams=sorted(kinds.get("team", {})),
        severities=severities,
    )


def run_export_workbook(map_path: Path, out: Path | None, *, output_format: str) -> int:
    """Write the workbook (or, with ``csv``, the tables' folder) of the map at ``map_path``."""
    loaded = _load(map_path)
    if loaded is None:
        return EXIT_USAGE
    map_id = str(loaded.data.get("id"))
    if output_format == "csv":
        from cjm.sheets.csv import csv_files

        folder = out or Path(f"{map_id}-tables")
        if folder.exists() and not folder.is_dir():
            error(f"{folder} is a file; the CSV tables go into a folder")
            return EXIT_USAGE
        folder.mkdir(parents=True, exist_ok=True)
        files = csv_files(loaded.data)
        for name, text in files.items():
            write_text_atomic(folder / name, text)
        stdout().print(
            f"Wrote {plural(len(files), 'table')} into {folder}: {', '.join(files)}", markup=False
        )
        return EXIT_OK
    from cjm.sheets.write import workbook_bytes

    path = out or Path(f"{map_id}.xlsx")
    if path.is_dir():
        error(
            f"{path} is a folder; name the workbook file, for example {path / (map_id + '.xlsx')}"
        )
        return EXIT_USAGE
    if real_path(path.absolute()) == real_path(loaded.document.path):
        error(f"{path} is the map itself; choose another file for the workbook")
        return EXIT_USAGE
    write_bytes_atomic(path, workbook_bytes(loaded.data, loaded.context))
    stdout().print(
        f"Wrote {path}: the journey grid and the tables of map `{map_id}`.", markup=False
    )
    return EXIT_OK


def run_import_workbook(
    book_path: Path, map_path: Path, *, allow_deletes: bool, dry_run: bool
) -> int:
    """Carry the edits of the workbook (or CSV tables) at ``book_path`` into the map."""
    from cjm.sheets.apply import apply_book
    from cjm.sheets.read import BookError, read_book
    from cjm.sheets.write import HELP

    try:
        book = read_book(book_path)
    except BookError as problem:
        error(str(problem))
        return EXIT_USAGE
    loaded = _load(map_path)
    if loaded is None:
        return EXIT_USAGE
    map_id = str(loaded.data.get("id"))
    named = book[HELP].get(*MAP_CELL) if HELP in book else None
    if named is not None and str(named).removeprefix("Map: ").strip() != map_id:
        error(
            f"{book_path} is the workbook of map `{str(named).removeprefix('Map: ').strip()}`, "
            f"not of `{map_id}` ({map_path})"
        )
        return EXIT_USAGE
    outcome = apply_book(loaded.data, book, loaded.context, allow_deletes=allow_deletes)
    for message in outcome.notes:
        note(message)
    if outcome.problems:
        for cell_problem in outcome.problems:
            error(str(cell_problem))
        error(f"nothing was written: {plural(len(outcome.problems), 'cell')} to fix in {book_path}")
        return EXIT_PROBLEMS
    if outcome.data == loaded.data:
        stdout().print(
            f"No changes: {map_path} already holds what {book_path} holds.", markup=False
        )
        return EXIT_OK
    from cjm.yamledit import EditError, rewrite

    text = loaded.document.text or ""
    try:
        new_text = rewrite(text, outcome.data, path=loaded.document.display)
    except EditError as problem:
        error(f"{map_path}: {problem}; nothing was written")
        return EXIT_PROBLEMS
    added = _new_errors(loaded, new_text)
    if added:
        for diagnostic in added:
            error(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {diagnostic.message}")
        error(f"nothing was written: the map would have {plural(len(added), 'new error')}")
        return EXIT_PROBLEMS
    _summary(outcome, map_path, dry_run)
    if dry_run:
        diff = difflib.unified_diff(
            text.splitlines(keepends=True),
            new_text.splitlines(keepends=True),
            str(map_path),
            str(map_path),
        )
        stdout().print("".join(diff), markup=False, end="")
        return EXIT_OK
    write_text_atomic(map_path, new_text)
    return EXIT_OK


def _summary(outcome: Any, map_path: Path, dry_run: bool) -> None:
    console = stdout()
    verb = "Would change" if dry_run else "Changed"
    console.print(f"{verb} {map_path}: {plural(outcome.cells, 'cell')} carried over.", markup=False)
    for title, lines in (
        ("Renamed", outcome.renamed),
        ("Added", outcome.added),
        ("Removed", outcome.removed),
    ):
        for line in lines:
            console.print(f"  {title} {line}", markup=False)


def _errors(project: Project) -> list[Diagnostic]:
    outcome = lint_project(project, LintRequest())
    found = [*project.load_diagnostics(), *outcome.diagnostics]
    return [d for d in found if d.severity == Level.ERROR]


def _new_errors(loaded: Loaded, new_text: str) -> list[Diagnostic]:
    """The errors the map would have with ``new_text`` that it has not now."""
    project, document = loaded.project, loaded.document
    before = {(d.code.code, d.message) for d in _errors(project)}
    index = project.maps.index(document)
    project.maps[index] = parse_document(document.path, document.display, new_text, JourneyMap)
    try:
        project.resolve()
        after = _errors(project)
    finally:
        project.maps[index] = document
        project.resolve()
    return [d for d in after if (d.code.code, d.message) not in before]
