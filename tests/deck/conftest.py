"""Helpers for the deck tests: maps as reports, decks read back with python-pptx."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from pathlib import Path

from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.base import BaseShape
from pptx.slide import Slide

from cjm.check import check_paths
from cjm.deck import build_deck
from cjm.load.project import load_workspace
from cjm.render.context import RenderContext
from cjm.render.pipeline import stale_after_days
from cjm.report.build import build_report
from cjm.report.facts import Report

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLES = REPO / "examples"
TODAY = datetime.date(2026, 11, 23)


def report_of(text: str, tmp_path: Path, name: str = "map.yaml") -> Report:
    """The report of one standalone map written as ``text`` (it must have no errors)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = check_paths([path], tmp_path, today=TODAY)
    errors = [d for d in result.diagnostics if d.severity.value == "error"]
    assert not errors, errors
    [project] = result.projects
    [document] = project.maps
    assert document.model is not None
    context = RenderContext(document.model, project.scopes[document.display])
    return build_report(context, result.diagnostics, TODAY, stale_after_days(project))


def example_report(folder: str, map_id: str) -> Report:
    """The report of one map of a bundled example, as ``cjm export deck`` makes it from
    inside the example's folder."""
    root = EXAMPLES / folder
    project = load_workspace(root, root)
    result = check_paths([root], root, today=TODAY)
    [document] = [d for d in project.maps if d.model is not None and d.model.id == map_id]
    assert document.model is not None
    findings = [d for d in result.diagnostics if d.path == document.display]
    maps = {d.model.id: d.model for d in project.maps if d.model is not None}
    context = RenderContext(document.model, project.scopes[document.display], maps)
    return build_report(context, findings, TODAY, stale_after_days(project))


def deck_of(report: Report) -> PresentationType:
    """The deck of ``report``, written and read back."""
    return Presentation(io.BytesIO(build_deck(report)))


def title_of(slide: Slide) -> str:
    shape = slide.shapes.title
    assert shape is not None
    return str(shape.text_frame.text)


def titles(deck: PresentationType) -> list[str]:
    return [title_of(slide) for slide in deck.slides]


def notes_of(slide: Slide) -> str:
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    return str(frame.text) if frame is not None else ""


def slide_texts(slide: Slide) -> list[str]:
    """The text of every text box and table cell of ``slide``, in order: paragraphs on
    lines of their own, the lines a paragraph was wrapped into joined by a space."""
    found: list[str] = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            found.append(str(shape.text_frame.text).replace("\v", " "))
        elif getattr(shape, "has_table", False):
            for row in shape.table.rows:  # type: ignore[attr-defined]
                found.extend(str(c.text_frame.text).replace("\v", " ") for c in row.cells)
    return found


def slide_text(slide: Slide) -> str:
    return "\n".join(slide_texts(slide))


def find_slide(deck: PresentationType, title: str) -> Slide:
    [slide] = [s for s in deck.slides if title_of(s) == title]
    return slide


def shapes(deck: PresentationType) -> Iterator[tuple[Slide, BaseShape]]:
    for slide in deck.slides:
        for shape in slide.shapes:
            yield slide, shape


def outline(deck: PresentationType) -> str:
    """The deck as text: each slide's title, the texts on it, and its chart's series."""
    lines: list[str] = []
    for number, slide in enumerate(deck.slides, start=1):
        lines.append(f"## {number}. {title_of(slide)}")
        title = slide.shapes.title
        for shape in slide.shapes:
            if title is not None and shape.shape_id == title.shape_id:
                continue
            if shape.has_text_frame:
                text = str(shape.text_frame.text).replace("\v", " / ").replace("\n", " | ")
                if text.strip():
                    lines.append(f"- {text}")
            elif getattr(shape, "has_table", False):
                for row in shape.table.rows:  # type: ignore[attr-defined]
                    cells = [str(c.text_frame.text).replace("\v", " / ") for c in row.cells]
                    lines.append("| " + " | ".join(cells) + " |")
            elif getattr(shape, "has_chart", False):
                chart = shape.chart  # type: ignore[attr-defined]
                plot = chart.plots[0]
                lines.append("chart: " + ", ".join(plot.categories))
                for series in plot.series:
                    lines.append(f"series {series.name}: {list(series.values)}")
            elif shape.shape_type is not None and "PICTURE" in str(shape.shape_type):
                lines.append("[picture]")
        lines.append("")
    return "\n".join(lines)
