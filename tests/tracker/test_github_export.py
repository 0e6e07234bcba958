"""`cjm export issues --to github` against a fake GitHub on 127.0.0.1: what is sent, and
what a second run does."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.tracker.conftest import to_github
from tests.tracker.fake_github import FakeGitHub

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("CJM_UPDATE_GOLDEN") == "1"
TOKEN = "secret-token-123"


def _golden(name: str, data: object) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file {name}: run with CJM_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs (CJM_UPDATE_GOLDEN=1)"


def test_first_run_creates_an_issue_per_active_opportunity(
    workspace: Path, github: FakeGitHub
) -> None:
    result = to_github(github)
    assert result.exit_code == 0, result.output
    posts = github.sent("POST")
    assert [p.path for p in posts] == ["/repos/acme/journeys/issues"] * 2
    _golden("create-requests.json", [p.body for p in posts])
    assert [p.body["title"] for p in posts] == ["No card for trials", "=Help in a chat window"]
    assert "created    #1  trial/no-card  No card for trials" in result.stdout
    # The done opportunity never had an issue: none is opened, and the user is told.
    assert "trial/old-banner: it is done and has no issue" in result.stderr
    assert result.stdout.endswith("Done: 2 created, 1 skipped in acme/journeys.\n")
    get = github.sent("GET")[0]
    assert get.query == {"state": ["all"], "labels": ["cjm"], "per_page": ["100"]}
    assert get.headers["Authorization"] == f"Bearer {TOKEN}"
    assert get.headers["Accept"] == "application/vnd.github+json"
    assert TOKEN not in result.output


def test_a_second_run_changes_nothing_and_duplicates_nothing(
    workspace: Path, github: FakeGitHub
) -> None:
    assert to_github(github).exit_code == 0
    github.requests.clear()
    result = to_github(github)
    assert result.exit_code == 0, result.output
    assert [r.method for r in github.requests] == ["GET"]
    assert len(github.issues) == 2
    assert "Done: 2 unchanged, 1 skipped" in result.stdout


def test_a_changed_map_updates_its_issue_and_keeps_the_teams_own_labels(
    workspace: Path, github: FakeGitHub
) -> None:
    assert to_github(github).exit_code == 0
    github.issues[1]["labels"].append({"name": "needs-design"})
    mapfile = workspace / "maps" / "trial.yaml"
    text = mapfile.read_text().replace("No card for trials", "Trials without a card")
    mapfile.write_text(
        text.replace(
            "    effort: low\n    status: planned", "    effort: medium\n    status: planned"
        )
    )
    github.requests.clear()
    result = to_github(github)
    assert result.exit_code == 0, result.output
    patches = github.sent("PATCH")
    assert [p.path for p in patches] == ["/repos/acme/journeys/issues/1"]
    body = patches[0].body
    assert body["title"] == "Trials without a card"
    assert "effort:medium" in body["labels"] and "effort:low" not in body["labels"]
    assert "needs-design" in body["labels"]
    assert "state" not in body
    assert "updated    #1  trial/no-card  Trials without a card" in result.stdout
    assert len(github.issues) == 2


def test_a_done_opportunity_closes_its_issue_and_a_revived_one_reopens_it(
    workspace: Path, github: FakeGitHub
) -> None:
    assert to_github(github).exit_code == 0
    mapfile = workspace / "maps" / "trial.yaml"
    planned = mapfile.read_text()
    mapfile.write_text(planned.replace("status: planned", "status: done"))
    github.requests.clear()
    result = to_github(github)
    assert result.exit_code == 0, result.output
    (patch,) = github.sent("PATCH")
    assert patch.body["state"] == "closed" and patch.body["state_reason"] == "completed"
    assert github.issues[1]["state"] == "closed"
    assert "closed     #1  trial/no-card" in result.stdout
    mapfile.write_text(planned)
    github.requests.clear()
    result = to_github(github)
    (patch,) = github.sent("PATCH")
    assert patch.body["state"] == "open" and patch.body["state_reason"] == "reopened"
    assert "reopened   #1" in result.stdout


def test_issues_are_found_across_pages(workspace: Path, github: FakeGitHub) -> None:
    github.page_size = 1
    for number in range(3):
        github.add(f"Someone else's {number}", "no marker here", ["cjm"])
    assert to_github(github).exit_code == 0
    github.requests.clear()
    result = to_github(github)
    assert result.exit_code == 0, result.output
    pages = [r.query.get("page", ["1"])[0] for r in github.sent("GET")]
    assert pages == ["1", "2", "3", "4", "5"]
    assert github.sent("POST") == [] and github.sent("PATCH") == []
    assert "2 unchanged" in result.stdout


def test_pull_requests_and_issues_without_the_marker_are_not_taken_for_ours(
    workspace: Path, github: FakeGitHub
) -> None:
    number = github.add("No card for trials", "typed by hand", ["cjm"])
    github.issues[number]["pull_request"] = {"url": "x"}
    github.issues[number]["body"] = "<!-- cjm:opportunity trial/no-card -->"
    github.add("No card for trials", "typed by hand", ["cjm"])
    result = to_github(github)
    assert result.exit_code == 0, result.output
    assert len(github.sent("POST")) == 2 and github.sent("PATCH") == []


def test_dry_run_reads_and_sends_nothing(workspace: Path, github: FakeGitHub) -> None:
    assert to_github(github).exit_code == 0
    mapfile = workspace / "maps" / "trial.yaml"
    mapfile.write_text(mapfile.read_text().replace("status: planned", "status: dropped"))
    github.requests.clear()
    result = to_github(github, "--dry-run")
    assert result.exit_code == 0, result.output
    assert {r.method for r in github.requests} == {"GET"}
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ACTION", "ISSUE", "KEY", "TITLE"]
    # In backlog order: active opportunities first, settled ones after.
    assert lines[1].split()[:3] == ["unchanged", "#2", "trial/chat-help"]
    assert lines[2].split()[:4] == ["close", "#1", "trial/no-card", "No"]
    assert lines[3].split()[:3] == ["skip", "-", "trial/old-banner"]
    assert (
        lines[-1] == "Dry run, nothing sent: 1 to close, 1 unchanged, 1 skipped in acme/journeys."
    )


def test_dry_run_without_a_token_reads_as_a_visitor(workspace: Path, github: FakeGitHub) -> None:
    result = to_github(github, "--dry-run", env={"GITHUB_TOKEN": None})
    assert result.exit_code == 0, result.output
    assert "reading the issues without one" in result.stderr
    assert "Authorization" not in github.requests[0].headers
    assert result.stdout.count("create ") == 2


def test_only_exports_the_named_opportunities(workspace: Path, github: FakeGitHub) -> None:
    result = to_github(github, "--only", "trial/chat-help")
    assert result.exit_code == 0, result.output
    assert [p.body["title"] for p in github.sent("POST")] == ["=Help in a chat window"]


def test_a_bad_token_is_reported_in_words(workspace: Path, github: FakeGitHub) -> None:
    result = to_github(github, env={"GITHUB_TOKEN": "wrong-token"})
    assert result.exit_code == 1
    assert "GitHub refused the token (401 Unauthorized)" in result.stderr
    assert "GitHub says: Bad credentials" in result.stderr
    assert "set GITHUB_TOKEN or GH_TOKEN" in result.stderr
    assert "wrong-token" not in result.output and "Traceback" not in result.output
    assert github.sent("POST") == []


def test_an_invalid_issue_is_reported_and_the_others_are_still_written(
    workspace: Path, github: FakeGitHub
) -> None:
    github.add("x", "<!-- cjm:opportunity trial/no-card -->", ["cjm"])
    github.refuse["PATCH"] = (
        422,
        {
            "message": "Validation Failed",
            "errors": [{"resource": "Issue", "field": "title", "code": "invalid"}],
        },
        {},
    )
    result = to_github(github)
    assert result.exit_code == 1
    assert (
        "updating the issue of trial/no-card (#1): GitHub refused the issue as invalid (422)"
        in result.stderr
    )
    assert "Validation Failed Issue title invalid" in result.stderr
    assert "1 of 2 requests failed" in result.stderr
    assert [p.body["title"] for p in github.sent("POST")] == ["=Help in a chat window"]


def test_the_rate_limit_stops_the_run_and_says_until_when(
    workspace: Path, github: FakeGitHub
) -> None:
    github.refuse["POST"] = (
        403,
        {"message": "API rate limit exceeded"},
        {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1798761600"},
    )
    result = to_github(github)
    assert result.exit_code == 1
    assert "rate limit is used up until 00:00 UTC" in result.stderr
    assert len(github.sent("POST")) == 1  # stopped: the next request would fail the same way
    assert "1 of 2 requests failed; 1 request not sent" in result.stderr


def test_a_missing_repository_and_no_network_are_reported(
    workspace: Path, github: FakeGitHub
) -> None:
    github.refuse["GET"] = (404, {"message": "Not Found"}, {})
    result = to_github(github)
    assert result.exit_code == 1
    assert "GitHub knows no repository acme/journeys" in result.stderr
    result = to_github(github, "--api-url", "http://127.0.0.1:9")  # the later --api-url wins
    assert result.exit_code == 1
    assert "cannot reach http://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.output


def test_a_next_page_on_another_host_is_not_followed(workspace: Path, github: FakeGitHub) -> None:
    github.page_size = 1
    github.add("a", "x", ["cjm"])
    github.add("b", "y", ["cjm"])
    port = github.url.rsplit(":", 1)[1]
    api = github.url
    github.url = f"http://localhost:{port}"  # the Link header now names another host
    result = to_github(github, "--api-url", api)
    assert result.exit_code == 1
    assert "next page is on another host (http://localhost:" in result.stderr
    assert len(github.sent("GET")) == 1 and github.sent("POST") == []
