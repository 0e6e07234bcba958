"""``cjm validate``: check paths and report in the chosen format."""

from __future__ import annotations

import gc
from pathlib import Path

from rich.text import Text

from cjm.check import CheckResult, UsageError, check_paths
from cjm.commands.output import error, note, write_report
from cjm.lint.config import LintRequest
from cjm.load.workspace import real_path
from cjm.reporters import get_reporter
from cjm.writing import write_text_atomic

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def run_validate(
    paths: list[Path],
    *,
    output_format: str,
    max_bytes: int,
    lint: LintRequest,
    output: Path | None = None,
    use_cache: bool = True,
) -> int:
    # The loaded workspace lives until the command ends: with the cyclic collector off
    # until then, and what it holds frozen out of its reach after, the millions of small
    # objects of the documents are not walked on the way out (see cjm.load.collector).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _validate(paths, output_format, max_bytes, lint, output, use_cache)
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _validate(
    paths: list[Path],
    output_format: str,
    max_bytes: int,
    lint: LintRequest,
    output: Path | None,
    use_cache: bool,
) -> int:
    try:
        result = check_paths(
            paths, Path.cwd(), max_bytes, lint, use_cache=use_cache, every_scope=False
        )
    except UsageError as problem:
        error(str(problem))
        return EXIT_USAGE
    if output is not None and _is_input(output, result):
        error(f"{output} is one of the files being checked; choose another --output")
        return EXIT_USAGE
    report = get_reporter(output_format, fail_on=lint.fail_on).render(result)
    if output is None:
        write_report(report)
    else:
        try:
            write_text_atomic(output, report.plain if isinstance(report, Text) else report)
        except OSError as problem:
            error(f"cannot write {output}: {problem.strerror or problem}")
            return EXIT_USAGE
    for message in result.notes:
        note(message)
    if result.config_failed or result.unreadable:
        return EXIT_USAGE
    if result.failed:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _is_input(output: Path, result: CheckResult) -> bool:
    """Whether ``output`` is one of the files the check read."""
    target = real_path(output)
    return any(real_path(doc.path) == target for p in result.projects for doc in p.documents())
