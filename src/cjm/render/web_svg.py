"""The SVG file as browsers and editors get it: fonts they have, right-to-left text set
right to left.

Graphviz names Helvetica, a font few machines outside macOS have, and a generic family
spelled ``sans-Serif``. The SVG file names Helvetica's metric twins (Arial, Arimo,
Liberation Sans) and then the generic ``sans-serif``, so that the text keeps the width
Graphviz measured wherever one of them is installed, and any browser finds a font.

A text item whose first strong character is right to left (Arabic, Hebrew) is a
right-to-left paragraph, as it is in the PNG and PDF files: it gets ``direction="rtl"``,
and its anchor is swapped so that it still starts where Graphviz placed it.
"""

from __future__ import annotations

import html
import re

from cjm.render.bidi import base_level

WEB_FONTS = "Helvetica, Arial, Arimo, 'Liberation Sans', 'Noto Sans', sans-serif"
_FAMILY = re.compile(r'font-family="Helvetica(?:,[^"]*)?"', re.IGNORECASE)
_TEXT = re.compile(r"<text\b([^>]*)>([^<]*)</text>")
_ANCHOR = re.compile(r'text-anchor="(start|end)"')
SWAPPED = {"start": "end", "end": "start"}


def _right_to_left(match: re.Match[str]) -> str:
    attributes, content = match.groups()
    if base_level(html.unescape(content)) == 0:
        return match.group(0)
    if _ANCHOR.search(attributes):
        attributes = _ANCHOR.sub(lambda m: f'text-anchor="{SWAPPED[m.group(1)]}"', attributes)
    elif "text-anchor=" not in attributes:
        attributes += ' text-anchor="end"'
    return f'<text{attributes} direction="rtl">{content}</text>'


def for_browsers(svg: str) -> str:
    """``svg`` as Graphviz wrote it, with font families browsers have and right-to-left
    paragraphs marked."""
    svg = _FAMILY.sub(f'font-family="{WEB_FONTS}"', svg)
    return _TEXT.sub(_right_to_left, svg)
