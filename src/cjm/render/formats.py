"""A view of a map in each diagram format: DOT, SVG, PNG and PDF.

Graphviz lays each view out once, as SVG; the SVG file, the PNG image and the PDF pages
all come from that layout. A view cut into printable pages (:attr:`DiagramSource.pages`)
gives one PDF page a band; a view that is not cut is one page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cjm.render.dot import DiagramSource, namespace_svg_ids
from cjm.render.failure import DrawingFailed
from cjm.render.graphviz_run import Renderer
from cjm.render.paper import PageSetup
from cjm.render.raster import DEFAULT_DPI
from cjm.render.web_svg import for_browsers

FORMATS = ("svg", "png", "pdf", "dot")
# Below this scale, a page's text is too small to read comfortably (11 pt becomes 5.5 pt).
READABLE_SCALE = 0.5


@dataclass(frozen=True)
class DrawOptions:
    """How PNG and PDF files are drawn."""

    dpi: int = DEFAULT_DPI
    page: PageSetup = field(default_factory=PageSetup)


@dataclass(frozen=True)
class Drawing:
    """A file's bytes, and what the person who asked for it should know about it."""

    data: bytes
    notes: tuple[str, ...] = ()


def _scale_note(scales: tuple[float, ...], page: PageSetup) -> tuple[str, ...]:
    small = [(number, scale) for number, scale in enumerate(scales, 1) if scale < READABLE_SCALE]
    if not small:
        return ()
    number, scale = min(small, key=lambda item: item[1])
    where = f"page {number}" if len(scales) > 1 else "the diagram"
    return (
        f"{where} is printed at {scale:.0%} of its size to fit {page.describe()}: its text "
        "may be too small to read; a larger paper (--paper a3) or the SVG file keeps it "
        "legible",
    )


@dataclass
class Drawer:
    """Draws diagrams in the Graphviz formats with ``renderer``, laying each one out once."""

    renderer: Renderer
    options: DrawOptions = field(default_factory=DrawOptions)
    # Each diagram's SVG layout, or why Graphviz could not make it (so that it is not
    # asked twice to fail).
    _layouts: dict[DiagramSource, str | DrawingFailed] = field(default_factory=dict)

    def layout(self, diagram: DiagramSource) -> str:
        if diagram not in self._layouts:
            try:
                self._layouts[diagram] = self.renderer.layout(diagram)
            except DrawingFailed as failure:
                self._layouts[diagram] = failure
        layout = self._layouts[diagram]
        if isinstance(layout, DrawingFailed):
            raise layout
        return layout

    def forget(self, diagram: DiagramSource) -> None:
        """Drop ``diagram``'s layout: its files are all written."""
        self._layouts.pop(diagram, None)

    def draw(self, diagram: DiagramSource, output_format: str) -> Drawing:
        """``diagram`` in ``output_format`` (one of :data:`FORMATS`)."""
        if output_format == "dot":
            return Drawing(diagram.source.encode("utf-8"))
        if output_format == "svg":
            svg = for_browsers(namespace_svg_ids(self.layout(diagram), diagram.namespace))
            return Drawing(svg.encode("utf-8"))
        if output_format == "png":
            from cjm.render.raster import svg_to_png

            return Drawing(svg_to_png(self.layout(diagram), self.options.dpi))
        if output_format == "pdf":
            # Imported when needed: the PDF libraries take a while to load.
            from cjm.render.pdf import svgs_to_pdf

            pages = diagram.pages or (diagram,)
            document = svgs_to_pdf([self.layout(page) for page in pages], self.options.page)
            for page in diagram.pages:
                self.forget(page)
            return Drawing(document.data, _scale_note(document.scales, self.options.page))
        raise ValueError(f"unknown diagram format {output_format!r}")
