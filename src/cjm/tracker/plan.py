"""What an export to GitHub would do to each issue: create, update, close, reopen, or
leave it as it is, worked out by comparing the issue's fields with what the map says.

An issue is found again by the marker in its body (:func:`cjm.tracker.content.marked_key`),
never by its title, so renaming an opportunity updates its issue. The comparison covers
the title, the body, the state and the labels cjm owns (``cjm``, ``journey:``,
``impact:``, ``effort:``, ``team:``, ``status:``); labels the team added itself are kept.
A done or dropped opportunity closes its issue; one that never had an issue gets none
(there is nothing left to track), and the plan says so.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cjm.tracker.content import IssueContent, is_owned_label, marked_key


class Action(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    CLOSE = "close"
    REOPEN = "reopen"
    UNCHANGED = "unchanged"
    SKIP = "skip"  # nothing is sent; ``reason`` says why


@dataclass(frozen=True)
class RemoteIssue:
    """An issue as the tracker holds it."""

    number: int
    title: str
    body: str
    labels: tuple[str, ...]
    state: str  # open or closed
    url: str = ""

    @property
    def key(self) -> str | None:
        return marked_key(self.body)


@dataclass(frozen=True)
class Step:
    """One line of the plan: what happens to one opportunity's issue, and the request
    that does it (``body`` None: nothing is sent)."""

    action: Action
    key: str
    title: str
    issue: RemoteIssue | None = None
    body: dict[str, Any] | None = None
    changed: tuple[str, ...] = ()  # the fields that differ, for an update
    reason: str = ""

    @property
    def method(self) -> str:
        return "POST" if self.issue is None else "PATCH"

    def path(self, repo: str) -> str:
        """The REST path of the request, relative to the API root."""
        if self.issue is None:
            return f"/repos/{repo}/issues"
        return f"/repos/{repo}/issues/{self.issue.number}"


@dataclass
class Plan:
    steps: list[Step] = field(default_factory=list)
    # Issues carrying a cjm marker whose opportunity is not among those exported.
    strays: list[RemoteIssue] = field(default_factory=list)
    # Keys found on more than one issue: the lowest number is used, the others are listed.
    duplicates: list[tuple[str, RemoteIssue]] = field(default_factory=list)

    def count(self, action: Action) -> int:
        return sum(step.action is action for step in self.steps)

    @property
    def sends(self) -> list[Step]:
        return [step for step in self.steps if step.body is not None]


# ``https://github.com/OWNER/REPO/issues/12``, or the same on a GitHub Enterprise host.
_ISSUE_URL = re.compile(r"^https?://[^/]+/(?P<repo>[^/]+/[^/]+)/issues/(?P<number>\d+)/?$")


def plan_issues(
    contents: Sequence[IssueContent],
    existing: Iterable[RemoteIssue],
    repo: str,
    *,
    whole: bool = True,
) -> Plan:
    """The steps that bring ``existing`` in line with ``contents`` in ``repo``.

    ``whole`` says that ``contents`` holds every opportunity of the maps (no ``--only``),
    so that a marked issue matching none of them is worth a word.
    """
    plan = Plan()
    by_key: dict[str, RemoteIssue] = {}
    for issue in sorted(existing, key=lambda i: i.number):
        key = issue.key
        if key is None:
            continue
        if key in by_key:
            plan.duplicates.append((key, issue))
        else:
            by_key[key] = issue
    for content in contents:
        plan.steps.append(_step(content, by_key.get(content.key), repo))
    if whole:
        wanted = {content.key for content in contents}
        plan.strays = [issue for key, issue in by_key.items() if key not in wanted]
    return plan


def _step(content: IssueContent, issue: RemoteIssue | None, repo: str) -> Step:
    if issue is None:
        elsewhere = _linked_issue(content, repo)
        if elsewhere is not None:
            return Step(
                Action.SKIP,
                content.key,
                content.title,
                reason=f"the map links it to #{elsewhere}, an issue cjm did not write: left "
                "alone (add the marker to that issue to let cjm keep it up to date)",
            )
        if content.settled:
            return Step(
                Action.SKIP,
                content.key,
                content.title,
                reason=f"it is {content.status} and has no issue: none is opened for it",
            )
        return Step(Action.CREATE, content.key, content.title, body=create_body(content))
    body: dict[str, Any] = {}
    changed = []
    if issue.title != content.title:
        body["title"] = content.title
        changed.append("title")
    if _normal(issue.body) != _normal(content.body):
        body["body"] = content.body
        changed.append("body")
    theirs = [label for label in issue.labels if not is_owned_label(label)]
    owned = sorted(label for label in issue.labels if is_owned_label(label))
    if owned != sorted(content.labels):
        body["labels"] = [*content.labels, *theirs]
        changed.append("labels")
    want = "closed" if content.settled else "open"
    action = Action.UPDATE
    if issue.state != want:
        body["state"] = want
        if content.settled:
            body["state_reason"] = "completed" if content.status == "done" else "not_planned"
            action = Action.CLOSE
        else:
            body["state_reason"] = "reopened"
            action = Action.REOPEN
        changed.append("state")
    if not body:
        return Step(Action.UNCHANGED, content.key, content.title, issue=issue)
    return Step(action, content.key, content.title, issue, body, tuple(changed))


def create_body(content: IssueContent) -> dict[str, Any]:
    """The JSON body of the request that opens ``content``'s issue."""
    return {"title": content.title, "body": content.body, "labels": list(content.labels)}


def _normal(text: str) -> str:
    """A body as compared: GitHub may store line ends as CRLF and drop the last one."""
    return text.replace("\r\n", "\n").rstrip("\n")


def _linked_issue(content: IssueContent, repo: str) -> int | None:
    """The number of an issue of ``repo`` the map's links point at, if any."""
    for work in content.links:
        found = _ISSUE_URL.match(work.url)
        if found and found.group("repo").casefold() == repo.casefold():
            return int(found.group("number"))
    return None
