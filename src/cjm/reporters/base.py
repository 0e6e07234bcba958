"""What every reporter offers, and the counting they share."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from typing import Protocol

from rich.text import Text

from cjm.check import CheckResult
from cjm.diagnostics import Diagnostic, Severity


class Reporter(Protocol):
    """Turns a :class:`CheckResult` into the text of one output format."""

    def render(self, result: CheckResult) -> Text | str:
        """The whole report. A :class:`rich.text.Text` may carry colour for terminals."""
        ...


def count_by_severity(result: CheckResult) -> dict[Severity, int]:
    counts = Counter(d.severity for d in result.diagnostics)
    return {severity: counts.get(severity, 0) for severity in Severity}


# Characters that could drive a terminal or a log viewer (escape sequences), reorder what
# it shows (bidirectional overrides) or are not text at all. Tabs and line breaks are kept:
# each format has its own way of carrying them.
UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def neutralize(text: str) -> str:
    """``text`` with every unsafe character written as an escape (``\\x1b``)."""
    return UNSAFE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


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
