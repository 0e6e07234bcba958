"""A session in one process: a change on disk is rendered and published without a call
from outside, and a bug while rendering leaves the page as it was instead of ending the
preview."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cjm.serve.build import Build
from cjm.serve.session import Preview
from cjm.serve.target import find_target

from .workshop import STEP, write_workshop


def test_a_saved_change_is_rendered_and_published(tmp_path: Path) -> None:
    journey = write_workshop(tmp_path / "workshop")
    seen: list[Build] = []
    preview = Preview(find_target(tmp_path / "workshop", tmp_path), tmp_path, 10**7, seen.append)
    try:
        first = preview.start("127.0.0.1", 0)
        time.sleep(0.5)  # the watcher is set up
        journey.write_text(journey.read_text().replace(STEP, "Reads the meters"))
        deadline = time.monotonic() + 10
        while not seen and time.monotonic() < deadline:
            time.sleep(0.02)
        assert seen, "no rendering after the save"
        current = preview.hub.current()
        assert current is not None and current.build.generation == first.generation + 1
        assert current.build.folder is not None
        report = current.build.folder / "moving-home-report.html"
        assert "Reads the meters" in report.read_text(encoding="utf-8")
    finally:
        preview.stop()
    assert not preview.folder.exists()


def test_a_bug_while_rendering_keeps_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_workshop(tmp_path / "workshop")
    preview = Preview(find_target(tmp_path / "workshop", tmp_path), tmp_path, 10**7)
    try:
        first = preview.start("127.0.0.1", 0)

        def broken() -> Build:
            raise ValueError("boom")

        monkeypatch.setattr(preview.builder, "build", broken)
        build = preview.rebuild_now()
        assert build.stale and build.folder == first.folder
        assert build.banner is not None
        assert build.banner.startswith("cjm could not render the maps (ValueError: boom)")
    finally:
        preview.stop()
