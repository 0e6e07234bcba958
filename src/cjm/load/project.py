"""Load everything a check needs: the workspace's config, shared definitions and maps.

A :class:`Project` is the resolved view of a workspace (or of standalone map files):
every document loaded, every reference resolved, every problem collected.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjm.diagnostics import DUPLICATE_ID, UNKNOWN_REFERENCE, Diagnostic
from cjm.load import summary
from cjm.load.document import Document
from cjm.load.measures import (
    MeasureDocuments,
    MeasureFiles,
    check_measure_files,
    load_measure_files,
    snapshot_files,
)
from cjm.load.parallel import load_documents
from cjm.load.resolve import Definition, Resolver, Scope
from cjm.load.source import DEFAULT_MAX_BYTES
from cjm.load.workspace import CONFIG_NAME, is_measure_file, list_workspace_files, real_path
from cjm.measure.attached import MapMeasurements
from cjm.measure.locate import is_binding_file, snapshots_folder
from cjm.model import DefinitionsFile, JourneyMap, WorkspaceConfig
from cjm.model.sources import MeasureSettings

if TYPE_CHECKING:
    from cjm.cache import DocumentCache

# The keys of cjm.yaml whose problems leave the workspace's files known: with a problem
# anywhere else (in `maps` or `definitions`, or an unknown key that may be a misspelling of
# them) the maps and definitions are not looked for, rather than guessed.
HARMLESS_KEYS = ("name", "teams", "lint", "measure")

# What reference resolution finds that lint rules report (and a workspace can turn off);
# the rest (an unknown channel or severity, a persona image that cannot be embedded) is a
# problem of the file's values, reported as loading problems are.
REPORTED_BY_RULES = frozenset({UNKNOWN_REFERENCE.code, DUPLICATE_ID.code})


def display_path(path: Path, cwd: Path, root: Path | None = None) -> str:
    """How a file is named in messages.

    Relative to ``cwd`` when it is inside it, or when both are inside the workspace
    ``root`` (``../maps/trial.yaml`` from a sibling folder); absolute otherwise.
    """
    resolved, here = real_path(path.parent) / path.name, real_path(cwd)
    if resolved.is_relative_to(here):
        return resolved.relative_to(here).as_posix()
    if root is not None and here.is_relative_to(real_path(root)):
        return Path(os.path.relpath(resolved, here)).as_posix()
    return resolved.as_posix()


@dataclass
class Project:
    """All documents of one workspace (or of standalone maps), resolved together."""

    root: Path | None
    config: Document[WorkspaceConfig] | None = None
    definitions: list[Document[DefinitionsFile]] = field(default_factory=list)
    maps: list[Document[JourneyMap]] = field(default_factory=list)
    scopes: dict[str, Scope] = field(default_factory=dict)
    resolution: list[Diagnostic] = field(default_factory=list)
    # Map id to the map's binding file and snapshot, for the maps that have either.
    measurements: dict[str, MapMeasurements] = field(default_factory=dict)
    # The binding and snapshot files themselves, and what checking them found.
    measure_files: MeasureFiles = field(default_factory=MeasureFiles)

    @property
    def config_failed(self) -> bool:
        """Whether ``cjm.yaml`` has any problem of its own (a usage error, exit code 2)."""
        return self.config is not None and bool(self.config.diagnostics)

    def documents(self) -> list[Document[Any]]:
        found: list[Document[Any]] = []
        if self.config is not None:
            found.append(self.config)
        found.extend(self.definitions)
        found.extend(self.maps)
        found.extend(self.measure_files.documents())
        return found

    def load_diagnostics(self) -> list[Diagnostic]:
        """Problems found while reading the documents, and the values resolution finds
        wrong (unknown and duplicate ids are lint findings: the rules report them)."""
        found = [d for doc in self.documents() for d in doc.diagnostics]
        found.extend(d for d in self.resolution if d.code.code not in REPORTED_BY_RULES)
        found.extend(self.measure_files.problems)
        return found

    def resolve(self, only: frozenset[str] | None = None) -> None:
        """Check ids and references across all loaded documents. With ``only`` (display
        names), the maps' own references are checked for these maps alone: the ids of
        every map are still known, so the problems of these maps are the same."""
        mentions = frozenset().union(*(doc.unloaded_mentions for doc in self.documents()))
        resolver = Resolver(mentions)
        if self.config is not None:
            resolver.add_config(self.config)
        for definitions in self.definitions:
            resolver.add_definitions(definitions)
        baselines = {
            journey.checked.current_state
            for journey in self.maps
            if only is None or journey.display in only
            if journey.checked is not None
        }
        for journey in self.maps:
            self._add_map(resolver, journey, baselines)
        if self.config is not None:
            resolver.check_shared(self.config)
        for definitions in self.definitions:
            resolver.check_shared(definitions)
        for journey in self.maps:
            if (only is None or journey.display in only) and journey.checked is not None:
                scope = resolver.scope_for(journey)
                self.scopes[journey.display] = scope
                resolver.check_map(journey, scope)
        self.resolution = [*resolver.diagnostics, *self.measure_files.references]

    @staticmethod
    def _add_map(
        resolver: Resolver, journey: Document[JourneyMap], baselines: set[str | None]
    ) -> None:
        """Add ``journey``'s id to ``resolver``. A map standing on its summary (see
        :mod:`cjm.load.summary`) stays unread unless a map checked here names it as its
        current state: the resolver then reads its pain points."""
        if summary.stored(journey) is None:
            resolver.add_map(journey)
            return
        map_id = summary.checked_id(journey)
        if map_id is None:
            return  # as add_map: a map without a loaded id defines none
        if map_id in baselines:
            resolver.add_map(journey)
            return
        where = summary.id_location(journey)
        assert where is not None
        # The map itself is never read from this definition: only the current states
        # of the maps checked here are, and those were read whole above.
        definition = Definition(None, journey.display, ("id",), where)
        resolver.define(resolver.maps, "journey map", definition, map_id)


def load_workspace(
    root: Path,
    cwd: Path,
    extra_maps: list[Path] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: DocumentCache | None = None,
    resolve: bool = True,
    summaries: bool = False,
) -> Project:
    """Load the workspace at ``root``, plus ``extra_maps`` outside its patterns; with a
    ``cache``, the definitions and maps that did not change are taken from it, and with
    ``summaries`` the maps as their summaries (read whole when a check asks for more).
    With ``resolve=False`` the caller resolves it (see :meth:`Project.resolve`)."""
    project = Project(root)
    config_file = (root / CONFIG_NAME, display_path(root / CONFIG_NAME, cwd, root))
    [config] = load_documents([config_file], WorkspaceConfig, max_bytes, cache)
    project.config = config
    settings = config.checked
    if settings is None or any(path[0] not in HARMLESS_KEYS for path in config.unloaded):
        return project  # which files the workspace holds is not known
    measure = settings.measure
    unloaded_measure = any(path[0] == "measure" for path in config.unloaded)
    snapshots = (
        None if ("measure", "snapshots") in config.unloaded else snapshots_folder(root, measure)
    )
    files = list_workspace_files(root, settings.maps, settings.definitions, snapshots)
    definitions = [(path, display_path(path, cwd, root)) for path in files.definitions]
    project.definitions = load_documents(definitions, DefinitionsFile, max_bytes, cache)
    map_paths = list(files.maps)
    known = {real_path(p) for p in (*files.maps, *files.definitions)}
    extra = [p for p in extra_maps or [] if real_path(p) not in known]
    map_paths.extend(p for p in extra if not is_measure_file(p, snapshots))
    maps = [(path, display_path(path, cwd, root)) for path in map_paths]
    project.maps = load_documents(maps, JourneyMap, max_bytes, cache, summaries)
    named = [
        (p, display_path(p, cwd, root))
        for p in (*files.bindings, *(p for p in extra if is_binding_file(p)))
    ]
    found = snapshot_files(snapshots) if snapshots is not None else []
    _load_measure_files(
        project,
        named,
        [(p, display_path(p, cwd, root)) for p in found],
        max_bytes,
        measure,
        in_workspace=True,
        sources_known=not unloaded_measure,
        cache=cache,
    )
    if resolve:
        project.resolve()
    return project


def _load_measure_files(
    project: Project,
    named: list[tuple[Path, str]],
    snapshots: list[tuple[Path, str]],
    max_bytes: int,
    measure: MeasureSettings | None,
    in_workspace: bool,
    sources_known: bool,
    cache: DocumentCache | None = None,
) -> None:
    """Load the bindings beside ``project``'s maps, the ``named`` binding files and the
    ``snapshots`` (with a ``cache``, those that did not change from it); check them and
    attach what each map has."""
    beside, loaded, alone = load_measure_files(project.maps, named, snapshots, max_bytes, cache)
    files = project.measure_files
    files.bindings = [*beside, *alone]
    files.snapshots = loaded
    if not files.bindings and not files.snapshots and any(map(summary.stored, project.maps)):
        # Without measure files, checking them only lists each map (the first of each
        # id) as one without any: the maps' summaries tell that, and leave them unread.
        for journey in project.maps:
            map_id = summary.checked_id(journey)
            if map_id is not None and map_id not in files.by_map:
                files.by_map[map_id] = MeasureDocuments(journey.display)
        project.measurements = {}
        return
    project.measurements = check_measure_files(
        files, project.maps, beside, alone, measure, in_workspace, sources_known
    )


def load_standalone(paths: list[Path], cwd: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Project:
    """Load map files that belong to no workspace; they resolve among themselves."""
    project = Project(None)
    maps = [(path, display_path(path, cwd)) for path in paths if not is_binding_file(path)]
    project.maps = load_documents(maps, JourneyMap, max_bytes)
    named = [(path, display_path(path, cwd)) for path in paths if is_binding_file(path)]
    _load_measure_files(
        project, named, [], max_bytes, None, in_workspace=False, sources_known=False
    )
    project.resolve()
    return project
