"""PNG images of SVG drawings, drawn by resvg at a chosen resolution, within a memory limit.

An image takes four bytes a pixel while it is drawn, and a diagram of a long journey, or of
long texts, can be metres wide: at 144 dpi a 26,000 by 3,300 point diagram would need
1.4 GB. The size is worked out from the drawing before anything is drawn, and an image
over :data:`MAX_IMAGE_BYTES` is refused with the resolution at which it would fit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cjm.render.canvas import Canvas, read_canvas
from cjm.render.failure import DrawingFailed, native_drawing

DEFAULT_DPI = 144
MIN_DPI, MAX_DPI = 18, 1200
BYTES_PER_PIXEL = 4
MAX_IMAGE_BYTES = 256 * 1024 * 1024
MB = 1024 * 1024


@dataclass(frozen=True)
class ImageSize:
    width: int
    height: int

    @property
    def bytes(self) -> int:
        return self.width * self.height * BYTES_PER_PIXEL


def image_size(canvas: Canvas, dpi: int) -> ImageSize:
    """The pixels of ``canvas`` drawn at ``dpi`` dots per inch."""
    return ImageSize(math.ceil(canvas.width * dpi / 72), math.ceil(canvas.height * dpi / 72))


def largest_dpi(canvas: Canvas, limit: int = MAX_IMAGE_BYTES) -> int:
    """The highest whole resolution at which ``canvas`` fits in ``limit`` bytes."""
    dpi = int(72 * math.sqrt(limit / BYTES_PER_PIXEL / (canvas.width * canvas.height)))
    while dpi > 0 and image_size(canvas, dpi).bytes > limit:
        dpi -= 1
    return dpi


def _too_large(canvas: Canvas, size: ImageSize, dpi: int) -> DrawingFailed:
    fits = largest_dpi(canvas)
    way_out = "render it as PDF pages (--format pdf)"
    if fits >= MIN_DPI:
        way_out += f", or as PNG at --dpi {fits} or less"
    return DrawingFailed(
        f"the image would be {size.width:,} by {size.height:,} pixels "
        f"({size.bytes / MB:,.0f} MB) at {dpi} dpi, over the {MAX_IMAGE_BYTES // MB} MB "
        f"limit for one image: {way_out}"
    )


def svg_to_png(svg: str, dpi: int = DEFAULT_DPI) -> bytes:
    """``svg`` drawn as a PNG image at ``dpi``, its text set in cjm's fonts."""
    canvas = read_canvas(svg)
    size = image_size(canvas, dpi)
    if size.bytes > MAX_IMAGE_BYTES:
        raise _too_large(canvas, size, dpi)
    from cjm.render.typeset import outline_text

    return _draw(outline_text(svg), dpi)


def _draw(svg: str, dpi: int) -> bytes:
    import resvg_py

    with native_drawing("resvg", "the PNG image"):
        image = resvg_py.svg_to_bytes(svg_string=svg, dpi=float(dpi), skip_system_fonts=True)
    return bytes(image)
