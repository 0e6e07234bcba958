"""Every text of every view is wrapped to its place or shortened visibly.

Each case puts a hostile text into one field of a small map (a 5,000-character token with
no space, or a pasted paragraph) and looks at the DOT: no line of it is wider than its
place allows, the cut is marked with an ellipsis and a note of how much is left out, and
the SVG keeps the full text in a tooltip.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from cjm.render.blueprint_view import blueprint_view
from cjm.render.cell import text_room
from cjm.render.context import RenderContext
from cjm.render.dot import DiagramSource
from cjm.render.emotions_view import emotions_view
from cjm.render.graphviz_run import find_renderer
from cjm.render.grid import COLUMN_WIDTH
from cjm.render.journey_view import journey_view
from cjm.render.text import clean, fit, measure, wrap

from .conftest import context_of

VIEWS: dict[str, Callable[[RenderContext], DiagramSource]] = {
    "journey": journey_view,
    "blueprint": blueprint_view,
    "emotions": emotions_view,
}

TOKEN = "x" * 5000
PARAGRAPH = "The onboarding call was confusing and nobody knew what we had tried. " * 60

FIELDS = {
    "title": "Small clinic visit",
    "team": "Front Desk",
    "persona": "Patient Pat",
    "stage": "Arrive",
    "goal": "Get seen on time",
    "action": "Checks in at the kiosk",
    "touchpoint": "Check-in kiosk",
    "thought": "Will this take long?",
    "label": "hopeful",
    "pain": "The kiosk rejects new insurance cards",
    "opportunity": "Accept every insurance card",
    "other": "Rethink the waiting room",
    "handoff": "Desk marks the patient as arrived",
    "activity": "Desk verifies the insurance",
}

MAP = """\
id: clinic
title: {title}
type: service-blueprint
owner: desk
reviewed: 2026-10-01
teams:
  - {{id: desk, name: {team}}}
  - {{id: care, name: Care Team}}
touchpoints:
  - {{id: kiosk, name: {touchpoint}, channel: in-store, owner: desk}}
personas:
  - {{id: pat, name: {persona}}}
stages:
  - id: arrive
    name: {stage}
    customer_goal: {goal}
    steps:
      - id: checks-in
        action: {action}
        touchpoints: [kiosk]
        thoughts: [{thought}]
        emotion: {{score: 1, label: {label}}}
        owner: desk
        backstage:
          - {{action: {activity}, owner: desk}}
        pain_points:
          - id: slow-kiosk
            summary: {pain}
            severity: high
            owner: desk
      - id: waits
        action: Waits to be called
        touchpoints: [kiosk]
        emotion: -1
        owner: care
        handoff: {handoff}
        frontstage: [Screen shows the ticket number]
opportunities:
  - id: all-cards
    summary: {opportunity}
    addresses: [slow-kiosk]
    owner: desk
  - id: waiting-room
    summary: {other}
"""


def hostile_map(field: str, text: str) -> str:
    values = {key: json.dumps(value) for key, value in FIELDS.items()}
    values[field] = json.dumps(text, ensure_ascii=False)
    return MAP.format(**values)


# Which views show each field, and the longest line (in characters of "x") its place
# allows: a step column holds about 24 at 11 pt, a name in the legend about 32; the stage
# (and its goal in small type) spans both steps of the map, the subtitle the whole width.
SHOWN: list[tuple[str, str, int]] = [
    ("title", "journey", 110),
    ("title", "blueprint", 110),
    ("title", "emotions", 110),
    ("team", "journey", 75),  # the owner under the action, and in the subtitle
    ("team", "blueprint", 75),
    ("persona", "journey", 36),
    ("persona", "emotions", 36),
    ("stage", "journey", 52),
    ("stage", "blueprint", 52),
    ("stage", "emotions", 52),
    ("goal", "journey", 62),
    ("action", "journey", 30),
    ("action", "blueprint", 30),
    ("action", "emotions", 30),
    ("touchpoint", "journey", 30),
    ("touchpoint", "blueprint", 30),
    ("thought", "journey", 30),
    ("label", "journey", 30),
    ("label", "emotions", 30),
    ("pain", "journey", 30),
    ("pain", "blueprint", 30),
    ("opportunity", "journey", 30),
    ("other", "journey", 30),
    ("handoff", "blueprint", 30),
    ("activity", "blueprint", 30),
]


def visible(source: str) -> str:
    """The DOT without tooltips (which keep the full text on purpose)."""
    source = re.sub(r'TOOLTIP="[^"]*"', "", source)
    return re.sub(r'tooltip="(?:[^"\\]|\\.)*"', "", source)


@pytest.mark.parametrize(("field", "view", "longest"), SHOWN, ids=[f"{v}-{f}" for f, v, _ in SHOWN])
def test_an_unbroken_token_is_broken_and_shortened(
    field: str, view: str, longest: int, tmp_path: Path
) -> None:
    diagram = VIEWS[view](context_of(hostile_map(field, TOKEN), tmp_path))
    shown = visible(diagram.source)
    runs = [len(run) for run in re.findall(r"x{10,}", shown)]
    assert runs, "the token is drawn"
    assert max(runs) <= longest
    assert sum(runs) < 2000, "the token is shortened, not drawn whole"
    assert "\u2026" in shown
    assert re.search(r"\(\+[\d,]+ characters\)", shown)
    assert TOKEN in diagram.source, "the full text is kept in a tooltip"


@pytest.mark.parametrize(
    ("field", "view"),
    [(f, v) for f, v, _ in SHOWN if f in ("action", "thought", "pain", "handoff", "goal")],
)
def test_a_pasted_paragraph_is_shortened_visibly(field: str, view: str, tmp_path: Path) -> None:
    diagram = VIEWS[view](context_of(hostile_map(field, PARAGRAPH), tmp_path))
    shown = visible(diagram.source)
    hidden = re.findall(r"\(\+([\d,]+) characters\)", shown)
    assert hidden
    assert int(hidden[0].replace(",", "")) > len(PARAGRAPH) * 3 // 4
    assert shown.count("nobody knew") < 4
    assert clean(PARAGRAPH) in diagram.source  # in the tooltip


def test_the_full_text_is_a_tooltip_in_svg(tmp_path: Path) -> None:
    diagram = journey_view(context_of(hostile_map("pain", PARAGRAPH + " back\\slash"), tmp_path))
    svg = find_renderer().render(diagram, "svg").decode("utf-8")
    titles = re.findall(r'xlink:title="([^"]*)"', svg)
    assert any(clean(PARAGRAPH + " back\\slash") in title for title in titles)


def test_wide_characters_are_wrapped_within_the_column(tmp_path: Path) -> None:
    cjk = "日本語のテキストと中文のテキストがとても長い場合には折り返しが必要です"
    source = journey_view(context_of(hostile_map("action", cjk), tmp_path)).source
    cell = re.search(r'<TD[^>]*WIDTH="(\d+)"[^>]*><B>(日本語.*?)</B>', source)
    assert cell is not None
    assert int(cell.group(1)) == COLUMN_WIDTH
    lines = [line for line in cell.group(2).split('<BR ALIGN="LEFT"/>') if line]
    assert "".join(lines) == cjk
    assert len(lines) > 2
    assert all(measure(line) <= text_room(COLUMN_WIDTH) for line in lines)


# -- the text module itself ---------------------------------------------------------------


def test_wrapping_breaks_between_words_and_inside_words_too_long() -> None:
    assert wrap("one two three four", measure("one two three")) == ["one two three", "four"]
    assert wrap("x" * 30, measure("x" * 10)) == ["x" * 10] * 3
    # A long word breaks after a hyphen or slash when there is one in the line's second half.
    lines = wrap("customer-success-operations-team", measure("customer-success-op"))
    assert lines[0] == "customer-success-"
    assert "".join(lines) == "customer-success-operations-team"


def test_measuring_is_never_below_what_graphviz_counts() -> None:
    """Graphviz counts a character beyond ASCII as a space per byte of UTF-8."""
    for character in "é日😀—⟨":
        assert measure(character, 10) >= len(character.encode("utf-8")) * 0.278 * 10
    assert measure("日", 10) > measure("a", 10) * 1.8


def test_fitting_cuts_with_an_ellipsis_and_counts_what_is_left_out() -> None:
    fitted = fit("word " * 100, measure("word word word"), max_lines=2)
    assert len(fitted.lines) == 2
    assert fitted.lines[0] == "word word word"
    assert fitted.lines[1].endswith("\u2026")
    shown = f"{fitted.lines[0]} {fitted.lines[1][:-1]}"
    assert fitted.full.startswith(shown)
    assert fitted.hidden == len(fitted.full) - len(shown)
    assert fitted.note == f"(+{fitted.hidden:,} characters)"
    assert not fit("short", 100).shortened
    assert fit("short", 100).note is None


def test_bidirectional_controls_are_shown_not_obeyed(tmp_path: Path) -> None:
    text = "evil \u202egnirts\u202c end"
    for view in VIEWS.values():
        source = view(context_of(hostile_map("action", text), tmp_path)).source
        assert "\u202e" not in source
        assert "\u27e8U+202E\u27e9gnirts" in source
        assert "202C\u27e9" in source
