"""``cjm import mermaid``: read a Mermaid journey, write a cjm map next to it."""

from __future__ import annotations

import sys
from pathlib import Path

from cjm.check import CheckResult
from cjm.commands.output import error, stderr, stdout
from cjm.load.source import read_source
from cjm.mermaid_import import import_mermaid
from cjm.reporters.text import TextReporter
from cjm.writing import write_text_atomic

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _map_id(yaml_text: str) -> str:
    for line in yaml_text.splitlines():
        if line.startswith("id: "):
            return line.removeprefix("id: ").strip().strip("'\"")
    return "journey"


def run_import_mermaid(source: Path, out: Path | None, *, force: bool) -> int:
    display = str(source)
    read = read_source(source, display)
    if read.text is None:
        stderr().print(TextReporter().render(CheckResult(read.diagnostics, [display])), end="")
        return EXIT_USAGE if read.unreadable else EXIT_PROBLEMS
    imported = import_mermaid(read.text, source.name)
    if imported.problems:
        report = CheckResult(imported.problems, [display], sources={display: read.text})
        stderr().print(TextReporter().render(report), end="")
        return EXIT_PROBLEMS
    if out is not None and str(out) == "-":
        sys.stdout.write(imported.yaml_text)
        return EXIT_OK
    target = out or Path(f"{_map_id(imported.yaml_text)}.yaml")
    if target.resolve() == source.resolve():
        error(f"{target} is the file being imported; choose another --out")
        return EXIT_USAGE
    exists = f"{target} already exists; pass --force to replace it, or choose --out"
    if (target.exists() or target.is_symlink()) and not force:
        error(exists)
        return EXIT_USAGE
    try:
        write_text_atomic(target, imported.yaml_text, overwrite=force)
    except FileExistsError:
        error(exists)
        return EXIT_USAGE
    except OSError as problem:
        error(f"cannot write {target}: {problem.strerror or problem}")
        return EXIT_USAGE
    stdout().print(f"wrote {target}: check it with `cjm validate {target}`", markup=False)
    return EXIT_OK
