"""From loaded maps to files on disk: which files, in which order, written safely.

Output names derive from map ids (``<map-id>-<view>.<format>`` for diagrams,
``<map-id>.mmd``, ``<map-id>-report.html`` and ``<map-id>.md`` for the per-map exports,
``index.html`` for the page linking the reports), so they are stable and predictable. A
file is never written over one of the inputs, two maps can never write the same file, and
every file is written atomically.

Like a compiler, the pipeline draws nothing for a map with errors unless forced: a
diagram of a map with a misspelled reference would show the misspelling to stakeholders
as if it were right. A file that cannot be drawn (Graphviz failed, the image would be too
large) is reported with its reason, and the other files are still written.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cjm.compare import Pairing, compare_maps, futures_naming, pairing_of
from cjm.diagnostics import Diagnostic
from cjm.lint.config import LintRequest, build_policy
from cjm.lint.registry import find_rule
from cjm.load.document import Document
from cjm.load.project import Project
from cjm.load.workspace import real_path
from cjm.model import JourneyMap
from cjm.render.blueprint_view import blueprint_view
from cjm.render.compare_view import compare_view
from cjm.render.context import RenderContext
from cjm.render.dot import DiagramSource
from cjm.render.emotions_view import emotions_view
from cjm.render.failure import DrawingFailed
from cjm.render.formats import Drawer
from cjm.render.journey_view import journey_view
from cjm.render.mermaid import mermaid_notes, to_mermaid
from cjm.report import IndexEntry, html_index, html_report, index_entry, markdown_report
from cjm.wording import plural
from cjm.writing import write_bytes_atomic

VIEWS: dict[str, Callable[[RenderContext], DiagramSource]] = {
    "journey": journey_view,
    "blueprint": blueprint_view,
    "emotions": emotions_view,
    "compare": compare_view,
}
# The view of a future-state map against the current-state map it names.
COMPARE = "compare"
GRAPHVIZ_FORMATS = ("svg", "png", "pdf", "dot")
# The formats Graphviz lays out; DOT is cjm's own source.
LAID_OUT = ("svg", "png", "pdf")
MERMAID = "mermaid"
HTML = "html"
MARKDOWN = "markdown"
# Formats made once per map, whatever the views: the view slot of their jobs holds the
# format's name.
PER_MAP_FORMATS = (MERMAID, HTML, MARKDOWN)
EXTENSIONS = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot", MERMAID: "mmd"}
PER_MAP_NAMES = {MERMAID: "{id}.mmd", HTML: "{id}-report.html", MARKDOWN: "{id}.md"}
INDEX_NAME = "index.html"


@dataclass(frozen=True)
class Job:
    """One file to make: a view of a map in a format."""

    document: Document[JourneyMap]
    project: Project
    view: str
    output_format: str
    target: Path

    @property
    def map_id(self) -> str:
        assert self.document.model is not None
        return self.document.model.id


@dataclass(frozen=True)
class Skipped:
    """A map that gets no file, and why: it did not load, or it has errors."""

    display: str
    errors: int = 0

    @property
    def reason(self) -> str:
        if self.errors == 0:
            return "it could not be loaded"
        return f"it has {plural(self.errors, 'error')}"


@dataclass(frozen=True)
class Unpaired:
    """A map the compare view was asked for that has no current state to compare with."""

    display: str
    reason: str


@dataclass
class Plan:
    """The files to write, and why some cannot be."""

    jobs: list[Job] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    unpaired: list[Unpaired] = field(default_factory=list)
    # The page linking every HTML report, when one is wanted.
    index: Path | None = None

    @property
    def needs_graphviz(self) -> bool:
        return any(job.output_format in LAID_OUT for job in self.jobs)


def target_name(map_id: str, view: str, output_format: str) -> str:
    if output_format in PER_MAP_NAMES:
        return PER_MAP_NAMES[output_format].format(id=map_id)
    return f"{map_id}-{view}.{EXTENSIONS[output_format]}"


def plan_jobs(
    projects: list[Project],
    selected: set[str],
    views: list[str],
    formats: list[str],
    out: Path,
    index: bool = False,
    errors: Mapping[str, int] | None = None,
    force: bool = False,
    compare_if_paired: bool = False,
) -> Plan:
    """Every (map, view, format) to render, in a stable order, with clashes refused.

    A map with ``errors`` (display name -> how many) is skipped unless ``force``; a map
    that did not load is always skipped. With ``index`` and the html format, the plan
    also writes ``index.html`` linking the reports. The compare view is planned for a map
    whose ``current_state`` names a map of its workspace; for any other map it is listed
    in ``unpaired`` with the reason, or, with ``compare_if_paired`` (``--view all``),
    left out without a word.
    """
    errors = errors or {}
    plan = Plan()
    inputs = {real_path(doc.path) for project in projects for doc in project.documents()}
    claimed: dict[Path, str] = {}
    if index and HTML in formats:
        target = out / INDEX_NAME
        if real_path(target) in inputs:
            plan.refused.append(f"{target} is an input file; choose another --out")
        else:
            plan.index = target
            claimed[real_path(target)] = "the index page"
    for project in projects:
        loaded = {doc.model.id: doc.model for doc in project.maps if doc.model is not None}
        for document in project.maps:
            if document.display not in selected:
                continue
            if document.model is None:
                plan.skipped.append(Skipped(document.display))
                continue
            if errors.get(document.display) and not force:
                plan.skipped.append(Skipped(document.display, errors[document.display]))
                continue
            map_views = views
            if COMPARE in views and any(f not in PER_MAP_FORMATS for f in formats):
                reason = _no_pair(document.model, loaded)
                if reason is not None:
                    map_views = [v for v in views if v != COMPARE]
                    if not compare_if_paired:
                        plan.unpaired.append(Unpaired(document.display, reason))
            wanted = [(v, f) for v in map_views for f in formats if f not in PER_MAP_FORMATS]
            wanted += [(f, f) for f in PER_MAP_FORMATS if f in formats]
            for view, output_format in wanted:
                target = out / target_name(document.model.id, view, output_format)
                resolved = real_path(target)
                if resolved in inputs:
                    plan.refused.append(f"{target} is an input file; choose another --out")
                    continue
                if resolved in claimed:
                    plan.refused.append(
                        f"{document.display} and {claimed[resolved]} would both write "
                        f"{target}: their map ids are the same"
                    )
                    continue
                claimed[resolved] = document.display
                plan.jobs.append(Job(document, project, view, output_format, target))
    return plan


def _no_pair(journey: JourneyMap, loaded: Mapping[str, JourneyMap]) -> str | None:
    """Why ``journey`` has no compare view, or None when it has one."""
    if journey.current_state is None:
        futures = sorted(m.id for m in futures_naming(journey, loaded))
        if futures:
            named = ", ".join(f"'{f}'" for f in futures)
            return (
                "it has no current state to compare with; it is the current state of "
                f"{named}, whose compare view shows both"
            )
        return "it has no current state to compare with (it names no `current_state:`)"
    if journey.current_state not in loaded:
        return (
            f"the current-state map '{journey.current_state}' it names is not in the "
            "workspace, or does not load"
        )
    return None


def context_for(job: Job) -> RenderContext:
    """The map of ``job`` with what it references, and the valid maps of its workspace by
    id (a future-state map shows the current-state pain points it addresses)."""
    assert job.document.model is not None
    maps = {doc.model.id: doc.model for doc in job.project.maps if doc.model is not None}
    return RenderContext(job.document.model, job.project.scopes[job.document.display], maps)


def current_context_for(job: Job, context: RenderContext) -> RenderContext | None:
    """The current-state map ``context``'s map names, with its own workspace scope, when
    it is one of the loaded maps of ``job``'s project."""
    named = context.journey.current_state
    if named is None:
        return None
    for document in job.project.maps:
        if document.model is not None and document.model.id == named:
            scope = job.project.scopes[document.display]
            return RenderContext(document.model, scope, context.maps)
    return None


def pairing_for(job: Job, context: RenderContext, rendered: frozenset[str]) -> Pairing:
    """The pairing the report of ``job`` shows; ``rendered``: the ids of the maps whose
    report of the same format this run makes."""
    current = current_context_for(job, context)
    comparison = compare_maps(current, context) if current is not None else None
    return pairing_of(context.journey, context.maps, comparison, rendered)


def draw_view(job: Job) -> DiagramSource:
    context = context_for(job)
    if job.view == COMPARE:
        return compare_view(context, current_context_for(job, context))
    return VIEWS[job.view](context)


def mermaid_export(context: RenderContext) -> str:
    names = {m.persona_id: m.name for m in context.marks}
    return to_mermaid(context.journey, names)


def stale_after_days(project: Project) -> int:
    """How many days a map without a ``review_cadence`` stays fresh: the stale-map rule's
    ``default_cadence`` as the workspace sets it."""
    config = project.config
    settings = config.model.lint if config is not None and config.model is not None else None
    rule = find_rule("stale-map")
    assert rule is not None
    options = build_policy(settings, config, LintRequest()).options_for(rule)
    return int(options.default_cadence.days)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ReportInputs:
    """What the HTML and Markdown reports add to a map: its findings, and the date its
    review is judged on."""

    findings: Mapping[str, list[Diagnostic]] = field(default_factory=dict)
    today: datetime.date = field(default_factory=datetime.date.today)
    index_title: str = "Journey maps"


@dataclass(frozen=True)
class Outcome:
    """What became of one file: written (with notes for the reader), or not, and why."""

    target: Path
    job: Job | None = None
    notes: tuple[str, ...] = ()
    failure: DrawingFailed | None = None


def run_jobs(
    plan: Plan, drawer: Drawer | None, inputs: ReportInputs | None = None
) -> Iterator[Outcome]:
    """Write each file of ``plan``, yielding what became of it once it is on disk or has
    failed. A file that cannot be drawn does not stop the others.

    ``drawer`` draws the Graphviz formats; it may be None when the plan holds none.
    """
    inputs = inputs or ReportInputs()
    current: tuple[tuple[str, str], DiagramSource] | None = None
    entries: list[IndexEntry] = []
    cadences: dict[int, int] = {}
    reported = {
        output_format: frozenset(
            job.map_id for job in plan.jobs if job.output_format == output_format
        )
        for output_format in (HTML, MARKDOWN)
    }

    def review_days(project: Project) -> int:
        """:func:`stale_after_days`, worked out once per project (it reads cjm.yaml's lint
        settings), not once per report."""
        if id(project) not in cadences:
            cadences[id(project)] = stale_after_days(project)
        return cadences[id(project)]

    for job in plan.jobs:
        findings = inputs.findings.get(job.document.display, [])
        notes: tuple[str, ...] = ()
        if job.output_format == MERMAID:
            context = context_for(job)
            data = mermaid_export(context).encode("utf-8")
            notes = tuple(mermaid_notes(context.journey))
        elif job.output_format == HTML:
            days = review_days(job.project)
            context = context_for(job)
            pairing = pairing_for(job, context, reported[HTML])
            data = html_report(context, findings, inputs.today, days, pairing).encode("utf-8")
            name = job.target.name
            entries.append(index_entry(context, findings, name, inputs.today, days))
        elif job.output_format == MARKDOWN:
            days = review_days(job.project)
            context = context_for(job)
            pairing = pairing_for(job, context, reported[MARKDOWN])
            markdown = markdown_report(context, findings, inputs.today, days, pairing)
            data = markdown.encode("utf-8")
        else:
            key = (job.document.display, job.view)
            if current is None or current[0] != key:
                if current is not None and drawer is not None:
                    drawer.forget(current[1])  # every file of the previous view is written
                current = (key, draw_view(job))
            if job.output_format == "dot":
                data = current[1].source.encode("utf-8")
            elif drawer is None:
                raise ValueError("a diagram drawn by Graphviz needs a drawer")
            else:
                try:
                    drawing = drawer.draw(current[1], job.output_format)
                except DrawingFailed as failure:
                    yield Outcome(job.target, job, failure=failure)
                    continue
                data, notes = drawing.data, drawing.notes
        job.target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(job.target, data)
        yield Outcome(job.target, job, notes)
    if plan.index is not None:
        plan.index.parent.mkdir(parents=True, exist_ok=True)
        page = html_index(entries, inputs.index_title)
        write_bytes_atomic(plan.index, page.encode("utf-8"))
        yield Outcome(plan.index)
