"""``cjm render``: load and check maps, render the asked views and formats, write the files.

A map with errors is drawn only when forced: its error findings are printed as
``cjm validate`` prints them, and nothing is written for it. A file that cannot be drawn
is reported with the reason, and the other files are still written.
"""

from __future__ import annotations

import datetime
import sys
from collections import Counter
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjm.commands.checked import check_for_output, findings_by_file
from cjm.commands.output import error, note, say, stderr
from cjm.load.source import DEFAULT_MAX_BYTES
from cjm.render.formats import Drawer, DrawOptions
from cjm.render.graphviz_run import RenderError, find_renderer
from cjm.render.pipeline import Outcome, Plan, ReportInputs, plan_jobs, run_jobs
from cjm.wording import plural

if TYPE_CHECKING:
    from cjm.check import CheckResult

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
# Below this many files a progress bar would only flicker.
PROGRESS_FROM = 4


def run_render(
    paths: list[Path],
    *,
    views: list[str],
    formats: list[str],
    out: Path,
    graphviz: str | None,
    today: datetime.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    options: DrawOptions | None = None,
    force: bool = False,
    compare_if_paired: bool = False,
    use_cache: bool = False,
) -> int:
    """Render ``paths`` (default: the workspace around the current folder).

    Maps are checked as ``cjm validate`` checks them. Their error findings are printed;
    a map with errors gets no file unless ``force``. Warnings are left to the reports,
    which list every finding. The compare view of a map with no current state to compare
    with is a note (none with ``compare_if_paired``, as for ``--view all``); the run
    fails when nothing at all could be drawn.
    """
    today = today or datetime.date.today()
    index = _wants_index(paths)
    # Drawing some maps resolves those (and the current states they name) only; the
    # workspace site looks at every map.
    checked = check_for_output(paths, today, max_bytes, use_cache, every_scope=index)
    if checked is None:
        return EXIT_USAGE
    result, errors = checked
    plan = plan_jobs(
        result.projects,
        set(result.files),
        views,
        formats,
        out,
        index=index,
        errors=Counter(d.path for d in errors),
        force=force,
        compare_if_paired=compare_if_paired,
    )
    for refusal in plan.refused:
        error(refusal)
    drawer = None
    if plan.needs_graphviz:
        try:
            drawer = Drawer(find_renderer(graphviz), options or DrawOptions())
        except RenderError as problem:
            error(str(problem))
            return EXIT_USAGE
    inputs = _report_inputs(plan, result, today)
    written, failed = _write(plan, drawer, inputs, out)
    if written is None:
        return EXIT_USAGE
    _summarise(plan, written, out)
    nothing_drawn = bool(plan.unpaired) and not plan.jobs
    trouble = failed or plan.refused or plan.skipped or (errors and not force) or nothing_drawn
    return EXIT_PROBLEMS if trouble else EXIT_OK


def _write(
    plan: Plan, drawer: Drawer | None, inputs: ReportInputs, out: Path
) -> tuple[int | None, int]:
    """Run the plan, reporting each file that could not be drawn; how many files were
    written (None: the output folder is unusable) and how many failed."""
    total = len(plan.jobs) + (plan.index is not None)
    written = failed = 0
    try:
        with _progress(total) as progress:
            task = progress.add_task("rendering", total=total)
            for outcome in run_jobs(plan, drawer, inputs):
                progress.update(task, advance=1, description=outcome.target.name)
                if outcome.failure is not None:
                    failed += 1
                    _report_failure(outcome)
                    continue
                written += 1
                for remark in outcome.notes:
                    note(f"{outcome.target}: {remark}")
    except OSError as problem:
        error(f"cannot write into {out}: {problem.strerror or problem}")
        return None, failed
    return written, failed


def _report_inputs(plan: Plan, result: CheckResult, today: datetime.date) -> ReportInputs:
    """What the reports add to the maps; the workspace's title only for the site, the one
    page that shows it (finding it loads the portfolio)."""
    if plan.index is None:
        return ReportInputs(findings_by_file(result), today)
    from cjm.portfolio.inputs import workspace_title

    return ReportInputs(findings_by_file(result), today, workspace_title(result.projects))


def _report_failure(outcome: Outcome) -> None:
    assert outcome.failure is not None
    job = outcome.job
    if job is None:  # a page of the workspace site
        error(f"{outcome.target} was not written: {outcome.failure.reason}")
        return
    error(
        f"{job.document.display}: the {job.view} view as {job.output_format.upper()} "
        f"({outcome.target}) was not drawn: {outcome.failure.reason}"
    )
    if outcome.failure.detail:
        stderr().print(f"  detail: {outcome.failure.detail}", markup=False, highlight=False)


def _summarise(plan: Plan, written: int, out: Path) -> None:
    for skipped in plan.skipped:
        note(f"{skipped.display} was not rendered: {skipped.reason}")
    if any(skipped.errors for skipped in plan.skipped):
        count = sum(1 for skipped in plan.skipped if skipped.errors)
        note(
            f"{plural(count, 'map')} with errors skipped: fix the errors above, or draw "
            "them anyway with --force"
        )
    for unpaired in plan.unpaired:
        note(f"{unpaired.display}: no compare view: {unpaired.reason}")
    if not plan.jobs and not plan.refused and not plan.skipped and not plan.unpaired:
        note("no map to render")
    elif plan.jobs or plan.index is not None:
        say(f"Rendered {plural(written, 'file')} into {out}.")


def _wants_index(paths: list[Path]) -> bool:
    """A workspace or folder render gets an index page; a render of map files does not."""
    return not paths or any(path.is_dir() for path in paths)


def _progress(total: int) -> AbstractContextManager[Any]:
    """A progress bar on a terminal for a run of many files; for a few, or when stderr
    is not a terminal, one that shows nothing (and does not load rich's progress)."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        return _NoProgress()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=stderr(),
        transient=True,
    )


class _NoProgress:
    """The progress bar that is not shown."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *problem: object) -> None:
        return None

    def add_task(self, description: str, total: int) -> int:
        return 0

    def update(self, task: int, advance: int, description: str) -> None:
        return None
