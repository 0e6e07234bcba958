"""Lint settings: `lint:` in cjm.yaml and the command-line flags."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from cjm.lint.rules import stage_without_touchpoints, touchpoint_without_owner
from tests.samples import PLAIN_ENV

from .conftest import LintFiles, findings

STAGE = stage_without_touchpoints
TOUCHPOINT = touchpoint_without_owner
# Both rules fail on this map: one stage has no touchpoint, the touchpoint has no owner.
TWO_FINDINGS = TOUCHPOINT.FAILING.replace(
    "stages:\n",
    "stages:\n  - id: think\n    name: Think\n    steps:\n      - {id: ponder, action: Ponders}\n",
)


def _workspace(lint_files: LintFiles, lint_yaml: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return lint_files(
        {"cjm.yaml": 'format: "1.0"\nmaps: ["*.yaml"]\n' + lint_yaml, "map.yaml": TWO_FINDINGS},
        **kwargs,
    )


def test_both_rules_fire_by_default(lint_files: LintFiles) -> None:
    result = _workspace(lint_files, "")
    assert {"CJM112", "CJM101"} <= {f[2] for f in findings(result)}


def test_select_in_cjm_yaml_runs_only_the_named_rules(lint_files: LintFiles) -> None:
    result = _workspace(lint_files, "lint:\n  select: [stage-without-touchpoints]\n")
    assert [f[2] for f in findings(result)] == ["CJM101"]


def test_ignore_by_code_in_cjm_yaml(lint_files: LintFiles) -> None:
    result = _workspace(lint_files, "lint:\n  select: [CJM101, CJM112]\n  ignore: [CJM101]\n")
    assert [f[2] for f in findings(result)] == ["CJM112"]


def test_command_line_select_replaces_the_file_and_ignore_adds(lint_files: LintFiles) -> None:
    result = _workspace(
        lint_files, "lint:\n  select: [CJM101]\n", select=["CJM112", "CJM101"], ignore=["CJM101"]
    )
    assert [f[2] for f in findings(result)] == ["CJM112"]


def test_override_severity_for_matching_files_only(lint_files: LintFiles) -> None:
    config = (
        'maps: ["maps/*.yaml"]\n'
        "lint:\n"
        "  overrides:\n"
        '    - {files: ["maps/key-*.yaml"], severity: {stage-without-touchpoints: error}}\n'
    )
    result = lint_files(
        {
            "cjm.yaml": config,
            "maps/key-a.yaml": STAGE.FAILING,
            "maps/b.yaml": STAGE.FAILING.replace("id: trial", "id: other"),
        },
        select=None,
    )
    levels = {(d.path, d.severity.value) for d in result.diagnostics if d.code.code == "CJM101"}
    assert levels == {("maps/key-a.yaml", "error"), ("maps/b.yaml", "warning")}


def test_override_select_turns_a_rule_on_for_some_files(lint_files: LintFiles) -> None:
    config = (
        'maps: ["maps/*.yaml"]\n'
        "lint:\n"
        "  select: [CJM112]\n"
        "  overrides:\n"
        '    - {files: ["maps/strict-*.yaml"], select: [CJM101]}\n'
    )
    result = lint_files(
        {
            "cjm.yaml": config,
            "maps/strict-a.yaml": STAGE.FAILING,
            "maps/b.yaml": STAGE.FAILING.replace("id: trial", "id: other"),
        },
    )
    assert {(d.path, d.code.code) for d in result.diagnostics} == {("maps/strict-a.yaml", "CJM101")}


@pytest.mark.parametrize(
    ("lint_yaml", "line", "column", "message"),
    [
        (
            "lint:\n  select: [stage-without-touchpoint]\n",
            4,
            12,
            "unknown rule 'stage-without-touchpoint'; did you mean 'stage-without-touchpoints'?",
        ),
        ("lint:\n  ignore: [CJM999]\n", 4, 12, "unknown rule 'CJM999'"),
        (
            "lint:\n  severity: {stale-mapp: error}\n",
            4,
            14,
            "unknown rule 'stale-mapp'; did you mean 'stale-map'?",
        ),
        ("lint:\n  options:\n    nope: {}\n", 5, 5, "unknown rule 'nope'"),
        (
            "lint:\n  overrides:\n    - {files: [x], ignore: [bogus]}\n",
            5,
            29,
            "unknown rule 'bogus'",
        ),
    ],
)
def test_unknown_rule_names_in_cjm_yaml_are_located(
    lint_files: LintFiles, lint_yaml: str, line: int, column: int, message: str
) -> None:
    result = _workspace(lint_files, lint_yaml)
    assert result.config_failed
    config_problems = [
        (d.line, d.column, d.code.code, d.message)
        for d in result.diagnostics
        if d.path == "cjm.yaml"
    ]
    assert config_problems == [(line, column, "CJM005", message)]


def test_a_bad_fail_on_value_is_a_schema_error(lint_files: LintFiles) -> None:
    result = _workspace(lint_files, "lint:\n  fail_on: sometimes\n")
    assert result.config_failed
    assert [
        (d.line, d.column, d.code.code) for d in result.diagnostics if d.path == "cjm.yaml"
    ] == [(4, 12, "CJM005")]


def test_options_for_a_rule_without_options_are_refused(lint_files: LintFiles) -> None:
    result = _workspace(lint_files, "lint:\n  options:\n    stage-without-touchpoints: {x: 1}\n")
    problems = [
        (d.line, d.column, d.code.code, d.message)
        for d in result.diagnostics
        if d.path == "cjm.yaml"
    ]
    assert problems == [(5, 5, "CJM005", "rule 'stage-without-touchpoints' has no options")]


# -- fail_on and exit codes, through the command line --------------------------------------


def _cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str, config: str = ""):  # type: ignore[no-untyped-def]
    (tmp_path / "cjm.yaml").write_text('format: "1.0"\nmaps: ["*.yaml"]\n' + config)
    (tmp_path / "map.yaml").write_text(STAGE.FAILING)
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(app, ["validate", "--select", "CJM101", *args], env=PLAIN_ENV)


def test_warnings_do_not_fail_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _cli(tmp_path, monkeypatch)
    assert result.exit_code == 0
    assert "map.yaml:15:5: warning CJM101 stage 'decide' has no touchpoint" in result.stdout
    assert result.stdout.endswith("Found 1 warning in 1 file (2 files checked).\n")


def test_fail_on_warning_from_cjm_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _cli(tmp_path, monkeypatch, config="lint:\n  fail_on: warning\n").exit_code == 1


def test_fail_on_flag_wins_over_cjm_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _cli(tmp_path, monkeypatch, "--fail-on", "error", config="lint:\n  fail_on: info\n")
    assert result.exit_code == 0


def test_unknown_rule_on_the_command_line_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _cli(tmp_path, monkeypatch, "--ignore", "stale-mapp")
    assert result.exit_code == 2
    assert result.stderr == "error: unknown rule 'stale-mapp'; did you mean 'stale-map'?\n"


def test_comma_separated_and_repeated_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _cli(
        tmp_path,
        monkeypatch,
        "--select",
        "CJM112,CJM101",
        "--ignore",
        "CJM112",
        "--ignore",
        "CJM101",
    )
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 2 files.\n"
