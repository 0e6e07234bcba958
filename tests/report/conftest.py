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
from .maps import crowded_map

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLES = REPO / "examples"
# A workspace that uses every part of format 1.0: branches, optional steps, spanning and
# stage pain points, its own severities and channels, KPI baselines, opportunities linked
# to a tracker, per-persona words, blueprint lanes, moments of truth, persona pictures.
FULL = Path(__file__).resolve().parent / "full"
TODAY = datetime.date(2026, 11, 23)

# A small map that exercises every section: two personas, KPIs in both directions and one
# whose direction is unknown, pain points backed by research, by assumptions and by
# nothing, every kind of link.
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
        "format": "1.0",
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
                "role": text(4),
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
            {
                "id": "bad-link",
                "kind": "survey",
                "title": text(5),
                "link": JAVASCRIPT_LINK,
                "quotes": [text(2), text(7)],
                "confidence": "low",
                "sample_size": 3,
                "sample_unit": "people",
                "period": {"start": "2026-01-01", "end": "2026-02-01"},
            },
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
                "kpis": [
                    {
                        "id": "k",
                        "name": text(5),
                        "baseline": 0.5,
                        "baseline_date": "2026-01-01",
                        "target": 1,
                        "target_date": "2027-01-01",
                        "actual": 2,
                        "actual_period": {"start": "2026-09-01", "end": "2026-09-30"},
                        "unit": text(1),
                        "better": "higher",
                        "source": JAVASCRIPT_LINK,
                        "evidence": ["good-link"],
                    }
                ],
                "pain_points": [{"id": "stage-pain", "summary": text(2), "severity": "high"}],
                "branches": [
                    {
                        "id": "branch",
                        "condition": text(3),
                        "after": "step-1",
                        "rejoin": "step-3",
                        "steps": [
                            {
                                "id": "branch-step",
                                "action": text(4),
                                "thoughts": [text(5)],
                                "emotion": -1,
                                "fail_point": text(6),
                            }
                        ],
                    }
                ],
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
                        "questions": [text(n + 3)],
                        "quotes": [text(n + 4)],
                        "by_persona": {
                            "p-one": {
                                "thoughts": [text(n + 5)],
                                "questions": [text(n + 6)],
                                "quotes": [text(n + 7)],
                            }
                        },
                        "artifacts": [text(n + 8)],
                        "policies": [text(n + 9)],
                        "duration": "10 min",
                        **({"wait": "2 days"} if n % 2 else {}),
                        "fail_point": text(n) if n % 3 == 0 else True,
                        "moment_of_truth": text(n + 1) if n % 2 else False,
                        "optional": n == 4,
                        "pain_points": [
                            {
                                "id": f"pain-{n}",
                                **(
                                    {"spans": [f"step-{n + 1}"]}
                                    if n + 1 < len(HOSTILE_TEXTS)
                                    else {}
                                ),
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
                "kpis": ["k"],
                "due": "2027-01-01",
                "release": text(4),
                "links": [
                    {"url": "https://example.com/a?b=<c>", "key": text(5), "title": text(6)},
                    {"url": "https://example.com/ok", "key": text(0)},
                ],
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


def full_report() -> tuple[RenderContext, list[Diagnostic]]:
    """The context of the map of the :data:`FULL` workspace, with its findings. Files are
    named from the current folder, as the command line names them, so that the report
    finds the persona pictures next to the file that defines them."""
    [(_, context, findings)] = _workspace_reports(FULL, Path.cwd())
    return context, findings


def example_reports() -> list[tuple[str, RenderContext, list[Diagnostic]]]:
    """``(name, context, findings)`` for every map of every bundled example, and of the
    :data:`FULL` workspace."""
    found = []
    for folder in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        found.extend(_workspace_reports(folder, folder))
    found.extend(_workspace_reports(FULL, Path.cwd()))
    return found


def _workspace_reports(
    folder: Path, cwd: Path
) -> list[tuple[str, RenderContext, list[Diagnostic]]]:
    found = []
    project = load_workspace(folder, cwd)
    result = check_paths([folder], cwd, today=TODAY)
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


def crowded_context(tmp_path: Path, **sizes: int) -> tuple[RenderContext, list[Diagnostic]]:
    return context_of(json.dumps(crowded_map(**sizes), ensure_ascii=False), tmp_path)
