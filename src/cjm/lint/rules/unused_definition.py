"""A persona, team, touchpoint or evidence entry that nothing uses.

Definitions that no map refers to are clutter with a cost: readers assume they matter,
a persona nobody maps suggests a journey that was never drawn, a team that owns nothing
suggests ownership that was never assigned, and research nobody cites is evidence the map
does not use. They also drift out of date, because nobody has a reason to look at them.

Connect the entry to the journey where it belongs: list a persona in a map's `personas`,
make a team the `owner` of something, put a touchpoint in a step's `touchpoints`, cite
evidence under `evidence`. If it no longer belongs anywhere, delete it. Shared entries
count as used when any map of the workspace refers to them; entries written inline in a
map count as used only by that map.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, WorkspaceContext
from cjm.load.document import Document
from cjm.load.positions import DataPath
from cjm.load.project import Project
from cjm.load.resolve import Reference, map_references, shared_references
from cjm.model import JourneyMap

CODE = "CJM111"
NAME = "unused-definition"
SEVERITY = Severity.WARNING
SUMMARY = "A persona, team, touchpoint or evidence entry that nothing uses."
SCOPE = "workspace"

FAILING = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams:
  - {id: growth, name: Growth}
  - {id: sales, name: Sales}
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
"""

PASSING = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams:
  - {id: growth, name: Growth}
  - {id: sales, name: Sales}
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
      - {id: book-demo, action: Books a demo with sales, owner: sales}
"""

# Collection key, kind as references name it, and how messages name it.
_COLLECTIONS = (
    ("teams", "team", "team"),
    ("personas", "persona", "persona"),
    ("touchpoints", "touchpoint", "touchpoint"),
    ("evidence", "evidence", "evidence entry"),
)

_HINTS = {
    "team": "make it the `owner:` of something, or remove it",
    "persona": "add its id to a map's `personas:`, or remove it",
    "touchpoint": "list it in a step's `touchpoints:`, or remove it",
    "evidence": "cite it under `evidence:` of a step, pain point or persona, or remove it",
}

Used = set[tuple[str, str]]


def _used(references: Iterable[Reference]) -> Used:
    """``(kind, id)`` of every shared-kind entity that ``references`` name."""
    used: Used = set()
    for reference in references:
        kind = "persona" if reference.kind == "map persona" else reference.kind
        used.add((kind, reference.target))
    return used


def _workspace_uses(project: Project) -> Used:
    used: Used = set()
    for definitions in project.definitions:
        if definitions.model is not None:
            used |= _used(shared_references(definitions.model))
    for journey in project.maps:
        if journey.model is not None:
            used |= _used(map_references(journey.model))
    return used


def _unused(document: Document[Any], used: Used, where: str) -> Iterator[Finding]:
    """Findings for the definitions of ``document`` whose ids ``used`` lacks."""
    for collection, kind, label in _COLLECTIONS:
        for index, entity in enumerate(getattr(document.model, collection, [])):
            if isinstance(entity, str) or (kind, entity.id) in used:
                continue
            path: DataPath = (collection, index)
            yield Finding(
                document,
                path,
                f"{label} '{entity.id}' is never used: nothing in {where} refers to it",
                _HINTS[kind],
            )


def _inline_unused(document: Document[JourneyMap]) -> Iterator[Finding]:
    journey = document.model
    assert journey is not None
    # A persona written inline in the map's `personas` is covered by the map: it is used.
    used = _used(map_references(journey)) | {("persona", p) for p in journey.persona_ids}
    yield from _unused(document, used, "this map")


def _everything_loaded(project: Project) -> bool:
    """Whether every map and definitions file is valid, so all references are known."""
    documents: list[Document[Any]] = [*project.definitions, *project.maps]
    return all(document.model is not None for document in documents)


def check(context: WorkspaceContext) -> Iterator[Finding]:
    project = context.project
    if _everything_loaded(project):
        used = _workspace_uses(project)
        shared: list[Document[Any]] = [*project.definitions]
        if project.config is not None and project.config.model is not None:
            shared.insert(0, project.config)
        for document in shared:
            yield from _unused(document, used, "the workspace")
    for journey in project.maps:
        if journey.model is not None:
            yield from _inline_unused(journey)
