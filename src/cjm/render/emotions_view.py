"""The emotions view: each persona's emotional curve across the steps, as a line chart.

The chart is drawn by Graphviz ``neato -n`` with every node placed by cjm
(``pos="x,y!"``, in points; Graphviz moves nothing): x is the step's place in its band,
y its score from +2 (top) to -2 (bottom).
A journey is cut into bands of whole stages (:mod:`cjm.render.bands`); each band is a
chart row of its own, stacked one under another, with its stage bands behind it, its grid
line per score with its word on the left, and its steps' actions underneath. Each persona
is one polyline in its colour, through points marked with its initials, so the chart also
reads in greyscale. A step the persona does not take, or has no score for, breaks its line:
a gap is no data, not a trend. A line that goes on into the next row ends in a dashed
stretch to the row's edge, and the next row starts with one. Personas that share a point
are set side by side so that every mark stays visible. A stage's branches are columns of
their own (their steps say ``↗ condition``): each persona's line follows its main route,
and a branch is drawn dotted from the step it leaves to its steps and on to the step
where it comes back; alternatives are never joined to each other
(:func:`cjm.render.emotion_points.curve_segments`). Peaks and valleys of each persona's
curve carry ▲ or ▼ and the emotion's label.

Drawing order does the layering: the stage bands are clusters (drawn first), the grid and
the curves are edges (``outputorder=edgesfirst``, in the order of their first nodes) and
the marks and labels are nodes, drawn last, so that no line hides a mark.
"""

from __future__ import annotations

from dataclasses import replace

from cjm.render.bands import Band, band_caption, cut_into_bands
from cjm.render.context import RenderContext
from cjm.render.dot import DiagramSource, html_label
from cjm.render.emotion_chart import ChartData, EmotionChart
from cjm.render.emotion_points import SCORE_HEIGHT, STEP_WIDTH

__all__ = ["SCORE_HEIGHT", "STEP_WIDTH", "VIEW", "emotions_view"]

VIEW = "emotions"


def _draw(context: RenderContext, data: ChartData, bands: list[Band], caption: str | None) -> str:
    chart = EmotionChart(context, data)
    chart.draw(bands)
    chart.graph.attr(label=html_label(chart.legend(caption)), labelloc="t", labeljust="l")
    source: str = chart.graph.source
    return source


def emotions_view(context: RenderContext) -> DiagramSource:
    journey = context.journey
    bands = cut_into_bands(journey.stages)
    data = ChartData.of(context, bands)
    whole = DiagramSource(
        journey.id, VIEW, _draw(context, data, bands, None), engine="neato", pinned=True
    )
    if len(bands) < 2:
        return whole
    stages = len(journey.stages)
    pages = tuple(
        DiagramSource(
            journey.id,
            VIEW,
            _draw(context, data, [band], band_caption(band, len(bands), stages)),
            engine="neato",
            pinned=True,
        )
        for band in bands
    )
    return replace(whole, pages=pages)
