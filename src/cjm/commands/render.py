"""``cjm render``: load maps, render the asked views and formats, write the files."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from cjm.check import CheckResult, UsageError, check_paths
from cjm.commands.output import error, note, stderr, stdout
from cjm.diagnostics import LOAD_CODES, Diagnostic, Severity
from cjm.lint.config import LintRequest
from cjm.load.source import DEFAULT_MAX_BYTES
from cjm.render.graphviz_run import RenderError, find_renderer
from cjm.render.pipeline import HTML, MARKDOWN, ReportInputs, plan_jobs, run_jobs
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
    today: datetime.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> int:
    """Render ``paths`` (default: the workspace around the current folder).

    The HTML and Markdown reports list each map's lint findings, so with those formats
    the maps are linted as ``cjm validate`` would; only errors that stop a map from
    loading are printed here, since a report carries its own findings.
    """
    today = today or datetime.date.today()
    reports = HTML in formats or MARKDOWN in formats
    lint = LintRequest() if reports else LintRequest(select=[])
    try:
        result = check_paths(paths, Path.cwd(), max_bytes, lint=lint, today=today)
    except UsageError as problem:
        error(str(problem))
        return EXIT_USAGE
    broken = [
        d for d in result.diagnostics if d.code in LOAD_CODES and d.severity is Severity.ERROR
    ]
    if broken:
        shown = CheckResult(broken, result.files, result.cwd, result.sources)
        stderr().print(TextReporter().render(shown), end="")
    if result.config_failed:
        return EXIT_USAGE
    plan = plan_jobs(
        result.projects, set(result.files), views, formats, out, index=_wants_index(paths)
    )
    for refusal in plan.refused:
        error(refusal)
    renderer = None
    if plan.needs_graphviz:
        try:
            renderer = find_renderer(graphviz)
        except RenderError as problem:
            error(str(problem))
            return EXIT_USAGE
    inputs = ReportInputs(_findings_by_file(result), today, _index_title(result))
    total = len(plan.jobs) + (plan.index is not None)
    written = 0
    try:
        with _progress(total) as progress:
            task = progress.add_task("rendering", total=total)
            for target in run_jobs(plan, renderer, inputs):
                written += 1
                progress.update(task, advance=1, description=target.name)
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


def _wants_index(paths: list[Path]) -> bool:
    """A workspace or folder render gets an index page; a render of map files does not."""
    return not paths or any(path.is_dir() for path in paths)


def _findings_by_file(result: CheckResult) -> dict[str, list[Diagnostic]]:
    found: dict[str, list[Diagnostic]] = {}
    for diagnostic in result.diagnostics:
        found.setdefault(diagnostic.path, []).append(diagnostic)
    return found


def _index_title(result: CheckResult) -> str:
    for project in result.projects:
        config = project.config
        if config is not None and config.model is not None and config.model.name:
            return str(config.model.name)
    return "Journey maps"


def _progress(total: int) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=stderr(),
        transient=True,
        disable=total < PROGRESS_FROM or not sys.stderr.isatty(),
    )
