"""Check and render, as ``cjm render PATH --format html`` does, into a fresh folder.

Each rendering goes into a folder of its own under the preview's temporary folder, so a
page is never served half written; the server switches to it once it is complete. A
check that finds errors renders nothing when there is a rendering to keep: the last good
one stays on the page, marked stale, with the reason (the first check of a session has
nothing to keep, and renders the maps that have no errors, as ``cjm render`` does). The
maps are only read.
"""

from __future__ import annotations

import datetime
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from rich.text import Text

from cjm.check import CheckResult, check_paths
from cjm.diagnostics import Diagnostic, Severity
from cjm.lint.config import LintRequest
from cjm.load.source import DEFAULT_MAX_BYTES
from cjm.portfolio.inputs import workspace_title
from cjm.render.pipeline import HTML, ReportInputs, plan_jobs, run_jobs
from cjm.serve.findings import findings_text
from cjm.serve.target import Target
from cjm.usage import UsageError
from cjm.wording import plural

# The renderings kept: the one shown and the one before it, which a page may still be
# reading while the switch happens.
KEPT = 2


@dataclass(frozen=True)
class Build:
    """One check and what the page shows after it."""

    generation: int
    checked_at: datetime.datetime
    seconds: float
    # The rendering shown (None: there is none yet) and when it was made.
    folder: Path | None
    rendered_at: datetime.datetime | None
    # What the check found, as `cjm validate` prints it (None: nothing), and its errors
    # alone, as `cjm render` prints them.
    findings: Text | None = None
    errors: Text | None = None
    error_count: int = 0
    # Why the page does not show the files as they are now; ``stale`` when it shows an
    # older rendering, not just one without the maps that have errors.
    banner: str | None = None
    stale: bool = False
    # Files that could not be drawn, each with its reason.
    problems: tuple[str, ...] = ()
    maps: int = 0
    files: int = 0
    config_failed: bool = False


@dataclass
class Builder:
    """Renders ``target`` into numbered folders under ``out``."""

    target: Target
    out: Path
    cwd: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    today: datetime.date | None = None
    generation: int = 0
    # The rendering shown, and when it was made.
    shown: tuple[Path, datetime.datetime] | None = None
    _folders: list[Path] = field(default_factory=list)

    def build(self) -> Build:
        """Check the target and render it if it may be; the new state of the page."""
        started = time.perf_counter()
        self.generation += 1
        now = datetime.datetime.now().astimezone()
        today = self.today or now.date()
        try:
            result = check_paths(
                [self.target.path], self.cwd, self.max_bytes, lint=LintRequest(), today=today
            )
        except UsageError as problem:
            return self._kept(now, started, str(problem))
        errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
        if result.config_failed or (errors and self.shown is not None):
            kept = self._kept(now, started, _why(errors, result))
            return _with_findings(replace(kept, config_failed=result.config_failed), result)
        folder = self.out / str(self.generation)
        problems, files = self._render(result, errors, folder, today)
        self.shown = (folder, now)
        self._folders.append(folder)
        build = Build(
            self.generation,
            now,
            time.perf_counter() - started,
            folder,
            now,
            banner=f"{_why(errors, result)}: left out until fixed" if errors else None,
            problems=problems,
            files=files,
        )
        return _with_findings(build, result)

    def prune(self) -> None:
        """Remove the renderings no page reads any more (done after the pages are told
        of the new one, to keep that moment short)."""
        while len(self._folders) > KEPT:
            shutil.rmtree(self._folders.pop(0), ignore_errors=True)

    def _render(
        self, result: CheckResult, errors: list[Diagnostic], folder: Path, today: datetime.date
    ) -> tuple[tuple[str, ...], int]:
        """Render as ``cjm render --format html`` does; the files that could not be drawn,
        with why, and how many were written."""
        plan = plan_jobs(
            result.projects,
            set(result.files),
            ["journey"],
            [HTML],
            folder,
            index=self.target.site,
            errors=Counter(d.path for d in errors),
        )
        found: dict[str, list[Diagnostic]] = {}
        for diagnostic in result.diagnostics:
            found.setdefault(diagnostic.path, []).append(diagnostic)
        inputs = ReportInputs(found, today, workspace_title(result.projects))
        folder.mkdir(parents=True, exist_ok=True)
        problems = list(plan.refused)
        files = 0
        for outcome in run_jobs(plan, None, inputs):
            if outcome.failure is not None:
                problems.append(f"{outcome.target.name} was not drawn: {outcome.failure.reason}")
            else:
                files += 1
        return tuple(problems), files

    def failed(self, reason: str) -> Build:
        """The build of a check or rendering that broke off for ``reason``: the page
        keeps what it shows."""
        self.generation += 1
        return self._kept(datetime.datetime.now().astimezone(), time.perf_counter(), reason)

    def _kept(self, now: datetime.datetime, started: float, reason: str) -> Build:
        """A build that keeps the rendering shown, for ``reason``."""
        folder, rendered_at = self.shown or (None, None)
        return Build(
            self.generation,
            now,
            time.perf_counter() - started,
            folder,
            rendered_at,
            banner=reason,
            stale=folder is not None,
        )


def _with_findings(build: Build, result: CheckResult) -> Build:
    """``build`` with what the check ``result`` found: every finding as ``cjm validate``
    prints them, the errors alone as ``cjm render`` prints them, and the maps counted."""
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    shown = CheckResult(errors, result.files, result.cwd, result.sources)
    return replace(
        build,
        findings=findings_text(result) if result.diagnostics else None,
        errors=findings_text(shown) if errors else None,
        error_count=len(errors),
        maps=sum(len(project.maps) for project in result.projects),
    )


def _why(errors: list[Diagnostic], result: CheckResult) -> str:
    """Which files have errors: ``maps/a.yaml has 1 error``."""
    if not errors:
        return "the workspace configuration has errors" if result.config_failed else "errors"
    by_file = Counter(d.path for d in errors)
    (first, count), *others = by_file.items()
    said = f"{first} has {plural(count, 'error')}"
    if others:
        more = sum(n for _, n in others)
        said += f" (and {more} more in {plural(len(others), 'other file')})"
    return said
