"""`cjm diff` on whole workspaces for what format 1.0 added: files migrated from 0.x (one
change per file, not the finding that asked for it), the words a workspace adds in
`cjm.yaml`, and severities of its own regraded by the rank they count as."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cjm.commands.diff import run_diff

TODAY = datetime.date(2026, 11, 20)

CONFIG = """\
# The bank's workspace
maps: ["maps/*.yaml"]
definitions: ["shared/*.yaml"]
teams:
  - {id: onboarding, name: Onboarding}
"""

SHARED = """\
personas:
  - id: nadia
    name: Nadia
    role: Nurse
touchpoints:
  - id: app
    name: Banking app
    channel: app
    owner: onboarding
evidence:
  - id: interviews
    kind: interview
    title: Applicant interviews
"""

MAP = """\
id: account
title: Open an account
type: current-state
owner: onboarding
reviewed: 2026-10-01
personas: [nadia]
stages:
  - id: apply
    name: Apply
    steps:
      - id: fills-form
        action: Fills in the form  # x-keys below are a team's own
        x-screen: S-12
        touchpoints: [app]
        emotion: 0
        pain_points:
          - id: kyc-wait
            summary: Waits for the identity check
            severity: high
            evidence: [interviews]
"""

VOCABULARY = """\
vocabulary:
  channels:
    - {id: video-branch, name: Video branch, mode: online}
  severities:
    - {id: blocking, counts_as: critical}
    - {id: nuisance, counts_as: low}
"""


@pytest.fixture(autouse=True)
def plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.chdir(tmp_path)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def workspace(root: Path, *, version: bool, config_extra: str = "", edit: bool = False) -> Path:
    """The small bank workspace, in format 1.0 (``version``) or 0.x; ``edit``: the pain
    point uses a severity of the workspace and the touchpoint a channel of its own."""
    head = 'format: "1.0"\n' if version else ""
    config = CONFIG.replace("# The bank's workspace\n", "# The bank's workspace\n" + head)
    write(root / "cjm.yaml", config + config_extra)
    shared, journey = SHARED, MAP
    if edit:
        shared = shared.replace("channel: app", "channel: video-branch")
        journey = journey.replace("severity: high", "severity: blocking")
    write(root / "shared" / "people.yaml", head + shared)
    write(root / "maps" / "account.yaml", head + journey)
    return root


def diff(
    capsys: pytest.CaptureFixture[str],
    old: Path | None,
    new: Path | None,
    output_format: str = "text",
    *,
    base: str | None = None,
    exit_code: bool = False,
) -> tuple[int, str, str]:
    code = run_diff(
        old,
        new,
        base=base,
        paths=[],
        output_format=output_format,
        exit_code=exit_code,
        today=TODAY,
    )
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_migrated_workspace_shows_one_change_per_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace(tmp_path / "old", version=False)
    workspace(tmp_path / "new", version=True)
    code, out, err = diff(capsys, Path("old"), Path("new"), exit_code=True)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "Map account: Open an account (new/maps/account.yaml)",
        "  migrated    map: to format 1.0 (from 0.x)",
        "",
        "Shared definitions in new/cjm.yaml",
        "  migrated    file: to format 1.0 (from 0.x)",
        "",
        "Shared definitions in new/shared/people.yaml",
        "  migrated    file: to format 1.0 (from 0.x)",
        "",
        "1 map and 2 shared files changed: 3 files migrated.",
    ]
    code, out, _ = diff(capsys, Path("old"), Path("new"), "json")
    document = json.loads(out)
    assert document["summary"]["counts"] == {"files_migrated": 3}
    migrated = [c for s in document["sections"] for c in s["changes"]]
    assert [(c["kind"], c["entity"], c["field"], c["before"], c["after"]) for c in migrated] == [
        ("migrated", "map", "format", None, "1.0"),
        ("migrated", "file", "format", None, "1.0"),
        ("migrated", "file", "format", None, "1.0"),
    ]


def test_a_file_that_drops_its_version_is_reported_with_its_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace(tmp_path / "old", version=True)
    workspace(tmp_path / "new", version=True)
    shared = tmp_path / "new" / "shared" / "people.yaml"
    shared.write_text(shared.read_text().replace('format: "1.0"\n', ""))
    code, out, _ = diff(capsys, Path("old"), Path("new"))
    assert code == 0
    assert out.splitlines() == [
        "Shared definitions in new/shared/people.yaml",
        "  changed     file: format removed (was 1.0): read as 0.x",
        "  introduced  CJM126 format-outdated: info: this file is in the 0.x format; the current "
        "format is 1.0",
        "",
        "1 shared file changed: 1 finding introduced, 1 other change.",
    ]


def test_workspace_vocabulary_and_its_own_severities(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace(tmp_path / "old", version=True)
    workspace(tmp_path / "new", version=True, config_extra=VOCABULARY, edit=True)
    _, out, _ = diff(capsys, Path("old"), Path("new"))
    lines = [line for line in out.splitlines() if "CJM" not in line]
    assert lines == [
        "Map account: Open an account (new/maps/account.yaml)",
        "  re-graded   pain point kyc-wait: severity high → blocking",
        "",
        "Shared definitions in new/cjm.yaml",
        '  added       channel video-branch: "Video branch" (online)',
        "  added       severity blocking: counts as critical",
        "  added       severity nuisance: counts as low",
        "",
        "Shared definitions in new/shared/people.yaml",
        "  changed     touchpoint app: channel app → video-branch",
        "",
        "1 map and 2 shared files changed: 1 pain point re-graded, 1 finding introduced, "
        "1 finding fixed, 4 other changes.",
    ]
    _, out, _ = diff(capsys, Path("old"), Path("new"), "json")
    changes = {(c["entity"], c["id"]): c for s in json.loads(out)["sections"] for c in s["changes"]}
    assert changes["pain-point", "kyc-wait"]["direction"] == "worse"
    assert changes["channel", "video-branch"]["details"] == {"mode": "online"}
    assert changes["severity", "blocking"]["details"] == {"counts_as": "critical"}

    # The same words, ranked and moded otherwise, then removed.
    changed = VOCABULARY.replace("counts_as: critical", "counts_as: high").replace(
        "mode: online", "mode: offline"
    )
    workspace(tmp_path / "later", version=True, config_extra=changed, edit=True)
    _, out, _ = diff(capsys, Path("new"), Path("later"))
    lines = [line for line in out.splitlines() if "CJM" not in line]
    assert lines == [
        "Map account: Open an account (later/maps/account.yaml)",
        "  re-graded   pain point kyc-wait: severity blocking now counts as high (was critical)",
        "",
        "Shared definitions in later/cjm.yaml",
        "  changed     channel video-branch: mode online → offline",
        "  changed     severity blocking: counts as critical → high",
        "",
        "1 map and 1 shared file changed: 1 pain point re-graded, 2 other changes.",
    ]
    _, out, _ = diff(capsys, Path("later"), Path("new"), "json")
    (regraded,) = [c for s in json.loads(out)["sections"] for c in s["changes"] if s["map"]]
    assert (regraded["kind"], regraded["direction"], regraded["details"]) == (
        "regraded",
        "worse",
        {"counts_as_before": "high", "counts_as": "critical"},
    )
    # Back to the built-in words: the workspace's own are removed.
    workspace(tmp_path / "plain", version=True)
    _, out, _ = diff(capsys, Path("later"), Path("plain"))
    assert '  removed     channel video-branch: "Video branch" (was offline)' in out
    assert "  removed     severity blocking: (counted as high)" in out
    assert "  changed     pain point kyc-wait: severity blocking → high" in out


def test_extension_keys_are_never_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace(tmp_path / "old", version=True)
    workspace(tmp_path / "new", version=True)
    journey = tmp_path / "new" / "maps" / "account.yaml"
    journey.write_text(
        journey.read_text().replace("x-screen: S-12", "x-screen: S-13\n        x-owner: {a: 1}")
    )
    config = tmp_path / "new" / "cjm.yaml"
    config.write_text(config.read_text() + "x-tracker: https://tracker.example\n")
    code, out, _ = diff(capsys, Path("old"), Path("new"), exit_code=True)
    assert (code, out) == (0, "No changes.\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_migration_commit_against_its_base(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.email=test@example.com", "-c", "user.name=Test", *args],
            cwd=tmp_path,
            capture_output=True,
            check=True,
        )

    git("init", "-q")
    workspace(tmp_path, version=False)
    git("add", ".")
    git("commit", "-q", "-m", "The bank workspace")
    workspace(tmp_path, version=True)
    code, out, _ = diff(capsys, None, None, "markdown", base="HEAD")
    assert code == 0
    assert out.splitlines() == [
        "**1 map and 2 shared files changed**: 3 files migrated",
        "",
        "#### Map `account`: Open an account (`maps/account.yaml`)",
        "",
        "| Change | What | Details |",
        "|---|---|---|",
        "| migrated | map | to format `1.0` (from `0.x`) |",
        "",
        "#### Shared definitions in `cjm.yaml`",
        "",
        "| Change | What | Details |",
        "|---|---|---|",
        "| migrated | file | to format `1.0` (from `0.x`) |",
        "",
        "#### Shared definitions in `shared/people.yaml`",
        "",
        "| Change | What | Details |",
        "|---|---|---|",
        "| migrated | file | to format `1.0` (from `0.x`) |",
    ]


def test_a_side_in_a_format_this_cjm_does_not_read_cannot_be_compared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace(tmp_path / "old", version=True)
    workspace(tmp_path / "new", version=True)
    journey = tmp_path / "new" / "maps" / "account.yaml"
    journey.write_text(journey.read_text().replace('format: "1.0"', 'format: "2.0"'))
    code, out, err = diff(capsys, Path("old"), Path("new"))
    assert (code, out) == (3, "")
    lines = err.splitlines()
    assert lines[0] == (
        "error: cannot compare: the new side (new) has 1 file that does not load; "
        "a diff needs both sides to load"
    )
    assert lines[1].startswith("new/maps/account.yaml:1:9: error ")
    assert "this cjm reads format 1.0; the file says 2.0" in lines[1]
    assert "Traceback" not in err


def test_a_span_to_a_step_that_does_not_exist_is_a_finding_not_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace(tmp_path / "old", version=True)
    workspace(tmp_path / "new", version=True)
    journey = tmp_path / "new" / "maps" / "account.yaml"
    journey.write_text(
        journey.read_text().replace(
            "            severity: high\n",
            "            severity: high\n            spans: [approvd]\n",
        )
    )
    code, out, err = diff(capsys, Path("old"), Path("new"), exit_code=True)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert "  widened     pain point kyc-wait: now also covers step approvd" in lines
    assert any(line.startswith("  introduced  CJM") and "approvd" in line for line in lines)
