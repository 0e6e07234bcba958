"""From loaded maps to files on disk: which files, in which order, written safely.

Output names derive from map ids (``<map-id>-<view>.<format>`` for diagrams,
``<map-id>.mmd``, ``<map-id>-report.html`` and ``<map-id>.md`` for the per-map exports,
and, for a folder or workspace rendered as HTML, the workspace site (``index.html`` and
the pages of :mod:`cjm.site`) beside the reports), so they are stable and predictable. A
file is never written over one of the inputs, two maps can never write the same file, and
every file is written atomically.

Like a compiler, the pipeline draws nothing for a map with errors unless forced: a
diagram of a map with a misspelled reference would show the misspelling to stakeholders
as if it were right. A file that cannot be drawn (Graphviz failed, the image would be too
large) is reported with its reason, and the other files are still written.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cjm.diagnostics import Diagnostic
from cjm.load import summary
from cjm.load.document import Document
from cjm.load.project import Project
from cjm.load.workspace import real_path
from cjm.model import JourneyMap
from cjm.render.context import RenderContext, context_of, maps_of
from cjm.render.dot import DiagramSource
from cjm.render.failure import DrawingFailed
from cjm.render.journey_view import journey_view
from cjm.render.measured import Measured
from cjm.wording import plural
from cjm.writing import write_bytes_atomic

# The reports, the site, the comparison and the other views are imported where they are
# used: a diagram of the journey view, the commonest run, needs none of them, and they
# take longer to load than drawing it takes.
if TYPE_CHECKING:
    from cjm.compare import Pairing
    from cjm.portfolio.build import MapInput
    from cjm.render.formats import Drawer
    from cjm.report.facts import Report
    from cjm.report.parallel import PageRenderer
    from cjm.site import Page as SitePage


def _view(module: str, name: str) -> Callable[[RenderContext], DiagramSource]:
    """The view function ``name`` of ``module``, imported when a diagram of it is drawn."""

    def draw(context: RenderContext) -> DiagramSource:
        view: Callable[[RenderContext], DiagramSource] = getattr(
            importlib.import_module(module), name
        )
        return view(context)

    return draw


VIEWS: dict[str, Callable[[RenderContext], DiagramSource]] = {
    "journey": journey_view,
    "blueprint": _view("cjm.render.blueprint_view", "blueprint_view"),
    "emotions": _view("cjm.render.emotions_view", "emotions_view"),
    "compare": _view("cjm.render.compare_view", "compare_view"),
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
    # The site's home page, linking every HTML report, when a site is wanted; the site's
    # other pages are written beside it.
    index: Path | None = None
    # Every input file, and the files claimed so far with who claims them: a site page
    # may be written over neither.
    inputs: set[Path] = field(default_factory=set)
    claimed: dict[Path, str] = field(default_factory=dict)

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
    also writes the workspace site, whose home page ``index.html`` links the reports. The
    compare view is planned for a map whose ``current_state`` names a map of its
    workspace; for any other map it is listed in ``unpaired`` with the reason, or, with
    ``compare_if_paired`` (``--view all``), left out without a word.
    """
    errors = errors or {}
    plan = Plan()
    inputs = plan.inputs
    inputs.update(real_path(doc.path) for project in projects for doc in project.documents())
    claimed = plan.claimed
    if index and HTML in formats:
        target = out / INDEX_NAME
        if real_path(target) in inputs:
            plan.refused.append(f"{target} is an input file; choose another --out")
        else:
            plan.index = target
            claimed[real_path(target)] = "the index page"
    for project in projects:
        loaded = maps_of(project)
        for document in drawable_maps(project, selected, errors, force, plan.skipped):
            assert document.model is not None
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
                refusal = claim(target, document.display, inputs, claimed)
                if refusal is not None:
                    plan.refused.append(refusal)
                    continue
                plan.jobs.append(Job(document, project, view, output_format, target))
    return plan


def drawable_maps(
    project: Project,
    selected: set[str],
    errors: Mapping[str, int],
    force: bool,
    skipped: list[Skipped],
) -> Iterator[Document[JourneyMap]]:
    """The selected maps of ``project`` that get files: one that did not load never does,
    one with ``errors`` only when ``force``; each map passed over is added to
    ``skipped``."""
    for document in project.maps:
        if document.display not in selected:
            continue
        if document.model is None:
            skipped.append(Skipped(document.display))
        elif errors.get(document.display) and not force:
            skipped.append(Skipped(document.display, errors[document.display]))
        else:
            yield document


def claim(target: Path, who: str, inputs: set[Path], claimed: dict[Path, str]) -> str | None:
    """Claim ``target`` for ``who`` (a map's display name); why it cannot be claimed (it
    is an input file, or another map writes it), or None once it is."""
    resolved = real_path(target)
    if resolved in inputs:
        return f"{target} is an input file; choose another --out"
    if resolved in claimed:
        return (
            f"{who} and {claimed[resolved]} would both write {target}: their map ids are the same"
        )
    claimed[resolved] = who
    return None


def _no_pair(journey: JourneyMap, loaded: Mapping[str, JourneyMap]) -> str | None:
    """Why ``journey`` has no compare view, or None when it has one."""
    if journey.current_state is None:
        from cjm.compare import futures_naming

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


def stale_after_days(project: Project) -> int:
    """How many days a map without a ``review_cadence`` stays fresh in its reports (see
    :func:`cjm.portfolio.inputs.stale_after_days`)."""
    from cjm.portfolio.inputs import stale_after_days as days

    return days(project)


def measured_for(project: Project, journey: JourneyMap) -> Measured | None:
    """What ``project`` measured of ``journey`` (its binding and snapshot), with the
    sources its ``cjm.yaml`` declares; None when the map is neither bound nor measured."""
    measurements = project.measurements.get(journey.id)
    if measurements is None or (measurements.binding is None and measurements.snapshot is None):
        return None
    config = project.config.model if project.config is not None else None
    settings = config.measure if config is not None else None
    return Measured(measurements, tuple(settings.sources) if settings is not None else ())


def context_for(job: Job, maps: Mapping[str, JourneyMap] | None = None) -> RenderContext:
    """The map of ``job`` as :func:`cjm.render.context.context_of` gives it (``maps``,
    when the caller has them, so that the maps of a workspace share one table), with what
    its workspace measured of it."""
    context = context_of(job.document, job.project, maps)
    context.measured = measured_for(job.project, context.journey)
    return context


def current_context_for(job: Job, context: RenderContext) -> RenderContext | None:
    """The current-state map ``context``'s map names, with its own workspace scope, when
    it is one of the loaded maps of ``job``'s project."""
    named = context.journey.current_state
    if named is None:
        return None
    for document in job.project.maps:
        # Looked up by id first: a map kept as its cached summary is not read whole.
        if summary.model_id(document) == named and document.model is not None:
            scope = job.project.scopes[document.display]
            return RenderContext(document.model, scope, context.maps)
    return None


def pairing_for(job: Job, context: RenderContext, rendered: frozenset[str]) -> Pairing:
    """The pairing the report of ``job`` shows; ``rendered``: the ids of the maps whose
    report of the same format this run makes."""
    from cjm.compare import compare_maps, pairing_of

    current = current_context_for(job, context)
    comparison = compare_maps(current, context) if current is not None else None
    return pairing_of(context.journey, context.maps, comparison, rendered)


def draw_view(job: Job) -> DiagramSource:
    context = context_for(job)
    if job.view == COMPARE:
        from cjm.render.compare_view import compare_view

        return compare_view(context, current_context_for(job, context))
    return VIEWS[job.view](context)


def mermaid_export(context: RenderContext) -> str:
    from cjm.render.mermaid import to_mermaid

    names = {m.persona_id: m.name for m in context.marks}
    return to_mermaid(context.journey, names)


@dataclass(frozen=True)
class ReportInputs:
    """What the HTML and Markdown reports add to a map: its findings, and the date its
    review is judged on."""

    findings: Mapping[str, list[Diagnostic]] = field(default_factory=dict)
    today: datetime.date = field(default_factory=datetime.date.today)
    index_title: str = "Journey maps"


def site_refusal(plan: Plan, target: Path) -> str | None:
    """Why a site page may not be written at ``target``, or None when it may."""
    resolved = real_path(target)
    if resolved in plan.inputs:
        return f"{target} is an input file; choose another --out"
    if resolved in plan.claimed and target != plan.index:
        return f"{plan.claimed[resolved]} already writes {target}"
    return None


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
    maps: list[MapInput] = []
    cadences: dict[int, int] = {}
    tables: dict[int, Mapping[str, JourneyMap]] = {}
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

    def maps_by_id(project: Project) -> Mapping[str, JourneyMap]:
        """The maps of ``project`` by id, one table for all its reports."""
        if id(project) not in tables:
            tables[id(project)] = maps_of(project)
        return tables[id(project)]

    def html_page(job: Job) -> tuple[Report, Pairing]:
        """The report of ``job`` and its pairing; the map joins the site when there is one."""
        from cjm.portfolio.build import MapInput
        from cjm.portfolio.inputs import channel_names
        from cjm.report.build import build_report

        findings = inputs.findings.get(job.document.display, [])
        context = context_for(job, maps_by_id(job.project))
        # Built once: the map's report, and its part of the site.
        report = build_report(context, findings, inputs.today, review_days(job.project))
        if plan.index is not None:
            maps.append(
                MapInput(
                    context=context,
                    report=report,
                    path=job.document.display,
                    findings=tuple(findings),
                    report_file=job.target.name,
                    channel_names=channel_names(job.project),
                )
            )
        return report, pairing_for(job, context, reported[HTML])

    html_jobs = [job for job in plan.jobs if job.output_format == HTML]
    if not html_jobs and plan.index is None:
        # Diagrams only: nothing of the reports is imported. (A site is written even
        # when none of its maps gets a report: its pages say why.)
        yield from _run(plan, drawer, inputs, reported, review_days, html_page, None)
        return
    from cjm.report.parallel import PageRenderer
    from cjm.report.parallel import worker_count as report_workers

    workers = report_workers(len(html_jobs))
    # With several workers the reports are built first, then the pages rendered by the
    # workers while this process draws the rest and builds the site.
    built = [(*html_page(job), job.target) for job in html_jobs] if workers > 1 else []
    with PageRenderer(built, workers) as pages:
        site = _site_pages(plan, maps, inputs) if workers > 1 and plan.index else None
        yield from _run(plan, drawer, inputs, reported, review_days, html_page, pages)
        if plan.index is not None:
            if site is None:
                site = _site_pages(plan, maps, inputs)
            yield from _write_site(plan, plan.index, site)


def _run(
    plan: Plan,
    drawer: Drawer | None,
    inputs: ReportInputs,
    reported: Mapping[str, frozenset[str]],
    review_days: Callable[[Project], int],
    html_page: Callable[[Job], tuple[Report, Pairing]],
    pages: PageRenderer | None,
) -> Iterator[Outcome]:
    """Write each file of ``plan`` (see :func:`run_jobs`); the HTML reports come from
    ``pages`` when it renders them, else from ``html_page``."""
    current: tuple[tuple[str, str], DiagramSource] | None = None
    html_count = 0
    for job in plan.jobs:
        findings = inputs.findings.get(job.document.display, [])
        notes: tuple[str, ...] = ()
        if job.output_format == MERMAID:
            from cjm.render.mermaid import mermaid_notes

            context = context_for(job)
            data = mermaid_export(context).encode("utf-8")
            notes = tuple(mermaid_notes(context.journey))
        elif job.output_format == HTML:
            from cjm.report.html import render_report

            if pages is not None and pages.parallel:
                pages.write(html_count)  # a worker renders and writes it
                html_count += 1
                yield Outcome(job.target, job)
                continue
            data = render_report(*html_page(job)).encode("utf-8")
        elif job.output_format == MARKDOWN:
            from cjm.report import markdown_report

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


def _site_pages(plan: Plan, maps: list[MapInput], inputs: ReportInputs) -> list[SitePage]:
    """The pages of the workspace site, from the maps whose reports are written; the maps
    the plan skips are named on it as left out."""
    from cjm.portfolio.build import build_portfolio
    from cjm.site import site_pages

    left_out = [(skipped.display, skipped.reason) for skipped in plan.skipped]
    portfolio = build_portfolio(maps, inputs.index_title, inputs.today, left_out)
    return site_pages(portfolio)


def _write_site(plan: Plan, home: Path, pages: list[SitePage]) -> Iterator[Outcome]:
    """Write the pages of the workspace site beside ``home``."""
    home.parent.mkdir(parents=True, exist_ok=True)
    for page in pages:
        target = home.parent / page.name
        refusal = site_refusal(plan, target)
        if refusal is not None:
            yield Outcome(target, failure=DrawingFailed(refusal))
            continue
        plan.claimed[real_path(target)] = "the workspace site"
        write_bytes_atomic(target, page.html.encode("utf-8"))
        yield Outcome(target)
