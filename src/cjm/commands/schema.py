"""``cjm schema``: write the JSON Schemas of the current format version into
``OUT/<version>/``, or check that the written ones are current."""

from __future__ import annotations

from pathlib import Path

from cjm.commands.output import error, stdout
from cjm.schema import stale_files, version_folder, write_schemas


def run_schema(out: Path, *, check: bool) -> int:
    console = stdout()
    folder = version_folder(out)
    if check:
        stale = stale_files(folder)
        if stale:
            error(f"out of date in {folder}: {', '.join(stale)}; run `cjm schema --out {out}`")
            return 1
        console.print(f"Schemas in {folder} are up to date.", markup=False)
        return 0
    try:
        changed = write_schemas(folder)
    except OSError as problem:
        error(f"cannot write schemas to {folder}: {problem.strerror or problem}")
        return 2
    for path in changed:
        console.print(f"wrote {path}", markup=False)
    if not changed:
        console.print(f"Schemas in {folder} are up to date.", markup=False)
    return 0
