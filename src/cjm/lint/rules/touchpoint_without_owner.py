"""A touchpoint that no team owns.

A touchpoint without an owner is a place where the customer meets the business and
nobody is answerable for the experience there: its pain points have nowhere to go, its
content drifts, and it breaks quietly when systems change. Every touchpoint, shared or
defined in one map, names the team that looks after it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, WorkspaceContext

CODE = "CJM112"
NAME = "touchpoint-without-owner"
SEVERITY = Severity.WARNING
SUMMARY = "A touchpoint nobody owns."
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
touchpoints:
  - {id: pricing-page, name: Pricing page, channel: web}
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
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints:
  - {id: pricing-page, name: Pricing page, channel: web, owner: growth}
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
"""


def check(context: WorkspaceContext) -> Iterator[Finding]:
    project = context.project
    documents: list[Any] = [*project.definitions, *project.maps]
    for document in documents:
        if not context.wants(document) or document.checked is None:
            continue
        for index, touchpoint in enumerate(document.checked.touchpoints):
            if touchpoint.owner is None:
                yield Finding(
                    document,
                    ("touchpoints", index),
                    f"touchpoint '{touchpoint.id}' has no owner",
                    "add `owner:` with the id of the team that looks after it",
                )
