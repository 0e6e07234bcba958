"""``cjm measure``: compute each bound map's funnel and feedback, and write its snapshot.

Maps are checked as ``cjm validate`` checks them first; a map whose map or binding file
has errors is not measured. What each map got is printed one line per map, with its
entrants and KPI values, so a scheduled job's log says what changed.

Exit status: 0 every bound map measured; 1 a map could not be measured; 2 usage error
(no workspace, no bound map, a broken cjm.yaml, bad options).
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from cjm.commands.checked import check_for_output
from cjm.commands.output import error, note, stdout
from cjm.measure.run import MapMeasured, MeasureRequest, bound_maps, measure_all
from cjm.measure.runner import MeasureError
from cjm.model.snapshot import KpiResult
from cjm.usage import UsageError
from cjm.wording import plural

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

NO_BINDING = (
    "no map here has a binding file: bind a map to data in `<map>.measures.yaml` next to "
    "it (see docs/grounding.md)"
)


def run_measure(
    paths: list[Path],
    *,
    as_of: datetime.date | None,
    write_actuals: bool,
    dry_run: bool,
    imported: Path | None,
    dialect: str | None,
    max_bytes: int,
) -> int:
    """Measure ``paths`` (default: the workspace around the current folder)."""
    as_of = as_of or datetime.date.today()
    checked = check_for_output(paths, as_of, max_bytes)
    if checked is None:
        return EXIT_USAGE
    result, _errors = checked
    request = MeasureRequest(
        as_of=as_of,
        env=dict(os.environ),
        write_actuals=write_actuals,
        dry_run=dry_run,
        imported=imported,
        imported_dialect=dialect,
    )
    try:
        outcomes = measure_all(result, request)
    except (MeasureError, UsageError) as problem:
        error(str(problem))
        return EXIT_USAGE
    if not outcomes:
        error(NO_BINDING)
        return EXIT_USAGE
    console = stdout()
    for outcome in outcomes:
        if outcome.problem is not None:
            error(f"{outcome.map_display}: {outcome.problem}")
            continue
        console.print(_summary(outcome, dry_run), markup=False)
        for line in _kpi_lines(outcome):
            console.print(f"  {line}", markup=False)
        for change in outcome.actuals_changed:
            was = "no value" if change.before is None else f"{change.before:g}"
            console.print(
                f"  actual of KPI {change.kpi}: {was} -> {change.after:g} "
                f"({outcome.map_display}:{change.line}:{change.column})",
                markup=False,
            )
        for kpi, reason in outcome.actuals_skipped:
            note(f"{outcome.map_display}: KPI '{kpi}' actual not written: {reason}")
    failed = sum(outcome.problem is not None for outcome in outcomes)
    if failed:
        return EXIT_FAILED
    return EXIT_OK


def _summary(outcome: MapMeasured, dry_run: bool) -> str:
    snapshot = outcome.snapshot
    assert snapshot is not None
    everyone = snapshot.funnel[0] if snapshot.funnel else None
    entered = f"{everyone.entered:,} entered" if everyone is not None else "no funnel"
    steps = plural(len(snapshot.definition.steps), "funnel step")
    period = snapshot.definition.period
    state = "unchanged"
    if outcome.changed:
        state = "would update" if dry_run else "wrote"
    words = (
        f"{outcome.map_display}: {entered}, {steps}, {period.start.isoformat()} to "
        f"{period.end.isoformat()} ({snapshot.engine.name}); {state} {outcome.snapshot_display}"
    )
    if outcome.actuals_changed:
        written = "would write" if dry_run else "wrote"
        words += f"; {written} {plural(len(outcome.actuals_changed), 'actual value')} into the map"
    return words


def _kpi_lines(outcome: MapMeasured) -> list[str]:
    snapshot = outcome.snapshot
    assert snapshot is not None
    return [_kpi_line(result) for result in snapshot.kpis]


def _kpi_line(result: KpiResult) -> str:
    if result.value is None:
        return f"KPI {result.kpi}: no value ({result.reason or 'not computed'})"
    unit = {"percent": "%", "ratio": "", "count": ""}.get(result.as_.value, f" {result.as_.value}")
    value = f"{result.value:,.0f}" if result.as_.value == "count" else f"{result.value:g}"
    return f"KPI {result.kpi}: {value}{unit}"


def run_print_sql(
    paths: list[Path], *, dialect: str | None, as_of: datetime.date | None, max_bytes: int
) -> int:
    """Print each bound map's funnel query, for the data team to run elsewhere."""
    from cjm.measure.run import funnel_sql_for

    today = as_of or datetime.date.today()
    checked = check_for_output(paths, today, max_bytes)
    if checked is None:
        return EXIT_USAGE
    result, _errors = checked
    ready, refused = bound_maps(result)
    for outcome in refused:
        error(f"{outcome.map_display}: {outcome.problem}")
    if not ready and not refused:
        error(NO_BINDING)
        return EXIT_USAGE
    console = stdout()
    try:
        for bound in ready:
            console.print(funnel_sql_for(bound, dialect, today), markup=False, end="")
    except MeasureError as problem:
        error(str(problem))
        return EXIT_FAILED
    return EXIT_FAILED if refused else EXIT_OK
