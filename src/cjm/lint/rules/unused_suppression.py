"""A suppression comment that silences nothing.

`# cjm: ignore[RULE]` silences one finding on its line (or, on a line of its own, on the
next line). Once the problem is fixed or the YAML moves, the comment stays behind and
would silently swallow the next real finding there. This rule reports suppressions that
silenced nothing, and suppressions naming a rule that does not exist. It is reported by
the lint engine itself, after every other rule has run.
"""

from __future__ import annotations

from cjm.diagnostics import Severity

CODE = "CJM100"
NAME = "unused-suppression"
SEVERITY = Severity.WARNING
SUMMARY = "A suppression comment that silences nothing."
SCOPE = "engine"

FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01  # cjm: ignore[stale-map]
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans}
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
"""
