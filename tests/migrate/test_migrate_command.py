"""`cjm migrate`: which files it upgrades, what it writes and prints, its exit codes, and
that migrated files validate exactly as before, less the one finding that asked for it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cjm.cli import app
from tests.samples import PLAIN_ENV

REPO = Path(__file__).resolve().parents[2]

CONFIG = """\
# yaml-language-server: $schema=schemas/workspace.schema.json
maps: ["maps/*.yaml"]
definitions: ["shared/*.yaml"]
teams: [{id: growth, name: Growth}]
"""
PERSONAS = """\
# yaml-language-server: $schema=../schemas/definitions.schema.json
personas:
  - id: olivia
    name: Ops Olivia   # the champion
"""
MAP = """\
# yaml-language-server: $schema=../schemas/map.schema.json
id: trial
title: 'Trial to paid'
type: current-state
owner: growth
reviewed: 2026-10-01
personas: [olivia]
stages:
  - id: signup
    name: Sign-up
    steps:
      - {id: start, action: Starts a trial, emotion: 1}
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["migrate", *args], env=PLAIN_ENV)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A 0.x workspace in ``tmp_path`` (the working directory), with its 0.x schemas."""
    write(tmp_path / "cjm.yaml", CONFIG)
    write(tmp_path / "shared" / "personas.yaml", PERSONAS)
    write(tmp_path / "maps" / "trial.yaml", MAP)
    (tmp_path / "schemas" / "1.0").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def migrated(text: str) -> str:
    header, rest = text.split("\n", 1)
    return header.replace("schemas/", "schemas/1.0/") + '\nformat: "1.0"\n' + rest


def test_migrates_the_workspace_around_the_current_folder(workspace: Path) -> None:
    result = run()
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        'migrated cjm.yaml: add `format: "1.0"`; point $schema at '
        "schemas/1.0/workspace.schema.json",
        'migrated maps/trial.yaml: add `format: "1.0"`; point $schema at '
        "../schemas/1.0/map.schema.json",
        'migrated shared/personas.yaml: add `format: "1.0"`; point $schema at '
        "../schemas/1.0/definitions.schema.json",
        "3 files migrated, 0 files already in format 1.0.",
    ]
    assert read(workspace / "cjm.yaml") == migrated(CONFIG)
    assert read(workspace / "shared" / "personas.yaml") == migrated(PERSONAS)
    assert read(workspace / "maps" / "trial.yaml") == migrated(MAP)

    again = run()
    assert again.exit_code == 0
    assert again.stdout == "0 files migrated, 3 files already in format 1.0.\n"


def test_a_file_at_the_current_format_is_never_touched(workspace: Path) -> None:
    current = '# yaml-language-server: $schema=../schemas/map.schema.json\nformat: "1.0"\n'
    current += MAP.split("\n", 1)[1]
    path = write(workspace / "maps" / "trial.yaml", current)
    stamp = path.stat().st_mtime_ns
    result = run("maps")
    assert result.exit_code == 0
    assert result.stdout == "0 files migrated, 1 file already in format 1.0.\n"
    assert read(path) == current  # its old $schema line stays too
    assert path.stat().st_mtime_ns == stamp


def test_check_lists_what_would_change_writes_nothing_and_exits_1(workspace: Path) -> None:
    result = run("--check", "maps")
    assert result.exit_code == 1
    assert result.stdout == (
        'would migrate maps/trial.yaml: add `format: "1.0"`; point $schema at '
        "../schemas/1.0/map.schema.json\n"
        "1 file would be migrated, 0 files already in format 1.0.\n"
    )
    assert read(workspace / "maps" / "trial.yaml") == MAP
    run("maps")
    assert run("--check", "maps").exit_code == 0


def test_diff_prints_a_patch_and_writes_nothing(workspace: Path) -> None:
    result = run("--diff", "shared")
    assert result.exit_code == 0
    assert result.stdout == (
        "--- shared/personas.yaml\n"
        "+++ shared/personas.yaml\n"
        "@@ -1,4 +1,5 @@\n"
        "-# yaml-language-server: $schema=../schemas/definitions.schema.json\n"
        "+# yaml-language-server: $schema=../schemas/1.0/definitions.schema.json\n"
        '+format: "1.0"\n'
        " personas:\n"
        "   - id: olivia\n"
        "     name: Ops Olivia   # the champion\n"
    )
    assert "1 file would be migrated" in result.stderr
    assert read(workspace / "shared" / "personas.yaml") == PERSONAS


def test_a_file_with_a_syntax_error_is_refused_with_its_place(workspace: Path) -> None:
    broken = write(workspace / "maps" / "broken.yaml", "id: broken\ntitle: [oops\n")
    result = run()
    assert result.exit_code == 1
    assert "maps/broken.yaml:2:" in result.stderr
    assert "error CJM001" in result.stderr
    assert "Traceback" not in result.output
    assert read(broken) == "id: broken\ntitle: [oops\n"
    assert "migrated maps/trial.yaml" in result.stdout  # the others are still migrated
    assert "3 files migrated, 0 files already in format 1.0, 1 file could not be migrated." in (
        result.stdout
    )


def test_a_file_in_a_newer_format_gets_a_clear_error(workspace: Path) -> None:
    newer = MAP.replace("id: trial\n", 'format: "2.0"\nid: trial\n')
    path = write(workspace / "maps" / "trial.yaml", newer)
    result = run("maps/trial.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "maps/trial.yaml:2:9: error CJM005 the file is in format 2.0, newer than format 1.0, "
        "the newest this cjm reads",
        "  = hint: upgrade cjm to read and migrate it",
    ]
    assert read(path) == newer


def test_a_missing_path_is_a_usage_error(workspace: Path) -> None:
    result = run("nowhere.yaml")
    assert result.exit_code == 2
    assert "no such file or folder: nowhere.yaml" in result.stderr


def test_outside_a_workspace_without_paths_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run()
    assert result.exit_code == 2
    assert "no cjm.yaml found" in result.stderr


def test_a_loose_map_outside_any_workspace_is_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "solo.yaml", "id: solo\n")
    result = run("solo.yaml")
    assert result.exit_code == 0
    assert read(path) == 'format: "1.0"\nid: solo\n'


def test_a_byte_order_mark_and_crlf_line_breaks_are_kept(workspace: Path) -> None:
    path = write(
        workspace / "maps" / "trial.yaml", b"\xef\xbb\xbf" + MAP.replace("\n", "\r\n").encode()
    )
    assert run("maps").exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + migrated(MAP).replace("\n", "\r\n").encode()


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_a_file_in_utf_16_or_32_keeps_its_encoding(workspace: Path, codec: str) -> None:
    path = write(workspace / "maps" / "trial.yaml", MAP.encode(codec))  # with its mark
    assert run("maps").exit_code == 0
    assert path.read_bytes() == migrated(MAP).encode(codec)


def test_the_file_keeps_its_permissions(workspace: Path) -> None:
    path = workspace / "maps" / "trial.yaml"
    path.chmod(0o640)
    assert run("maps").exit_code == 0
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_repointed_schema_that_does_not_exist_gets_a_note(workspace: Path) -> None:
    shutil.rmtree(workspace / "schemas")
    assert "note: $schema lines would point at schemas/1.0" in run("--check").stderr
    result = run()
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "note: $schema lines now point at schemas/1.0, which does not exist: write the "
        "schemas there with `cjm schema --out schemas`"
    ]


def test_a_broken_cjm_yaml_is_a_usage_error(workspace: Path) -> None:
    write(workspace / "cjm.yaml", "maps: 3\n")
    result = run()
    assert result.exit_code == 2
    assert "cjm.yaml:1:7" in result.stderr
    assert "fix it and run cjm migrate again" in result.stderr
    assert read(workspace / "maps" / "trial.yaml") == MAP


# -- migrated files validate as before --------------------------------------------------------


def _findings(root: Path) -> list[tuple[str, int, int, str, str]]:
    result = CliRunner().invoke(
        app, ["validate", "--select", "ALL", "--format", "json", str(root)], env=PLAIN_ENV
    )
    assert result.exit_code in (0, 1), result.output
    return [
        (d["path"], d["line"], d["column"], d["code"], d["message"])
        for d in json.loads(result.stdout)["diagnostics"]
    ]


def _inserted_line(before: str, after: str) -> int:
    """The 1-based number of the line migrate added (0: none)."""
    if before == after:
        return 0
    old, new = before.splitlines(), after.splitlines()
    return next(i for i, line in enumerate(new, 1) if i > len(old) or line != old[i - 1]) + (
        1 if new[0] != old[0] else 0  # the first line was the repointed $schema line
    )


EXAMPLES = sorted(p.name for p in (REPO / "examples").iterdir() if (p / "cjm.yaml").is_file())


@pytest.mark.parametrize("example", EXAMPLES)
def test_a_migrated_example_has_the_same_findings_but_the_version_one(
    example: str, tmp_path: Path
) -> None:
    root = tmp_path / example
    shutil.copytree(REPO / "examples" / example, root)
    files = sorted(p for p in root.rglob("*.yaml"))
    before_texts = {p: read(p) for p in files}
    before = _findings(root)
    formatted = CliRunner().invoke(app, ["fmt", "--check", str(root)], env=PLAIN_ENV).exit_code
    result = run(str(root))
    assert result.exit_code == 0, result.output
    after = _findings(root)

    inserted = {}
    for path in files:
        line = _inserted_line(before_texts[path], read(path))
        inserted[path.relative_to(root).as_posix()] = line

    def shifted_back(finding: tuple[str, int, int, str, str]) -> tuple[str, int, int, str, str]:
        path, line, column, code, message = finding
        at = next((n for name, n in inserted.items() if path.endswith(name)), 0)
        return (path, line - 1 if at and line > at else line, column, code, message)

    changed = sum(1 for line in inserted.values() if line)
    assert sum(1 for finding in before if finding[3] == "CJM126") == changed
    expected = [finding for finding in before if finding[3] != "CJM126"]
    assert sorted(shifted_back(f) for f in after) == sorted(expected)
    assert not any(finding[3] == "CJM126" for finding in after)
    # A file in the canonical layout stays in it.
    after_fmt = CliRunner().invoke(app, ["fmt", "--check", str(root)], env=PLAIN_ENV)
    assert after_fmt.exit_code == formatted, after_fmt.output


def test_a_cjm_yaml_in_a_newer_format_stops_the_workspace_with_a_clear_error(
    workspace: Path,
) -> None:
    write(workspace / "cjm.yaml", CONFIG.replace("maps:", 'format: "2.0"\nmaps:'))
    result = run()
    assert result.exit_code == 2
    assert "cjm.yaml:2:9" in result.stderr
    assert "this cjm reads format 1.0; the file says 2.0" in result.stderr
    assert "Traceback" not in result.output
    assert read(workspace / "maps" / "trial.yaml") == MAP
