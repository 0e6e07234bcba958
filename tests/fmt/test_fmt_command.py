"""run_fmt: which files it formats, what it writes and prints, and its exit codes."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import cjm
from cjm.commands.fmt import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    _summary,
    _Tally,
    run_fmt,
    unified_diff,
)
from tests.samples import PLAIN_ENV

CONFIG = """\
maps: ["maps/*.yaml"]
definitions: ["shared/*.yaml"]
teams: [{name: Growth, id: growth}]
"""
CONFIG_FORMATTED = CONFIG.replace("{name: Growth, id: growth}", "{id: growth, name: Growth}")

PERSONAS = """\
personas:
    - name: Ops Olivia   # the champion
      id: olivia
"""
PERSONAS_FORMATTED = """\
personas:
  - id: olivia
    name: Ops Olivia   # the champion
"""

MAP = """\
# yaml-language-server: $schema=../schemas/map.schema.json
title: Trial to paid
id: trial
type: current-state
owner: growth
reviewed: 2026-10-01
personas: [olivia]
stages:
    - name: Sign-up
      id: signup
"""
MAP_FORMATTED = """\
# yaml-language-server: $schema=../schemas/map.schema.json
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
personas: [olivia]
stages:
  - id: signup
    name: Sign-up
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


@pytest.fixture(autouse=True)
def plain_output(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in PLAIN_ENV.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An unformatted workspace in ``tmp_path``, which is also the working directory."""
    write(tmp_path / "cjm.yaml", CONFIG)
    write(tmp_path / "shared" / "personas.yaml", PERSONAS)
    write(tmp_path / "maps" / "trial.yaml", MAP)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def test_formats_the_workspace_around_the_current_folder(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_fmt([], check=False, show_diff=False) == EXIT_OK
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "reformatted cjm.yaml",
        "reformatted maps/trial.yaml",
        "reformatted shared/personas.yaml",
        "3 files reformatted, 0 files left unchanged.",
    ]
    assert read(workspace / "cjm.yaml") == CONFIG_FORMATTED
    assert read(workspace / "shared" / "personas.yaml") == PERSONAS_FORMATTED
    assert read(workspace / "maps" / "trial.yaml") == MAP_FORMATTED

    assert run_fmt([], check=False, show_diff=False) == EXIT_OK
    assert capsys.readouterr().out == "0 files reformatted, 3 files left unchanged.\n"


def test_check_writes_nothing_and_fails_when_a_file_would_change(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_fmt([Path("maps")], check=True, show_diff=False) == EXIT_FAILED
    assert capsys.readouterr().out == (
        "would reformat maps/trial.yaml\n"
        "1 file would be reformatted, 0 files would be left unchanged.\n"
    )
    assert read(workspace / "maps" / "trial.yaml") == MAP

    write(workspace / "maps" / "trial.yaml", MAP_FORMATTED)
    assert run_fmt([Path("maps/trial.yaml")], check=True, show_diff=False) == EXIT_OK
    assert "1 file would be left unchanged" in capsys.readouterr().out


def test_diff_prints_a_patch_and_writes_nothing(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_fmt([Path("shared")], check=False, show_diff=True) == EXIT_OK
    captured = capsys.readouterr()
    assert captured.out == (
        "--- shared/personas.yaml\n"
        "+++ shared/personas.yaml\n"
        "@@ -1,3 +1,3 @@\n"
        " personas:\n"
        "-    - name: Ops Olivia   # the champion\n"
        "-      id: olivia\n"
        "+  - id: olivia\n"
        "+    name: Ops Olivia   # the champion\n"
    )
    assert "would reformat shared/personas.yaml" in captured.err
    assert read(workspace / "shared" / "personas.yaml") == PERSONAS
    # With --check as well, the exit code says that something would change.
    assert run_fmt([Path("shared")], check=True, show_diff=True) == EXIT_FAILED


def test_a_diff_marks_a_missing_final_line_break() -> None:
    assert unified_diff("a: 1", "a: 1\n", "f.yaml").endswith(
        "-a: 1\n\\ No newline at end of file\n+a: 1\n"
    )


def test_a_file_that_does_not_parse_is_reported_and_left_alone(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = "id: broken\ntitle: [unclosed\n"
    write(workspace / "maps" / "broken.yaml", broken)
    invalid = MAP.replace("owner: growth", "owner: growth\ncolour: red")
    write(workspace / "maps" / "invalid.yaml", invalid)
    assert run_fmt([], check=False, show_diff=False) == EXIT_FAILED
    captured = capsys.readouterr()
    assert "maps/broken.yaml:2:8: error CJM001" in captured.err
    assert "maps/invalid.yaml:6:1: error CJM003 unknown key 'colour'" in captured.err
    assert read(workspace / "maps" / "broken.yaml") == broken
    assert read(workspace / "maps" / "invalid.yaml") == invalid
    # The other files were still formatted.
    assert read(workspace / "maps" / "trial.yaml") == MAP_FORMATTED
    assert captured.out.endswith(
        "3 files reformatted, 0 files left unchanged, 2 files could not be formatted.\n"
    )


def test_locations_that_look_like_emoji_codes_print_as_they_are(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`:100:` is an emoji code to rich: a problem on line 100 must still read `:100:`."""
    padding = "".join(f"# line {n}\n" for n in range(94))
    invalid = padding + MAP.replace("owner: growth", "owner: growth\ncolour: red")
    write(workspace / "maps" / "invalid.yaml", invalid)
    assert run_fmt([Path("maps/invalid.yaml")], check=True, show_diff=False) == EXIT_FAILED
    assert "maps/invalid.yaml:100:1: error CJM003 unknown key 'colour'" in capsys.readouterr().err


def test_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_fmt([], check=False, show_diff=False) == EXIT_USAGE
    assert "no cjm.yaml found" in capsys.readouterr().err
    assert run_fmt([Path("missing.yaml")], check=True, show_diff=False) == EXIT_USAGE
    assert "no such file or folder: missing.yaml" in capsys.readouterr().err


def test_a_broken_workspace_config_stops_its_workspace(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(workspace / "cjm.yaml", "maps: [unclosed\n")
    assert run_fmt([], check=False, show_diff=False) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "cjm.yaml:1:7: error CJM001" in err
    assert "cannot tell maps from definition files" in err
    assert read(workspace / "maps" / "trial.yaml") == MAP


def test_line_breaks_byte_order_mark_and_permissions_are_kept(workspace: Path) -> None:
    path = workspace / "maps" / "trial.yaml"
    write(path, b"\xef\xbb\xbf" + MAP.replace("\n", "\r\n").encode("utf-8"))
    path.chmod(0o640)
    assert run_fmt([path], check=False, show_diff=False) == EXIT_OK
    assert path.read_bytes() == MAP_FORMATTED.replace("\n", "\r\n").encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_only_the_bom_differs(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(workspace / "maps" / "trial.yaml", b"\xef\xbb\xbf" + MAP_FORMATTED.encode())
    assert run_fmt([path], check=True, show_diff=True) == EXIT_FAILED
    assert "without a byte order mark" in capsys.readouterr().out


def test_files_outside_the_patterns(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loose = write(workspace / "drafts" / "idea.yaml", MAP)
    # Under a folder, a file that matches neither pattern is noted, not formatted.
    assert run_fmt([Path("drafts")], check=False, show_diff=False) == EXIT_OK
    assert (
        "note: 1 YAML file matches neither `maps` nor `definitions` in cjm.yaml and was not "
        "formatted: drafts/idea.yaml\n"
    ) in capsys.readouterr().err
    assert read(loose) == MAP
    write(workspace / "drafts" / "other.yaml", MAP)
    assert run_fmt([Path("drafts")], check=True, show_diff=False) == EXIT_OK
    assert (
        "note: 2 YAML files match neither `maps` nor `definitions` in cjm.yaml and were not "
        "formatted: drafts/idea.yaml, drafts/other.yaml\n"
    ) in capsys.readouterr().err
    # Named explicitly, it is formatted as a map.
    assert run_fmt([Path("drafts/idea.yaml")], check=False, show_diff=False) == EXIT_OK
    assert read(loose) == MAP_FORMATTED


def test_standalone_maps_and_workspaces_inside_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "one" / "cjm.yaml", CONFIG)
    write(tmp_path / "one" / "shared" / "personas.yaml", PERSONAS)
    write(tmp_path / "loose.yaml", MAP)
    monkeypatch.chdir(tmp_path)
    assert run_fmt([Path()], check=True, show_diff=False) == EXIT_FAILED
    assert capsys.readouterr().out.splitlines() == [
        "would reformat one/cjm.yaml",
        "would reformat one/shared/personas.yaml",
        "would reformat loose.yaml",
        "3 files would be reformatted, 0 files would be left unchanged.",
    ]


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_symbolic_link_stays_a_link(workspace: Path) -> None:
    real = write(workspace / "real" / "trial.yaml", MAP)
    link = workspace / "maps" / "trial.yaml"
    link.unlink()
    link.symlink_to(real)
    assert run_fmt([link], check=False, show_diff=False) == EXIT_OK
    assert link.is_symlink()
    assert read(real) == MAP_FORMATTED


def test_bundled_examples_are_checked_without_errors(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``cjm fmt --check examples`` finds each example workspace and formats every file;
    it may report files to reformat, but none that cannot be formatted."""
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    code = run_fmt([Path("examples")], check=True, show_diff=False)
    captured = capsys.readouterr()
    assert code in (EXIT_OK, EXIT_FAILED)
    assert "could not be formatted" not in captured.out
    assert captured.err == ""
    counts = [int(n) for n in re.findall(r"(\d+) files?", captured.out.splitlines()[-1])]
    # Binding files and snapshots belong to `cjm measure`, not to fmt.
    written = [
        p
        for p in Path("examples").rglob("*.yaml")
        if not p.name.endswith(".measures.yaml") and p.parent.name != "measurements"
    ]
    assert sum(counts) == len(written)


@pytest.mark.parametrize(
    ("changed", "unchanged", "failed", "dry_run", "summary"),
    [
        (
            1,
            1,
            1,
            False,
            "1 file reformatted, 1 file left unchanged, 1 file could not be formatted.",
        ),
        (
            2,
            0,
            3,
            False,
            "2 files reformatted, 0 files left unchanged, 3 files could not be formatted.",
        ),
        (1, 2, 0, True, "1 file would be reformatted, 2 files would be left unchanged."),
    ],
)
def test_summary_counts_are_worded_right(
    changed: int, unchanged: int, failed: int, dry_run: bool, summary: str
) -> None:
    assert _summary(_Tally(changed, unchanged, failed), dry_run=dry_run) == summary


def test_the_command_does_not_import_the_lint_rules() -> None:
    """Formatting needs the loader and the models only; the lint rules cost a tenth of a
    second to import."""
    code = "import sys, cjm.commands.fmt; print(any(m.startswith('cjm.lint') for m in sys.modules))"
    env = {**os.environ, "PYTHONPATH": str(Path(cjm.__file__).parent.parent)}
    found = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "False"
