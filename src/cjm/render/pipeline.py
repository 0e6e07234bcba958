"""From loaded maps to files on disk: which files, in which order, written safely.

Output names derive from map ids (``<map-id>-<view>.<format>``), so they are stable and
predictable. A file is never written over one of the inputs, two maps can never write
the same file, and every file is written atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cjm.load.document import Document
from cjm.load.project import Project
from cjm.model import JourneyMap
from cjm.render.blueprint_view import blueprint_view
from cjm.render.context import RenderContext
from cjm.render.dot import DiagramSource
from cjm.render.emotions_view import emotions_view
from cjm.render.graphviz_run import Renderer
from cjm.render.journey_view import journey_view
from cjm.render.mermaid import to_mermaid
from cjm.writing import write_bytes_atomic

VIEWS: dict[str, Callable[[RenderContext], DiagramSource]] = {
    "journey": journey_view,
    "blueprint": blueprint_view,
    "emotions": emotions_view,
}
GRAPHVIZ_FORMATS = ("svg", "png", "pdf", "dot")
MERMAID = "mermaid"
EXTENSIONS = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot", MERMAID: "mmd"}


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


@dataclass
class Plan:
    """The files to write, and why some cannot be."""

    jobs: list[Job] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def target_name(map_id: str, view: str, output_format: str) -> str:
    if output_format == MERMAID:  # one export per map, whatever the views
        return f"{map_id}.{EXTENSIONS[MERMAID]}"
    return f"{map_id}-{view}.{EXTENSIONS[output_format]}"


def plan_jobs(
    projects: list[Project],
    selected: set[str],
    views: list[str],
    formats: list[str],
    out: Path,
) -> Plan:
    """Every (map, view, format) to render, in a stable order, with clashes refused."""
    plan = Plan()
    inputs = {doc.path.resolve() for project in projects for doc in project.documents()}
    claimed: dict[Path, str] = {}
    for project in projects:
        for document in project.maps:
            if document.model is None or document.display not in selected:
                continue
            wanted = [(v, f) for v in views for f in formats if f != MERMAID]
            if MERMAID in formats:
                wanted.append((MERMAID, MERMAID))
            for view, output_format in wanted:
                target = out / target_name(document.model.id, view, output_format)
                resolved = target.resolve()
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


def context_for(job: Job) -> RenderContext:
    assert job.document.model is not None
    return RenderContext(job.document.model, job.project.scopes[job.document.display])


def mermaid_export(context: RenderContext) -> str:
    names = {m.persona_id: m.name for m in context.marks}
    return to_mermaid(context.journey, names)


def run_jobs(jobs: list[Job], renderer: Renderer) -> Iterator[Job]:
    """Render and write each job, yielding it once its file is on disk."""
    sources: dict[tuple[str, str], DiagramSource] = {}
    for job in jobs:
        if job.output_format == MERMAID:
            data = mermaid_export(context_for(job)).encode("utf-8")
        else:
            key = (job.document.display, job.view)
            if key not in sources:
                sources[key] = VIEWS[job.view](context_for(job))
            data = renderer.render(sources[key], job.output_format)
        job.target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(job.target, data)
        yield job
