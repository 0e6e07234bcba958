"""Loading a map's binding file and snapshot: located problems, cross-checks against the
map and cjm.yaml, which files the workspace lists, and what is attached to the project."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from cjm.check import CheckResult, check_paths
from cjm.lint.config import LintRequest
from cjm.load.project import load_workspace
from cjm.load.workspace import list_workspace_files

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "measured"
TODAY = datetime.date(2026, 11, 23)
BINDING = "maps/trial.measures.yaml"
SNAPSHOT = "measurements/trial.yaml"
REFERENCES = LintRequest(select=["unknown-reference"])

Found = tuple[str, int, int, str, str]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the measured fixture workspace."""
    shutil.copytree(FIXTURE, tmp_path / "ws")
    return tmp_path / "ws"


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _check(root: Path, lint: LintRequest = REFERENCES) -> CheckResult:
    return check_paths([root], root, lint=lint, today=TODAY)


def _found(result: CheckResult, *files: str) -> list[Found]:
    return [
        (d.path, d.line, d.column, d.code.code, d.message)
        for d in result.diagnostics
        if not files or d.path in files
    ]


def test_the_fixture_loads_clean_and_attaches_binding_and_snapshot(workspace: Path) -> None:
    result = _check(workspace)
    assert _found(result) == []
    assert result.files == ["cjm.yaml", BINDING, "maps/trial.yaml", SNAPSHOT]
    assert set(result.sources) == set(result.files)
    (project,) = result.projects
    measured = project.measurements["trial"]
    assert measured.binding is not None and measured.binding.map == "trial"
    assert measured.binding_display == BINDING
    assert measured.snapshot is not None and measured.snapshot.measured_on.isoformat() == (
        "2026-11-02"
    )
    assert measured.snapshot_display == SNAPSHOT
    assert [doc.display for doc in project.maps] == ["maps/trial.yaml"]


def test_checking_one_map_checks_its_binding_and_snapshot(workspace: Path) -> None:
    result = check_paths([workspace / "maps" / "trial.yaml"], workspace, lint=REFERENCES)
    assert result.files == ["cjm.yaml", BINDING, "maps/trial.yaml", SNAPSHOT]


def test_binding_and_snapshot_files_are_never_maps(workspace: Path) -> None:
    _edit(workspace, "cjm.yaml", 'maps: ["maps/*.yaml"]', 'maps: ["**/*.yaml"]')
    listed = list_workspace_files(
        workspace, ["**/*.yaml"], ["**/*.measures.yaml"], workspace / "measurements"
    )
    assert listed.maps == [workspace / "maps" / "trial.yaml"]
    assert listed.definitions == []
    assert _found(_check(workspace)) == []


def test_a_binding_named_on_the_command_line_is_not_read_as_a_map(workspace: Path) -> None:
    result = check_paths([workspace / BINDING], workspace, lint=REFERENCES)
    assert _found(result) == []
    assert BINDING in result.files


def test_problems_in_the_measure_section_leave_the_maps_checked(workspace: Path) -> None:
    _edit(workspace, "cjm.yaml", "      kind: feedback\n", "      kind: feedbak\n")
    result = _check(workspace)
    assert "maps/trial.yaml" in result.files
    assert [f[:4] for f in _found(result)] == [("cjm.yaml", 12, 13, "CJM005")]
    # What `feedback.source` names cannot be judged while the sources did not load.
    assert _found(result, BINDING) == []


def test_a_syntax_error_in_the_binding_is_located(workspace: Path) -> None:
    _edit(workspace, BINDING, "  sign-up: {event: signed_up}", "  sign-up: {event: signed_up")
    found = _found(_check(workspace), BINDING)
    assert [f[:4] for f in found] == [(BINDING, 13, 12, "CJM001")]


def test_a_schema_error_in_the_binding_is_located(workspace: Path) -> None:
    _edit(workspace, BINDING, "  order: in-order", "  order: sequential")
    _edit(workspace, BINDING, "  unit: user", "  units: user")
    found = _found(_check(workspace), BINDING)
    assert [f[:4] for f in found] == [
        (BINDING, 4, 1, "CJM006"),
        (BINDING, 5, 3, "CJM003"),
        (BINDING, 6, 10, "CJM005"),
    ]


def test_the_binding_names_its_own_map(workspace: Path) -> None:
    _edit(workspace, BINDING, "map: trial", "map: trail")
    assert _found(_check(workspace), BINDING) == [
        (
            BINDING,
            2,
            6,
            "CJM005",
            "this file binds map 'trail', but it is the binding of map 'trial' "
            "(trial.measures.yaml is named after that map's file)",
        )
    ]


def test_unknown_steps_personas_and_kpis_are_located_at_their_keys(workspace: Path) -> None:
    _edit(workspace, BINDING, "  invite: {event: invite_sent}", "  invtie: {event: invite_sent}")
    _edit(workspace, BINDING, "  olivia:\n", "  olvia:\n")
    _edit(workspace, BINDING, "  time-to-pay:", "  time-to-buy:")
    assert _found(_check(workspace), BINDING) == [
        (
            BINDING,
            14,
            3,
            "CJM103",
            "map 'trial' has no step 'invtie'; did you mean 'invite'?",
        ),
        (
            BINDING,
            17,
            3,
            "CJM103",
            "'olvia' is not one of the personas of map 'trial'; did you mean 'olivia'?",
        ),
        (
            BINDING,
            21,
            3,
            "CJM103",
            "map 'trial' has no KPI 'time-to-buy'; did you mean 'time-to-pay'?",
        ),
    ]


def test_sources_must_exist_with_the_right_kind(workspace: Path) -> None:
    _edit(workspace, BINDING, "source: events", "source: event")
    _edit(workspace, BINDING, "  source: survey", "  source: events")
    assert _found(_check(workspace), BINDING) == [
        (BINDING, 3, 9, "CJM103", "unknown events source 'event'; did you mean 'events'?"),
        (BINDING, 23, 11, "CJM005", "source 'events' holds events, not feedback"),
    ]


def test_the_events_source_must_hold_events(workspace: Path) -> None:
    _edit(workspace, BINDING, "source: events", "source: survey")
    assert _found(_check(workspace), BINDING) == [
        (BINDING, 3, 9, "CJM005", "source 'survey' holds feedback, not events"),
    ]


def test_the_time_zone_must_be_an_iana_zone(workspace: Path) -> None:
    _edit(workspace, BINDING, "timezone: Europe/Berlin", "timezone: Europe/Berln")
    assert _found(_check(workspace), BINDING) == [
        (
            BINDING,
            9,
            13,
            "CJM005",
            "'Europe/Berln' is not an IANA time zone; did you mean 'Europe/Berlin'?",
        ),
    ]


def test_kpi_steps_must_be_bound_and_on_the_funnel_line(workspace: Path) -> None:
    _edit(
        workspace,
        BINDING,
        "  signup-rate: {measure: conversion, from: visit, to: sign-up, as: percent}",
        "  signup-rate: {measure: conversion, from: invite, to: pay, as: percent}",
    )
    _edit(workspace, BINDING, "  pay: {event: [subscription_started, invoice_paid]}\n", "")
    assert _found(_check(workspace), BINDING) == [
        (
            BINDING,
            19,
            44,
            "CJM005",
            "KPI 'signup-rate' is computed at step 'invite', which is off the funnel's line "
            "(an optional step): only main-line, non-optional steps are counted in order",
        ),
        (
            BINDING,
            19,
            56,
            "CJM005",
            "KPI 'signup-rate' is computed at step 'pay', which is not bound under `steps`",
        ),
        (
            BINDING,
            20,
            46,
            "CJM005",
            "KPI 'time-to-pay' measures time-to-next at step 'sign-up', the last step of the "
            "funnel: there is no next step",
        ),
    ]


def test_a_conversion_goes_forward_on_the_line(workspace: Path) -> None:
    _edit(workspace, BINDING, "from: visit, to: sign-up", "from: sign-up, to: visit")
    assert _found(_check(workspace), BINDING) == [
        (
            BINDING,
            20,
            57,
            "CJM005",
            "KPI 'signup-rate' converts from step 'sign-up' to step 'visit', which does not "
            "come after it on the funnel's line",
        ),
    ]


def test_no_drop_off_or_time_to_next_at_the_last_funnel_step(workspace: Path) -> None:
    _edit(workspace, BINDING, "time-to-next, step: sign-up", "time-to-next, step: pay")
    assert _found(_check(workspace), BINDING) == [
        (
            BINDING,
            21,
            46,
            "CJM005",
            "KPI 'time-to-pay' measures time-to-next at step 'pay', the last step of the "
            "funnel: there is no next step",
        ),
    ]


def test_a_kpi_persona_must_be_bound(workspace: Path) -> None:
    _edit(workspace, BINDING, "as: percent}", "as: percent, persona: sam}")
    assert _found(_check(workspace), BINDING) == [
        (
            BINDING,
            20,
            86,
            "CJM005",
            "KPI 'signup-rate' is computed for persona 'sam', which is not bound under `personas`",
        ),
    ]


def test_a_binding_outside_a_workspace_asks_for_one(workspace: Path) -> None:
    (workspace / "cjm.yaml").unlink()
    result = check_paths([workspace / "maps"], workspace, lint=REFERENCES)
    assert _found(result, BINDING) == [
        (
            BINDING,
            1,
            1,
            "CJM005",
            "a binding file needs a workspace: measuring reads the sources named under "
            "`measure.sources` in cjm.yaml",
        )
    ]
    assert [doc.display for doc in result.projects[0].maps] == ["maps/trial.yaml"]


def test_the_snapshot_names_the_map_of_its_file(workspace: Path) -> None:
    _edit(workspace, SNAPSHOT, "map: trial", "map: trail")
    assert _found(_check(workspace), SNAPSHOT) == [
        (
            SNAPSHOT,
            3,
            6,
            "CJM005",
            "this snapshot is of map 'trail', but its file is named after map 'trial'",
        )
    ]
    assert _check(workspace).projects[0].measurements["trial"].snapshot is None


def test_a_snapshot_of_no_map_is_reported(workspace: Path) -> None:
    text = (workspace / SNAPSHOT).read_text(encoding="utf-8")
    (workspace / "measurements" / "trail.yaml").write_text(
        text.replace("map: trial", "map: trail"), encoding="utf-8"
    )
    assert _found(_check(workspace), "measurements/trail.yaml") == [
        (
            "measurements/trail.yaml",
            3,
            6,
            "CJM103",
            "this snapshot is of map 'trail', which no map of the workspace has; "
            "did you mean 'trial'?",
        )
    ]


def test_a_schema_error_in_the_snapshot_is_located(workspace: Path) -> None:
    _edit(workspace, SNAPSHOT, "  events: 4270", "  events: many")
    found = _found(_check(workspace), SNAPSHOT)
    assert [f[:4] for f in found] == [(SNAPSHOT, 25, 11, "CJM004")]
    assert _check(workspace).projects[0].measurements["trial"].snapshot is None


def test_the_snapshot_folder_follows_cjm_yaml(workspace: Path) -> None:
    _edit(workspace, "cjm.yaml", "  snapshots: measurements", "  snapshots: data/measured")
    (workspace / "data").mkdir()
    (workspace / "measurements").rename(workspace / "data" / "measured")
    project = load_workspace(workspace, workspace)
    assert project.measurements["trial"].snapshot_display == "data/measured/trial.yaml"


def test_a_binding_without_its_map_is_reported(workspace: Path) -> None:
    text = (workspace / BINDING).read_text(encoding="utf-8")
    (workspace / "maps" / "old.measures.yaml").write_text(
        text.replace("map: trial", "map: old"), encoding="utf-8"
    )
    (workspace / "maps" / "copy.measures.yaml").write_text(text, encoding="utf-8")
    result = _check(workspace)
    assert _found(result, "maps/old.measures.yaml", "maps/copy.measures.yaml") == [
        (
            "maps/copy.measures.yaml",
            2,
            6,
            "CJM005",
            "this file binds map 'trial', but it is not beside that map's file under the "
            "map's name: it is not read",
        ),
        (
            "maps/old.measures.yaml",
            2,
            6,
            "CJM103",
            "no map of the workspace has id 'old'",
        ),
    ]
    assert result.notes == []
