"""The old side of ``cjm diff --base REV``, read from git, and the working tree beside it.

Git is asked for what a revision holds (``git ls-tree``) and for the contents of those
files (``git cat-file --batch``, one process for all of them), so nothing is checked out
and the working tree is never touched.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from cjm.diff.disk import disk_project, snapshots_on_disk
from cjm.diff.side import DiffUsageError, Side, shown_on_disk
from cjm.load.document import Document, parse_document
from cjm.load.positions import SourceIndex
from cjm.load.project import Project, display_path
from cjm.load.source import DEFAULT_MAX_BYTES, decode, too_large
from cjm.load.workspace import (
    CONFIG_NAME,
    YAML_SUFFIXES,
    find_workspace_root,
    matches,
)
from cjm.model import DefinitionsFile, JourneyMap, WorkspaceConfig
from cjm.model.snapshot import Snapshot as MeasuredSnapshot

ModelT = TypeVar("ModelT", bound=BaseModel)

WORKING_TREE = "working tree"


@dataclass(frozen=True)
class TreeEntry:
    """A file of a revision: its blob id and size."""

    oid: str
    size: int


class Git:
    """The few git plumbing commands a diff needs, run from the repository's top level."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        try:
            top = self._run(["rev-parse", "--show-toplevel"], cwd).decode().strip()
        except _GitFailed:
            raise DiffUsageError(
                f"--base compares with a git revision, but {cwd} is not inside a git working tree"
            ) from None
        self.top = Path(top).resolve()

    def _run(self, args: list[str], cwd: Path | None = None, stdin: bytes | None = None) -> bytes:
        env = {**os.environ, "GIT_LITERAL_PATHSPECS": "1", "LC_ALL": "C"}
        try:
            done = subprocess.run(
                ["git", *args],
                cwd=cwd or self.top,
                input=stdin,
                capture_output=True,
                env=env,
                check=False,
            )
        except FileNotFoundError:
            raise DiffUsageError("--base needs git, and no `git` command was found") from None
        except OSError as problem:
            raise DiffUsageError(f"cannot run git: {problem.strerror or problem}") from None
        if done.returncode != 0:
            raise _GitFailed(done.stderr.decode("utf-8", "replace").strip())
        return done.stdout

    def commit(self, revision: str) -> str:
        """The commit ``revision`` names; a clear error when there is none."""
        if not revision or revision.startswith("-"):
            raise DiffUsageError(f"'{revision}' is not a git revision")
        try:
            found = self._run(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"])
        except _GitFailed:
            raise DiffUsageError(
                f"unknown git revision '{revision}': no such commit, branch or tag in "
                f"{self.top} (in a shallow clone, fetch it first)"
            ) from None
        return found.decode().strip()

    def existing(self, commit: str, paths: list[str]) -> set[str]:
        """Which of the file ``paths`` (relative to the top level) exist at ``commit``."""
        if not paths:
            return set()
        output = self._git_text(["ls-tree", "-z", "--name-only", commit, "--", *paths])
        return {name for name in output.split("\0") if name}

    def files(self, commit: str, folders: list[str]) -> dict[str, TreeEntry]:
        """Every regular file at or under ``folders`` ("" is the whole tree) at ``commit``.

        Symbolic links and submodules are left out: their git contents are not a file's.
        """
        scope = [] if "" in folders else sorted(set(folders))
        output = self._git_text(["ls-tree", "-r", "-l", "-z", commit, "--", *scope])
        found: dict[str, TreeEntry] = {}
        for record in output.split("\0"):
            if not record:
                continue
            meta, _, name = record.partition("\t")
            mode, kind, oid, size = meta.split()
            if kind == "blob" and mode in ("100644", "100755"):
                found[name] = TreeEntry(oid, int(size))
        return found

    def read(self, oids: Iterable[str]) -> dict[str, bytes]:
        """The contents of blobs, all in one ``git cat-file --batch``."""
        wanted = sorted(set(oids))
        if not wanted:
            return {}
        request = "".join(f"{oid}\n" for oid in wanted).encode()
        output = self._run(["cat-file", "--batch"], stdin=request)
        contents: dict[str, bytes] = {}
        at = 0
        for oid in wanted:
            end = output.index(b"\n", at)
            header = output[at:end].decode().split()
            at = end + 1
            if len(header) < 3:  # "<oid> missing"
                continue
            size = int(header[2])
            contents[oid] = output[at : at + size]
            at += size + 1
        return contents

    def _git_text(self, args: list[str]) -> str:
        try:
            return self._run(args).decode("utf-8", "surrogateescape")
        except _GitFailed as failed:
            raise DiffUsageError(f"git {args[0]} failed: {failed}") from None


class _GitFailed(Exception):
    pass


@dataclass
class _Group:
    """Paths that belong to one workspace (or to none)."""

    root: str | None
    targets: list[str] = field(default_factory=list)


def _parents(relative: str) -> list[str]:
    """``a/b/c`` -> ``["a/b/c", "a/b", "a", ""]``."""
    parts = relative.split("/") if relative else []
    return ["/".join(parts[:n]) for n in range(len(parts), -1, -1)]


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _under(relative: str, folder: str) -> bool:
    return not folder or relative == folder or relative.startswith(folder + "/")


def sides_from_git(
    revision: str, paths: list[Path], cwd: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[tuple[Side, Side]]:
    """For each workspace the ``paths`` belong to: the old side at ``revision`` and the
    new side in the working tree. No paths means the workspace around ``cwd``."""
    git = Git(cwd)
    commit = git.commit(revision)
    here = cwd.resolve()
    targets = [(here / path).resolve() for path in paths]
    relatives = [
        _relative_to_top(git, target, path) for target, path in zip(targets, paths, strict=True)
    ]
    # Which folders held a cjm.yaml at the revision: the paths' and the working folder's.
    candidates: set[str] = set()
    for relative in [*relatives, _top_rel(git, here)]:
        candidates.update(_join(folder, CONFIG_NAME) for folder in _parents(relative))
    old_configs = git.existing(commit, sorted(candidates))
    shown = [str(path) for path in paths]
    if not paths:
        relatives = [_default_target(git, here, old_configs, revision)]
        shown = [relatives[0] or "."]
    groups: dict[str | None, _Group] = {}
    for relative in relatives:
        root = _workspace_of(git, relative, old_configs)
        groups.setdefault(root, _Group(root)).targets.append(relative)
    sides: list[tuple[Side, Side]] = []
    for group in groups.values():
        folders = [group.root] if group.root is not None else group.targets
        tree = git.files(commit, folders)
        for relative, path in zip(relatives, shown, strict=True):
            if relative in group.targets and not _present(git, relative, tree):
                raise DiffUsageError(
                    f"no such file or folder in the working tree or at {revision}: {path}"
                )
        old_side = _tree_side(git, commit, revision, group, tree, old_configs, cwd, max_bytes)
        top_targets = [git.top / t if t else git.top for t in group.targets]
        root_path = git.top / group.root if group.root is not None else None
        new_project = disk_project(root_path, top_targets, cwd, max_bytes)
        new_side = Side(
            new_project, WORKING_TREE, top_targets, shown_on_disk,
            load_snapshot=snapshots_on_disk(new_project, cwd, max_bytes),
        )  # fmt: skip
        sides.append((old_side, new_side))
    return sides


def _top_rel(git: Git, path: Path) -> str:
    try:
        relative = path.relative_to(git.top).as_posix()
    except ValueError:
        return ""
    return "" if relative == "." else relative


def _relative_to_top(git: Git, target: Path, given: Path) -> str:
    try:
        relative = target.relative_to(git.top).as_posix()
    except ValueError:
        raise DiffUsageError(f"{given} is outside the git repository at {git.top}") from None
    return "" if relative == "." else relative


def _default_target(git: Git, here: Path, old_configs: set[str], revision: str) -> str:
    root = find_workspace_root(here)
    if root is not None and root.is_relative_to(git.top):
        return _top_rel(git, root)
    for folder in _parents(_top_rel(git, here)):
        if _join(folder, CONFIG_NAME) in old_configs:
            return folder
    raise DiffUsageError(
        f"no {CONFIG_NAME} found in {here} or any folder above it, in the working tree or "
        f"at {revision}; pass the map files or folders to compare"
    )


def _workspace_of(git: Git, relative: str, old_configs: set[str]) -> str | None:
    """The workspace root (relative to the top level) of ``relative``: the working tree's
    when it has one, else the revision's."""
    for folder in _parents(relative):
        if (git.top / folder / CONFIG_NAME).is_file():
            return folder
    for folder in _parents(relative):
        if _join(folder, CONFIG_NAME) in old_configs:
            return folder
    return None


def _present(git: Git, relative: str, tree: dict[str, TreeEntry]) -> bool:
    if (git.top / relative).exists():
        return True
    return any(_under(name, relative) for name in tree)


def _is_yaml_under(name: str, folder: str) -> bool:
    """Whether the file ``name`` is a YAML file that a walk of ``folder`` would find
    (folders whose name starts with a dot are skipped)."""
    if not _under(name, folder) or not name.endswith(YAML_SUFFIXES):
        return False
    inside = name[len(folder) + 1 :] if folder else name
    return not any(part.startswith(".") for part in inside.split("/")[:-1])


def _sort_key(name: str) -> tuple[str, ...]:
    return tuple(name.split("/"))


def _tree_side(
    git: Git,
    commit: str,
    revision: str,
    group: _Group,
    tree: dict[str, TreeEntry],
    old_configs: set[str],
    cwd: Path,
    max_bytes: int,
) -> Side:
    reader = _TreeReader(git, revision, tree, max_bytes)
    root = group.root
    root_path = git.top / root if root is not None else None
    project: Project
    if root is not None and _join(root, CONFIG_NAME) in old_configs:
        assert root_path is not None
        project = Project(root_path)
        config = reader.load(_join(root, CONFIG_NAME), WorkspaceConfig)
        project.config = config
        if config.model is not None:
            definition_files: list[str] = []
            map_files: list[str] = []
            for name in sorted(tree, key=_sort_key):
                if not _is_yaml_under(name, root):
                    continue
                inside = name[len(root) + 1 :] if root else name
                if inside == CONFIG_NAME:
                    continue
                if matches(inside, config.model.definitions):
                    definition_files.append(name)
                elif matches(inside, config.model.maps):
                    map_files.append(name)
            known = {*definition_files, *map_files}
            map_files.extend(t for t in group.targets if t in tree and t not in known)
            reader.prefetch([*definition_files, *map_files])
            project.definitions = [reader.load(n, DefinitionsFile) for n in definition_files]
            project.maps = [reader.load(n, JourneyMap) for n in map_files]
            project.resolve()
    else:
        project = Project(None)
        names = sorted(
            {n for n in tree for t in group.targets if n == t or _is_yaml_under(n, t)},
            key=_sort_key,
        )
        reader.prefetch(names)
        project.maps = [reader.load(name, JourneyMap) for name in names]
        project.resolve()

    def shown(document: Document[Any]) -> str:
        return display_path(document.path, cwd, root_path)

    def load_snapshot(path: Path) -> Document[MeasuredSnapshot] | None:
        name = os.path.normpath(path.as_posix()).replace(os.sep, "/")
        top = git.top.as_posix().rstrip("/") + "/"
        name = name[len(top) :] if name.startswith(top) else ""
        if name not in tree:
            return None
        return reader.load(name, MeasuredSnapshot)

    targets = [git.top / t if t else git.top for t in group.targets]
    return Side(
        project, revision, targets, shown, on_disk=False, role="old", load_snapshot=load_snapshot
    )


class _TreeReader:
    """Parse files of a revision into documents named ``REV:path``, as git names them."""

    def __init__(self, git: Git, revision: str, tree: dict[str, TreeEntry], max_bytes: int) -> None:
        self.git = git
        self.revision = revision
        self.tree = tree
        self.max_bytes = max_bytes
        self.contents: dict[str, bytes] = {}

    def prefetch(self, names: Iterable[str]) -> None:
        """Read the contents of ``names`` in one go (files over the size limit are not read)."""
        entries = [self.tree[n] for n in names if n in self.tree]
        self.contents.update(self.git.read(e.oid for e in entries if e.size <= self.max_bytes))

    def load(self, name: str, model: type[ModelT]) -> Document[ModelT]:
        path = self.git.top / name
        display = f"{self.revision}:{name}"
        entry = self.tree[name]
        if entry.size > self.max_bytes:
            source = too_large(display, entry.size, self.max_bytes)
        else:
            if entry.oid not in self.contents:
                self.prefetch([name])
            source = decode(self.contents.get(entry.oid, b""), display)
        if source.text is None:
            return Document(path, display, None, None, SourceIndex(), source.diagnostics)
        return parse_document(path, display, source.text, model)
