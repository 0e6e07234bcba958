"""PNG images: resolution, the memory limit, and what a refusal says."""

from __future__ import annotations

import struct

import pytest

from cjm.render.canvas import read_canvas
from cjm.render.failure import DrawingFailed
from cjm.render.raster import MAX_IMAGE_BYTES, image_size, largest_dpi, svg_to_png


def drawing(width: str, height: str, body: str = "") -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">{body}</svg>'


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_resolution_sets_the_pixels() -> None:
    svg = drawing("200pt", "100pt", '<text x="10" y="50" font-size="11">Hello</text>')
    assert png_size(svg_to_png(svg)) == (400, 200)
    assert png_size(svg_to_png(svg, dpi=72)) == (200, 100)
    assert svg_to_png(svg) == svg_to_png(svg)


@pytest.mark.parametrize(
    ("width", "height", "points"),
    [("96px", "48", (72.0, 36.0)), ("2in", "1cm", (144.0, 28.35)), ("10mm", "1pc", (28.35, 12.0))],
)
def test_sizes_in_any_unit(width: str, height: str, points: tuple[float, float]) -> None:
    canvas = read_canvas(drawing(width, height))
    assert (canvas.width, canvas.height) == pytest.approx(points, abs=0.01)


def test_a_drawing_without_a_size_is_refused() -> None:
    with pytest.raises(DrawingFailed, match="the SVG drawing has no size"):
        svg_to_png(drawing("auto", "10pt"))
    with pytest.raises(DrawingFailed, match="Graphviz wrote no SVG drawing"):
        svg_to_png("not an svg")


def test_an_image_over_the_limit_is_refused_with_the_resolution_that_fits() -> None:
    svg = drawing("26332pt", "3310pt")
    with pytest.raises(DrawingFailed) as refused:
        svg_to_png(svg)
    assert refused.value.reason == (
        "the image would be 52,664 by 6,620 pixels (1,330 MB) at 144 dpi, over the 256 MB "
        "limit for one image: render it as PDF pages (--format pdf), or as PNG at --dpi 63 "
        "or less"
    )
    canvas = read_canvas(svg)
    assert image_size(canvas, 63).bytes <= MAX_IMAGE_BYTES < image_size(canvas, 64).bytes
    assert largest_dpi(canvas) == 63


def test_no_resolution_is_offered_when_none_would_be_readable() -> None:
    with pytest.raises(DrawingFailed) as refused:
        svg_to_png(drawing("261000pt", "28000pt"))
    assert refused.value.reason.endswith("render it as PDF pages (--format pdf)")
