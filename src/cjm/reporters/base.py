"""What every reporter offers, and the counting they share."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Protocol

from rich.text import Text

from cjm.check import CheckResult
from cjm.diagnostics import Diagnostic, Severity
from cjm.lint.config import LintRequest, build_policy


class Reporter(Protocol):
    """Turns a :class:`CheckResult` into the text of one output format."""

    def render(self, result: CheckResult) -> Text | str:
        """The whole report. A :class:`rich.text.Text` may carry colour for terminals."""
        ...


def count_by_severity(result: CheckResult) -> dict[Severity, int]:
    counts = Counter(d.severity for d in result.diagnostics)
    return {severity: counts.get(severity, 0) for severity in Severity}


def failing_severities(result: CheckResult, fail_on: Severity | None) -> dict[str, Severity]:
    """The severity at which each checked file fails: ``fail_on`` from the command line,
    else the ``lint.fail_on`` of the file's workspace (error by default), as the check
    itself decides. Files of no loaded workspace fail at ``fail_on`` or error."""
    request = LintRequest(fail_on=fail_on)
    found: dict[str, Severity] = {}
    for project in result.projects:
        config = project.config
        settings = config.model.lint if config is not None and config.model is not None else None
        threshold = build_policy(settings, None, request).fail_on
        found.update((document.display, threshold) for document in project.documents())
    return found


def full_message(diagnostic: Diagnostic) -> str:
    """The message, and the hint on a line of its own when there is one."""
    if diagnostic.hint:
        return f"{diagnostic.message}\nhint: {diagnostic.hint}"
    return diagnostic.message


def find_repo_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds a ``.git`` entry (a folder, or
    a file in worktrees and submodules); ``start`` itself when there is none."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def repo_path(path: str, cwd: Path, root: Path) -> str | None:
    """``path`` (as diagnostics name files: relative to ``cwd`` or absolute) relative to
    the repository ``root``, in posix form; ``None`` when the file is outside it.

    ``cwd`` and ``root`` must be resolved, as diagnostic paths are.
    """
    absolute = Path(os.path.normpath(cwd / path))
    if absolute != root and absolute.is_relative_to(root):
        return absolute.relative_to(root).as_posix()
    return None
