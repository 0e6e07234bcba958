"""The two sides of ``cjm diff OLD NEW``: two files or two folders on disk.

Each path is loaded with the workspace it belongs to, so that references to the
workspace's shared personas, teams, touchpoints and evidence resolve on both sides:

- Two paths of one workspace (a current-state map and its future state, side by side)
  share one load of it. Both sides see the same shared definitions; each side is only
  the files asked about.
- Paths of two workspaces are loaded each with its own.
- Two map files outside any workspace are loaded on their own, except when their ids
  differ (a map and the future state that names it in ``current_state``): then they are
  resolved together, as ``cjm validate OLD NEW`` resolves them, and each side still holds
  only its own file.
"""

from __future__ import annotations

from pathlib import Path

from cjm.diff.side import DiffUsageError, Side, SnapshotLoader, shown_on_disk
from cjm.load.document import Document, load_document
from cjm.load.project import Project, display_path, load_standalone, load_workspace
from cjm.load.source import DEFAULT_MAX_BYTES
from cjm.load.workspace import CONFIG_NAME, find_workspace_root, real_path, walk_yaml_files
from cjm.model.snapshot import Snapshot as MeasuredSnapshot


def sides_from_paths(
    old: Path, new: Path, cwd: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Side, Side]:
    """Two files or folders, each loaded with the workspace it belongs to, if any."""
    old_target, new_target = _target(old, cwd), _target(new, cwd)
    old_root, new_root = find_workspace_root(old_target), find_workspace_root(new_target)
    if old_root is not None and old_root == new_root:
        project = disk_project(old_root, [old_target, new_target], cwd, max_bytes)
        snapshots = snapshots_on_disk(project, cwd, max_bytes)
        return (
            Side(project, str(old), [old_target], shown_on_disk, role="old",
                 load_snapshot=snapshots),
            Side(project, str(new), [new_target], shown_on_disk, role="new",
                 load_snapshot=snapshots),
        )  # fmt: skip
    old_project = disk_project(old_root, [old_target], cwd, max_bytes)
    new_project = disk_project(new_root, [new_target], cwd, max_bytes)
    together = None
    if old_root is None and new_root is None and old_target.is_file() and new_target.is_file():
        together = _maps_resolved_together(old_project, new_project)
    if together is None:
        return (
            Side(old_project, str(old), [old_target], shown_on_disk, role="old",
                 load_snapshot=snapshots_on_disk(old_project, cwd, max_bytes)),
            Side(new_project, str(new), [new_target], shown_on_disk, role="new",
                 load_snapshot=snapshots_on_disk(new_project, cwd, max_bytes)),
        )  # fmt: skip
    return (
        Side(together, str(old), [old_target], shown_on_disk, role="old", context={new_target}),
        Side(together, str(new), [new_target], shown_on_disk, role="new", context={old_target}),
    )


def _target(path: Path, cwd: Path) -> Path:
    target = real_path(cwd / path)
    if not target.exists():
        raise DiffUsageError(f"no such file or folder: {path}")
    if target.name == CONFIG_NAME and target.is_file():
        return target.parent
    return target


def snapshots_on_disk(project: Project, cwd: Path, max_bytes: int) -> SnapshotLoader:
    """Load a map's snapshot of ``project`` from disk, when the file is there."""
    root = project.root

    def load(path: Path) -> Document[MeasuredSnapshot] | None:
        if not path.is_file():
            return None
        return load_document(path, display_path(path, cwd, root), MeasuredSnapshot, max_bytes)

    return load


def disk_project(root: Path | None, targets: list[Path], cwd: Path, max_bytes: int) -> Project:
    """The workspace at ``root`` (with ``targets`` outside its patterns added as maps), or
    the YAML files of ``targets`` on their own."""
    existing = list(dict.fromkeys(target for target in targets if target.exists()))
    if root is not None and (root / CONFIG_NAME).is_file():
        extra = [t for t in existing if t.is_file() and t.name != CONFIG_NAME]
        return load_workspace(root, cwd, extra, max_bytes)
    files: list[Path] = []
    for target in existing:
        files.extend(walk_yaml_files(target) if target.is_dir() else [target])
    return load_standalone(list(dict.fromkeys(files)), cwd, max_bytes)


def _maps_resolved_together(old: Project, new: Project) -> Project | None:
    """One project of the single map of each side, when both loaded and their ids differ
    (two versions of one map would collide as a duplicate id)."""
    if len(old.maps) != 1 or len(new.maps) != 1:
        return None
    (old_map,), (new_map,) = old.maps, new.maps
    if old_map.model is None or new_map.model is None or old_map.model.id == new_map.model.id:
        return None
    together = Project(None)
    together.maps = [old_map, new_map]
    together.resolve()
    return together
