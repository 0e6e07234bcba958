"""A stage that does not say what the customer wants from it.

A journey map is drawn from the customer's side: each stage is a phase of what the
customer is trying to get done, not a department of the business. A stage with no
customer goal is usually a step of the company's funnel in disguise ("Lead
qualification", "Onboarding sequence"): the team cannot tell whether the steps in it help
the customer get anywhere, which steps could go, or why an emotion drops there, because
nothing says what success looks like to the person living it.

Write under `customer_goal` what the customer wants to have done by the end of the stage,
in their words ("Know whether the tool fits my team before the trial ends"). The
business's aim for the same phase goes under `business_goal`; a blank goal counts as
none.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext

CODE = "CJM123"
NAME = "stage-without-customer-goal"
SEVERITY = Severity.WARNING
SUMMARY = "A stage that does not say what the customer wants to get done."

FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: consider
    name: Consider
    business_goal: Get qualified visitors to start a trial.
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
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: consider
    name: Consider
    customer_goal: Find out which plan covers her team, and what it costs.
    business_goal: Get qualified visitors to start a trial.
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
"""


def check(context: MapContext) -> Iterator[Finding]:
    for index, stage in enumerate(context.journey.stages):
        goal = stage.customer_goal
        if goal is not None and goal.strip():
            continue
        blank = goal is not None
        yield context.finding(
            ("stages", index, "customer_goal") if blank else ("stages", index),
            f"stage '{stage.id}' does not say what the customer wants to get done in it",
            "add `customer_goal:` in the customer's words: what they want to have done by "
            "the end of the stage",
            at="key" if blank else "value",
        )
