"""The maps' opportunities as issues in a tracker: GitHub issues through the REST API,
or a CSV file for Jira's importer.

:func:`~cjm.tracker.content.issue_content` words an opportunity as an issue,
:func:`~cjm.tracker.plan.plan_issues` compares that with the issues a repository holds,
:func:`~cjm.tracker.sync.carry_out` sends the requests, and
:func:`~cjm.tracker.jira_csv.jira_csv` writes the Jira file.
"""

from cjm.tracker.content import IssueContent, issue_content, marked_key, marker
from cjm.tracker.plan import Action, Plan, RemoteIssue, Step, create_body, plan_issues

__all__ = [
    "Action",
    "IssueContent",
    "Plan",
    "RemoteIssue",
    "Step",
    "create_body",
    "issue_content",
    "marked_key",
    "marker",
    "plan_issues",
]
