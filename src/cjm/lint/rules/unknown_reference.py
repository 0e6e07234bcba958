"""A reference to an id that does not exist.

Maps refer to personas, teams, touchpoints, evidence, stages and pain points by id. A
reference that resolves to nothing is almost always a typo or a rename that missed a
place; left alone, it silently drops the link it was meant to make (a pain point with no
owner, an opportunity that addresses nothing). The message suggests the closest id that
does exist, whatever its letter case.

A persona named at a step it does not take (an entry under `emotions`, or in a pain
point's `personas`, for a persona left out of the step's `personas`) is reported too: no
output could show it, so it would be dropped without a word. A future-state map's
opportunities may address the pain points of the current-state map it names in
`current_state`. Ids written in a part of a file that did not load are not reported: they
may be defined there.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import UNKNOWN_REFERENCE, Diagnostic, Severity
from cjm.lint.rule import WorkspaceContext

CODE = UNKNOWN_REFERENCE.code
NAME = UNKNOWN_REFERENCE.name
SEVERITY = Severity.ERROR
SUMMARY = UNKNOWN_REFERENCE.summary
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
      - {id: compare-plans, action: Compares plans, owner: grwoth}
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
      - {id: compare-plans, action: Compares plans, owner: growth}
"""


def check(context: WorkspaceContext) -> Iterator[Diagnostic]:
    """Reference resolution happens while loading; this rule reports what it found."""
    return (d for d in context.project.resolution if d.code.code == CODE)
