"""Helpers for the report tests: example maps, small maps and hostile maps as contexts."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from cjm.check import check_paths
from cjm.diagnostics import Diagnostic
from cjm.lint.config import LintRequest
from cjm.load.project import load_standalone, load_workspace
from cjm.render.context import RenderContext

from .chromium import launch

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLES = REPO / "examples"
TODAY = datetime.date(2026, 11, 23)

# A small map that exercises every section: two personas, KPIs in both directions and one
# whose direction is unknown, pain points backed by research, by assumptions and by
# nothing, every kind of link.
SMALL_MAP = """\
id: small
title: Small journey
type: current-state
owner: growth
reviewed: 2026-10-01
review_cadence: quarterly
teams:
  - {id: growth, name: Growth}
  - {id: support, name: Support desk, contact: "#support"}
personas:
  - {id: olivia, name: Ops Olivia, goals: [Ship], frustrations: [Waiting]}
  - {id: dan, name: Dan Finance, goals: [Save], frustrations: [Cost]}
touchpoints:
  - {id: site, name: Website, channel: web, owner: growth}
  - {id: desk, name: Help desk, channel: phone, owner: support}
evidence:
  - {id: survey, kind: survey, title: Exit survey, sample_size: 400, link: "https://example.com/s"}
  - {id: mail, kind: interview, title: Interview notes, link: "mailto:research@example.com"}
  - {id: hunch, kind: assumption, title: Support thinks so, link: "javascript:alert(1)"}
  - {id: repo-doc, kind: analytics, title: Funnel notes, link: "research/funnel.md"}
stages:
  - id: discover
    name: Discover
    kpis:
      - {id: visits, name: Visits, target: 100, actual: 120, unit: visits, better: higher}
      - {id: signups, name: Sign-ups, target: 50, actual: 20}
      - {id: bounce, name: Bounce rate, target: 40, actual: 55, unit: "%", better: lower}
    steps:
      - id: reads
        action: Reads the pricing page
        touchpoints: [site]
        thoughts: ["Is it worth it?"]
        emotion: {score: 1, label: curious}
        owner: growth
        evidence: [survey]
      - id: calls
        action: Calls the help desk
        touchpoints: [desk]
        emotions: {olivia: -2, dan: -1}
        owner: support
        handoff: Growth passes the lead to Support.
        kpis:
          - {id: wait, name: Wait time, target: 3, actual: 2, unit: minutes, better: lower}
          - {id: no-target, name: Calls answered, actual: 90, unit: "%"}
        pain_points:
          - {id: long-wait, summary: Long wait on the phone, severity: high, owner: support,
             evidence: [survey]}
          - {id: confusing, summary: Confusing menu, severity: low, owner: support,
             evidence: [hunch]}
  - id: buy
    name: Buy
    steps:
      - id: pays
        action: Pays by card
        touchpoints: [site]
        emotion: -1
        owner: growth
        pain_points:
          - {id: card-fails, summary: Card payment fails, severity: critical, owner: growth}
          - {id: old-bug, summary: An old bug, severity: medium, status: resolved, owner: growth,
             evidence: [mail]}
      - id: done
        action: Gets a receipt
        emotion: 2
        evidence: [repo-doc]
  - id: retain
    name: Retain
opportunities:
  - {id: callback, summary: Offer a call-back, addresses: [long-wait], owner: support,
     impact: high, effort: low, status: planned}
  - {id: wallets, summary: Add wallets, addresses: [card-fails], owner: growth, impact: high,
     effort: high}
  - {id: tidy-menu, summary: Tidy the menu, addresses: [confusing], impact: low, effort: medium}
  - {id: loyalty, summary: Loyalty scheme, stage: retain}
"""

PWNED = "window.__pwned=1"
HOSTILE_TEXTS = [
    f"<script>{PWNED}</script>",
    f'<img src=x onerror="{PWNED}">',
    f'" onmouseover="{PWNED}',
    f"' onfocus='{PWNED}' autofocus data-pwned='",
    "</style></title></textarea><svg onload=alert(1)>",
    "{{ 7 * 7 }} {% raw %} ${7*7}",
    "Pneumonoultramicroscopicsilicovolcanoconiosis" * 6,
    "עברית ומילים נוספות",
    "日本語のテキストと中文の文章",
    "| pipes | and `ticks` and [link](javascript:x) **bold** @mention",
]
JAVASCRIPT_LINK = f"javascript:{PWNED}"


def hostile_map() -> dict[str, Any]:
    """A valid map whose every text field carries markup, script or very long words."""

    def text(index: int) -> str:
        return HOSTILE_TEXTS[index % len(HOSTILE_TEXTS)]

    return {
        "id": "hostile",
        "title": text(0) + " " + text(1),
        "type": "service-blueprint",
        "owner": "team-a",
        "reviewed": "2026-01-01",
        "description": text(2),
        "tags": [text(3), text(8)],
        "teams": [{"id": "team-a", "name": text(4), "contact": text(1)}],
        "personas": [
            {
                "id": "p-one",
                "name": text(0),
                "segment": text(2),
                "quote": text(3),
                "goals": [text(6)],
                "frustrations": [text(7)],
                "demographics": {"role": text(1)},
                "evidence": ["bad-link"],
            },
            {"id": "p-two", "name": text(1), "goals": [text(8)], "frustrations": [text(9)]},
        ],
        "touchpoints": [{"id": "tp", "name": text(2), "channel": "web", "owner": "team-a"}],
        "evidence": [
            {"id": "bad-link", "kind": "survey", "title": text(5), "link": JAVASCRIPT_LINK},
            {
                "id": "good-link",
                "kind": "interview",
                "title": text(9),
                "link": "https://example.com/a?b=<c>",
            },
        ],
        "stages": [
            {
                "id": "stage-one",
                "name": text(3),
                "customer_goal": text(4),
                "kpis": [{"id": "k", "name": text(5), "target": 1, "actual": 2, "unit": text(1)}],
                "steps": [
                    {
                        "id": f"step-{n}",
                        "action": text(n),
                        "description": text(n + 1),
                        "touchpoints": ["tp"],
                        "thoughts": [text(n + 2), text(n + 3)],
                        "emotion": {
                            "score": (n % 5) - 2,
                            "label": text(n + 4),
                            "note": text(n + 5),
                        },
                        "owner": "team-a",
                        "handoff": text(n + 6),
                        "frontstage": [text(n + 7)],
                        "backstage": [{"action": text(n + 8), "owner": "team-a"}],
                        "support": [text(n + 9)],
                        "evidence": ["good-link"],
                        "pain_points": [
                            {
                                "id": f"pain-{n}",
                                "summary": text(n + 1),
                                "description": text(n + 2),
                                "severity": ("low", "medium", "high", "critical")[n % 4],
                                "owner": "team-a",
                                "evidence": ["bad-link", "good-link"],
                            }
                        ],
                    }
                    for n in range(len(HOSTILE_TEXTS))
                ],
            }
        ],
        "opportunities": [
            {
                "id": "opp",
                "summary": text(6),
                "description": text(7),
                "addresses": ["pain-0"],
                "owner": "team-a",
                "impact": "high",
                "effort": "low",
            }
        ],
    }


def context_of(text: str, tmp_path: Path) -> tuple[RenderContext, list[Diagnostic]]:
    """The render context of one standalone map written as ``text``, with its findings."""
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_paths([path], tmp_path, today=TODAY)
    errors = [d for d in result.diagnostics if d.severity.value == "error"]
    assert not errors, errors
    [project] = result.projects
    [document] = project.maps
    assert document.model is not None
    return RenderContext(document.model, project.scopes[document.display]), result.diagnostics


def loaded_context(
    text: str, tmp_path: Path, name: str = "map.yaml"
) -> tuple[RenderContext, list[Diagnostic]]:
    """The render context of the map written as ``text``, loaded and resolved with every
    other map in ``tmp_path`` (as standalone maps resolve among themselves) and no lint
    rule run: its findings are those of loading and resolving references."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    project = load_standalone(sorted(tmp_path.glob("*.yaml")), tmp_path)
    [document] = [d for d in project.maps if d.path.name == name]
    assert document.model is not None, document.diagnostics
    findings = [*document.diagnostics, *project.resolution]
    return RenderContext(document.model, project.scopes[document.display]), findings


def hostile_context(tmp_path: Path) -> tuple[RenderContext, list[Diagnostic]]:
    # JSON is YAML: the hostile texts need no YAML quoting this way.
    return context_of(json.dumps(hostile_map(), ensure_ascii=False, indent=1), tmp_path)


def example_reports() -> list[tuple[str, RenderContext, list[Diagnostic]]]:
    """``(name, context, findings)`` for every map of every bundled example."""
    found = []
    for folder in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        project = load_workspace(folder, folder)
        result = check_paths([folder], folder, today=TODAY)
        for document in project.maps:
            assert document.model is not None, document.diagnostics
            findings = [d for d in result.diagnostics if d.path == document.display]
            context = RenderContext(document.model, project.scopes[document.display])
            found.append((f"{folder.name}--{document.model.id}", context, findings))
    return found


def lint_off() -> LintRequest:
    return LintRequest(select=[])


_BLOCKS = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    )
)


class _Text(HTMLParser):
    """The text of a page outside its style and script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skipping += tag in ("style", "script")
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.skipping -= tag in ("style", "script")
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def page_text(markup: str) -> str:
    """The text of ``markup`` as it reads: inline elements run on, block elements stand
    apart, and each run of blanks is one space."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return " ".join("".join(parser.parts).split())


def section(markup: str, section_id: str) -> str:
    """The markup of the ``<section id=...>`` of a report page."""
    start = markup.index(f'<section id="{section_id}"')
    return markup[start : markup.index("</section>", start)]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, shared by the tests of a module."""
    yield from launch()


# -- a crowded map: what real maps bring to a page -----------------------------------------

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
                    },
                    "actors": [field(n, 6)],
                    "owner": owners[n % 3],
                    "handoff": field(n, 7),
                    "frontstage": [field(n, 8)],
                    "backstage": [{"action": field(n, 9), "owner": owners[(n + 1) % 3]}],
                    "support": [field(n, 10)],
                    "evidence": ["deck"],
                    "kpis": [
                        {
                            "id": f"k{n}",
                            "name": field(n, 11),
                            "target": 10,
                            "actual": 7,
                            "unit": text(n)[:40],
                            "better": "higher",
                            "source": field(n, 12),
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
                            "personas": [f"p{(n + 1) % personas}"],
                            "evidence": ["deck", "hunch"],
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
                "steps": stage_steps,
            }
        )
    return {
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
            }
            for n in range(0, min(steps, 24), 4)
        ],
    }


def crowded_context(tmp_path: Path, **sizes: int) -> tuple[RenderContext, list[Diagnostic]]:
    return context_of(json.dumps(crowded_map(**sizes), ensure_ascii=False), tmp_path)


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
