"""A low point in the emotional curve with no pain point to explain it.

The valleys of the emotional curve are where customers hesitate, complain or leave, and
they are why the map exists. A negative score at a step with no pain point there tells the
reader that something goes wrong without saying what, so nobody can own it, measure it or
fix it; often the score was guessed, or the pain point was written at another step.

For every dip, add a pain point at the same step that names the friction from the
customer's side (with `personas` when it hits only some of them), or correct the score if
the step is not actually a low point. A pain point explains every step it covers: the
step it is written under, the further steps its `spans` names, and for a pain point of a
stage, every step of that stage, branches included. The `threshold` option sets how low a
score must be to count as a dip. A step flagged as a `moment_of_truth` is left to
`moment-of-truth-unexplained`, which asks the same of every negative score there.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext, quoted, step_paths
from cjm.lint.rules._emotions import unexplained
from cjm.load.positions import DataPath
from cjm.model.base import CjmModel
from cjm.model.journey import SCORE_MAX, SCORE_MIN, PainPoint, Step

CODE = "CJM106"
NAME = "emotion-dip-unexplained"
SEVERITY = Severity.WARNING
SUMMARY = "A negative emotion at a step with no pain point there."

FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: signup-form, name: Sign-up form, channel: web, owner: growth}]
stages:
  - id: try
    name: Try
    steps:
      - id: sign-up
        action: Signs up for the trial
        touchpoints: [signup-form]
        emotion: {score: -1, label: wary}
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
touchpoints: [{id: signup-form, name: Sign-up form, channel: web, owner: growth}]
stages:
  - id: try
    name: Try
    steps:
      - id: sign-up
        action: Signs up for the trial
        touchpoints: [signup-form]
        emotion: {score: -1, label: wary}
        pain_points:
          - id: card-required
            summary: The form asks for a credit card before she has seen the product
            severity: medium
            owner: growth
"""


class Options(CjmModel):
    """Settings of emotion-dip-unexplained."""

    threshold: int = Field(
        default=-1,
        ge=SCORE_MIN,
        le=SCORE_MAX - 1,
        description="Scores at or below this count as a dip that a pain point must explain "
        "(-2 to 1).",
    )


def _findings(
    context: MapContext, path: DataPath, step: Step, pains: list[PainPoint], threshold: int
) -> Iterator[Finding]:
    for dip in unexplained(step, context.journey.persona_ids, pains, threshold):
        yield context.finding(
            (*path, *dip.where),
            f"step '{step.id}' scores {dip.score} for {quoted(dip.who)} but no pain point "
            "there says why",
            "add the friction to the step's `pain_points` (with `personas:` when it hits only "
            "some; a pain point of an earlier step can cover it with `spans:`), or correct "
            "the score",
        )


def check(context: MapContext) -> Iterator[Finding]:
    threshold: int = context.options.threshold
    covering = context.journey.pain_points_at()
    for path, step in step_paths(context.journey):
        if step.is_moment_of_truth:
            continue  # moment-of-truth-unexplained asks more of it
        yield from _findings(context, path, step, covering.get(step.id, []), threshold)
