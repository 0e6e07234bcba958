"""The SVG file for browsers: fonts they have, right-to-left paragraphs set right to left.

The browser test opens a real SVG drawn by the bundled Graphviz in Chromium (as the
report tests do) and measures where each text is drawn.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cjm.render.dot import DiagramSource
from cjm.render.formats import Drawer
from cjm.render.graphviz_run import find_renderer
from cjm.render.web_svg import WEB_FONTS, for_browsers
from tests.tools import require

CHROMIUM = os.environ.get("CJM_CHROMIUM", "/usr/bin/chromium")


def text(content: str, anchor: str = "start") -> str:
    return (
        f'<text xml:space="preserve" text-anchor="{anchor}" x="10" y="20" '
        f'font-family="Helvetica,sans-Serif" font-size="11.00">{content}</text>'
    )


def test_fonts_browsers_have_with_a_generic_family_last() -> None:
    result = for_browsers(text("Hello"))
    assert f'font-family="{WEB_FONTS}"' in result
    assert WEB_FONTS.startswith("Helvetica, Arial") and WEB_FONTS.endswith(", sans-serif")


def test_other_families_are_left_alone() -> None:
    courier = '<text font-family="Courier,monospace">x</text>'
    assert for_browsers(courier) == courier


def test_a_right_to_left_paragraph_keeps_its_place() -> None:
    result = for_browsers(text("שלום world"))
    assert 'text-anchor="end"' in result and 'direction="rtl"' in result
    assert 'text-anchor="start"' in for_browsers(text("مرحبا", anchor="end"))
    assert 'text-anchor="middle"' in for_browsers(text("مرحبا", anchor="middle"))


def test_left_to_right_text_is_unchanged_but_for_its_fonts() -> None:
    assert "direction" not in for_browsers(text("Hello שלום"))
    assert "direction" not in for_browsers(text("“123”"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright", "pip install playwright (no browser download needed)")
    executable = CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")
    require(executable is not None, "Chromium", "apt-get install chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield launched
        finally:
            launched.close()


def cell(name: str, label: str) -> str:
    """A node whose label is a left-aligned table cell, as the views draw text."""
    return (
        f'  {name} [shape=plain label=<<TABLE BORDER="1"><TR><TD ALIGN="LEFT" WIDTH="260">'
        f"{label}</TD></TR></TABLE>>]\n"
    )


LABELS = (
    "digraph {\n  node [fontname=Helvetica fontsize=11]\n"
    + cell("ltr", "Hello world")
    + cell("rtl", "שלום עולם and more")
    + cell("arabic", "مرحبا بالعالم")
    + "}\n"
)


def test_browsers_draw_right_to_left_labels_inside_their_boxes(
    browser: Any, tmp_path: Path
) -> None:
    """Each label starts where Graphviz put it: its drawn box lies within its node."""
    drawer = Drawer(find_renderer("bundled"))
    svg = drawer.draw(DiagramSource("labels", "journey", LABELS), "svg").data
    path = tmp_path / "labels.svg"
    path.write_bytes(svg)
    page = browser.new_page()
    try:
        page.goto(path.as_uri())
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('g.node')].map(node => {
                const shape = node.querySelector('polygon').getBBox();
                const label = node.querySelector('text').getBBox();
                return {name: node.querySelector('title').textContent,
                        inside: label.x >= shape.x - 1 &&
                                label.x + label.width <= shape.x + shape.width + 1,
                        direction: getComputedStyle(node.querySelector('text')).direction};
            })"""
        )
    finally:
        page.close()
    found = {box["name"]: box for box in boxes}
    assert all(box["inside"] for box in boxes), boxes
    assert found["rtl"]["direction"] == "rtl" and found["arabic"]["direction"] == "rtl"
    assert found["ltr"]["direction"] == "ltr"
