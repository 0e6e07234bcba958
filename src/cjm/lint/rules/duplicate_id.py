"""Two entities of one kind share an id.

Ids are how references, diffs and suppressions find an entity. When two personas, two
steps or two pain points share one, every reference to it becomes ambiguous and a diff
can no longer tell which one changed. Ids of personas, teams, touchpoints and evidence
are unique across the workspace; ids of stages, steps, pain points, KPIs and
opportunities are unique within their map. The message names the first definition.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import DUPLICATE_ID, Diagnostic, Severity
from cjm.lint.rule import WorkspaceContext

CODE = DUPLICATE_ID.code
NAME = DUPLICATE_ID.name
SEVERITY = Severity.ERROR
SUMMARY = DUPLICATE_ID.summary
SCOPE = "workspace"

FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans}
      - {id: compare-plans, action: Reads reviews}
"""

PASSING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans}
      - {id: read-reviews, action: Reads reviews}
"""


def check(context: WorkspaceContext) -> Iterator[Diagnostic]:
    """Ids are collected while loading; this rule reports the clashes found there."""
    return (d for d in context.project.resolution if d.code.code == CODE)
