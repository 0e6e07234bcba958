"""`cjm fmt` skips the files whose exact content its workspace cache knows is formatted."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import cjm.commands.fmt
from cjm.cache import CACHE_FOLDER, FORMATTED, DocumentCache
from cjm.cli import app
from tests.fmt.test_fmt_command import (
    CONFIG_FORMATTED,
    MAP,
    MAP_FORMATTED,
    PERSONAS_FORMATTED,
    write,
)
from tests.samples import PLAIN_ENV

CHECKED = "0 files would be reformatted, 3 files would be left unchanged.\n"


@pytest.fixture(autouse=True)
def plain_output(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in PLAIN_ENV.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A formatted workspace in ``tmp_path``, which is also the working directory."""
    write(tmp_path / "cjm.yaml", CONFIG_FORMATTED)
    write(tmp_path / "shared" / "personas.yaml", PERSONAS_FORMATTED)
    write(tmp_path / "maps" / "trial.yaml", MAP_FORMATTED)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def formatted_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the formatter is run on (not skipped) from now on."""
    names: list[str] = []
    real = cjm.commands.fmt.format_text

    def counting(text: str, kind: str, *, path: str = "<text>", fast: bool = True) -> str:
        names.append(path)
        return real(text, kind, path=path, fast=fast)  # type: ignore[arg-type]

    monkeypatch.setattr(cjm.commands.fmt, "format_text", counting)
    return names


def _fmt(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["fmt", *arguments])
    return result.exit_code, result.stdout, result.stderr


def _entries(root: Path) -> list[Path]:
    folder = root / CACHE_FOLDER / FORMATTED
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_a_second_check_skips_every_file(workspace: Path, formatted_files: list[str]) -> None:
    assert _fmt("--check") == (0, CHECKED, "")
    assert len(formatted_files) == 3
    assert len(_entries(workspace)) == 3
    formatted_files.clear()
    assert _fmt("--check") == (0, CHECKED, "")
    assert _fmt() == (0, "0 files reformatted, 3 files left unchanged.\n", "")
    assert formatted_files == []


def test_an_edited_file_is_formatted_again(workspace: Path, formatted_files: list[str]) -> None:
    _fmt("--check")
    formatted_files.clear()
    write(workspace / "maps" / "trial.yaml", MAP)
    code, out, _ = _fmt("--check")
    assert (code, out) == (
        1,
        "would reformat maps/trial.yaml\n"
        "1 file would be reformatted, 2 files would be left unchanged.\n",
    )
    assert formatted_files == ["maps/trial.yaml"]


def test_a_file_just_rewritten_is_recorded_only_once_checked(
    workspace: Path, formatted_files: list[str]
) -> None:
    write(workspace / "maps" / "trial.yaml", MAP)
    assert _fmt()[0] == 0
    assert (workspace / "maps" / "trial.yaml").read_text() == MAP_FORMATTED
    assert len(_entries(workspace)) == 2  # the two files found formatted as they were
    formatted_files.clear()
    assert _fmt("--check") == (0, CHECKED, "")
    assert formatted_files == ["maps/trial.yaml"]


def test_a_whole_workspace_run_removes_entries_of_old_contents(workspace: Path) -> None:
    _fmt("--check")
    before = _entries(workspace)
    write(workspace / "maps" / "trial.yaml", MAP_FORMATTED.replace("Trial to paid", "Trial"))
    _fmt("--check", "maps/trial.yaml")  # some files only: nothing removed
    assert len(_entries(workspace)) == 4
    _fmt("--check")
    after = _entries(workspace)
    assert len(after) == 3 and len(set(before) - set(after)) == 1


def test_no_cache_formats_every_file_and_writes_no_cache(
    workspace: Path, formatted_files: list[str]
) -> None:
    assert _fmt("--check", "--no-cache") == (0, CHECKED, "")
    assert not (workspace / CACHE_FOLDER).exists()
    _fmt("--check")
    formatted_files.clear()
    assert _fmt("--check", "--no-cache") == (0, CHECKED, "")
    assert len(formatted_files) == 3


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-1],  # truncated
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # checksum no longer matches
        lambda data: b"not a cache entry",
        lambda data: b"",
    ],
)
def test_a_damaged_entry_is_ignored_with_a_note(
    workspace: Path, formatted_files: list[str], damage: object
) -> None:
    _fmt("--check")
    formatted_files.clear()
    for entry in _entries(workspace):
        entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    code, out, err = _fmt("--check")
    assert (code, out) == (0, CHECKED)
    assert "ignored damaged or foreign entries of the cache" in err
    assert len(formatted_files) == 3
    formatted_files.clear()
    assert _fmt("--check") == (0, CHECKED, "")  # written anew
    assert formatted_files == []


def test_an_entry_under_another_name_is_not_trusted(
    workspace: Path, formatted_files: list[str]
) -> None:
    """A sound entry copied to the name of another content says nothing about it."""
    _fmt("--check")
    write(workspace / "maps" / "trial.yaml", MAP)
    _fmt("--check")
    entries = _entries(workspace)
    assert len(entries) == 2  # the unformatted content got no entry
    unformatted = DocumentCache.formatted_key(MAP.encode(), "map")
    (workspace / CACHE_FOLDER / FORMATTED / unformatted).write_bytes(entries[0].read_bytes())
    formatted_files.clear()
    code, out, err = _fmt("--check")
    assert code == 1 and "would reformat maps/trial.yaml" in out
    assert "ignored damaged or foreign entries" in err
    assert formatted_files == ["maps/trial.yaml"]


def test_an_entry_for_another_kind_of_file_is_not_used(
    workspace: Path, formatted_files: list[str]
) -> None:
    """The same bytes are checked anew when read as another kind of file."""
    _fmt("--check")
    write(workspace / "maps" / "copy.yaml", PERSONAS_FORMATTED)
    formatted_files.clear()
    code, _, err = _fmt("--check")
    assert formatted_files == ["maps/copy.yaml"]
    assert code == 1 and "maps/copy.yaml" in err  # not a valid map


def test_files_outside_a_workspace_are_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, formatted_files: list[str]
) -> None:
    folder = tmp_path / "loose"
    write(folder / "trial.yaml", MAP_FORMATTED)
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        code, out, _ = _fmt("--check", "loose/trial.yaml")
        assert (code, out) == (0, "0 files would be reformatted, 1 file would be left unchanged.\n")
    assert formatted_files == ["loose/trial.yaml"] * 2
    assert not any(path.name == CACHE_FOLDER for path in tmp_path.rglob("*"))


def test_a_cache_that_cannot_be_written_leaves_a_note(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workspace / CACHE_FOLDER).write_text("a file where the folder would be")
    code, out, err = _fmt("--check")
    assert (code, out) == (0, CHECKED)
    assert "cannot be written" in err


def test_a_file_that_cannot_be_formatted_gets_no_entry(workspace: Path) -> None:
    write(workspace / "maps" / "trial.yaml", "id: [unclosed\n")
    assert _fmt("--check")[0] == 1
    assert len(_entries(workspace)) == 2
