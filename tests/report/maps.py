"""Maps the size and shape of real ones, for the report's layout and print tests."""

from __future__ import annotations

from typing import Any

TOKEN = ("Unbrokenpastedidentifier" * 210)[:5000]  # one 5,000-character word
CROWDED_TEXTS = [
    TOKEN,
    "日本語のテキストと中文的句子没有空格也没有标点符号一直写下去" * 6,
    "نص عربي طويل من مقابلات العملاء حول تجربة الدفع " * 5,
    "😀🎉🚀👩‍👩‍👧‍👦🏳️‍🌈🧑🏽‍💻" * 30,
    "A paragraph pasted from a research deck, with long sentences about what customers "
    "said in interviews and what the analytics show, repeated a few times over. " * 3,
    "https://analytics.example.com/dashboards/" + "segment-" * 40,
]
LONG_TEAM = ("Customer Experience, Digital Channels and Platform Enablement Guild " * 3)[:160]
LONG_WORD_TEAM = ("Omnichannelcustomersupportoperations" * 5)[:160]


def crowded_map(steps: int = 80, personas: int = 8, token_steps: int = 2) -> dict[str, Any]:
    """A valid service blueprint of ``steps`` steps and ``personas`` personas with
    200-character names, a 160-character team name (and one that is a single word), and
    text fields full of CJK, Arabic, emoji, pasted paragraphs and long addresses. Every
    text field of the first ``token_steps`` steps (and of the map, its personas, teams and
    evidence) is a 5,000-character word."""

    def text(n: int) -> str:
        return CROWDED_TEXTS[n % len(CROWDED_TEXTS)]

    def field(step: int, n: int) -> str:
        return TOKEN if step < token_steps else text(step + n)

    people = [
        {
            "id": f"p{n}",
            "name": (f"Persona {n} " + text(n + 1).replace(" ", ""))[:200]
            if n % 2
            else (f"Persona {n} with a very long descriptive name " * 5)[:200],
            "segment": TOKEN,
            "quote": text(n + 2),
            "description": TOKEN,
            "goals": [TOKEN, text(n)],
            "frustrations": [text(n + 3), TOKEN],
            "motivations": [text(n + 4)],
            "demographics": {"role": TOKEN, "region": text(n + 1)},
            "role": TOKEN if n % 2 else text(n + 5),
            "evidence": ["deck"],
        }
        for n in range(personas)
    ]
    teams = [
        {"id": "cx", "name": LONG_TEAM, "description": TOKEN, "contact": TOKEN},
        {"id": "ops", "name": LONG_WORD_TEAM, "description": text(2)},
        {"id": "web", "name": "Web"},
    ]
    owners = ["cx", "ops", "web"]
    per_stage = max(1, steps // 6)
    stage_list = []
    for s in range(0, steps, per_stage):
        stage_steps = []
        for n in range(s, min(steps, s + per_stage)):
            stage_steps.append(
                {
                    "id": f"s{n}",
                    "action": field(n, 0),
                    "description": field(n, 1),
                    "personas": [] if n % 5 else [f"p{n % personas}"],
                    "touchpoints": ["site", "desk"],
                    "thoughts": [field(n, 2), field(n, 3)],
                    "emotions": {
                        f"p{k}": {
                            "score": (n + k) % 5 - 2,
                            "label": field(n, 4 + k)[: 5000 if n < token_steps else 60],
                            "note": field(n, 5 + k),
                        }
                        for k in range(personas)
                        if n % 5 or k == n % personas  # only who takes the step
                    },
                    "actors": [field(n, 6)],
                    "owner": owners[n % 3],
                    "handoff": field(n, 7),
                    "frontstage": [field(n, 8)],
                    "backstage": [{"action": field(n, 9), "owner": owners[(n + 1) % 3]}],
                    "support": [field(n, 10)],
                    "evidence": ["deck"],
                    "questions": [field(n, 17)],
                    "quotes": [field(n, 18)],
                    "by_persona": {
                        f"p{n % personas}": {"thoughts": [field(n, 19)], "quotes": [field(n, 20)]}
                    },
                    "artifacts": [field(n, 21)],
                    "policies": [field(n, 22)],
                    "duration": "10 min",
                    **({"wait": "3 days"} if n % 3 == 0 else {}),
                    **({"fail_point": field(n, 23)} if n % 4 == 1 else {}),
                    **({"moment_of_truth": field(n, 24)} if n % 6 == 0 else {}),
                    "optional": n % 9 == 3,
                    "kpis": [
                        {
                            "id": f"k{n}",
                            "name": field(n, 11),
                            "baseline": 5,
                            "baseline_date": "2026-01-01",
                            "target": 10,
                            "target_date": "2027-01-01",
                            "actual": 7,
                            "actual_period": {"start": "2026-09-01", "end": "2026-09-30"},
                            "unit": text(n)[:40],
                            "better": "higher",
                            "source": field(n, 12),
                            "evidence": ["deck"],
                        }
                    ]
                    if n % 7 == 0
                    else [],
                    "pain_points": [
                        {
                            "id": f"pain{n}",
                            "summary": field(n, 13),
                            "description": field(n, 14),
                            "severity": ("low", "medium", "high", "critical")[n % 4],
                            "owner": owners[n % 3],
                            "personas": [f"p{(n + 1) % personas if n % 5 else n % personas}"],
                            "evidence": ["deck", "hunch"],
                            **({"spans": [f"s{n + 1}"]} if n + 1 < steps else {}),
                        }
                    ]
                    if n % 2 == 0
                    else [],
                }
            )
        stage_list.append(
            {
                "id": f"stage{s}",
                "name": TOKEN if s == 0 else text(s),
                "customer_goal": TOKEN,
                "business_goal": text(s + 1),
                "kpis": [{"id": f"sk{s}", "name": TOKEN, "target": 1, "actual": 2, "unit": "%"}],
                "pain_points": [
                    {"id": f"stage-pain{s}", "summary": text(s + 2), "severity": "medium"}
                ],
                "steps": stage_steps,
                "branches": [
                    {
                        "id": f"branch{s}",
                        "condition": TOKEN if s == 0 else text(s + 3),
                        "after": stage_steps[0]["id"],
                        **({"rejoin": stage_steps[2]["id"]} if len(stage_steps) > 2 else {}),
                        "steps": [
                            {
                                "id": f"b{s}",
                                "action": TOKEN if s == 0 else text(s + 4),
                                "thoughts": [text(s + 5)],
                                "artifacts": [TOKEN],
                                "emotion": -1,
                                "owner": owners[s % 3],
                            }
                        ],
                    }
                ],
            }
        )
    return {
        "format": "1.0",
        "id": "crowded",
        "title": TOKEN,
        "type": "service-blueprint",
        "owner": "cx",
        "reviewed": "2026-10-01",
        "description": TOKEN,
        "tags": [TOKEN, text(1), text(3)],
        "teams": teams,
        "personas": people,
        "touchpoints": [
            {"id": "site", "name": TOKEN, "channel": "web", "owner": "web"},
            {"id": "desk", "name": text(1), "channel": "phone", "owner": "ops"},
        ],
        "evidence": [
            {
                "id": "deck",
                "kind": "interview",
                "title": TOKEN,
                "summary": text(4),
                "link": "https://example.com/" + "a" * 3000,
                "sample_size": 12,
                "sample_unit": "people",
                "confidence": "low",
                "period": {"start": "2026-01-01", "end": "2026-03-31"},
                "quotes": [TOKEN, text(5)],
            },
            {"id": "hunch", "kind": "assumption", "title": text(2), "link": TOKEN},
        ],
        "stages": stage_list,
        "opportunities": [
            {
                "id": f"o{n}",
                "summary": field(n, 15),
                "description": field(n, 16),
                "addresses": [f"pain{m}" for m in (n, n + 2) if m < steps],
                "owner": owners[n % 3],
                "impact": ("high", "medium", "low")[n % 3],
                "effort": ("low", "medium", "high")[n % 3],
                "kpis": ["k0"],
                "due": "2027-03-01",
                "release": TOKEN if n == 0 else text(n),
                "links": [
                    {"url": "https://example.com/" + "b" * 3000, "key": TOKEN, "title": text(n)},
                    {"url": "https://example.com/ok", "key": "PAY-123"},
                ],
            }
            for n in range(0, min(steps, 24), 4)
        ],
    }


def long_journey(steps: int = 40, stages: int = 6) -> str:
    """A valid map the size of a real one: ``steps`` steps in ``stages`` stages, three
    personas, one sentence or two in each text, a pain point at every third step."""
    lines = [
        "id: long",
        "title: Renewing a home insurance policy online",
        "type: current-state",
        "owner: digital",
        "reviewed: 2026-10-01",
        "review_cadence: quarterly",
        "teams:",
        "  - {id: digital, name: Digital Channels}",
        "  - {id: service, name: Customer Service Operations}",
        "  - {id: claims, name: Claims and Underwriting}",
        "personas:",
        "  - {id: ana, name: Ana the switcher, goals: [Pay less], frustrations: [Hidden fees]}",
        "  - {id: ben, name: Ben the loyal customer, goals: [No hassle], frustrations: [Forms]}",
        "  - {id: cleo, name: Cleo the first-time buyer, goals: [Understand],",
        "     frustrations: [Jargon]}",
        "touchpoints:",
        "  - {id: site, name: Renewal pages on the website, channel: web, owner: digital}",
        "  - {id: mail, name: Renewal reminder e-mail, channel: email, owner: digital}",
        "  - {id: phone, name: Service line, channel: phone, owner: service}",
        "evidence:",
        "  - {id: survey, kind: survey, title: Renewal survey 2026, sample_size: 812}",
        "stages:",
    ]
    owners = ["digital", "service", "claims"]
    per_stage = max(1, steps // stages)
    for s, start in enumerate(range(0, steps, per_stage)):
        lines += [
            f"  - id: stage-{s}",
            f"    name: Stage {s + 1} of the renewal",
            "    customer_goal: Know what the new price is and why it changed.",
            "    business_goal: Keep the customer at a fair price without a call.",
            f"    kpis: [{{id: k{s}, name: Renewals completed online, target: 60, actual: 48, "
            'unit: "%", better: higher}]',
            "    steps:",
        ]
        for n in range(start, min(steps, start + per_stage)):
            lines += [
                f"      - id: step-{n}",
                f"        action: Reads the renewal notice and compares it with last year ({n})",
                "        touchpoints: [site, mail]",
                '        thoughts: ["Why did the price go up again?", "Is there a better deal?"]',
                f"        emotions: {{ana: {n % 5 - 2}, ben: {(n + 2) % 5 - 2}, cleo: {{score: "
                f"{(n + 4) % 5 - 2}, label: unsure, note: Does not know what excess means}}}}",
                f"        owner: {owners[(n // 2) % 3]}",
                "        handoff: The case moves with the customer's notes in the CRM.",
                "        evidence: [survey]",
            ]
            if n % 3 == 0:
                lines += [
                    "        pain_points:",
                    f"          - {{id: pain-{n}, summary: The notice shows the new price but "
                    "not the reason it changed, severity: high, owner: digital, "
                    "evidence: [survey]}",
                ]
    return "\n".join(lines) + "\n"
