"""``cjm migrate``: upgrade maps, definitions files and ``cjm.yaml`` to the current format.

Files are found the way ``cjm fmt`` finds them (no paths: the workspace around the current
folder). Each file in the 0.x format is rewritten in place, atomically, by
:func:`cjm.migrate.migrate_text`; a file already at the current version is left alone,
and one that cannot be migrated is reported while the others go on.

Exit status: 0 done (or, with ``--check``, nothing to migrate); 1 a file would change
(``--check``) or could not be migrated; 2 usage error, unreadable file or broken
``cjm.yaml``.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from cjm.commands.fmt import Target, find_targets, report_problems, unified_diff
from cjm.commands.output import error, note, shown_path, stderr, stdout, write_report
from cjm.diagnostics import FILE_ERROR
from cjm.load.source import DEFAULT_MAX_BYTES, read_source
from cjm.migrate import MigrateError, migrate_text
from cjm.model import FORMAT_VERSION
from cjm.reporters.escape import printable
from cjm.usage import UsageError
from cjm.wording import plural
from cjm.writing import write_bytes_atomic

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# A file keeps its encoding: the byte order marks a YAML stream may start with, longest
# first (the UTF-32 LE mark starts with the UTF-16 LE one).
ENCODINGS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass
class _Tally:
    changed: int = 0
    current: int = 0
    failed: int = 0
    unreadable: bool = False
    # Folders a repointed `$schema` line now names, whose schemas do not exist yet.
    missing_schemas: dict[Path, None] = field(default_factory=dict)


def run_migrate(
    paths: list[Path], *, check: bool, show_diff: bool, max_bytes: int = DEFAULT_MAX_BYTES
) -> int:
    """Migrate ``paths``; with ``check`` or ``show_diff`` write nothing."""
    try:
        plan = find_targets(paths, Path.cwd(), "migrate")
    except UsageError as problem:
        error(str(problem))
        return EXIT_USAGE
    console = stderr() if show_diff else stdout()
    tally = _Tally()
    dry_run = check or show_diff
    for target in plan.targets:
        _migrate_one(target, dry_run, show_diff, console, tally, max_bytes)
    report_problems(plan.problems)
    for message in plan.notes:
        note(message)
    if plan.problems:
        error(
            "cannot tell maps from definition files while cjm.yaml has problems; "
            "fix it and run cjm migrate again"
        )
    point = "would point" if dry_run else "now point"
    for folder in tally.missing_schemas:
        shown = shown_path(folder.parent)
        note(
            f"$schema lines {point} at {shown_path(folder)}, which does not exist: "
            f"write the schemas there with `cjm schema --out {shown}`"
        )
    if plan.targets:
        console.print(_summary(tally, dry_run=dry_run), markup=False)
    elif not plan.problems:
        note("no files to migrate")
    if plan.problems or tally.unreadable:
        return EXIT_USAGE
    if tally.failed or (check and tally.changed):
        return EXIT_FAILED
    return EXIT_OK


def _migrate_one(
    target: Target,
    dry_run: bool,
    show_diff: bool,
    console: Console,
    tally: _Tally,
    max_bytes: int,
) -> None:
    source = read_source(target.path, target.display, max_bytes)
    if source.text is None:
        report_problems(source.diagnostics)
        tally.failed += 1
        tally.unreadable = tally.unreadable or any(d.code is FILE_ERROR for d in source.diagnostics)
        return
    try:
        migration = migrate_text(source.text, path=target.display)
    except MigrateError as problem:
        if problem.diagnostics:
            report_problems(problem.diagnostics)
        else:
            error(problem.message)
        tally.failed += 1
        return
    if not migration.changed:
        tally.current += 1
        return
    _note_missing_schema(target.path, migration.schema, tally)
    shown = printable(target.display)
    if show_diff:
        write_report(unified_diff(source.text, migration.text, target.display))
    if dry_run:
        console.print(f"would migrate {shown}: {'; '.join(migration.changes)}", markup=False)
        tally.changed += 1
        return
    try:
        write_bytes_atomic(target.path.resolve(), _encoded(target.path, migration.text))
    except OSError as problem:
        error(f"cannot write {target.display}: {problem.strerror or problem}")
        tally.failed += 1
        return
    console.print(f"migrated {shown}: {'; '.join(migration.changes)}", markup=False)
    tally.changed += 1


def _encoded(path: Path, text: str) -> bytes:
    """``text`` in the encoding of the file at ``path``, with its byte order mark."""
    with path.open("rb") as file:
        head = file.read(4)
    for bom, codec in ENCODINGS:
        if head.startswith(bom):
            return bom + text.encode(codec)
    return text.encode("utf-8")


def _note_missing_schema(path: Path, schema: str | None, tally: _Tally) -> None:
    if schema is None or "://" in schema:
        return
    named = path.parent / schema
    if not named.exists():
        tally.missing_schemas[Path(os.path.normpath(named.parent.absolute()))] = None


def _summary(tally: _Tally, *, dry_run: bool) -> str:
    verb = "would be migrated" if dry_run else "migrated"
    parts = [
        f"{plural(tally.changed, 'file')} {verb}",
        f"{plural(tally.current, 'file')} already in format {FORMAT_VERSION}",
    ]
    if tally.failed:
        parts.append(f"{plural(tally.failed, 'file')} could not be migrated")
    return ", ".join(parts) + "."
