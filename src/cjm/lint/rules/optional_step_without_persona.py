"""An optional step that does not say who takes it.

A step marked `optional` is one some customers take and others skip: a returning customer
skips the tour, a customer paying by card never visits the branch. For the map to be read,
and for the report and the emotion curves to follow the right people, it has to say for
whom it is optional. Left unsaid, every persona of the map appears to take it, or to skip
it, and nobody can tell which customers meet the friction there.

Name the personas that take the step under `personas`, or give their feelings there under
`emotions` (one entry per persona that takes it). A map with a single persona is not
checked: the step is optional for that persona. When the split is not about personas
but about a condition (a declined card, a missing document), a branch of the stage with
its `condition` says it better than an optional step.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext, step_paths

CODE = "CJM127"
NAME = "optional-step-without-persona"
SEVERITY = Severity.WARNING
SUMMARY = "An optional step that does not say which personas take it."

FAILING = """\
format: "1.0"
id: opening
title: Account opening
type: current-state
owner: onboarding
reviewed: 2026-10-01
teams: [{id: onboarding, name: Onboarding}]
personas: [{id: nadia, name: Nadia}, {id: tom, name: Tom}]
touchpoints: [{id: branch-desk, name: Branch desk, channel: branch, owner: onboarding}]
stages:
  - id: apply
    name: Apply
    steps:
      - id: visit-branch
        action: Shows a passport at the branch
        optional: true
        touchpoints: [branch-desk]
        emotion: 0
"""

PASSING = """\
format: "1.0"
id: opening
title: Account opening
type: current-state
owner: onboarding
reviewed: 2026-10-01
teams: [{id: onboarding, name: Onboarding}]
personas: [{id: nadia, name: Nadia}, {id: tom, name: Tom}]
touchpoints: [{id: branch-desk, name: Branch desk, channel: branch, owner: onboarding}]
stages:
  - id: apply
    name: Apply
    steps:
      - id: visit-branch
        action: Shows a passport at the branch
        optional: true
        personas: [tom]
        touchpoints: [branch-desk]
        emotion: 0
"""


def check(context: MapContext) -> Iterator[Finding]:
    if len(set(context.journey.persona_ids)) < 2:
        return
    for path, step in step_paths(context.journey):
        if not step.optional or step.personas or step.emotions:
            continue
        yield context.finding(
            (*path, "optional"),
            f"optional step '{step.id}' does not say which personas take it",
            "add `personas:` with those who take it (or `emotions:` with one entry for each "
            "of them); for a split on a condition rather than a persona, use a branch",
            at="key",
        )
