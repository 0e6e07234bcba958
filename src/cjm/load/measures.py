"""Load each map's binding file and snapshot, and check them against the map and cjm.yaml.

A binding (``<map>.measures.yaml`` beside the map) and a snapshot
(``<snapshots>/<map-id>.yaml``) are read with the same loader as maps, so their syntax
and schema problems are located the same way. What the schema cannot know is checked
here: that the ids a binding writes are those of its map, that its sources exist in
cjm.yaml with the right kind, that its time zone is real and that its KPIs can be
computed on the funnel's line. Unknown ids are reported by the unknown-reference rule,
like a map's; the other problems are problems of the file's values.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cjm.diagnostics import INVALID_VALUE, UNKNOWN_REFERENCE, Diagnostic, Severity
from cjm.load.document import Document
from cjm.load.parallel import load_documents
from cjm.load.positions import DataPath
from cjm.load.resolve import closest
from cjm.load.source import DEFAULT_MAX_BYTES
from cjm.measure.attached import MapMeasurements
from cjm.measure.line import FunnelLine, funnel_line
from cjm.measure.locate import binding_path
from cjm.model import JourneyMap
from cjm.model.binding import Binding, KpiBinding, Measure
from cjm.model.snapshot import Snapshot
from cjm.model.sources import MeasureSettings, SourceKind

if TYPE_CHECKING:
    from cjm.cache import DocumentCache

WORKSPACE_NEEDED = (
    "a binding file needs a workspace: measuring reads the sources named under "
    "`measure.sources` in cjm.yaml"
)


@dataclass
class MeasureDocuments:
    """The binding and snapshot files of one map, as loaded."""

    map_display: str
    binding: Document[Binding] | None = None
    snapshot: Document[Snapshot] | None = None


@dataclass
class MeasureFiles:
    """Every binding and snapshot a project loaded, and what checking them found."""

    bindings: list[Document[Binding]] = field(default_factory=list)
    snapshots: list[Document[Snapshot]] = field(default_factory=list)
    # Map id to its files, for every map that loaded (the first of two with one id).
    by_map: dict[str, MeasureDocuments] = field(default_factory=dict)
    # Problems of the files' values (unknown ids go to ``references``).
    problems: list[Diagnostic] = field(default_factory=list)
    references: list[Diagnostic] = field(default_factory=list)

    def documents(self) -> list[Document[Binding] | Document[Snapshot]]:
        return [*self.bindings, *self.snapshots]


def snapshot_files(folder: Path) -> list[Path]:
    """The snapshot files in ``folder``: every ``.yaml`` file directly in it."""
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.iterdir()
        if path.name.endswith(".yaml") and not path.name.startswith(".")
    )


def bound_line(journey: JourneyMap, binding: Binding) -> FunnelLine:
    """The funnel's line through ``journey`` for the steps ``binding`` binds."""
    return funnel_line(journey, frozenset(binding.steps))


class _Checker:
    """Cross-checks of one binding against its map and the workspace's sources."""

    def __init__(self, files: MeasureFiles, document: Document[Binding]) -> None:
        self.files = files
        self.document = document

    def problem(self, path: DataPath, message: str, hint: str, at_key: bool = False) -> None:
        index = self.document.index
        where = index.key(path) if at_key else index.value(path)
        self.files.problems.append(
            Diagnostic(INVALID_VALUE, Severity.ERROR, message, self.document.display, where, hint)
        )

    def unknown(
        self,
        path: DataPath,
        message: str,
        target: str,
        known: Iterable[str],
        hint: str,
        at_key: bool = False,
    ) -> None:
        close = closest(target, known)
        if close is not None:
            message += f"; did you mean '{close}'?"
        index = self.document.index
        where = index.key(path) if at_key else index.value(path)
        self.files.references.append(
            Diagnostic(
                UNKNOWN_REFERENCE, Severity.ERROR, message, self.document.display, where, hint
            )
        )

    def check(
        self,
        binding: Binding,
        journey: JourneyMap,
        settings: MeasureSettings | None,
        sources_known: bool,
    ) -> None:
        if binding.map != journey.id:
            self.problem(
                ("map",),
                f"this file binds map '{binding.map}', but it is the binding of map "
                f"'{journey.id}' ({self.document.path.name} is named after that map's file)",
                f"write `map: {journey.id}`",
            )
        self.check_ids(binding, journey)
        if sources_known:
            self.check_source(("source",), binding.source, SourceKind.EVENTS, settings)
            if binding.feedback is not None:
                self.check_source(
                    ("feedback", "source"), binding.feedback.source, SourceKind.FEEDBACK, settings
                )
        self.check_timezone(binding.funnel.timezone)
        line = bound_line(journey, binding)
        for kpi_id, kpi in binding.kpis.items():
            self.check_kpi(kpi_id, kpi, binding, line)

    def check_ids(self, binding: Binding, journey: JourneyMap) -> None:
        steps = [step.id for _, _, step in journey.iter_steps()]
        for step_id in binding.steps:
            if step_id not in steps:
                self.unknown(
                    ("steps", step_id),
                    f"map '{journey.id}' has no step '{step_id}'",
                    step_id,
                    steps,
                    "bind the id of a step of the map",
                    at_key=True,
                )
        personas = journey.persona_ids
        for persona_id in binding.personas:
            if persona_id not in personas:
                self.unknown(
                    ("personas", persona_id),
                    f"'{persona_id}' is not one of the personas of map '{journey.id}'",
                    persona_id,
                    personas,
                    "bind the id of a persona in the map's `personas` list",
                    at_key=True,
                )
        kpis = [kpi.id for kpi in journey.all_kpis()]
        for kpi_id in binding.kpis:
            if kpi_id not in kpis:
                self.unknown(
                    ("kpis", kpi_id),
                    f"map '{journey.id}' has no KPI '{kpi_id}'",
                    kpi_id,
                    kpis,
                    "bind the id of a KPI of one of the map's stages or steps",
                    at_key=True,
                )

    def check_source(
        self,
        path: DataPath,
        source_id: str,
        kind: SourceKind,
        settings: MeasureSettings | None,
    ) -> None:
        sources = settings.sources if settings is not None else []
        source = next((s for s in sources if s.id == source_id), None)
        if source is None:
            of_kind = [s.id for s in sources if s.kind is kind]
            self.unknown(
                path,
                f"unknown {kind.value} source '{source_id}'",
                source_id,
                of_kind,
                f"add it under `measure.sources` in cjm.yaml with `kind: {kind.value}`"
                + (f", or use one of {', '.join(of_kind)}" if of_kind else ""),
            )
        elif source.kind is not kind:
            self.problem(
                path,
                f"source '{source_id}' holds {source.kind.value}, not {kind.value}",
                f"name a source of cjm.yaml with `kind: {kind.value}`",
            )

    def check_timezone(self, name: str) -> None:
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zones = zoneinfo.available_timezones()
            close = closest(name, zones)
            message = f"'{name}' is not an IANA time zone"
            if close is not None:
                message += f"; did you mean '{close}'?"
            self.problem(
                ("funnel", "timezone"),
                message,
                "write a zone such as `UTC` or `Europe/Berlin`",
            )

    def check_kpi(self, kpi_id: str, kpi: KpiBinding, binding: Binding, line: FunnelLine) -> None:
        on_line = line.step_ids
        side = {entry.step: entry.why for entry in line.side_steps}
        path: DataPath = ("kpis", kpi_id)
        if kpi.persona is not None and kpi.persona not in binding.personas:
            self.problem(
                (*path, "persona"),
                f"KPI '{kpi_id}' is computed for persona '{kpi.persona}', which is not bound "
                "under `personas`",
                f"say under `personas` which customers '{kpi.persona}' stands for",
            )
        fields = [("from", kpi.from_), ("to", kpi.to), ("step", kpi.step)]
        usable = True
        for key, step_id in fields:
            if step_id is None or step_id in on_line:
                continue
            usable = False
            if step_id not in binding.steps:
                self.problem(
                    (*path, key),
                    f"KPI '{kpi_id}' is computed at step '{step_id}', which is not bound "
                    "under `steps`",
                    f"bind step '{step_id}' under `steps`, or compute the KPI at a bound step",
                )
            elif step_id in side:
                kind = "an optional step" if side[step_id] == "optional" else "a branch step"
                self.problem(
                    (*path, key),
                    f"KPI '{kpi_id}' is computed at step '{step_id}', which is off the "
                    f"funnel's line ({kind}): only main-line, non-optional steps are "
                    "counted in order",
                    "compute the KPI at a main-line, non-optional step",
                )
        if not usable:
            return
        if (
            kpi.from_ is not None
            and kpi.to is not None
            and on_line.index(kpi.from_) >= on_line.index(kpi.to)
        ):
            self.problem(
                (*path, "to"),
                f"KPI '{kpi_id}' converts from step '{kpi.from_}' to step '{kpi.to}', "
                "which does not come after it on the funnel's line",
                "swap `from` and `to`, or pick a later step for `to`",
            )
        if kpi.measure in (Measure.DROP_OFF, Measure.TIME_TO_NEXT) and kpi.step == on_line[-1]:
            self.problem(
                (*path, "step"),
                f"KPI '{kpi_id}' measures {kpi.measure.value} at step '{kpi.step}', the last "
                "step of the funnel: there is no next step",
                "compute it at an earlier funnel step",
            )


def load_measure_files(
    maps: list[Document[JourneyMap]],
    standalone: list[tuple[Path, str]],
    snapshots: list[tuple[Path, str]],
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: DocumentCache | None = None,
) -> tuple[list[Document[Binding]], list[Document[Snapshot]], list[Document[Binding]]]:
    """Load the binding beside each of ``maps``, the ``standalone`` binding files met
    without their map, and the ``snapshots``; return (bindings beside maps, snapshots,
    standalone bindings). With a ``cache``, the files that did not change are taken from
    it, as maps are."""
    beside: list[tuple[Path, str]] = []
    for document in maps:
        found = binding_path(document.path)
        if found is not None:
            folder = document.display.rsplit("/", 1)
            name = found.name if len(folder) == 1 else f"{folder[0]}/{found.name}"
            beside.append((found, name))
    known = {path.resolve() for path, _ in beside}
    alone: list[tuple[Path, str]] = []
    for path, display in standalone:
        if path.resolve() not in known:
            known.add(path.resolve())
            alone.append((path, display))
    bindings = load_documents([*beside, *alone], Binding, max_bytes, cache)
    loaded_snapshots = load_documents(snapshots, Snapshot, max_bytes, cache)
    return bindings[: len(beside)], loaded_snapshots, bindings[len(beside) :]


def check_measure_files(
    files: MeasureFiles,
    maps: list[Document[JourneyMap]],
    beside: list[Document[Binding]],
    orphans: list[Document[Binding]],
    settings: MeasureSettings | None,
    in_workspace: bool,
    sources_known: bool,
) -> dict[str, MapMeasurements]:
    """Cross-check the loaded files, fill ``files`` and return what each map has."""
    attached: dict[str, MapMeasurements] = {}
    by_path = {doc.path.resolve(): doc for doc in beside}
    journeys: dict[str, JourneyMap] = {}
    for document in maps:
        journey = document.checked
        if journey is None or ("id",) in document.unloaded or journey.id in journeys:
            continue
        journeys[journey.id] = journey
        mine = files.by_map[journey.id] = MeasureDocuments(document.display)
        found = binding_path(document.path)
        binding_doc = by_path.get(found.resolve()) if found is not None else None
        if binding_doc is None:
            continue
        mine.binding = binding_doc
        # A binding that does not load still says the map is bound: `cjm measure` names
        # it as the file to fix rather than finding nothing to measure.
        entry = attached[journey.id] = MapMeasurements(binding_display=binding_doc.display)
        binding = binding_doc.model
        if binding is None:
            continue
        if not in_workspace:
            _needs_workspace(files, binding_doc)
            continue
        if document.model is None:
            continue  # the map did not load whole: what the binding names cannot be judged
        _Checker(files, binding_doc).check(binding, journey, settings, sources_known)
        entry.binding = binding
    for binding_doc in orphans:
        if not in_workspace:
            _needs_workspace(files, binding_doc)
            continue
        binding = binding_doc.model
        if binding is not None and binding.map in journeys:
            files.problems.append(
                Diagnostic(
                    INVALID_VALUE,
                    Severity.ERROR,
                    f"this file binds map '{binding.map}', but it is not beside that map's "
                    f"file under the map's name: it is not read",
                    binding_doc.display,
                    binding_doc.index.value(("map",)),
                    f"move it beside {files.by_map[binding.map].map_display}, named after it "
                    "(`<map>.measures.yaml`)",
                )
            )
        elif binding is not None:
            index = binding_doc.index
            close = closest(binding.map, journeys)
            message = f"no map of the workspace has id '{binding.map}'"
            if close is not None:
                message += f"; did you mean '{close}'?"
            files.references.append(
                Diagnostic(
                    UNKNOWN_REFERENCE,
                    Severity.ERROR,
                    message,
                    binding_doc.display,
                    index.value(("map",)),
                    "put the binding beside its map, named after the map's file "
                    "(`<map>.measures.yaml`)",
                )
            )
    for snapshot_doc in files.snapshots:
        _check_snapshot(files, snapshot_doc, journeys, attached)
    return attached


def _needs_workspace(files: MeasureFiles, document: Document[Binding]) -> None:
    files.problems.append(
        Diagnostic(
            INVALID_VALUE,
            Severity.ERROR,
            WORKSPACE_NEEDED,
            document.display,
            document.index.value(()),
            "add a cjm.yaml with a `measure:` section that names the sources, in the folder "
            "that holds the maps or above it",
        )
    )


def _check_snapshot(
    files: MeasureFiles,
    document: Document[Snapshot],
    journeys: dict[str, JourneyMap],
    attached: dict[str, MapMeasurements],
) -> None:
    map_id = document.path.name.removesuffix(".yaml")
    snapshot = document.model
    if snapshot is None:
        if map_id in journeys:
            files.by_map[map_id].snapshot = document
        return
    if snapshot.map != map_id:
        files.problems.append(
            Diagnostic(
                INVALID_VALUE,
                Severity.ERROR,
                f"this snapshot is of map '{snapshot.map}', but its file is named after map "
                f"'{map_id}'",
                document.display,
                document.index.value(("map",)),
                "run `cjm measure` again rather than editing or renaming snapshots",
            )
        )
        return
    if map_id not in journeys:
        message = f"this snapshot is of map '{map_id}', which no map of the workspace has"
        close = closest(map_id, journeys)
        if close is not None:
            message += f"; did you mean '{close}'?"
        files.references.append(
            Diagnostic(
                UNKNOWN_REFERENCE,
                Severity.ERROR,
                message,
                document.display,
                document.index.value(("map",)),
                "delete the snapshot of a map that was removed, or run `cjm measure` for a "
                "map that was renamed",
            )
        )
        return
    files.by_map[map_id].snapshot = document
    measured = attached.setdefault(map_id, MapMeasurements())
    measured.snapshot = snapshot
    measured.snapshot_display = document.display
