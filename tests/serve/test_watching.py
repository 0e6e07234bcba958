"""Only the files the rendering reads start a rebuild: maps, cjm.yaml, definition files,
bindings, snapshots and persona pictures; not version control, virtual environments,
caches or the files editors write while saving. And watchfiles does deliver them."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from pathlib import Path

import pytest

from cjm.serve.watching import WatchFilter, watch_changes

ROOT = Path("/work/space")


@pytest.mark.parametrize(
    "name",
    [
        "cjm.yaml",
        "maps/trial.yaml",
        "maps/trial.yml",
        "maps/nested/deep/trial.yaml",
        "shared/personas.yaml",
        "maps/trial.measures.yaml",
        "measurements/trial.yaml",
        "shared/images/mia.png",
        "shared/images/mia.svg",
        "shared/images/MIA.JPG",
    ],
)
def test_the_files_the_rendering_reads_are_watched(name: str) -> None:
    assert WatchFilter(ROOT).wanted(ROOT / name)


@pytest.mark.parametrize(
    "name",
    [
        ".git/index",
        ".git/refs/heads/main.yaml",
        ".venv/lib/python3.11/site-packages/x/config.yaml",
        "venv/lib/config.yaml",
        "node_modules/pkg/action.yml",
        "maps/__pycache__/x.yaml",
        ".mypy_cache/x.yaml",
        ".pytest_cache/v/cache.yaml",
        ".ruff_cache/x.yaml",
        ".idea/workspace.yaml",
        ".pre-commit-config.yaml",
        "maps/.trial.yaml.swp",
        "maps/.trial.yaml.swx",
        "maps/trial.yaml~",
        "maps/.#trial.yaml",
        "maps/#trial.yaml#",
        "maps/4913",
        "maps/trial.yaml.tmp",
        "maps/trial.yaml.bak",
        "maps/trial.yaml.orig",
        "maps/trial.yaml___jb_tmp___",
        "maps/trial.yaml___jb_old___",
        "maps/.goutputstream-ABC123",
        "maps/trial.yaml.crswap",
        "README.md",
        "data/generate.py",
        "data/events.jsonl",
        "maps",
    ],
)
def test_other_files_are_not(name: str) -> None:
    assert not WatchFilter(ROOT).wanted(ROOT / name)


def test_a_path_outside_the_root_is_not_watched() -> None:
    assert not WatchFilter(ROOT).wanted(Path("/elsewhere/maps/trial.yaml"))
    assert not WatchFilter(ROOT).wanted(ROOT)


def test_a_virtual_environment_is_known_by_its_pyvenv_cfg(tmp_path: Path) -> None:
    (tmp_path / "tools" / "lib").mkdir(parents=True)
    (tmp_path / "tools" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    (tmp_path / "maps").mkdir()
    wanted = WatchFilter(tmp_path)
    assert not wanted.wanted(tmp_path / "tools" / "lib" / "settings.yaml")
    assert wanted.wanted(tmp_path / "maps" / "trial.yaml")


def test_with_one_map_file_only_that_file_counts() -> None:
    journey = ROOT / "trial.yaml"
    wanted = WatchFilter(ROOT, only=journey)
    assert wanted.wanted(journey)
    assert not wanted.wanted(ROOT / "other.yaml")
    assert not wanted.wanted(ROOT / "cjm.yaml")


def test_watchfiles_reports_a_saved_map_and_not_an_editor_file(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    seen: list[set[Path]] = []
    stop = threading.Event()

    def noted(paths: Iterable[Path]) -> None:
        seen.append(set(paths))

    thread = threading.Thread(
        target=watch_changes, args=(tmp_path, WatchFilter(tmp_path), noted, stop)
    )
    thread.start()
    try:
        time.sleep(0.5)  # the watcher is set up
        (tmp_path / "maps" / ".trial.yaml.swp").write_text("x", encoding="utf-8")
        (tmp_path / "notes.md").write_text("x", encoding="utf-8")
        (tmp_path / "maps" / "trial.yaml").write_text("id: x\n", encoding="utf-8")
        deadline = time.monotonic() + 10
        while not seen and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert set().union(*seen) == {tmp_path / "maps" / "trial.yaml"}


def test_polling_reports_a_saved_map_too(tmp_path: Path) -> None:
    seen: list[set[Path]] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch_changes,
        args=(tmp_path, WatchFilter(tmp_path), lambda paths: seen.append(set(paths)), stop),
        kwargs={"polling": True},
    )
    thread.start()
    try:
        time.sleep(0.7)
        (tmp_path / "cjm.yaml").write_text("format: '1.0'\n", encoding="utf-8")
        deadline = time.monotonic() + 10
        while not seen and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert set().union(*seen) == {tmp_path / "cjm.yaml"}
