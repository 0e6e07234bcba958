"""What the preview shows and watches: a workspace, a folder of maps, or one map file.

As ``cjm render`` does, no PATH means the workspace around the current folder. A folder
or a workspace gets the workspace site with its reports; one map file gets its report
alone. The watched folder is the workspace's root whenever there is one (a map reads the
shared definitions, ``cjm.yaml`` and its measurements); a map file outside any workspace
is watched alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cjm.load.workspace import CONFIG_NAME, find_workspace_root, real_path


class TargetError(Exception):
    """There is nothing to preview at the path given."""


@dataclass(frozen=True)
class Target:
    """The path to render, as ``cjm render`` takes it, and what to watch."""

    path: Path
    # The folder watched for changes, and with ``only``, the one file that counts.
    root: Path
    only: Path | None
    # Whether the workspace site is rendered (a folder), or a map's report alone (a file).
    site: bool

    @property
    def is_workspace(self) -> bool:
        return (self.root / CONFIG_NAME).is_file()


def find_target(path: Path | None, cwd: Path) -> Target:
    """The target of ``cjm serve [PATH]``; :class:`TargetError` when there is none."""
    if path is None:
        root = find_workspace_root(cwd)
        if root is None:
            raise TargetError(
                f"no {CONFIG_NAME} found in {cwd} or any folder above it; "
                "pass the workspace folder or a map file to preview"
            )
        return Target(root, root, None, site=True)
    if not path.exists():
        raise TargetError(f"no such file or folder: {path}")
    resolved = real_path(path)
    if resolved.is_dir():
        workspace = find_workspace_root(resolved)
        return Target(resolved, workspace or resolved, None, site=True)
    if not resolved.is_file():
        raise TargetError(f"{path} is neither a map file nor a folder")
    workspace = find_workspace_root(resolved)
    if workspace is not None:
        return Target(resolved, workspace, None, site=False)
    return Target(resolved, resolved.parent, resolved, site=False)
