"""The emotions view: pinned positions, one line per persona with gaps, shared points,
peak labels, escaping, determinism, and every example in every Graphviz format."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from cjm.check import check_paths
from cjm.diagnostics import UNKNOWN_REFERENCE
from cjm.lint.config import LintRequest
from cjm.render.context import RenderContext
from cjm.render.dot import DiagramSource
from cjm.render.emotions_view import SCORE_HEIGHT, STEP_WIDTH, emotions_view
from cjm.render.graphviz_run import find_renderer

from .conftest import FORMAT_ONE, context_of, example_contexts, workspace_contexts

EXAMPLES = example_contexts() + workspace_contexts(FORMAT_ONE)  # and every part of 1.0

FEELINGS = """\
id: feel
title: Feelings on the way
type: current-state
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
        action: Searches for a tool
        emotion: 1
        emotions:
          farid: {score: -2, label: furious}
      - id: tries
        action: Tries the product alone
        personas: [olivia]
        emotion: {score: 2, label: delighted}
  - id: nothing
    name: Nothing here yet
    steps: []
  - id: buy
    name: Buy
    steps:
      - id: waits
        action: Waits for an answer
      - id: pays
        action: Pays the invoice
        emotion: 0
      - id: renews
        action: Renews the plan
        emotion: 1
"""

POINTS = 72  # per inch


def _nodes(source: str) -> dict[str, dict[str, str]]:
    """Every node and edge of the DOT source with an ``id``, by id: its attributes."""
    found = {}
    for line in source.splitlines():
        attributes = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', line))
        if "id" in attributes:
            found[attributes["id"]] = attributes
    return found


def _position(attributes: dict[str, str]) -> tuple[float, float]:
    """Where a node is pinned, in inches (``pos`` is written in points, for neato -n)."""
    x, y = attributes["pos"].rstrip("!").split(",")
    return round(float(x) / 72, 3), round(float(y) / 72, 3)


@pytest.fixture
def diagram(tmp_path: Path) -> DiagramSource:
    return emotions_view(context_of(FEELINGS, tmp_path))


def test_it_is_laid_out_by_neato_with_every_node_pinned(diagram: DiagramSource) -> None:
    assert diagram.engine == "neato"
    assert diagram.pinned  # Graphviz is asked to draw only: neato -n
    positions = re.findall(r'\bpos="([^"]*)"', diagram.source)
    assert positions
    assert all(p.endswith("!") for p in positions)


def test_points_sit_at_step_and_score(diagram: DiagramSource) -> None:
    nodes = _nodes(diagram.source)
    prefix = "cjm-feel-emotions-point"
    searches = _position(nodes[f"{prefix}-olivia-searches"])
    tries = _position(nodes[f"{prefix}-olivia-tries"])
    assert searches == (0.0, 1 * SCORE_HEIGHT)
    assert tries == (STEP_WIDTH, 2 * SCORE_HEIGHT)
    assert _position(nodes[f"{prefix}-farid-searches"]) == (0.0, -2 * SCORE_HEIGHT)
    # The empty stage keeps a column: "pays" is the fifth column.
    assert _position(nodes[f"{prefix}-olivia-pays"])[1] == 0.0
    assert sum(_position(nodes[f"{prefix}-{p}-pays"])[0] for p in ("olivia", "farid")) == (
        pytest.approx(2 * 4 * STEP_WIDTH)
    )


def test_personas_sharing_a_point_are_set_side_by_side(diagram: DiagramSource) -> None:
    nodes = _nodes(diagram.source)
    olivia = _position(nodes["cjm-feel-emotions-point-olivia-renews"])
    farid = _position(nodes["cjm-feel-emotions-point-farid-renews"])
    assert olivia[1] == farid[1] == SCORE_HEIGHT
    assert olivia[0] < 5 * STEP_WIDTH < farid[0]
    assert farid[0] - olivia[0] >= 0.3  # at least a mark's width apart


def test_lines_join_consecutive_steps_and_break_at_gaps(diagram: DiagramSource) -> None:
    lines = {i for i in _nodes(diagram.source) if i.startswith("cjm-feel-emotions-line-")}
    assert lines == {
        "cjm-feel-emotions-line-olivia-searches",  # searches -> tries
        "cjm-feel-emotions-line-olivia-pays",  # pays -> renews
        "cjm-feel-emotions-line-farid-pays",
    }
    # Farid does not take "tries"; nobody has an emotion at "waits"; the empty stage
    # is a column without data: no line crosses any of them.
    assert "cjm-feel-emotions-point-farid-tries" not in diagram.source
    assert "point-olivia-waits" not in diagram.source
    assert "A gap in a line" in diagram.source


def test_lines_are_drawn_in_the_persona_colour_under_the_marks(tmp_path: Path) -> None:
    context = context_of(FEELINGS, tmp_path)
    source = emotions_view(context).source
    line = _nodes(source)["cjm-feel-emotions-line-olivia-searches"]
    assert line["color"] == context.marks[0].fill
    assert 'penwidth="2"' in source or "penwidth=2" in source
    assert "outputorder=edgesfirst" in source
    point = _nodes(source)["cjm-feel-emotions-point-olivia-searches"]
    assert point["fillcolor"] == context.marks[0].fill


def test_grid_scores_run_from_plus_two_at_the_top(diagram: DiagramSource) -> None:
    nodes = _nodes(diagram.source)
    names = ["plus2", "plus1", "0", "minus1", "minus2"]
    heights = [_position(nodes[f"cjm-feel-emotions-score-{n}"])[1] for n in names]
    assert heights == sorted(heights, reverse=True)
    words = [diagram.source.index(w) for w in ("very positive", ">positive", "very negative")]
    assert words == sorted(words)
    for score in ("+2", "+1", "\u22121", "\u22122"):
        assert f"<B>{score}</B>" in diagram.source


def test_stages_are_bands_with_their_names_in_order(diagram: DiagramSource) -> None:
    nodes = _nodes(diagram.source)
    assert all(f"cjm-feel-emotions-band-{s}" in nodes for s in ("find", "nothing", "buy"))
    assert "subgraph cluster_0" in diagram.source
    names = [diagram.source.index(f"<B>{n}<BR") for n in ("Find", "Nothing here yet", "Buy")]
    assert names == sorted(names)
    assert "no steps" in diagram.source


def test_peaks_and_valleys_carry_their_labels(diagram: DiagramSource) -> None:
    nodes = _nodes(diagram.source)
    peak = _position(nodes["cjm-feel-emotions-peak-1"])
    valley = _position(nodes["cjm-feel-emotions-valley-0"])
    assert peak[1] > 2 * SCORE_HEIGHT
    assert valley[1] < -2 * SCORE_HEIGHT
    assert "delighted" in diagram.source
    assert "furious" in diagram.source


def test_the_title_and_legend_name_every_persona(diagram: DiagramSource) -> None:
    label = diagram.source.split("label=<", 1)[1]
    assert "Feelings on the way" in label
    assert "emotional curve" in label
    for text in ("Ops Olivia", "Finance Farid", "<B>O</B>", "<B>F</B>"):
        assert text in diagram.source


def test_graphviz_pure_honours_the_pins(diagram: DiagramSource) -> None:
    """The bundled neato draws pinned nodes where they are (``pos`` is in points)."""
    # Graphviz writes "-" in ids as "&#45;".
    svg = html.unescape(find_renderer().render(diagram, "svg").decode("utf-8"))

    def centre(node_id: str) -> tuple[float, float]:
        group = svg.split(f'{node_id}"', 1)[1].split("</g>", 1)[0]
        found = re.search(r'<ellipse[^>]*cx="([-\d.]+)" cy="([-\d.]+)"', group)
        assert found, group
        return float(found.group(1)), float(found.group(2))

    searches = centre("cjm-feel-emotions-point-olivia-searches")
    tries = centre("cjm-feel-emotions-point-olivia-tries")
    assert tries[0] - searches[0] == pytest.approx(STEP_WIDTH * POINTS, abs=0.5)
    assert searches[1] - tries[1] == pytest.approx(SCORE_HEIGHT * POINTS, abs=0.5)


HOSTILE = [
    "Quotes \" and ' and `backticks`",
    "<script>alert('x')</script> & <b>bold</b>",
    "Braces {x} [y] |z| and a backslash \\ and \\N \\G",
    "Averyveryveryveryveryveryveryveryveryveryverylongwordwithoutanybreaks",
    "עברית ומילים נוספות \u202eevil",
    "日本語のテキストと中文のテキストがとても長い場合",
    "Emoji 😀🚀 mixed",
    "Line one\nline two\r\nline three",
    "Control \x07 bell \x1b[31m escape \x00 nul",
]


def _hostile_map(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar
    return (
        FEELINGS.replace("title: Feelings on the way", f"title: {quoted}")
        .replace("name: Find", f"name: {quoted}")
        .replace("action: Searches for a tool", f"action: {quoted}")
        .replace("name: Ops Olivia", f"name: {quoted}")
        .replace("label: delighted", f"label: {quoted}, note: {quoted}")
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_escaped_and_renders(text: str, tmp_path: Path) -> None:
    diagram = emotions_view(context_of(_hostile_map(text), tmp_path))
    assert "<script>" not in diagram.source
    assert "<b>bold" not in diagram.source
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202e]", diagram.source)
    svg = find_renderer().render(diagram, "svg").decode("utf-8")
    assert "<script" not in svg
    visible = re.sub(r"<[^>]+>", "", svg)
    first_word = text.split()[0][:10]
    escaped = first_word.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in visible


def test_backslashes_in_tooltips_stay_literal(tmp_path: Path) -> None:
    """``\\N`` in user text is not Graphviz's node-name escape in a tooltip."""
    text = FEELINGS.replace("action: Searches for a tool", 'action: "Back \\\\N slash"')
    diagram = emotions_view(context_of(text, tmp_path))
    svg = find_renderer().render(diagram, "svg").decode("utf-8")
    assert "Back \\N slash" in svg


def test_blank_text_renders(tmp_path: Path) -> None:
    """Text that is empty once cleaned must not leave an empty ``<B></B>`` behind."""
    text = (
        FEELINGS.replace("title: Feelings on the way", 'title: "\\a "')
        .replace("name: Find", 'name: " "')
        .replace("action: Searches for a tool", 'action: "\\t"')
        .replace("label: delighted", 'label: "\\x1b"')
    )
    diagram = emotions_view(context_of(text, tmp_path))
    assert not re.search(r"<(B|I|FONT)( [^>]*)?></\1>", diagram.source)
    find_renderer().render(diagram, "svg")


def test_many_personas_at_one_point_stay_inside_the_column(tmp_path: Path) -> None:
    personas = "".join(f"  - {{id: p{n}, name: Persona {n}}}\n" for n in range(9))
    text = FEELINGS.replace(
        "  - {id: olivia, name: Ops Olivia}\n  - {id: farid, name: Finance Farid}\n", personas
    ).replace("          farid: {score: -2, label: furious}\n", "          p0: 1\n")
    diagram = emotions_view(context_of(text, tmp_path))
    nodes = _nodes(diagram.source)
    xs = [_position(nodes[f"cjm-feel-emotions-point-p{n}-searches"])[0] for n in range(9)]
    assert xs == sorted(xs)
    assert len(set(xs)) == 9
    assert max(xs) - min(xs) < STEP_WIDTH
    find_renderer().render(diagram, "png")


def test_rendering_twice_gives_identical_bytes(tmp_path: Path) -> None:
    renderer = find_renderer()
    diagram = emotions_view(context_of(FEELINGS, tmp_path))
    assert diagram == emotions_view(context_of(FEELINGS, tmp_path))
    for output_format in ("svg", "png", "pdf", "dot"):
        assert renderer.render(diagram, output_format) == renderer.render(diagram, output_format)


def test_svg_ids_are_namespaced_by_map_and_view(diagram: DiagramSource) -> None:
    svg = find_renderer().render(diagram, "svg").decode("utf-8")
    ids = [html.unescape(i) for i in re.findall(r'\bid="([^"]+)"', svg)]
    assert ids
    assert all(i.startswith("cjm-feel-emotions") for i in ids)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("output_format", ["svg", "png", "pdf"])
@pytest.mark.parametrize(("name", "context"), EXAMPLES, ids=[n for n, _ in EXAMPLES])
def test_every_example_renders(name: str, context: object, output_format: str) -> None:
    data = find_renderer().render(emotions_view(context), output_format)  # type: ignore[arg-type]
    magic = {"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF"}[output_format]
    assert data.startswith(magic)


def test_every_example_draws_a_point_per_scored_step() -> None:
    for _, context in EXAMPLES:
        source = emotions_view(context).source
        for _, _, step in context.journey.iter_steps():
            for mark in context.marks:
                drawn = f"point-{mark.persona_id}-{step.id}" in source
                expected = step.involves(mark.persona_id) and step.emotion_for(mark.persona_id)
                assert drawn == bool(expected), (context.journey.id, step.id, mark.persona_id)


def test_graphviz_has_nothing_to_warn_about() -> None:
    """No "table size too small" or other layout warnings for the examples."""
    command = find_renderer().command
    for _, context in EXAMPLES:
        diagram = emotions_view(context)
        completed = subprocess.run(
            [command, f"-K{diagram.engine}", "-Tsvg"],
            input=diagram.source.encode("utf-8"),
            capture_output=True,
            check=True,
        )
        warnings = [
            line
            for line in completed.stderr.decode("utf-8").splitlines()
            if "non-ASCII character" not in line  # the minus sign of the score chips
        ]
        assert warnings == [], context.journey.id


# -- peaks and valleys along each persona's path; lines across bands; broken personas ------

TURNS = """\
id: turns
title: Turns
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas:
  - {id: anna, name: Anna}
  - {id: ben, name: Ben}
stages:
  - id: all
    name: All
    steps:
      - id: s1
        action: First
        emotion: {score: -1, label: meh}
      - id: s2
        action: Only Ben
        personas: [ben]
        emotion: {score: -2, label: stuck}
      - id: s3
        action: Third
        emotions:
          anna: {score: -2, label: lost}
          ben: {score: -1}
      - id: s4
        action: Fourth
        emotions:
          anna: {score: 1, label: relieved}
          ben: {score: 1, label: calm}
      - id: s5
        action: Fifth
        emotion: 0
"""


def test_turning_points_of_each_persona_path_are_labelled(tmp_path: Path) -> None:
    source = emotions_view(context_of(TURNS, tmp_path)).source
    nodes = _nodes(source)
    turns = {i.split("emotions-", 1)[1] for i in nodes if re.search(r"-(peak|valley)-\d+$", i)}
    # Ben's valley at the step only he takes, Anna's at the third, both peak at +1 on the
    # fourth (a peak need not be +2); Anna's -1 at the start is no turning point.
    assert turns == {"valley-1", "valley-2", "peak-3"}
    label = source.split('id="cjm-turns-emotions-valley-1"', 1)[0].rsplit("label=<", 1)[1]
    assert "\u25bc stuck" in label
    assert "\u25bc lost" in source
    # Anna and Ben share the +1 spot and say different things: each label says whose.
    assert "\u25b2 A: relieved \u00b7 B: calm" in re.sub(r"<BR[^>]*/>", " ", source)
    assert "meh" not in re.sub(r'tooltip="[^"]*"', "", source)
    # Above the mark for a peak, below it for a valley.
    assert _position(nodes["cjm-turns-emotions-peak-3"])[1] > SCORE_HEIGHT
    assert _position(nodes["cjm-turns-emotions-valley-2"])[1] < -2 * SCORE_HEIGHT


def test_a_turning_point_without_a_label_is_still_marked(tmp_path: Path) -> None:
    text = TURNS.replace("{score: -2, label: stuck}", "-2")
    source = emotions_view(context_of(text, tmp_path)).source
    label = source.split('id="cjm-turns-emotions-valley-1"', 1)[0].rsplit("label=<", 1)[1]
    assert "\u25bc valley" in label


def _long_map(steps: int) -> str:
    lines = [*TURNS.split("stages:", 1)[0].splitlines(), "stages:"]
    lines += ["  - id: long", "    name: Long", "    steps:"]
    for number in range(steps):
        lines += [
            f"      - id: s{number}",
            f"        action: Step {number}",
            f"        emotion: {[1, -1, 0][number % 3]}",
        ]
    return "\n".join(lines) + "\n"


def test_a_line_goes_on_from_one_band_to_the_next(tmp_path: Path) -> None:
    diagram = emotions_view(context_of(_long_map(8), tmp_path))
    nodes = _nodes(diagram.source)
    for end in ("s3-continues", "s4-continued"):
        [edge] = [line for line in diagram.source.splitlines() if f'line-anna-{end}"' in line]
        assert "style=dashed" in edge
    # The second band sits under the first, its first step at the left again.
    # Eight steps of one stage make two bands of four.
    first, second = (_position(nodes[f"cjm-turns-emotions-point-anna-s{n}"]) for n in (3, 4))
    assert second[0] < first[0]
    assert second[1] < first[1] - 4 * SCORE_HEIGHT
    assert "the line goes on in the next row" in diagram.source
    assert "Long (continued)" in diagram.source
    # Each page has its own end of the line.
    first_page, second_page = diagram.pages
    assert "line-anna-s3-continues" in first_page.source
    assert "line-anna-s4-continued" not in first_page.source
    assert "line-anna-s4-continued" in second_page.source
    for page in diagram.pages:
        find_renderer().render(page, "svg")


def test_a_persona_the_map_does_not_define_is_marked_in_the_legend(tmp_path: Path) -> None:
    text = FEELINGS.replace("  - {id: farid, name: Finance Farid}\n", "  - farid\n")
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_paths([path], tmp_path, lint=LintRequest(select=["unknown-reference"]))
    assert [d.code for d in result.diagnostics] == [UNKNOWN_REFERENCE]
    [project] = result.projects
    [document] = project.maps
    assert document.model is not None
    context = RenderContext(document.model, project.scopes[document.display])
    source = emotions_view(context).source
    assert re.search(r'<FONT COLOR="#c51b7d"[^>]*>\u26a0 farid \(unknown persona\)', source)
    assert "<B>Broken reference</B>" in source
