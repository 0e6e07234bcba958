"""Large valid maps: long texts in every field, or many steps. They pass ``cjm validate``
with no finding, and are what the hostile-input tests and the render benchmark draw."""

from __future__ import annotations

import random

WORDS = [
    *("customer", "wants", "to", "finish", "the", "order", "quickly", "but", "the", "form"),
    *("keeps", "asking", "for", "the", "same", "details", "again", "while", "support"),
    *("waits", "on", "a", "reply", "from", "billing"),
]


def words(length: int, seed: int) -> str:
    """About ``length`` characters of words, double-quoted for YAML."""
    rng = random.Random(seed)
    picked: list[str] = []
    size = 0
    while size < length:
        word = rng.choice(WORDS)
        picked.append(word)
        size += len(word) + 1
    return '"' + " ".join(picked)[:length].strip() + '"'


def big_map(steps: int, length: int, stages: int = 5) -> str:
    """A service blueprint of ``steps`` steps in ``stages`` stages, every text field about
    ``length`` characters long."""

    def text(seed: int) -> str:
        return words(length, seed)

    lines = [
        'format: "1.0"',
        "id: big",
        f"title: {text(1)}",
        "type: service-blueprint",
        "owner: growth",
        "reviewed: 2026-10-01",
        "review_cadence: yearly",
        f"description: {text(2)}",
        f"teams: [{{id: growth, name: {text(3)}, description: {text(4)}}}]",
        "touchpoints:",
        f"  - {{id: site, name: {text(5)}, channel: web, owner: growth, description: {text(6)}}}",
        "evidence:",
        f"  - {{id: survey, kind: survey, title: {text(7)}, sample_size: 400, summary: {text(8)}}}",
        "personas:",
        f"  - {{id: olivia, name: {text(9)}, segment: {text(10)}, goals: [{text(11)}], "
        f"frustrations: [{text(12)}], evidence: [survey]}}",
        "stages:",
    ]
    per_stage = max(1, steps // stages)
    number = 0
    for stage in range(stages):
        lines += [
            f"  - id: stage-{stage}",
            f"    name: {text(100 + stage)}",
            f"    customer_goal: {text(200 + stage)}",
            f"    business_goal: {text(300 + stage)}",
            f"    kpis: [{{id: kpi-{stage}, name: {text(400 + stage)}, target: 5, actual: 4, "
            f"better: higher, unit: {text(450 + stage)}, source: {text(460 + stage)}}}]",
            "    steps:",
        ]
        for _ in range(per_stage):
            n = number
            lines += [
                f"      - id: step-{n}",
                f"        action: {text(1000 + n)}",
                f"        description: {text(2000 + n)}",
                "        touchpoints: [site]",
                "        owner: growth",
                f"        thoughts: [{text(3000 + n)}]",
                f"        emotion: {{score: -1, label: {text(4000 + n)}, note: {text(5000 + n)}}}",
                f"        actors: [{text(5500 + n)}]",
                f"        frontstage: [{text(6000 + n)}]",
                f"        backstage: [{{action: {text(7000 + n)}, owner: growth}}]",
                f"        support: [{text(8000 + n)}]",
                "        evidence: [survey]",
                "        pain_points:",
                f"          - {{id: pain-{n}, summary: {text(9000 + n)}, "
                f"description: {text(9500 + n)}, severity: high, owner: growth, "
                "evidence: [survey]}",
            ]
            number += 1
    lines.append("opportunities:")
    for n in range(number):
        lines.append(
            f"  - {{id: opp-{n}, summary: {text(20000 + n)}, description: {text(30000 + n)}, "
            f"addresses: [pain-{n}], owner: growth, impact: high, effort: low}}"
        )
    return "\n".join(lines) + "\n"
