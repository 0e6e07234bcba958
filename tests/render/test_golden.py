"""Golden DOT files pin every view of every single-journey example and of the map in
tests/render/format1 (every part of format 1.0), the compare view of the paired maps of
the e-commerce example and of tests/compare/fixtures/pair, and their pages for print: a
change to a diagram shows up in review as a change to a readable text file. Accept
intended changes with ``CJM_UPDATE_GOLDEN=1 python -m pytest tests/render/test_golden.py``."""

from __future__ import annotations

import os

import pytest

from cjm.render.compare_view import compare_view
from cjm.render.context import RenderContext
from cjm.render.dot import DiagramSource
from cjm.render.pipeline import COMPARE, VIEWS

from .conftest import EXAMPLES, FORMAT_ONE, GOLDEN, REPO, example_contexts, workspace_contexts

UPDATE = os.environ.get("CJM_UPDATE_GOLDEN") == "1"
# The Lumen Energy portfolio is left out: its eight maps use nothing of the format that
# the four single-journey examples and tests/render/format1 do not pin already, and it is
# checked as a portfolio (tests/test_examples.py, tests/site). Its diagrams are drawn in
# every view by the render tests that go over every example.
PORTFOLIO_DEMO = "lumen-energy"
CONTEXTS = [
    (name, context)
    for name, context in example_contexts()
    if not name.startswith(f"{PORTFOLIO_DEMO}--")
] + workspace_contexts(FORMAT_ONE)
# Every view that draws one map; the compare view draws a pair (below).
CASES = [(name, context, view) for name, context in CONTEXTS for view in VIEWS if view != COMPARE]
PAIRED = [
    (name, context)
    for folder in (
        EXAMPLES / "ecommerce-checkout",
        REPO / "tests" / "compare" / "fixtures" / "pair",
    )
    for name, context in workspace_contexts(folder, with_maps=True)
    if context.journey.current_state is not None
]
PAGE_BREAK = "// next page\n"


def _pages(diagram: DiagramSource) -> str:
    """Every page's DOT source, one after another (a file Graphviz reads as many graphs)."""
    return PAGE_BREAK.join(page.source for page in diagram.pages)


def _check(golden_name: str, text: str) -> None:
    golden = GOLDEN / golden_name
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden.name}: run with CJM_UPDATE_GOLDEN=1"
    assert golden.read_text(encoding="utf-8") == text, (
        f"{golden.name} differs; if the change is intended, rerun with CJM_UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize(("name", "context", "view"), CASES, ids=[f"{n}--{v}" for n, _, v in CASES])
def test_dot_matches_the_golden_file(name: str, context: RenderContext, view: str) -> None:
    diagram = VIEWS[view](context)
    _check(f"{name}--{view}.dot", diagram.source)
    if diagram.pages:
        _check(f"{name}--{view}--pages.dot", _pages(diagram))


@pytest.mark.parametrize(("name", "context"), PAIRED, ids=[n for n, _ in PAIRED])
def test_compare_dot_matches_the_golden_file(name: str, context: RenderContext) -> None:
    diagram = compare_view(context)
    _check(f"{name}--{COMPARE}.dot", diagram.source)
    if diagram.pages:
        _check(f"{name}--{COMPARE}--pages.dot", _pages(diagram))


def test_every_golden_file_belongs_to_a_case() -> None:
    expected = {f"{name}--{view}.dot" for name, _, view in CASES}
    expected |= {
        f"{name}--{view}--pages.dot" for name, context, view in CASES if VIEWS[view](context).pages
    }
    expected |= {f"{name}--{COMPARE}.dot" for name, _ in PAIRED}
    expected |= {f"{name}--{COMPARE}--pages.dot" for name, c in PAIRED if compare_view(c).pages}
    assert {p.name for p in GOLDEN.glob("*.dot")} == expected
