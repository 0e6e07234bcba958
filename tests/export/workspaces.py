"""Small workspaces for the table exports, written into a test's folder."""

from __future__ import annotations

from pathlib import Path

CONFIG = """\
format: "1.0"
name: Tables test workspace
maps: ["maps/*.yaml"]
teams:
  - {id: web, name: Web team}
  - {id: ops, name: "=Ops"}
"""

# Text a spreadsheet could run (=, +, -, @), a bell written as a YAML escape, a
# right-to-left override, an unsized opportunity and one that addresses nothing known.
HOSTILE = """\
format: "1.0"
id: hostile
title: "=HYPERLINK(\\"http://evil.example\\",\\"click\\")"
type: current-state
owner: web
reviewed: 2026-10-01
personas:
  - {id: pia, name: "@Pia", goals: [Pay], frustrations: [Waiting]}
  - {id: sam, name: Sam, goals: [Pay], frustrations: [Waiting]}
stages:
  - id: pay
    name: "+Pay"
    customer_goal: Pay fast.
    kpis:
      - id: pay-time
        name: "-Time to pay"
        unit: seconds
        baseline: 90
        baseline_date: 2026-01-31
        actual: 75.5
        actual_period: {start: 2026-09-01, end: 2026-09-30}
        target: 60
        target_date: 2027-01-31
        better: lower
        source: Analytics
      - id: pay-rate
        name: Paid first time
        actual: 80
        target: 90
        unit: "%"
      - id: pay-score
        name: Payment score
        baseline: 3
        actual: 4
    steps:
      - id: pays
        action: "Pays\\aby card"
        emotions: {pia: -2, sam: 1}
        owner: web
        pain_points:
          - id: card-declined
            summary: "=1+2 card declined \\u202Egnp.exe"
            description: "#N/A"
            severity: high
            owner: ops
            personas: [pia]
          - id: slow-page
            summary: Slow page
            severity: low
            status: resolved
            owner: web
opportunities:
  - id: retry
    summary: "@SUM(A1:A9) retry the card"
    addresses: [card-declined]
    owner: ops
    impact: high
    effort: low
    status: planned
    due: 2026-12-31
    release: "2027.1"
    links: [{url: "https://tracker.example.com/T-1"}, {url: "https://tracker.example.com/T-2"}]
  - id: unsized
    summary: Explain the decline
    addresses: [card-declined]
    owner: ops
    status: idea
"""

# A map with errors (a team nobody defines, a pain point no map holds): it loads, but it
# is left out of the tables unless forced.
BROKEN = """\
format: "1.0"
id: broken
title: Broken journey
type: current-state
owner: web
reviewed: 2026-10-01
personas: [{id: bo, name: Bo, goals: [Pay], frustrations: [Waiting]}]
stages:
  - id: only
    name: Only
    steps:
      - id: waits
        action: Waits
        emotions: {bo: -1}
        owner: web
        pain_points:
          - {id: lost, summary: Gets lost, severity: high, owner: nobody-team}
opportunities:
  - {id: signs, summary: Put up signs, addresses: [lost, nowhere], owner: web}
"""


def workspace(folder: Path, *maps: tuple[str, str]) -> Path:
    """A workspace in ``folder`` holding ``maps`` (file name, text)."""
    (folder / "maps").mkdir(parents=True)
    (folder / "cjm.yaml").write_text(CONFIG, encoding="utf-8")
    for name, text in maps:
        (folder / "maps" / name).write_text(text, encoding="utf-8")
    return folder
