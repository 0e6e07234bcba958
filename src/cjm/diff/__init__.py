"""``cjm diff``: what changed between two versions of maps, in journey terms.

:func:`diff_paths` compares two files or folders; :func:`diff_base` compares the
working tree with a git revision. Both return a :class:`~cjm.diff.model.DiffResult`, raise
:class:`~cjm.diff.side.DiffUsageError` when the request cannot be carried out and
:class:`~cjm.diff.side.SideLoadError` when a side has files that do not load.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from cjm.diagnostics import UNKNOWN_REFERENCE
from cjm.diff.compare import compare
from cjm.diff.disk import sides_from_paths
from cjm.diff.git import sides_from_git
from cjm.diff.model import Change, DiffResult, Direction, Entity, Kind, Matching, Pair, Section
from cjm.diff.side import DiffUsageError, Side, SideLoadError, snapshots
from cjm.load.source import DEFAULT_MAX_BYTES


def _compare_sides(
    pairs: list[tuple[Side, Side]],
    today: datetime.date | None,
    matching: Matching,
    *,
    on_disk: bool = False,
) -> DiffResult:
    """Compare each pair of sides into one result; ``on_disk``: the sides are paths the
    user named, which the report may say belong to no workspace."""
    old_label, new_label = pairs[0][0].label, pairs[0][1].label
    result = DiffResult(old_label, new_label)
    for old, new in pairs:
        compared = compare(*snapshots(old, new, today), matching=matching)
        result.sections.extend(compared.sections)
        result.pair = result.pair or compared.pair
        if on_disk and _unknown_references_changed(compared):
            result.outside_workspace.extend(
                side.label for side in (old, new) if side.project.root is None
            )
    return result


def _unknown_references_changed(result: DiffResult) -> bool:
    return any(
        change.entity is Entity.FINDING and change.id == UNKNOWN_REFERENCE.code
        for change in result.changes
    )


def diff_paths(
    old: Path,
    new: Path,
    cwd: Path,
    today: datetime.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> DiffResult:
    """Compare two map files or two folders (workspaces, or folders of maps).

    Two map files are two versions of one journey, whatever their ids: a map and its next
    version, or a current-state map and its future state. Two folders compare the maps
    they hold, matched by id.
    """
    old_side, new_side = sides_from_paths(old, new, cwd, max_bytes)
    both_files = (cwd / old).is_file() and (cwd / new).is_file()
    matching = Matching.NAMED if both_files else Matching.SELECTED
    return _compare_sides([(old_side, new_side)], today, matching, on_disk=True)


def diff_base(
    revision: str,
    paths: list[Path],
    cwd: Path,
    today: datetime.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> DiffResult:
    """Compare ``paths`` (default: the workspace around ``cwd``) at git ``revision``
    with the working tree."""
    sides = sides_from_git(revision, paths, cwd, max_bytes)
    return _compare_sides(sides, today, Matching.BY_ID)


__all__ = [
    "Change",
    "DiffResult",
    "DiffUsageError",
    "Direction",
    "Entity",
    "Kind",
    "Pair",
    "Section",
    "SideLoadError",
    "diff_base",
    "diff_paths",
]
