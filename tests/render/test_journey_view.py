"""The journey view: golden DOT for the examples, escaping, sizing, determinism."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from cjm.render.graphviz_run import find_renderer
from cjm.render.journey_view import journey_view
from tests.samples import STANDALONE_MAP

from .conftest import context_of, example_contexts

EXAMPLES = example_contexts()


HOSTILE = [
    "Quotes \" and ' and `backticks`",
    "<script>alert('x')</script> & <b>bold</b>",
    "Braces {x} [y] |z| and a backslash \\ and \\n",
    "Averyveryveryveryveryveryveryveryveryveryverylongwordwithoutanybreaks",
    "עברית ומילים נוספות",
    "日本語のテキストと中文",
    "Emoji 😀🚀 mixed",
]


def _hostile_map(text: str) -> str:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return (
        STANDALONE_MAP.replace("title: Solo journey", f'title: "{quoted}"')
        .replace("action: Starts a trial", f'action: "{quoted}"')
        .replace("name: Ops Olivia", f'name: "{quoted}"')
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_escaped_and_renders(text: str, tmp_path: Path) -> None:
    diagram = journey_view(context_of(_hostile_map(text), tmp_path))
    assert "<script>" not in diagram.source
    assert "<b>bold" not in diagram.source
    svg = find_renderer().render(diagram, "svg").decode("utf-8")
    assert "<script" not in svg
    visible = re.sub(r"<[^>]+>", "", svg)
    # The text comes through (wrapped into lines, with XML entities for markup characters).
    first_word = text.split()[0][:10]
    assert first_word.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in visible


def test_wide_characters_get_wide_cells(tmp_path: Path) -> None:
    diagram = journey_view(context_of(_hostile_map("日本語のテキスト"), tmp_path))
    assert re.search(r'WIDTH="\d+"><B>日本語', diagram.source)


def test_rendering_twice_gives_identical_bytes(tmp_path: Path) -> None:
    renderer = find_renderer()
    _, context = EXAMPLES[0]
    diagram = journey_view(context)
    for output_format in ("svg", "png", "pdf", "dot"):
        assert renderer.render(diagram, output_format) == renderer.render(diagram, output_format)


def test_svg_ids_are_namespaced_by_map_and_view() -> None:
    _, context = EXAMPLES[0]
    svg = find_renderer().render(journey_view(context), "svg").decode("utf-8")
    ids = [html.unescape(i) for i in re.findall(r'\bid="([^"]+)"', svg)]
    assert ids
    namespace = f"cjm-{context.journey.id}-journey"
    assert all(i.startswith(namespace) and i.count(namespace) == 1 for i in ids)


def test_every_lane_is_present_in_order() -> None:
    _, context = EXAMPLES[0]
    grid = journey_view(context).source.split("grid [", 1)[1]  # the legend comes before
    lanes = [
        "Stage",
        "Customer actions",
        "Touchpoints",
        "Thoughts",
        "Emotion",
        "Pain points",
        "Opportunities",
    ]
    positions = [grid.index(f"<B>{lane}</B>") for lane in lanes]
    assert positions == sorted(positions)
