"""`cjm diff` on a map's snapshot (`measurements/<map-id>.yaml`): how the numbers moved,
and when they cannot be compared."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from cjm.cli import app
from cjm.diff.measured_words import duration_pair, percent_pair
from tests.samples import PLAIN_ENV

CONFIG = """\
format: "1.0"
name: Trials
maps: ["maps/*.yaml"]
teams: [{id: growth, name: Growth}]
"""

MAP = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
personas:
  - id: olivia
    name: Ops Olivia
stages:
  - id: signup
    name: Sign-up
    kpis:
      - id: activation
        name: Trial activation
        unit: "%"
{better}    steps:
      - id: start-trial
        action: Starts a trial
      - id: invite-team
        action: Invites the team
      - id: pay
        action: Pays
"""

SNAPSHOT: dict[str, Any] = {
    "format": "1.0",
    "map": "trial",
    "measured_on": "2026-11-01",
    "binding_hash": "sha256:aaaa",
    "engine": {"name": "duckdb", "version": "1.1.0", "dialect": "duckdb"},
    "definition": {
        "source": "events",
        "unit": "user",
        "order": "in-order",
        "window": "14 days",
        "window_seconds": 1209600,
        "timezone": "UTC",
        "anonymous": "drop",
        "period": {"start": "2026-10-04", "end": "2026-10-31"},
        "period_written": "last 28 days",
        "steps": ["start-trial", "invite-team", "pay"],
        "side_steps": [],
    },
    "data": {"events": 5000, "units": 1300, "events_without_unit": 0},
    "funnel": [
        {
            "persona": None,
            "entered": 1204,
            "steps": [
                {
                    "step": "start-trial", "stage": "signup", "reach": 1204,
                    "conversion": 0.382, "drop_off": 0.618,
                    "time_to_next": {"median": 7800, "p90": 172800, "units": 460},
                },
                {
                    "step": "invite-team", "stage": "signup", "reach": 460,
                    "conversion": 0.5, "drop_off": 0.5,
                    "time_to_next": {"median": 3600, "p90": 7200, "units": 230},
                },
                {"step": "pay", "stage": "signup", "reach": 230},
            ],
        },
        {
            "persona": "olivia",
            "entered": 300,
            "steps": [
                {"step": "start-trial", "stage": "signup", "reach": 300, "conversion": 0.4,
                 "drop_off": 0.6},
                {"step": "invite-team", "stage": "signup", "reach": 120, "conversion": 0.5,
                 "drop_off": 0.5},
                {"step": "pay", "stage": "signup", "reach": 60},
            ],
        },
    ],
    "matches": [{"step": "start-trial", "events": 1500, "units": 1204}],
    "kpis": [
        {"kpi": "activation", "measure": "conversion", "as": "percent", "value": 38.2},
    ],
    "feedback": {
        "definition": {
            "source": "survey", "scale": "csat", "text_sentiment": False, "min_responses": 5,
            "quotes": False, "period": {"start": "2026-10-04", "end": "2026-10-31"},
        },
        "groups": [
            {"step": "pay", "responses": 200, "positive": 120, "negative": 50, "neutral": 30,
             "from_text": 0},
        ],
    },
}  # fmt: skip


def remeasured(**changes: Any) -> dict[str, Any]:
    """The snapshot measured a month later over the next 28 days, with ``changes``
    applied (dotted paths; list items by index)."""
    snapshot = copy.deepcopy(SNAPSHOT)
    snapshot["measured_on"] = "2026-12-01"
    snapshot["definition"]["period"] = {"start": "2026-11-03", "end": "2026-11-30"}
    snapshot["feedback"]["definition"]["period"] = {"start": "2026-11-03", "end": "2026-11-30"}
    for path, value in changes.items():
        *parents, last = path.split("__")
        target: Any = snapshot
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value
    return snapshot


def workspace(folder: Path, snapshot: dict[str, Any] | None, better: str = "higher") -> Path:
    (folder / "maps").mkdir(parents=True, exist_ok=True)
    (folder / "cjm.yaml").write_text(CONFIG)
    kpi_better = f"        better: {better}\n" if better else ""
    (folder / "maps" / "trial.yaml").write_text(MAP.format(better=kpi_better))
    measured = folder / "measurements" / "trial.yaml"
    if snapshot is None:
        measured.unlink(missing_ok=True)
    else:
        measured.parent.mkdir(exist_ok=True)
        # JSON is YAML: the snapshot as cjm measure would write it, in another layout.
        measured.write_text(json.dumps(snapshot, indent=1))
    return folder


def cjm(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=PLAIN_ENV)


def diff(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    *options: str,
    better: str = "higher",
) -> Result:
    workspace(tmp_path / "old", old, better)
    workspace(tmp_path / "new", new, better)
    monkeypatch.chdir(tmp_path)
    return cjm("diff", "old", "new", *options)


def lines(result: Result) -> list[str]:
    return [line.strip() for line in result.output.splitlines() if line.startswith("  ")]


# -- movement --------------------------------------------------------------------------------


def test_a_snapshot_measured_again_with_equal_numbers_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = diff(tmp_path, monkeypatch, SNAPSHOT, remeasured(), "--exit-code")
    assert result.exit_code == 1, result.output
    assert lines(result) == [
        "re-measured measurements: re-measured on 2026-12-01 (was 2026-11-01), no change",
        "changed     measurements: period 2026-10-04 to 2026-10-31 → 2026-11-03 to 2026-11-30 "
        "(the same rolling period, measured again)",
        "changed     measurements: feedback period 2026-10-04 to 2026-10-31 → 2026-11-03 to "
        "2026-11-30 (the same rolling period, measured again)",
    ]
    assert "No changes" not in result.output
    assert "1 map changed" in result.output


def test_moved_numbers_are_reported_per_step_and_segment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = remeasured(
        funnel__0__steps__0__reach=1312,
        funnel__0__steps__0__conversion=0.41,
        funnel__0__steps__0__drop_off=0.59,
        funnel__0__steps__0__time_to_next={"median": 6300, "p90": 172800, "units": 500},
        funnel__1__steps__1__conversion=0.45,
    )
    found = lines(diff(tmp_path, monkeypatch, SNAPSHOT, new))
    assert found[0].startswith("re-measured measurements: re-measured on 2026-12-01")
    assert "no change" not in found[0]
    assert (
        'changed     funnel step start-trial: "Starts a trial": reach 1,204 → 1,312 (+108)' in found
    )
    assert (
        'changed     funnel step start-trial: "Starts a trial" → "Invites the team": '
        "conversion 38.2% → 41.0% (+2.8 pts)" in found
    )
    # Drop-off is conversion's complement: its move would say the same thing again.
    assert [line for line in found if "drop-off " in line] == []
    assert (
        'changed     funnel step start-trial: "Starts a trial" → "Invites the team": '
        "median time to next step 2 h 10 min → 1 h 45 min (25 min shorter)" in found
    )
    assert (
        'changed     funnel step invite-team: olivia: "Invites the team" → "Pays": '
        "conversion 50.0% → 45.0% (-5.0 pts)" in found
    )
    # p90 did not move, nor did anything else.
    assert not any("p90" in line for line in found)


def test_no_change_is_rounded_away(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new = remeasured(funnel__0__steps__0__conversion=0.38204)
    found = lines(diff(tmp_path, monkeypatch, SNAPSHOT, new))
    assert any("conversion 38.200% → 38.204% (+0.004 pts)" in line for line in found), found


def test_a_changed_definition_makes_the_numbers_not_comparable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = remeasured(
        binding_hash="sha256:bbbb",
        definition__window="7 days",
        definition__window_seconds=604800,
        funnel__0__steps__0__conversion=0.5,
    )
    found = lines(diff(tmp_path, monkeypatch, SNAPSHOT, new))
    assert "changed     measurements: conversion window 14 days → 7 days" in found
    assert "changed     measurements: binding changed" in found
    assert (
        "redefined   measurements: numbers not comparable: the definition changed "
        "(conversion window, binding hash); the movement of steps, KPIs and feedback is "
        "not reported" in found
    )
    assert not any("funnel step" in line or "conversion 38.2%" in line for line in found)


def test_an_engine_version_alone_keeps_the_numbers_comparable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = remeasured(engine={"name": "duckdb", "version": "1.2.0", "dialect": "duckdb"})
    found = lines(diff(tmp_path, monkeypatch, SNAPSHOT, new))
    assert (
        "changed     measurements: engine version 1.1.0 → 1.2.0 (numbers still comparable)" in found
    )
    assert found[0].endswith(", no change")


def test_steps_added_to_the_funnel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new = remeasured(binding_hash="sha256:bbbb")
    new["definition"]["steps"] = ["start-trial", "pay"]
    new["definition"]["side_steps"] = ["invite-team"]
    found = lines(diff(tmp_path, monkeypatch, SNAPSHOT, new))
    assert (
        'changed     funnel step invite-team: "Invites the team" now counted beside the '
        "funnel (optional or branch step)" in found
    )
    assert any(line.startswith("redefined") for line in found)


# -- KPIs and feedback -----------------------------------------------------------------------


def test_a_kpi_moves_the_way_the_map_says_is_better(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = remeasured(kpis__0__value=41.0)
    result = diff(tmp_path, monkeypatch, SNAPSHOT, new)
    assert (
        'better      measured KPI activation: "Trial activation" 38.2% → 41.0% (+2.8 pts; '
        "higher is better)" in lines(result)
    )
    assert "1 measured KPI improved" in result.output


def test_a_kpi_without_a_direction_gets_no_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = remeasured(kpis__0__value=36.0)
    found = lines(diff(tmp_path, monkeypatch, SNAPSHOT, new, better=""))
    assert (
        'changed     measured KPI activation: "Trial activation" 38.2% → 36.0% (-2.2 pts)' in found
    )


def test_feedback_shares_moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new = remeasured(
        feedback__groups__0={
            "step": "pay", "responses": 250, "positive": 140, "negative": 70, "neutral": 40,
            "from_text": 0,
        }
    )  # fmt: skip
    found = lines(diff(tmp_path, monkeypatch, SNAPSHOT, new))
    assert 'changed     feedback at step pay: "Pays": answers 200 → 250 (+50)' in found
    assert 'changed     feedback at step pay: "Pays": positive 60.0% → 56.0% (-4.0 pts)' in found
    assert 'changed     feedback at step pay: "Pays": negative 25.0% → 28.0% (+3.0 pts)' in found
    assert 'changed     feedback at step pay: "Pays": neutral 15.0% → 16.0% (+1.0 pts)' in found


# -- snapshots added and removed, formats ----------------------------------------------------


def test_a_first_snapshot_and_a_removed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    added = lines(diff(tmp_path, monkeypatch, None, SNAPSHOT))
    # What the first snapshot's data says against the map comes as findings, after it.
    assert [line for line in added if "CJM" not in line] == [
        "added       measurements: first snapshot (new/measurements/trial.yaml), measured on "
        "2026-11-01 over 2026-10-04 to 2026-10-31"
    ]
    removed = lines(diff(tmp_path, monkeypatch, SNAPSHOT, None))
    assert [line for line in removed if "CJM" not in line] == [
        "removed     measurements: snapshot removed (old/measurements/trial.yaml; was measured "
        "on 2026-11-01)"
    ]


def test_json_and_markdown_carry_the_same_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = remeasured(funnel__0__steps__0__conversion=0.41, kpis__0__value=41.0)
    report = json.loads(diff(tmp_path, monkeypatch, SNAPSHOT, new, "--format", "json").output)
    changes = report["sections"][0]["changes"]
    step = next(c for c in changes if c["entity"] == "funnel-step")
    assert step["field"] == "conversion"
    assert (step["before"], step["after"], step["persona"]) == (0.382, 0.41, None)
    assert step["details"]["next"] == "invite-team"
    assert step["details"]["delta"] == pytest.approx(0.028)
    kpi = next(c for c in changes if c["entity"] == "measured-kpi")
    assert (kpi["direction"], kpi["before"], kpi["after"]) == ("better", 38.2, 41)
    assert report["summary"]["counts"]["measured_kpis_better"] == 1
    remeasure = next(c for c in changes if c["kind"] == "remeasured")
    assert remeasure["details"] == {"no_change": False}

    markdown = cjm("diff", "old", "new", "--format", "markdown").output
    assert (
        '| changed | funnel step `start-trial` | "Starts a trial" → "Invites the team": '
        "conversion 38.2% → 41.0% (+2.8 pts) |" in markdown
    )
    assert "| ▲ better | measured KPI `activation` |" in markdown


def test_a_snapshot_that_does_not_load_stops_the_diff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace(tmp_path / "old", SNAPSHOT)
    workspace(tmp_path / "new", None)
    (tmp_path / "new" / "measurements").mkdir()
    (tmp_path / "new" / "measurements" / "trial.yaml").write_text("map: trial\nmeasured_on: 3\n")
    monkeypatch.chdir(tmp_path)
    result = cjm("diff", "old", "new")
    assert result.exit_code == 3
    assert "new/measurements/trial.yaml:1:1" in result.output


# -- against a git revision ------------------------------------------------------------------


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def test_base_compares_the_committed_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = workspace(tmp_path / "repo", SNAPSHOT)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "measured")
    workspace(repo, remeasured(funnel__0__steps__1__reach=470))
    monkeypatch.chdir(repo)
    result = cjm("diff", "--base", "HEAD")
    assert (
        'changed     funnel step invite-team: "Invites the team": reach 460 → 470 (+10)'
        in lines(result)
    ), result.output


# -- wording of numbers ----------------------------------------------------------------------


def test_numbers_are_shown_with_as_many_decimals_as_tell_them_apart() -> None:
    assert percent_pair(0.382, 0.41) == ("38.2%", "41.0%", "+2.8 pts")
    assert percent_pair(0.5, 0.500001) == ("50.0000%", "50.0001%", "+0.0001 pts")
    assert duration_pair(7800, 6300) == ("2 h 10 min", "1 h 45 min", "25 min shorter")
    assert duration_pair(7800, 7800.4) == ("7,800.0 s", "7,800.4 s", "+0.4 s")
    assert duration_pair(200000, 300000) == ("2 days 7 h", "3 days 11 h", "27 h 46 min longer")


def test_the_guide_sample_is_an_excerpt_of_the_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "ci-and-review.md").read_text()
    [sample] = [
        block.split("```", 1)[0]
        for block in guide.split("```text\n")[1:]
        if block.startswith("Map trial:")
    ]
    new = remeasured(
        funnel__0__steps__0__conversion=0.41,
        funnel__0__steps__0__drop_off=0.59,
        funnel__0__steps__0__time_to_next={"median": 6300, "p90": 172800, "units": 500},
        funnel__1__steps__1__conversion=0.45,
        kpis__0__value=41.0,
        feedback__groups__0={
            "step": "pay", "responses": 250, "positive": 140, "negative": 70, "neutral": 40,
            "from_text": 0,
        },
    )  # fmt: skip
    printed = diff(tmp_path, monkeypatch, SNAPSHOT, new).output.splitlines()
    at = 0
    for line in sample.splitlines():
        if line != "  ...":
            at = printed.index(line, at) + 1


@given(
    before=st.floats(min_value=0, max_value=1, allow_nan=False),
    after=st.floats(min_value=0, max_value=1, allow_nan=False),
)
def test_two_different_shares_never_read_the_same(before: float, after: float) -> None:
    old, new, delta = percent_pair(before, after)
    assert (old == new) == (before == after)
    if before != after:
        assert delta.strip("+-0., pts") != ""


@given(
    before=st.floats(min_value=0, max_value=1e7, allow_nan=False),
    after=st.floats(min_value=0, max_value=1e7, allow_nan=False),
)
def test_two_different_durations_never_read_the_same(before: float, after: float) -> None:
    old, new, _ = duration_pair(before, after)
    assert (old == new) == (before == after)
