"""Planning: which issue is whose, and what changes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cjm.tracker.content import IssueContent
from cjm.tracker.plan import Action, RemoteIssue, plan_issues
from tests.tracker.contents import contents_of


@pytest.fixture
def contents(workspace: Path) -> dict[str, IssueContent]:
    return {c.key: c for c in contents_of(workspace)}


def remote(content: IssueContent, number: int = 1, **changes: object) -> RemoteIssue:
    issue = RemoteIssue(number, content.title, content.body, content.labels, "open")
    return replace(issue, **changes)  # type: ignore[arg-type]


def test_an_issue_is_found_by_its_marker_not_its_title(
    contents: dict[str, IssueContent],
) -> None:
    ours = contents["trial/no-card"]
    plan = plan_issues([ours], [remote(ours, 7, title="Renamed by hand")], "acme/j")
    (step,) = plan.steps
    assert (step.action, step.issue.number if step.issue else None) == (Action.UPDATE, 7)
    assert step.changed == ("title",) and step.body == {"title": ours.title}
    assert step.path("acme/j") == "/repos/acme/j/issues/7" and step.method == "PATCH"


def test_line_ends_github_rewrote_are_no_change(contents: dict[str, IssueContent]) -> None:
    ours = contents["trial/no-card"]
    crlf = ours.body.replace("\n", "\r\n").rstrip("\r\n")
    assert plan_issues([ours], [remote(ours, body=crlf)], "a/b").steps[0].action is Action.UNCHANGED


def test_labels_the_team_added_are_kept_and_label_order_is_no_change(
    contents: dict[str, IssueContent],
) -> None:
    ours = contents["trial/no-card"]
    shuffled = (*reversed(ours.labels), "needs-design")
    plan = plan_issues([ours], [remote(ours, labels=shuffled)], "a/b")
    assert plan.steps[0].action is Action.UNCHANGED
    stale = (*(label for label in shuffled if label != "impact:high"), "impact:low")
    step = plan_issues([ours], [remote(ours, labels=stale)], "a/b").steps[0]
    assert step.body == {"labels": [*ours.labels, "needs-design"]}


def test_settled_opportunities_close_with_the_right_reason(
    contents: dict[str, IssueContent],
) -> None:
    ours = contents["trial/no-card"]
    dropped = replace(ours, status="dropped")
    step = plan_issues([dropped], [remote(ours)], "a/b").steps[0]
    assert step.action is Action.CLOSE
    assert step.body == {"state": "closed", "state_reason": "not_planned"}
    closed = remote(ours, state="closed")
    assert plan_issues([dropped], [closed], "a/b").steps[0].action is Action.UNCHANGED


def test_an_issue_the_map_links_to_is_not_duplicated(contents: dict[str, IssueContent]) -> None:
    ours = contents["trial/no-card"]
    linked = replace(
        ours, links=(replace(ours.links[0], url="https://github.com/Acme/J/issues/42"),)
    )
    step = plan_issues([linked], [], "acme/j").steps[0]
    assert step.action is Action.SKIP and step.body is None
    assert "#42, an issue cjm did not write" in step.reason


def test_duplicates_and_strays_are_named(contents: dict[str, IssueContent]) -> None:
    ours = contents["trial/no-card"]
    gone = RemoteIssue(3, "Old", "<!-- cjm:opportunity trial/removed -->", ("cjm",), "open")
    plan = plan_issues([ours], [remote(ours, 5), remote(ours, 2), gone], "a/b")
    assert plan.steps[0].issue is not None and plan.steps[0].issue.number == 2
    assert [(key, issue.number) for key, issue in plan.duplicates] == [("trial/no-card", 5)]
    assert [issue.number for issue in plan.strays] == [3]
    assert plan_issues([ours], [gone], "a/b", whole=False).strays == []
