"""``cjm export tables``: the pain-point register, opportunity backlog and KPI board as
CSV files and an Excel workbook.

Maps are checked first, as ``cjm render`` checks them: error findings are printed as
``cjm validate`` prints them, and a map with errors is left out of the tables unless
forced. Every map left out is named with why; the tables of the others are still written.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path

from cjm.commands.checked import check_for_output
from cjm.commands.output import error, note, stdout
from cjm.export.files import OutputError, input_files, write_tables
from cjm.export.tables import build_tables
from cjm.load.source import DEFAULT_MAX_BYTES
from cjm.portfolio import build_portfolio, gather, workspace_title
from cjm.wording import plural

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def run_export_tables(
    paths: list[Path],
    *,
    formats: Sequence[str],
    out: Path,
    force: bool = False,
    bom: bool = True,
    today: datetime.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> int:
    """Export the tables of ``paths`` (default: the workspace around the current folder)
    into the folder ``out``."""
    today = today or datetime.date.today()
    if out.exists() and not out.is_dir():
        error(f"--out {out} is a file, not a folder; choose a folder")
        return EXIT_USAGE
    checked = check_for_output(paths, today, max_bytes)
    if checked is None:
        return EXIT_USAGE
    result, _ = checked
    gathered = gather(result, today, force=force)
    portfolio = build_portfolio(
        gathered.maps, workspace_title(result.projects), today, gathered.left_out
    )
    tables = build_tables(portfolio)
    try:
        written = write_tables(tables, formats, out, input_files(result.projects), bom=bom)
    except OutputError as problem:
        error(str(problem))
        return EXIT_USAGE
    for refusal in written.refused:
        error(refusal)
    for path, why in gathered.left_out:
        note(f"{path} is not in the tables: {why}")
    loaded = {doc.display for project in result.projects for doc in project.maps if doc.model}
    if any(path in loaded for path, _ in gathered.left_out):
        note("fix the errors above, or export maps with errors anyway with --force")
    for cut in tables.cut:
        note(
            f"{cut.table}, {cut.key}, {cut.column}: {cut.length:,} characters, cut to the "
            "32,767 a spreadsheet cell holds (marked in the cell)"
        )
    if not gathered.maps and not gathered.left_out:
        note("no map to export: the tables have only their header rows")
    stdout().print(
        f"Wrote {plural(len(written.files), 'file')} into {out}: "
        f"{plural(len(portfolio.journeys), 'map')}, "
        f"{plural(len(portfolio.pains), 'pain point')}, "
        f"{plural(len(portfolio.opportunities), 'opportunity', 'opportunities')}, "
        f"{plural(len(portfolio.kpis), 'KPI')}.",
        markup=False,
    )
    return EXIT_PROBLEMS if gathered.left_out or written.refused else EXIT_OK
