"""The journey view: golden DOT for the examples, escaping, sizing, determinism."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from cjm.check import check_paths
from cjm.diagnostics import UNKNOWN_REFERENCE
from cjm.lint.config import LintRequest
from cjm.render.context import RenderContext
from cjm.render.graphviz_run import find_renderer
from cjm.render.journey_view import journey_view
from tests.samples import STANDALONE_MAP

from .conftest import FORMAT_ONE, context_of, example_contexts, workspace_contexts

EXAMPLES = example_contexts() + workspace_contexts(FORMAT_ONE)  # and every part of 1.0


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


# -- opportunities, emotion labels, broken references --------------------------------------

THREE_STEPS = """\
id: shop
title: Shop
type: future-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas:
  - {id: olivia, name: Ops Olivia}
  - {id: farid, name: Finance Farid}
stages:
  - id: find
    name: Find
    steps:
      - id: searches
        action: Searches the catalogue
        emotions:
          olivia: {score: -1, label: lost}
          farid: {score: 1}
        pain_points:
          - {id: no-filter, summary: No filter by size, severity: high}
      - id: compares
        action: Compares two sofas
        emotion: {score: 2, label: delighted}
      - id: asks
        action: Asks for a fabric sample
        emotion: -2
        pain_points:
          - {id: slow-sample, summary: Samples take three weeks, severity: medium}
opportunities:
  - id: guided-search
    summary: Guided search with size filters and samples
    addresses: [no-filter, slow-sample]
  - id: staged-rooms
    summary: Rooms staged for the find stage
    stage: find
"""


def _columns(source: str, lane: str) -> list[str]:
    """The cells of a lane (the first band), as text with line breaks as spaces."""
    row = source.split(f"<B>{lane}</B>", 1)[1].split("\n<TR>", 1)[0]
    cells = re.findall(r'<TD ALIGN="LEFT" VALIGN="TOP" WIDTH="160"[^>]*>(.*?)</TD>', row)
    return [re.sub(r"<[^>]+>", "", re.sub(r"<BR[^>]*/>", " ", cell)).strip() for cell in cells]


def test_an_opportunity_sits_at_every_step_whose_pain_point_it_addresses(tmp_path: Path) -> None:
    source = journey_view(context_of(THREE_STEPS, tmp_path)).source
    cells = _columns(source, "Opportunities")
    assert len(cells) == 3
    assert "Guided search with size filters and samples" in cells[0]
    assert "Guided search" not in cells[1]
    assert "Guided search with size filters and samples" in cells[2]
    # One that addresses no pain point sits at the start of its stage.
    assert cells[0].index("Rooms staged") < cells[0].index("Guided search")
    assert "Other opportunities" not in source


def test_the_emotion_label_is_beside_the_mark(tmp_path: Path) -> None:
    source = journey_view(context_of(THREE_STEPS, tmp_path)).source.split("grid [", 1)[1]
    # Olivia's -1 at the first step, with her label; Farid's +1 there has none.
    minus_one = source.split("<B>\u22121</B>", 1)[1].split("\n<TR><TD BGCOLOR", 1)[0]
    assert re.search(r"<B>O</B>.*?lost", minus_one, re.S)
    plus_two = source.split("<B>+2</B>", 1)[1].split("\n<TR><TD BGCOLOR", 1)[0]
    assert re.search(r"<B>O</B>.*?delighted.*?<B>F</B>.*?delighted", plus_two, re.S)
    # A score with no label for anyone: the marks alone, side by side.
    minus_two = source.split("<B>\u22122</B>", 1)[1].split("\n<TR><TD BGCOLOR", 1)[0]
    assert "<B>O</B>" in minus_two
    assert "<B>F</B>" in minus_two


def _loaded(text: str, tmp_path: Path, name: str = "map.yaml") -> RenderContext:
    """A render context for a map with errors (as ``cjm render --force`` draws one): only
    unknown references are expected."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = check_paths([path], tmp_path, lint=LintRequest(select=["unknown-reference"]))
    assert result.diagnostics
    assert all(d.code == UNKNOWN_REFERENCE for d in result.diagnostics), result.diagnostics
    [project] = result.projects
    [document] = project.maps
    assert document.model is not None
    return RenderContext(document.model, project.scopes[document.display])


CURRENT = """\
id: shop-today
title: Shopping today
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Ops Olivia}]
stages:
  - id: find
    name: Find
    steps:
      - id: searches
        action: Searches the catalogue
        pain_points:
          - {id: old-pain, summary: Search ignores typos, severity: high}
"""


def test_an_opportunity_for_the_current_state_map_says_which_pain_point(tmp_path: Path) -> None:
    future = (
        THREE_STEPS.replace("owner: growth\n", "owner: growth\ncurrent_state: shop-today\n", 1)
        + "  - id: typo-search\n    summary: Forgive typos\n    addresses: [old-pain]\n"
    )
    context = _loaded(future, tmp_path)
    # Without the other map the diagram says what the file says, and no more.
    source = journey_view(context).source
    others = re.sub(r"<BR[^>]*/>", " ", source.split("<B>Other opportunities</B>", 1)[1])
    assert "Forgive typos" in others
    assert "addresses pain point old-pain of map shop-today" in others
    assert "\u26a0" not in others
    # With it, the pain point's summary and the map's title.
    (tmp_path / "today").mkdir()
    current = context_of(CURRENT, tmp_path / "today")
    context = RenderContext(context.journey, context.scope, {"shop-today": current.journey})
    others = re.sub(r"<BR[^>]*/>", " ", journey_view(context).source).split(
        "<B>Other opportunities</B>", 1
    )[1]
    assert "addresses \u201cSearch ignores typos\u201d (pain point old-pain of map Shopping" in (
        others
    )
    # An id in neither map is broken.
    context = RenderContext(
        context.journey.model_copy(
            update={
                "opportunities": [
                    o.model_copy(update={"addresses": ["gone"]})
                    for o in context.journey.opportunities
                    if o.id == "typo-search"
                ]
            }
        ),
        context.scope,
        {"shop-today": current.journey},
    )
    others = re.sub(r"<BR[^>]*/>", " ", journey_view(context).source)
    assert "\u26a0 addresses gone (unknown pain point of map shop-today)" in others


BROKEN = """\
id: broken
title: Broken references
type: current-state
owner: grwoth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
personas: [olivia]
stages:
  - id: find
    name: Find
    steps:
      - id: searches
        action: Searches the catalogue
        touchpoints: [pricng-page, pricing-page]
        owner: salse
        emotion: 1
        pain_points:
          - {id: no-filter, summary: No filter by size, severity: high, owner: suport}
opportunities:
  - {id: filters, summary: Add filters, addresses: [no-fliter], owner: growht}
  - {id: rooms, summary: Staged rooms, stage: fnd}
"""


def test_references_that_name_nothing_are_drawn_as_broken(tmp_path: Path) -> None:
    source = re.sub(r"<BR[^>]*/>", " ", journey_view(_loaded(BROKEN, tmp_path)).source)
    source = re.sub(r" (</(?:B|I|FONT)>)", r"\1", source)
    ink = '<FONT COLOR="#c51b7d"'
    for text in (
        "\u26a0 pricng-page (unknown touchpoint)",
        "\u26a0 salse (unknown team)",
        "owner: \u26a0 suport (unknown team)",
        "owner: \u26a0 grwoth (unknown team)",
        "\u26a0 addresses no-fliter (unknown pain point)",
        "owner: \u26a0 growht (unknown team)",
        "\u26a0 stage fnd (unknown stage)",
        "\u26a0 olivia (unknown persona)",
    ):
        # In the warning colour: inside a FONT of that colour, before it closes.
        assert re.search(re.escape(ink) + r"[^>]*>(?:(?!</FONT>).)*?" + re.escape(text), source), (
            text
        )
    # The known touchpoint is drawn as usual, and the legend explains the sign.
    assert "\u2022 Pricing page (web)" in source
    assert "<B>Broken reference</B>" in source
    assert "Broken reference" not in journey_view(context_of(THREE_STEPS, tmp_path)).source


def test_graphviz_has_nothing_to_warn_about() -> None:
    """No "table size too small" or other layout warnings for the examples."""
    command = find_renderer().command
    for _, context in EXAMPLES:
        diagram = journey_view(context)
        for source in (diagram, *diagram.pages):
            completed = subprocess.run(
                [command, "-Tsvg"], input=source.source.encode("utf-8"), capture_output=True
            )
            assert completed.returncode == 0
            warnings = [
                line
                for line in completed.stderr.decode("utf-8").splitlines()
                if "non-ASCII character" not in line
            ]
            assert warnings == [], context.journey.id
