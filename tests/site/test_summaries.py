"""Team and persona pages show a bounded summary of long lists: counts per journey and
the worst few open pain points, saying how many of how many they show and linking to the
register filtered to the full list."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from cjm.portfolio import Portfolio
from cjm.site import names, site_pages, summary
from cjm.site.summary import (
    by_journey,
    handoff_counts,
    owned_steps,
    shortlist,
    steps_by_journey,
)

from .conftest import FIXTURE, portfolio_of
from .markup import Markup


def html_of(portfolio: Portfolio, name: str) -> str:
    return next(p.html for p in site_pages(portfolio) if p.name == name)


def page(portfolio: Portfolio, name: str) -> Markup:
    return Markup(html_of(portfolio, name))


def test_a_shortlist_says_how_many_it_leaves_out() -> None:
    rows = list(range(25))
    short = shortlist(rows, 10)
    assert list(short.rows) == list(range(10)) and short.total == 25 and short.cut
    whole = shortlist(rows[:3], 10)
    assert list(whole.rows) == [0, 1, 2] and whole.total == 3 and not whole.cut
    assert shortlist([], 10).total == 0


def test_the_register_link_carries_the_filters_quoted() -> None:
    assert names.register_filtered() == "pain-points.html"
    link = names.register_filtered(persona="Saving Sam & co", status="open")
    assert link == "pain-points.html?persona=Saving%20Sam%20%26%20co&status=open"


def test_persona_pain_points_are_counted_per_journey(portfolio: Portfolio) -> None:
    sam = next(p for p in portfolio.personas if p.name == "Saving Sam")
    counts = by_journey(sam.pains)
    assert [(c.journey.id, c.total, c.open, c.worst) for c in counts] == [
        ("switching", 3, 2, "critical")
    ]


def test_team_steps_are_counted_per_journey(portfolio: Portfolio) -> None:
    care = next(t for t in portfolio.teams if t.id == "care")
    counted = owned_steps(care.steps)
    assert sum(c.steps for c in counted) == len(care.steps)
    assert len({c.journey.id for c in counted}) == len(counted)
    switching = next(c for c in counted if c.journey.id == "switching")
    assert switching.open_pains == 1  # the hold times, at the helpline step


def test_channel_cell_steps_are_grouped_by_journey(portfolio: Portfolio) -> None:
    cell = portfolio.channels.cell("web", "Compare")
    assert cell is not None
    groups = steps_by_journey(cell.places)
    assert [(ref.id, [s.id for s in steps]) for ref, steps in groups] == [
        ("switching-2027", ["gets-quote"]),
        ("switching", ["gets-quote"]),
    ]


def test_a_short_list_shows_all_and_still_links_the_register(portfolio: Portfolio) -> None:
    markup = page(portfolio, "team-care.html")
    assert "2 of 2 open pain points shown: in the register." in markup.all_text
    assert "pain-points.html?owner=Customer%20Care&status=open" in markup.links
    markup = page(portfolio, "persona-saver.html")
    assert "2 of 2 open pain points shown." in markup.all_text
    assert "3 pain points on 1 journey, 2 open. See them all in the register." in markup.all_text
    assert "pain-points.html?persona=Saving%20Sam" in markup.links


@pytest.fixture
def one_at_most(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summary, "SHORTLIST", 1)


@pytest.mark.usefixtures("one_at_most")
def test_a_cut_list_says_n_of_m_and_links_the_full_list(portfolio: Portfolio) -> None:
    markup = page(portfolio, "team-care.html")
    text = markup.all_text
    assert "1 of 2 open pain points shown, worst first: all 2 in the register." in text
    assert "Hold times of forty minutes at the end of the month" in text  # the worst
    assert "Final readings are lost" not in text
    assert "pain-points.html?owner=Customer%20Care&status=open" in markup.links
    markup = page(portfolio, "persona-saver.html")
    text = markup.all_text
    assert "1 of 2 open pain points shown, worst first: all 2 in the register." in text
    assert "pain-points.html?persona=Saving%20Sam&status=open" in markup.links
    # The per-journey counts link to the register filtered to the persona and journey.
    journey = "pain-points.html?persona=Saving%20Sam&journey=Switching%20supplier%2C%20today"
    assert journey in markup.links
    # Every journey is counted: average, lowest score, open, worst open, all.
    assert re.search(r"Switching supplier, today ?-0\.7 ?\u22121 ?2 ?critical ?3", unescape(text))
    # One curve is drawn, the journey they feel worst on, and the page says so.
    assert html_of(portfolio, "persona-saver.html").count('<svg class="spark"') == 1
    assert "1 of 2 journeys drawn, those they feel worst on first (lowest average)" in text


def test_handoffs_are_counted_per_team_with_the_undescribed_listed(
    portfolio: Portfolio,
) -> None:
    web = next(t for t in portfolio.teams if t.id == "web-team")
    counts = handoff_counts(web.handoffs_out, "to")
    assert [(c.team, c.handoffs, c.journeys, c.undescribed) for c in counts] == [
        ("Customer Care", 1, 1, 1)
    ]
    text = page(portfolio, "team-web-team.html").all_text
    assert "to Customer Care on 1 journey, 1 not described 1" in text
    assert "Not described 1 of 1 shown. to Customer Care at Calls the helpline" in text


def test_a_kpi_without_a_direction_is_flagged_and_the_board_says_what_to_add(
    tmp_path: Path,
) -> None:
    workspace = tmp_path / "portfolio"
    shutil.copytree(FIXTURE, workspace)
    source = workspace / "maps" / "switching.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(re.sub(r"\n *better: higher\n", "\n", text, count=1), encoding="utf-8")
    board = page(portfolio_of(workspace), "kpis.html").all_text
    assert re.search(r"1 KPI does not say which way is better \( ?Direction unknown ?\)", board)
    assert "add better: higher or better: lower to judge it." in board
    assert board.count("Direction unknown") == 2  # the note and the KPI's row
