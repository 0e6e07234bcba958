"""Small maps for the deck tests."""

from __future__ import annotations

# Two personas (Dan skips the call: a gap in his curve), KPIs met, missed and without a
# direction, pain points of every severity, opportunities sized and not.
SMALL_MAP = """\
format: "1.0"
id: small
title: Small journey
type: current-state
owner: growth
reviewed: 2026-10-01
review_cadence: quarterly
teams:
  - {id: growth, name: Growth}
  - {id: support, name: Support desk}
personas:
  - {id: olivia, name: Ops Olivia, role: Operations lead, quote: "Show me it works.",
     goals: [Ship on time], frustrations: [Waiting on hold]}
  - {id: dan, name: Dan Finance, goals: [Save money], frustrations: [Surprise costs]}
touchpoints:
  - {id: site, name: Website, channel: web, owner: growth}
  - {id: desk, name: Help desk, channel: phone, owner: support}
evidence:
  - {id: survey, kind: survey, title: Exit survey, sample_size: 400}
stages:
  - id: discover
    name: Discover
    customer_goal: Find out whether it fits.
    kpis:
      - {id: visits, name: Visits, target: 100, actual: 120, unit: visits, better: higher}
      - {id: signups, name: Sign-ups, target: 50, actual: 20}
      - {id: bounce, name: Bounce rate, baseline: 60, target: 40, actual: 55, unit: "%",
         better: lower}
    steps:
      - id: reads
        action: Reads the pricing page
        touchpoints: [site]
        emotions: {olivia: {score: 1, label: curious}, dan: -1}
        owner: growth
        evidence: [survey]
      - id: calls
        action: Calls the help desk
        personas: [olivia]
        touchpoints: [desk]
        emotion: -2
        owner: support
        pain_points:
          - {id: long-wait, summary: Long wait on the phone, severity: high, owner: support,
             evidence: [survey]}
          - {id: confusing, summary: Confusing menu, severity: low, owner: support,
             evidence: [survey]}
  - id: buy
    name: Buy
    steps:
      - id: pays
        action: Pays by card
        touchpoints: [site]
        emotion: -1
        owner: growth
        pain_points:
          - {id: card-fails, summary: Card payment fails, severity: critical, owner: growth,
             evidence: [survey]}
      - id: done
        action: Gets a receipt
        emotion: 2
        evidence: [survey]
opportunities:
  - {id: callback, summary: Offer a call-back, addresses: [long-wait], owner: support,
     impact: high, effort: low, status: planned}
  - {id: wallets, summary: Add wallets, addresses: [card-fails], owner: growth, impact: high,
     effort: high}
  - {id: tidy-menu, summary: Tidy the menu, addresses: [confusing]}
"""

TEN_THOUSAND = ("Unbrokenpastedidentifier" * 500)[:10_000]
RTL_OVERRIDE = "Pay \u202egnirts desrever\u202c now"
EMOJI = "😀🎉🚀👩‍👩‍👧‍👦🏳️‍🌈🧑🏽‍💻" * 40
MARKUP = "<script>alert(1)</script> <a:t>x</a:t> &amp; ]]> {{ 7 * 7 }} **bold**"
PROSE = "A sentence about what customers said in interviews, repeated many times. " * 140
HOSTILE_TEXTS = [TEN_THOUSAND, RTL_OVERRIDE, EMOJI, MARKUP, PROSE]


def hostile_map(steps: int = 9) -> str:
    """A valid map whose every text is one of :data:`HOSTILE_TEXTS`, with ``steps`` steps
    in one stage, many touchpoints, pain points and KPIs, and three personas."""
    import json

    def text(n: int) -> str:
        return HOSTILE_TEXTS[n % len(HOSTILE_TEXTS)]

    people = [
        {
            "id": f"p{n}",
            "name": text(n),
            "role": text(n + 1),
            "segment": text(n + 2),
            "quote": text(n + 3),
            "goals": [text(k) for k in range(6)],
            "frustrations": [text(k + 1) for k in range(6)],
        }
        for n in range(4)
    ]
    step_list = [
        {
            "id": f"s{n}",
            "action": text(n),
            "description": text(n + 1),
            "touchpoints": [f"t{k}" for k in range(5)],
            "thoughts": [text(n + 2)],
            "emotions": {
                f"p{k}": {"score": ((n + k) % 5) - 2, "label": text(n + k)} for k in range(4)
            },
            "owner": "team",
            "pain_points": [
                {
                    "id": f"pain-{n}-{k}",
                    "summary": text(n + k),
                    "description": text(n + k + 1),
                    "severity": ("low", "medium", "high", "critical")[k % 4],
                    "owner": "team",
                }
                for k in range(5)
            ],
        }
        for n in range(steps)
    ]
    journey = {
        "format": "1.0",
        "id": "hostile",
        "title": text(0),
        "type": "current-state",
        "owner": "team",
        "reviewed": "2025-01-01",
        "description": text(4),
        "teams": [{"id": "team", "name": text(3)}],
        "personas": people,
        "touchpoints": [
            {"id": f"t{k}", "name": text(k), "channel": "web", "owner": "team"} for k in range(5)
        ],
        "stages": [
            {
                "id": "only",
                "name": text(0),
                "customer_goal": text(1),
                "kpis": [
                    {"id": f"k{k}", "name": text(k), "target": 10, "actual": 5, "unit": text(k + 1)}
                    for k in range(12)
                ],
                "steps": step_list,
            }
        ],
        "opportunities": [
            {
                "id": f"o{k}",
                "summary": text(k),
                "description": text(k + 1),
                "addresses": [f"pain-0-{j}" for j in range(5)],
                "owner": "team",
                "impact": "high",
                "effort": "low",
            }
            for k in range(10)
        ],
    }
    return json.dumps(journey, ensure_ascii=False, indent=1)
