"""The check every writing command runs first: maps are checked as ``cjm validate``
checks them, and their error findings are printed the way it prints them.

``cjm render`` and the ``cjm export`` commands all start here, so a map with errors is
reported the same way whichever of them meets it.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from cjm.check import CheckResult, check_paths
from cjm.commands.output import error, stderr
from cjm.diagnostics import Diagnostic, Severity
from cjm.lint.config import LintRequest
from cjm.usage import UsageError


def check_for_output(
    paths: list[Path],
    today: datetime.date,
    max_bytes: int,
    use_cache: bool = False,
    every_scope: bool = True,
) -> tuple[CheckResult, list[Diagnostic]] | None:
    """The check of ``paths`` (default: the workspace around the current folder) and its
    error findings, already printed; None on a usage or configuration problem, already
    reported (the command exits with 2). ``every_scope``: as :func:`check_paths`."""
    try:
        result = check_paths(
            paths,
            Path.cwd(),
            max_bytes,
            lint=LintRequest(),
            today=today,
            use_cache=use_cache,
            every_scope=every_scope,
        )
    except UsageError as problem:
        error(str(problem))
        return None
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if errors:
        _print_errors(CheckResult(errors, result.files, result.cwd, result.sources))
    if result.config_failed:
        return None
    return result, errors


def _print_errors(shown: CheckResult) -> None:
    """Print error findings as ``cjm validate`` does; the reporter (and rich) is loaded
    only for a check that found some."""
    from cjm.reporters.text import TextReporter

    stderr().print(TextReporter().render(shown), end="")


def findings_by_file(result: CheckResult) -> dict[str, list[Diagnostic]]:
    """Every finding of ``result``, by the display path of its file."""
    found: dict[str, list[Diagnostic]] = {}
    for diagnostic in result.diagnostics:
        found.setdefault(diagnostic.path, []).append(diagnostic)
    return found
