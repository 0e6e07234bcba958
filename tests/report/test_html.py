"""The HTML report: structure, escaping, link policy, staleness, KPIs, coverage, matrix."""

from __future__ import annotations

import base64
import datetime
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from cjm.diagnostics import Diagnostic
from cjm.render.context import RenderContext
from cjm.report import html_report, markdown_report
from cjm.report.build import build_report
from cjm.report.grid import PRINT_COLUMNS, chunks
from cjm.report.links import safe_href, safe_relative
from cjm.report.phrases import gap_text
from tests.samples import STANDALONE_MAP

from .conftest import (
    HOSTILE_TEXTS,
    JAVASCRIPT_LINK,
    SMALL_MAP,
    TODAY,
    context_of,
    example_reports,
    hostile_context,
)

EXAMPLES = example_reports()
SECTIONS = {
    "summary": "At a glance",
    "personas": "Personas",
    "journey": "Journey",
    "emotions": "Emotional curve",
    "pain-points": "Pain points",
    "opportunities": "Opportunities",
    "kpis": "KPIs",
    "evidence": "Evidence coverage",
    "teams": "Teams",
    "findings": "Lint findings",
}


class Page(HTMLParser):
    """What the tests look at in a page: sections and their headings, scripts, links,
    every attribute, and the text outside scripts and styles."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, str] = {}
        self.scripts: list[str] = []
        self.links: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self.metas: list[dict[str, str | None]] = []
        self._section: str | None = None
        self._in: list[str] = []
        self._heading: list[str] | None = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.attributes.extend((tag, name, value) for name, value in attrs)
        if tag == "section":
            self._section = values.get("id")
        if tag == "h2" and self._section is not None:
            self._heading = []
        if tag == "a" and "href" in values:
            self.links.append(values["href"] or "")
        if tag == "meta":
            self.metas.append(values)
        if tag in ("script", "style"):
            self._in.append(tag)
            if tag == "script":
                self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._in:
            self._in.pop()
        if tag == "h2" and self._heading is not None and self._section is not None:
            self.sections[self._section] = "".join(self._heading).strip()
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script":
            self.scripts[-1] += data
        elif not self._in:
            self.text.append(data)
            if self._heading is not None:
                self._heading.append(data)

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


Small = tuple[RenderContext, list[Diagnostic]]


@pytest.fixture
def small(tmp_path: Path) -> Small:
    return context_of(SMALL_MAP, tmp_path)


# -- structure ------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "context", "findings"), EXAMPLES, ids=[n for n, *_ in EXAMPLES])
def test_every_section_is_there_with_its_heading(
    name: str, context: RenderContext, findings: list[Diagnostic]
) -> None:
    page = Page(html_report(context, findings, TODAY, None))
    # A map that flags moments of truth has a section for them.
    moments = any(step.is_moment_of_truth for _, _, step in context.journey.iter_steps())
    expected = {**SECTIONS, **({"moments": "Moments of truth"} if moments else {})}
    assert page.sections == expected
    assert page.all_text.count(context.journey.title) >= 1
    for section in expected:  # the contents link every section
        assert f"#{section}" in page.links


def test_the_page_is_self_contained_and_allows_only_its_own_script(small: Small) -> None:
    markup = html_report(*small, TODAY, None)
    page = Page(markup)
    [policy] = [
        m["content"] for m in page.metas if m.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy is not None
    assert "default-src 'none'" in policy
    [script] = page.scripts
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1]
    # Nothing that could load anything: no src, no external stylesheet, no remote URL.
    assert not [a for a in page.attributes if a[1] in ("src", "srcset", "action")]
    assert "<link" not in markup
    assert not re.search(r"url\(", markup)
    assert "@import" not in markup


def test_sections_show_the_small_maps_facts(small: Small) -> None:
    text = Page(html_report(*small, TODAY, None)).all_text
    assert "Ops Olivia" in text and "Dan Finance" in text
    assert "Reads the pricing page" in text
    assert "Website web" in text  # touchpoint with its channel
    assert "Is it worth it?" in text
    assert "Handoff from Growth" in text
    for code in ("CJM116", "CJM105", "CJM101", "CJM117", "CJM108"):
        assert code in text
    assert "kpi-without-target" in text


def test_grid_is_a_table_with_row_and_column_headers(small: Small) -> None:
    markup = html_report(*small, TODAY, None)
    grid = markup[markup.index('<table class="grid ') : markup.index("</table>")]
    assert grid.count('scope="colgroup"') == 3  # Discover, Buy, Retain
    assert 'scope="row" class="lane">Touchpoints' in grid
    assert 'scope="row" class="lane">Emotion' in grid
    assert "No steps yet" in grid  # the empty stage keeps its column


def test_blueprint_lanes_for_blueprints_and_maps_that_fill_them(
    small: Small, tmp_path: Path
) -> None:
    """A service blueprint always has its lanes; another map shows them when it records
    what staff or systems do, so that nothing it says is left out."""
    assert "Backstage" not in html_report(*small, TODAY, None)
    for name, context, findings in EXAMPLES:
        markup = html_report(context, findings, TODAY, None)
        journey = context.journey
        activities = any(
            step.frontstage or step.backstage or step.support for _, _, step in journey.iter_steps()
        )
        blueprint = journey.type.value == "service-blueprint" or activities
        assert ("Line of visibility" in markup) is blueprint, name


def test_print_grids_cut_the_columns_into_pages(small: Small) -> None:
    report = build_report(*small, TODAY, None)
    assert [len(c.columns) for c in chunks(report.columns, 2)] == [2, 2, 1]
    assert [len(c.columns) for c in chunks(report.columns, PRINT_COLUMNS)] == [5]
    for name, context, findings in EXAMPLES:
        columns = build_report(context, findings, TODAY, None).columns
        parts = chunks(columns, PRINT_COLUMNS)
        assert [c for p in parts for c in p.columns] == columns, name
        assert all(len(p.columns) <= PRINT_COLUMNS for p in parts)


# -- escaping and links ----------------------------------------------------------------------


def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    context, findings = hostile_context(tmp_path)
    markup = html_report(context, findings, TODAY, None)
    page = Page(markup)
    assert len(page.scripts) == 1 and "persona-filter" in page.scripts[0]
    assert "<script>window" not in markup
    assert "<img" not in markup
    assert "<svg onload" not in markup
    # No attribute carries an event handler, and none was broken open by a quote.
    assert not [a for a in page.attributes if a[1].startswith("on")]
    assert not [a for a in page.attributes if a[1] in ("autofocus", "data-pwned")]
    text = page.all_text
    for hostile in HOSTILE_TEXTS:
        assert " ".join(hostile.split()) in text, hostile


def test_the_curve_is_well_formed_svg_even_with_hostile_text(tmp_path: Path) -> None:
    context, findings = hostile_context(tmp_path)
    markup = html_report(context, findings, TODAY, None)
    svgs = re.findall(r"<svg .*?</svg>", markup, flags=re.S)
    assert len(svgs) == 2  # one curve per persona
    for svg in svgs:
        root = ElementTree.fromstring(svg)
        assert root.get("role") == "img"
        title = root.find("{http://www.w3.org/2000/svg}title")
        assert title is not None and (title.text or "").startswith("Emotional curve of")
        assert not [e for e in root.iter() if any(k.startswith("on") for k in e.attrib)]


@pytest.mark.parametrize(
    ("link", "allowed"),
    [
        ("https://example.com/x?y=1#z", True),
        ("http://example.com", True),
        ("HTTPS://EXAMPLE.COM", True),
        ("mailto:research@example.com", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("\x01javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("file:///etc/passwd", False),
        ("research/interviews.md", False),
        ("//evil.example.com", False),
        ("https:evil", False),
        ("https:///path", False),
        ('https://example.com/"onmouseover="x', False),
        ("mailto:", False),
        ("", False),
        (None, False),
    ],
)
def test_only_web_and_mail_links_are_followed(link: str | None, allowed: bool) -> None:
    if allowed:
        assert safe_href(link) == link
    else:
        assert safe_href(link) is None


def test_evidence_links_follow_the_policy_in_the_page(small: Small, tmp_path: Path) -> None:
    page = Page(html_report(*small, TODAY, None))
    external = [href for href in page.links if not href.startswith("#")]
    assert sorted(external) == ["https://example.com/s", "mailto:research@example.com"]
    assert "javascript:alert(1)" in page.all_text  # shown, as text
    assert "research/funnel.md" in page.all_text
    anchors = [a for a in page.attributes if a[0] == "a" and a[1] == "rel"]
    assert anchors and all(value == "noopener noreferrer" for _, _, value in anchors)

    context, findings = hostile_context(tmp_path)
    hostile = Page(html_report(context, findings, TODAY, None))
    assert JAVASCRIPT_LINK not in hostile.links
    assert all(h.startswith(("#", "https://", "http://", "mailto:")) for h in hostile.links)
    assert JAVASCRIPT_LINK in hostile.all_text


# -- facts -----------------------------------------------------------------------------------


def test_stale_warning_follows_the_cadence(small: Small) -> None:
    # Reviewed 2026-10-01, quarterly (92 days): due 2027-01-01.
    fresh = html_report(*small, datetime.date(2027, 1, 1), None)
    assert 'class="review fresh"' in fresh and "Review overdue" not in fresh
    stale = html_report(*small, datetime.date(2027, 1, 11), None)
    assert 'class="review stale"' in stale
    assert "Review overdue by 10 days." in stale
    future = html_report(*small, datetime.date(2026, 9, 1), None)
    assert "Review date in the future." in future


def test_maps_without_a_cadence_use_the_default(tmp_path: Path) -> None:
    context, findings = context_of(SMALL_MAP.replace("review_cadence: quarterly\n", ""), tmp_path)
    today = datetime.date(2026, 11, 1)  # 31 days after the review
    assert "No review cadence." in html_report(context, findings, today, None)
    assert "Review overdue" not in html_report(context, findings, today, None)
    assert "Review overdue by 1 day." in html_report(context, findings, today, 30)
    assert "Up to date." in html_report(context, findings, today, 31)


def test_kpis_respect_which_way_is_better(small: Small) -> None:
    report = build_report(*small, TODAY, None)
    status = {k.id: k.status for k in report.kpis}
    assert status == {
        "visits": "met",  # 120 >= 100, higher is better
        "signups": "no-direction",  # 20 against 50, but which way is good is not said
        "bounce": "missed",  # 55 > 40, lower is better
        "wait": "met",  # 2 <= 3 minutes, lower is better
        "no-target": "no-target",
    }
    gaps = {k.id: gap_text(k) for k in report.kpis}
    assert gaps["bounce"] == "15 pts short"
    assert gaps["wait"] == "1 minutes better"
    assert gaps["visits"] == "20 visits better"
    assert report.kpis_met == 2 and report.kpis_judged == 3
    markup = html_report(*small, TODAY, None)
    assert markup.count('<tr class="kpi-met" id=') == 2
    assert markup.count('<tr class="kpi-missed" id=') == 1
    assert '2<span class="of">/3</span>' in markup


def test_evidence_coverage_counts_research_assumptions_and_nothing(small: Small) -> None:
    report = build_report(*small, TODAY, None)
    pains, steps = report.coverage
    # long-wait: survey; confusing: assumption only; card-fails: nothing; old-bug: interview.
    assert (pains.total, pains.research, pains.assumption, pains.none) == (4, 2, 1, 1)
    assert pains.share(pains.research) == 50
    # reads: survey; calls: via long-wait; pays: via old-bug; done: analytics.
    assert (steps.total, steps.research, steps.assumption, steps.none) == (4, 4, 0, 0)
    text = Page(html_report(*small, TODAY, None)).all_text
    assert "2 of 4 (50%) backed by research" in text
    assert "1 (25%) on assumptions only" in text
    assert "1 (25%) with no evidence" in text


def test_opportunity_matrix_places_by_impact_and_effort(small: Small) -> None:
    report = build_report(*small, TODAY, None)
    placed = {
        (cell.impact, cell.effort): [o.id for o in cell.opportunities]
        for row in report.matrix
        for cell in row
    }
    assert placed[("high", "low")] == ["callback"]
    assert placed[("high", "high")] == ["wallets"]
    assert placed[("low", "medium")] == ["tidy-menu"]
    assert sum(len(v) for v in placed.values()) == 3
    assert [o.id for o in report.unsized] == ["loyalty"]
    assert [row[0].impact for row in report.matrix] == ["high", "medium", "low"]
    assert [cell.effort for cell in report.matrix[0]] == ["low", "medium", "high"]
    markup = html_report(*small, TODAY, None)
    cell = markup.split('class="cell cell-high-low"')[1].split("</td>")[0]
    assert "Quick wins" in cell and "Offer a call-back" in cell


def test_pain_register_is_sorted_by_severity_then_status(small: Small) -> None:
    report = build_report(*small, TODAY, None)
    assert [p.id for p in report.pains] == ["card-fails", "long-wait", "old-bug", "confusing"]
    assert [o.id for o in report.pains[1].opportunities] == ["callback"]
    markup = html_report(*small, TODAY, None)
    order = [markup.index(f'id="pain-{p}"') for p in ("card-fails", "long-wait", "old-bug")]
    assert order == sorted(order)


def test_teams_list_what_they_own(small: Small) -> None:
    teams = {t.id: t for t in build_report(*small, TODAY, None).teams}
    assert list(teams) == ["growth", "support"]
    assert teams["growth"].owns_map
    assert [s.id for s in teams["support"].steps] == ["calls"]
    assert [t.id for t in teams["support"].touchpoints] == ["desk"]
    assert [p.id for p in teams["support"].pains] == ["long-wait", "confusing"]
    assert [o.id for o in teams["support"].opportunities] == ["callback"]


def test_the_report_is_deterministic(small: Small, tmp_path: Path) -> None:
    first = html_report(*small, TODAY, None)
    assert html_report(*small, TODAY, None) == first
    (tmp_path / "again").mkdir()
    again, findings = context_of(SMALL_MAP, tmp_path / "again")
    assert html_report(again, findings, TODAY, None) == first
    # The only dates are those of the map and the ``today`` given.
    assert set(re.findall(r"\d{4}-\d{2}-\d{2}", first)) == {
        "2026-10-01",
        "2027-01-01",
        "2026-11-23",
    }


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("trial-report.html", True),
        ("maps/trial-report.html", True),
        ("javascript:alert(1)", False),
        ("/etc/passwd", False),
        ("//evil.example.com/x.html", False),
        ("../outside.html", False),
        ("https://example.com/x.html", False),
        ("a b.html", False),
        ("", False),
    ],
)
def test_index_links_only_plain_relative_files(name: str, allowed: bool) -> None:
    assert (safe_relative(name) == name) is allowed


EMPTY_STAGE_MAP = """\
format: "1.0"
id: bare
title: Bare journey
type: day-in-the-life
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
stages:
  - {id: later, name: Later}
"""


@pytest.mark.parametrize("text", [STANDALONE_MAP, EMPTY_STAGE_MAP], ids=["one-step", "no-steps"])
def test_sparse_maps_render_every_section(text: str, tmp_path: Path) -> None:
    context, findings = context_of(text, tmp_path)
    markup = html_report(context, findings, TODAY, None)
    page = Page(markup)
    assert page.sections == SECTIONS
    assert 'id="persona-filter"' not in markup  # one persona: nothing to filter
    assert "This map records no pain points." in page.all_text
    assert "This map records no opportunities." in page.all_text
    assert "no stage or step has a KPI" in page.all_text
    assert markdown_report(context, findings, TODAY, None).startswith("# ")
