"""Where a map's binding file and snapshot are."""

from __future__ import annotations

from pathlib import Path

from cjm.model.sources import MeasureSettings

BINDING_SUFFIXES = (".measures.yaml", ".measures.yml")
"""A binding file is named after its map: ``trial.yaml`` is bound by ``trial.measures.yaml``."""

DEFAULT_SNAPSHOTS = "measurements"


def is_binding_file(path: Path) -> bool:
    return path.name.endswith(BINDING_SUFFIXES)


def binding_path(map_path: Path) -> Path | None:
    """The binding file of the map at ``map_path``, if there is one (``.yaml`` first)."""
    stem = map_path.name.rsplit(".", 1)[0]
    for suffix in BINDING_SUFFIXES:
        candidate = map_path.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def binding_path_for_new(map_path: Path) -> Path:
    """Where a new binding file for the map at ``map_path`` goes."""
    return map_path.with_name(map_path.name.rsplit(".", 1)[0] + BINDING_SUFFIXES[0])


def snapshots_folder(root: Path, settings: MeasureSettings | None) -> Path:
    """The snapshot folder of the workspace at ``root``."""
    return root / (settings.snapshots if settings is not None else DEFAULT_SNAPSHOTS)


def snapshot_path(root: Path, settings: MeasureSettings | None, map_id: str) -> Path:
    """The snapshot of map ``map_id`` in the workspace at ``root``."""
    return snapshots_folder(root, settings) / f"{map_id}.yaml"
