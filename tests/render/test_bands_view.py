"""Big maps in every view: stages cut into bands, the bands stacked into one drawing that
grows in height rather than width, and one printable page per band."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from cjm.model import Stage
from cjm.render.bands import BAND_COLUMNS, Band, band_caption, cut_into_bands
from cjm.render.blueprint_view import blueprint_view
from cjm.render.context import RenderContext
from cjm.render.dot import DiagramSource
from cjm.render.emotions_view import emotions_view
from cjm.render.graphviz_run import find_renderer
from cjm.render.grid import COLUMN_WIDTH, LABEL_WIDTH
from cjm.render.journey_view import journey_view

from .conftest import context_of

VIEWS: dict[str, Callable[[RenderContext], DiagramSource]] = {
    "journey": journey_view,
    "blueprint": blueprint_view,
    "emotions": emotions_view,
}


def stages(*sizes: int) -> list[Stage]:
    """Stages with ``sizes`` steps each (0: an empty stage)."""
    return [
        Stage.model_validate(
            {
                "id": f"stage-{s}",
                "name": f"Stage {s}",
                "steps": [{"id": f"step-{s}-{k}", "action": f"Does {s}.{k}"} for k in range(size)],
            }
        )
        for s, size in enumerate(sizes)
    ]


def big_map(sizes: list[int], extra_step: str = "", persona_name: str = "Ops Olivia") -> str:
    """A valid map with stages of ``sizes`` steps; ``extra_step`` is YAML added to every
    step (indented for a step's keys)."""
    lines = [
        "id: big",
        "title: A big journey",
        "type: current-state",
        "owner: growth",
        "reviewed: 2026-10-01",
        "teams: [{id: growth, name: Growth}, {id: sales, name: Sales}]",
        "touchpoints: [{id: web, name: Website, channel: web, owner: growth}]",
        "personas:",
        f"  - {{id: olivia, name: {persona_name}}}",
        "  - {id: farid, name: Finance Farid}",
        "stages:",
    ]
    number = 0
    for s, size in enumerate(sizes):
        lines += [f"  - id: stage-{s}", f"    name: Stage {s + 1}"]
        lines.append("    steps:" if size else "    steps: []")
        for _ in range(size):
            number += 1
            lines += [
                f"      - id: step-{number}",
                f"        action: Step {number} of the journey",
                "        touchpoints: [web]",
                f"        owner: {'growth' if number % 2 else 'sales'}",
                f"        emotion: {[1, -1, 2, 0, -2][number % 5]}",
            ]
            if extra_step:
                lines.append(extra_step)
    return "\n".join(lines) + "\n"


def _check_bands(bands: list[Band], sizes: list[int]) -> None:
    """The invariants of any cut: every column once, in order; no band too wide; whole
    stages unless a stage is longer than a band; numbering from 1."""
    columns = [(c.stage_index, c.step.id if c.step else None) for b in bands for c in b.columns]
    expected = [
        (s, f"step-{s}-{k}" if size else None)
        for s, size in enumerate(sizes)
        for k in range(max(size, 1))
    ]
    assert columns == expected
    assert [band.number for band in bands] == list(range(1, len(bands) + 1))
    assert all(1 <= len(band.columns) <= BAND_COLUMNS for band in bands)
    for band in bands:
        for segment in band.segments:
            size = max(sizes[segment.stage_index], 1)
            if size <= BAND_COLUMNS:
                assert len(segment.columns) == size, "a stage that fits a band is never split"


@pytest.mark.parametrize(
    "sizes",
    [
        [3, 5, 4, 2, 6],  # 20 steps
        [3, 14, 1, 1, 0, 8, 7, 2, 6, 5, 13],  # 60 steps, an empty stage, long stages
        [7] * 20 + [5, 5, 5, 5, 3, 2],  # 200 steps, every stage longer than a band
    ],
    ids=["20-steps", "60-steps", "200-steps"],
)
def test_cutting_keeps_every_column_in_order_in_whole_stages(sizes: list[int]) -> None:
    bands = cut_into_bands(stages(*sizes))
    _check_bands(bands, sizes)
    assert sum(sizes) == sum(1 for b in bands for c in b.columns if c.step is not None)


def test_a_stage_longer_than_a_band_is_split_between_steps_and_continued() -> None:
    bands = cut_into_bands(stages(2, 13, 1))
    # Stage 0 alone (the long stage does not fit after it), then stage 1 in a full band
    # and two parts that share the rest evenly, its last part sharing a band with stage 2.
    assert [[(s.stage_index, len(s.columns)) for s in b.segments] for b in bands] == [
        [(0, 2)],
        [(1, 6)],
        [(1, 4)],
        [(1, 3), (2, 1)],
    ]
    # Seven steps make four and three, not six and a lonely one; nine make six and three.
    assert [len(b.columns) for b in cut_into_bands(stages(7))] == [4, 3]
    assert [len(b.columns) for b in cut_into_bands(stages(9))] == [6, 3]
    parts = [s for b in bands for s in b.segments if s.stage_index == 1]
    assert [(p.continued, p.continues) for p in parts] == [
        (False, True),
        (True, True),
        (True, False),
    ]


def test_one_step_per_stage_fills_bands_with_whole_stages() -> None:
    bands = cut_into_bands(stages(*[1] * 60))
    assert len(bands) == 10
    assert all(len(band.segments) == BAND_COLUMNS for band in bands)
    assert not any(s.continued or s.continues for b in bands for s in b.segments)


def test_empty_stages_keep_a_column() -> None:
    bands = cut_into_bands(stages(0, 0, 2, 0))
    [band] = bands
    assert [(c.stage_index, c.step) for c in band.columns][:2] == [(0, None), (1, None)]
    assert len(band.columns) == 5
    assert [len(b.columns) for b in cut_into_bands(stages(0))] == [1]


def test_the_caption_says_the_page_and_its_stages() -> None:
    bands = cut_into_bands(stages(2, 13, 1))
    assert band_caption(bands[0], 4, 3) == "page 1 of 4 \u00b7 stage 1 of 3"
    assert band_caption(bands[3], 4, 3) == "page 4 of 4 \u00b7 stages 2\u20133 of 3"


SIXTY = [3, 14, 1, 1, 0, 8, 7, 2, 6, 5, 13]
LEGEND = {"journey": "Ops Olivia", "blueprint": "<B>Handoffs</B>", "emotions": "Ops Olivia"}


@pytest.mark.parametrize("view", VIEWS)
def test_a_big_map_has_a_page_per_band(view: str, tmp_path: Path) -> None:
    context = context_of(big_map(SIXTY), tmp_path)
    diagram = VIEWS[view](context)
    bands = cut_into_bands(context.journey.stages)
    assert len(diagram.pages) == len(bands) == 14
    for number, page in enumerate(diagram.pages, start=1):
        assert page.map_id == diagram.map_id
        assert page.view == diagram.view
        assert page.engine == diagram.engine
        assert "A big journey" in page.source
        assert f"page {number} of 14" in page.source
        assert LEGEND[view] in page.source  # the legend, on every page
        assert "page 1 of" not in diagram.source  # the whole drawing has no page number
    # The second and third bands are the long second stage, continued.
    assert "Stage 2 (continued)" in diagram.pages[2].source
    assert "Stage 2 (continued)" not in diagram.pages[1].source
    if view != "emotions":
        for page in diagram.pages:
            for lane in ("Stage", "Customer actions", "Touchpoints"):
                assert f"<B>{lane}</B>" in page.source


def test_a_map_that_fits_one_band_has_no_pages(tmp_path: Path) -> None:
    context = context_of(big_map([2, 3]), tmp_path)
    for view in VIEWS.values():
        assert view(context).pages == ()


def _svg_size(svg: str) -> tuple[float, float]:
    found = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    assert found is not None
    return float(found.group(1)), float(found.group(2))


HOSTILE_STEP = "\n".join(
    [
        "        thoughts:",
        "          - " + "x" * 5000,
        "          - " + "We asked forty customers about the onboarding call. " * 40,
        "          - 日本語のテキストと中文のテキストがとても長い場合には折り返しが必要です",
    ]
)
BAND_WIDTH = LABEL_WIDTH + BAND_COLUMNS * COLUMN_WIDTH


def test_a_sixty_step_hostile_map_grows_down_not_across(tmp_path: Path) -> None:
    """Long team and persona names, 5,000-character tokens, pasted paragraphs and CJK
    text: the whole journey drawing stays one band wide, each page too."""
    text = big_map(SIXTY, HOSTILE_STEP, persona_name="O" + "p" * 3000).replace(
        "{id: growth, name: Growth}", "{id: growth, name: " + "Customer Experience " * 8 + "}"
    )
    context = context_of(text, tmp_path)
    renderer = find_renderer()
    for name, view in VIEWS.items():
        diagram = view(context)
        width, height = _svg_size(renderer.render(diagram, "svg").decode("utf-8"))
        limit = BAND_WIDTH + 60 if name != "emotions" else 1000
        assert width <= limit, (name, width)
        assert height > 3 * width, (name, width, height)  # the bands are stacked
        page_width, page_height = _svg_size(
            renderer.render(diagram.pages[1], "svg").decode("utf-8")
        )
        assert page_width <= limit, (name, page_width)
        assert page_height < height / 5


def test_every_band_has_the_same_step_columns(tmp_path: Path) -> None:
    """A band of two steps keeps step columns as wide as a band of six: in the SVG, every
    cell of the customer actions lane is one column wide, whatever its text."""
    text = big_map([6, 2, 1], HOSTILE_STEP)
    svg = find_renderer().render(journey_view(context_of(text, tmp_path)), "svg").decode()
    widths = set()
    for x1, x2 in re.findall(r'points="([-\d.]+),[-\d.]+ [-\d.]+,[-\d.]+ ([-\d.]+),', svg):
        widths.add(round(float(x2) - float(x1)))
    assert COLUMN_WIDTH in widths
    assert not {w for w in widths if COLUMN_WIDTH < w < LABEL_WIDTH + COLUMN_WIDTH}


def test_graphviz_has_nothing_to_warn_about_in_a_hostile_big_map(tmp_path: Path) -> None:
    """No "table size too small" or other layout warnings, for the whole drawing and its
    pages, whatever the text."""
    text = big_map(SIXTY[:4], HOSTILE_STEP, persona_name="O" + "p" * 3000)
    context = context_of(text, tmp_path)
    command = find_renderer().command
    for view in VIEWS.values():
        diagram = view(context)
        for source in (diagram, *diagram.pages):
            completed = subprocess.run(
                [command, f"-K{source.engine}", "-Tsvg"],
                input=source.source.encode("utf-8"),
                capture_output=True,
                check=True,
            )
            warnings = [
                line
                for line in completed.stderr.decode("utf-8").splitlines()
                if "non-ASCII character" not in line  # sized by our own estimate instead
            ]
            assert warnings == [], (diagram.view, warnings)
