"""The blueprint view: lanes and lines in order, owners, handoffs, pain marks, escaping,
determinism, and every example in every Graphviz format."""

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
from cjm.load.project import load_standalone
from cjm.render.blueprint_view import blueprint_view
from cjm.render.cell import text_room
from cjm.render.context import RenderContext
from cjm.render.graphviz_run import find_renderer
from cjm.render.grid import COLUMN_WIDTH
from cjm.render.text import measure
from tests.samples import STANDALONE_MAP

from .conftest import FORMAT_ONE, context_of, example_contexts, workspace_contexts

EXAMPLES = example_contexts() + workspace_contexts(FORMAT_ONE)  # and every part of 1.0

BLUEPRINT = """\
id: clinic
title: Small clinic visit
type: service-blueprint
owner: care
reviewed: 2026-10-01
teams:
  - {id: care, name: Care Team}
  - {id: desk, name: Front Desk}
  - {id: it, name: Clinic IT}
touchpoints:
  - {id: kiosk, name: Check-in kiosk, channel: in-store, owner: desk}
personas:
  - id: pat
    name: Patient Pat
stages:
  - id: arrive
    name: Arrive
    steps:
      - id: checks-in
        action: Checks in at the kiosk
        touchpoints: [kiosk]
        emotion: 1
        owner: desk
        frontstage:
          - {action: Kiosk prints a ticket, owner: desk}
        backstage:
          - {action: Desk verifies the insurance, owner: desk}
        support:
          - {action: Eligibility service, owner: it}
        pain_points:
          - id: slow-kiosk
            summary: The kiosk rejects new insurance cards
            severity: high
            owner: desk
      - id: waits
        action: Waits to be called
        emotion: -1
        owner: care
        handoff: Desk marks the patient as arrived
        frontstage: [Screen shows the ticket number]
  - id: later
    name: Nothing mapped yet
    steps: []
  - id: visit
    name: Visit
    steps:
      - id: sees-nurse
        action: Sees the nurse
        owner: desk
        frontstage: [Nurse takes the history]
"""


def _grid(source: str) -> str:
    """The table of the diagram (the legend, the graph's label, comes before it), with
    line breaks as spaces so that wrapped text can be looked for."""
    return _plain(source.split("grid [", 1)[1])


def _plain(source: str) -> str:
    """``source`` with line breaks as spaces (none before a closing tag)."""
    return re.sub(r" (</[BI]>)", r"\1", re.sub(r"<BR[^>]*/>", " ", source))


def test_lanes_and_lines_come_in_blueprint_order(tmp_path: Path) -> None:
    grid = _grid(blueprint_view(context_of(BLUEPRINT, tmp_path)).source)
    rows = [
        "<B>Small clinic visit</B>",
        "<B>Arrive</B>",
        "<B>Nothing mapped yet</B>",
        "<B>Visit</B>",
        "<B>Touchpoints</B>",
        "Check-in kiosk",
        "<B>Customer actions</B>",
        "Checks in at the kiosk",
        "LINE OF INTERACTION",
        "<B>Frontstage</B>",
        "Kiosk prints a ticket",
        "LINE OF VISIBILITY",
        "<B>Backstage</B>",
        "Desk verifies the insurance",
        "LINE OF INTERNAL INTERACTION",
        "<B>Support processes</B>",
        "Eligibility service",
    ]
    positions = [grid.index(row) for row in rows]
    assert positions == sorted(positions)


def test_activities_name_their_teams(tmp_path: Path) -> None:
    grid = _grid(blueprint_view(context_of(BLUEPRINT, tmp_path)).source)
    support = grid.split("LINE OF INTERNAL INTERACTION", 1)[1]
    assert "Eligibility service" in support
    assert "Clinic IT" in support  # the team's name, not its id
    touchpoints = grid.split("<B>Customer actions</B>", 1)[0]
    assert "Front Desk" in touchpoints  # who owns the kiosk
    # An activity without an owner is listed on its own.
    assert "Screen shows the ticket number" in grid


def test_handoffs_and_pain_points_sit_under_the_customer_action(tmp_path: Path) -> None:
    grid = _grid(blueprint_view(context_of(BLUEPRINT, tmp_path)).source)
    customer = grid.split("<B>Customer actions</B>", 1)[1].split("LINE OF INTERACTION", 1)[0]
    assert "\u25a0</FONT>" in customer
    assert "<B>HIGH</B>" in customer
    assert "The kiosk rejects new insurance cards" in customer
    # A described handoff says where responsibility comes from and how it passes.
    assert "\u2192 Handoff from Front Desk: Desk marks the patient as" in customer
    # Ownership changes silently from Care Team to Front Desk at the last step.
    assert "\u2192 Handoff from Care Team: not described" in customer
    # The first step has no step before it, so no handoff.
    first_cell = customer.split("Waits to be called", 1)[0]
    assert "Handoff" not in first_cell


def test_a_map_that_is_not_a_blueprint_renders_with_empty_lanes(tmp_path: Path) -> None:
    diagram = blueprint_view(context_of(STANDALONE_MAP, tmp_path))
    assert "records no frontstage, backstage or support activities" in _plain(diagram.source)
    assert "LINE OF VISIBILITY" in diagram.source
    svg = find_renderer().render(diagram, "svg").decode("utf-8")
    assert "Starts a trial" in svg


def test_the_note_is_left_out_on_a_blueprint(tmp_path: Path) -> None:
    diagram = blueprint_view(context_of(BLUEPRINT, tmp_path))
    assert "records no frontstage" not in diagram.source


def test_the_legend_explains_lines_handoffs_and_severities(tmp_path: Path) -> None:
    source = blueprint_view(context_of(BLUEPRINT, tmp_path)).source
    legend = source.split("grid [", 1)[0]
    for text in ("Lines", "LINE OF VISIBILITY", "Handoffs", "not described", "CRITICAL"):
        assert text in legend


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


def _yaml(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _hostile_blueprint(text: str) -> str:
    quoted = _yaml(text)
    return (
        BLUEPRINT.replace("title: Small clinic visit", f"title: {quoted}")
        .replace("name: Arrive", f"name: {quoted}")
        .replace("action: Checks in at the kiosk", f"action: {quoted}")
        .replace("action: Desk verifies the insurance", f"action: {quoted}")
        .replace("name: Clinic IT", f"name: {quoted}")
        .replace("handoff: Desk marks the patient as arrived", f"handoff: {quoted}")
        .replace("summary: The kiosk rejects new insurance cards", f"summary: {quoted}")
    )


def _visible(svg: str) -> str:
    return re.sub(r"<[^>]+>", "", svg)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_escaped_and_renders(text: str, tmp_path: Path) -> None:
    diagram = blueprint_view(context_of(_hostile_blueprint(text), tmp_path))
    assert "<script>" not in diagram.source
    assert "<b>bold" not in diagram.source
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202e]", diagram.source)
    svg = find_renderer().render(diagram, "svg").decode("utf-8")
    assert "<script" not in svg
    first_word = text.split()[0][:10]
    escaped = first_word.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in _visible(svg)


def test_blank_text_renders(tmp_path: Path) -> None:
    """Text that is empty once cleaned must not leave an empty ``<B></B>`` behind."""
    text = (
        BLUEPRINT.replace("title: Small clinic visit", 'title: "\\a "')
        .replace("name: Visit", 'name: " "')
        .replace("action: Checks in at the kiosk", 'action: "\\t"')
        .replace("action: Eligibility service", 'action: "\\x1b"')
        .replace("name: Clinic IT", 'name: " "')
        .replace("summary: The kiosk rejects new insurance cards", 'summary: "\\b"')
        .replace("handoff: Desk marks the patient as arrived", 'handoff: "\\x00"')
    )
    diagram = blueprint_view(context_of(text, tmp_path))
    assert not re.search(r"<(B|I|FONT)( [^>]*)?></\1>", diagram.source)
    find_renderer().render(diagram, "svg")


def test_wide_characters_are_wrapped_within_the_column(tmp_path: Path) -> None:
    text = BLUEPRINT.replace(
        "action: Eligibility service", "action: 日本語の資格確認サービスと保険証の確認と予約の管理"
    )
    source = blueprint_view(context_of(text, tmp_path)).source
    cell = re.search(r'<TD[^>]*WIDTH="(\d+)"[^>]*>(• 日本語.*?)</TD>', source)
    assert cell is not None
    # The cell says its width instead of growing with the text, and every line fits it
    # by the generous estimate of wide characters (Graphviz counts them far narrower).
    assert int(cell.group(1)) == COLUMN_WIDTH
    lines = [re.sub(r"<[^>]+>", "", line) for line in cell.group(2).split('<BR ALIGN="LEFT"/>')]
    lines = [line for line in lines if line]
    assert "".join(lines[:3]).startswith("• 日本語の資格確認サービスと保険証の確認と予約の管理")
    assert len(lines) >= 3
    assert all(measure(line) <= text_room(COLUMN_WIDTH) for line in lines)


def test_rendering_twice_gives_identical_bytes(tmp_path: Path) -> None:
    renderer = find_renderer()
    diagram = blueprint_view(context_of(BLUEPRINT, tmp_path))
    again = blueprint_view(context_of(BLUEPRINT, tmp_path))
    assert diagram == again
    for output_format in ("svg", "png", "pdf", "dot"):
        assert renderer.render(diagram, output_format) == renderer.render(diagram, output_format)


def test_svg_ids_are_namespaced_by_map_and_view(tmp_path: Path) -> None:
    svg = find_renderer().render(blueprint_view(context_of(BLUEPRINT, tmp_path)), "svg")
    ids = [html.unescape(i) for i in re.findall(r'\bid="([^"]+)"', svg.decode("utf-8"))]
    assert ids
    assert all(i.startswith("cjm-clinic-blueprint") for i in ids)


@pytest.mark.parametrize("output_format", ["svg", "png", "pdf"])
@pytest.mark.parametrize(("name", "context"), EXAMPLES, ids=[n for n, _ in EXAMPLES])
def test_every_example_renders(name: str, context: object, output_format: str) -> None:
    data = find_renderer().render(blueprint_view(context), output_format)  # type: ignore[arg-type]
    magic = {"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF"}[output_format]
    assert data.startswith(magic)


def test_the_example_blueprint_shows_every_activity() -> None:
    [(_, context)] = [(n, c) for n, c in EXAMPLES if n.startswith("clinic-visit-blueprint")]
    source = blueprint_view(context).source
    for _, _, step in context.journey.iter_steps():
        for activity in (*step.frontstage, *step.backstage, *step.support):
            first_words = " ".join(activity.action.split()[:2])
            assert first_words in source


def test_graphviz_has_nothing_to_warn_about() -> None:
    """No "table size too small" or other layout warnings for the examples."""
    command = find_renderer().command
    for _, context in EXAMPLES:
        diagram = blueprint_view(context)
        completed = subprocess.run(
            [command, f"-K{diagram.engine}", "-Tsvg"],
            input=diagram.source.encode("utf-8"),
            capture_output=True,
            check=True,
        )
        warnings = [
            line
            for line in completed.stderr.decode("utf-8").splitlines()
            if "non-ASCII character" not in line  # the bullet: sized by min_width instead
        ]
        assert warnings == [], context.journey.id


# -- handoffs along each persona's own path, and broken references ---------------------------

PATHS = """\
id: paths
title: Two paths
type: service-blueprint
owner: desk
reviewed: 2026-10-01
teams:
  - {id: desk, name: Front Desk}
  - {id: sales, name: Sales}
  - {id: care, name: Care Team}
touchpoints:
  - {id: kiosk, name: Kiosk, channel: in-store, owner: desk}
personas:
  - {id: pat, name: Patient Pat}
  - {id: carl, name: Carer Carl}
stages:
  - id: visit
    name: Visit
    steps:
      - id: books
        action: Books by phone
        touchpoints: [kiosk]
        owner: desk
      - id: pat-only
        action: Buys the premium plan
        personas: [pat]
        touchpoints: [kiosk]
        owner: sales
      - id: carl-only
        action: Collects the forms
        personas: [carl]
        touchpoints: [kiosk]
        owner: desk
      - id: sees-nurse
        action: Sees the nurse
        touchpoints: [kiosk]
        owner: care
        handoff: false
      - id: pays
        action: Pays at the desk
        touchpoints: [kiosk]
        owner: desk
"""


def _drawn(text: str, tmp_path: Path) -> RenderContext:
    """A render context for a map, loaded without linting it (what is drawn does not
    depend on the lint rules)."""
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    project = load_standalone([path], tmp_path)
    [document] = project.maps
    assert document.model is not None, project.load_diagnostics()
    return RenderContext(document.model, project.scopes[document.display])


def _customer_cells(source: str) -> list[str]:
    """The customer lane's cells, in step order, as plain text."""
    lane = _grid(source).split("<B>Customer actions</B>", 1)[1].split("LINE OF INTERACTION", 1)[0]
    cells = re.findall(r"<TD [^>]*WIDTH=\"160\"[^>]*>(.*?)</TD>", lane)
    return [re.sub(r"<[^>]+>", "", cell) for cell in cells]


def test_handoffs_follow_each_persona_path(tmp_path: Path) -> None:
    cells = _customer_cells(blueprint_view(_drawn(PATHS, tmp_path)).source)
    books, pat_only, carl_only, nurse, pays = cells
    assert "Handoff" not in books
    # Pat goes from the desk to sales; Carl never met sales, and his step after it is
    # still the desk's: no handoff for him there.
    assert "Handoff from Front Desk: not described" in pat_only
    assert "Handoff" not in carl_only
    # Into the nurse's step: Pat comes from sales, Carl from the desk, and the map says
    # no handoff is needed.
    assert "Handoff from Sales (for Patient Pat): no handoff needed" in nurse
    assert "Handoff from Front Desk (for Carer Carl): no handoff needed" in nurse
    assert "Handoff from Care Team: not described" in pays


def test_a_waived_handoff_with_no_change_of_owner_still_says_so(tmp_path: Path) -> None:
    text = PATHS.replace("owner: sales", "owner: desk").replace("owner: care", "owner: desk")
    cells = _customer_cells(blueprint_view(_drawn(text, tmp_path)).source)
    assert "No handoff needed" in cells[3]


def test_broken_references_in_the_blueprint(tmp_path: Path) -> None:
    text = (
        PATHS.replace("owner: desk}\npersonas", "owner: dsek}\npersonas")
        .replace("        handoff: false\n", "")
        .replace(
            "Pays at the desk\n        touchpoints: [kiosk]",
            "Pays at the desk\n        touchpoints: [kiosk, kisok]\n"
            "        backstage: [{action: Files the receipt, owner: acounts}]",
        )
    )
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_paths([path], tmp_path, lint=LintRequest(select=["unknown-reference"]))
    assert {d.code for d in result.diagnostics} == {UNKNOWN_REFERENCE}
    [project] = result.projects
    [document] = project.maps
    assert document.model is not None
    context = RenderContext(document.model, project.scopes[document.display])
    source = _plain(blueprint_view(context).source)
    for text in (
        "\u26a0 dsek (unknown team)",  # the kiosk's owner
        "\u2022 \u26a0 kisok (unknown touchpoint)",
        "\u26a0 acounts (unknown team)",
    ):
        assert re.search(r'<FONT COLOR="#c51b7d"[^>]*>(?:(?!</FONT>).)*?' + re.escape(text), source)
    assert "<B>Broken reference</B>" in source


def test_an_empty_stage_says_it_has_no_steps(tmp_path: Path) -> None:
    cells = _customer_cells(blueprint_view(context_of(BLUEPRINT, tmp_path)).source)
    assert cells[2] == "no steps"


def test_the_legend_explains_broken_references_only_when_one_is_drawn(tmp_path: Path) -> None:
    """An opportunity's unknown owner is not part of the blueprint: nothing is drawn as
    broken there, so the legend does not explain the sign."""
    text = PATHS.replace("        handoff: false\n", "") + (
        "opportunities:\n  - {id: faster, summary: Faster, owner: nobody}\n"
    )
    source = blueprint_view(_drawn(text, tmp_path)).source
    assert "\u26a0" not in source
    assert "Broken reference" not in source
    broken = text.replace("owner: care", "owner: cure")
    assert "<B>Broken reference</B>" in blueprint_view(_drawn(broken, tmp_path)).source
