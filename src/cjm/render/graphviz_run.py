"""Run Graphviz on a DOT source: the bundled one, or a system ``dot`` when asked.

The bundled renderer is ``graphviz-pure``, a self-contained Graphviz installed by pip with
cjm, so a fresh machine needs nothing else. ``--graphviz system`` (or the environment
variable ``CJM_GRAPHVIZ=system``) uses the ``dot`` on the PATH instead, or the command named
by ``CJM_DOT``. PDF is drawn by Graphviz itself when the system one is used, and otherwise
converted from SVG with svglib and ReportLab.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from cjm.render.dot import DiagramSource, namespace_svg_ids

BUNDLED, SYSTEM = "bundled", "system"
BUNDLED_COMMAND = "graphviz-pure"
FORMATS = ("svg", "png", "pdf", "dot")
PNG_DPI = 144
TIMEOUT_SECONDS = 300


class RenderError(Exception):
    """Graphviz could not be found or could not draw the diagram."""


@dataclass(frozen=True)
class Renderer:
    """A Graphviz command and whether it is the bundled one."""

    kind: str
    command: str

    def layout(self, diagram: DiagramSource, output_format: str) -> bytes:
        arguments = [self.command, f"-K{diagram.engine}", f"-T{output_format}"]
        if output_format == "png":
            arguments.append(f"-Gdpi={PNG_DPI}")
        try:
            completed = subprocess.run(
                arguments,
                input=diagram.source.encode("utf-8"),
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"Graphviz took longer than {TIMEOUT_SECONDS} s to draw {diagram.view}"
            ) from None
        except OSError as problem:
            raise RenderError(f"cannot run {self.command}: {problem.strerror or problem}") from None
        if completed.returncode != 0:
            detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
            reason = detail[-1] if detail else f"exit status {completed.returncode}"
            raise RenderError(f"{self.command} failed to draw {diagram.view}: {reason}")
        return completed.stdout

    def render(self, diagram: DiagramSource, output_format: str) -> bytes:
        """The diagram in ``output_format`` (one of :data:`FORMATS`)."""
        if output_format == "dot":
            return diagram.source.encode("utf-8")
        if output_format == "svg":
            svg = self.layout(diagram, "svg").decode("utf-8")
            return namespace_svg_ids(svg, diagram.namespace).encode("utf-8")
        if output_format == "pdf" and self.kind == SYSTEM:
            return self.layout(diagram, "pdf")
        if output_format == "pdf":
            return svg_to_pdf(self.render(diagram, "svg"))
        return self.layout(diagram, output_format)


def _bundled_command() -> str | None:
    """Where pip put ``graphviz-pure``: next to this Python, or on the PATH."""
    suffix = ".exe" if os.name == "nt" else ""
    folders = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
    for folder in folders:
        candidate = Path(folder) / f"{BUNDLED_COMMAND}{suffix}"
        if candidate.is_file():
            return str(candidate)
    return shutil.which(BUNDLED_COMMAND)


def find_renderer(choice: str | None = None) -> Renderer:
    """The renderer to use: ``choice``, else ``$CJM_GRAPHVIZ``, else the bundled one."""
    kind = (choice or os.environ.get("CJM_GRAPHVIZ") or BUNDLED).lower()
    if kind == BUNDLED:
        command = _bundled_command()
        if command is None:
            raise RenderError(
                "the bundled Graphviz (graphviz-pure) is not installed: reinstall cjm, "
                "or use a system Graphviz with --graphviz system"
            )
        return Renderer(BUNDLED, command)
    if kind == SYSTEM:
        wanted = os.environ.get("CJM_DOT") or "dot"
        command = shutil.which(wanted)
        if command is None:
            raise RenderError(
                f"no Graphviz command '{wanted}' found: install Graphviz "
                "(https://graphviz.org/download/) or use the bundled one with --graphviz bundled"
            )
        return Renderer(SYSTEM, command)
    raise RenderError(f"unknown Graphviz choice '{kind}': use 'bundled' or 'system'")


def svg_to_pdf(svg: bytes) -> bytes:
    """Convert an SVG drawing to PDF with svglib and ReportLab, byte for byte repeatable."""
    try:
        from reportlab import rl_config
        from reportlab.graphics import renderPDF
        from svglib.svglib import svg2rlg
    except ImportError:
        raise RenderError(
            "PDF output needs svglib and ReportLab: pip install svglib, or use a system "
            "Graphviz with PDF support (--graphviz system)"
        ) from None
    rl_config.invariant = True  # no creation date or random id in the file
    drawing = svg2rlg(io.BytesIO(svg))
    if drawing is None:
        raise RenderError("the SVG drawing could not be converted to PDF")
    pdf: bytes = renderPDF.drawToString(drawing)
    return pdf
