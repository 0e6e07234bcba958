"""Find the workspace a path belongs to and list the files it holds.

A workspace is a folder with a ``cjm.yaml``. Commands find it by walking up from the path
they are given, the way git finds its repository.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from cjm.measure.locate import is_binding_file

CONFIG_NAME = "cjm.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


def real_path(path: Path) -> Path:
    """``path`` absolute, with every symlink resolved as far as it goes.

    Unlike ``Path.resolve()`` before Python 3.13, a symlink loop is no exception: the
    looping link is returned as it is, and reading it then reports the loop.
    """
    return Path(os.path.realpath(path))


def find_workspace_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a ``cjm.yaml``."""
    here = real_path(start)
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def _pattern_parts(pattern: str) -> list[str]:
    return [part for part in pattern.replace("\\", "/").split("/") if part not in ("", ".")]


def _match_parts(parts: list[str], pattern: list[str]) -> bool:
    """Glob matching on path parts, where ``**`` spans any number of folders."""
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        return any(_match_parts(parts[i:], rest) for i in range(len(parts) + 1))
    return bool(parts) and fnmatchcase(parts[0], head) and _match_parts(parts[1:], rest)


def matches(relative: str, patterns: list[str]) -> bool:
    """Whether the ``/``-separated ``relative`` path matches any glob of ``patterns``."""
    parts = relative.split("/")
    return any(_match_parts(parts, _pattern_parts(p)) for p in patterns)


def _is_yaml_name(name: str) -> bool:
    """Whether ``name`` is that of a YAML file cjm reads; hidden names never are."""
    return name.endswith(YAML_SUFFIXES) and not name.startswith(".")


def walk_yaml_files(folder: Path) -> list[Path]:
    """Every entry with a YAML name under ``folder``, sorted.

    Hidden files and folders (``.pre-commit-config.yaml``, ``.github/``) hold tool
    settings, never maps, so they are left out.

    Entries are listed by name, whatever they are: a folder called ``x.yaml``, a broken
    or looping symlink or a named pipe is then refused, by name, when it is read, rather
    than skipped in silence (a folder is still searched too). Symlinked folders are not
    followed: they could lead out of the workspace, or round in a loop.
    """
    found: list[Path] = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(current) / name for name in (*files, *dirs) if _is_yaml_name(name))
    return sorted(found)


def is_measure_file(path: Path, snapshots: Path | None = None) -> bool:
    """Whether ``path`` is a binding file (``*.measures.yaml``), or a file of the
    ``snapshots`` folder."""
    if is_binding_file(path):
        return True
    return snapshots is not None and snapshots in path.parents


@dataclass(frozen=True)
class WorkspaceFiles:
    """The map and definition files of one workspace, as absolute paths."""

    maps: list[Path]
    definitions: list[Path]
    # Binding files the map patterns match: read beside their maps, never as maps.
    bindings: list[Path] = field(default_factory=list)


def list_workspace_files(
    root: Path,
    map_patterns: list[str],
    definition_patterns: list[str],
    snapshots: Path | None = None,
) -> WorkspaceFiles:
    """The files the patterns match. Binding files (``*.measures.yaml``) and the files
    of the ``snapshots`` folder are never maps or definitions, whatever the patterns say:
    they are read beside the maps they belong to."""
    maps: list[Path] = []
    definitions: list[Path] = []
    bindings: list[Path] = []
    for path in walk_yaml_files(root):
        relative = path.relative_to(root).as_posix()
        if relative == CONFIG_NAME:
            continue
        if is_measure_file(path, snapshots):
            if is_binding_file(path) and matches(relative, map_patterns):
                bindings.append(path)
        elif matches(relative, definition_patterns):
            definitions.append(path)
        elif matches(relative, map_patterns):
            maps.append(path)
    return WorkspaceFiles(maps, definitions, bindings)
