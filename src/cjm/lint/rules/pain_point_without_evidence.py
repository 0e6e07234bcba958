"""A pain point that no research backs, or only assumptions do.

A journey map is trusted, and its pain points get fixed, when each friction can be traced
to something customers said or did: interviews, surveys, analytics, support tickets,
reviews, usability tests. Pain points that cite nothing, or only the team's own
assumptions, are the classic failure of journey mapping: the map then shows what the
company believes about its customers, and prioritising from it repeats those beliefs.

Cite the research that shows the pain point under its `evidence`. When it really is a
hunch, keep the `assumption` entry so that it stays visible, and plan the research that
would confirm or refute it. Teams that map hypotheses on purpose (for example a
future-state draft) can set the `allow_assumptions` option.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.load.positions import DataPath
from cjm.model.base import CjmModel
from cjm.model.journey import PainPoint

CODE = "CJM105"
NAME = "pain-point-without-evidence"
SEVERITY = Severity.WARNING
SUMMARY = "A pain point backed by no evidence, or by assumptions only."

FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}, {id: product, name: Core Product}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: csv-importer, name: Spreadsheet importer, channel: app, owner: product}]
evidence:
  - {id: team-hunch, kind: assumption, title: Support thinks dates break imports}
stages:
  - id: try
    name: Try
    steps:
      - id: import-plan
        action: Imports last quarter's plan from a spreadsheet
        touchpoints: [csv-importer]
        emotion: -2
        pain_points:
          - id: import-fails
            summary: The import rejects European dates
            severity: high
            owner: product
            evidence: [team-hunch]
"""

PASSING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}, {id: product, name: Core Product}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: csv-importer, name: Spreadsheet importer, channel: app, owner: product}]
evidence:
  - {id: team-hunch, kind: assumption, title: Support thinks dates break imports}
  - {id: import-tickets, kind: support-tickets, title: Import tickets Q3, sample_size: 48}
stages:
  - id: try
    name: Try
    steps:
      - id: import-plan
        action: Imports last quarter's plan from a spreadsheet
        touchpoints: [csv-importer]
        emotion: -2
        pain_points:
          - id: import-fails
            summary: The import rejects European dates
            severity: high
            owner: product
            evidence: [team-hunch, import-tickets]
"""


class Options(CjmModel):
    """Settings of pain-point-without-evidence."""

    allow_assumptions: bool = Field(
        default=False,
        description="Accept pain points whose only evidence is of kind `assumption`.",
    )


def _assumptions(context: MapContext, pain: PainPoint) -> list[str] | None:
    """The assumption ids ``pain`` rests on when all the evidence it cites that exists is
    an assumption; None when some of it is research or none of it exists."""
    found = [(entry_id, context.evidence(entry_id)) for entry_id in pain.evidence]
    resolved = [(entry_id, entry) for entry_id, entry in found if entry is not None]
    if not resolved or not all(entry.is_assumption for _, entry in resolved):
        return None
    return list(dict.fromkeys(entry_id for entry_id, _ in resolved))


def _finding(
    context: MapContext, path: DataPath, pain: PainPoint, allow_assumptions: bool
) -> Finding | None:
    cited = "evidence" in pain.model_fields_set
    where: DataPath = (*path, "evidence") if cited else path
    at: Literal["key", "value"] = "key" if cited else "value"
    if not pain.evidence:
        return context.finding(
            where,
            f"pain point '{pain.id}' cites no evidence",
            "add `evidence:` with the research that shows it: interviews, analytics, "
            "support tickets...",
            at=at,
        )
    assumptions = _assumptions(context, pain)
    if assumptions is None or allow_assumptions:
        return None
    kind = "assumption" if len(assumptions) == 1 else "assumptions"
    listed = ", ".join(f"'{entry_id}'" for entry_id in assumptions)
    return context.finding(
        where,
        f"pain point '{pain.id}' rests on assumptions only ({kind} {listed})",
        "check it with customers and add that research to `evidence:`",
        at=at,
    )


def check(context: MapContext) -> Iterator[Finding]:
    allow: bool = context.options.allow_assumptions
    for pain_path, pain in context.journey.located_pain_points():
        found = _finding(context, pain_path, pain, allow)
        if found is not None:
            yield found
