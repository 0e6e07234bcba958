"""The emotional curve of one persona as an inline SVG chart.

x is the step's place in the journey (the same columns as the stage grid, so that the
curves of several personas line up), y the score from +2 (top) to -2 (bottom). Light
bands behind the curve show the stages. Every point is a disc in the score's colour with
the score written on it; a step the persona does not take, or has no score for, breaks
the line: a gap is no data, not a trend. Peaks and valleys along the persona's own path
(:func:`cjm.model.paths.turning_points`: a positive high point, a negative low point)
carry a mark (\u25b2 or \u25bc), the emotion's label and the step's action.

The chart is built as text, here, and every piece of user text in it goes through
:func:`shown` (bidirectional controls made visible, control characters dropped) and
:func:`esc`. It has a ``<title>`` and a ``<desc>`` that says the whole curve in words, and
``role="img"``, so that screen readers read it and printouts keep it.
"""

from __future__ import annotations

import html
import textwrap

from cjm.display import reveal_bidi_controls
from cjm.model.paths import Extreme
from cjm.render.style import (
    EMOTION_FILL,
    EMOTION_TEXT,
    EMOTION_WORD,
    clean,
    score_label,
    text_width,
)
from cjm.report.facts import Column, Curve, CurvePoint
from cjm.wording import plural

SCORES = (2, 1, 0, -1, -2)
PLOT_WIDTH = 1080  # px the steps share when there are few enough of them
MIN_COLUMN, MAX_COLUMN = 76, 150  # px per step
LEFT = 122  # room for the score labels
RIGHT = 12
STAGE_BAND = 26  # stage names above the plot
PAD = 56  # room for peak labels above +2 and valley labels below -2
ROW = 34  # px between two scores
BOTTOM = 42  # step numbers and the axis title
RADIUS = 12
LABEL_SIZE = 10  # font size of a peak's label
BAND_FILL = ("#eef3f9", "#f5f1f8")
GRID = "#cfd6df"
MUTED = "#52606d"
MARK = {"peak": "\u25b2", "valley": "\u25bc"}


def shown(text: str) -> str:
    """``text`` as the chart shows it: on one line, without control characters, and with
    bidirectional controls written as visible codes rather than dropped."""
    return clean(reveal_bidi_controls(text))


def esc(text: str) -> str:
    """``text`` safe as SVG text or inside a double-quoted attribute."""
    return html.escape(shown(text), quote=True)


def shorten(text: str, width_px: float, size: float = 11) -> str:
    """``text`` cut with an ellipsis so that it fits ``width_px`` at font ``size``."""
    text = shown(text)[:200]
    if text_width([text], size) <= width_px:
        return text
    # The longest start of the text that fits with its ellipsis (widths grow with length).
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width([text[:middle] + "\u2026"], size) <= width_px:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "\u2026" if low else ""


def label_lines(text: str, chars: int, lines: int = 2) -> list[str]:
    """At most ``lines`` lines of ``text``; the last ends with an ellipsis when cut."""
    wrapped = textwrap.wrap(shown(text), width=chars, break_long_words=True) or [""]
    if len(wrapped) <= lines:
        return wrapped
    kept = wrapped[:lines]
    kept[-1] = textwrap.shorten(kept[-1] + " " + wrapped[lines], chars - 1, placeholder="")
    return [*kept[:-1], kept[-1].rstrip() + "\u2026"]


def y_of(score: int) -> float:
    return STAGE_BAND + PAD + (SCORES[0] - score) * ROW


class Layout:
    """Where the columns are: as wide as lets ``count`` steps share the plot's width,
    within limits (a long journey scrolls sideways rather than shrinking its text)."""

    def __init__(self, count: int) -> None:
        self.count = max(1, count)
        self.column = min(MAX_COLUMN, max(MIN_COLUMN, PLOT_WIDTH // self.count))
        self.width = LEFT + self.count * self.column + RIGHT
        # A peak's label may use almost two columns: the next label on its side is at
        # least two columns away.
        self.label_px = 1.8 * self.column - 8
        self.label_chars = max(12, int(self.label_px / (0.56 * LABEL_SIZE)))

    def x(self, column: int) -> float:
        return LEFT + column * self.column + self.column / 2

    def label_x(self, column: int, text_px: float) -> float:
        """The centre of a label ``text_px`` wide above ``column``, kept inside the plot."""
        half = text_px / 2 + 2
        return min(max(self.x(column), LEFT + half), self.width - RIGHT - half)


def describe(curve: Curve) -> str:
    """The whole curve in words, for the chart's ``<desc>``."""
    scored = curve.scored
    if not scored:
        return f"{shown(curve.persona.name)} has no emotion scores on this map."
    high = max(p.score for p in scored if p.score is not None)
    low = min(p.score for p in scored if p.score is not None)
    steps = "; ".join(
        f"step {p.step_number}, {shown(p.action)}: {score_label(p.score)}"
        + (f" ({shown(p.label)})" if p.label else "")
        + (f", on the branch {shown(p.branch)}" if p.branch else "")
        + (f", a {p.extreme}" if p.extreme else "")
        for p in scored
        if p.score is not None
    )
    return (
        f"Emotion of {shown(curve.persona.name)} at {plural(len(scored), 'step')}, from "
        f"{score_label(low)} to {score_label(high)}. {steps}."
    )


def curve_svg(curve: Curve, columns: list[Column], chart_id: str) -> str:
    """The SVG markup of ``curve`` over the grid's ``columns``; ``chart_id`` must be
    unique in the page (it names the title and description)."""
    layout = Layout(len(columns))
    plot_bottom = y_of(SCORES[-1]) + PAD
    height = plot_bottom + BOTTOM
    name = curve.persona.name
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="curve" viewBox="0 0 {layout.width} '
        f'{height:g}" width="{layout.width}" height="{height:g}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="11">',
        f'<title id="{chart_id}-title">Emotional curve of {esc(name)}</title>',
        f'<desc id="{chart_id}-desc">{esc(describe(curve))}</desc>',
    ]
    parts.extend(_stage_bands(columns, layout, plot_bottom))
    parts.extend(_grid(layout))
    parts.extend(_line(curve, layout))
    # Points first, labels last: a label's white halo then never hides a point.
    parts.extend(_point(point, layout) for point in curve.scored)
    parts.extend(
        _extreme_label(point, point.extreme, layout)
        for point in curve.scored
        if point.extreme is not None
    )
    parts.extend(_x_axis(columns, layout, plot_bottom))
    parts.append("</svg>")
    return "".join(parts)


def _stage_bands(columns: list[Column], layout: Layout, bottom: float) -> list[str]:
    parts = []
    start = 0
    for index in range(len(columns) + 1):
        if index < len(columns) and columns[index].stage is columns[start].stage:
            continue
        stage = columns[start].stage
        x = LEFT + start * layout.column
        span = (index - start) * layout.column
        parts.append(
            f'<g class="band"><title>Stage: {esc(stage.name)}</title>'
            f'<rect x="{x}" y="0" width="{span}" height="{bottom:g}" '
            f'fill="{BAND_FILL[stage.index % 2]}"/>'
            f'<text x="{x + 6}" y="17" font-weight="600" fill="#243b53">'
            f"{esc(shorten(stage.name, span - 12, 12.5))}</text></g>"
        )
        start = index
    return parts


def _grid(layout: Layout) -> list[str]:
    parts = score_lines(layout)
    middle = y_of(0)
    parts.append(
        f'<text x="12" y="{middle:g}" transform="rotate(-90 12 {middle:g})" '
        f'text-anchor="middle" fill="{MUTED}" font-size="10">Emotion</text>'
    )
    return parts


def score_lines(layout: Layout) -> list[str]:
    """A line across the plot at each score, labelled with the score and its word; the
    overlaid curves of :mod:`cjm.report.compare_curve` share it."""
    parts = []
    for score in SCORES:
        y = y_of(score)
        dash = "" if score == 0 else ' stroke-dasharray="3 4"'
        parts.append(
            f'<line x1="{LEFT}" y1="{y:g}" x2="{layout.width - RIGHT}" y2="{y:g}" '
            f'stroke="{GRID if score else "#9aa5b1"}"{dash}/>'
            f'<text x="{LEFT - 8}" y="{y + 4:g}" text-anchor="end" fill="#243b53">'
            f'<tspan font-weight="700">{score_label(score)}</tspan> '
            f'<tspan fill="{MUTED}" font-size="10">{EMOTION_WORD[score]}</tspan></text>'
        )
    return parts


def _line(curve: Curve, layout: Layout) -> list[str]:
    """The main route as one polyline per run of linked steps; every other link (into or
    out of a branch, over a skipped optional step) as a dashed line of its own."""
    by_column = {p.column: p for p in curve.points}
    runs: list[list[int]] = []
    for a, b in curve.main_links:
        if runs and runs[-1][-1] == a:
            runs[-1].append(b)
        else:
            runs.append([a, b])
    if not curve.main_links and not curve.other_links:
        runs = _runs(curve)
    parts = []
    for run in runs:
        coordinates = " ".join(f"{layout.x(c):g},{y_of(by_column[c].score or 0):g}" for c in run)
        parts.append(
            f'<polyline points="{coordinates}" fill="none" stroke="{curve.persona.fill}" '
            'stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>'
        )
    for a, b in curve.other_links:
        first, second = by_column[a], by_column[b]
        parts.append(
            f'<line class="alternative" x1="{layout.x(a):g}" y1="{y_of(first.score or 0):g}" '
            f'x2="{layout.x(b):g}" y2="{y_of(second.score or 0):g}" '
            f'stroke="{curve.persona.fill}" stroke-width="2" stroke-dasharray="6 4" '
            'stroke-linecap="round"><title>Another route: step '
            f"{first.step_number} to step {second.step_number}</title></line>"
        )
    return parts


def _runs(curve: Curve) -> list[list[int]]:
    """Consecutive scored points, for a curve made without routes."""
    runs: list[list[int]] = [[]]
    for point in curve.points:
        if point.score is None:
            runs.append([])
        else:
            runs[-1].append(point.column)
    return [run for run in runs if len(run) >= 2]


def _point(point: CurvePoint, layout: Layout) -> str:
    assert point.score is not None
    x, y = layout.x(point.column), y_of(point.score)
    feeling = f"{score_label(point.score)} {EMOTION_WORD[point.score]}"
    if point.label:
        feeling += f", {shown(point.label)}"
    if point.branch is not None:
        feeling += f" (branch: {shown(point.branch)})"
    ring = ' stroke-dasharray="3 2"' if point.branch is not None else ""
    return (
        f'<g class="point"><title>Step {point.step_number}: {esc(point.action)} \u2014 '
        f"{esc(feeling)}</title>"
        f'<circle cx="{x:g}" cy="{y:g}" r="{RADIUS}" fill="{EMOTION_FILL[point.score]}" '
        'stroke="#1f2933" stroke-width="1.2"' + ring + "/>"
        f'<text x="{x:g}" y="{y + 4:g}" text-anchor="middle" font-weight="700" '
        f'fill="{EMOTION_TEXT[point.score]}">{score_label(point.score)}</text></g>'
    )


def _extreme_label(point: CurvePoint, extreme: Extreme, layout: Layout) -> str:
    """The emotion's label (or word) over the step's action, above a peak or below a valley."""
    assert point.score is not None
    y = y_of(point.score)
    # A label of nothing readable (only control characters) reads as no label.
    heading = f"{MARK[extreme]} " + (shown(point.label or "") or EMOTION_WORD[point.score])
    lines = [
        (label_lines(heading, layout.label_chars, 1)[0], True),
        *((text, False) for text in label_lines(point.action, layout.label_chars)),
    ]
    widest = max(text_width([text], LABEL_SIZE + (1 if bold else 0)) for text, bold in lines)
    x = layout.label_x(point.column, min(widest, layout.label_px))
    step = 12
    first = y - RADIUS - 6 - step * (len(lines) - 1) if extreme == "peak" else y + RADIUS + 14
    spans = []
    for number, (text, bold) in enumerate(lines):
        style = ' font-weight="700" font-size="11"' if bold else f' fill="{MUTED}"'
        spans.append(f'<tspan x="{x:g}" y="{first + number * step:g}"{style}>{esc(text)}</tspan>')
    mark = "\u25b2 peak" if extreme == "peak" else "\u25bc valley"
    return (
        f'<text class="extreme {extreme}" text-anchor="middle" fill="#102a43" '
        f'font-size="{LABEL_SIZE}" paint-order="stroke" stroke="#fff" stroke-width="3" '
        f'stroke-linejoin="round"><title>{mark}: step {point.step_number}</title>'
        f"{''.join(spans)}</text>"
    )


def _x_axis(columns: list[Column], layout: Layout, bottom: float) -> list[str]:
    parts = [
        f'<line x1="{LEFT}" y1="{bottom:g}" x2="{layout.width - RIGHT}" y2="{bottom:g}" '
        f'stroke="{GRID}"/>'
    ]
    for index, column in enumerate(columns):
        if column.step is None:
            continue
        parts.append(
            f'<text x="{layout.x(index):g}" y="{bottom + 15:g}" text-anchor="middle" '
            f'fill="{MUTED}" font-size="10">{column.step.number}</text>'
        )
    middle = LEFT + (layout.width - LEFT - RIGHT) / 2
    parts.append(
        f'<text x="{middle:g}" y="{bottom + 34:g}" text-anchor="middle" fill="{MUTED}" '
        'font-size="10">Steps, in journey order</text>'
    )
    return parts
