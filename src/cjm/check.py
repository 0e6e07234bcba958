"""The core of ``cjm validate``: from paths to a sorted list of diagnostics.

Knows nothing of terminals. Paths are grouped by the workspace they belong to; each
workspace is loaded whole (references need every file) but only problems in the files
asked for, and in the shared files they depend on, are reported.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjm.diagnostics import FILE_ERROR, Diagnostic
from cjm.lint.config import LintRequest, UnknownRuleError
from cjm.lint.engine import lint_project
from cjm.load import summary
from cjm.load.collector import collector_paused
from cjm.load.document import Document
from cjm.load.project import Project, display_path, load_standalone, load_workspace
from cjm.load.source import DEFAULT_MAX_BYTES
from cjm.load.workspace import CONFIG_NAME, find_workspace_root, real_path, walk_yaml_files
from cjm.usage import UsageError
from cjm.wording import agree, plural

if TYPE_CHECKING:
    from cjm.cache import DocumentCache


class SourceTexts(MutableMapping[str, str]):
    """The texts of the checked files by display name. A file's text is unpacked from its
    document (see :class:`cjm.load.document.PackedText`) when it is read, so listing
    the files, or keeping the texts of a whole workspace at hand, costs no memory."""

    def __init__(self, documents: Iterable[Document[Any]] = ()) -> None:
        self._texts: dict[str, Document[Any] | str] = {
            document.display: document for document in documents if document.has_text
        }

    def __getitem__(self, display: str) -> str:
        held = self._texts[display]
        if isinstance(held, str):
            return held
        text = held.text
        assert text is not None  # only documents with a text are held
        return text

    def __setitem__(self, display: str, text: str) -> None:
        self._texts[display] = text

    def __delitem__(self, display: str) -> None:
        del self._texts[display]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


@dataclass
class CheckResult:
    """What a check found, ready for a reporter."""

    diagnostics: list[Diagnostic]
    files: list[str]
    # The folder that relative paths in ``diagnostics`` and ``files`` start from.
    cwd: Path = field(default_factory=Path.cwd)
    sources: MutableMapping[str, str] = field(default_factory=dict)
    projects: list[Project] = field(default_factory=list)
    config_failed: bool = False
    # Whether any finding is at or above the severity that fails validation.
    failed: bool = False
    # Things worth telling the user that are not problems in a file.
    notes: list[str] = field(default_factory=list)

    @property
    def unreadable(self) -> bool:
        return any(d.code == FILE_ERROR for d in self.diagnostics)


def _is_under(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _group_by_workspace(paths: list[Path]) -> dict[Path | None, list[Path]]:
    groups: dict[Path | None, list[Path]] = {}
    for path in paths:
        groups.setdefault(find_workspace_root(path), []).append(path)
    return groups


def _selected(project: Project, requested: list[Path]) -> set[str]:
    """Display names of the documents the user asked for, plus shared ones."""
    chosen: set[str] = set()
    if project.config is not None:
        chosen.add(project.config.display)
    chosen.update(doc.display for doc in project.definitions)
    for doc in project.documents():
        resolved = real_path(doc.path)
        if any(_is_under(resolved, target) for target in requested):
            chosen.add(doc.display)
    # A map's binding and snapshot are checked with the map.
    for journey in project.maps:
        map_id = summary.model_id(journey)
        files = project.measure_files.by_map.get(map_id) if map_id is not None else None
        if journey.display in chosen and files is not None:
            chosen.update(doc.display for doc in (files.binding, files.snapshot) if doc)
    return chosen


def _linted(project: Project, selected: set[str]) -> frozenset[str]:
    """The documents whose map rules must run: those selected, and the maps whose
    binding or snapshot is (map rules report on a map's measure files)."""
    linted = set(selected)
    for journey in project.maps:
        map_id = summary.model_id(journey)
        files = project.measure_files.by_map.get(map_id) if map_id is not None else None
        if files is not None and any(
            doc is not None and doc.display in selected for doc in (files.binding, files.snapshot)
        ):
            linted.add(journey.display)
    return frozenset(linted)


def _open_cache(root: Path) -> DocumentCache:
    from cjm.cache import DocumentCache

    return DocumentCache(root)


def _outside_patterns(project: Project, requested: list[Path], cwd: Path) -> list[str]:
    """Notes on YAML files under requested folders that the workspace does not include."""
    if project.config is None or project.config.model is None:
        return []
    loaded = {real_path(doc.path) for doc in project.documents()}
    skipped = [
        found
        for folder in requested
        if folder.is_dir()
        for found in walk_yaml_files(folder)
        if real_path(found) not in loaded
    ]
    if not skipped:
        return []
    names = ", ".join(display_path(p, cwd, project.root) for p in skipped[:3])
    more = f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
    return [
        f"{plural(len(skipped), 'YAML file')} {agree(len(skipped), 'matches', 'match')} "
        f"neither `maps` nor `definitions` in {project.config.display} and "
        f"{agree(len(skipped), 'was', 'were')} not checked: {names}{more}"
    ]


@collector_paused()
def _resolved(project: Project, linted: frozenset[str]) -> frozenset[str]:
    """The maps whose references are resolved when only ``linted`` are checked: those,
    and the current-state maps they name (a future-state map is drawn and compared
    with its current state, in that map's own scope)."""
    named = {
        journey.checked.current_state
        for journey in project.maps
        if journey.display in linted and journey.checked is not None
    }
    named.discard(None)
    if not named:
        return linted
    baselines = {
        journey.display for journey in project.maps if summary.checked_id(journey) in named
    }
    return linted | baselines


def check_paths(
    paths: list[Path],
    cwd: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    lint: LintRequest | None = None,
    today: datetime.date | None = None,
    *,
    use_cache: bool = False,
    every_scope: bool = True,
) -> CheckResult:
    """Validate and lint ``paths`` (files or folders); no paths means the workspace
    around ``cwd``. ``today`` fixes the date that date-based rules compare against.
    ``use_cache`` keeps loaded files in the workspace's cache (see :mod:`cjm.cache`)
    and takes those that did not change from it; the result is the same either way.
    ``every_scope=False`` resolves the references of the maps asked for (and of the
    current-state maps they name) only: enough for their findings and their drawings,
    but the projects then lack the scopes of the other maps, which stay as their cached
    summaries where the cache has them."""
    if not paths:
        root = find_workspace_root(cwd)
        if root is None:
            raise UsageError(
                f"no {CONFIG_NAME} found in {cwd} or any folder above it; "
                "pass the map files or folders to check"
            )
        paths = [root]
    for path in paths:
        if not path.exists():
            raise UsageError(f"no such file or folder: {path}")
    paths = list(dict.fromkeys(path.resolve() for path in paths))

    projects: list[Project] = []
    selected: set[str] = set()
    linted: dict[int, frozenset[str]] = {}
    caches: dict[int, DocumentCache] = {}
    heard: dict[int, int] = {}  # how many of each cache's notes are in `notes` already
    notes: list[str] = []
    for root, group in _group_by_workspace(paths).items():
        if root is None:
            files: list[Path] = []
            for path in group:
                found = walk_yaml_files(path) if path.is_dir() else [path]
                if not found:
                    notes.append(f"no YAML files under {path}")
                files.extend(found)
            project = load_standalone(files, cwd, max_bytes)
            selected.update(doc.display for doc in project.documents())
        else:
            # Files named explicitly are checked as maps even outside the map patterns.
            extra = [p for p in group if not p.is_dir() and p.name != CONFIG_NAME]
            cache = _open_cache(root) if use_cache else None
            # Checking some maps only, the others are read as their summaries.
            project = load_workspace(
                root, cwd, extra, max_bytes, cache, resolve=False, summaries=not every_scope
            )
            if cache is not None:
                cache.prune()
                notes.extend(cache.notes)
                caches[id(project)] = cache
                heard[id(project)] = len(cache.notes)
            config = project.config
            if config is not None and config.diagnostics and not project.documents()[1:]:
                notes.append(
                    f"the maps were not checked: {config.display} says which files they "
                    "are, and it must be fixed first"
                )
            chosen = _selected(project, group)
            selected.update(chosen)
            linted[id(project)] = _linted(project, chosen)
            project.resolve(None if every_scope else _resolved(project, linted[id(project)]))
            notes.extend(_outside_patterns(project, group, cwd))
        projects.append(project)

    reported: set[Diagnostic] = set()
    failed = False
    for project in projects:
        cache = caches.get(id(project))
        only = linted.get(id(project))
        try:
            outcome = lint_project(project, lint or LintRequest(), today, only, cache)
        except UnknownRuleError as unknown:
            raise UsageError(str(unknown)) from None
        if cache is not None:
            # The findings of maps not linted here are kept for the runs that lint them.
            if only is None or all(journey.display in only for journey in project.maps):
                cache.prune_findings()
            # Notes since loading: maps read whole while resolving or linting report a
            # damaged entry then.
            notes.extend(cache.notes[heard[id(project)] :])
        if project.config is not None:
            project.config.diagnostics.extend(outcome.policy.problems)
        notes.extend(outcome.notes)
        mine = [
            d for d in (*project.load_diagnostics(), *outcome.diagnostics) if d.path in selected
        ]
        reported.update(mine)
        threshold = outcome.policy.fail_on.rank
        failed = failed or any(d.severity.rank >= threshold for d in mine)
    diagnostics = sorted(reported, key=Diagnostic.sort_key)
    documents = [doc for p in projects for doc in p.documents() if doc.display in selected]
    return CheckResult(
        diagnostics=diagnostics,
        files=sorted({doc.display for doc in documents}),
        cwd=cwd.resolve(),
        sources=SourceTexts(documents),
        projects=projects,
        config_failed=any(p.config_failed for p in projects),
        failed=failed,
        notes=notes,
    )
