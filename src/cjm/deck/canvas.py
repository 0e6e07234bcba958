"""The drawing primitives of a deck: 16:9 slides with a title, text boxes, tables,
pictures and speaker notes, all sized in inches.

Every text box is written with auto-fit off and word wrap on: its text was fitted to it
beforehand (:mod:`cjm.deck.text`), line by line, with explicit line breaks, so no viewer
re-flows it past the bottom edge. Every run is set in Arial at an explicit size (line
breaks too: a break without a size takes the theme's 18 points and pushes the text down).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Inches, Pt

from cjm.deck.text import INSET, Paragraph, fit_text, lines_that_fit, notes_text, xml_safe
from cjm.render.text import LINE_SPACING

SLIDE_WIDTH = 13.333
SLIDE_HEIGHT = 7.5
MARGIN = 0.5
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN
TITLE_TOP, TITLE_HEIGHT, TITLE_SIZE = 0.3, 0.75, 28
SUBTITLE_TOP, SUBTITLE_HEIGHT, SUBTITLE_SIZE = 1.02, 0.42, 14
CONTENT_TOP = 1.55
CONTENT_BOTTOM = 7.15
FONT = "Arial"
INK = "222222"
MUTED = "555555"
TITLE_ONLY_LAYOUT = 5


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())  # type: ignore[no-untyped-call,no-any-return]


@dataclass(frozen=True)
class Cell:
    """One cell of a table: its paragraphs, and a fill colour (hex) when it has one."""

    paragraphs: Sequence[Paragraph]
    fill: str | None = None
    ink: str | None = None


class Deck:
    """A presentation being built, slide by slide."""

    def __init__(self) -> None:
        self.presentation: PresentationType = Presentation()
        self.presentation.slide_width = Inches(SLIDE_WIDTH)
        self.presentation.slide_height = Inches(SLIDE_HEIGHT)

    def slide(self, title: str, subtitle: str | None = None, notes: str = "") -> Slide:
        """A new slide with ``title`` (cut to one line; the notes then start with it in
        full), an optional one-line ``subtitle`` and speaker ``notes``."""
        layout = self.presentation.slide_layouts[TITLE_ONLY_LAYOUT]
        slide: Slide = self.presentation.slides.add_slide(layout)
        shape = slide.shapes.title
        assert shape is not None
        shape.left, shape.top = Inches(MARGIN), Inches(TITLE_TOP)
        shape.width, shape.height = Inches(CONTENT_WIDTH), Inches(TITLE_HEIGHT)
        shown = fit_text(title, CONTENT_WIDTH, TITLE_SIZE, 1)
        write_paragraphs(
            shape.text_frame, [Paragraph(shown.lines, TITLE_SIZE, bold=True)], MSO_ANCHOR.TOP
        )
        full_notes = [notes_text(title)] if shown.cut else []
        if subtitle:
            sub = fit_text(subtitle, CONTENT_WIDTH, SUBTITLE_SIZE, 1)
            self.box(
                slide,
                MARGIN,
                SUBTITLE_TOP,
                CONTENT_WIDTH,
                SUBTITLE_HEIGHT,
                [Paragraph(sub.lines, SUBTITLE_SIZE, color=MUTED)],
            )
            if sub.cut:
                full_notes.append(notes_text(subtitle))
        if notes:
            full_notes.append(notes)
        if full_notes:
            frame = slide.notes_slide.notes_text_frame
            assert frame is not None
            frame.text = xml_safe("\n\n".join(full_notes))
        return slide

    def box(
        self,
        slide: Slide,
        left: float,
        top: float,
        width: float,
        height: float,
        paragraphs: Sequence[Paragraph],
        *,
        fill: str | None = None,
        border: str | None = None,
        anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
        align: PP_ALIGN | None = None,
    ) -> None:
        """A text box at (``left``, ``top``), ``width`` by ``height`` inches, holding
        ``paragraphs`` already fitted to it."""
        shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        if fill is not None:
            shape.fill.solid()
            shape.fill.fore_color.rgb = _rgb(fill)
        if border is not None:
            shape.line.color.rgb = _rgb(border)
            shape.line.width = Pt(0.75)
        write_paragraphs(shape.text_frame, paragraphs, anchor, align)

    def table(
        self,
        slide: Slide,
        top: float,
        widths: Sequence[float],
        header: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        size: float,
    ) -> None:
        """A table under ``top`` with a bold header row; each row as high as its tallest
        cell's lines, which were fitted to the column widths beforehand."""
        shape = slide.shapes.add_table(
            len(rows) + 1,
            len(widths),
            Inches(MARGIN),
            Inches(top),
            Inches(sum(widths)),
            Inches(row_height(1, size) * (len(rows) + 1)),
        )
        table = shape.table
        for index, width in enumerate(widths):
            table.columns[index].width = Inches(width)
        all_rows: list[Sequence[Cell]] = [
            [
                Cell([Paragraph(fit_text(h, widths[i], size, 1).lines, size, bold=True)])
                for i, h in enumerate(header)
            ],
            *rows,
        ]
        for r, cells in enumerate(all_rows):
            lines = max(sum(len(p.lines) for p in c.paragraphs) for c in cells)
            table.rows[r].height = Inches(row_height(lines, size))
            for c, cell in enumerate(cells):
                target = table.cell(r, c)
                for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
                    setattr(target, side, Inches(INSET))
                if cell.fill is not None:
                    target.fill.solid()  # type: ignore[no-untyped-call]
                    target.fill.fore_color.rgb = _rgb(cell.fill)
                paragraphs = cell.paragraphs
                if cell.ink is not None:
                    paragraphs = [
                        Paragraph(p.lines, p.size, p.bold, p.italic, cell.ink) for p in paragraphs
                    ]
                write_paragraphs(target.text_frame, paragraphs, MSO_ANCHOR.TOP)

    def picture(self, slide: Slide, data: bytes, left: float, top: float, side: float) -> None:
        """An image scaled to fit a square of ``side`` inches, centred in it."""
        from pptx.parts.image import Image

        width_px, height_px = Image.from_blob(data).size
        scale = side / max(width_px, height_px, 1)
        width, height = width_px * scale, height_px * scale
        slide.shapes.add_picture(
            io.BytesIO(data),
            Inches(left + (side - width) / 2),
            Inches(top + (side - height) / 2),
            Inches(width),
            Inches(height),
        )

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.presentation.save(buffer)
        return buffer.getvalue()


def row_height(lines: int, size: float) -> float:
    """The height in inches of a table row or box holding ``lines`` lines at ``size``."""
    return max(1, lines) * size * LINE_SPACING / 72 + 2 * INSET + 0.01


def box_height(lines: int, size: float) -> float:
    """The smallest box height that :func:`cjm.deck.text.lines_that_fit` ``lines`` into."""
    height = row_height(lines, size)
    assert lines_that_fit(height, size) >= lines
    return height


def write_paragraphs(
    frame: TextFrame,
    paragraphs: Sequence[Paragraph],
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
    align: PP_ALIGN | None = None,
) -> None:
    """Fill ``frame`` with ``paragraphs``: auto-fit off, word wrap on, fixed insets."""
    frame.clear()  # type: ignore[no-untyped-call]
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, Inches(INSET))
    for index, paragraph in enumerate(paragraphs or [Paragraph(("",))]):
        target = frame.paragraphs[0] if index == 0 else frame.add_paragraph()  # type: ignore[no-untyped-call]
        _write_paragraph(target, paragraph, align)


def _write_paragraph(target: _Paragraph, paragraph: Paragraph, align: PP_ALIGN | None) -> None:
    target.alignment = align if align is not None else PP_ALIGN.LEFT
    target.space_before = Pt(0)
    target.space_after = Pt(0)
    target.line_spacing = 1.0
    for number, line in enumerate(paragraph.lines):
        if number:
            target.add_line_break()  # type: ignore[no-untyped-call]
        run = target.add_run()
        run.text = xml_safe(line)
        font = run.font
        font.name = FONT
        font.size = Pt(paragraph.size)
        font.bold = paragraph.bold
        font.italic = paragraph.italic
        font.color.rgb = _rgb(paragraph.color or INK)
    # Line breaks and the paragraph's end take the paragraph's size, not the theme's.
    for element in target._p.iterchildren(qn("a:br")):
        properties = element.get_or_add_rPr()
        properties.set("sz", str(int(paragraph.size * 100)))
    end = target._p.get_or_add_endParaRPr()
    end.set("sz", str(int(paragraph.size * 100)))


def emu_to_inches(value: int | Emu | None) -> float:
    return (value or 0) / 914400
