"""The emotional curve as a native line chart: one series per persona, the steps along
the bottom, scores -2 to +2 up the side. A step a persona does not take, or has no score
at, is a gap in that persona's line (an empty value), never a zero."""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.util import Inches, Pt

from cjm.deck.canvas import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    CONTENT_WIDTH,
    FONT,
    MARGIN,
    Deck,
    _rgb,
    row_height,
)
from cjm.deck.text import Paragraph, clip, notes_text
from cjm.render.style import score_label
from cjm.report.facts import Curve, Report

AXIS_SIZE = 11
# With more steps than this the axis shows step numbers only; the notes name each step.
NAMED_STEPS = 8
LABEL_CHARACTERS = 22
GAP_NOTE = "A gap in a line: the persona does not take that step, or the map gives no score there."


def curve_slide(deck: Deck, r: Report) -> None:
    curves = [c for c in r.curves if c.points]
    scored = any(c.scored for c in curves)
    notes = notes_text("\n\n".join(_curve_notes(c) for c in curves))
    slide = deck.slide("Emotional curve", "How each persona feels, step by step", notes)
    if not curves or not scored:
        text = "No step has an emotion score, so there is no curve to draw."
        deck.box(
            slide, MARGIN, CONTENT_TOP, CONTENT_WIDTH, row_height(1, 14), [Paragraph((text,), 14)]
        )
        return
    points = curves[0].points
    named = len(points) <= NAMED_STEPS
    data = CategoryChartData()  # type: ignore[no-untyped-call]
    data.categories = [
        f"{p.step_number}. {clip(p.action, LABEL_CHARACTERS)}" if named else str(p.step_number)
        for p in points
    ]
    for curve in curves:
        data.add_series(clip(curve.persona.name, 40), [p.score for p in curve.points])  # type: ignore[no-untyped-call]
    height = CONTENT_BOTTOM - CONTENT_TOP - 0.45
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.LINE_MARKERS,
        Inches(MARGIN),
        Inches(CONTENT_TOP),
        Inches(CONTENT_WIDTH),
        Inches(height),
        data,  # type: ignore[arg-type]
    )
    chart = frame.chart  # type: ignore[attr-defined]
    chart.font.size = Pt(AXIS_SIZE)
    chart.font.name = FONT
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = -2, 2, 1
    axis.has_major_gridlines = True
    # The step labels sit under the chart, not on the zero line among the points.
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    axis.tick_labels.number_format = "+0;\u22120;0"
    axis.tick_labels.number_format_is_linked = False
    for series, curve in zip(chart.plots[0].series, curves, strict=True):
        series.smooth = False
        series.format.line.color.rgb = _rgb(curve.persona.fill)
        series.format.line.width = Pt(2.5)
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = 8
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = _rgb(curve.persona.fill)
    deck.box(
        slide,
        MARGIN,
        CONTENT_BOTTOM - 0.4,
        CONTENT_WIDTH,
        0.4,
        [Paragraph((GAP_NOTE,), AXIS_SIZE, italic=True)],
    )


def _curve_notes(curve: Curve) -> str:
    lines = [curve.persona.name]
    for point in curve.points:
        if not point.takes:
            said = "does not take this step"
        elif point.score is None:
            said = "no score"
        else:
            said = score_label(point.score) + (f" {point.label}" if point.label else "")
            if point.extreme:
                said += f" ({point.extreme})"
        lines.append(f"{point.step_number}. {point.action}: {said}")
    return "\n".join(lines)
