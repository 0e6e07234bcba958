"""Measure maps: from checked maps and their bindings to snapshots on disk.

This is the core of ``cjm measure``; it knows nothing of terminals. Each map with a
binding file is measured on its own: a map whose map or binding file has errors, or
whose source cannot be read, fails with the reason while the others go on.

For each map: the binding becomes a plan (:mod:`cjm.measure.plan`), the plan one funnel
query (:mod:`cjm.measure.funnel_sql`), run by the embedded DuckDB over local files or in
the source's warehouse, or read back from a result the data team computed (``--import``);
feedback is read the same way; the numbers, the definition they were computed under and
the binding's hash become the snapshot, written only when it changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjm.check import CheckResult
from cjm.diagnostics import Severity
from cjm.load.document import Document
from cjm.load.project import Project
from cjm.measure.attached import MapMeasurements
from cjm.measure.fingerprint import expected_hash
from cjm.measure.locate import binding_path, snapshot_path
from cjm.measure.runner import MeasureError, Runner
from cjm.model import FORMAT_VERSION, JourneyMap
from cjm.model.binding import Binding
from cjm.model.snapshot import Engine, FeedbackResult, Snapshot
from cjm.model.sources import MeasureSettings, Source
from cjm.writing import write_text_atomic

if TYPE_CHECKING:
    from cjm.measure.actuals import ActualChange
    from cjm.measure.plan import FunnelPlan


@dataclass(frozen=True)
class MeasureRequest:
    """What to measure and how."""

    as_of: datetime.date
    env: Mapping[str, str]
    write_actuals: bool = False
    dry_run: bool = False
    # The funnel result computed elsewhere (CSV with the query's columns), for one map.
    imported: Path | None = None
    imported_dialect: str | None = None


@dataclass
class MapMeasured:
    """What happened to one map."""

    map_id: str
    map_display: str
    snapshot_display: str | None = None
    snapshot: Snapshot | None = None
    changed: bool = False
    problem: str | None = None
    actuals_changed: list[ActualChange] = field(default_factory=list)
    actuals_skipped: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Bound:
    """A map that has a binding, with what measuring it needs."""

    project: Project
    document: Document[JourneyMap]
    journey: JourneyMap
    measurements: MapMeasurements
    binding: Binding


def bound_maps(result: CheckResult) -> tuple[list[Bound], list[MapMeasured]]:
    """The maps of ``result`` that have a binding file, and those that cannot be measured
    because their map or binding file has errors (load errors: lint findings never stop a
    measurement, since measuring is what fixes several of them)."""
    chosen = set(result.files)
    blocking = {
        d.path
        for p in result.projects
        for d in p.load_diagnostics()
        if d.severity is Severity.ERROR
    }
    ready: list[Bound] = []
    refused: list[MapMeasured] = []
    for project in result.projects:
        for document in project.maps:
            journey = document.model
            if document.display not in chosen or journey is None:
                continue
            measurements = project.measurements.get(journey.id)
            if measurements is None or measurements.binding_display is None:
                continue
            broken = sorted(
                path
                for path in (document.display, measurements.binding_display)
                if path in blocking
            )
            if broken or measurements.binding is None:
                refused.append(
                    MapMeasured(
                        journey.id,
                        document.display,
                        problem=f"{' and '.join(broken) or measurements.binding_display} "
                        "has errors (see above): fix them, then measure again",
                    )
                )
                continue
            ready.append(Bound(project, document, journey, measurements, measurements.binding))
    return ready, refused


def _settings(project: Project) -> MeasureSettings:
    config = project.config.model if project.config is not None else None
    if config is None or config.measure is None:
        raise MeasureError("cjm.yaml has no `measure` section: declare the sources there")
    return config.measure


def _source(settings: MeasureSettings, source_id: str, what: str) -> Source:
    source = settings.source(source_id)
    if source is None:
        raise MeasureError(f"{what} '{source_id}' is not a source in cjm.yaml `measure.sources`")
    return source


def open_runner(
    source: Source, root: Path, settings: MeasureSettings, env: Mapping[str, str]
) -> Runner:
    """A runner for ``source``: the embedded DuckDB over local files, or its warehouse."""
    if source.warehouse is not None:
        from cjm.measure.warehouses import open_warehouse_runner

        return open_warehouse_runner(source, env)
    from cjm.measure.files_runner import open_files_runner

    return open_files_runner(source, root, settings)


def _with_runner(
    source: Source,
    root: Path,
    settings: MeasureSettings,
    env: Mapping[str, str],
    work: Callable[[Runner], Any],
) -> Any:
    runner = open_runner(source, root, settings, env)
    try:
        return work(runner)
    finally:
        runner.close()


def measure_map(bound: Bound, request: MeasureRequest) -> Snapshot:
    """The snapshot of one bound map."""
    from cjm.measure.assemble import assemble
    from cjm.measure.funnel_sql import funnel_query
    from cjm.measure.kpis import kpi_results
    from cjm.measure.plan import build_plan

    root = bound.project.root
    if root is None:
        raise MeasureError("a map is measured inside a workspace: cjm.yaml declares the sources")
    settings = _settings(bound.project)
    binding = bound.binding
    binding_display = bound.measurements.binding_display or "the binding file"
    source = _source(settings, binding.source, "the events source")
    plan = build_plan(bound.journey, binding, source, request.as_of, binding_display)
    query = funnel_query(plan)
    if request.imported is not None:
        from cjm.measure.results_import import read_result

        rows: Sequence[tuple[Any, ...]] = read_result(request.imported)
        engine = Engine(
            name="imported",
            version=request.imported.name,
            dialect=request.imported_dialect or "unknown",
        )
    else:

        def run_funnel(runner: Runner) -> tuple[Sequence[tuple[Any, ...]], Engine]:
            return runner.run(query), runner.engine()

        rows, engine = _with_runner(source, root, settings, request.env, run_funnel)
    outcome = assemble(plan, rows)
    feedback = _feedback(bound, plan, root, settings, request)
    return Snapshot(
        format=FORMAT_VERSION,
        map=bound.journey.id,
        measured_on=request.as_of,
        binding_hash=expected_hash(bound.journey, binding, settings.sources),
        engine=engine,
        definition=plan.definition(),
        data=outcome.data,
        funnel=outcome.segments,
        matches=outcome.matches,
        kpis=kpi_results(plan, binding, outcome.segments),
        feedback=feedback,
    )


def _feedback(
    bound: Bound,
    plan: FunnelPlan,
    root: Path,
    settings: MeasureSettings,
    request: MeasureRequest,
) -> FeedbackResult | None:
    """The feedback about the map's steps, over the funnel's period when the feedback
    source says when each answer was given, and over every answer when it does not."""
    wanted = bound.binding.feedback
    if wanted is None:
        return None
    from cjm.measure.feedback import feedback_query, has_time, measure_feedback, rows_from_result

    source = _source(settings, wanted.source, "the feedback source")
    dated = has_time(source)
    query = feedback_query(source, (plan.start_epoch, plan.end_epoch) if dated else None)

    def read(runner: Runner) -> Sequence[tuple[Any, ...]]:
        return runner.run(query)

    rows = _with_runner(source, root, settings, request.env, read)
    return measure_feedback(
        bound.journey, wanted, rows_from_result(rows), plan.period if dated else None
    )


def funnel_sql_for(bound: Bound, dialect: str | None, as_of: datetime.date) -> str:
    """The funnel query of one bound map, in ``dialect`` (default: its source's own),
    headed by comments that say what it is and how to bring its result back."""
    from cjm.measure.dialects import transpile
    from cjm.measure.funnel_sql import funnel_query
    from cjm.measure.plan import build_plan
    from cjm.measure.runner import EVENTS_RELATION

    settings = _settings(bound.project)
    binding_display = bound.measurements.binding_display or "the binding file"
    source = _source(settings, bound.binding.source, "the events source")
    plan = build_plan(bound.journey, bound.binding, source, as_of, binding_display)
    target = dialect or (source.warehouse.value if source.warehouse is not None else "duckdb")
    tables = {EVENTS_RELATION: source.table} if source.table is not None else None
    sql = transpile(funnel_query(plan), target, tables)
    reads = (
        f"the table {source.table}"
        if source.table is not None
        else f"{EVENTS_RELATION}: create it as a view or table over {source.files}"
    )
    return (
        f"-- cjm measure: the funnel of map '{bound.journey.id}' ({bound.document.display}),\n"
        f"-- bound by {binding_display}, source '{source.id}', {target} dialect.\n"
        f"-- Period {plan.period.start.isoformat()} to {plan.period.end.isoformat()} "
        f"({plan.timezone}); it reads {reads}.\n"
        "-- Save the result as CSV with its header row, then run:\n"
        f"--   cjm measure {bound.document.display} --import RESULT.csv --dialect {target}"
        + (f" --as-of {as_of.isoformat()}" if bound.binding.funnel.period.last_days else "")
        + "\n"
        + sql.rstrip()
        + ";\n"
    )


def write_snapshot(bound: Bound, snapshot: Snapshot, dry_run: bool) -> tuple[Path, bool]:
    """Write ``snapshot`` where the workspace keeps it; whether the file changed."""
    from cjm.measure.snapshot_file import dump_snapshot

    root = bound.project.root
    assert root is not None  # measure_map refused maps outside a workspace
    config = bound.project.config.model if bound.project.config is not None else None
    path = snapshot_path(root, config.measure if config else None, bound.journey.id)
    old = _read_text(path)
    text = dump_snapshot(snapshot, _from_root(binding_path(bound.document.path), root))
    if text == old:
        return path, False
    if not dry_run:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, text)
    return path, True


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_actuals_into_map(bound: Bound, snapshot: Snapshot, dry_run: bool) -> MapMeasured:
    """Write the snapshot's KPI values into the map's `actual` fields, keeping every
    comment and every other byte of the file."""
    from cjm.measure.actuals import write_actuals

    measured = MapMeasured(bound.journey.id, bound.document.display)
    path = bound.document.path
    try:
        # Decoded as plain UTF-8, a byte order mark stays a character and is written back.
        original = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        raise MeasureError(
            f"cannot write actual values into {bound.document.display}: {problem}"
        ) from None
    edit = write_actuals(
        original, bound.journey, snapshot.kpis, snapshot.definition.period, bound.document.display
    )
    measured.actuals_changed = list(edit.changed)
    measured.actuals_skipped = list(edit.skipped)
    if edit.text != original and not dry_run:
        write_text_atomic(path, edit.text)
    return measured


def measure_all(result: CheckResult, request: MeasureRequest) -> list[MapMeasured]:
    """Measure every bound map of ``result``; one entry per map, in the order checked."""
    ready, outcomes = bound_maps(result)
    if request.imported is not None and len(ready) != 1:
        raise MeasureError(
            "--import reads the result of one map's query: name that map's file "
            f"({len(ready)} bound maps were selected)"
        )
    for bound in ready:
        measured = MapMeasured(bound.journey.id, bound.document.display)
        try:
            snapshot = measure_map(bound, request)
            path, measured.changed = write_snapshot(bound, snapshot, request.dry_run)
            measured.snapshot = snapshot
            measured.snapshot_display = _display(path, result.cwd)
            if request.write_actuals:
                actuals = write_actuals_into_map(bound, snapshot, request.dry_run)
                measured.actuals_changed = actuals.actuals_changed
                measured.actuals_skipped = actuals.actuals_skipped
        except MeasureError as problem:
            measured.problem = str(problem)
        outcomes.append(measured)
    return outcomes


def _display(path: Path, cwd: Path) -> str:
    from cjm.load.project import display_path

    return display_path(path, cwd)


def _from_root(path: Path | None, root: Path) -> str | None:
    """``path`` relative to the workspace root, so that a snapshot's text does not depend
    on the folder cjm measure ran in."""
    if path is None:
        return None
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name
