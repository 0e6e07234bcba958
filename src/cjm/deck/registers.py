"""The registers a review walks through: the worst pain points, the best opportunities
and every KPI against its target, as tables in the report's order and words.

Pain points come worst first (the report's order); opportunities by the impact/effort
matrix (high impact first, cheapest first), then those not sized; KPIs in journey order,
several slides when there are many. A verdict on a KPI is the report's own (``met``,
``missed``, ``direction unknown``...), never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.slide import Slide

from cjm.deck.canvas import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    CONTENT_WIDTH,
    MARGIN,
    Cell,
    Deck,
    row_height,
)
from cjm.deck.text import Paragraph, fit_text, notes_text
from cjm.render.style import SEVERITY_FILL, SEVERITY_TEXT
from cjm.report import phrases
from cjm.report.facts import KpiView, OpportunityView, PainRef, PainView, Report
from cjm.wording import plural

SIZE = 11
LINES = 2  # per cell
ROWS_PER_SLIDE = 8
PAIN_WIDTHS = (1.15, 4.9, 2.9, 2.1, 1.25)
OPPORTUNITY_WIDTHS = (0.6, 3.7, 2.0, 1.9, 1.25, 2.85)
KPI_WIDTHS = (3.3, 2.2, 1.35, 1.35, 1.35, 2.75)
STATUS_FILL = {"met": "E3F1E6", "missed": "FDE2E1"}
NOT_YET_FILL = "FFF4D6"  # missed, but its target date is still ahead
KPI_ROWS_PER_SLIDE = 10
WHITE = "FFFFFF"


def _cell(text: str, width: float, fill: str | None = None, ink: str | None = None) -> Cell:
    shown = fit_text(text, width, SIZE, LINES)
    return Cell([Paragraph(shown.lines, SIZE)], fill, ink)


def _row(texts: Sequence[str], widths: Sequence[float]) -> list[Cell]:
    return [_cell(text, width) for text, width in zip(texts, widths, strict=True)]


def _more(deck: Deck, slide: Slide, text: str) -> None:
    deck.box(
        slide,
        MARGIN,
        CONTENT_BOTTOM - row_height(1, SIZE),
        CONTENT_WIDTH,
        row_height(1, SIZE),
        [Paragraph((text,), SIZE, italic=True)],
    )


def _empty(deck: Deck, slide: Slide, text: str) -> None:
    deck.box(slide, MARGIN, CONTENT_TOP, CONTENT_WIDTH, row_height(1, 14), [Paragraph((text,), 14)])


# -- pain points -----------------------------------------------------------------------------


def where(pain: PainView) -> str:
    """Where a pain point is (:func:`~cjm.report.phrases.pain_place`), as a slide's cell
    begins: with a capital."""
    place = phrases.pain_place(pain)
    return place[:1].upper() + place[1:]


def pains_slide(deck: Deck, r: Report) -> None:
    shown = r.pains[:ROWS_PER_SLIDE]
    subtitle = f"{plural(len(r.pains), 'pain point')}, worst first"
    if r.open_pains:
        subtitle += f"; {len(r.open_pains)} open"
        if r.open_by_severity:
            subtitle += f" ({r.open_by_severity})"
    notes = "\n\n".join(_pain_notes(p) for p in shown)
    slide = deck.slide("Top pain points", subtitle, notes_text(notes))
    if not r.pains:
        _empty(deck, slide, "The map records no pain point.")
        return
    rows = []
    for pain in shown:
        fill = SEVERITY_FILL.get(pain.level, WHITE).lstrip("#")
        ink = {"white": WHITE, "black": "000000"}[SEVERITY_TEXT.get(pain.level, "black")]
        rows.append(
            [
                _cell(pain.severity, PAIN_WIDTHS[0], fill, ink),
                *_row(
                    [pain.summary, where(pain), pain.owner or "no owner", pain.status],
                    PAIN_WIDTHS[1:],
                ),
            ]
        )
    header = ["Severity", "Pain point", "Where", "Owner", "Status"]
    deck.table(slide, CONTENT_TOP, PAIN_WIDTHS, header, rows, SIZE)
    left = len(r.pains) - len(shown)
    if left:
        _more(deck, slide, f"+{plural(left, 'more pain point')}: the report lists every one.")


def _pain_notes(pain: PainView) -> str:
    lines = [
        f"{pain.severity.upper()} ({pain.status}), {pain.owner or 'no owner'}: {pain.summary}",
        f"Where: {where(pain)}",
    ]
    if pain.description:
        lines.append(pain.description)
    if pain.opportunities:
        lines.append(
            "Addressed by: " + "; ".join(f"O{o.number} {o.summary}" for o in pain.opportunities)
        )
    return "\n".join(lines)


# -- opportunities ---------------------------------------------------------------------------


def ranked_opportunities(r: Report) -> list[OpportunityView]:
    """The opportunities in the matrix's order (high impact first, then low effort first),
    then those without an impact or an effort."""
    return [o for row in r.matrix for cell in row for o in cell.opportunities] + r.unsized


def sizing(o: OpportunityView) -> str:
    if o.impact is None and o.effort is None:
        return "not sized"
    impact = o.impact or "impact not set"
    effort = o.effort or "effort not set"
    text = f"{impact} impact, {effort} effort"
    return f"{text}: {o.quadrant}" if o.quadrant else text


def _addresses(ref: PainRef) -> str:
    if ref.here:
        return f"{(ref.severity or '').upper()}: {ref.summary}"
    return phrases.elsewhere(ref)


def opportunities_slide(deck: Deck, r: Report) -> None:
    ranked = ranked_opportunities(r)
    shown = ranked[:ROWS_PER_SLIDE]
    subtitle = f"{plural(len(ranked), 'opportunity', 'opportunities')}, by impact and effort"
    notes = "\n\n".join(_opportunity_notes(o) for o in shown)
    slide = deck.slide("Top opportunities", subtitle, notes_text(notes))
    if not ranked:
        _empty(deck, slide, "The map records no opportunity.")
        return
    rows = [
        _row(
            [
                f"O{o.number}",
                o.summary,
                sizing(o),
                o.owner or "no owner",
                o.status.replace("-", " "),
                "; ".join(_addresses(a) for a in o.addresses) or "no pain point",
            ],
            OPPORTUNITY_WIDTHS,
        )
        for o in shown
    ]
    header = ["#", "Opportunity", "Impact / effort", "Owner", "Status", "Pain points addressed"]
    deck.table(slide, CONTENT_TOP, OPPORTUNITY_WIDTHS, header, rows, SIZE)
    left = len(ranked) - len(shown)
    if left:
        more = plural(left, "more opportunity", "more opportunities")
        _more(deck, slide, f"+{more}: the report lists every one.")


def _opportunity_notes(o: OpportunityView) -> str:
    lines = [f"O{o.number} {o.summary} ({o.status.replace('-', ' ')}), {o.owner or 'no owner'}"]
    lines.append(f"Impact and effort: {sizing(o)}")
    if o.description:
        lines.append(o.description)
    for ref in o.addresses:
        lines.append(f"Addresses: {_addresses(ref)}")
    return "\n".join(lines)


# -- KPIs ------------------------------------------------------------------------------------


def kpi_verdict(kpi: KpiView) -> str:
    """The report's verdict on a KPI, with how far off it is, or what stops a verdict."""
    text = phrases.kpi_status(kpi)
    if kpi.status == "no-direction":
        return f"{text}: {phrases.DIRECTION_HINT}"
    gap = phrases.gap_text(kpi)
    return f"{text}, {gap}" if gap else text


def kpi_slides(deck: Deck, r: Report) -> None:
    if not r.kpis:
        slide = deck.slide("KPIs", "What the map measures against its targets")
        _empty(deck, slide, "The map measures nothing: no stage or step has a KPI.")
        return
    step = KPI_ROWS_PER_SLIDE
    pages = [r.kpis[i : i + step] for i in range(0, len(r.kpis), step)]
    summary = phrases.kpis_summary(r.kpis_met, r.kpis_judged)
    for number, page in enumerate(pages, start=1):
        title = "KPIs" if len(pages) == 1 else f"KPIs ({number} of {len(pages)})"
        notes = "\n\n".join(_kpi_notes(k) for k in page)
        slide = deck.slide(title, summary, notes_text(notes))
        rows = []
        for kpi in page:
            cells = _row(
                [
                    kpi.name,
                    _kpi_where(kpi),
                    phrases.kpi_value(kpi.baseline, kpi.unit, "no baseline"),
                    phrases.kpi_value(kpi.actual, kpi.unit, "not measured"),
                    phrases.kpi_value(kpi.target, kpi.unit, "not set"),
                ],
                KPI_WIDTHS[:5],
            )
            fill = NOT_YET_FILL if kpi.still_due and kpi.status == "missed" else None
            fill = fill or STATUS_FILL.get(kpi.status)
            cells.append(_cell(kpi_verdict(kpi), KPI_WIDTHS[5], fill))
            rows.append(cells)
        header = ["KPI", "Where", "Baseline", "Actual", "Target", "Status"]
        deck.table(slide, CONTENT_TOP, KPI_WIDTHS, header, rows, SIZE)


def _kpi_where(kpi: KpiView) -> str:
    if kpi.step is not None:
        return f"Step {kpi.step_number}. {kpi.step}"
    return f"Stage {kpi.stage}"


def _kpi_notes(kpi: KpiView) -> str:
    values = (
        f"baseline {phrases.kpi_value(kpi.baseline, kpi.unit, 'none')}, "
        f"actual {phrases.kpi_value(kpi.actual, kpi.unit, 'not measured')}, "
        f"target {phrases.kpi_value(kpi.target, kpi.unit, 'not set')}, "
        f"{phrases.direction(kpi)} is better"
    )
    lines = [f"{kpi.name} ({_kpi_where(kpi)}): {values}", f"Status: {kpi_verdict(kpi)}"]
    movement = phrases.movement_text(kpi)
    if movement:
        change = phrases.change_text(kpi)
        lines.append(f"Since baseline: {change + ', ' if change else ''}{movement}")
    if kpi.source:
        lines.append(f"Source: {kpi.source}")
    return "\n".join(lines)
