"""`cjm export issues`: options, usage errors, maps with errors, the request-body file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.tracker.conftest import TOKEN_ENV, run
from tests.tracker.fake_github import FakeGitHub


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "github"], "--to github needs --repo OWNER/NAME"),
        (["--to", "github", "--repo", "acme"], "--repo acme: write the repository as OWNER/NAME"),
        (["--to", "jira"], "--to jira needs --out FILE"),
        (["--to", "github-json"], "--to github-json needs --out FILE"),
        (["--to", "jira", "--out", "x.csv", "--dry-run"], "--dry-run is for --to github"),
        (
            ["--to", "github", "--repo", "a/b", "--api-url", "file:///etc"],
            "--api-url must be an http or https address",
        ),
        (["--to", "jira", "--out", "maps/trial.yaml"], "is one of the maps"),
        (["--to", "jira", "--out", "x.csv", "--only", "trial/nope"], "--only trial/nope: no"),
        (["--to", "github", "--repo", "a/b"], "no GitHub token: set GITHUB_TOKEN or GH_TOKEN"),
    ],
)
def test_usage_errors_exit_2_with_a_message(workspace: Path, args: list[str], message: str) -> None:
    result = run(args, env={"GITHUB_TOKEN": None, "GH_TOKEN": None})
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert (workspace / "maps" / "trial.yaml").read_text().startswith("id: trial")


def test_gh_token_is_read_too(workspace: Path, github: FakeGitHub) -> None:
    env = {"GITHUB_TOKEN": None, "GH_TOKEN": TOKEN_ENV["GITHUB_TOKEN"]}
    result = run(["--to", "github", "--repo", github.repo, "--api-url", github.url], env=env)
    assert result.exit_code == 0, result.output
    assert len(github.sent("POST")) == 2


def test_github_json_writes_request_bodies_and_sends_nothing(workspace: Path) -> None:
    result = run(["--to", "github-json", "--out", "issues.json"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Wrote 2 requests to issues.json (nothing sent).\n"
    requests = json.loads((workspace / "issues.json").read_text(encoding="utf-8"))
    assert [r["key"] for r in requests] == ["trial/no-card", "trial/chat-help"]
    assert {r["method"] for r in requests} == {"POST"}
    assert {r["path"] for r in requests} == {"repos/{owner}/{repo}/issues"}
    assert set(requests[0]["body"]) == {"title", "body", "labels"}
    result = run(["--to", "github-json", "--out", "issues.json", "--repo", "acme/j"])
    assert json.loads((workspace / "issues.json").read_text())[0]["path"] == "repos/acme/j/issues"


BROKEN = """\
id: broken
title: Broken
type: current-state
owner: growth
reviewed: 2026-10-01
personas: [olivia]
stages:
  - id: s
    name: S
    steps:
      - {id: a, action: Does, emotion: 0, touchpoints: [nowhere]}
opportunities:
  - {id: fix, summary: Fix it, stage: s, status: idea}
"""


def test_a_map_with_errors_is_left_out_unless_forced(workspace: Path) -> None:
    (workspace / "maps" / "broken.yaml").write_text(BROKEN)
    result = run(["--to", "jira", "--out", "issues.csv"])
    assert result.exit_code == 1
    assert "maps/broken.yaml was left out: it has 1 error" in result.stderr
    assert "--force" in result.stderr
    assert "broken/fix" not in (workspace / "issues.csv").read_text()
    result = run(["--to", "jira", "--out", "issues.csv", "--force"])
    assert result.exit_code == 0, result.output
    assert "broken/fix" in (workspace / "issues.csv").read_text()


def test_help_lists_the_command() -> None:
    result = run(["--help"])
    assert result.exit_code == 0
    assert "--to" in result.stdout and "--dry-run" in result.stdout
