"""Edge cases of `cjm validate`: empty configs, notes, config problems, escaping."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm.reporters.text import printable, printable_source

from .conftest import MINIMAL_MAP, diagnostics, run, run_json, write


def test_an_empty_cjm_yaml_means_all_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "cjm.yaml", "# nothing configured yet\n")
    write(
        tmp_path / "maps" / "trial.yaml",
        MINIMAL_MAP.replace("personas: [olivia]", "personas: [{id: olivia, name: Olivia}]").replace(
            "owner: growth", "owner: growth\nteams: [{id: growth, name: Growth}]"
        ),
    )
    monkeypatch.chdir(tmp_path)
    result, report = run_json([])
    assert result.exit_code == 0, result.stdout
    assert report["files"] == ["cjm.yaml", "maps/trial.yaml"]


def test_a_duplicate_key_in_cjm_yaml_is_a_configuration_error(
    workspace: Path,
) -> None:
    write(workspace / "cjm.yaml", (workspace / "cjm.yaml").read_text() + "maps: []\n")
    result, report = run_json([])
    assert result.exit_code == 2
    assert [d[0] for d in diagnostics(report)] == ["cjm.yaml"]
    assert report["diagnostics"][0]["code"] == "CJM002"


def test_a_folder_without_yaml_files_is_noted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    result = run(["validate", "empty"])
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 0 files.\n"
    assert result.stderr == f"note: no YAML files under {(tmp_path / 'empty').resolve()}\n"


def test_a_map_outside_the_workspace_and_cwd_is_named_by_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = write(
        tmp_path / "elsewhere" / "trial.yaml", MINIMAL_MAP.replace("emotion: 1", "emotion: 9")
    )
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    result, report = run_json([str(outside)])
    assert result.exit_code == 1
    assert {d[0] for d in diagnostics(report)} == {outside.resolve().as_posix()}


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain", "plain"),
        ("esc\x1b[2J", "esc\\x1b[2J"),
        ("bell\x07", "bell\\x07"),
        ("rtl\u202eevil", "rtl\\u202eevil"),
        ("new\nline", "new\\nline"),
        ("café ✓", "café ✓"),
    ],
)
def test_printable_escapes_control_characters(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_printable_source_keeps_one_character_per_control() -> None:
    assert printable_source("a\x1bb\u202ec") == "a\ufffdb\ufffdc"
