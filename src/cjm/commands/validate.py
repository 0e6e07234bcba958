"""``cjm validate``: check paths and report in the chosen format."""

from __future__ import annotations

from pathlib import Path

from cjm.check import UsageError, check_paths
from cjm.commands.output import error, note, write_report
from cjm.diagnostics import Severity
from cjm.reporters import get_reporter

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def run_validate(paths: list[Path], *, output_format: str, max_bytes: int) -> int:
    try:
        result = check_paths(paths, Path.cwd(), max_bytes)
    except UsageError as problem:
        error(str(problem))
        return EXIT_USAGE
    write_report(get_reporter(output_format).render(result))
    for message in result.notes:
        note(message)
    if result.config_failed or result.unreadable:
        return EXIT_USAGE
    if any(d.severity is Severity.ERROR for d in result.diagnostics):
        return EXIT_FINDINGS
    return EXIT_CLEAN
