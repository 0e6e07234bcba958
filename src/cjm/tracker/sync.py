"""Carrying out a plan on GitHub: the requests of its steps, one by one.

A refusal that concerns one issue (an invalid issue, an issue that is gone) is reported
and the other issues are still written; one that would repeat for every request (a bad
token, no access, the rate limit, no network) stops the run. Running the export again
carries on where it stopped: issues already written are found by their marker.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cjm.tracker.github import GitHub, GitHubError
from cjm.tracker.plan import Action, Plan, RemoteIssue, Step

DOING = {
    Action.CREATE: "creating",
    Action.UPDATE: "updating",
    Action.CLOSE: "closing",
    Action.REOPEN: "reopening",
}


@dataclass(frozen=True)
class Done:
    """What became of one step: the issue it wrote, or why it failed."""

    step: Step
    issue: RemoteIssue | None = None
    failure: GitHubError | None = None


def carry_out(plan: Plan, client: GitHub) -> Iterator[Done]:
    """Send the requests of ``plan``, yielding each outcome; stops after a fatal failure."""
    for step in plan.sends:
        assert step.body is not None
        what = f"{DOING[step.action]} the issue of {step.key}"
        if step.issue is not None:
            what += f" (#{step.issue.number})"
        try:
            issue = client.send(step.method, step.path(client.repo), step.body, what)
        except GitHubError as failure:
            yield Done(step, failure=failure)
            if failure.fatal:
                return
            continue
        yield Done(step, issue=issue)
