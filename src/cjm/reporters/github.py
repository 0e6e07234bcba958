"""GitHub Actions workflow commands: one annotation per diagnostic, nothing else.

    ::error file=maps/trial.yaml,line=4,col=8,endColumn=14,title=CJM103 unknown-reference::...

GitHub shows each command as an annotation on the file and line of the pull request, so
paths are relative to the repository root (the nearest folder above the current one with
a ``.git`` entry), not to the current folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from cjm.check import CheckResult
from cjm.diagnostics import Diagnostic, Severity
from cjm.reporters.base import find_repo_root, full_message, repo_path
from cjm.reporters.escape import neutralize

COMMANDS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=...``) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    def __init__(self, cwd: Path | None = None) -> None:
        # The folder that diagnostic paths are relative to; the current one by default.
        self.cwd = cwd

    def render(self, result: CheckResult) -> str:
        cwd = (self.cwd or result.cwd).resolve()
        root = find_repo_root(cwd)
        return "".join(self._command(d, cwd, root) + "\n" for d in result.diagnostics)

    def _command(self, diagnostic: Diagnostic, cwd: Path, root: Path) -> str:
        location = diagnostic.location
        path = repo_path(diagnostic.path, cwd, root)
        if path is None:
            path = Path(os.path.normpath(cwd / diagnostic.path)).as_posix()
        properties = [("file", neutralize(path))]
        if location.line >= 1:
            properties.append(("line", str(location.line)))
            if location.column >= 1:
                properties.append(("col", str(location.column)))
                if location.end_column is not None and location.end_column > location.column:
                    properties.append(("endColumn", str(location.end_column)))
        properties.append(("title", f"{diagnostic.code.code} {diagnostic.code.name}"))
        described = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
        message = escape_data(neutralize(full_message(diagnostic)))
        return f"::{COMMANDS[diagnostic.severity]} {described}::{message}"
