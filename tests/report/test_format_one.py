"""The report shows every part of format 1.0 faithfully, in HTML and in Markdown.

Most tests read the map of the ``full`` workspace (see :data:`conftest.FULL`): an account
opening with a branch one persona takes to a branch office while the other stays online,
an optional step, a KYC wait that spans three steps, a stage-wide pain point, workspace
severities (``blocker`` counts as critical, ``annoyance`` as low) and a workspace channel,
KPIs with baselines, opportunities linked to tracker issues, per-persona words, artifacts,
policies, durations and waits, fail points, moments of truth, evidence of every strength
and persona pictures.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from cjm.report import html_report, markdown_report
from cjm.report.build import build_report
from cjm.report.facts import Report
from cjm.report.links import safe_web_href
from cjm.report.phrases import change_text, movement_text

from .conftest import (
    FULL,
    TODAY,
    _workspace_reports,
    full_report,
    loaded_context,
    page_text,
    section,
)

PNG = (Path(__file__).parent / "full" / "shared" / "pictures" / "nadia.png").read_bytes()


@pytest.fixture(scope="module")
def full() -> Report:
    return build_report(*full_report(), TODAY, None)


@pytest.fixture(scope="module")
def markup() -> str:
    return html_report(*full_report(), TODAY, None)


@pytest.fixture(scope="module")
def markdown() -> str:
    return markdown_report(*full_report(), TODAY, None)


def _step(report: Report, step_id: str):  # type: ignore[no-untyped-def]
    return next(s for s in report.steps if s.id == step_id)


# -- branches and optional steps ---------------------------------------------------------


def test_branch_steps_stand_after_the_step_they_leave_from(full: Report) -> None:
    order = [s.id for s in full.stages[0].steps]
    assert order == [
        "compare",
        "book-visit",
        "visit-branch",
        "read-faq",
        "apply-online",
        "upload-id",
        "sign",
    ]
    visit = _step(full, "visit-branch")
    assert visit.branch is not None and visit.branch.condition == "Prefers to apply in person"
    assert (visit.branch.after, visit.branch.rejoin) == (1, 7)
    assert _step(full, "book-visit").branch_first and not visit.branch_first
    assert visit.branch_last and not _step(full, "book-visit").branch_last
    assert _step(full, "read-faq").optional and _step(full, "read-faq").branch is None


def test_two_branches_from_one_step_are_alternatives(full: Report) -> None:
    retry, call = _step(full, "retry-payment"), _step(full, "call-support")
    assert retry.branch is not None and call.branch is not None
    assert retry.branch.id != call.branch.id
    assert retry.branch.after == call.branch.after == 11
    # Neither rejoins: the journey ends after them.
    assert retry.branch.rejoin is None and not retry.branch.next_stage


def test_the_grid_draws_branches_under_their_condition(markup: str) -> None:
    journey = section(markup, "journey")
    assert journey.count('<tr class="path-row">') == 1 + markup.count('class="print-grid"')
    text = page_text(journey)
    assert "Branch: Prefers to apply in person Leaves after step 1; rejoins at step 7." in text
    assert "Branch: Card declined Leaves after step 11; ends the journey." in text
    assert 'id="step-visit-branch"' in journey
    head = re.search(r'<th scope="col" class="action[^"]*"[^>]*id="step-book-visit"', journey)
    assert head is not None and "on-branch branch-first" in head.group(0)
    assert re.search(r'class="action[^"]* optional" id="step-read-faq"', journey)
    assert '<span class="flag optional">Optional</span>' in journey


def test_curves_follow_routes_and_never_join_alternatives(full: Report) -> None:
    nadia, omar = full.curves
    column = {p.step_number: p.column for p in omar.points}

    def links(*pairs: tuple[int, int]) -> set[tuple[int, int]]:
        return {(column[a], column[b]) for a, b in pairs}

    # Omar's main route, drawn solid: through the optional step, his own steps, on.
    assert links((1, 4), (4, 5), (5, 6), (6, 7), (7, 8), (11, 12)) - set(omar.main_links) == {
        (column[11], column[12])
    }
    # Other routes, dashed: over the skipped optional step, into both alternatives.
    assert links((1, 5), (11, 12), (11, 13)) <= set(omar.other_links)
    everything = set(omar.main_links) | set(omar.other_links)
    assert (column[12], column[13]) not in everything  # alternatives, never consecutive
    assert (column[3], column[4]) not in everything  # branch end, then a skipped step
    # Nadia takes the branch: into it and back to the main line at step 7.
    assert links((1, 2), (2, 3), (3, 7)) <= set(nadia.other_links)
    assert all(column[5] not in pair for pair in nadia.main_links)  # she does not take it


def test_the_curve_svg_draws_other_routes_dashed(markup: str) -> None:
    emotions = section(markup, "emotions")
    assert 'class="alternative"' in emotions and 'stroke-dasharray="6 4"' in emotions
    assert "on the branch Card declined" in emotions  # the chart's description says so
    assert "dashed lines lead into and out of branches" in page_text(emotions)


# -- pain points that span steps -------------------------------------------------------


def test_a_spanning_pain_point_is_listed_once_and_shown_at_each_step(
    full: Report, markup: str
) -> None:
    [kyc] = [p for p in full.pains if p.id == "kyc-wait"]
    assert [c.step_number for c in kyc.covers] == [8, 9, 10]
    assert kyc.spans and not kyc.whole_stage
    for step_id in ("kyc-check", "receive-letter", "activate"):
        assert kyc in _step(full, step_id).pains
    assert [p.id for p in full.pains].count("kyc-wait") == 1
    register = section(markup, "pain-points")
    assert register.count('id="pain-kyc-wait"') == 1
    assert "Steps 8, 9 and 10" in page_text(register)
    journey = page_text(section(markup, "journey"))
    assert "continues: Steps 8, 9 and 10" in journey


def test_a_stage_pain_point_covers_the_whole_stage(full: Report, markup: str) -> None:
    [no_help] = [p for p in full.pains if p.id == "no-help"]
    assert no_help.whole_stage
    assert [c.step_number for c in no_help.covers] == [11, 12, 13]
    assert "Whole stage First use: steps 11, 12 and 13" in page_text(section(markup, "pain-points"))


def test_an_opportunity_sits_once_where_its_pain_point_is_written(full: Report) -> None:
    [tracker] = [o for o in full.opportunities if o.id == "status-tracker"]
    assert [p.step_number for p in tracker.places] == [8]
    assert tracker not in _step(full, "receive-letter").opportunities


# -- workspace severities ----------------------------------------------------------------


def test_workspace_severities_rank_by_what_they_count_as(full: Report, markup: str) -> None:
    assert [(p.severity, p.level) for p in full.pains] == [
        ("blocker", "critical"),
        ("medium", "medium"),
        ("annoyance", "low"),
    ]
    assert ("blocker", "critical") in full.severities
    assert full.severities.index(("blocker", "critical")) == 1  # right after critical
    assert full.open_by_severity == "1 blocker, 1 medium, 1 annoyance"
    assert '<span class="chip sev sev-critical" title="counts as critical">blocker</span>' in (
        markup
    )
    # The tile counts a blocker as critical.
    assert '<li class="tile alert"><span class="big">3</span>' in markup


# -- opportunities as work items ---------------------------------------------------------


def test_opportunities_read_as_a_backlog(full: Report, markup: str) -> None:
    [tracker] = [o for o in full.opportunities if o.id == "status-tracker"]
    assert [(k.id, k.known) for k in tracker.kpis] == [("time-to-open", True), ("nps", True)]
    assert [(w.key, w.href) for w in tracker.links] == [
        ("ONB-42", "https://tracker.example.com/browse/ONB-42"),
        (None, "https://tracker.example.com/epics/7"),
    ]
    row = markup[markup.index('<tr id="opp-status-tracker">') :]
    row = row[: row.index("</tr>")]
    text = page_text(row)
    assert "Due 15 Feb 2027 Release 2027.1" in text
    assert 'href="#kpi-time-to-open"' in row and 'href="#kpi-nps"' in row
    assert (
        '<a class="link" href="https://tracker.example.com/browse/ONB-42" '
        'rel="noopener noreferrer" target="_blank" dir="auto">ONB-42</a>'
    ) in row
    assert "Evidence: interview New-customer interviews (n=14 people)" in text
    assert 'id="kpi-time-to-open"' in markup


def test_only_web_addresses_become_tracker_links() -> None:
    assert safe_web_href("https://tracker.example.com/browse/PAY-1") is not None
    assert safe_web_href("mailto:team@example.com") is None
    assert safe_web_href("javascript:alert(1)") is None
    assert safe_web_href("https://example.com/a?b=<c>") is None


def test_an_opportunity_naming_an_unknown_kpi_says_so(tmp_path: Path) -> None:
    text = (
        (Path(__file__).parent / "full" / "maps" / "account-opening.yaml")
        .read_text(encoding="utf-8")
        .replace("kpis: [completion]", "kpis: [completion, gone]")
    )
    # Unresolved references are findings; the report still names what it cannot find.
    context, findings = _standalone(text, tmp_path)
    markup = html_report(context, findings, TODAY, None)
    assert '<code>gone</code> <span class="muted">is no KPI of this map</span>' in markup
    assert "'gone', which is no KPI of this map" in markdown_report(context, findings, TODAY, None)


# -- KPIs against their baseline ---------------------------------------------------------


def test_kpis_move_against_their_baseline_only_with_a_direction(full: Report) -> None:
    kpis = {k.id: k for k in full.kpis}
    assert kpis["completion"].movement == "better"
    assert change_text(kpis["completion"]) == "+7 pts since baseline"
    assert kpis["time-to-open"].movement == "worse"
    assert change_text(kpis["time-to-open"]) == "+1 days since baseline"
    # No direction: it moved, but nobody can say whether that is good.
    assert kpis["nps"].movement == "unknown-direction"
    assert movement_text(kpis["nps"]) == "direction unknown: cannot tell whether that is better"


def test_the_kpi_table_shows_dates_period_and_source(markup: str) -> None:
    kpis = section(markup, "kpis")
    row = kpis[kpis.index('id="kpi-completion"') :]
    text = page_text(row[: row.index("</tr>")])
    assert "41% 31 Jan 2026" in text
    assert "48% 1 Sep 2026\u201330 Sep 2026" in text
    assert "+7 pts since baseline ↗ Right way" in text
    assert "60% by 30 Jun 2027" in text
    assert 'href="https://dashboards.example.com/onboarding"' in row
    assert "analytics Onboarding funnel (n=52,000 sessions) (low confidence)" in text
    nps = kpis[kpis.index('id="kpi-nps"') :]
    nps_text = page_text(nps[: nps.index("</tr>")])
    assert "Right way" not in nps_text and "Wrong way" not in nps_text
    assert "direction unknown: cannot tell whether that is better" in nps_text


# -- per-persona words, blueprint lanes, moments of truth --------------------------------


def test_per_persona_words_stand_with_the_persona(full: Report, markup: str) -> None:
    compare = _step(full, "compare")
    assert compare.questions == ["Can I open one without a local address history?"]
    assert next((d.mark.persona_id, d.thoughts, d.quotes) for d in compare.details) == (
        "nadia",
        ("I need this before my first pay day",),
        ("Every bank asked for three years of addresses.",),
    )
    journey = section(markup, "journey")
    assert '<div class="detail" data-persona="nadia">' in journey
    assert '<blockquote class="quote" dir="auto">Every bank asked' in journey


def test_blueprint_lanes_and_marks(markup: str) -> None:
    journey = section(markup, "journey")
    text = page_text(journey)
    assert "Artifacts what the customer sees or holds" in text
    assert "Welcome letter with the card PIN" in text
    assert "Policies and regulations" in text and "KYC: verify identity" in text
    assert "Takes 45 min" in text and "Waits 20 min" in text
    assert "Fails: Photo rejected for glare" in text
    assert text.count("Fail point") >= 2 and "Wait point" in text
    # "Evidence" means research: no lane calls artifacts evidence.
    assert "Physical evidence" not in text


def test_moments_of_truth_have_a_section(full: Report, markup: str) -> None:
    assert [s.id for s in full.moments] == ["activate", "first-payment"]
    moments = page_text(section(markup, "moments"))
    assert "10 Activates the account Stage Verify The account finally works" in moments
    assert "Nobody says how long the identity check takes" in moments
    assert "11 Makes a first card payment Stage First use Not said" in moments
    assert '<li><a href="#moments">Moments of truth</a></li>' in markup


def test_no_moments_no_section(tmp_path: Path) -> None:
    from .conftest import SMALL_MAP, context_of

    markup = html_report(*context_of(SMALL_MAP, tmp_path), TODAY, None)
    assert 'id="moments"' not in markup and 'href="#moments"' not in markup


# -- evidence strength ---------------------------------------------------------------------


def test_coverage_weighs_evidence_by_strength(full: Report, markup: str) -> None:
    pains = full.coverage[0]
    # Research, low-confidence research only, nothing.
    assert (pains.research, pains.weak, pains.assumption, pains.none) == (1, 1, 0, 1)
    assert pains.backed == 1.5 and pains.backed_share == 50
    strength = {e.id: e.strength for e in full.evidence}
    assert strength == {"interviews": 1.0, "funnel": 0.5, "hunch": 0.0}
    evidence = page_text(section(markup, "evidence"))
    assert "research of low confidence counts half, and an assumption counts nothing" in evidence
    assert "50% backed by research, weighted by evidence strength (1.5 of 3)" in evidence
    assert "4 May 2026\u201329 May 2026 14 people high 1" in evidence
    assert "I took a day off work" in evidence
    assert '<span class="big">50<span class="of">%</span></span>' in markup


# -- personas ------------------------------------------------------------------------------


def test_persona_pictures_are_embedded_with_alt_text(full: Report, markup: str) -> None:
    nadia, omar = full.personas
    assert nadia.role == "Nurse, new to the country"
    assert nadia.image == "data:image/png;base64," + base64.b64encode(PNG).decode("ascii")
    assert omar.image is not None and omar.image.startswith("data:image/svg+xml;base64,")
    assert f'src="{nadia.image}" alt="Picture of Nadia Newcomer"' in markup
    assert "img-src data:" in markup  # the page's policy lets the picture show
    assert '<p class="role" dir="auto">Freelance developer</p>' in markup


def test_a_picture_that_cannot_be_read_is_named_not_shown(tmp_path: Path) -> None:
    text = MAP_WITH_PICTURE.replace("PICTURE", "missing.png")
    context, findings = _standalone(text, tmp_path)
    report = build_report(context, findings, TODAY, None)
    [persona] = report.personas
    assert persona.image is None
    assert persona.image_problem == "persona image 'missing.png' does not exist"
    markup = html_report(context, findings, TODAY, None)
    assert "Picture <code>missing.png</code> not shown: persona image" in markup
    assert "<img" not in markup
    assert "Picture: `missing.png` (not shown: persona image 'missing.png' does not exist)" in (
        markdown_report(context, findings, TODAY, None)
    )


def test_a_picture_of_the_wrong_kind_is_not_embedded(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a picture", encoding="utf-8")
    context, findings = _standalone(MAP_WITH_PICTURE.replace("PICTURE", "notes.txt"), tmp_path)
    [persona] = build_report(context, findings, TODAY, None).personas
    assert persona.image is None and persona.image_problem is not None
    assert "not a picture cjm embeds" in persona.image_problem


def test_a_picture_next_to_a_standalone_map_is_embedded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "me.png").write_bytes(PNG)
    monkeypatch.chdir(tmp_path)
    context, findings = _standalone(MAP_WITH_PICTURE.replace("PICTURE", "me.png"), tmp_path)
    [persona] = build_report(context, findings, TODAY, None).personas
    assert persona.image is not None and persona.image.startswith("data:image/png;base64,")


# -- Markdown ------------------------------------------------------------------------------


def test_markdown_says_the_same_facts(markdown: str) -> None:
    assert (
        "- Branch **Prefers to apply in person**: steps 2 and 3, instead of or on top of the "
        "main line. Leaves after step 1; rejoins at step 7."
    ) in markdown
    assert "**Reads the eligibility FAQ** *(optional)*" in markdown
    assert "*(⚠ fail point; ⏳ wait point (2 days))*" in markdown
    assert "(continues, steps 8, 9 and 10)" in markdown
    assert (
        "| **BLOCKER** | **Nobody says how long the identity check takes** | steps 8, 9 and 10"
        in markdown
    )
    assert "whole stage First use: steps 11, 12 and 13" in markdown
    assert "N: “I need this before my first pay day”; said “Every bank asked" in markdown
    assert "## Moments of truth" in markdown
    assert (
        "| 41% (31 Jan 2026) | 48% (1 Sep 2026 \u2013 30 Sep 2026) | "
        "+7 pts since baseline, ↗ moved the right way |"
    ) in markdown
    assert "direction unknown: cannot tell whether that is better" in markdown
    assert "[ONB-42](<https://tracker.example.com/browse/ONB-42>) Check tracker" in markdown
    assert "due 15 Feb 2027, release 2027.1" in markdown
    assert "| Pain points | 1 (33%) | 1 (33%) | 0 (0%) | 1 (33%) | 3 | **50%** |" in markdown
    assert "**Nurse, new to the country**" in markdown
    assert "Picture: `pictures/nadia.png`" in markdown
    assert "| 3 | Printed application summary | takes 45 min, waits 20 min |" in markdown


# -- helpers -------------------------------------------------------------------------------

MAP_WITH_PICTURE = """\
format: "1.0"
id: pictured
title: Pictured
type: current-state
owner: team
reviewed: 2026-10-01
teams: [{id: team, name: Team}]
personas:
  - {id: pat, name: Pat, role: Tester, image: PICTURE}
stages:
  - id: one
    name: One
    steps:
      - {id: a, action: Does a thing, emotion: 1}
"""


def _standalone(text: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A map that may have findings of every kind, loaded as `cjm render --force` would."""
    return loaded_context(text, tmp_path)


EDGES_MAP = """\
format: "1.0"
id: edges
title: Edges
type: current-state
owner: team
reviewed: 2026-10-01
teams: [{id: team, name: Team}]
personas: [{id: pat, name: Pat}]
stages:
  - id: one
    name: One
    steps:
      - {id: a, action: Starts, emotion: 1}
      - {id: b, action: Finishes, emotion: 0}
    branches:
      - id: unnamed
        steps:
          - {id: c, action: Detours first, emotion: -1}
  - id: later
    name: Later
    pain_points:
      - {id: vague, summary: Nobody knows what happens next, severity: high, owner: team}
"""


def test_a_branch_without_condition_and_a_stage_without_steps(tmp_path: Path) -> None:
    context, findings = loaded_context(EDGES_MAP, tmp_path)
    report = build_report(context, findings, TODAY, None)
    # A branch that names no step to leave from starts the stage and comes back at its
    # first main-line step.
    assert [s.id for s in report.steps] == ["c", "a", "b"]
    [branch] = {s.branch for s in report.steps if s.branch is not None}
    assert (branch.after, branch.rejoin, branch.condition) == (None, 2, None)
    markup = html_report(context, findings, TODAY, None)
    text = page_text(section(markup, "journey"))
    assert (
        "Branch: no condition written unnamed Leaves at the stage's start; rejoins at step 2."
        in (text)
    )
    # A stage's pain point on a stage without steps: in the register and its team's card.
    [vague] = report.pains
    assert vague.whole_stage and vague.covers == [] and vague.step_number == 0
    assert "Whole stage Later (no steps yet)" in page_text(section(markup, "pain-points"))
    [team] = report.teams
    assert team.pains == [vague]
    assert "- Branch **no condition (`unnamed`)**: step 1," in markdown_report(
        context, findings, TODAY, None
    )


def test_a_kpi_whose_target_date_is_ahead_is_not_missed_yet(full: Report, markup: str) -> None:
    kpis = {k.id: k for k in full.kpis}
    completion = kpis["completion"]  # 48% against 60% by 30 Jun 2027, today 23 Nov 2026
    assert completion.status == "missed" and completion.still_due
    row = markup[markup.index('id="kpi-completion"') :]
    row = row[: row.index("</tr>")]
    assert "Not on target yet" in row and "Missed" not in row
    # Its summary still counts it as not on target.
    assert full.kpis_met == 0 and full.kpis_judged == 2
    assert "| **not on target yet, 12 pts short** |" in markdown_report(*full_report(), TODAY, None)
    # Once the date has passed, it is missed.
    later = build_report(*full_report(), TODAY.replace(year=2027, month=7), None)
    late = next(k for k in later.kpis if k.id == "completion")
    assert not late.still_due
    assert "Missed" in html_report(*full_report(), TODAY.replace(year=2027, month=7), None)


def test_persona_pictures_are_found_whatever_the_files_are_named_from() -> None:
    """Files named from their workspace rather than from the current folder (as a program
    using cjm may name them) still lead to the pictures next to them."""
    [(_, context, findings)] = _workspace_reports(FULL, FULL)
    report = build_report(context, findings, TODAY, None)
    pictures = {persona.name: persona.image for persona in report.personas}
    assert all(image is not None for image in pictures.values()), pictures
