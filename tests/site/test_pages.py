"""What each page of the site holds, for the fixture workspace (see conftest)."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from cjm.portfolio import Portfolio
from cjm.site import site_pages
from cjm.site.pages import Filter, pain_filters, stage_pairs
from cjm.site.search import search_index

from .conftest import HOSTILE, WORD, hostile_workspace, portfolio_of
from .markup import Markup

EXPECTED = [
    "index.html",
    "pain-points.html",
    "opportunities.html",
    "kpis.html",
    "teams.html",
    "personas.html",
    "channels.html",
    "search.html",
    "team-care.html",
    "team-web-team.html",
    "persona-mover.html",
    "persona-saver.html",
    "compare-switching-2027.html",
]


@pytest.fixture(scope="module")
def pages(portfolio: Portfolio) -> dict[str, Markup]:
    return {page.name: Markup(page.html) for page in site_pages(portfolio)}


@pytest.fixture(scope="module")
def html(portfolio: Portfolio) -> dict[str, str]:
    return {page.name: page.html for page in site_pages(portfolio)}


def test_every_page_is_made(pages: dict[str, Markup]) -> None:
    assert list(pages) == EXPECTED


def test_the_home_page_gives_the_portfolio_at_a_glance(pages: dict[str, Markup]) -> None:
    home = pages["index.html"]
    text = home.all_text
    assert "3 journey maps, 3 open pain points, 3 opportunities" in text
    for report in (
        "switching-report.html",
        "switching-2027-report.html",
        "moving-home-report.html",
    ):
        assert report in home.links
    assert "compare-switching-2027.html" in home.links
    # Staleness: Moving home was last reviewed on 2025-01-01 with a quarterly cadence.
    assert "Moving home: 599 days overdue, last reviewed 1 Jan 2025 (quarterly cadence)" in text
    # The map with an error is left out, and says why.
    assert "maps/broken.yaml: it has 1 error" in text
    # Evidence: Moving home's steps rest on nothing; the switching map on research.
    assert "Mostly assumptions" in text
    groups = text[text.index("By type") : text.index("Staleness")]
    assert re.search(r"Current-state map ?2 ?Future-state map ?1", groups)
    assert re.search(r"Web Team ?2 ?Customer Care ?1", groups)
    assert "Worst moments" in text and "stuck" in text


def test_the_register_has_a_row_per_pain_point_worst_first(
    pages: dict[str, Markup], html: dict[str, str], portfolio: Portfolio
) -> None:
    register = pages["pain-points.html"]
    assert register.rows == len(portfolio.pains) == 4
    held = filter_values(html["pain-points.html"], pain_filters(portfolio))
    assert held["severity"] == [["critical"], ["high"], ["high"], ["medium"]]
    # The future state's switch tracker addresses the current state's hold times.
    assert "A switch tracker on the website" in register.all_text
    # The meter serial number names Sam; the others name no persona, so they hurt every
    # persona of their journey: both on switching, Mia alone on moving home.
    assert held["persona"] == [
        ["Moving Mia", "Saving Sam"],
        ["Moving Mia"],
        ["Saving Sam"],
        ["Moving Mia", "Saving Sam"],
    ]
    assert ["phone"] in held["channel"]


def filter_values(html: str, filters: list[Filter]) -> dict[str, list[list[str]]]:
    """The filter values each register row holds, read from its ``data-f`` positions."""
    rows = [codes.split(" ") for codes in re.findall(r'<tr data-f="([^"]*)"', html)]
    return {
        f.key: [[f.values[int(at)] for at in row[i].split(",") if at] for row in rows]
        for i, f in enumerate(filters)
    }


def test_the_register_filters_offer_the_values_its_rows_hold(portfolio: Portfolio) -> None:
    filters = {f.key: f.values for f in pain_filters(portfolio)}
    assert filters["severity"] == ["critical", "high", "medium"]
    assert filters["status"] == ["open", "resolved"]  # open first: it sorts the column too
    assert filters["owner"] == ["Customer Care", "Web Team"]
    # Every persona: one that no pain point names is hurt by those that name none.
    assert filters["persona"] == ["Moving Mia", "Saving Sam"]
    assert filters["channel"] == ["phone", "web"]
    assert filters["journey"] == ["Moving home", "Switching supplier, today"]


def test_the_backlog_ranks_sized_opportunities_and_lists_the_rest_apart(
    pages: dict[str, Markup], html: dict[str, str]
) -> None:
    page = html["opportunities.html"]
    ranked, unsized = page.index('id="ranked-h"'), page.index('id="unsized-h"')
    settled = page.index('id="settled-h"')
    drop = page.index("Find the meter from the address")
    tracker = page.index("A switch tracker on the website")
    callback = page.index("Offer a call back at busy times")
    assert ranked < drop < tracker < unsized < callback < settled
    assert "Quick wins" in pages["opportunities.html"].all_text
    assert "not sized" in page[unsized:settled]


def test_the_kpi_board_words_values_as_the_report_does(pages: dict[str, Markup]) -> None:
    text = pages["kpis.html"].all_text
    assert "Visitors who get a quote" in text
    assert "20%" in text and "24%" in text and "30%" in text
    assert "Missed" in text and "6 pts short" in text
    assert "+4 pts since baseline" in text and "Right way" in text
    assert "0 of 1 KPI with a target, a value and a direction are on target." in text


def test_team_pages_hold_what_each_team_owns(pages: dict[str, Markup]) -> None:
    care = pages["team-care.html"].all_text
    assert "Hold times of forty minutes" in care and "Final readings are lost" in care
    assert "Moving home" in care
    # Customer Care owns the two open pain points: it comes first on the teams page.
    teams = pages["teams.html"].all_text
    assert teams.index("Customer Care") < teams.index("Web Team")
    web = pages["team-web-team.html"].all_text
    assert "Into the team from Web Team" not in web
    assert "Out of the team to Customer Care" in web


def test_persona_pages_draw_a_curve_per_journey(html: dict[str, str]) -> None:
    mia = html["persona-mover.html"]
    assert mia.count('<svg class="spark"') == 3  # every journey she is on
    assert "Step 2: Calls the helpline to confirm the switch date (-2)" in mia
    sam = Markup(html["persona-saver.html"]).all_text
    assert "The quote form asks for the meter serial number" in sam
    assert "Final readings are lost" not in sam  # Sam is not on that journey


def test_the_channel_matrix_counts_steps_and_links_them(pages: dict[str, Markup]) -> None:
    page = pages["channels.html"]
    assert "No touchpoint" in page.all_text
    assert "1 step has no touchpoint at all" in page.all_text
    assert "switching-report.html#step-gets-quote" in page.links
    assert any(link.startswith("#cell-") for link in page.links)


def test_a_pair_page_sets_the_two_maps_side_by_side(portfolio: Portfolio) -> None:
    current, future = portfolio.journey("switching"), portfolio.journey("switching-2027")
    assert current is not None and future is not None
    pairs = stage_pairs(current, future)
    assert [(p.name, p.current is not None, p.future is not None) for p in pairs] == [
        ("Compare", True, True),
        ("Join", True, True),
    ]


def test_the_search_index_is_embedded_once_and_lean(
    pages: dict[str, Markup], portfolio: Portfolio
) -> None:
    blocks = [
        (name, text)
        for name, page in pages.items()
        for kind, text in page.scripts
        if kind == "application/json"
    ]
    assert [name for name, _ in blocks] == ["search.html"]
    data = json.loads(blocks[0][1])
    assert ["Switching supplier, today", "switching-report.html"] in data["j"]
    texts = {(entry[0], data["t"][entry[1]]) for entry in data["e"]}
    assert ("p", "Hold times of forty minutes at the end of the month") in texts
    assert ("m", "Customer Care") in texts and ("e", "Moving Mia (Moving house)") in texts
    assert ("k", "Visitors who get a quote") in texts
    assert len(search_index(portfolio).entries) == len(data["e"])
    # Each text is written once: the current and future switching maps share a step.
    assert len(data["t"]) == len(set(data["t"])) < len(data["e"])
    hold = next(e for e in data["e"] if data["t"][e[1]].startswith("Hold times"))
    assert data["a"][hold[0]] + hold[3] == "#pain-hold-times"


def test_every_page_allows_only_its_own_script_and_asks_for_nothing(
    pages: dict[str, Markup],
) -> None:
    for name, page in pages.items():
        policy = page.policy
        assert policy is not None, name
        assert "default-src 'none'" in policy and "form-action 'self'" in policy
        code = [text for kind, text in page.scripts if kind is None]
        assert len(code) == 1, name
        digest = base64.b64encode(hashlib.sha256(code[0].encode()).digest()).decode()
        assert f"script-src 'sha256-{digest}'" in policy
        # The search form (twice on the search page); no src at all.
        assert set(page.sources) == {"search.html"}, name
        for link in page.links:
            assert not re.match(r"[a-z]+:", link), (name, link)


def test_hostile_text_is_escaped_and_bidi_controls_shown(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    portfolio = portfolio_of(hostile_workspace(tmp_path_factory.mktemp("site")))
    for page in site_pages(portfolio):
        markup = Markup(page.html)
        assert "<script>alert" not in page.html, page.name
        assert "\u202e" not in page.html, page.name
        assert len([s for s in markup.scripts if s[0] is None]) == 1
    register = next(p for p in site_pages(portfolio) if p.name == "pain-points.html")
    text = Markup(register.html).all_text
    assert "<script>alert(1)</script>" in text
    assert WORD in text
    assert HOSTILE.split()[0] in text


def test_a_map_with_errors_drawn_with_force_is_flagged(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from .conftest import FIXTURE

    portfolio = portfolio_of(FIXTURE, force=True)
    assert portfolio.left_out == []
    home = next(p for p in site_pages(portfolio) if p.name == "index.html")
    text = Markup(home.html).all_text
    assert "A map with a mistake" in text
    assert "Drawn with --force despite errors" in text


def test_a_channel_cell_knows_its_steps(portfolio: Portfolio) -> None:
    cell = portfolio.channels.cell("web", "Compare")
    assert cell is not None and cell.steps == 2
    assert [(ref.id, step.id) for ref, step in cell.places] == [
        ("switching-2027", "gets-quote"),
        ("switching", "gets-quote"),
    ]
