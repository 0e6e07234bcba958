"""``cjm diff``: what changed between two versions of maps, in journey terms.

:func:`diff_paths` compares two files or folders; :func:`diff_base` compares the
working tree with a git revision. Both return a :class:`~cjm.diff.model.DiffResult`, raise
:class:`~cjm.diff.sources.DiffUsageError` when the request cannot be carried out and
:class:`~cjm.diff.sources.SideLoadError` when a side has files that do not load.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from cjm.diff.compare import compare
from cjm.diff.model import Change, DiffResult, Direction, Entity, Kind, Section
from cjm.diff.sources import (
    DiffUsageError,
    Side,
    SideLoadError,
    sides_from_git,
    sides_from_paths,
    snapshot,
)
from cjm.load.source import DEFAULT_MAX_BYTES


def _compare_sides(
    pairs: list[tuple[Side, Side]], today: datetime.date | None, pair_lone_maps: bool = False
) -> DiffResult:
    old_label, new_label = pairs[0][0].label, pairs[0][1].label
    result = DiffResult(old_label, new_label)
    for old, new in pairs:
        compared = compare(
            snapshot(old, today), snapshot(new, today), pair_lone_maps=pair_lone_maps
        )
        result.sections.extend(compared.sections)
    return result


def diff_paths(
    old: Path,
    new: Path,
    cwd: Path,
    today: datetime.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> DiffResult:
    """Compare two map files or two folders (workspaces, or folders of maps).

    Two files are two versions of one map, even when the map's id changed.
    """
    old_side, new_side = sides_from_paths(old, new, cwd, max_bytes)
    both_files = (cwd / old).is_file() and (cwd / new).is_file()
    return _compare_sides([(old_side, new_side)], today, pair_lone_maps=both_files)


def diff_base(
    revision: str,
    paths: list[Path],
    cwd: Path,
    today: datetime.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> DiffResult:
    """Compare ``paths`` (default: the workspace around ``cwd``) at git ``revision``
    with the working tree."""
    return _compare_sides(sides_from_git(revision, paths, cwd, max_bytes), today)


__all__ = [
    "Change",
    "DiffResult",
    "DiffUsageError",
    "Direction",
    "Entity",
    "Kind",
    "Section",
    "SideLoadError",
    "diff_base",
    "diff_paths",
]
