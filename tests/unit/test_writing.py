"""Atomic writes: what a replaced file keeps, and what is never replaced."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from cjm.writing import write_bytes_atomic, write_text_atomic


def listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_new_file_is_written(tmp_path: Path) -> None:
    write_text_atomic(tmp_path / "new.txt", "café\n")
    assert (tmp_path / "new.txt").read_bytes() == "café\n".encode()
    assert listing(tmp_path) == ["new.txt"]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "private.yaml"
    path.write_text("old\n")
    path.chmod(0o600)
    write_text_atomic(path, "new\n")
    assert path.read_text() == "new\n"
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_symlink_is_replaced_not_written_through(tmp_path: Path) -> None:
    kept = tmp_path / "kept.txt"
    kept.write_text("kept\n")
    link = tmp_path / "link.txt"
    link.symlink_to(kept)
    write_text_atomic(link, "new\n")
    assert kept.read_text() == "kept\n"
    assert not link.is_symlink()
    assert link.read_text() == "new\n"


def test_every_byte_is_written_when_the_system_writes_a_few_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data)[:3]))
    data = bytes(range(256)) * 4
    write_bytes_atomic(tmp_path / "data.bin", data)
    assert (tmp_path / "data.bin").read_bytes() == data


def test_a_file_the_user_may_not_write_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text("old\n")
    # Root may write anything, so the permission check is what is made to say no.
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    with pytest.raises(PermissionError):
        write_text_atomic(path, "new\n")
    assert path.read_text() == "old\n"
    assert listing(tmp_path) == ["locked.yaml"]


@pytest.mark.parametrize("existing", ["file", "dangling-symlink"])
def test_create_only_never_replaces_what_is_there(tmp_path: Path, existing: str) -> None:
    path = tmp_path / "map.yaml"
    if existing == "file":
        path.write_text("mine\n")
    else:
        path.symlink_to("nowhere.yaml")
    with pytest.raises(FileExistsError):
        write_text_atomic(path, "new\n", overwrite=False)
    assert listing(tmp_path) == ["map.yaml"]
    assert path.is_symlink() or path.read_text() == "mine\n"


def no_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    def link(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EPERM, "hard links are not supported here")

    monkeypatch.setattr(os, "link", link)


def test_create_only_without_hard_links_still_creates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_hard_links(monkeypatch)
    write_text_atomic(tmp_path / "map.yaml", "new\n", overwrite=False)
    assert (tmp_path / "map.yaml").read_text() == "new\n"
    assert listing(tmp_path) == ["map.yaml"]


def test_create_only_without_hard_links_never_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "map.yaml").write_text("mine\n")
    no_hard_links(monkeypatch)
    with pytest.raises(FileExistsError):
        write_text_atomic(tmp_path / "map.yaml", "new\n", overwrite=False)
    assert (tmp_path / "map.yaml").read_text() == "mine\n"
    assert listing(tmp_path) == ["map.yaml"]


def test_create_only_interrupted_without_hard_links_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_hard_links(monkeypatch)

    def replace(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(tmp_path / "map.yaml", "new\n", overwrite=False)
    assert listing(tmp_path) == []
