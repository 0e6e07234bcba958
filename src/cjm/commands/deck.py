"""``cjm export deck``: load and check maps, write a slide deck per map.

Maps are checked as ``cjm render`` checks them: their errors are printed as ``cjm
validate`` prints them, and a map with errors gets no deck unless forced.
"""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path

from cjm.commands.checked import check_for_output, findings_by_file
from cjm.commands.output import error, note, stdout
from cjm.deck.export import DeckPlan, plan_decks, write_decks
from cjm.load.source import DEFAULT_MAX_BYTES
from cjm.wording import plural

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def run_export_deck(
    paths: list[Path],
    *,
    out: Path,
    force: bool = False,
    today: datetime.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> int:
    """Write ``<map-id>.pptx`` into ``out`` for each map of ``paths`` (default: the
    workspace around the current folder)."""
    today = today or datetime.date.today()
    if out.exists() and not out.is_dir():
        error(f"--out {out} is a file, not a folder")
        return EXIT_USAGE
    checked = check_for_output(paths, today, max_bytes)
    if checked is None:
        return EXIT_USAGE
    result, errors = checked
    plan = plan_decks(
        result.projects,
        set(result.files),
        out,
        errors=Counter(d.path for d in errors),
        force=force,
    )
    for refusal in plan.refused:
        error(refusal)
    written = 0
    try:
        for _ in write_decks(plan, findings_by_file(result), today):
            written += 1
    except OSError as problem:
        error(f"cannot write into {out}: {problem.strerror or problem}")
        return EXIT_USAGE
    _summarise(plan, written, out)
    trouble = plan.refused or plan.skipped or (errors and not force)
    return EXIT_PROBLEMS if trouble else EXIT_OK


def _summarise(plan: DeckPlan, written: int, out: Path) -> None:
    for skipped in plan.skipped:
        note(f"{skipped.display} got no deck: {skipped.reason}")
    if any(skipped.errors for skipped in plan.skipped):
        count = sum(1 for skipped in plan.skipped if skipped.errors)
        note(
            f"{plural(count, 'map')} with errors skipped: fix the errors above, or export "
            "them anyway with --force"
        )
    if not plan.jobs and not plan.refused and not plan.skipped:
        note("no map to export")
    elif plan.jobs:
        stdout().print(f"Wrote {plural(written, 'deck')} into {out}.", markup=False)
