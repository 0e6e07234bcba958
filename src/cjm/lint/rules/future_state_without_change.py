"""A future state that is a copy of today.

A future-state map shows the journey as the team intends it to be, and its value lies in
the difference from today: the steps that disappear, the emotions that lift, the pain
points that get resolved, the opportunities that get delivered. When its stages and
opportunities are exactly those of the current-state map it names, it is a copy that
promises change and shows none, and readers cannot tell which improvements the team is
committing to. Edit the future map to show the journey as it will be, or drop it until
it does. A map cannot be its own current state either: `current_state` names the
separate map of today's journey.

The rule compares the two maps' stages (with their steps and branches, emotions, pain
points and KPIs) and opportunities. Titles, descriptions, tags, personas and a team's own
`x-` keys do not count as change. The examples below are single files; in a workspace,
`current_state` names the current-state map in its own file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, WorkspaceContext
from cjm.load import summary
from cjm.load.document import Document
from cjm.load.project import Project
from cjm.model import JourneyMap, MapType

CODE = "CJM119"
NAME = "future-state-without-change"
SEVERITY = Severity.WARNING
SUMMARY = "A future-state map that changes nothing against its current state."
SCOPE = "workspace"

FAILING = """\
format: "1.0"
id: trial-next
title: Trial to paid, next year
type: future-state
current_state: trial-next
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page], emotion: 1}
"""

PASSING = """\
format: "1.0"
id: trial-next
title: Trial to paid, next year
type: future-state
# Name today's map here with `current_state:` once it is in the workspace.
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page], emotion: 1}
"""

Snapshot = tuple[list[dict[str, Any]], list[dict[str, Any]]]


def _snapshot(journey: JourneyMap) -> Snapshot:
    """What a future state can change: the stages (with everything in them) and the
    opportunities, in a form that ignores how the YAML was written."""
    return (
        [stage.model_dump(mode="json") for stage in journey.stages],
        [opportunity.model_dump(mode="json") for opportunity in journey.opportunities],
    )


def _map(project: Project, map_id: str) -> JourneyMap | None:
    """The first loaded map with id ``map_id``, as reference resolution finds it."""
    for document in project.maps:
        if summary.model_id(document) == map_id:
            return document.model
    return None


def _unchanged(document: Document[JourneyMap], project: Project) -> Finding | None:
    journey = document.model
    if journey is None or journey.type is not MapType.FUTURE_STATE:
        return None
    baseline_id = journey.current_state
    if baseline_id is None:
        return None
    if baseline_id == journey.id:
        return Finding(
            document,
            ("current_state",),
            f"future-state map '{journey.id}' names itself as its current state: a map "
            "cannot be its own baseline, so it shows no change",
            "set `current_state` to the id of the current-state map it improves on",
        )
    baseline = _map(project, baseline_id)
    if baseline is None or _snapshot(baseline) != _snapshot(journey):
        return None  # an unknown map is reported by unknown-reference
    return Finding(
        document,
        ("current_state",),
        f"future-state map '{journey.id}' changes nothing against its current state "
        f"'{baseline_id}': their stages and opportunities are the same",
        "show the journey as it will be: change the steps, emotions, pain points or "
        "opportunities that the future state improves",
    )


def check(context: WorkspaceContext) -> Iterator[Finding]:
    for document in context.project.maps:
        if not context.wants(document):
            continue
        finding = _unchanged(document, context.project)
        if finding is not None:
            yield finding
