"""``cjm render``: load maps, render the asked views and formats, write the files."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from cjm.check import UsageError, check_paths
from cjm.commands.output import error, note, stderr, stdout
from cjm.diagnostics import Severity
from cjm.lint.config import LintRequest
from cjm.render.graphviz_run import RenderError, find_renderer
from cjm.render.pipeline import plan_jobs, run_jobs
from cjm.reporters.text import TextReporter

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
) -> int:
    try:
        result = check_paths(paths, Path.cwd(), lint=LintRequest(select=[]))
    except UsageError as problem:
        error(str(problem))
        return EXIT_USAGE
    broken = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if broken:
        stderr().print(TextReporter().render(result), end="")
    if result.config_failed:
        return EXIT_USAGE
    try:
        renderer = find_renderer(graphviz)
    except RenderError as problem:
        error(str(problem))
        return EXIT_USAGE
    plan = plan_jobs(result.projects, set(result.files), views, formats, out)
    for refusal in plan.refused:
        error(refusal)
    written = 0
    try:
        with _progress(len(plan.jobs)) as progress:
            task = progress.add_task("rendering", total=len(plan.jobs))
            for job in run_jobs(plan.jobs, renderer):
                written += 1
                progress.update(task, advance=1, description=job.target.name)
    except RenderError as problem:
        error(str(problem))
        return EXIT_PROBLEMS
    except OSError as problem:
        error(f"cannot write into {out}: {problem.strerror or problem}")
        return EXIT_USAGE
    if not plan.jobs and not plan.refused:
        note("no map to render")
    else:
        stdout().print(f"Rendered {written} file(s) into {out}.", markup=False)
    return EXIT_PROBLEMS if broken or plan.refused else EXIT_OK


def _progress(total: int) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=stderr(),
        transient=True,
        disable=total < PROGRESS_FROM or not sys.stderr.isatty(),
    )
