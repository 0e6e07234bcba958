"""The cache is reused, invalidated and pruned as files change, and never trusted blindly."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cache import CACHE_FOLDER, ENTRIES, STALE_TEMPORARY_SECONDS, DocumentCache
from cjm.cli import app
from cjm.load.project import load_workspace
from tests.cache.workspaces import map_text, reports, write_workspace


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "workspace"
    write_workspace(
        folder,
        {
            "a": map_text("a", "plain"),
            "b": map_text("b", "unknown-persona"),
            "c": map_text("a", "future"),
        },
    )
    return folder


def _entries(root: Path) -> list[Path]:
    return sorted((root / CACHE_FOLDER / ENTRIES).iterdir())


def _load(root: Path) -> DocumentCache:
    cache = DocumentCache(root)
    load_workspace(root, root, cache=cache)
    return cache


def test_second_run_reads_every_file_from_the_cache(root: Path) -> None:
    first = _load(root)
    assert (first.hits, first.writes) == (0, 5)  # three maps, one definitions file, cjm.yaml
    second = _load(root)
    assert (second.hits, second.writes) == (5, 0)
    assert (root / CACHE_FOLDER / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_a_changed_file_is_read_again_and_its_old_entry_removed(root: Path) -> None:
    reports(root, [], use_cache=True)
    before = {p.name for p in _entries(root)}
    (root / "maps" / "b.yaml").write_text(map_text("b", "plain"), encoding="utf-8")
    cache = _load(root)
    assert (cache.hits, cache.writes) == (4, 1)
    reports(root, [], use_cache=True)
    after = {p.name for p in _entries(root)}
    assert len(after) == 5 and len(before - after) == 1


def test_renamed_and_deleted_files_leave_no_entry_behind(root: Path) -> None:
    reports(root, [], use_cache=True)
    (root / "maps" / "a.yaml").rename(root / "maps" / "z.yaml")
    (root / "maps" / "b.yaml").unlink()
    baseline = reports(root, [], use_cache=False)
    assert reports(root, [], use_cache=True) == baseline
    assert len(_entries(root)) == 4


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-10] + b"x" * 10,  # corrupt: the checksum no longer matches
        lambda data: b"cjm-cache 1 0.0.0-other\n" + data.split(b"\n", 1)[1],  # other version
        lambda data: b"",  # empty
    ],
    ids=["truncated", "corrupt", "other-version", "empty"],
)
def test_a_damaged_entry_is_ignored_with_a_note_and_rebuilt(root: Path, damage: object) -> None:
    baseline = reports(root, [], use_cache=False)
    reports(root, [], use_cache=True)
    for entry in _entries(root):
        entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    found = reports(root, [], use_cache=True)
    assert found["text"] == baseline["text"] and found["json"] == baseline["json"]
    notes = found["notes"]
    assert isinstance(notes, list)
    assert any("ignored damaged or foreign entries of the cache" in note for note in notes)
    assert reports(root, [], use_cache=True) == baseline  # rebuilt: no note any more


def test_an_entry_under_another_name_is_not_trusted(root: Path) -> None:
    """An entry copied or renamed to another key holds a document for other bytes."""
    baseline = reports(root, [], use_cache=False)
    reports(root, [], use_cache=True)
    entries = _entries(root)
    data = [entry.read_bytes() for entry in entries]
    for entry, other in zip(entries, data[1:] + data[:1], strict=True):
        entry.write_bytes(other)
    found = reports(root, [], use_cache=True)
    assert found["sarif"] == baseline["sarif"]
    assert any("ignored damaged" in note for note in found["notes"])  # type: ignore[union-attr]


def test_the_cache_of_another_workspace_is_never_used(root: Path, tmp_path: Path) -> None:
    """Keys include the file's path: a cache copied from elsewhere matches nothing."""
    reports(root, [], use_cache=True)
    other = tmp_path / "other"
    write_workspace(other, {"a": map_text("a", "plain")})
    (root / CACHE_FOLDER).rename(other / CACHE_FOLDER)
    cache = _load(other)
    assert cache.hits == 0
    assert reports(other, [], use_cache=True) == reports(other, [], use_cache=False)


def test_a_cache_that_cannot_be_written_leaves_a_note(root: Path) -> None:
    (root / CACHE_FOLDER).write_text("not a folder", encoding="utf-8")
    baseline = reports(root, [], use_cache=False)
    found = reports(root, [], use_cache=True)
    assert {k: v for k, v in found.items() if k != "notes"} == {
        k: v for k, v in baseline.items() if k != "notes"
    }
    notes = found["notes"]
    assert isinstance(notes, list)
    assert len([n for n in notes if "cannot be written" in n]) == 1


def test_a_read_only_workspace_still_validates(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, data: bytes, *, overwrite: bool = True) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("cjm.cache._write_entry", refuse)
    monkeypatch.setattr("cjm.cache.write_text_atomic", refuse)
    baseline = reports(root, [], use_cache=False)
    found = reports(root, [], use_cache=True)
    assert found["text"] == baseline["text"]
    assert any("Permission denied" in note for note in found["notes"])  # type: ignore[union-attr]


def _check_in_process(root: str) -> str:
    return str(reports(Path(root), [], use_cache=True)["json"])


def test_runs_side_by_side_write_sound_entries(root: Path) -> None:
    baseline = reports(root, [], use_cache=False)["json"]
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        found = pool.map(_check_in_process, [str(root)] * 4)
    assert found == [baseline] * 4
    cache = _load(root)
    assert cache.hits == 5 and not cache.notes


def test_leftover_temporary_files_are_ignored_then_removed(root: Path) -> None:
    reports(root, [], use_cache=True)
    recent = root / CACHE_FOLDER / ENTRIES / ".abc.tmp123"
    old = root / CACHE_FOLDER / ENTRIES / ".abc.tmp456"
    for leftover in (recent, old):
        leftover.write_bytes(b"half a write")
    os.utime(old, (time.time() - 2 * STALE_TEMPORARY_SECONDS,) * 2)
    assert reports(root, [], use_cache=True) == reports(root, [], use_cache=False)
    assert recent.exists() and not old.exists()


def test_no_cache_option_writes_no_cache(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    runner = CliRunner()
    plain = runner.invoke(app, ["validate", "--no-cache", "--format", "json"])
    assert not (root / CACHE_FOLDER).exists()
    cached = runner.invoke(app, ["validate", "--format", "json"])
    assert (root / CACHE_FOLDER / ENTRIES).is_dir()
    again = runner.invoke(app, ["validate", "--format", "json"])
    assert plain.exit_code == cached.exit_code == again.exit_code == 1
    assert plain.stdout == cached.stdout == again.stdout
