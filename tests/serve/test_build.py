"""Each rendering is what `cjm render --format html` writes, in a folder of its own; a
broken file keeps the last good rendering, marked stale; the workspace is only read."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from cjm.serve.build import Builder
from cjm.serve.target import find_target

from .workshop import STEP, write_workshop

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "b2b-saas-trial"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_rendering_is_what_cjm_render_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # findings name files from the current folder
    workspace = tmp_path / "b2b"
    shutil.copytree(EXAMPLE, workspace)
    builder = Builder(find_target(workspace, tmp_path), tmp_path / "preview", tmp_path)
    build = builder.build()
    assert build.folder is not None
    assert build.files == 19
    result = CliRunner().invoke(
        app, ["render", str(workspace), "--format", "html", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert _files(build.folder) == _files(tmp_path / "out")


def test_one_map_file_gets_its_report_alone(tmp_path: Path) -> None:
    journey = write_workshop(tmp_path / "workshop")
    build = Builder(find_target(journey, tmp_path), tmp_path / "preview", tmp_path).build()
    assert build.folder is not None
    assert sorted(p.name for p in build.folder.iterdir()) == ["moving-home-report.html"]


def test_a_broken_file_keeps_the_last_good_rendering_until_it_is_fixed(tmp_path: Path) -> None:
    journey = write_workshop(tmp_path / "workshop")
    before = {p: p.read_bytes() for p in (tmp_path / "workshop").rglob("*") if p.is_file()}
    builder = Builder(find_target(tmp_path / "workshop", tmp_path), tmp_path / "p", tmp_path)
    first = builder.build()
    assert first.folder is not None and first.banner is None and first.findings is None

    original = journey.read_text(encoding="utf-8")
    journey.write_text(original.replace("emotion: 0", "emotion: [0"), encoding="utf-8")
    broken = builder.build()
    assert broken.stale
    assert broken.folder == first.folder
    assert broken.rendered_at == first.rendered_at
    assert broken.banner == "workshop/maps/moving-home.yaml has 1 error"
    assert broken.error_count == 1
    assert broken.errors is not None
    assert broken.errors.plain.startswith("workshop/maps/moving-home.yaml:22:18: error CJM001")

    journey.write_text(original.replace(STEP, "Reads the meters"), encoding="utf-8")
    fixed = builder.build()
    assert not fixed.stale and fixed.banner is None and fixed.findings is None
    assert fixed.folder is not None and fixed.folder != first.folder
    report = (fixed.folder / "moving-home-report.html").read_text(encoding="utf-8")
    assert "Reads the meters" in report
    journey.write_text(original, encoding="utf-8")
    # The maps are only read.
    assert {p: p.read_bytes() for p in (tmp_path / "workshop").rglob("*") if p.is_file()} == (
        before
    )
    # The older renderings go once pruned: the one shown and the one before it stay.
    builder.build()
    builder.prune()
    assert len(list((tmp_path / "p").iterdir())) == 2


def test_a_map_with_errors_at_the_start_is_left_out_and_said_so(tmp_path: Path) -> None:
    journey = write_workshop(tmp_path / "workshop")
    journey.write_text(
        journey.read_text(encoding="utf-8").replace(
            "owner: care\nreviewed", "owner: nobody\nreviewed"
        ),
        encoding="utf-8",
    )
    builder = Builder(find_target(tmp_path / "workshop", tmp_path), tmp_path / "p", tmp_path)
    build = builder.build()
    assert build.folder is not None and not build.stale
    assert build.banner == "workshop/maps/moving-home.yaml has 1 error: left out until fixed"
    assert (build.folder / "index.html").is_file()
    assert not (build.folder / "moving-home-report.html").exists()


def test_a_vanished_workspace_keeps_the_rendering(tmp_path: Path) -> None:
    write_workshop(tmp_path / "workshop")
    builder = Builder(
        find_target(tmp_path / "workshop", tmp_path),
        tmp_path / "p",
        tmp_path,
        today=datetime.date.today(),
    )
    first = builder.build()
    shutil.rmtree(tmp_path / "workshop")
    gone = builder.build()
    assert gone.stale and gone.folder == first.folder
    assert gone.banner is not None and "no such file or folder" in gone.banner


def test_a_rendering_that_breaks_off_keeps_the_page(tmp_path: Path) -> None:
    write_workshop(tmp_path / "workshop")
    builder = Builder(find_target(tmp_path / "workshop", tmp_path), tmp_path / "p", tmp_path)
    first = builder.build()
    failed = builder.failed("the disk is full")
    assert failed.generation == first.generation + 1
    assert failed.stale and failed.folder == first.folder
    assert failed.banner == "the disk is full"
