"""A step where the map does not say how a persona feels.

The emotional curve is what people remember from a journey map: where customers light up,
where they sink, and where they leave. A step without an emotion score for one of the
map's personas leaves a hole in that curve, so the valley that matters most can go
unnoticed, and the curves of different personas can no longer be compared step by step.

Give each step an `emotion` score from -2 to +2 for everyone who takes it, or an
`emotions` entry per persona where they feel differently. If the team does not know yet,
that is a research question worth writing down; a neutral 0 is a claim, not a placeholder.
If a persona does not take the step at all, list the ones who do under the step's
`personas`.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext, quoted, step_paths

CODE = "CJM109"
NAME = "step-without-emotion"
SEVERITY = Severity.WARNING
SUMMARY = "A step with no emotion score for a persona of the map."

FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}, {id: farid, name: Farid}]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: consider
    name: Consider
    steps:
      - id: compare-plans
        action: Compares plans
        touchpoints: [pricing-page]
        emotions:
          olivia: 1
"""

PASSING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}, {id: farid, name: Farid}]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: consider
    name: Consider
    steps:
      - id: compare-plans
        action: Compares plans
        touchpoints: [pricing-page]
        emotions:
          olivia: 1
          farid: 0
"""


def check(context: MapContext) -> Iterator[Finding]:
    personas = list(dict.fromkeys(context.journey.persona_ids))
    for step_path, step in step_paths(context.journey):
        missing = [p for p in personas if step.involves(p) and step.emotion_for(p) is None]
        if missing:
            yield context.finding(
                step_path,
                f"step '{step.id}' has no emotion score for {quoted(missing)}",
                "add `emotion:` with a score from -2 to +2, or `emotions:` with one per persona",
            )
