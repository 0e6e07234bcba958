"""Text set as glyph outlines: fonts, shaping, direction, anchors."""

from __future__ import annotations

import re

import pytest

from cjm.render.fonts import PRIMARY, Style, face, hb_font
from cjm.render.typeset import character_count, outline_text, shape_line
from tests.render.glyphs import SAMPLES

SIZE = 11.0


def svg_with(*texts: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400pt" height="100pt" '
        'viewBox="0 0 400 100">' + "".join(texts) + "</svg>"
    )


def text(content: str, anchor: str = "start", x: float = 100, extra: str = "") -> str:
    return (
        f'<text xml:space="preserve" text-anchor="{anchor}" x="{x}" y="50" '
        f'font-family="Helvetica,sans-Serif" font-size="{SIZE}"{extra}>{content}</text>'
    )


@pytest.mark.parametrize("script", sorted(SAMPLES))
def test_every_sample_script_is_shaped_without_a_missing_glyph(script: str) -> None:
    for sample in SAMPLES[script]:
        line = shape_line(sample, SIZE, Style())
        assert line.glyphs and all(glyph.gid != 0 for glyph in line.glyphs), sample


def test_a_mixed_line_has_no_missing_glyph() -> None:
    line = shape_line("Mixed: Hello العربية नमस्ते 中文 😀 עברית", SIZE, Style())
    assert all(glyph.gid != 0 for glyph in line.glyphs)


def test_a_character_no_font_has_is_a_missing_glyph() -> None:
    assert [glyph.gid for glyph in shape_line("\u0378", SIZE, Style()).glyphs] == [0]


def test_right_to_left_words_read_right_to_left() -> None:
    """In "ab אבג", the Hebrew word follows the Latin one, and its first letter is its
    rightmost glyph."""
    font = hb_font(face(PRIMARY, Style()))
    alef, gimel = font.get_nominal_glyph(ord("א")), font.get_nominal_glyph(ord("ג"))
    line = shape_line("ab אבג", SIZE, Style())
    positions = {glyph.gid: glyph.x for glyph in line.glyphs}
    latin_b = font.get_nominal_glyph(ord("b"))
    assert positions[latin_b] < positions[gimel] < positions[alef]


def test_a_right_to_left_paragraph_puts_its_latin_words_on_the_left() -> None:
    font = hb_font(face(PRIMARY, Style()))
    line = shape_line("שלום abc", SIZE, Style())
    positions = {glyph.gid: glyph.x for glyph in line.glyphs}
    assert positions[font.get_nominal_glyph(ord("a"))] < positions[font.get_nominal_glyph(ord("ש"))]


def test_bold_is_wider_and_size_scales_the_line() -> None:
    regular = shape_line("Hamburgefonts", SIZE, Style())
    bold = shape_line("Hamburgefonts", SIZE, Style(bold=True))
    assert bold.width > regular.width
    assert shape_line("Hamburgefonts", 2 * SIZE, Style()).width == pytest.approx(2 * regular.width)


def test_arimo_has_helveticas_widths() -> None:
    # Helvetica's advance widths, in thousandths of an em, for "Hello".
    assert shape_line("Hello", 10.0, Style()).width == pytest.approx(22.78, abs=0.1)


def test_no_text_element_is_left_and_every_glyph_is_drawn_once() -> None:
    result = outline_text(svg_with(text("Hello"), text("Hello world"), text("中文")))
    assert "<text" not in result
    defined = re.findall(r'<(?:path|g) id="([^"]+)"', result)
    used = set(re.findall(r'href="#([^"]+)"', result))
    assert len(defined) == len(set(defined))
    assert used <= set(defined)
    assert len(re.findall(r"<use ", result)) == len("Hello") + len("Hello world") + 2


def test_colour_and_opacity_stay_on_the_glyphs() -> None:
    result = outline_text(svg_with(text("x", extra=' fill="#555555" fill-opacity="0.5"')))
    assert '<g fill="#555555" fill-opacity="0.5">' in result


@pytest.mark.parametrize(("anchor", "shift"), [("start", 0.0), ("middle", 0.5), ("end", 1.0)])
def test_the_anchor_is_kept(anchor: str, shift: float) -> None:
    width = shape_line("Hello", SIZE, Style()).width
    result = outline_text(svg_with(text("Hello", anchor=anchor, x=200)))
    left = float(re.search(r"translate\(([-\d.]+) 50\)", result).group(1))  # type: ignore[union-attr]
    assert left == pytest.approx(200 - shift * width, abs=0.01)


def test_entities_are_read_as_characters() -> None:
    assert character_count(svg_with(text("a&amp;b&#45;c"))) == 5
    assert len(re.findall(r"<use ", outline_text(svg_with(text("a&amp;b"))))) == 3


def test_an_empty_text_element_is_left_alone() -> None:
    result = outline_text(svg_with('<text x="1" y="2"/>', text("ab")))
    assert '<text x="1" y="2"/>' in result
    assert len(re.findall(r"<use ", result)) == 2
