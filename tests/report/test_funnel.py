"""The funnel section: a map's snapshot in the report's facts, HTML and Markdown."""

from __future__ import annotations

import datetime
import re

import pytest

from cjm.model.snapshot import KpiResult
from cjm.render.measured import format_duration, format_share, snapshot_state
from cjm.report.build import build_report
from cjm.report.funnel import FunnelFacts, funnel_facts
from cjm.report.html import render_report
from cjm.report.markdown import markdown_report

from .funnel_fixture import binding, funnel_context, measured, snapshot

TODAY = datetime.date(2026, 11, 23)


def facts_of(**changes: object) -> FunnelFacts:
    context = funnel_context(measured(**changes))  # type: ignore[arg-type]
    facts = funnel_facts(context.journey, context.measured, TODAY, context.marks)
    assert facts is not None
    return facts


@pytest.mark.parametrize(
    ("rate", "text"),
    [
        (None, "\u2013"),
        (0, "0%"),
        (0.38, "38%"),
        (0.375, "37.5%"),
        (0.0004, "<0.1%"),
        (0.9999, ">99.9%"),
        (1, "100%"),
    ],
)
def test_shares_read_as_percentages(rate: float | None, text: str) -> None:
    assert format_share(rate) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, "\u2013"),
        (0, "0 s"),
        (45, "45 s"),
        (720, "12 min"),
        (12000, "3 h 20 min"),
        (3600, "1 h"),
        (187200, "2 d 4 h"),
        (86400, "1 d"),
    ],
)
def test_durations_read_in_words(seconds: float | None, text: str) -> None:
    assert format_duration(seconds) == text


def test_the_funnel_of_everyone_step_by_step() -> None:
    facts = facts_of()
    assert facts.state == "current" and facts.notice is None
    everyone = facts.segments[0]
    assert (everyone.name, everyone.entered_text) == ("Everyone", "1,204")
    assert [stage.name for stage in everyone.stages] == ["Discover", "Try", "Buy"]
    first, signs_up, _, pays = everyone.steps
    assert (first.number, first.reach_text, first.share_text) == (1, "1,204", "100%")
    assert (first.conversion_text, first.drop_text) == ("62%", "38%")
    assert first.time_text == "median 3 h 20 min, p90 2 d 4 h"
    assert (signs_up.share_text, signs_up.drop_text) == ("62%", "58.5%")
    assert pays.last and (pays.drop_text, pays.time_text, pays.bar_drop) == (
        "\u2013",
        "last step",
        0,
    )
    assert first.bar == 100 and first.bar_drop == pytest.approx(38.04)
    assert everyone.stages[1].drop_text == "85%"


def test_each_persona_has_its_funnel_after_everyone() -> None:
    facts = facts_of()
    assert [segment.name for segment in facts.segments] == ["Everyone", "Ops Olivia", "Dan Finance"]
    dan = facts.segments[2]
    assert dan.mark is not None and dan.mark.initials == "D"
    assert dan.steps[1].time_text == "no time measured"


def test_side_steps_give_reach_only_and_say_why() -> None:
    side = facts_of().segments[0].side_steps
    assert [(s.action, s.reach_text, s.share_text, s.why) for s in side] == [
        ("Reads the docs", "402", "33.4%", "optional"),
        ("Books a demo", "58", "4.8%", "branch"),
    ]
    assert "no drop-off" in side[0].reason and "skip" in side[0].reason


def test_kpis_with_and_without_a_value() -> None:
    activation, time_to_pay = facts_of().kpis
    assert (activation.name, activation.shown) == ("Trial activation", "41.5%")
    assert "from step 3 (Signs up for a trial) to step 5 (Invites the team)" in activation.what
    assert time_to_pay.value is None
    assert time_to_pay.shown == "no value: fewer than 5 users went on from step invites"


def test_a_kpi_the_map_does_not_have() -> None:
    extra = KpiResult.model_validate({"kpi": "gone", "measure": "reach", "as": "count", "value": 3})
    changed = snapshot().model_copy(update={"kpis": [extra]})
    [kpi] = facts_of(measured_snapshot=changed).kpis
    assert (kpi.known, kpi.name, kpi.shown) == (False, "gone", "3")


def test_feedback_beside_the_mapped_emotion_and_small_groups_withheld() -> None:
    facts = facts_of()
    visits, signs_up, pays = facts.segments[0].feedback
    assert (visits.positive_text, visits.neutral_text, visits.negative_text) == (
        "60%",
        "25%",
        "15%",
    )
    assert [(m.initials, m.score) for m in signs_up.emotions] == [("O", -1), ("D", 1)]
    assert signs_up.quotes == ("The code never came, call me on ███████", "Too many fields")
    assert pays.withheld == "withheld: fewer than 10 answers"
    assert pays.positive_text == "\u2013"
    [dan] = facts.segments[2].feedback
    assert dan.suppressed and [m.initials for m in dan.emotions] == ["D"]
    assert any("3 answers about a step" in note for note in facts.feedback_notes)


def test_the_definition_in_words() -> None:
    words = dict(facts_of().definition)
    assert words["Counted"].startswith("users, in order")
    assert words["Window"] == "14 days after entering the funnel (its first step)"
    assert words["Period"] == ("23 Oct 2026 to 19 Nov 2026 (last 28 days), days in Europe/Berlin")
    assert words["Anonymous visitors"] == "counted as the user they later identify as"
    assert words["Measured"] == "20 Nov 2026 (3 days ago) by duckdb 1.2.0"
    assert words["Data"] == (
        "48,211 events from 1,530 users in the period; 12 events without a user left out"
    )


def test_a_changed_binding_puts_the_snapshot_out_of_step() -> None:
    changed = binding().model_copy(deep=True)
    changed.funnel.window = "7 days"
    facts = facts_of(bound=changed)
    assert facts.state == "out-of-step"
    assert facts.notice is not None and facts.notice.startswith("Out of step")
    assert facts.measured  # the numbers are still shown, under the notice


def test_a_changed_map_puts_the_snapshot_out_of_step() -> None:
    context = funnel_context()
    context.journey.stages[0].steps[1].optional = False  # the docs step joins the line
    assert snapshot_state(context.journey, context.measured) == "out-of-step"


def test_a_bound_map_without_a_snapshot_says_so() -> None:
    facts = facts_of(with_snapshot=False)
    assert facts.state == "missing" and not facts.measured
    assert facts.notice is not None and "Not measured yet" in facts.notice
    assert "maps/trial.measures.yaml" in facts.notice


def test_a_snapshot_without_a_binding_says_so() -> None:
    facts = facts_of(with_binding=False)
    assert facts.state == "unbound" and facts.measured
    assert facts.notice is not None and facts.notice.startswith("No binding")


def test_a_map_neither_bound_nor_measured_has_no_funnel() -> None:
    context = funnel_context()
    context.measured = None
    assert build_report(context, [], TODAY, None).funnel is None
    page = render_report(build_report(context, [], TODAY, None))
    assert 'id="funnel"' not in page and 'href="#funnel"' not in page
    assert "## Funnel" not in markdown_report(context, [], TODAY, None)


def _section(page: str) -> str:
    start = page.index('<section id="funnel"')
    return page[start : page.index("</section>", start)]


def test_the_html_section() -> None:
    page = render_report(build_report(funnel_context(), [], TODAY, None))
    assert '<li><a href="#funnel">Funnel</a></li>' in page
    section = _section(page)
    assert section.count('data-funnel-panel="') == 3
    assert re.search(r'<div class="funnel-switch" id="funnel-switch"[^>]*hidden>', section)
    assert 'style="width:100.0%"' in section  # the first step's bar
    assert "1,204" in section and "58.5%" in section and "median 3 h 20 min" in section
    assert "withheld: fewer than 10 answers" in section
    assert "no value: fewer than 5 users went on from step invites" in section
    assert "23 Oct 2026 to 19 Nov 2026" in section
    assert "funnel-notice" not in section
    # The section follows the emotional curve.
    assert page.index('id="emotions"') < page.index('id="funnel"') < page.index('id="pain-points"')


def test_the_html_says_out_of_step_at_the_top() -> None:
    changed = binding().model_copy(deep=True)
    changed.funnel.timezone = "UTC"
    page = render_report(build_report(funnel_context(measured(changed)), [], TODAY, None))
    section = _section(page)
    assert section.index("funnel-notice") < section.index("funnel-panel")
    assert "Out of step" in section


def test_the_html_of_a_missing_snapshot_is_the_notice_alone() -> None:
    context = funnel_context(measured(with_snapshot=False))
    section = _section(render_report(build_report(context, [], TODAY, None)))
    assert "Not measured yet" in section and "funnel-panel" not in section


def test_hostile_text_is_escaped_in_the_section() -> None:
    hostile = "<script>window.__pwned=1</script>"
    changed = snapshot().model_copy(deep=True)
    changed.feedback.groups[1].quotes = [hostile]  # type: ignore[union-attr]
    page = render_report(
        build_report(funnel_context(measured(measured_snapshot=changed)), [], TODAY, None)
    )
    assert hostile not in page and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page


def test_the_markdown_section() -> None:
    text = markdown_report(funnel_context(), [], TODAY, None)
    section = text[text.index("## Funnel") :]
    assert "| Step | Reached | Of entrants | On to next | Drop-off | Time to next |" in section
    assert (
        "| 1. Visits the pricing page | 1,204 | 100% | 62% | 38% | median 3 h 20 min, p90 2 d 4 h |"
        in section
    )
    assert "| **Stage Try** | **746** | **62%** | **15%** | **85%** |   |" in section
    assert "### Ops Olivia: 700 entered" in section
    assert "withheld: fewer than 10 answers" in section
    assert "- **Window:** 14 days after entering the funnel (its first step)" in section
    assert "no value: fewer than 5 users went on from step invites" in section


def test_the_markdown_notice() -> None:
    text = markdown_report(funnel_context(measured(with_snapshot=False)), [], TODAY, None)
    assert "> **\u26a0 Not measured yet" in text


def test_the_definition_in_one_sentence_beside_the_numbers() -> None:
    facts = facts_of()
    assert facts.summary == (
        "Users counted in order within 14 days of the first step, 23 Oct 2026 to "
        "19 Nov 2026 (Europe/Berlin); measured 20 Nov 2026 by duckdb 1.2.0 from events."
    )
    page = render_report(build_report(funnel_context(), [], TODAY, None))
    assert facts.summary in _section(page)
