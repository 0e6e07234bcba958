"""``cjm fmt``: rewrite maps in the canonical layout, or check that they are in it.

Files are found the way ``cjm validate`` finds them: no paths means the workspace around
the current folder; a folder means the maps, definition files and ``cjm.yaml`` of its
workspace that lie under it; a file named explicitly is formatted as what its workspace
says it is (a map when it matches neither pattern). Files outside any workspace are maps.

Each file is written back atomically (same permissions), as UTF-8 without a byte order
mark, with the line breaks it had. A file that does not parse or is not valid is left
alone and reported; the others are still formatted.

In a workspace, the cache (``.cjm-cache/formatted/``, see :mod:`cjm.cache`) remembers
the exact contents found already formatted, so a file whose bytes were seen formatted
before is not read again; ``use_cache=False`` (``--no-cache``) formats every file from
scratch. Files outside a workspace are never cached, as with ``cjm validate``.

Exit status: 0 done (or, with ``--check``, nothing to change); 1 a file would change
(``--check``) or could not be formatted; 2 usage error, unreadable file or broken
``cjm.yaml``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from cjm.commands.output import error, note, stderr, stdout, write_report
from cjm.diagnostics import FILE_ERROR, Diagnostic
from cjm.fmt import FormatError, Kind, format_text
from cjm.load.document import load_document
from cjm.load.project import display_path
from cjm.load.source import DEFAULT_MAX_BYTES, read_source
from cjm.load.workspace import (
    CONFIG_NAME,
    find_workspace_root,
    list_workspace_files,
    matches,
    walk_yaml_files,
)
from cjm.measure.locate import is_binding_file, snapshots_folder
from cjm.model import WorkspaceConfig
from cjm.reporters.escape import printable
from cjm.usage import UsageError
from cjm.wording import agree, plural
from cjm.writing import write_text_atomic

if TYPE_CHECKING:
    from cjm.cache import DocumentCache

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Target:
    """A file to format, the name it has in messages, what it holds, and the root of
    its workspace (None outside any)."""

    path: Path
    display: str
    kind: Kind
    root: Path | None = None


@dataclass
class Plan:
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Problems that stop a whole workspace (its cjm.yaml cannot be read).
    problems: list[Diagnostic] = field(default_factory=list)
    # The workspaces all of whose files are targets.
    whole: set[Path] = field(default_factory=set)


_PAST = {"format": "formatted", "migrate": "migrated"}


def find_targets(paths: list[Path], cwd: Path, verb: str = "format") -> Plan:
    """The files that ``paths`` (files or folders; none: the workspace around ``cwd``)
    name, each with its kind. Raises :class:`UsageError` for a missing path. ``verb``
    (``format``, ``migrate``) is what the command does, for its messages."""
    if not paths:
        root = find_workspace_root(cwd)
        if root is None:
            raise UsageError(
                f"no {CONFIG_NAME} found in {cwd} or any folder above it; "
                f"pass the map files or folders to {verb}"
            )
        paths = [root]
    for path in paths:
        if not path.exists():
            raise UsageError(f"no such file or folder: {path}")
    plan = Plan()
    seen: set[Path] = set()
    for root, group in _group_by_workspace(paths).items():
        if root is None:
            found = _standalone(group, cwd, plan)
        else:
            found = _in_workspace(root, group, cwd, plan, verb)
        for target in found:
            if target.path not in seen:
                seen.add(target.path)
                plan.targets.append(target)
    return plan


def _group_by_workspace(paths: list[Path]) -> dict[Path | None, list[Path]]:
    """Paths by the workspace they belong to; a folder outside any workspace is split
    into the workspaces inside it and its other YAML files."""
    groups: dict[Path | None, list[Path]] = {}
    for path in dict.fromkeys(p.resolve() for p in paths):
        root = find_workspace_root(path)
        if root is not None or not path.is_dir():
            groups.setdefault(root, []).append(path)
            continue
        files = walk_yaml_files(path)
        inner = sorted({f.parent for f in files if f.name == CONFIG_NAME})
        for folder in inner:
            groups.setdefault(folder, []).append(folder)
        loose = [f for f in files if not any(f.is_relative_to(folder) for folder in inner)]
        if loose or not inner:
            groups.setdefault(None, []).append(path)
    return groups


def _standalone(group: list[Path], cwd: Path, plan: Plan) -> list[Target]:
    targets: list[Target] = []
    for path in group:
        files = walk_yaml_files(path) if path.is_dir() else [path]
        files = [f for f in files if find_workspace_root(f) is None]
        if not files:
            plan.notes.append(f"no YAML files under {path}")
        targets.extend(Target(file, display_path(file, cwd), "map") for file in files)
    return targets


def _in_workspace(root: Path, group: list[Path], cwd: Path, plan: Plan, verb: str) -> list[Target]:
    config_path = root / CONFIG_NAME
    config = load_document(config_path, display_path(config_path, cwd, root), WorkspaceConfig)
    if config.model is None:
        plan.problems.extend(config.diagnostics)
        return []
    files = list_workspace_files(root, config.model.maps, config.model.definitions)
    kinds: dict[Path, Kind] = {config_path: "workspace"}
    kinds.update((path, "map") for path in files.maps)
    kinds.update((path, "definitions") for path in files.definitions)
    targets: list[Target] = []
    skipped: list[Path] = []
    if root in group:
        plan.whole.add(root)
    for requested in group:
        if requested.is_dir():
            for path in sorted(kinds):
                if path == requested or requested in path.parents:
                    targets.append(Target(path, display_path(path, cwd, root), kinds[path], root))
            skipped.extend(
                p
                for p in walk_yaml_files(requested)
                if p not in kinds and not _measure_file(p, root, config.model)
            )
            continue
        kind = kinds.get(requested)
        if kind is None:
            relative = requested.relative_to(root).as_posix()
            kind = "definitions" if matches(relative, config.model.definitions) else "map"
        targets.append(Target(requested, display_path(requested, cwd, root), kind, root))
    if skipped:
        names = ", ".join(display_path(p, cwd, root) for p in skipped[:3])
        more = f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
        count = len(skipped)
        plan.notes.append(
            f"{plural(count, 'YAML file')} {agree(count, 'matches', 'match')} neither `maps` "
            f"nor `definitions` in {config.display} and {agree(count, 'was', 'were')} not "
            f"{_PAST[verb]}: {names}{more}"
        )
    return targets


def _measure_file(path: Path, root: Path, config: WorkspaceConfig) -> bool:
    """Binding files and snapshots are left to `cjm measure`, which writes the snapshots
    and reads the bindings; they are not formatted and not worth a note."""
    folder = snapshots_folder(root, config.measure).resolve()
    return is_binding_file(path) or folder in path.resolve().parents


class _Caches:
    """The cache of each workspace met, opened when its first file is formatted."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.by_root: dict[Path, DocumentCache] = {}

    def of(self, root: Path | None) -> DocumentCache | None:
        if not self.enabled or root is None:
            return None
        if root not in self.by_root:
            from cjm.cache import DocumentCache

            self.by_root[root] = DocumentCache(root)
        return self.by_root[root]

    def finish(self, whole: set[Path]) -> list[str]:
        """Remove the unused entries of the workspaces formatted whole; the notes of
        every cache."""
        notes: list[str] = []
        for root, cache in self.by_root.items():
            if root in whole:
                cache.prune_formatted()
            notes.extend(cache.notes)
        return notes


@dataclass
class _Tally:
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    unreadable: bool = False


def run_fmt(
    paths: list[Path],
    *,
    check: bool,
    show_diff: bool,
    max_bytes: int = DEFAULT_MAX_BYTES,
    use_cache: bool = True,
) -> int:
    """Format ``paths``; with ``check`` or ``show_diff`` write nothing. ``use_cache``
    skips the files of a workspace that its cache knows to be formatted."""
    try:
        plan = find_targets(paths, Path.cwd())
    except UsageError as problem:
        error(str(problem))
        return EXIT_USAGE
    # With --diff, standard output carries only the patch.
    console = stderr() if show_diff else stdout()
    tally = _Tally()
    caches = _Caches(use_cache)
    for target in plan.targets:
        cache = caches.of(target.root)
        _format_one(target, check or show_diff, show_diff, console, tally, max_bytes, cache)
    report_problems(plan.problems)
    for message in caches.finish(plan.whole):
        note(message)
    for message in plan.notes:
        note(message)
    if plan.problems:
        error(
            "cannot tell maps from definition files while cjm.yaml has problems; "
            "fix it and run cjm fmt again"
        )
    if plan.targets:
        console.print(_summary(tally, dry_run=check or show_diff), markup=False)
    elif not plan.problems:
        note("no files to format")
    if plan.problems or tally.unreadable:
        return EXIT_USAGE
    if tally.failed or (check and tally.changed):
        return EXIT_FAILED
    return EXIT_OK


def _format_one(
    target: Target,
    dry_run: bool,
    show_diff: bool,
    console: Console,
    tally: _Tally,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: DocumentCache | None = None,
) -> None:
    source = read_source(target.path, target.display, max_bytes)
    if source.text is None:
        report_problems(source.diagnostics)
        tally.failed += 1
        tally.unreadable = tally.unreadable or any(d.code is FILE_ERROR for d in source.diagnostics)
        return
    try:
        data = target.path.read_bytes()
        key = cache.formatted_key(data, target.kind) if cache is not None else ""
        if cache is not None and cache.is_formatted(key):
            tally.unchanged += 1
            return
        formatted = format_text(source.text, target.kind, path=target.display)
        unchanged = formatted.encode("utf-8") == data
    except FormatError as problem:
        if problem.diagnostics:
            report_problems(problem.diagnostics)
        else:
            error(problem.message)
        tally.failed += 1
        return
    except OSError as problem:
        error(f"cannot read {target.display}: {problem.strerror or problem}")
        tally.failed += 1
        tally.unreadable = True
        return
    if unchanged:
        if cache is not None:
            cache.put_formatted(key)
        tally.unchanged += 1
        return
    if show_diff:
        write_report(unified_diff(source.text, formatted, target.display))
    if dry_run:
        console.print(f"would reformat {printable(target.display)}", markup=False)
        tally.changed += 1
        return
    try:
        write_text_atomic(target.path.resolve(), formatted)
    except OSError as problem:
        error(f"cannot write {target.display}: {problem.strerror or problem}")
        tally.failed += 1
        return
    console.print(f"reformatted {printable(target.display)}", markup=False)
    tally.changed += 1


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff from ``before`` to ``after``, both called ``name`` (``patch -p0``)."""
    old = before.removeprefix("\ufeff").replace("\r\n", "\n").splitlines(keepends=True)
    new = after.replace("\r\n", "\n").splitlines(keepends=True)
    lines = []
    for line in difflib.unified_diff(old, new, fromfile=name, tofile=name):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    if not lines:  # only the byte order mark or the encoding differs
        return (
            f"--- {name}\n+++ {name}\n(the file is rewritten as UTF-8 without a byte order mark)\n"
        )
    return "".join(lines)


def report_problems(diagnostics: list[Diagnostic]) -> None:
    """Print the problems that stop a file from being rewritten, located, to stderr."""
    console = stderr()
    for diagnostic in diagnostics:
        place = f"{printable(diagnostic.path)}:{diagnostic.line}:{diagnostic.column}"
        console.print(
            f"{place}: {diagnostic.severity.value} {diagnostic.code.code} "
            f"{printable(diagnostic.message)}",
            markup=False,
        )
        if diagnostic.hint:
            console.print(f"  = hint: {printable(diagnostic.hint)}", markup=False)


def _summary(tally: _Tally, *, dry_run: bool) -> str:
    if dry_run:
        parts = [
            f"{plural(tally.changed, 'file')} would be reformatted",
            f"{plural(tally.unchanged, 'file')} would be left unchanged",
        ]
    else:
        parts = [
            f"{plural(tally.changed, 'file')} reformatted",
            f"{plural(tally.unchanged, 'file')} left unchanged",
        ]
    if tally.failed:
        parts.append(f"{plural(tally.failed, 'file')} could not be formatted")
    return ", ".join(parts) + "."
