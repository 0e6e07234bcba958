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

from collections.abc import Iterator
from typing import Any

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, Skipped, WorkspaceContext, listing
from cjm.load import summary
from cjm.load.document import Document
from cjm.load.positions import DataPath
from cjm.load.project import Project
from cjm.load.resolve import map_references, shared_references
from cjm.load.summary import Used
from cjm.model import JourneyMap

CODE = "CJM111"
NAME = "unused-definition"
SEVERITY = Severity.WARNING
SUMMARY = "A persona, team, touchpoint or evidence entry that nothing uses."
SCOPE = "workspace"

FAILING = """\
format: "1.0"
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
format: "1.0"
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
    "evidence": "cite it under `evidence:` of a step, pain point, persona, KPI or opportunity, "
    "or remove it",
}


def _workspace_uses(project: Project) -> Used:
    used: Used = set()
    for definitions in project.definitions:
        if definitions.checked is not None:
            used |= summary.used(shared_references(definitions.checked))
    for journey in project.maps:
        # A map not checked here stands on its summary: what it uses, without its model.
        uses = summary.uses(journey)
        if uses is not None:
            used |= uses
    return used


def _mentioned(project: Project) -> set[str]:
    """Ids written in parts of files that did not load: they may well be uses."""
    return {word for document in project.documents() for word in document.unloaded_mentions}


def _unused(
    document: Document[Any], used: Used, where: str, mentioned: set[str]
) -> Iterator[Finding]:
    """Findings for the definitions of ``document`` whose ids ``used`` lacks."""
    model = document.checked
    for collection, kind, label in _COLLECTIONS:
        for index, entity in enumerate(getattr(model, collection, [])):
            if isinstance(entity, str) or (kind, entity.id) in used or entity.id in mentioned:
                continue
            path: DataPath = (collection, index)
            yield Finding(
                document,
                path,
                f"{label} '{entity.id}' is never used: nothing in {where} refers to it",
                _HINTS[kind],
            )


def _inline_unused(document: Document[JourneyMap]) -> Iterator[Finding]:
    journey = document.checked
    assert journey is not None
    # A persona written inline in the map's `personas` is covered by the map: it is used.
    used = summary.used(map_references(journey)) | {("persona", p) for p in journey.persona_ids}
    yield from _unused(document, used, "this map", set(document.unloaded_mentions))


def _not_loaded(project: Project) -> list[str]:
    """The maps and definition files of which nothing could be read: what they use is
    unknown."""
    missing = [document.display for document in project.definitions if document.checked is None]
    missing.extend(journey.display for journey in project.maps if not summary.loaded(journey))
    return missing


def check(context: WorkspaceContext) -> Iterator[Finding | Skipped]:
    project = context.project
    missing = _not_loaded(project)
    if missing:
        yield Skipped(
            "did not check the shared definitions: "
            + listing(missing[:3] + ([f"{len(missing) - 3} more"] if len(missing) > 3 else []))
            + (" does" if len(missing) == 1 else " do")
            + " not load, and what they use is unknown"
        )
    else:
        used = _workspace_uses(project)
        mentioned = _mentioned(project)
        shared: list[Document[Any]] = [*project.definitions]
        if project.config is not None and project.config.checked is not None:
            shared.insert(0, project.config)
        for document in shared:
            yield from _unused(document, used, "the workspace", mentioned)
    for journey in project.maps:
        if context.wants(journey) and journey.checked is not None:
            yield from _inline_unused(journey)
