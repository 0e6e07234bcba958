"""What each slide says, read back from the PPTX with python-pptx."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx.presentation import Presentation as PresentationType
from pptx.util import Emu

from .conftest import (
    deck_of,
    example_report,
    find_slide,
    notes_of,
    report_of,
    slide_text,
    titles,
)
from .maps import SMALL_MAP


@pytest.fixture
def small(tmp_path: Path) -> PresentationType:
    return deck_of(report_of(SMALL_MAP, tmp_path))


def test_the_slides_in_order(small: PresentationType) -> None:
    assert titles(small) == [
        "Small journey",
        "Personas",
        "Discover",
        "Buy",
        "Emotional curve",
        "Top pain points",
        "Top opportunities",
        "KPIs",
        f"Lint findings: {len(notes_of(small.slides[-1]).splitlines())}",
    ]


def test_slides_are_16_by_9(small: PresentationType) -> None:
    assert small.slide_width == Emu(int(13.333 * 914400))
    assert small.slide_height == Emu(int(7.5 * 914400))


def test_title_slide_has_the_facts_and_the_numbers_at_a_glance(small: PresentationType) -> None:
    text = slide_text(small.slides[0])
    assert (
        "Current-state map \u00b7 Owner: Growth \u00b7 Reviewed 1 Oct 2026 (quarterly cadence)"
        in text
    )
    assert "Up to date: next review due 1 Jan 2027." in text
    assert "Steps\n4\nin 2 stages" in text
    assert "Open pain points\n3\n1 critical, 1 high, 1 low" in text
    assert "KPIs on target\n1 of 2\n1 with direction unknown" in text


def test_a_stale_map_says_so_on_the_title_slide(tmp_path: Path) -> None:
    deck = deck_of(report_of(SMALL_MAP.replace("2026-10-01", "2025-01-01"), tmp_path))
    assert "Review overdue by" in slide_text(deck.slides[0])


def test_personas_show_name_role_quote_goals(small: PresentationType) -> None:
    text = slide_text(find_slide(small, "Personas"))
    for expected in (
        "Ops Olivia",
        "Operations lead",
        "\u201cShow me it works.\u201d",
        "Goals",
        "\u2022 Ship on time",
        "Frustrations",
        "\u2022 Surprise costs",
        "Dan Finance",
    ):
        assert expected in text


def test_a_stage_slide_shows_steps_as_columns(small: PresentationType) -> None:
    slide = find_slide(small, "Discover")
    text = slide_text(slide)
    assert "Stage 1 of 2 \u00b7 Customer goal: Find out whether it fits." in text
    assert "1. Reads the pricing page" in text
    assert "2. Calls the help desk\nOnly Ops Olivia" in text
    assert "Website (web)" in text and "Help desk (phone)" in text
    assert "Ops Olivia: +1 curious\nDan Finance: \u22121 negative" in text
    assert "HIGH: Long wait on the phone\nLOW: Confusing menu" in text
    notes = notes_of(slide)
    assert "Step 2: Calls the help desk" in notes
    assert "Pain point (high, open, Support desk): Long wait on the phone" in notes


def test_a_stage_with_many_steps_gets_several_slides(tmp_path: Path) -> None:
    steps = "".join(f"      - {{id: s{n}, action: Step {n}, emotion: 0}}\n" for n in range(7))
    text = SMALL_MAP.split("  - id: buy")[0].split("    steps:\n")[0] + "    steps:\n" + steps
    text = text + "opportunities: []\n"
    deck = deck_of(report_of(text, tmp_path))
    assert [t for t in titles(deck) if t.startswith("Discover")] == [
        "Discover (1 of 2)",
        "Discover (2 of 2)",
    ]
    assert "steps 1\u20134" in slide_text(find_slide(deck, "Discover (1 of 2)"))
    assert "steps 5\u20137" in slide_text(find_slide(deck, "Discover (2 of 2)"))


def test_the_curve_is_a_line_chart_with_a_gap_where_a_persona_skips_a_step(
    small: PresentationType,
) -> None:
    slide = find_slide(small, "Emotional curve")
    [chart_shape] = [s for s in slide.shapes if s.has_chart]
    plot = chart_shape.chart.plots[0]  # type: ignore[attr-defined]
    assert list(plot.categories) == [
        "1. Reads the pricing page",
        "2. Calls the help desk",
        "3. Pays by card",
        "4. Gets a receipt",
    ]
    values = {s.name: list(s.values) for s in plot.series}
    assert values == {"Ops Olivia": [1.0, -2.0, -1.0, 2.0], "Dan Finance": [-1.0, None, -1.0, 2.0]}
    assert "2. Calls the help desk: does not take this step" in notes_of(slide)
    axis = chart_shape.chart.value_axis  # type: ignore[attr-defined]
    assert (axis.minimum_scale, axis.maximum_scale) == (-2, 2)


def test_pain_points_worst_first_with_severity_owner_status_step(small: PresentationType) -> None:
    text = slide_text(find_slide(small, "Top pain points"))
    rows = text.split("Status\n", 1)[1].splitlines()
    assert rows[:5] == ["critical", "Card payment fails", "3. Pays by card (Buy)", "Growth", "open"]
    assert rows[5:7] == ["high", "Long wait on the phone"]
    assert rows[10:12] == ["low", "Confusing menu"]


def test_opportunities_by_impact_and_effort(small: PresentationType) -> None:
    text = slide_text(find_slide(small, "Top opportunities"))
    rows = text.split("Pain points addressed\n", 1)[1].splitlines()
    assert rows[:6] == [
        "O1",
        "Offer a call-back",
        "high impact, low effort: Quick wins",
        "Support desk",
        "planned",
        "HIGH: Long wait on the phone",
    ]
    assert "HIGH: Long wait on the phone" in text
    assert "O3" in text and "not sized" in text
    assert text.index("O1") < text.index("O2") < text.index("O3")


def test_kpis_are_judged_in_the_reports_words(small: PresentationType) -> None:
    slide = find_slide(small, "KPIs")
    text = slide_text(slide)
    assert "1 of 2 KPIs with a target, a value and a direction is on target." in text
    assert (
        "Visits\nStage Discover\nno baseline\n120 visits\n100 visits\nmet, 20 visits better" in text
    )
    assert "direction unknown: add better: higher or better: lower to judge it" in text
    assert "Bounce rate\nStage Discover\n60%\n55%\n40%\nmissed, 15 pts short" in text
    assert "Since baseline: \u22125 pts since baseline, moved the right way" in notes_of(slide)


def test_the_findings_slide_counts_them(small: PresentationType) -> None:
    slide = small.slides[-1]
    text = slide_text(slide)
    count = len(notes_of(slide).splitlines())
    assert text.startswith(f"Lint findings: {count}\n")
    assert "Severity\nCode\nRule\nLine\nMessage" in text
    assert "warning\nCJM" in text


def test_a_persona_picture_is_placed_when_the_report_has_one() -> None:
    deck = deck_of(example_report("bank-account-opening", "account-opening"))
    slide = find_slide(deck, "Personas")
    pictures = [
        s for s in slide.shapes if s.shape_type is not None and "PICTURE" in str(s.shape_type)
    ]
    assert len(pictures) == 2


def test_no_kpis_and_no_pain_points_are_said_in_words(tmp_path: Path) -> None:
    text = """\
id: bare
title: Bare
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Ops Olivia}]
stages:
  - id: only
    name: Only
"""
    deck = deck_of(report_of(text, tmp_path))
    assert "This stage has no steps yet." in slide_text(find_slide(deck, "Only"))
    assert "No step has an emotion score" in slide_text(find_slide(deck, "Emotional curve"))
    assert "The map records no pain point." in slide_text(find_slide(deck, "Top pain points"))
    assert "no stage or step has a KPI" in slide_text(find_slide(deck, "KPIs"))
