"""``cjm validate``: check paths and report in the chosen format."""

from __future__ import annotations

import gc
from pathlib import Path

from rich.text import Text

from cjm.check import CheckResult, check_paths
from cjm.commands.output import error, note, write_report, write_report_pieces
from cjm.lint.config import LintRequest
from cjm.load.allocator import keep_mmap_threshold
from cjm.load.workspace import real_path
from cjm.reporters import get_reporter
from cjm.reporters.base import Reporter
from cjm.reporters.text import TextReporter
from cjm.usage import UsageError
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
    # Large blocks freed while loading go back to the system (see cjm.load.allocator).
    keep_mmap_threshold()
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
    reporter = get_reporter(output_format, fail_on=lint.fail_on)
    # What the report reads, and no more: the report does not keep the loaded workspace
    # (its models, positions and texts) alive while it is made and printed.
    report_of = _report_input(result, reporter)
    notes, config_failed, unreadable, failed = (
        result.notes,
        result.config_failed,
        result.unreadable,
        result.failed,
    )
    del result
    report: Text | str
    if isinstance(reporter, TextReporter):
        pieces = reporter.pieces(report_of, release=True)
        if output is None:
            write_report_pieces(pieces)
            return _exit_code(notes, config_failed, unreadable, failed)
        report = "".join(piece.plain for piece in pieces)
    else:
        report = reporter.render(report_of)
    del report_of
    if output is None:
        write_report(report)
    else:
        try:
            write_text_atomic(output, report.plain if isinstance(report, Text) else report)
        except OSError as problem:
            error(f"cannot write {output}: {problem.strerror or problem}")
            return EXIT_USAGE
    return _exit_code(notes, config_failed, unreadable, failed)


def _report_input(result: CheckResult, reporter: Reporter) -> CheckResult:
    """``result`` with only what ``reporter`` reads: the texts of the files with
    findings, and the projects only for a reporter that gives files verdicts."""
    with_findings = {d.path for d in result.diagnostics}
    return CheckResult(
        diagnostics=result.diagnostics,
        files=result.files,
        cwd=result.cwd,
        sources={p: result.sources[p] for p in result.sources if p in with_findings},
        projects=result.projects if getattr(reporter, "gives_verdicts", False) else [],
    )


def _exit_code(notes: list[str], config_failed: bool, unreadable: bool, failed: bool) -> int:
    for message in notes:
        note(message)
    if config_failed or unreadable:
        return EXIT_USAGE
    if failed:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _is_input(output: Path, result: CheckResult) -> bool:
    """Whether ``output`` is one of the files the check read."""
    target = real_path(output)
    return any(real_path(doc.path) == target for p in result.projects for doc in p.documents())
