"""The slides that frame a journey: the title with the numbers at a glance, the personas,
and the lint findings."""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide

from cjm.deck.canvas import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    CONTENT_WIDTH,
    MARGIN,
    MUTED,
    Cell,
    Deck,
    row_height,
)
from cjm.deck.pictures import picture_bytes
from cjm.deck.text import Paragraph, fill_box, fit_text, notes_text
from cjm.report.facts import PersonaView, Report
from cjm.report.formatting import format_date
from cjm.wording import plural

GLANCE_SIZE, GLANCE_NUMBER_SIZE = 12, 28
WARNING_FILL, GOOD_FILL, NEUTRAL_FILL = "FDE2E1", "E3F1E6", "EEF1F5"
PERSONAS_PER_SLIDE = 3
CARD_GAP = 0.3
CARD_SIZE = 11
PICTURE_SIDE = 1.2


def title_slide(deck: Deck, r: Report) -> None:
    review = r.review
    reviewed = f"Reviewed {format_date(review.reviewed)}"
    if review.cadence:
        reviewed += f" ({review.cadence} cadence)"
    facts = [r.type_label, f"Owner: {r.owner}", reviewed, f"Map id: {r.id}"]
    if r.current_state:
        facts.append(f"Improves on: {r.current_state}")
    subtitle = " \u00b7 ".join(facts)
    notes = [r.title, subtitle, staleness(r)]
    if r.description:
        notes.append(r.description)
    slide = deck.slide(r.title, subtitle, "\n\n".join(notes_text(n) for n in notes))
    fill = WARNING_FILL if review.stale or review.in_future else GOOD_FILL
    if review.cadence_days is None and not review.in_future:
        fill = NEUTRAL_FILL
    state = fit_text(staleness(r), CONTENT_WIDTH, 14, 2)
    deck.box(
        slide,
        MARGIN,
        CONTENT_TOP,
        CONTENT_WIDTH,
        row_height(2, 14),
        [Paragraph(state.lines, 14, bold=review.stale)],
        fill=fill,
        anchor=MSO_ANCHOR.MIDDLE,
    )
    top = CONTENT_TOP + row_height(2, 14) + 0.25
    if r.description:
        description = fill_box(CONTENT_WIDTH, row_height(3, 13), [r.description], 13)
        deck.box(slide, MARGIN, top, CONTENT_WIDTH, row_height(3, 13), description.paragraphs)
    glance_top = CONTENT_BOTTOM - 2.0
    tiles = at_a_glance(r)
    width = (CONTENT_WIDTH - 0.2 * (len(tiles) - 1)) / len(tiles)
    for index, (label, number, detail) in enumerate(tiles):
        paragraphs = [
            Paragraph(fit_text(label, width, GLANCE_SIZE, 2).lines, GLANCE_SIZE, color=MUTED),
            _glance_number(number, width),
        ]
        if detail:
            paragraphs.append(Paragraph(fit_text(detail, width, GLANCE_SIZE, 2).lines, GLANCE_SIZE))
        deck.box(
            slide,
            MARGIN + index * (width + 0.2),
            glance_top,
            width,
            2.0,
            paragraphs,
            fill=NEUTRAL_FILL,
            align=PP_ALIGN.CENTER,
        )


def _glance_number(number: str, width: float) -> Paragraph:
    """A figure in large type, or smaller when it is words (``none judged``)."""
    for size in (GLANCE_NUMBER_SIZE, GLANCE_SIZE + 6):
        shown = fit_text(number, width, size, 1)
        if not shown.cut:
            return Paragraph(shown.lines, size, bold=True)
    return Paragraph(shown.lines, size, bold=True)


def staleness(r: Report) -> str:
    """Whether the map's review is up to date, in the report's words."""
    review = r.review
    if review.stale:
        return (
            f"Review overdue by {plural(review.overdue_days, 'day')}: last reviewed "
            f"{plural(review.age_days, 'day')} ago; a review is due every "
            f"{review.cadence_days} days. Treat its insight with care."
        )
    if review.in_future:
        return (
            f"Review date in the future: {format_date(review.reviewed)} is after "
            f"{format_date(review.today)}."
        )
    if review.due is not None:
        return f"Up to date: next review due {format_date(review.due)}."
    return "No review cadence is set, so whether the map is up to date cannot be told."


def at_a_glance(r: Report) -> list[tuple[str, str, str]]:
    """``(label, number, detail)`` of each figure on the title slide."""
    coverage = r.coverage[0]
    unknown = r.count_kpis("no-direction")
    kpis = f"{r.kpis_met} of {r.kpis_judged}" if r.kpis_judged else "none judged"
    return [
        ("Steps", str(len(r.steps)), f"in {plural(len(r.stages), 'stage')}"),
        ("Open pain points", str(len(r.open_pains)), r.open_by_severity),
        ("Opportunities", str(len(r.opportunities)), ""),
        (
            "KPIs on target",
            kpis,
            f"{unknown} with direction unknown" if unknown else "",
        ),
        (
            "Pain points backed by research",
            f"{coverage.share(coverage.research)}%" if coverage.total else "\u2013",
            "" if coverage.total else "no pain points",
        ),
        ("Lint findings", str(len(r.findings)), _finding_counts(r)),
    ]


def _finding_counts(r: Report) -> str:
    counts = [
        plural(r.count_findings(severity), severity, "info" if severity == "info" else None)
        for severity in ("error", "warning", "info")
        if r.count_findings(severity)
    ]
    return ", ".join(counts)


# -- personas --------------------------------------------------------------------------------


def persona_slides(deck: Deck, r: Report) -> None:
    if not r.personas:
        slide = deck.slide("Personas")
        deck.box(
            slide,
            MARGIN,
            CONTENT_TOP,
            CONTENT_WIDTH,
            row_height(1, 14),
            [Paragraph(("The map names no persona.",), 14)],
        )
        return
    pages = [
        r.personas[i : i + PERSONAS_PER_SLIDE]
        for i in range(0, len(r.personas), PERSONAS_PER_SLIDE)
    ]
    for number, page in enumerate(pages, start=1):
        title = "Personas" if len(pages) == 1 else f"Personas ({number} of {len(pages)})"
        notes = "\n\n".join(_persona_notes(p) for p in page)
        slide = deck.slide(title, notes=notes)
        width = (CONTENT_WIDTH - CARD_GAP * (PERSONAS_PER_SLIDE - 1)) / PERSONAS_PER_SLIDE
        for index, persona in enumerate(page):
            _persona_card(deck, slide, persona, MARGIN + index * (width + CARD_GAP), width)


def _persona_card(
    deck: Deck, slide: Slide, persona: PersonaView, left: float, width: float
) -> None:
    top = CONTENT_TOP
    height = CONTENT_BOTTOM - top
    deck.box(slide, left, top, width, height, [], fill="F7F8FA", border="D0D5DD")
    inner_left, inner_width = left + 0.1, width - 0.2
    picture = picture_bytes(persona.image)[0] if persona.image else None
    name_left = inner_left
    if picture is not None:
        deck.picture(slide, picture, inner_left, top + 0.1, PICTURE_SIDE)
        name_left = inner_left + PICTURE_SIDE + 0.1
    name_width = inner_left + inner_width - name_left
    head = [Paragraph(fit_text(persona.name, name_width, 16, 2).lines, 16, bold=True)]
    if persona.role:
        head.append(Paragraph(fit_text(persona.role, name_width, CARD_SIZE, 2).lines, CARD_SIZE))
    if persona.segment:
        head.append(
            Paragraph(
                fit_text(persona.segment, name_width, CARD_SIZE, 1).lines, CARD_SIZE, color=MUTED
            )
        )
    head_height = PICTURE_SIDE + 0.1
    if picture is None:
        head_height = row_height(sum(len(p.lines) for p in head), CARD_SIZE) + 0.15
    deck.box(slide, name_left, top + 0.1, name_width, head_height, head)
    y = top + head_height + 0.2
    if persona.quote:
        quote = fit_text(f"\u201c{persona.quote}\u201d", inner_width, 12, 3)
        box_h = row_height(len(quote.lines), 12)
        deck.box(
            slide, inner_left, y, inner_width, box_h, [Paragraph(quote.lines, 12, italic=True)]
        )
        y += box_h + 0.1
    sections = [s for s in persona.sections if s[0] in ("Goals", "Frustrations")]
    if not sections:
        sections = persona.sections[:2]
    room = top + height - 0.1 - y
    for index, (heading, items) in enumerate(sections[:2]):
        share = room / max(1, min(2, len(sections)))
        box = fill_box(
            inner_width,
            share - 0.05,
            [f"\u2022 {item}" for item in items],
            CARD_SIZE,
            lines_per_item=2,
            heading=heading,
        )
        deck.box(slide, inner_left, y + index * share, inner_width, share - 0.05, box.paragraphs)
    if not persona.known:
        deck.box(
            slide,
            inner_left,
            y,
            inner_width,
            row_height(2, CARD_SIZE),
            [
                Paragraph(
                    fit_text(f"Unknown persona '{persona.id}'", inner_width, CARD_SIZE, 2).lines,
                    CARD_SIZE,
                )
            ],
        )


def _persona_notes(persona: PersonaView) -> str:
    lines = [persona.name]
    for label, value in (
        ("Role", persona.role),
        ("Segment", persona.segment),
        ("Quote", persona.quote),
        ("Description", persona.description),
    ):
        if value:
            lines.append(f"{label}: {value}")
    for heading, items in persona.sections:
        lines.append(f"{heading}: " + "; ".join(items))
    if persona.image:
        problem = picture_bytes(persona.image)[1]
        if problem:
            lines.append(f"Picture not shown: {problem}")
    elif persona.image_problem:
        lines.append(f"Picture not shown: {persona.image_problem}")
    if not persona.known:
        lines.append(f"'{persona.id}' names no persona the map can find.")
    return notes_text("\n".join(lines))


# -- findings --------------------------------------------------------------------------------

FINDING_SIZE = 11
FINDING_WIDTHS = (1.1, 1.0, 3.0, 0.8, 6.4)


def findings_slide(deck: Deck, r: Report) -> None:
    total = len(r.findings)
    if not total:
        slide = deck.slide("Lint findings: none")
        text = "No findings: the map passes every lint rule that ran."
        deck.box(
            slide, MARGIN, CONTENT_TOP, CONTENT_WIDTH, row_height(1, 14), [Paragraph((text,), 14)]
        )
        return
    counts = _finding_counts(r)
    rows_fit = int((CONTENT_BOTTOM - CONTENT_TOP - 0.5) // row_height(1, FINDING_SIZE)) - 1
    shown = r.findings[: max(1, rows_fit)]
    notes = "\n".join(
        f"{f.severity} {f.code} {f.name} line {f.line}: {f.message}"
        for f in r.findings[: len(shown)]
    )
    slide = deck.slide(f"Lint findings: {total}", counts, notes_text(notes))

    def cell(text: str, column: int) -> Cell:
        return Cell(
            [Paragraph(fit_text(text, FINDING_WIDTHS[column], FINDING_SIZE, 1).lines, FINDING_SIZE)]
        )

    rows = [
        [
            cell(f.severity, 0),
            cell(f.code, 1),
            cell(f.name, 2),
            cell(str(f.line), 3),
            cell(f.message, 4),
        ]
        for f in shown
    ]
    deck.table(
        slide,
        CONTENT_TOP,
        FINDING_WIDTHS,
        ["Severity", "Code", "Rule", "Line", "Message"],
        rows,
        FINDING_SIZE,
    )
    left = total - len(shown)
    if left:
        more = f"+{plural(left, 'more finding')}: run cjm validate to see every one."
        deck.box(
            slide,
            MARGIN,
            CONTENT_BOTTOM - 0.35,
            CONTENT_WIDTH,
            0.35,
            [Paragraph((more,), FINDING_SIZE, italic=True)],
        )
