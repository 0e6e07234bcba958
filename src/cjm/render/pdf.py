"""PDF documents of SVG drawings on real paper: one drawing a page, fitted and centred.

Each page is an SVG of the paper's size with the drawing placed on it (see
:mod:`cjm.render.paper`), its text set as glyph outlines by :mod:`cjm.render.typeset`.
svg2pdf turns each page into vector PDF, and pypdf puts the pages into one document. The
same drawings give the same bytes: nothing in the file depends on the time or the machine.

Drawing a glyph costs svg2pdf about two kilobytes of memory while it converts the page,
so a page holds at most :data:`MAX_PAGE_CHARACTERS` characters and a document
:data:`MAX_DOCUMENT_CHARACTERS`; more is refused before anything is drawn.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import svg2pdf_py
from pypdf import PdfReader, PdfWriter

from cjm.render.canvas import read_canvas
from cjm.render.failure import DrawingFailed, native_drawing
from cjm.render.paper import PageSetup, place
from cjm.render.typeset import character_count, outline_text

MAX_PAGE_CHARACTERS = 200_000
MAX_DOCUMENT_CHARACTERS = 2_000_000


@dataclass(frozen=True)
class Document:
    """A PDF file, and the scale of each of its pages' drawing (1.0: full size)."""

    data: bytes
    scales: tuple[float, ...]


def page_svg(svg: str, setup: PageSetup) -> tuple[str, float]:
    """``svg`` on a page of ``setup``'s paper, with the scale it is drawn at."""
    canvas = read_canvas(outline_text(svg))
    spot = place(canvas.width, canvas.height, setup)
    page = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{setup.width:.2f}" height="{setup.height:.2f}" '
        f'viewBox="0 0 {setup.width:.2f} {setup.height:.2f}">'
        f'<svg x="{spot.x:.2f}" y="{spot.y:.2f}" width="{canvas.width * spot.scale:.2f}" '
        f'height="{canvas.height * spot.scale:.2f}" viewBox="{canvas.view_box}">'
        f"{canvas.content}</svg></svg>"
    )
    return page, spot.scale


def _convert(page: str) -> bytes:
    # Text is already outlines: no font is needed, and the output does not depend on any.
    options = svg2pdf_py.ConversionOptions(embed_text=False)
    with native_drawing("svg2pdf", "the PDF page"):
        data: bytes = svg2pdf_py.svg_to_pdf(page, svg2pdf_py.FontDatabase(), options)
    return data


def _check_size(counts: list[int]) -> None:
    busiest = max(counts, default=0)
    if busiest > MAX_PAGE_CHARACTERS:
        where = "one page" if len(counts) == 1 else f"page {counts.index(busiest) + 1}"
        raise DrawingFailed(
            f"{where} would hold {busiest:,} characters of text, over the "
            f"{MAX_PAGE_CHARACTERS:,} that cjm draws on a PDF page: shorten the map's "
            "longest texts, or render the diagram as SVG (--format svg)"
        )
    if sum(counts) > MAX_DOCUMENT_CHARACTERS:
        raise DrawingFailed(
            f"the document would hold {sum(counts):,} characters of text, over the "
            f"{MAX_DOCUMENT_CHARACTERS:,} that cjm draws in one PDF file: shorten the "
            "map's longest texts, split it into several maps, or render it as SVG "
            "(--format svg)"
        )


def svgs_to_pdf(svgs: Sequence[str], setup: PageSetup) -> Document:
    """One PDF page for each drawing of ``svgs``, on ``setup``'s paper."""
    _check_size([character_count(svg) for svg in svgs])
    writer = PdfWriter()
    scales = []
    for svg in svgs:
        page, scale = page_svg(svg, setup)
        scales.append(scale)
        writer.add_page(PdfReader(io.BytesIO(_convert(page))).pages[0])
    writer.add_metadata({"/Producer": "cjm"})
    output = io.BytesIO()
    writer.write(output)
    return Document(output.getvalue(), tuple(scales))
