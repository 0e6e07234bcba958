"""A moment of truth that goes badly for a persona, and the map does not say why.

A moment of truth is a step that makes or breaks the customer's trust: the first bill,
the card that arrives or not, the answer to a claim. When a persona feels bad there, the
relationship is at stake, and the map must say what goes wrong, so that the friction gets
a severity, an owner and a fix. A negative score at a moment of truth with no pain point
is the most expensive gap a map can have.

For every negative score (below 0) at a step flagged `moment_of_truth`, add a pain point
that covers the step and applies to that persona: under the step's `pain_points` (with
`personas` when it hits only some), a pain point of an earlier step whose `spans` names
the step, or one of the stage. Every negative score counts here, whatever the threshold
of `emotion-dip-unexplained`, which leaves moments of truth to this rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext, quoted, step_paths
from cjm.lint.rules._emotions import unexplained

CODE = "CJM132"
NAME = "moment-of-truth-unexplained"
SEVERITY = Severity.WARNING
SUMMARY = "A moment of truth with a negative emotion and no pain point to explain it."

NEGATIVE = -1
"""Scores at or below this are negative."""

FAILING = """\
format: "1.0"
id: opening
title: Account opening
type: current-state
owner: onboarding
reviewed: 2026-10-01
teams: [{id: onboarding, name: Onboarding}]
personas: [{id: nadia, name: Nadia}, {id: tom, name: Tom}]
touchpoints: [{id: letter, name: Welcome letter, channel: mail, owner: onboarding}]
stages:
  - id: start
    name: Start using the account
    steps:
      - id: receive-card
        action: Receives the debit card
        touchpoints: [letter]
        moment_of_truth: The card is the first proof the account exists
        emotions: {nadia: 1, tom: -2}
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
touchpoints: [{id: letter, name: Welcome letter, channel: mail, owner: onboarding}]
stages:
  - id: start
    name: Start using the account
    steps:
      - id: receive-card
        action: Receives the debit card
        touchpoints: [letter]
        moment_of_truth: The card is the first proof the account exists
        emotions: {nadia: 1, tom: -2}
        pain_points:
          - id: card-late
            summary: The card comes a week after the account opens
            severity: high
            owner: onboarding
            personas: [tom]
"""


def check(context: MapContext) -> Iterator[Finding]:
    covering = context.journey.pain_points_at()
    for path, step in step_paths(context.journey):
        if not step.is_moment_of_truth:
            continue
        pains = covering.get(step.id, [])
        for low in unexplained(step, context.journey.persona_ids, pains, NEGATIVE):
            yield context.finding(
                (*path, *low.where),
                f"moment of truth '{step.id}' scores {low.score} for {quoted(low.who)} but "
                "no pain point there says what goes wrong",
                "add a pain point that covers the step (with `personas:` when it hits only "
                "some), or correct the score",
            )
