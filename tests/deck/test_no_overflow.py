"""Hostile text (10,000 characters, a right-to-left override, emoji, markup) is cut to
its box and never overflows it or the slide; the notes keep it whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.presentation import Presentation as PresentationType
from pptx.util import Emu

from cjm.deck.text import INSET, MIN_FONT, text_room
from cjm.render.text import LINE_SPACING, measure

from .conftest import deck_of, notes_of, report_of, slide_text
from .maps import MARKUP, RTL_OVERRIDE, TEN_THOUSAND, hostile_map

EMU = 914400


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> PresentationType:
    return deck_of(report_of(hostile_map(), tmp_path_factory.mktemp("hostile")))


def _frames(deck: PresentationType):  # type: ignore[no-untyped-def]
    """``(slide number, frame, width, height)`` of every text frame: text boxes and
    table cells (a cell's height is its row's)."""
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield number, shape.text_frame, shape.width, shape.height
            elif getattr(shape, "has_table", False):
                table = shape.table  # type: ignore[attr-defined]
                for r, row in enumerate(table.rows):
                    for c, cell in enumerate(row.cells):
                        yield number, cell.text_frame, table.columns[c].width, table.rows[r].height


def _lines(frame) -> list[tuple[str, float]]:  # type: ignore[no-untyped-def]
    """Every line of a frame with its font size in points (a break starts a line)."""
    found = []
    for paragraph in frame.paragraphs:
        sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None]
        size = max(sizes, default=18.0)
        text = "".join(run.text for run in paragraph.runs) if paragraph.runs else ""
        for line in paragraph.text.split("\v") if paragraph.runs else [text]:
            found.append((line, size))
    return found


def test_every_text_fits_its_box(hostile: PresentationType) -> None:
    checked = 0
    for number, frame, width, height in _frames(hostile):
        lines = _lines(frame)
        if not any(text for text, _ in lines):
            continue
        checked += 1
        needed = sum(size * LINE_SPACING for _, size in lines) / 72 + 2 * INSET
        assert needed <= height / EMU + 0.02, (number, [t[:40] for t, _ in lines])
        room = text_room(width / EMU)
        for text, size in lines:
            assert measure(text, size) <= room + 0.01, (number, text[:40])
    assert checked > 100


def test_no_text_is_smaller_than_the_minimum(hostile: PresentationType) -> None:
    for _, frame, _, _ in _frames(hostile):
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                assert run.font.size is not None and run.font.size.pt >= MIN_FONT


def test_text_boxes_do_not_autofit_and_wrap(hostile: PresentationType) -> None:
    for slide in hostile.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                assert shape.text_frame.auto_size == MSO_AUTO_SIZE.NONE
                assert shape.text_frame.word_wrap is True


def test_every_shape_is_on_the_slide(hostile: PresentationType) -> None:
    width, height = hostile.slide_width, hostile.slide_height
    assert width is not None and height is not None
    for number, slide in enumerate(hostile.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, number
            assert shape.left + shape.width <= width, (number, shape.name)
            assert shape.top + shape.height <= Emu(height), (number, shape.name)


def test_long_text_is_cut_and_given_whole_in_the_notes(hostile: PresentationType) -> None:
    texts = "\n".join(slide_text(slide) for slide in hostile.slides)
    assert TEN_THOUSAND not in texts
    assert "Unbrokenpasted" in texts and "\u2026" in texts
    assert max(len(slide_text(slide)) for slide in hostile.slides) < 10_000
    notes = "\n".join(notes_of(slide) for slide in hostile.slides)
    assert TEN_THOUSAND in notes


def test_left_out_items_are_counted_on_the_slide(hostile: PresentationType) -> None:
    stage = hostile.slides[3]
    assert "+3 more" in slide_text(stage)  # five touchpoints in a lane that holds two
    pains = next(s for s in hostile.slides if "Top pain points" in slide_text(s))
    assert "+37 more pain points: the report lists every one." in slide_text(pains)


def test_bidi_controls_are_revealed_and_markup_is_literal(hostile: PresentationType) -> None:
    texts = "\n".join(slide_text(slide) for slide in hostile.slides)
    assert "\u202e" not in texts
    assert "Pay \u27e8U+202E\u27e9gnirts desrever\u27e8U+202C\u27e9 now" in texts
    assert RTL_OVERRIDE not in "\n".join(notes_of(s) for s in hostile.slides)
    assert MARKUP[:25] in texts  # as written, not as markup
    assert "😀🎉🚀" in texts


def test_the_file_is_well_formed_xml(hostile: PresentationType) -> None:
    pages = [etree.tostring(slide._element) for slide in hostile.slides]
    assert not any(b"<script>" in xml for xml in pages)  # markup is text, never elements
    assert any(b"&lt;script&gt;alert(1)&lt;/script&gt;" in xml for xml in pages)


def test_a_huge_map_still_pages(tmp_path: Path) -> None:
    deck = deck_of(report_of(hostile_map(steps=30), tmp_path))
    stage_slides = [s for s in deck.slides if "Stage 1 of 1" in slide_text(s)]
    assert len(stage_slides) == 8  # 30 steps, four a slide
