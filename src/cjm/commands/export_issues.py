"""``cjm export issues``: the maps' opportunities as tracker issues.

``--to github`` writes them to a repository's issues through the REST API (``--dry-run``
only reads, and prints what would change); ``--to github-json`` writes the request bodies
to a file without sending anything; ``--to jira`` writes a CSV file for Jira's importer.
Maps are checked first, as ``cjm render`` checks them: a map with errors is left out
unless ``--force``, and the exit status is then 1.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from cjm.check import CheckResult
from cjm.commands.checked import check_for_output
from cjm.commands.output import error, note, shown_path, stdout
from cjm.load.source import DEFAULT_MAX_BYTES
from cjm.portfolio import OpportunityRow, Portfolio, build_portfolio, gather, workspace_title
from cjm.tracker.content import IssueContent, issue_content
from cjm.tracker.github import (
    DEFAULT_API_URL,
    REPO_NAME,
    TOKEN_VARIABLES,
    GitHub,
    GitHubError,
    check_api_url,
)
from cjm.tracker.jira_csv import jira_csv
from cjm.tracker.plan import Action, Plan, Step, plan_issues
from cjm.tracker.sync import carry_out
from cjm.wording import plural
from cjm.writing import write_text_atomic

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
TARGETS = ("github", "github-json", "jira")
DONE = {
    Action.CREATE: "created",
    Action.UPDATE: "updated",
    Action.CLOSE: "closed",
    Action.REOPEN: "reopened",
}


def run_export_issues(
    paths: list[Path],
    *,
    to: str,
    repo: str | None = None,
    api_url: str = DEFAULT_API_URL,
    out: Path | None = None,
    dry_run: bool = False,
    only: Sequence[str] = (),
    force: bool = False,
    issue_type: str = "Task",
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: datetime.date | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    """Export the opportunities of ``paths`` (default: the workspace around the current
    folder) to ``to``; the exit code."""
    environ = os.environ if environ is None else environ
    problem = _option_problem(to, repo, api_url, out, dry_run)
    if problem:
        error(problem)
        return EXIT_USAGE
    today = today or datetime.date.today()
    checked = check_for_output(paths, today, max_bytes)
    if checked is None:
        return EXIT_USAGE
    result, _ = checked
    if out is not None and _is_input(out, result):
        error(f"--out {shown_path(out)} is one of the maps: choose another file")
        return EXIT_USAGE
    portfolio = _portfolio(result, today, force)
    rows, unknown = _chosen(portfolio.opportunities, only)
    if unknown:
        error(
            f"--only {unknown[0]}: no exported opportunity has this key; keys are "
            "<map-id>/<opportunity-id> (or a map id for all of its opportunities)"
        )
        return EXIT_USAGE
    kpis = {row.key: row for row in portfolio.kpis}
    contents = [issue_content(row, kpis) for row in rows]
    if to == "jira":
        assert out is not None
        code = _to_jira(contents, out, issue_type)
    elif to == "github-json":
        assert out is not None
        code = _to_github_json(contents, out, repo)
    else:
        assert repo is not None
        token = next((environ[name] for name in TOKEN_VARIABLES if environ.get(name)), None)
        if token is None and not dry_run:
            error(
                "no GitHub token: set GITHUB_TOKEN or GH_TOKEN to a token that may write "
                f"the issues of {repo} (or try --dry-run first)"
            )
            return EXIT_USAGE
        if token is None:
            note("no GITHUB_TOKEN or GH_TOKEN: reading the issues without one (public only)")
        client = GitHub(repo, token, api_url)
        code = _to_github(contents, client, dry_run=dry_run, whole=not only)
    if portfolio.left_out:
        _report_left_out(portfolio.left_out)
        return EXIT_PROBLEMS
    return code


# -- options and input --------------------------------------------------------------------------


def _option_problem(
    to: str, repo: str | None, api_url: str, out: Path | None, dry_run: bool
) -> str | None:
    if to not in TARGETS:
        return f"--to {to}: choose from {', '.join(TARGETS)}"
    if to == "github":
        if repo is None:
            return "--to github needs --repo OWNER/NAME"
        if not REPO_NAME.match(repo):
            return f"--repo {repo}: write the repository as OWNER/NAME"
        if out is not None:
            return "--out is for --to jira and --to github-json; --to github writes no file"
        return check_api_url(api_url)
    if out is None:
        return f"--to {to} needs --out FILE"
    if dry_run:
        return f"--dry-run is for --to github; --to {to} sends nothing anyway"
    if repo is not None and not REPO_NAME.match(repo):
        return f"--repo {repo}: write the repository as OWNER/NAME"
    return None


def _is_input(out: Path, result: CheckResult) -> bool:
    target = out.resolve()
    return any(
        document.path.resolve() == target
        for project in result.projects
        for document in project.documents()
    )


def _portfolio(result: CheckResult, today: datetime.date, force: bool) -> Portfolio:
    gathered = gather(result, today, force=force)
    title = workspace_title(result.projects)
    return build_portfolio(gathered.maps, title, today, gathered.left_out)


def _chosen(
    rows: list[OpportunityRow], only: Sequence[str]
) -> tuple[list[OpportunityRow], list[str]]:
    """The rows ``only`` names (all when it names none), and the names matching none."""
    if not only:
        return rows, []
    keys = {row.key for row in rows}
    maps = {row.journey.id for row in rows}
    unknown = [name for name in only if name not in keys and name not in maps]
    wanted = set(only)
    return [row for row in rows if row.key in wanted or row.journey.id in wanted], unknown


def _report_left_out(left_out: list[tuple[str, str]]) -> None:
    for path, why in left_out:
        note(f"{path} was left out: {why}")
    if any("error" in why for _, why in left_out):
        note("fix the errors above, or export those maps anyway with --force")


# -- GitHub -------------------------------------------------------------------------------------


def _to_github(contents: list[IssueContent], client: GitHub, *, dry_run: bool, whole: bool) -> int:
    try:
        existing = client.list_issues()
    except GitHubError as failure:
        error(str(failure))
        return EXIT_PROBLEMS
    plan = plan_issues(contents, existing, client.repo, whole=whole)
    _report_oddities(plan)
    if dry_run:
        _print_table(plan.steps)
        stdout().print(_summary(plan, client.repo, would=True), markup=False)
        return EXIT_OK
    failed = attempted = 0
    for done in carry_out(plan, client):
        attempted += 1
        if done.failure is not None:
            failed += 1
            error(str(done.failure))
            continue
        assert done.issue is not None
        step = done.step
        line = f"{DONE[step.action]:9}  #{done.issue.number}  {step.key}  {step.title}"
        stdout().print(line, markup=False)
    for step in plan.steps:
        if step.action is Action.SKIP:
            note(f"{step.key}: {step.reason}")
    sent = len(plan.sends)
    if failed:
        stopped = sent - attempted
        unsent = f"; {plural(stopped, 'request')} not sent" if stopped else ""
        note(
            f"{failed} of {plural(sent, 'request')} failed{unsent}; run the export again once "
            "fixed (issues already written are found again, not duplicated)"
        )
        return EXIT_PROBLEMS
    stdout().print(_summary(plan, client.repo, would=False), markup=False)
    return EXIT_OK


def _report_oddities(plan: Plan) -> None:
    for key, issue in plan.duplicates:
        note(f"#{issue.number} also carries the marker of {key}; cjm keeps the oldest issue")
    for issue in plan.strays:
        note(
            f"#{issue.number} is the issue of {issue.key}, which no exported map holds "
            "any more: left as it is"
        )


def _print_table(steps: list[Step]) -> None:
    if not steps:
        return
    key_width = max(len(step.key) for step in steps)
    console = stdout()
    console.print(f"{'ACTION':9}  {'ISSUE':6}  {'KEY':{key_width}}  TITLE", markup=False)
    for step in steps:
        issue = f"#{step.issue.number}" if step.issue else "new" if step.body else "-"
        title = step.title
        if step.changed and step.action is Action.UPDATE:
            title += f"  ({', '.join(step.changed)})"
        if step.reason:
            title += f"  ({step.reason})"
        console.print(
            f"{step.action.value:9}  {issue:6}  {step.key:{key_width}}  {title}", markup=False
        )


def _summary(plan: Plan, repo: str, *, would: bool) -> str:
    counts = [
        (Action.CREATE, "to create" if would else "created"),
        (Action.UPDATE, "to update" if would else "updated"),
        (Action.CLOSE, "to close" if would else "closed"),
        (Action.REOPEN, "to reopen" if would else "reopened"),
        (Action.UNCHANGED, "unchanged"),
        (Action.SKIP, "skipped"),
    ]
    parts = [f"{plan.count(action)} {words}" for action, words in counts if plan.count(action)]
    if not parts:
        return f"No opportunity to export to {repo}."
    head = "Dry run, nothing sent" if would else "Done"
    return f"{head}: {', '.join(parts)} in {repo}."


def _to_github_json(contents: list[IssueContent], out: Path, repo: str | None) -> int:
    plan = plan_issues(contents, [], repo or "{owner}/{repo}", whole=False)
    target = repo or "{owner}/{repo}"
    requests = [
        {
            "key": step.key,
            "method": step.method,
            "path": step.path(target).lstrip("/"),
            "body": step.body,
        }
        for step in plan.sends
    ]
    text = json.dumps(requests, indent=2, ensure_ascii=False) + "\n"
    if not _write(out, text):
        return EXIT_USAGE
    for step in plan.steps:
        if step.action is Action.SKIP:
            note(f"{step.key}: {step.reason}")
    stdout().print(
        f"Wrote {plural(len(requests), 'request')} to {shown_path(out)} (nothing sent).",
        markup=False,
    )
    return EXIT_OK


# -- Jira ---------------------------------------------------------------------------------------


def _to_jira(contents: list[IssueContent], out: Path, issue_type: str) -> int:
    sheet = jira_csv(contents, issue_type)
    if not _write(out, sheet.text):
        return EXIT_USAGE
    for key, why in sheet.left_out:
        note(f"{key} is not in the file: {why}")
    stdout().print(
        f"Wrote {plural(sheet.rows, 'issue')} to {shown_path(out)} for Jira's CSV import.",
        markup=False,
    )
    return EXIT_OK


def _write(out: Path, text: str) -> bool:
    try:
        write_text_atomic(out, text)
    except OSError as failure:
        error(f"cannot write {shown_path(out)}: {failure.strerror or failure}")
        return False
    return True
