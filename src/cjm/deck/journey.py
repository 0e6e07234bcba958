"""The journey, stage by stage: one slide per stage, or several for a stage with many
steps, each step a column of its action, touchpoints, emotion per persona and pain points.

Each lane has a fixed height; what does not fit in it is cut and counted on the slide
(``+2 more``), and the speaker notes hold every step's full texts.
"""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide

from cjm.deck.canvas import CONTENT_TOP, CONTENT_WIDTH, MARGIN, MUTED, Deck, row_height
from cjm.deck.text import Paragraph, fill_box, notes_text
from cjm.render.style import EMOTION_WORD, SEVERITY_FILL, score_label
from cjm.report import phrases
from cjm.report.facts import PainView, Report, StageView, StepView

STEPS_PER_SLIDE = 4
LABEL_WIDTH = 1.3
MAX_COLUMN_WIDTH = 3.6
GAP = 0.08
SIZE = 11
HEADER_SIZE = 12
# (lane, height in inches): the step's action, then what the slide shows of it.
LANES = (("Step", 1.4), ("Touchpoints", 0.95), ("Emotion", 1.15), ("Pain points", 1.8))
LANE_FILL = "EEF1F5"
STEP_FILL = "F7F8FA"


def stage_slides(deck: Deck, r: Report) -> None:
    for stage in r.stages:
        pages = _pages(stage.steps) or [[]]
        for number, steps in enumerate(pages, start=1):
            _stage_slide(deck, r, stage, steps, number, len(pages))


def _pages(steps: list[StepView]) -> list[list[StepView]]:
    """``steps`` in as few slides as hold them, shared out evenly (5 steps: 3 and 2)."""
    count = -(-len(steps) // STEPS_PER_SLIDE)
    size, extra = divmod(len(steps), count) if count else (0, 0)
    pages, start = [], 0
    for number in range(count):
        end = start + size + (number < extra)
        pages.append(steps[start:end])
        start = end
    return pages


def _stage_slide(
    deck: Deck, r: Report, stage: StageView, steps: list[StepView], page: int, pages: int
) -> None:
    title = stage.name if pages == 1 else f"{stage.name} ({page} of {pages})"
    where = [f"Stage {stage.index + 1} of {len(r.stages)}"]
    if steps and pages > 1:
        first, last = steps[0].number, steps[-1].number
        where.append(f"steps {first}\u2013{last}" if last != first else f"step {first}")
    if stage.customer_goal:
        where.append(f"Customer goal: {stage.customer_goal}")
    notes = [f"{stage.name}."]
    if stage.customer_goal:
        notes.append(f"Customer goal: {stage.customer_goal}")
    if stage.business_goal:
        notes.append(f"Business goal: {stage.business_goal}")
    notes.extend(_step_notes(step) for step in steps)
    slide = deck.slide(title, " \u00b7 ".join(where), notes_text("\n\n".join(notes)))
    if not steps:
        text = "This stage has no steps yet."
        deck.box(
            slide, MARGIN, CONTENT_TOP, CONTENT_WIDTH, row_height(1, 14), [Paragraph((text,), 14)]
        )
        return
    width = min(MAX_COLUMN_WIDTH, (CONTENT_WIDTH - LABEL_WIDTH) / STEPS_PER_SLIDE - GAP)
    top = CONTENT_TOP
    for lane, height in LANES:
        label = Paragraph((lane,), SIZE, bold=True, color=MUTED)
        deck.box(slide, MARGIN, top, LABEL_WIDTH - GAP, height, [label], fill=LANE_FILL)
        for index, step in enumerate(steps):
            left = MARGIN + LABEL_WIDTH + index * (width + GAP)
            _cell(deck, slide, lane, step, left, top, width, height)
        top += height + GAP


def _cell(
    deck: Deck,
    slide: Slide,
    lane: str,
    step: StepView,
    left: float,
    top: float,
    width: float,
    height: float,
) -> None:
    fill = STEP_FILL
    if lane == "Step":
        flags = _flags(step)
        box = fill_box(
            width,
            height,
            [f"{step.number}. {step.action}", *([" \u00b7 ".join(flags)] if flags else [])],
            HEADER_SIZE,
            lines_per_item=3,
            bold_first=True,
        )
    elif lane == "Touchpoints":
        items = [t.name + (f" ({t.channel})" if t.channel else "") for t in step.touchpoints] or [
            "none"
        ]
        box = fill_box(width, height, items, SIZE, lines_per_item=2)
    elif lane == "Emotion":
        box = fill_box(width, height, _emotions(step), SIZE, lines_per_item=2)
    else:
        worst_first = sorted(step.pains, key=lambda p: -p.rank)
        pains = [_pain(p, step) for p in worst_first] or ["none"]
        box = fill_box(width, height, pains, SIZE, lines_per_item=3)
        worst = min(step.pains, key=lambda p: -p.rank, default=None)
        if worst is not None:
            fill = _light(SEVERITY_FILL[worst.level])
    deck.box(slide, left, top, width, height, box.paragraphs, fill=fill, anchor=MSO_ANCHOR.TOP)


def _flags(step: StepView) -> list[str]:
    flags = []
    if step.branch is not None:
        flags.append(f"Branch: {phrases.branch_name(step.branch)}")
    if step.optional:
        flags.append("Optional")
    if step.moment:
        flags.append("\u2605 Moment of truth")
    if step.fail_point:
        flags.append("\u26a0 Fail point")
    if step.personas:
        flags.append("Only " + phrases.names(step.personas))
    return flags


def _emotions(step: StepView) -> list[str]:
    """One line per persona who takes the step: score and label, or that there is none."""
    found = []
    for mark in step.emotions:
        if mark.score is None:
            found.append(f"{mark.name}: no score")
            continue
        words = mark.label or EMOTION_WORD[mark.score]
        found.append(f"{mark.name}: {score_label(mark.score)} {words}")
    return found or ["No persona of the map takes this step"]


def _pain(pain: PainView, step: StepView) -> str:
    status = "" if pain.status == "open" else f" ({pain.status})"
    also = ""
    if pain.step_number != step.number:
        also = f" (from step {pain.step_number})"
    return f"{pain.severity.upper()}: {pain.summary}{status}{also}"


def _light(color: str) -> str:
    """A pale tint of ``color`` (``#rrggbb``), for a cell's background behind text."""
    value = color.lstrip("#")
    channels = [int(value[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * 0.75):02X}" for c in channels)


def _step_notes(step: StepView) -> str:
    lines = [f"Step {step.number}: {step.action}"]
    if step.description:
        lines.append(step.description)
    if step.owner:
        lines.append(f"Owner: {step.owner}")
    if step.touchpoints:
        lines.append("Touchpoints: " + "; ".join(t.name for t in step.touchpoints))
    for mark in step.emotions:
        if mark.score is None:
            lines.append(f"{mark.name}: no score")
        else:
            said = mark.label or EMOTION_WORD[mark.score]
            note = f" ({mark.note})" if mark.note else ""
            lines.append(f"{mark.name}: {score_label(mark.score)} {said}{note}")
    for thought in step.thoughts:
        lines.append(f"Thinks: {thought}")
    for pain in step.pains:
        owner = pain.owner or "no owner"
        lines.append(f"Pain point ({pain.severity}, {pain.status}, {owner}): {pain.summary}")
        if pain.description:
            lines.append(pain.description)
    if step.fail_note:
        lines.append(f"Fail point: {step.fail_note}")
    if step.moment_note:
        lines.append(f"Moment of truth: {step.moment_note}")
    return "\n".join(lines)
