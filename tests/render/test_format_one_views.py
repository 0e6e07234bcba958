"""The diagrams draw what format 1.0 can say: branches and optional steps, pain points
that span steps or a stage, moments of truth, the blueprint's artifact, time and policy
lanes with fail and wait points, and a workspace's own severities and channels.

The workspace ``tests/render/format1`` (a bank account opening, two personas, one of
whom applies in a branch) uses every one of them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cjm.check import check_paths
from cjm.lint.config import LintRequest
from cjm.render.bands import stage_columns
from cjm.render.blueprint_view import blueprint_view
from cjm.render.context import RenderContext
from cjm.render.emotion_points import (
    STEP_WIDTH,
    curve_segments,
    main_route_gaps,
    place_points,
)
from cjm.render.emotions_view import emotions_view
from cjm.render.formats import Drawer
from cjm.render.graphviz_run import find_renderer
from cjm.render.journey_view import journey_view
from cjm.render.pipeline import VIEWS
from cjm.render.style import SEVERITY_MARK

from .conftest import context_of

WORKSPACE = Path(__file__).resolve().parent / "format1"


@pytest.fixture(scope="module")
def bank() -> RenderContext:
    result = check_paths([WORKSPACE], WORKSPACE, lint=LintRequest(select=[]))
    assert not result.diagnostics, result.diagnostics
    [project] = result.projects
    [document] = project.maps
    assert document.model is not None
    return RenderContext(document.model, project.scopes[document.display])


def text_of(source: str) -> str:
    """The words of a diagram's labels, lines joined by spaces, markup dropped."""
    words = re.sub(r"<[^>]+>", "", re.sub(r"<BR[^>]*/>", " ", source))
    return re.sub(r"\s+", " ", words)


# -- columns ---------------------------------------------------------------------------


def test_branch_steps_are_columns_right_after_the_step_they_leave(bank: RenderContext) -> None:
    columns = stage_columns(0, bank.journey.stages[0])
    assert [c.step.id for c in columns if c.step] == [
        "start",
        "visit-branch",
        "advisor-fills",
        "prefill",
        "details",
        "sign",
    ]
    assert [c.branch.id if c.branch else None for c in columns] == [
        None,
        "in-branch",
        "in-branch",
        "returning",
        None,
        None,
    ]


# -- journey view ----------------------------------------------------------------------


def test_journey_view_labels_each_branch_with_its_condition_and_ends(bank: RenderContext) -> None:
    source = journey_view(bank).source
    assert "<B>Path</B>" in source
    # One cell over both steps of the branch, with its condition and where it goes.
    assert re.search(r'COLSPAN="2" BGCOLOR="#fff3d6"[^>]*>.*?Prefers to apply in a branch', source)
    words = text_of(source)
    assert (
        "alternative path: leaves after \u201cStarts the application\u201d, "
        "back at \u201cSigns the account agreement\u201d"
    ) in words
    assert "\u2197 Already a customer of the bank" in words
    assert "back at \u201cEnters personal details\u201d" in words  # a detour
    assert "main line" in words


def test_an_optional_step_is_dashed_and_says_so(bank: RenderContext) -> None:
    source = journey_view(bank).source
    cell = re.search(r'<TD[^>]*STYLE="dashed"[^>]*><B>Enters personal details', source)
    assert cell is not None
    assert "optional step" in source
    assert "optional: may be skipped" in source


def test_moments_of_truth_are_marked_with_why(bank: RenderContext) -> None:
    source = journey_view(bank).source
    assert "\u2605 Moment of truth: First" in source
    assert source.count("\u2605 Moment of truth") == 2
    assert "moment of truth: makes or breaks trust" in source  # the legend


def test_a_spanning_pain_point_is_drawn_once_and_continued(bank: RenderContext) -> None:
    source = journey_view(bank).source
    assert source.count("Waits days for the KYC") == 3  # full once, continued twice
    assert source.count("<B>BLOCKER</B> \u22ef continued") == 2
    assert "spans 3 steps, to \u201cReceives the approval letter\u201d" in text_of(source)
    assert "a pain point that began at an earlier step" in source


def test_a_stage_pain_point_covers_every_step_of_the_stage(bank: RenderContext) -> None:
    source = journey_view(bank).source
    assert source.count("Nobody says how long") == 3
    assert "the whole stage (3 steps)" in source


def test_workspace_severities_are_written_as_the_map_says_in_their_level_colour(
    bank: RenderContext,
) -> None:
    source = journey_view(bank).source
    critical, low = SEVERITY_MARK["critical"], SEVERITY_MARK["low"]
    assert f'<FONT COLOR="{critical}">\u25a0</FONT> <B>BLOCKER</B>' in source
    assert f'<FONT COLOR="{low}">\u25a0</FONT> <B>ANNOYANCE</B>' in source
    assert "counts as critical" in source and "counts as low" in source


def test_workspace_channels_are_shown_as_written(bank: RenderContext) -> None:
    source = journey_view(bank).source
    assert "(video-call)" in source
    assert "Branch desk (branch)" in source


def test_per_persona_thoughts_carry_the_persona_initials(bank: RenderContext) -> None:
    words = text_of(journey_view(bank).source)
    assert "\u201cLet us see how long this takes\u201d" in words
    assert "B: \u201cI would rather talk to someone\u201d" in words


def test_an_opportunity_shows_its_due_date_release_and_tracker_keys(bank: RenderContext) -> None:
    words = text_of(journey_view(bank).source)
    assert "planned, impact high, effort medium, due 2027-03-31, release 2027.1, ONB-42" in words


def test_an_opportunity_for_a_stage_pain_point_sits_at_the_stage(tmp_path: Path) -> None:
    context = context_of(STAGE_PAIN_MAP, tmp_path)
    source = journey_view(context).source
    assert "Other opportunities" not in source
    assert "unknown pain point" not in source
    assert "Say how long it takes" in source


def test_a_map_without_branches_or_optional_steps_has_no_path_lane(tmp_path: Path) -> None:
    context = context_of(STAGE_PAIN_MAP, tmp_path)
    assert "<B>Path</B>" not in journey_view(context).source
    assert "<B>Path</B>" not in blueprint_view(context).source


# -- blueprint -------------------------------------------------------------------------


def test_blueprint_draws_artifact_time_and_policy_lanes(bank: RenderContext) -> None:
    source = blueprint_view(bank).source
    lanes = re.findall(r'WIDTH="140"><B>([^<]+)</B>', source)
    first_band = lanes[: lanes.index("Stage", 1)]
    assert first_band == [
        "Stage",
        "Path",
        "Artifacts",
        "Touchpoints",
        "Time",
        "Customer actions",
        "Frontstage",
        "Backstage",
        "Support processes",
        "Policies",
    ]
    assert "\u2022 Queue ticket" in source and "\u2022 Approval letter" in source
    assert "KYC: verify identity" in source
    assert "\u23f1 takes 5 min" in source
    assert "\u24cc waits 2 days" in source


def test_blueprint_marks_fail_points_and_moments_of_truth(bank: RenderContext) -> None:
    source = blueprint_view(bank).source
    assert "\u24bb Fail point: The video call drops" in source
    assert "\u2605 Moment of truth" in source
    for meaning in ("fail point", "wait point: the customer waits", "moment of truth"):
        assert meaning in source


def test_the_word_evidence_is_kept_for_research(bank: RenderContext) -> None:
    """Touchpoints and artifacts are not called evidence: in cjm it means research."""
    assert "evidence" not in blueprint_view(bank).source.lower()


def test_a_blueprint_without_the_new_parts_keeps_its_lanes(tmp_path: Path) -> None:
    source = blueprint_view(context_of(STAGE_PAIN_MAP, tmp_path)).source
    lanes = set(re.findall(r'WIDTH="140"><B>([^<]+)</B>', source))
    assert not lanes & {"Artifacts", "Time", "Policies", "Path"}
    assert "Fail point" not in source and "fail point" not in source


# -- emotions view ---------------------------------------------------------------------


def _segments(context: RenderContext) -> set[tuple[str, str, str, bool]]:
    columns = [c for i, s in enumerate(context.journey.stages) for c in stage_columns(i, s)]
    points = place_points(context, columns)
    found = set()
    for segment in curve_segments(context, columns, points):
        start, end = columns[segment.start].step, columns[segment.end].step
        assert start is not None and end is not None
        persona = context.marks[segment.persona_index].persona_id
        found.add((persona, start.id, end.id, segment.main))
    return found


def test_each_curve_follows_its_main_route_and_branches_are_alternatives(
    bank: RenderContext,
) -> None:
    segments = _segments(bank)
    bruno = {(a, b, main) for who, a, b, main in segments if who == "branch-bruno"}
    olga = {(a, b, main) for who, a, b, main in segments if who == "online-olga"}
    assert {("start", "details", True), ("details", "sign", True)} <= bruno
    assert {
        ("start", "visit-branch", False),
        ("visit-branch", "advisor-fills", False),
        ("advisor-fills", "sign", False),
    } <= bruno
    assert {("start", "prefill", False), ("prefill", "details", False)} <= olga
    # Two alternatives are never joined as if one came after the other.
    steps = {(a, b) for _, a, b, _ in segments}
    assert ("advisor-fills", "prefill") not in steps
    assert ("visit-branch", "prefill") not in steps
    # Nobody's line runs through a branch they do not take.
    assert not {(a, b) for a, b, _ in olga} & {("start", "visit-branch"), ("advisor-fills", "sign")}
    # An optional step is drawn as taken: no line jumps over it.
    assert ("start", "sign") not in steps and ("prefill", "sign") not in steps


def test_emotions_view_draws_branch_stretches_dotted_and_names_the_condition(
    bank: RenderContext,
) -> None:
    source = emotions_view(bank).source
    edge = re.search(r"[^\n]*line-branch-bruno-start-to-visit-branch\"[^\n]*", source)
    assert edge is not None and "style=dotted" in edge.group(0)
    main = re.search(r"[^\n]*line-branch-bruno-start\"[^\n]*", source)
    assert main is not None and "dotted" not in main.group(0)
    assert "\u2197 Prefers to apply in a" in source
    assert "(optional)" in source
    assert "A dotted line: a branch, an alternative route" in text_of(source)


def test_a_branch_does_not_read_as_a_gap_in_the_main_curve(bank: RenderContext) -> None:
    columns = [c for i, s in enumerate(bank.journey.stages) for c in stage_columns(i, s)]
    assert not main_route_gaps(bank, columns, place_points(bank, columns))
    assert "A gap in a line" not in emotions_view(bank).source


# -- drawing ---------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["journey", "blueprint", "emotions"])
def test_the_map_is_drawn_as_png_and_svg(bank: RenderContext, view: str) -> None:
    drawer = Drawer(find_renderer("bundled"))
    diagram = VIEWS[view](bank)
    assert drawer.draw(diagram, "png").data.startswith(b"\x89PNG")
    svg = drawer.draw(diagram, "svg").data.decode("utf-8")
    assert "Open a current account" in svg


STAGE_PAIN_MAP = """\
format: "1.0"
id: waits
title: Waits
type: service-blueprint
owner: ops
reviewed: 2026-11-01
personas:
  - id: pat
    name: Pat
teams:
  - id: ops
    name: Operations
stages:
  - id: wait
    name: Wait
    pain_points:
      - id: no-news
        summary: Hears nothing for days
        severity: high
        owner: ops
    steps:
      - id: apply
        action: Applies
        emotion: 0
        frontstage: [Form]
      - id: waits
        action: Waits
        emotion: -1
opportunities:
  - id: say-how-long
    summary: Say how long it takes
    addresses: [no-news]
"""


ENDS_MAP = """\
format: "1.0"
id: ends
title: Ends
type: current-state
owner: ops
reviewed: 2026-11-01
personas:
  - id: pat
    name: Pat
teams:
  - id: ops
    name: Operations
stages:
  - id: one
    name: One
    steps:
      - id: a
        action: Step A
        emotion: 0
      - id: b
        action: Step B
        emotion: 1
    branches:
      - id: first
        condition: Comes from an ad
        steps:
          - id: ad
            action: Clicks the ad
            emotion: 1
      - id: leaves
        condition: Gives up
        after: b
        steps:
          - id: quit
            action: Closes the tab
            emotion: -1
  - id: two
    name: Two
    steps:
      - id: c
        action: Step C
        emotion: 2
"""


def test_a_branch_may_start_a_stage_or_go_on_to_the_next(tmp_path: Path) -> None:
    context = context_of(ENDS_MAP, tmp_path)
    columns = stage_columns(0, context.journey.stages[0])
    assert [c.step.id for c in columns if c.step] == ["ad", "a", "b", "quit"]
    words = text_of(journey_view(context).source)
    assert "alternative path: starts the stage, back at \u201cStep A\u201d" in words
    assert "alternative path: leaves after \u201cStep B\u201d, goes on to the next stage" in words
    assert {(a, b, main) for _, a, b, main in _segments(context)} == {
        ("a", "b", True),
        ("b", "c", True),
        ("ad", "a", False),
        ("b", "quit", False),
        ("quit", "c", False),
    }


LONG_MAP = """\
format: "1.0"
id: long
title: Long
type: current-state
owner: ops
reviewed: 2026-11-01
personas:
  - id: pat
    name: Pat
teams:
  - id: ops
    name: Operations
stages:
  - id: one
    name: One
    steps:
      - id: s1
        action: Main step 1
        emotion: -1
      - id: s2
        action: Main step 2
        emotion: 0
      - id: s3
        action: Main step 3
        emotion: 1
      - id: s4
        action: Main step 4
        emotion: 2
      - id: s5
        action: Main step 5
        emotion: -2
    branches:
      - id: alt
        condition: Takes the long way round
        after: s4
        rejoin: s5
        steps:
          - id: b1
            action: Branch step 1
            emotion: 1
          - id: b2
            action: Branch step 2
            emotion: 2
          - id: b3
            action: Branch step 3
            emotion: -2
"""


def test_a_line_into_the_next_row_past_a_branch_stops_half_a_step_before_its_mark(
    tmp_path: Path,
) -> None:
    """Main step 4 ends the first row; main step 5 comes after the branch's three steps in
    the second. The main line's stub into step 5 is half a step long, not a dashed line
    across the branch's marks."""
    source = emotions_view(context_of(LONG_MAP, tmp_path)).source
    stub = re.search(r'\[id="cjm-long-emotions-line-pat-s5-from-edge" pos="([-\d.]+),', source)
    assert stub is not None
    assert float(stub.group(1)) == pytest.approx((3 - 0.5) * STEP_WIDTH * 72)
    assert "line-pat-s4-continues" in source


def test_a_branch_without_steps_is_shown_where_it_leaves(tmp_path: Path) -> None:
    """A branch may hold no step: its customers skip main-line steps."""
    text = ENDS_MAP.replace(
        "      - id: b\n",
        "      - id: a2\n        action: Step A2\n        emotion: -1\n      - id: b\n",
    ).replace(
        "      - id: leaves\n",
        "      - id: returning\n"
        "        condition: Returning customer\n"
        "        after: a\n"
        "        rejoin: b\n"
        "        steps: []\n"
        "      - id: leaves\n",
    )
    context = context_of(text, tmp_path)
    words = text_of(journey_view(context).source)
    assert (
        "\u2197 Returning customer no steps of its own: skips ahead, back at \u201cStep B\u201d"
    ) in words
    # Its customers' line goes from the step it leaves to the step it comes back to.
    segments = {(a, b, main) for _, a, b, main in _segments(context)}
    assert {("a", "a2", True), ("a2", "b", True), ("a", "b", False)} <= segments
