"""One side of a diff: the loaded files, which of them the user asked about, and the
snapshot they flatten into.

A side is loaded into a :class:`~cjm.load.project.Project` the way ``cjm validate`` loads
a workspace (:mod:`cjm.diff.disk` from files or folders, :mod:`cjm.diff.git` from a git
revision), linted, and flattened into a :class:`~cjm.diff.model.Snapshot`. Two sides may
share one project: two maps of one workspace are resolved against the same shared
definitions, and the workspace is loaded and linted once.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjm.diagnostics import Diagnostic, Severity
from cjm.diff.model import (
    Entity,
    FileEntry,
    FindingEntry,
    MapEntry,
    Measured,
    SharedEntry,
    Snapshot,
)
from cjm.lint.config import LintRequest, UnknownRuleError
from cjm.lint.engine import lint_project
from cjm.load.document import Document
from cjm.load.project import Project
from cjm.load.workspace import real_path
from cjm.measure.locate import snapshot_path
from cjm.model.snapshot import Snapshot as MeasuredSnapshot
from cjm.wording import plural


class DiffUsageError(Exception):
    """The comparison cannot be set up: a bad path, not a git repository, no such revision."""


class SideLoadError(Exception):
    """A side has files that do not load; a diff needs both sides to load."""

    def __init__(self, where: str, diagnostics: list[Diagnostic], sources: dict[str, str]) -> None:
        files = len({d.path for d in diagnostics})
        verb = "does" if files == 1 else "do"
        super().__init__(f"{where} has {plural(files, 'file')} that {verb} not load")
        self.where = where
        self.diagnostics = diagnostics
        self.sources = sources


SnapshotLoader = Callable[[Path], "Document[MeasuredSnapshot] | None"]


@dataclass
class Side:
    """One loaded side and which of its files the user asked about."""

    project: Project
    label: str
    # The folders and files asked about, as absolute paths (for git: under the top level).
    targets: list[Path]
    # How the report names a document's file.
    shown: Callable[[Document[Any]], str]
    # Whether the documents are real files (their paths may be resolved).
    on_disk: bool = True
    # "old" or "new", for messages.
    role: str = "new"
    # Files loaded only so that references resolve (the other side's map, when two maps
    # outside any workspace are resolved together): not part of this side.
    context: set[Path] = field(default_factory=set)
    # Loads a map's snapshot file of this side (None: the side has no such file); None
    # when the side reads no snapshots (maps outside any workspace).
    load_snapshot: SnapshotLoader | None = None
    # Each document's resolved path and key, worked out once: a side's findings ask for
    # them again and again, and resolving a path asks the file system.
    _paths: dict[int, Path] = field(default_factory=dict, init=False, repr=False)
    _keys: dict[int, str] = field(default_factory=dict, init=False, repr=False)

    def _path(self, document: Document[Any]) -> Path:
        found = self._paths.get(id(document))
        if found is None:
            found = real_path(document.path) if self.on_disk else document.path
            self._paths[id(document)] = found
        return found

    def selected(self, document: Document[Any]) -> bool:
        path = self._path(document)
        return any(path == target or target in path.parents for target in self.targets)

    def owns(self, document: Document[Any]) -> bool:
        return self._path(document) not in self.context

    def key(self, document: Document[Any]) -> str:
        """The file's identity within its side, comparable with the other side's: its path
        relative to the workspace, or to the folder asked about, or its name."""
        found = self._keys.get(id(document))
        if found is None:
            found = self._keys[id(document)] = self._key(document)
        return found

    def _key(self, document: Document[Any]) -> str:
        path = self._path(document)
        root = self.project.root
        bases = [real_path(root) if self.on_disk else root] if root is not None else []
        bases.extend(target for target in self.targets if target in path.parents)
        for base in bases:
            if base in path.parents:
                return path.relative_to(base).as_posix()
        return path.name


def shown_on_disk(document: Document[Any]) -> str:
    return document.display


# -- from two sides to two snapshots ---------------------------------------------------------


def snapshots(
    old: Side, new: Side, today: datetime.date | None = None
) -> tuple[Snapshot, Snapshot]:
    """Lint both sides (a project they share once) and flatten them; raises
    :class:`SideLoadError` when a side has a file that does not load."""
    shared = old.project is new.project
    found: dict[int, list[Diagnostic]] = {}
    for side in (old, new):
        if id(side.project) in found:
            continue
        where = (
            f"the workspace of both maps ({old.label} and {new.label})"
            if shared
            else f"the {side.role} side ({side.label})"
        )
        _check_loaded(side.project, where)
        found[id(side.project)] = _lint(side.project, today)
    measured = {id(side): _measured(side, old.label if side is old else new.label)
                for side in (old, new)}  # fmt: skip
    return (
        _flatten(old, found[id(old.project)], measured[id(old)]),
        _flatten(new, found[id(new.project)], measured[id(new)]),
    )


def _measured(side: Side, label: str) -> dict[str, Measured]:
    """The snapshots of the side's maps, by map id; raises :class:`SideLoadError` when one
    does not load (a diff cannot say how numbers moved from a file it cannot read)."""
    project, load = side.project, side.load_snapshot
    config = project.config.model if project.config is not None else None
    if load is None or project.root is None or config is None:
        return {}
    found: dict[str, Measured] = {}
    failures: list[Diagnostic] = []
    sources: dict[str, str] = {}
    for document in project.maps:
        if document.model is None or not side.owns(document) or document.model.id in found:
            continue
        path = snapshot_path(project.root, config.measure, document.model.id)
        loaded = load(path)
        if loaded is None:
            continue
        errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
        if errors or loaded.model is None:
            failures.extend(errors)
            if loaded.text is not None:
                sources[loaded.display] = loaded.text
            continue
        found[document.model.id] = Measured(loaded.model, loaded.display)
    if failures:
        raise SideLoadError(f"the {side.role} side ({label})", failures, sources)
    return found


def _check_loaded(project: Project, where: str) -> None:
    failures = [d for d in project.load_diagnostics() if d.severity is Severity.ERROR]
    if failures:
        sources = {d.display: d.text for d in project.documents() if d.text is not None}
        raise SideLoadError(where, failures, sources)


def _lint(project: Project, today: datetime.date | None) -> list[Diagnostic]:
    try:
        return lint_project(project, LintRequest(), today).diagnostics
    except UnknownRuleError as unknown:
        raise DiffUsageError(str(unknown)) from None


def _flatten(side: Side, diagnostics: list[Diagnostic], measured: dict[str, Measured]) -> Snapshot:
    project = side.project
    found = Snapshot(side.label)
    for document in project.maps:
        if document.model is not None and side.owns(document):
            found.maps.append(
                MapEntry(
                    document.model,
                    side.shown(document),
                    side.key(document),
                    side.selected(document),
                    measured.get(document.model.id),
                )
            )
    config = project.config
    if config is not None and config.model is not None:
        vocabulary = config.model.vocabulary
        found.shared.extend(
            _shared(
                side,
                config,
                [
                    (Entity.TEAM, config.model.teams),
                    (Entity.CHANNEL, vocabulary.channels),
                    (Entity.SEVERITY, vocabulary.severities),
                ],
            )
        )
        found.files.append(_file(side, config, config.model.format))
    for definitions in project.definitions:
        if definitions.model is not None:
            model = definitions.model
            found.files.append(_file(side, definitions, model.format))
            found.shared.extend(
                _shared(
                    side,
                    definitions,
                    [
                        (Entity.PERSONA, model.personas),
                        (Entity.TEAM, model.teams),
                        (Entity.TOUCHPOINT, model.touchpoints),
                        (Entity.EVIDENCE, model.evidence),
                    ],
                )
            )
    documents = {document.display: document for document in project.documents()}
    for diagnostic in diagnostics:
        where = documents.get(diagnostic.path)
        if where is not None and not side.owns(where):
            continue
        found.findings.append(
            FindingEntry(
                diagnostic.code.code,
                diagnostic.code.name,
                diagnostic.severity.value,
                diagnostic.message,
                side.key(where) if where is not None else diagnostic.path,
                side.shown(where) if where is not None else diagnostic.path,
                side.selected(where) if where is not None else False,
            )
        )
    return found


def _file(side: Side, document: Document[Any], version: str | None) -> FileEntry:
    return FileEntry(version, side.key(document), side.shown(document), side.selected(document))


def _shared(
    side: Side, document: Document[Any], collections: list[tuple[Entity, list[Any]]]
) -> list[SharedEntry]:
    shown, key, selected = side.shown(document), side.key(document), side.selected(document)
    return [
        SharedEntry(entity, item, shown, key, selected)
        for entity, items in collections
        for item in items
    ]
