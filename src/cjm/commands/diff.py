"""``cjm diff``: compare two files or folders, or the working tree with a git revision."""

from __future__ import annotations

import datetime
from pathlib import Path

from cjm.check import CheckResult
from cjm.commands.output import error, stderr, write_report
from cjm.diff import DiffUsageError, SideLoadError, diff_base, diff_paths
from cjm.diff.render import RENDERERS
from cjm.load.source import DEFAULT_MAX_BYTES
from cjm.reporters.text import TextReporter

# 0 and 1 as `diff` and `git diff --exit-code` use them, 2 as every cjm command does.
EXIT_SAME, EXIT_CHANGED, EXIT_USAGE = 0, 1, 2
# A side that does not load cannot be compared: neither "no changes" nor "changes", and
# not a usage error either, so a script can tell the three apart.
EXIT_BROKEN = 3


def run_diff(
    old: Path | None,
    new: Path | None,
    *,
    base: str | None,
    paths: list[Path],
    output_format: str,
    exit_code: bool,
    today: datetime.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> int:
    """Print the diff; with ``base``, ``old`` and ``new`` (when given) are more paths."""
    if output_format not in RENDERERS:
        error(f"unknown format '{output_format}': choose from {', '.join(RENDERERS)}")
        return EXIT_USAGE
    cwd = Path.cwd()
    try:
        if base is not None:
            given = [p for p in (old, new) if p is not None]
            result = diff_base(base, [*given, *paths], cwd, today, max_bytes)
        elif old is None or new is None or paths:
            error("give two files or folders to compare (OLD NEW), or --base REV [PATHS]")
            return EXIT_USAGE
        else:
            result = diff_paths(old, new, cwd, today, max_bytes)
    except DiffUsageError as problem:
        error(str(problem))
        return EXIT_USAGE
    except SideLoadError as broken:
        _report_broken(broken, cwd)
        return EXIT_BROKEN
    write_report(RENDERERS[output_format](result))
    return EXIT_CHANGED if exit_code and result.has_changes else EXIT_SAME


def _report_broken(broken: SideLoadError, cwd: Path) -> None:
    error(f"cannot compare: {broken}; a diff needs both sides to load")
    files = sorted({d.path for d in broken.diagnostics})
    report = CheckResult(
        sorted(broken.diagnostics, key=lambda d: d.sort_key()),
        files,
        cwd=cwd,
        sources={path: broken.sources[path] for path in files if path in broken.sources},
    )
    stderr().print(TextReporter().render(report), end="")
