"""Set the text of a Graphviz SVG drawing in cjm's packaged fonts, as glyph outlines.

The PNG and PDF renderers draw shapes faithfully, but their own text layout falls short
when a text item mixes scripts (a right-to-left run after left-to-right text in another
font comes out garbled), and the PDF one mis-places Devanagari marks and ignores bold. So
cjm sets each text item itself before they see it:

1. the bidirectional algorithm (:mod:`cjm.render.bidi`) gives each character its level;
2. each character gets the font that has it (:mod:`cjm.render.fonts`);
3. each run of one level and one font is shaped by HarfBuzz, the engine browsers use,
   right to left where its level is odd;
4. the runs are placed side by side in display order, as one line anchored where Graphviz
   put the text (its start, middle or end);
5. every glyph becomes a ``<use>`` of its outline, drawn once in ``<defs>``.

What comes out holds no ``<text>``: only paths, which every renderer draws the same way.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import uharfbuzz as hb

from cjm.render.bidi import embedding_levels, visual_order
from cjm.render.fonts import Face, Family, Style, face, families_for, hb_font

# A text element with content (not an empty ``<text .../>``): its attributes and content.
_TEXT = re.compile(r"<text\b((?:[^>/]|/(?!>))*)>(.*?)</text>", re.DOTALL)
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')
_TAG = re.compile(r"<[^>]*>")
_SVG_START = re.compile(r"<svg\b[^>]*>")
# Attributes of a text element that apply to its glyphs as they are.
KEPT = ("id", "class", "fill", "fill-opacity", "opacity", "transform", "style")
DEFAULT_SIZE = 14.0
BOLD_WEIGHT = 600


def _number(text: str | None, default: float) -> float:
    try:
        return float(text) if text is not None else default
    except ValueError:
        return default


def _format(value: float) -> str:
    """A coordinate in a few characters: whole numbers without a decimal point."""
    rounded = round(value, 2)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:g}"


class _PathPen:
    """Collects a glyph outline as SVG path data, y pointing down as in SVG."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def _point(self, point: tuple[float, float]) -> str:
        return f"{_format(point[0])} {_format(-point[1])}"

    def moveTo(self, point: tuple[float, float]) -> None:
        self.parts.append("M" + self._point(point))

    def lineTo(self, point: tuple[float, float]) -> None:
        self.parts.append("L" + self._point(point))

    def curveTo(self, *points: tuple[float, float]) -> None:
        self.parts.append("C" + " ".join(self._point(p) for p in points))

    def qCurveTo(self, *points: tuple[float, float]) -> None:
        # Several off-curve points have implied on-curve points half way between them.
        *controls, end = points
        for first, second in zip(controls, [*controls[1:], None], strict=True):
            target = (
                end if second is None else ((first[0] + second[0]) / 2, (first[1] + second[1]) / 2)
            )
            self.parts.append("Q" + self._point(first) + " " + self._point(target))

    def closePath(self) -> None:
        self.parts.append("Z")

    def endPath(self) -> None:
        pass


@dataclass(frozen=True)
class Glyph:
    """A glyph of a shaped line: which outline, and where, in points from the line's
    left end on its baseline."""

    face: Face
    gid: int
    x: float
    y: float


@dataclass(frozen=True)
class Line:
    glyphs: tuple[Glyph, ...]
    width: float


def _runs(text: str) -> list[tuple[int, Family, str]]:
    """``text`` cut where the level or the font changes: (level, family, text), in
    logical order."""
    _, levels = embedding_levels(text)
    families = families_for(text)
    runs: list[tuple[int, Family, str]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or levels[i] != levels[start] or families[i] is not families[start]:
            runs.append((levels[start], families[start], text[start:i]))
            start = i
    return runs


def shape_line(text: str, size: float, style: Style) -> Line:
    """``text`` set on one line at ``size`` points: its glyphs in display order."""
    runs = _runs(text)
    glyphs: list[Glyph] = []
    cursor = 0.0
    for index in visual_order([level for level, _, _ in runs]):
        level, family, part = runs[index]
        run_face = face(family, style)
        font = hb_font(run_face)
        scale = size / font.face.upem
        buffer = hb.Buffer()
        buffer.add_str(part)
        buffer.guess_segment_properties()
        buffer.direction = "rtl" if level % 2 else "ltr"
        hb.shape(font, buffer, {})
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
            x = cursor + position.x_offset * scale
            glyphs.append(Glyph(run_face, info.codepoint, x, -position.y_offset * scale))
            cursor += position.x_advance * scale
    return Line(tuple(glyphs), cursor)


@dataclass
class _Outlines:
    """The glyph outlines used so far, each drawn once, by id."""

    ids: dict[tuple[Face, int], str] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)
    faces: dict[Face, int] = field(default_factory=dict)

    def use(self, glyph_face: Face, gid: int) -> str:
        key = (glyph_face, gid)
        if key not in self.ids:
            number = self.faces.setdefault(glyph_face, len(self.faces))
            ident = f"cjm_glyph_{number}_{gid}"
            pen = _PathPen()
            hb_font(glyph_face).draw_glyph_with_pen(gid, pen)
            self.ids[key] = ident
            if pen.parts:
                self.paths.append(f'<path id="{ident}" d="{"".join(pen.parts)}"/>')
            else:  # a space: nothing to draw, but the id must exist
                self.paths.append(f'<g id="{ident}"/>')
        return self.ids[key]


def _style(attributes: dict[str, str]) -> Style:
    weight = attributes.get("font-weight", "normal")
    bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= BOLD_WEIGHT)
    return Style(bold=bold, italic=attributes.get("font-style") in ("italic", "oblique"))


def _placed(line: Line, attributes: dict[str, str]) -> float:
    """Where ``line``'s left end goes, from the text's x and anchor."""
    x = _number(attributes.get("x"), 0.0)
    anchor = attributes.get("text-anchor", "start")
    if anchor == "middle":
        return x - line.width / 2
    if anchor == "end":
        return x - line.width
    return x


def _set_text(
    attributes: dict[str, str],
    text: str,
    outlines: _Outlines,
    shape: Callable[[str, float, Style], Line],
) -> str:
    size = _number(attributes.get("font-size"), DEFAULT_SIZE)
    line = shape(text, size, _style(attributes))
    left = _placed(line, attributes)
    baseline = _number(attributes.get("y"), 0.0)
    kept = "".join(f' {name}="{attributes[name]}"' for name in KEPT if name in attributes)
    parts = [f"<g{kept}>"]
    for glyph_face, glyphs in _by_face(line.glyphs):
        scale = size / hb_font(glyph_face).face.upem
        place = f"translate({_format(left)} {_format(baseline)}) scale({scale:.6g})"
        parts.append(f'<g transform="{place}">')
        for glyph in glyphs:
            # Positions in font units, whole: a unit is a thousandth of an em or less.
            ident = outlines.use(glyph_face, glyph.gid)
            y = f' y="{round(glyph.y / scale)}"' if glyph.y else ""
            parts.append(f'<use href="#{ident}" x="{round(glyph.x / scale)}"{y}/>')
        parts.append("</g>")
    parts.append("</g>")
    return "".join(parts)


def _by_face(glyphs: tuple[Glyph, ...]) -> Iterator[tuple[Face, list[Glyph]]]:
    """Consecutive glyphs of one face, together: they share a scale."""
    group: list[Glyph] = []
    for glyph in glyphs:
        if group and glyph.face is not group[0].face:
            yield group[0].face, group
            group = []
        group.append(glyph)
    if group:
        yield group[0].face, group


def character_count(svg: str) -> int:
    """How many characters the text items of ``svg`` hold: about as many glyphs as
    :func:`outline_text` would draw."""
    return sum(len(html.unescape(_TAG.sub("", match.group(2)))) for match in _TEXT.finditer(svg))


def outline_text(svg: str) -> str:
    """``svg`` with each ``<text>`` element replaced by the outlines of its glyphs."""
    outlines = _Outlines()
    shaped: dict[tuple[str, float, Style], Line] = {}

    def shape(text: str, size: float, style: Style) -> Line:
        key = (text, size, style)
        if key not in shaped:
            shaped[key] = shape_line(text, size, style)
        return shaped[key]

    def replace(match: re.Match[str]) -> str:
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        text = html.unescape(_TAG.sub("", match.group(2)))
        return _set_text(attributes, text, outlines, shape)

    body = _TEXT.sub(replace, svg)
    start = _SVG_START.search(body)
    if start is None or not outlines.paths:
        return body
    defs = "<defs>" + "".join(outlines.paths) + "</defs>"
    return body[: start.end()] + "\n" + defs + body[start.end() :]
