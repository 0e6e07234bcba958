"""Workspace discovery and file patterns."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm.load.workspace import find_workspace_root, list_workspace_files, matches


def test_root_is_found_by_walking_up(tmp_path: Path) -> None:
    (tmp_path / "cjm.yaml").write_text("{}\n")
    nested = tmp_path / "maps" / "b2b"
    nested.mkdir(parents=True)
    assert find_workspace_root(nested) == tmp_path.resolve()
    assert find_workspace_root(nested / "file.yaml") == tmp_path.resolve()


def test_no_root_without_a_config(tmp_path: Path) -> None:
    assert find_workspace_root(tmp_path) is None


@pytest.mark.parametrize(
    ("path", "patterns", "expected"),
    [
        ("maps/a.yaml", ["maps/*.yaml"], True),
        ("maps/deep/a.yaml", ["maps/*.yaml"], False),
        ("maps/deep/a.yaml", ["maps/**/*.yaml"], True),
        ("maps/a.yaml", ["maps/**/*.yaml"], True),
        ("other/a.yaml", ["maps/**/*.yaml"], False),
        ("a.yaml", ["*.yaml"], True),
        ("shared/p.yml", ["./shared/*.yml"], True),
    ],
)
def test_glob_matching(path: str, patterns: list[str], expected: bool) -> None:
    assert matches(path, patterns) is expected


def test_files_are_split_into_maps_and_definitions(tmp_path: Path) -> None:
    for name in ("cjm.yaml", "maps/b.yaml", "maps/a.yml", "shared/p.yaml", "notes/x.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.yaml").write_text("{}\n")
    (tmp_path / "maps" / ".tool-settings.yaml").write_text("{}\n")
    files = list_workspace_files(tmp_path, ["maps/*.yaml", "maps/*.yml"], ["shared/*.yaml"])
    assert [p.relative_to(tmp_path).as_posix() for p in files.maps] == [
        "maps/a.yml",
        "maps/b.yaml",
    ]
    assert [p.relative_to(tmp_path).as_posix() for p in files.definitions] == ["shared/p.yaml"]


def test_symlinked_folders_are_not_followed(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "a.yaml").write_text("{}\n")
    (tmp_path / "maps" / "loop").symlink_to(tmp_path, target_is_directory=True)
    files = list_workspace_files(tmp_path, ["maps/**/*.yaml"], [])
    assert [p.name for p in files.maps] == ["a.yaml"]
