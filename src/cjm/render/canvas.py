"""The size of an SVG drawing, read from its root element, and the drawing inside it.

Graphviz writes ``<svg width="2806pt" height="917pt" viewBox="0.00 0.00 2806.00 917.00">``;
the size decides how large a PNG would be before anything is drawn, and where the drawing
goes on a PDF page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cjm.render.failure import DrawingFailed

_ROOT = re.compile(r"<svg\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')
_LENGTH = re.compile(r"\s*([0-9.eE+-]+)\s*(pt|px|in|cm|mm|pc)?\s*$")
# Points per unit; a length without a unit is in CSS pixels.
POINTS = {
    "pt": 1.0,
    "px": 0.75,
    "in": 72.0,
    "cm": 72 / 2.54,
    "mm": 72 / 25.4,
    "pc": 12.0,
    None: 0.75,
}


@dataclass(frozen=True)
class Canvas:
    """An SVG drawing: its size in points, its viewBox, and what its root element holds."""

    width: float
    height: float
    view_box: str
    content: str


def _points(value: str | None) -> float | None:
    if value is None:
        return None
    match = _LENGTH.match(value)
    if match is None:
        return None
    try:
        number = float(match.group(1))
    except ValueError:
        return None
    return number * POINTS[match.group(2)]


def read_canvas(svg: str) -> Canvas:
    """The size and content of ``svg``; a drawing without a usable size is refused."""
    root = _ROOT.search(svg)
    end = svg.rfind("</svg>")
    if root is None or end < root.end():
        raise DrawingFailed("Graphviz wrote no SVG drawing", svg[:200])
    attributes = dict(_ATTRIBUTE.findall(root.group(1)))
    width, height = _points(attributes.get("width")), _points(attributes.get("height"))
    if width is None or height is None or width <= 0 or height <= 0:
        raise DrawingFailed("the SVG drawing has no size", root.group(0)[:200])
    view_box = attributes.get("viewBox") or f"0 0 {width} {height}"
    return Canvas(width, height, view_box, svg[root.end() : end])
