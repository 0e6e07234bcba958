"""PDF pages on real paper: sizes, orientation, fitting, one page per band."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from cjm.render.dot import DiagramSource
from cjm.render.failure import DrawingFailed
from cjm.render.formats import Drawer, DrawOptions
from cjm.render.graphviz_run import find_renderer
from cjm.render.paper import MARGIN, PAPERS, PageSetup, page_setup, place
from cjm.render.pdf import MAX_PAGE_CHARACTERS, svgs_to_pdf

A4_LANDSCAPE = (841.89, 595.28)


def box(label: str, width: float = 1.0) -> DiagramSource:
    source = f'digraph {{ node [shape=box fontname=Helvetica width={width}] a [label="{label}"] }}'
    return DiagramSource("map", "journey", source)


def sizes(pdf: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [
        (round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2))
        for p in reader.pages
    ]


def test_paper_sizes_and_orientation() -> None:
    assert (PAPERS["a4"].width, PAPERS["a4"].height) == pytest.approx((595.28, 841.89), abs=0.01)
    assert (PAPERS["letter"].width, PAPERS["letter"].height) == (612, 792)
    assert (PAPERS["a3"].width, PAPERS["a3"].height) == pytest.approx((841.89, 1190.55), abs=0.01)
    landscape = PageSetup()
    assert (landscape.width, landscape.height) == pytest.approx(A4_LANDSCAPE, abs=0.01)
    portrait = page_setup("LETTER", portrait=True)
    assert (portrait.width, portrait.height) == (612, 792)
    assert portrait.describe() == "Letter portrait"
    with pytest.raises(ValueError, match="unknown paper 'b5': choose from a4, letter, a3"):
        page_setup("b5")


def test_a_small_drawing_is_centred_at_full_size() -> None:
    spot = place(100, 50, PageSetup())
    assert spot.scale == 1.0
    assert (spot.x, spot.y) == pytest.approx(((841.89 - 100) / 2, (595.28 - 50) / 2), abs=0.01)


def test_a_large_drawing_is_scaled_down_to_fit_within_the_margins() -> None:
    spot = place(4000, 500, PageSetup())
    assert spot.scale == pytest.approx((841.89 - 2 * MARGIN) / 4000, abs=1e-4)
    assert spot.x == pytest.approx(MARGIN, abs=0.01)
    tall = place(300, 3000, PageSetup())
    assert tall.y == pytest.approx(MARGIN, abs=0.01)


def test_one_page_per_band_each_on_the_paper_asked_for() -> None:
    bands = (box("first band"), box("second band"), box("third band"))
    whole = DiagramSource("map", "journey", box("whole").source, pages=bands)
    drawer = Drawer(find_renderer("bundled"), DrawOptions(page=page_setup("letter", True)))
    drawing = drawer.draw(whole, "pdf")
    assert sizes(drawing.data) == [(612.0, 792.0)] * 3
    text = [page.extract_text() for page in PdfReader(io.BytesIO(drawing.data)).pages]
    assert text == ["", "", ""]  # text is drawn as outlines
    assert drawing.notes == ()


def test_a_diagram_without_bands_is_one_page() -> None:
    drawing = Drawer(find_renderer("bundled")).draw(box("whole"), "pdf")
    assert sizes(drawing.data) == [A4_LANDSCAPE]


def test_a_page_too_wide_to_read_is_said_so() -> None:
    drawing = Drawer(find_renderer("bundled")).draw(box("wide", width=40), "pdf")
    assert len(drawing.notes) == 1
    assert drawing.notes[0].startswith("the diagram is printed at 27% of its size to fit A4")


def test_the_same_drawings_give_the_same_bytes() -> None:
    drawer = Drawer(find_renderer("bundled"))
    first = drawer.draw(box("same"), "pdf").data
    assert Drawer(find_renderer("bundled")).draw(box("same"), "pdf").data == first
    assert first.startswith(b"%PDF-")


def test_a_page_with_too_much_text_is_refused_before_drawing() -> None:
    words = "word " * (MAX_PAGE_CHARACTERS // 5 + 1)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="100pt">'
        f'<text x="0" y="10" font-size="11">{words}</text></svg>'
    )
    with pytest.raises(DrawingFailed, match="one page would hold 200,005 characters of text"):
        svgs_to_pdf([svg], PageSetup())
