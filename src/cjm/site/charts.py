"""A persona's curve on one journey, as a small inline SVG: one dot per scored step,
joined in journey order, on a band from -2 to +2.

Only numbers and our own markup go into the drawing; the step names a reader needs are
in the ``<title>`` of each dot, escaped here, and in the table beside the chart.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from cjm.display import reveal_bidi_controls
from cjm.report.facts import Curve

WIDTH, HEIGHT, PAD = 240, 64, 6
STEP_MAX = 18  # the widest gap between two steps, for a short journey


def sparkline(curve: Curve, label: str) -> Markup:
    """The curve as an SVG image described by ``label`` (escaped)."""
    points = curve.points
    span = max(1, len(points) - 1)
    gap = min(STEP_MAX, (WIDTH - 2 * PAD) / span)
    width = round(2 * PAD + gap * span)

    def y(score: int) -> str:
        return f"{PAD + (2 - score) * (HEIGHT - 2 * PAD) / 4:g}"

    def x(index: int) -> str:
        return f"{PAD + index * gap:.1f}".removesuffix(".0")

    parts = [
        f'<svg class="spark" role="img" viewBox="0 0 {width} {HEIGHT}" width="{width}" '
        f'height="{HEIGHT}" aria-label="{escape(reveal_bidi_controls(label))}">',
        f'<line class="zero" x1="0" x2="{width}" y1="{y(0)}" y2="{y(0)}"/>',
    ]
    run: list[str] = []
    for index, point in enumerate(points):
        if point.score is None:
            if len(run) > 1:
                parts.append(f'<polyline points="{" ".join(run)}"/>')
            run = []
            continue
        run.append(f"{x(index)},{y(point.score)}")
    if len(run) > 1:
        parts.append(f'<polyline points="{" ".join(run)}"/>')
    for index, point in enumerate(points):
        if point.score is None:
            continue
        title = escape(reveal_bidi_controls(f"Step {point.step_number}: {point.action}"))
        parts.append(
            f'<circle class="s{point.score + 2}" cx="{x(index)}" cy="{y(point.score)}" r="3">'
            f"<title>{title} ({point.score:+d})</title></circle>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # numbers and escaped text only
