"""What the reports work out, and only when it is earned: KPI verdicts need a direction,
peaks and valleys follow each persona's own path, handoffs too, an opportunity shows at
every step it helps, references the map cannot resolve are said in words, and every count
is worded right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cjm.diagnostics import Diagnostic
from cjm.render.context import RenderContext
from cjm.report import html_report, markdown_report
from cjm.report.build import build_report
from cjm.report.facts import Curve
from cjm.report.phrases import gap_text

from .conftest import SMALL_MAP, TODAY, context_of, loaded_context, page_text, section

# Ann takes every step; Bob skips the call with sales. Scores chosen so that the old
# neighbour-only rule would call a 0 between two +1 a "valley" and a 0 between two -1 a
# "peak"; handoffs chosen so that only Ann's path passes through sales.
PATHS_MAP = """\
format: "1.0"
id: paths
title: Two paths
type: current-state
owner: web
reviewed: 2026-10-01
teams:
  - {id: web, name: Web team}
  - {id: sales, name: Sales desk}
  - {id: ops, name: Operations}
personas:
  - {id: ann, name: Ann Admin, goals: [Ship], frustrations: [Waiting]}
  - {id: bob, name: Bob Buyer, goals: [Save], frustrations: [Cost]}
  - {id: cy, name: Cy Curious, goals: [Learn], frustrations: [Noise]}
touchpoints:
  - {id: site, name: Website, channel: web, owner: web}
evidence:
  - {id: survey, kind: survey, title: Survey, sample_size: 40}
stages:
  - id: look
    name: Look around
    kpis:
      - {id: visits, name: Weekly visits, target: 100, actual: 80}
      - {id: bounce, name: Bounce rate, target: 40, actual: 30, unit: "%", better: lower}
    steps:
      - {id: browse, action: Browses the catalogue, owner: web, touchpoints: [site],
         emotions: {ann: 1, bob: 1, cy: -1}}
      - id: call
        action: Calls sales
        owner: sales
        touchpoints: [site]
        personas: [ann]
        emotion: 0
        handoff: Web books the call in the sales calendar.
        pain_points:
          - {id: slow-call, summary: Sales calls back late, severity: high, owner: sales,
             evidence: [survey]}
      - {id: compare, action: Compares offers, owner: web, touchpoints: [site],
         emotions: {ann: 1, bob: 1}}
  - id: buy
    name: Buy
    steps:
      - {id: order, action: Orders, owner: ops, touchpoints: [site], emotions: {ann: -1, bob: -1},
         handoff: false}
      - {id: wait, action: Waits for the parcel, owner: ops, touchpoints: [site],
         emotions: {ann: 0, bob: 0}}
      - id: pay
        action: Pays the invoice
        owner: sales
        touchpoints: [site]
        emotions: {ann: -1, bob: -1}
        pain_points:
          - {id: late-invoice, summary: The invoice comes late, severity: medium, owner: sales,
             evidence: [survey]}
opportunities:
  - {id: one-owner, summary: One owner for calls and invoices, addresses: [slow-call, late-invoice],
     owner: sales, impact: high, effort: low}
"""

Small = tuple[RenderContext, list[Diagnostic]]


@pytest.fixture
def paths(tmp_path: Path) -> Small:
    # No lint: the map is about what the report shows, not about what the rules say.
    return loaded_context(PATHS_MAP, tmp_path)


# -- KPIs ------------------------------------------------------------------------------------


def test_a_kpi_without_a_direction_is_never_judged(paths: Small) -> None:
    report = build_report(*paths, TODAY, None)
    visits = next(k for k in report.kpis if k.id == "visits")
    assert visits.better is None
    assert visits.status == "no-direction" and not visits.judged
    assert visits.gap is None and gap_text(visits) == ""
    assert (report.kpis_met, report.kpis_judged) == (1, 1)  # bounce: 30% <= 40%, lower

    kpis = section(html_report(*paths, TODAY, None), "kpis")
    row = kpis[kpis.index("Weekly visits") : kpis.index("</tr>", kpis.index("Weekly visits"))]
    text = page_text(row)
    assert "Direction unknown" in text and "direction unknown" in text
    assert "add better: higher or better: lower to judge it" in text
    assert "80" in text and "100" in text  # the values are still shown
    for verdict in ("Met", "Missed", "short", "better is", "on target"):
        assert verdict not in text, verdict
    note = page_text(kpis[: kpis.index("<table")])
    assert "1 of 1 KPI with a target, a value and a direction is on target." in note
    assert "1 KPI has no direction: add better: higher or better: lower to judge it." in note

    markdown = markdown_report(*paths, TODAY, None)
    line = next(x for x in markdown.splitlines() if x.startswith("- KPI Weekly visits"))
    assert line == (
        "- KPI Weekly visits: 80 (target 100): direction unknown: "
        "add `better: higher` or `better: lower` to judge it"
    )
    row_md = next(x for x in markdown.splitlines() if x.startswith("| Look around | Weekly"))
    assert "| unknown |" in row_md and "met" not in row_md and "missed" not in row_md
    assert "| 1 of 1 (1 with direction unknown) |" in markdown


def test_when_no_kpi_can_be_judged_the_summary_says_so(tmp_path: Path) -> None:
    text = PATHS_MAP.replace(", better: lower}", "}")
    context, findings = loaded_context(text, tmp_path)
    markup = html_report(context, findings, TODAY, None)
    tiles = page_text(section(markup, "summary"))
    assert "None judged KPIs on target 2 KPIs in all; 2 with direction unknown" in tiles
    assert "0/0" not in markup
    kpis = page_text(section(markup, "kpis"))
    assert "No KPI has a target, a measured value and a direction, so none is judged." in kpis
    assert "2 KPIs have no direction: add better: higher or better: lower to judge them." in kpis
    markdown = markdown_report(context, findings, TODAY, None)
    assert "| none judged (2 with direction unknown) |" in markdown


def test_missing_values_are_said_in_words(tmp_path: Path) -> None:
    text = PATHS_MAP.replace(
        "      - {id: visits, name: Weekly visits, target: 100, actual: 80}",
        "      - {id: visits, name: Weekly visits, better: higher}",
    )
    context, findings = loaded_context(text, tmp_path)
    row = section(html_report(context, findings, TODAY, None), "kpis")
    row = page_text(row[row.index("Weekly visits") : row.index("</tr>", row.index("Weekly"))])
    assert "not measured" in row and "not set" in row and "No target" in row
    assert "\u2013" not in row
    markdown = markdown_report(context, findings, TODAY, None)
    line = next(x for x in markdown.splitlines() if x.startswith("- KPI Weekly visits"))
    assert line == "- KPI Weekly visits: not measured (target not set, higher is better): no target"


# -- peaks and valleys -----------------------------------------------------------------------


def _extremes(curve: Curve) -> dict[int, str]:
    return {p.step_number: p.extreme for p in curve.points if p.extreme}


def test_peaks_are_positive_highs_and_valleys_negative_lows_on_each_path(paths: Small) -> None:
    ann, bob, cy = build_report(*paths, TODAY, None).curves
    # Ann: +1 0 +1 -1 0 -1. The 0 at step 2 is no valley, the 0 at step 5 no peak.
    assert _extremes(ann) == {1: "peak", 3: "peak", 4: "valley", 6: "valley"}
    # Bob does not take step 2: along his path +1 +1 -1 0 -1, one peak (the middle of the
    # run of two, the first step), and two valleys.
    assert _extremes(bob) == {1: "peak", 4: "valley", 6: "valley"}
    assert [p.takes for p in bob.points] == [True, False, True, True, True, True]
    # Cy has a score at the first step only: a single point is no turning point.
    assert _extremes(cy) == {}


def test_the_curve_labels_only_real_turning_points(paths: Small) -> None:
    markup = html_report(*paths, TODAY, None)
    ann_svg = re.search(r'<svg [^>]*aria-labelledby="curve-ann-title.*?</svg>', markup, re.S)
    assert ann_svg is not None
    svg = ann_svg.group(0)
    marks = re.findall(r"<title>(\u25b2 peak|\u25bc valley): step (\d+)</title>", svg)
    assert sorted(marks, key=lambda m: int(m[1])) == [
        ("\u25b2 peak", "1"),
        ("\u25b2 peak", "3"),
        ("\u25bc valley", "4"),
        ("\u25bc valley", "6"),
    ]
    # The label a reader sees carries the mark the section's note promises.
    assert len(re.findall("<tspan[^>]*>\u25b2 ", svg)) == 2
    assert len(re.findall("<tspan[^>]*>\u25bc ", svg)) == 2
    assert "a peak" in svg and "a valley" in svg  # the description says it too
    note = page_text(section(markup, "emotions"))
    assert (
        "Peaks (\u25b2, a positive high point) and valleys (\u25bc, a negative low point)" in note
    )


def test_markdown_lists_turning_points_and_says_when_there_are_none(paths: Small) -> None:
    markdown = markdown_report(*paths, TODAY, None)
    lines = {line[2:].split(",")[0]: line for line in markdown.splitlines() if line[:2] == "- "}
    assert lines["Ann Admin"] == (
        "- Ann Admin, peaks: step 1 Browses the catalogue (**+1**); step 3 Compares offers "
        "(**+1**); valleys: step 4 Orders (**\u22121**); step 6 Pays the invoice (**\u22121**)."
    )
    assert "step 2" not in lines["Ann Admin"] and "step 5" not in lines["Ann Admin"]
    assert lines["Cy Curious"] == "- Cy Curious, no peak; no valley."


def test_a_persona_without_scores_is_said_to_have_none(tmp_path: Path) -> None:
    text = PATHS_MAP.replace(", cy: -1}", "}")
    context, findings = loaded_context(text, tmp_path)
    markdown = markdown_report(context, findings, TODAY, None)
    assert "- Cy Curious: no emotion scores on this map." in markdown
    markup = html_report(context, findings, TODAY, None)
    assert "No emotion scores for this persona yet." in page_text(section(markup, "emotions"))


# -- handoffs --------------------------------------------------------------------------------


def _owner_cell(markup: str, step_id: str) -> str:
    """The owner cell of a step in the screen grid."""
    grid = markup[markup.index('<table class="grid ') : markup.index("</table>")]
    header = grid[: grid.index("</thead>")]
    columns = re.findall(r'<th scope="col" class="action[^"]*"(?: id="step-([^"]+)")?', header)
    owner_row = grid[grid.index('class="lane">Owner</th>') :]
    cells = re.findall(r"<td>(.*?)</td>", owner_row[: owner_row.index("</tr>")], re.S)
    return page_text(cells[columns.index(step_id)])


def test_handoffs_follow_each_personas_path(paths: Small) -> None:
    report = build_report(*paths, TODAY, None)
    steps = {s.id: s for s in report.steps}
    assert steps["browse"].handoffs == []
    [into_call] = steps["call"].handoffs
    assert (into_call.from_owner, into_call.from_step, into_call.described) == ("Web team", 1, True)
    assert into_call.personas == []  # every persona who takes the call gets there this way
    [into_compare] = steps["compare"].handoffs
    # Only Ann came from sales; Bob went from the web team to the web team.
    assert (into_compare.from_owner, into_compare.personas) == ("Sales desk", ["Ann Admin"])
    assert steps["wait"].handoffs == []

    markup = html_report(*paths, TODAY, None)
    assert _owner_cell(markup, "call") == (
        "Sales desk \u21aa Handoff from Web team (step 1) Web books the call in the sales calendar."
    )
    assert _owner_cell(markup, "compare") == (
        "Web team \u21aa Handoff from Sales desk (step 2) only on the path of Ann Admin "
        "Not described."
    )
    assert _owner_cell(markup, "pay") == (
        "Sales desk \u21aa Handoff from Operations (step 5) Not described."
    )

    rows = {
        cells[0]: cells
        for line in markdown_report(*paths, TODAY, None).splitlines()
        if line.startswith("| ") and (cells := [c.strip() for c in line.strip("|").split("|")])
    }
    assert rows["3"][2] == (
        "Web team \u00b7 Handoff from Sales desk at step 2, only on the path of Ann Admin, "
        "not described"
    )


def test_handoff_false_reads_as_no_handoff_needed(paths: Small) -> None:
    [into_order] = next(
        s for s in build_report(*paths, TODAY, None).steps if s.id == "order"
    ).handoffs
    assert into_order.waived and not into_order.described
    markup = html_report(*paths, TODAY, None)
    cell = _owner_cell(markup, "order")
    assert cell == "Operations \u21aa From Web team (step 3) No handoff needed."
    assert "not described" not in cell.lower()
    assert 'class="handoff waived"' in markup
    markdown = markdown_report(*paths, TODAY, None)
    assert "| Operations \u00b7 From Web team at step 3: no handoff needed |" in markdown


# -- opportunities ---------------------------------------------------------------------------


def test_an_opportunity_shows_at_every_step_it_helps(paths: Small) -> None:
    report = build_report(*paths, TODAY, None)
    [opportunity] = report.opportunities
    assert [(p.step_number, p.stage) for p in opportunity.places] == [
        (2, "Look around"),
        (6, "Buy"),
    ]
    steps = {s.id: s for s in report.steps}
    assert steps["call"].opportunities == [opportunity] == steps["pay"].opportunities

    markup = html_report(*paths, TODAY, None)
    grid = markup[markup.index('<table class="grid ') : markup.index("</table>")]
    opportunity_row = grid[grid.index('class="lane">Opportunities</th>') :]
    opportunity_row = opportunity_row[: opportunity_row.index("</tr>")]
    cells = re.findall(r"<td>(.*?)</td>", opportunity_row, re.S)
    assert ["One owner" in c for c in cells] == [False, True, False, False, False, True]
    table = page_text(section(markup, "opportunities"))
    assert "Step 2 (Look around), step 6 (Buy)" in table

    markdown = markdown_report(*paths, TODAY, None)
    step_rows = [x for x in markdown.splitlines() if x.startswith(("| 2 |", "| 6 |"))]
    assert len(step_rows) == 2
    assert all("O1 One owner for calls and invoices" in row for row in step_rows)


CURRENT = """\
format: "1.0"
id: furniture-purchase
title: Buying a sofa today
type: current-state
owner: web
reviewed: 2026-10-01
teams: [{id: web, name: Web team}]
personas: [{id: ann, name: Ann, goals: [Sit], frustrations: [Waiting]}]
stages:
  - id: buy
    name: Buy
    steps:
      - id: pay
        action: Pays
        owner: web
        emotion: -1
        pain_points: [{id: card-wall, summary: Card refused, severity: high, owner: web}]
"""

FUTURE = """\
format: "1.0"
id: furniture-future
title: Buying a sofa tomorrow
type: future-state
current_state: furniture-purchase
owner: web
reviewed: 2026-10-01
teams: [{id: web, name: Web team}]
personas: [{id: ann, name: Ann, goals: [Sit], frustrations: [Waiting]}]
stages:
  - id: buy
    name: Buy
    steps:
      - id: pay
        action: Pays with a wallet
        owner: web
        emotion: 1
        pain_points: [{id: slow-page, summary: Slow page, severity: low, owner: web}]
opportunities:
  - {id: wallets, summary: Add wallets, addresses: [card-wall, slow-page]}
"""


def test_pain_points_of_the_current_state_map_are_named_in_words(tmp_path: Path) -> None:
    (tmp_path / "current.yaml").write_text(CURRENT, encoding="utf-8")
    context, findings = loaded_context(FUTURE, tmp_path, name="future.yaml")
    report = build_report(context, findings, TODAY, None)
    [opportunity] = report.opportunities
    refs = {r.id: r for r in opportunity.addresses}
    assert refs["card-wall"].current_state == "furniture-purchase" and not refs["card-wall"].here
    assert refs["slow-page"].here

    table = page_text(section(html_report(context, findings, TODAY, None), "opportunities"))
    assert "card-wall in the current-state map furniture-purchase" in table
    assert "low Slow page" in table
    markdown = markdown_report(context, findings, TODAY, None)
    assert "'card-wall' in the current-state map 'furniture-purchase'" in markdown


def test_unknown_references_are_said_in_words(tmp_path: Path) -> None:
    text = PATHS_MAP.replace(
        "action: Waits for the parcel, owner: ops, touchpoints: [site]",
        "action: Waits for the parcel, owner: ghost, touchpoints: [kiosk]",
    ).replace("addresses: [slow-call, late-invoice]", "addresses: [slow-call, no-such-pain]")
    context, findings = loaded_context(text, tmp_path)
    assert {d.code.code for d in findings} == {"CJM103"}  # what `cjm render` renders anyway
    markup = html_report(context, findings, TODAY, None)
    text_shown = page_text(markup)
    assert "ghost (unknown team)" in text_shown
    assert "kiosk (unknown touchpoint)" in text_shown
    assert "no-such-pain is no pain point of this map" in text_shown
    markdown = markdown_report(context, findings, TODAY, None)
    assert "'no-such-pain', which is no pain point of this map" in markdown
    assert "ghost (unknown team)" in markdown


# -- counts ----------------------------------------------------------------------------------


ONE_OF_EACH = """\
format: "1.0"
id: one
title: One of each
type: current-state
owner: web
reviewed: 2026-10-01
review_cadence: quarterly
teams: [{id: web, name: Web team}]
personas: [{id: ann, name: Ann, goals: [Sit], frustrations: [Waiting], evidence: [survey]}]
touchpoints: [{id: site, name: Website, channel: web, owner: web}]
evidence: [{id: survey, kind: survey, title: Survey}]
stages:
  - id: buy
    name: Buy
    customer_goal: Pay and be done
    kpis: [{id: k, name: Sales, baseline: 1, target: 1, actual: 2, better: higher}]
    steps:
      - id: pay
        action: Pays
        owner: web
        touchpoints: [site]
        emotion: -1
        evidence: [survey]
        pain_points:
          - {id: slow, summary: Slow page, severity: high, owner: web, evidence: [survey]}
opportunities:
  - id: fast
    summary: Faster page
    addresses: [slow]
    kpis: [k]
    owner: web
    impact: high
    effort: low
"""


def test_counts_are_worded_for_one(tmp_path: Path) -> None:
    context, findings = context_of(ONE_OF_EACH, tmp_path)
    assert len(findings) == 1, findings  # lifecycle-gap: one warning
    markup = html_report(context, findings, TODAY, None)
    tiles = page_text(section(markup, "summary"))
    for phrase in (
        "1 step in 1 stage, 1 persona",
        "1 open pain point 1 high",
        "1 opportunity 1 quick win",
        "1/1 KPIs on target 1 KPI in all",
        "1 lint finding 0 errors, 1 warning, 0 info",
    ):
        assert phrase in tiles, phrase
    assert "1 of 1 KPI with a target, a value and a direction is on target." in markup
    assert "1 pain point, the most severe first" in page_text(markup)
    assert "1 step \u00b7 1 touchpoint \u00b7 1 pain point \u00b7 1 opportunity" in page_text(
        markup
    )


def test_counts_are_worded_for_many(tmp_path: Path) -> None:
    context, findings = context_of(SMALL_MAP, tmp_path)
    warnings = sum(f.severity.value == "warning" for f in findings)
    infos = sum(f.severity.value == "info" for f in findings)
    assert warnings >= 2
    markup = html_report(context, findings, TODAY, None)
    tiles = page_text(section(markup, "summary"))
    assert f"{len(findings)} lint findings 0 errors, {warnings} warnings, {infos} info" in tiles
    assert "4 steps in 3 stages, 2 personas" in tiles
    assert "4 opportunities 1 quick win" in tiles
    assert "3 open pain points" in tiles
    markdown = markdown_report(context, findings, TODAY, None)
    assert "| 4 in 3 stages |" in markdown
