"""One persona's emotional curve today and in the future, overlaid in one SVG chart.

x is a column of the aligned journeys (:mod:`cjm.compare.align`: stages by id, steps by
id, a step only one side has in a column of its own), so a step and its future version
sit one above the other; y the score from +2 (top) to -2 (bottom). Today's curve is a
grey dashed line through hollow grey points, the future's a solid line in the persona's
colour through points filled with the score's colour; every point has its score written
on it, so the chart also reads in greyscale. Each curve runs through the steps of its
own map: a column its map has no step in is passed over, and a step of its map with no
score breaks the line (a gap is no data, not a trend).

The chart is built as text like :mod:`cjm.report.curve`, whose helpers escape every piece
of user text; it has a ``<title>`` and a ``<desc>`` saying both curves in words.
"""

from __future__ import annotations

from cjm.compare import Comparison, PersonaEmotions, PersonaSide, Slot
from cjm.model import Step
from cjm.render.style import EMOTION_FILL, EMOTION_TEXT, EMOTION_WORD, score_label
from cjm.report import compare_words
from cjm.report.curve import (
    BAND_FILL,
    BOTTOM,
    GRID,
    LEFT,
    MUTED,
    PAD,
    RADIUS,
    RIGHT,
    SCORES,
    Layout,
    esc,
    score_lines,
    shorten,
    shown,
    y_of,
)

TODAY_INK = "#7b8794"
MARK = {"added": "+", "removed": "\u2212", "changed": "\u0394", "same": ""}


def _score(step: Step | None, persona_id: str) -> int | None:
    if step is None or not step.involves(persona_id):
        return None
    emotion = step.emotion_for(persona_id)
    return emotion.score if emotion is not None else None


def _side(slots: list[Slot], persona_id: str, today: bool) -> list[tuple[int, int | None]]:
    """(column, score) of every column where this side has a step."""
    found = []
    for column, slot in enumerate(slots):
        step = slot.before if today else slot.after
        if step is not None:
            found.append((column, _score(step, persona_id)))
    return found


def _runs(points: list[tuple[int, int | None]]) -> list[list[tuple[int, int]]]:
    runs: list[list[tuple[int, int]]] = [[]]
    for column, score in points:
        if score is None:
            runs.append([])
        else:
            runs[-1].append((column, score))
    return [run for run in runs if len(run) >= 2]


def describe(persona: PersonaEmotions) -> str:
    """Both curves in words, for the chart's ``<desc>``."""
    parts = [f"Emotion of {shown(persona.name)}, today and in the future: "]
    parts.append(compare_words.persona_line(persona) + ".")
    for shift in persona.shifts:
        parts.append(
            f" {shown(shift.action)}: {compare_words.score(shift.before)} today, "
            f"{compare_words.score(shift.after)} in the future."
        )
    return "".join(parts)


def overlay_svg(comparison: Comparison, persona: PersonaEmotions, fill: str, chart_id: str) -> str:
    """The SVG markup of ``persona``'s two curves; ``fill`` is the persona's colour and
    ``chart_id`` must be unique in the page."""
    slots = comparison.slots
    layout = Layout(len(slots))
    plot_bottom = y_of(SCORES[-1]) + PAD
    height = plot_bottom + BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="curve overlay" viewBox="0 0 '
        f'{layout.width} {height:g}" width="{layout.width}" height="{height:g}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="11">',
        f'<title id="{chart_id}-title">Emotional curve of {esc(persona.name)}, today and '
        "in the future</title>",
        f'<desc id="{chart_id}-desc">{esc(describe(persona))}</desc>',
    ]
    parts.extend(_stage_bands(comparison, layout, plot_bottom))
    parts.extend(score_lines(layout))
    sides = []
    if persona.side is not PersonaSide.FUTURE_ONLY:
        sides.append(True)
    if persona.side is not PersonaSide.CURRENT_ONLY:
        sides.append(False)
    for today in sides:
        points = _side(slots, persona.persona_id, today)
        for run in _runs(points):
            coordinates = " ".join(f"{layout.x(c):g},{y_of(s):g}" for c, s in run)
            style = (
                f'stroke="{TODAY_INK}" stroke-width="2" stroke-dasharray="6 4"'
                if today
                else f'stroke="{fill}" stroke-width="3"'
            )
            kind = "today" if today else "future"
            parts.append(
                f'<polyline class="{kind}" points="{coordinates}" fill="none" {style} '
                'stroke-linejoin="round" stroke-linecap="round"/>'
            )
    for today in sides:
        for column, score in _side(slots, persona.persona_id, today):
            if score is not None:
                parts.append(_point(slots[column], column, score, today, layout))
    parts.extend(_x_axis(slots, layout, plot_bottom))
    parts.append("</svg>")
    return "".join(parts)


def _point(slot: Slot, column: int, score: int, today: bool, layout: Layout) -> str:
    x, y = layout.x(column), y_of(score)
    step = slot.before if today else slot.after
    assert step is not None
    when = "Today" if today else "Future"
    feeling = f"{score_label(score)} {EMOTION_WORD[score]}"
    if today:
        # A hollow grey disc, a little smaller, drawn under the future's point.
        shape = (
            f'<circle cx="{x:g}" cy="{y:g}" r="{RADIUS - 2}" fill="#ffffff" '
            f'stroke="{TODAY_INK}" stroke-width="1.6" stroke-dasharray="3 2"/>'
            f'<text x="{x:g}" y="{y + 4:g}" text-anchor="middle" font-weight="700" '
            f'fill="{MUTED}">{score_label(score)}</text>'
        )
    else:
        shape = (
            f'<circle cx="{x:g}" cy="{y:g}" r="{RADIUS}" fill="{EMOTION_FILL[score]}" '
            'stroke="#1f2933" stroke-width="1.2"/>'
            f'<text x="{x:g}" y="{y + 4:g}" text-anchor="middle" font-weight="700" '
            f'fill="{EMOTION_TEXT[score]}">{score_label(score)}</text>'
        )
    return (
        f'<g class="point {"today" if today else "future"}"><title>{when}: '
        f"{esc(step.action)} \u2014 {esc(feeling)}</title>{shape}</g>"
    )


def _stage_bands(comparison: Comparison, layout: Layout, bottom: float) -> list[str]:
    parts = []
    start = 0
    for index, stage in enumerate(comparison.stages):
        span_columns = len(stage.slots)
        if span_columns == 0:
            continue  # an empty stage has no column to stand over
        x = LEFT + start * layout.column
        span = span_columns * layout.column
        status = stage.status.value
        suffix = "" if status == "same" else f" ({status})"
        parts.append(
            f'<g class="band"><title>Stage: {esc(stage.name)}{suffix}</title>'
            f'<rect x="{x}" y="0" width="{span}" height="{bottom:g}" '
            f'fill="{BAND_FILL[index % 2]}"/>'
            f'<text x="{x + 6}" y="17" font-weight="600" fill="#243b53">'
            f"{esc(shorten(stage.name + suffix, span - 12, 12.5))}</text></g>"
        )
        start += span_columns
    return parts


def _x_axis(slots: list[Slot], layout: Layout, bottom: float) -> list[str]:
    """Under each column its number and a mark (plus: added, minus: removed, delta:
    changed; the step's action in its tooltip), and the axis title."""
    parts = [
        f'<line x1="{LEFT}" y1="{bottom:g}" x2="{layout.width - RIGHT}" y2="{bottom:g}" '
        f'stroke="{GRID}"/>'
    ]
    for index, slot in enumerate(slots):
        mark = MARK[slot.status.value]
        parts.append(
            f'<g class="column"><title>{esc(slot.action)} ({slot.status.value})</title>'
            f'<text x="{layout.x(index):g}" y="{bottom + 15:g}" text-anchor="middle" '
            f'fill="{MUTED}" font-size="10">{index + 1}{mark}</text></g>'
        )
    middle = LEFT + (layout.width - LEFT - RIGHT) / 2
    parts.append(
        f'<text x="{middle:g}" y="{bottom + 34:g}" text-anchor="middle" fill="{MUTED}" '
        'font-size="10">Steps of both maps, aligned (+ added, \u2212 removed, \u0394 changed)'
        "</text>"
    )
    return parts
