"""Finding missing glyphs in drawn diagrams.

A character that no font has is drawn as its font's ".notdef" glyph: an empty box, the
same whatever the character. So a character is drawn if the picture of it differs from
the picture of a character no font has (U+0378, unassigned), drawn in the same place of the same
diagram: :func:`missing` compares the two crops.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PIL import Image, ImageChops

NOTDEF = "\u0378"
# One to three characters of each script, each drawn on its own. "Hebrew" and "Arabic"
# include letters with several forms; "Devanagari" a vowel sign that joins a consonant.
SAMPLES: dict[str, list[str] | str] = {
    "Latin": "Ağø",
    "Greek": "Ωλξ",
    "Cyrillic": "Жщю",
    "Chinese": "中文",
    "Japanese": "日あカ",
    "Korean": "한국",
    "Arabic": "عرب",
    "Hebrew": "שלם",
    "Devanagari": ["न", "म", "कि"],
    "emoji": "😀🚀✅",
}
# The box cropped around a text item, in ems: from its start, and about its baseline; a
# line of the thoughts lane is 1.2 ems below the one above.
WIDTH, ASCENT, DESCENT = 4.0, 0.95, 0.22
_TEXT = re.compile(r"<text\b([^>]*)>([^<]*)</text>")
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')
_TRANSLATE = re.compile(r'class="graph" transform="[^"]*translate\(([-\d.]+) ([-\d.]+)\)"')


@dataclass(frozen=True)
class TextSpot:
    """Where a text item of a Graphviz SVG sits, in points from the drawing's top left."""

    x: float
    baseline: float
    size: float


def text_spots(svg: str) -> dict[str, TextSpot]:
    """Each text item of ``svg`` (by its text, unescaped) and where it is drawn."""
    shift = _TRANSLATE.search(svg)
    dx, dy = (float(shift.group(1)), float(shift.group(2))) if shift else (0.0, 0.0)
    spots = {}
    for attributes, content in _TEXT.findall(svg):
        found = dict(_ATTRIBUTE.findall(attributes))
        spots[html.unescape(content)] = TextSpot(
            float(found["x"]) + dx, float(found["y"]) + dy, float(found["font-size"])
        )
    return spots


def crop(
    image: Image.Image, spot: TextSpot, scale: float, left: float = 0, top: float = 0
) -> Image.Image:
    """The pixels of a short text item at ``spot``: ``scale`` pixels a point, the drawing's
    top left corner at (``left``, ``top``) points in ``image``."""
    x0 = (left + spot.x) * scale
    y0 = (top + spot.baseline - ASCENT * spot.size) * scale
    x1 = x0 + WIDTH * spot.size * scale
    y1 = y0 + (ASCENT + DESCENT) * spot.size * scale
    return image.convert("L").crop((round(x0), round(y0), round(x1), round(y1)))


def _ink(crop: Image.Image) -> Image.Image:
    """``crop`` cut down to its ink: whatever is clearly darker than the background."""
    box = ImageChops.invert(crop).point(lambda level: 255 if level > 96 else 0).getbbox()
    return crop.crop(box) if box else crop.crop((0, 0, 0, 0))


def looks_alike(first: Image.Image, second: Image.Image) -> bool:
    """Whether two crops show the same marks, wherever in the crop they sit: their inked
    areas have the same size (to a pixel) and hardly any pixel differs clearly."""
    one, other = _ink(first), _ink(second)
    if abs(one.width - other.width) > 1 or abs(one.height - other.height) > 1:
        return False
    width, height = min(one.width, other.width), min(one.height, other.height)
    if width == 0 or height == 0:
        return one.size == other.size
    difference = ImageChops.difference(
        one.crop((0, 0, width, height)), other.crop((0, 0, width, height))
    )
    clearly = sum(difference.histogram()[96:])
    return clearly / (width * height) < 0.1


def references(texts: list[str]) -> list[str]:
    """Texts of missing characters as long as each of ``texts``: what they would look like
    if no font had them."""
    return sorted({NOTDEF * len(text) for text in texts})


def missing(
    image: Image.Image, svg: str, texts: list[str], scale: float, left: float = 0, top: float = 0
) -> list[str]:
    """The texts of ``texts`` that ``image`` draws the way it draws as many missing
    characters. ``svg`` is the diagram's SVG, for where each text is."""
    spots = text_spots(svg)

    def picture(text: str) -> Image.Image:
        return crop(image, spots[thought(text)], scale, left, top)

    return [text for text in texts if looks_alike(picture(text), picture(NOTDEF * len(text)))]


def thought(text: str) -> str:
    """How the journey view shows a thought: in typographic quotes."""
    return f"\u201c{text}\u201d"
