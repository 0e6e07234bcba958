"""Persona pictures for slides: the report's embedded picture as an image a slide can hold.

The report embeds a persona's picture as a ``data:`` URI. A slide holds PNG, JPEG and GIF
as they are; an SVG picture is drawn as a PNG by resvg (as the diagrams are), and a WebP
one is converted to PNG. A picture that cannot be placed is left off with the reason,
which the slide's notes give.
"""

from __future__ import annotations

import base64
import binascii
import io

PLACED_AS_IS = ("image/png", "image/jpeg", "image/gif")
PICTURE_DPI = 144


def picture_bytes(data_uri: str) -> tuple[bytes | None, str | None]:
    """The image of ``data_uri`` as bytes a slide can hold, or None and why not."""
    header, _, payload = data_uri.partition(",")
    mime = header.removeprefix("data:").removesuffix(";base64")
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        return None, "the picture's data cannot be read"
    if mime in PLACED_AS_IS:
        return _checked(data)
    if mime == "image/svg+xml":
        return _svg(data)
    return _converted(data)


def _checked(data: bytes) -> tuple[bytes | None, str | None]:
    """``data`` when it is an image a slide can read (its size is known), else why not."""
    from pptx.parts.image import Image

    try:
        Image.from_blob(data).size  # noqa: B018 - reading the size checks the image
    except Exception:  # a broken image is refused, whatever the library raises
        return None, "the picture is not an image that can be read"
    return data, None


def _svg(data: bytes) -> tuple[bytes | None, str | None]:
    from cjm.render.failure import DrawingFailed
    from cjm.render.raster import svg_to_png

    try:
        return _checked(svg_to_png(data.decode("utf-8"), PICTURE_DPI))
    except DrawingFailed as failure:
        return None, f"the SVG picture cannot be drawn: {failure.reason}"
    except Exception:  # resvg and the SVG reader refuse a broken drawing their own ways
        return None, "the SVG picture cannot be drawn"


def _converted(data: bytes) -> tuple[bytes | None, str | None]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            output = io.BytesIO()
            image.save(output, format="PNG")
    except (UnidentifiedImageError, OSError, ValueError):
        return None, "the picture cannot be converted for a slide"
    return _checked(output.getvalue())
