"""`cjm validate` through the command line: exit codes, the text and JSON reports, exact
locations of every kind of problem, references, workspace discovery and determinism."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.samples import STANDALONE_MAP

from .conftest import (
    CONFIG_YAML,
    MINIMAL_MAP,
    diagnostics,
    make_workspace,
    run,
    run_json,
    write,
)


def edit(text: str, old: str, new: str) -> str:
    """Replace the one occurrence of ``old`` in ``text`` (fails loudly when it is not there)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def only(report: dict) -> dict:
    """The single diagnostic of a JSON report."""
    assert len(report["diagnostics"]) == 1, report["diagnostics"]
    return report["diagnostics"][0]


# -- exit codes --------------------------------------------------------------------------


def test_minimal_workspace_is_clean_in_text(workspace: Path) -> None:
    result = run(["validate"])
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 3 files.\n"
    assert result.stderr == ""


def test_minimal_workspace_json_report_parses(workspace: Path) -> None:
    result, report = run_json([])
    assert result.exit_code == 0
    assert report["tool"]["name"] == "cjm"
    assert report["files"] == ["cjm.yaml", "maps/trial.yaml", "shared/personas.yaml"]
    assert report["diagnostics"] == []
    assert report["summary"] == {"files": 3, "error": 0, "warning": 0, "info": 0}


def test_schema_error_exits_1(map_with) -> None:
    map_with(edit(MINIMAL_MAP, "title: Trial to paid", "title: 42"))
    result = run(["validate"])
    assert result.exit_code == 1
    assert "maps/trial.yaml:2:8: error CJM004 title must be text" in result.stdout


def test_path_that_does_not_exist_exits_2(workspace: Path) -> None:
    result = run(["validate", "maps/nope.yaml"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "error: no such file or folder: maps/nope.yaml\n"


def test_no_paths_and_no_workspace_above_cwd_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["validate"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: no cjm.yaml found in {tmp_path}")
    assert "pass the map files or folders to check" in result.stderr


@pytest.mark.parametrize(
    ("config", "expected", "message"),
    [
        pytest.param(
            CONFIG_YAML + "mapz: [x]\n",
            ("cjm.yaml", 4, 1, "CJM003"),
            "unknown key 'mapz' in workspace configuration; did you mean 'maps'?",
            id="unknown-key",
        ),
        pytest.param(
            CONFIG_YAML + "  bad: 1\n",
            ("cjm.yaml", 4, 3, "CJM001"),
            "the indentation here does not line up with the lines above",
            id="yaml-syntax",
        ),
    ],
)
def test_invalid_workspace_config_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, expected: tuple, message: str
) -> None:
    make_workspace(tmp_path, config=config)
    # A broken map is not looked at: the workspace cannot be loaded without its config.
    write(tmp_path / "maps" / "broken.yaml", "id: [\n")
    monkeypatch.chdir(tmp_path)
    result, report = run_json([])
    assert result.exit_code == 2
    assert diagnostics(report) == [expected]
    assert only(report)["message"] == message
    assert report["files"] == ["cjm.yaml"]


def test_invalid_workspace_config_exits_2_when_a_map_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_workspace(tmp_path, config=CONFIG_YAML + "mapz: [x]\n")
    monkeypatch.chdir(tmp_path)
    result = run(["validate", "maps/trial.yaml"])
    assert result.exit_code == 2
    assert result.stdout.startswith("cjm.yaml:4:1: error CJM003 unknown key 'mapz'")


def refuse_to_open(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make opening files called ``name`` fail as a file without read permission does
    (the tests may run as root, for whom chmod 000 changes nothing)."""
    real_open = os.open

    def open_or_refuse(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path).name == name:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_or_refuse)


def test_unreadable_file_exits_2(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_to_open(monkeypatch, "trial.yaml")
    result, report = run_json([])
    assert result.exit_code == 2
    assert diagnostics(report) == [("maps/trial.yaml", 1, 1, "CJM008")]
    assert only(report)["message"] == "cannot read the file: Permission denied"


def test_unreadable_file_in_text_report(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_to_open(monkeypatch, "trial.yaml")
    result = run(["validate"])
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == (
        "maps/trial.yaml:1:1: error CJM008 cannot read the file: Permission denied"
    )


def test_unknown_format_is_a_usage_error(workspace: Path) -> None:
    result = run(["validate", "--format", "xml"])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output
    assert "'xml' is not one of 'text', 'json'" in result.output
    assert "Traceback" not in result.output


def test_format_name_is_case_insensitive(workspace: Path) -> None:
    result = run(["validate", "--format", "JSON"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["diagnostics"] == []


def test_max_file_size_below_one_is_a_usage_error(workspace: Path) -> None:
    result = run(["validate", "--max-file-size", "0"])
    assert result.exit_code == 2
    assert "Invalid value for '--max-file-size'" in result.output


# -- the text report ---------------------------------------------------------------------


def test_text_report_is_compiler_style(map_with) -> None:
    map_with(edit(MINIMAL_MAP, "type: current-state", "type: curent-state"))
    result = run(["validate"])
    assert result.exit_code == 1
    assert result.stdout == (
        "maps/trial.yaml:3:7: error CJM005 'curent-state' is not a valid type; "
        "did you mean 'current-state'?\n"
        "   |\n"
        " 3 | type: curent-state\n"
        "   |       ^^^^^^^^^^^^\n"
        "   = hint: expected one of: current-state, future-state, day-in-the-life, "
        "service-blueprint\n"
        "\n"
        "Found 1 error in 1 file (3 files checked).\n"
    )


@pytest.mark.parametrize(
    ("old", "new", "source_line", "caret_line"),
    [
        pytest.param(
            "title: Trial to paid",
            "title: Trial to paid\ndescripton: A trial",
            " 3 | descripton: A trial",
            "   | ^^^^^^^^^^",
            id="unknown-key",
        ),
        pytest.param(
            "personas: [olivia]",
            "personas: [olivai]",
            " 6 | personas: [olivai]",
            "   |            ^^^^^^",
            id="unknown-reference",
        ),
        pytest.param(
            "emotion: 1",
            "emotion: {score: -30}",
            " 13 |         emotion: {score: -30}",
            "    |                          ^^^",
            id="two-digit-gutter",
        ),
    ],
)
def test_text_caret_sits_under_the_token_with_its_width(
    map_with, old: str, new: str, source_line: str, caret_line: str
) -> None:
    map_with(edit(MINIMAL_MAP, old, new))
    lines = run(["validate"]).stdout.splitlines()
    assert lines[2:4] == [source_line, caret_line]
    gutter = caret_line.index("|")
    assert lines[1] == " " * gutter + "|"


def test_text_first_line_is_path_line_col_severity_code_message(map_with) -> None:
    map_with(edit(MINIMAL_MAP, "emotion: 1", "emotion: 7"))
    first = run(["validate"]).stdout.splitlines()[0]
    assert first == (
        "maps/trial.yaml:13:18: error CJM005 emotion score 7 is out of range: "
        "it must be from -2 to +2"
    )


def test_text_report_shows_hint_and_related_place(map_with) -> None:
    map_with(edit(MINIMAL_MAP, "owner: growth\n", "owner: growth\nowner: growth\n"))
    lines = run(["validate"]).stdout.splitlines()
    assert lines[0] == (
        "maps/trial.yaml:5:1: error CJM002 duplicate key 'owner' (first defined on line 4)"
    )
    assert lines[1:6] == [
        "   |",
        " 5 | owner: growth",
        "   | ^^^^^",
        "   = hint: remove one of them; the first one is used",
        "   = see: maps/trial.yaml:4:1",
    ]


def test_text_summary_counts_errors_and_files(workspace: Path) -> None:
    write(workspace / "maps" / "a.yaml", edit(MINIMAL_MAP, "id: trial", "id: Trial A"))
    write(
        workspace / "maps" / "b.yaml",
        edit(edit(MINIMAL_MAP, "id: trial", "id: b"), "emotion: 1", "emotion: 3\n        x: 1"),
    )
    result = run(["validate"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "Found 3 errors in 2 files (5 files checked)."


def test_text_long_line_is_clipped_around_the_caret(map_with) -> None:
    long_tags = "tags: [" + "x" * 1_000_000 + ", 5]"
    map_with(edit(MINIMAL_MAP, "title: Trial to paid", "title: Trial\n" + long_tags))
    result = run(["validate"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("maps/trial.yaml:3:1000010: error CJM004")
    source, caret = lines[2], lines[3]
    assert len(source) < 200
    assert source.startswith(" 3 | …")
    assert caret.index("^") == source.index("5]")


# -- each kind of problem, located -------------------------------------------------------

BAD_MAP_CASES = [
    pytest.param(
        "title: Trial to paid",
        "title: Trial: to paid",
        (2, 13, "CJM001"),
        "unexpected ':' here",
        id="yaml-syntax",
    ),
    pytest.param(
        "owner: growth\n",
        "owner: growth\nowner: growth\n",
        (5, 1, "CJM002"),
        "duplicate key 'owner' (first defined on line 4)",
        id="duplicate-key-second-occurrence",
    ),
    pytest.param(
        "    name: Sign-up\n",
        "    name: Sign-up\n    descripton: First contact\n",
        (10, 5, "CJM003"),
        "unknown key 'descripton' in stage; did you mean 'description'?",
        id="unknown-key",
    ),
    pytest.param(
        "personas: [olivia]",
        "personas: olivia",
        (6, 11, "CJM004"),
        "personas must be a list, not the text 'olivia'",
        id="text-where-a-list-is-expected",
    ),
    pytest.param(
        "title: Trial to paid",
        "title: 42",
        (2, 8, "CJM004"),
        "title must be text, not the number 42",
        id="number-where-text-is-expected",
    ),
    pytest.param(
        "emotion: 1",
        "emotion: 7",
        (13, 18, "CJM005"),
        "emotion score 7 is out of range: it must be from -2 to +2",
        id="emotion-shorthand-out-of-range",
    ),
    pytest.param(
        "emotion: 1",
        "emotion: {score: -3}",
        (13, 26, "CJM005"),
        "emotion score -3 is out of range: it must be from -2 to +2",
        id="emotion-mapping-out-of-range",
    ),
    pytest.param(
        "type: current-state",
        "type: curent-state",
        (3, 7, "CJM005"),
        "'curent-state' is not a valid type; did you mean 'current-state'?",
        id="invalid-enum",
    ),
    pytest.param(
        "  - id: signup",
        "  - id: Sign_Up",
        (8, 9, "CJM005"),
        "'Sign_Up' is not a valid id: use lowercase letters, digits and single hyphens",
        id="invalid-id-slug",
    ),
    pytest.param(
        "        action: Starts a trial\n",
        "",
        (11, 9, "CJM006"),
        "step 'start-trial' is missing the required field 'action'",
        id="missing-field-at-parent-entry",
    ),
]


@pytest.mark.parametrize(("old", "new", "where", "message"), BAD_MAP_CASES)
def test_bad_map_is_reported_at_the_exact_place(
    map_with, parser: str, old: str, new: str, where: tuple[int, int, str], message: str
) -> None:
    map_with(edit(MINIMAL_MAP, old, new))
    result, report = run_json([])
    assert result.exit_code == 1
    assert diagnostics(report) == [("maps/trial.yaml", *where)]
    assert only(report)["message"] == message


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        ("title: Trial to paid", "title: 42", 'quote it to keep it as text: "42"'),
        ("title: Trial to paid", "title: -1.5", 'quote it to keep it as text: "-1.5"'),
        ("title: Trial to paid", "title: true", 'quote it to keep it as text: "true"'),
        (
            "personas: [olivia]",
            "personas: olivia",
            "write a list: [olivia] or one '- ' item per line",
        ),
        ("  - id: signup", "  - id: Sign_Up", "for example 'sign-up'"),
        ("type: current-state", "type: curent-state", "expected one of: current-state, "),
    ],
)
def test_bad_map_hints(map_with, old: str, new: str, hint: str) -> None:
    map_with(edit(MINIMAL_MAP, old, new))
    _, report = run_json([])
    assert only(report)["hint"].startswith(hint)


def test_duplicate_key_points_back_at_the_first(map_with) -> None:
    map_with(edit(MINIMAL_MAP, "owner: growth\n", "owner: growth\nowner: growth\n"))
    _, report = run_json([])
    assert only(report)["related"] == [{"path": "maps/trial.yaml", "line": 4, "column": 1}]


def test_missing_field_at_top_level_points_at_the_start_of_the_map(map_with) -> None:
    map_with(edit(MINIMAL_MAP, "reviewed: 2026-10-01\n", ""))
    _, report = run_json([])
    assert diagnostics(report) == [("maps/trial.yaml", 1, 1, "CJM006")]
    assert only(report)["message"] == "journey map 'trial' is missing the required field 'reviewed'"


def test_several_problems_in_one_file_are_all_reported_sorted_by_line(
    map_with, parser: str
) -> None:
    text = MINIMAL_MAP
    text = edit(text, "emotion: 1", "emotion: 7")
    text = edit(text, "type: current-state", "type: curent-state")
    text = edit(text, "    name: Sign-up\n", "    nme: Sign-up\n")
    text = edit(text, "title: Trial to paid", "title: 42")
    map_with(text)
    result, report = run_json([])
    assert result.exit_code == 1
    assert diagnostics(report) == [
        ("maps/trial.yaml", 2, 8, "CJM004"),
        ("maps/trial.yaml", 3, 7, "CJM005"),
        ("maps/trial.yaml", 8, 5, "CJM006"),  # the stage now lacks `name`
        ("maps/trial.yaml", 9, 5, "CJM003"),
        ("maps/trial.yaml", 13, 18, "CJM005"),
    ]
    assert report["summary"]["error"] == 5


def test_error_in_first_of_duplicate_keys_points_at_the_first(map_with) -> None:
    second = "stages:\n  - id: other\n    name: Other\n    steps:\n      - id: s2\n"
    second += "        action: Other\n        emotion: 1\n"
    map_with(edit(MINIMAL_MAP, "emotion: 1", "emotion: 7") + second)
    _, report = run_json([])
    assert diagnostics(report) == [
        ("maps/trial.yaml", 13, 18, "CJM005"),  # not 20:18, the ignored `emotion: 1`
        ("maps/trial.yaml", 14, 1, "CJM002"),
    ]


# -- references --------------------------------------------------------------------------

REFERENCE_MAP = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
personas: [olivia]
touchpoints:
  - {id: pricing-page, name: Pricing page, channel: web, owner: growth}
evidence:
  - {id: interviews, kind: interview, title: Customer interviews}
stages:
  - id: signup
    name: Sign-up
    steps:
      - id: start-trial
        action: Starts a trial
        touchpoints: [pricing-page]
        evidence: [interviews]
        emotions: {olivia: 1}
        pain_points:
          - {id: slow-page, summary: Slow page, severity: high, evidence: [interviews]}
opportunities:
  - {id: faster, summary: Faster page, addresses: [slow-page], stage: signup}
"""


def test_reference_map_is_clean(map_with) -> None:
    map_with(REFERENCE_MAP)
    result = run(["validate"])
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        pytest.param(
            "owner: growth\nreviewed",
            "owner: grwth\nreviewed",
            (4, 8),
            "unknown team 'grwth'; did you mean 'growth'?",
            id="team",
        ),
        pytest.param(
            "touchpoints: [pricing-page]",
            "touchpoints: [pricing-pge]",
            (17, 23),
            "unknown touchpoint 'pricing-pge'; did you mean 'pricing-page'?",
            id="touchpoint",
        ),
        pytest.param(
            "        evidence: [interviews]",
            "        evidence: [intervews]",
            (18, 20),
            "unknown evidence 'intervews'; did you mean 'interviews'?",
            id="evidence",
        ),
        pytest.param(
            "addresses: [slow-page]",
            "addresses: [slow-pge]",
            (23, 52),
            "unknown pain point 'slow-pge'; did you mean 'slow-page'?",
            id="pain-point",
        ),
        pytest.param(
            "stage: signup}",
            "stage: sign-up}",
            (23, 71),
            "unknown stage 'sign-up'; did you mean 'signup'?",
            id="stage",
        ),
        pytest.param(
            "touchpoints: [pricing-page]",
            "touchpoints: [kiosk]",
            (17, 23),
            "unknown touchpoint 'kiosk'",
            id="no-close-match",
        ),
    ],
)
def test_unknown_reference_is_reported_where_it_is_written(
    map_with, old: str, new: str, where: tuple[int, int], message: str
) -> None:
    map_with(edit(REFERENCE_MAP, old, new))
    result, report = run_json([])
    assert result.exit_code == 1
    assert diagnostics(report) == [("maps/trial.yaml", *where, "CJM103")]
    assert only(report)["message"] == message
    assert only(report)["name"] == "unknown-reference"


def test_unknown_persona_is_reported_where_it_is_written(map_with) -> None:
    map_with(edit(MINIMAL_MAP, "personas: [olivia]", "personas: [olivai]"))
    result, report = run_json([])
    assert result.exit_code == 1
    assert diagnostics(report) == [("maps/trial.yaml", 6, 12, "CJM103")]
    assert only(report)["message"] == "unknown persona 'olivai'; did you mean 'olivia'?"
    assert only(report)["hint"] == (
        "define it under `personas` in this map or in a shared definitions file"
    )


def test_emotion_for_a_persona_not_in_the_map(map_with) -> None:
    map_with(edit(REFERENCE_MAP, "emotions: {olivia: 1}", "emotions: {olivia: 1, dan: -1}"))
    _, report = run_json([])
    assert diagnostics(report) == [("maps/trial.yaml", 19, 31, "CJM103")]
    assert only(report)["message"] == "'dan' is not one of this map's personas"
    assert only(report)["hint"] == "add it to the map's `personas` list"


def test_shared_persona_not_covered_by_the_map_is_not_one_of_its_personas(
    map_with, workspace: Path
) -> None:
    write(
        workspace / "shared" / "personas.yaml",
        "personas:\n  - {id: olivia, name: Olivia}\n  - {id: dan, name: Dan}\n",
    )
    map_with(edit(REFERENCE_MAP, "emotions: {olivia: 1}", "emotions: {olivia: 1, dan: -1}"))
    _, report = run_json([])
    assert diagnostics(report) == [("maps/trial.yaml", 19, 31, "CJM103")]
    assert only(report)["message"] == "'dan' is not one of this map's personas"


def test_duplicate_id_across_two_shared_files_names_the_first_place(workspace: Path) -> None:
    write(
        workspace / "shared" / "segments.yaml",
        "# more personas\npersonas:\n  - id: olivia\n    name: Olivia again\n",
    )
    result, report = run_json([])
    assert result.exit_code == 1
    assert diagnostics(report) == [("shared/segments.yaml", 3, 9, "CJM104")]
    diagnostic = only(report)
    assert diagnostic["message"] == (
        "duplicate persona id 'olivia': also defined at shared/personas.yaml:2:9"
    )
    assert diagnostic["related"] == [{"path": "shared/personas.yaml", "line": 2, "column": 9}]


def test_team_defined_in_config_and_shared_file_is_a_duplicate(workspace: Path) -> None:
    write(workspace / "shared" / "teams.yaml", "teams:\n  - {id: growth, name: Growth}\n")
    _, report = run_json([])
    assert diagnostics(report) == [("shared/teams.yaml", 2, 10, "CJM104")]
    assert only(report)["related"] == [{"path": "cjm.yaml", "line": 3, "column": 14}]


def test_duplicate_step_ids_in_one_map(map_with) -> None:
    map_with(MINIMAL_MAP + "      - id: start-trial\n        action: Starts another trial\n")
    result, report = run_json([])
    assert result.exit_code == 1
    assert diagnostics(report) == [("maps/trial.yaml", 14, 13, "CJM104")]
    diagnostic = only(report)
    assert diagnostic["message"].startswith("duplicate step id 'start-trial': also defined")
    assert diagnostic["related"] == [{"path": "maps/trial.yaml", "line": 11, "column": 13}]


def test_inline_persona_colliding_with_a_shared_one(map_with) -> None:
    map_with(edit(MINIMAL_MAP, "personas: [olivia]", "personas:\n  - {id: olivia, name: Other}"))
    result, report = run_json([])
    assert result.exit_code == 1
    assert diagnostics(report) == [("maps/trial.yaml", 7, 10, "CJM104")]
    assert only(report)["message"] == (
        "duplicate persona id 'olivia': also defined at shared/personas.yaml:2:9"
    )
    assert only(report)["related"] == [{"path": "shared/personas.yaml", "line": 2, "column": 9}]


def test_unknown_reference_in_a_shared_file(workspace: Path) -> None:
    write(
        workspace / "shared" / "personas.yaml",
        "personas:\n  - id: olivia\n    name: Ops Olivia\n    evidence: [interviews]\n",
    )
    _, report = run_json([])
    assert diagnostics(report) == [("shared/personas.yaml", 4, 16, "CJM103")]
    assert only(report)["message"] == "unknown evidence 'interviews'"


# -- workspaces --------------------------------------------------------------------------


def test_no_args_from_a_nested_folder_finds_the_workspace_upward(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nested = workspace / "maps" / "drafts" / "deeper"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    result = run(["validate"])
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 3 files.\n"


def test_nested_folder_reports_problems_of_the_whole_workspace(
    map_with, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    map_with(edit(MINIMAL_MAP, "emotion: 1", "emotion: 7"))
    nested = workspace / "docs"
    nested.mkdir()
    monkeypatch.chdir(nested)
    result, report = run_json([])
    assert result.exit_code == 1
    # Files of the same workspace outside the working folder are named relative to it.
    assert diagnostics(report) == [("../maps/trial.yaml", 13, 18, "CJM005")]


def test_single_map_in_a_workspace_resolves_shared_definitions(workspace: Path) -> None:
    result, report = run_json(["maps/trial.yaml"])
    assert result.exit_code == 0
    assert report["diagnostics"] == []
    assert report["files"] == ["cjm.yaml", "maps/trial.yaml", "shared/personas.yaml"]


def test_single_map_named_from_outside_the_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_workspace(tmp_path / "ws")
    write(tmp_path / "ws" / "maps" / "trial.yaml", edit(MINIMAL_MAP, "emotion: 1", "emotion: 7"))
    monkeypatch.chdir(tmp_path)
    result, report = run_json(["ws/maps/trial.yaml"])
    assert result.exit_code == 1
    assert diagnostics(report) == [("ws/maps/trial.yaml", 13, 18, "CJM005")]


def test_map_outside_the_patterns_named_explicitly_is_checked(workspace: Path) -> None:
    write(workspace / "drafts" / "idea.yaml", edit(MINIMAL_MAP, "id: trial", "id: idea"))
    result, report = run_json(["drafts/idea.yaml"])
    assert result.exit_code == 0
    assert "drafts/idea.yaml" in report["files"]


def test_standalone_map_outside_any_workspace_validates_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "solo.yaml", STANDALONE_MAP)
    monkeypatch.chdir(tmp_path)
    result = run(["validate", "solo.yaml"])
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 1 file.\n"


def test_standalone_map_cannot_see_personas_of_no_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "trial.yaml", MINIMAL_MAP)  # uses shared persona and team ids
    monkeypatch.chdir(tmp_path)
    result, report = run_json(["trial.yaml"])
    assert result.exit_code == 1
    assert diagnostics(report) == [
        ("trial.yaml", 4, 8, "CJM103"),
        ("trial.yaml", 6, 12, "CJM103"),
    ]
    assert [d["message"] for d in report["diagnostics"]] == [
        "unknown team 'growth'",
        "unknown persona 'olivia'",
    ]


def test_folder_outside_a_workspace_validates_every_yaml_file_under_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "journeys"
    write(folder / "solo.yaml", STANDALONE_MAP)
    two = edit(edit(STANDALONE_MAP, "id: solo", "id: two"), "emotion: 1", "emotion: 7")
    write(folder / "sub" / "two.yml", two)
    write(folder / "notes.txt", "not: [yaml")
    monkeypatch.chdir(tmp_path)
    result, report = run_json(["journeys"])
    assert result.exit_code == 1
    assert report["files"] == ["journeys/solo.yaml", "journeys/sub/two.yml"]
    assert diagnostics(report) == [("journeys/sub/two.yml", 16, 18, "CJM005")]


def test_only_the_requested_map_and_shared_files_are_reported(workspace: Path) -> None:
    other = edit(edit(MINIMAL_MAP, "id: trial", "id: other"), "emotion: 1", "emotion: 9")
    write(workspace / "maps" / "other.yaml", other)
    write(workspace / "shared" / "teams.yaml", "teams:\n  - {id: ops, name: Ops, bogus: 1}\n")
    result, report = run_json(["maps/trial.yaml"])
    assert result.exit_code == 1
    assert diagnostics(report) == [("shared/teams.yaml", 2, 26, "CJM003")]
    assert "maps/other.yaml" not in report["files"]
    # ... and the whole workspace reports both.
    _, everything = run_json([])
    assert diagnostics(everything) == [
        ("maps/other.yaml", 13, 18, "CJM005"),
        ("shared/teams.yaml", 2, 26, "CJM003"),
    ]


def test_folder_inside_a_workspace_checks_the_maps_under_it(workspace: Path) -> None:
    write(workspace / "maps" / "broken.yaml", "id: [broken\n")
    result, report = run_json(["maps"])
    assert result.exit_code == 1
    # The file ends inside the list: reported at the '[' that is never closed.
    assert diagnostics(report) == [("maps/broken.yaml", 1, 5, "CJM001")]
    assert report["files"] == [
        "cjm.yaml",
        "maps/broken.yaml",
        "maps/trial.yaml",
        "shared/personas.yaml",
    ]


def test_folder_inside_a_workspace_notes_yaml_outside_the_patterns(workspace: Path) -> None:
    write(workspace / "drafts" / "idea.yaml", "id: [broken\n")
    named_file, _ = run_json(["drafts/idea.yaml"])
    assert named_file.exit_code == 1
    result, report = run_json(["drafts"])
    # A folder selects the workspace's own files under it; others are named, not checked.
    assert result.exit_code == 0
    assert diagnostics(report) == []
    assert result.stderr == (
        "note: 1 YAML file matches neither `maps` nor `definitions` in cjm.yaml and was "
        "not checked: drafts/idea.yaml\n"
    )


# -- determinism -------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_two_runs_give_identical_output(workspace: Path, output_format: str) -> None:
    write(workspace / "maps" / "a.yaml", edit(REFERENCE_MAP, "owner: growth\n", "owner: grwth\n"))
    write(
        workspace / "maps" / "b.yaml",
        edit(edit(MINIMAL_MAP, "id: trial", "id: b"), "type: current-state", "type: x"),
    )
    write(workspace / "shared" / "more.yaml", "personas:\n  - {id: olivia, name: Olivia}\n")
    first = run(["validate", "--format", output_format])
    second = run(["validate", "--format", output_format])
    assert first.exit_code == second.exit_code == 1
    assert first.stdout == second.stdout
    assert first.stdout.count("CJM") >= 4
