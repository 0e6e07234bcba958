"""The compare view: a future-state map against the current-state map it names, drawn
before above after, in bands of whole stages."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm.load.project import load_workspace
from cjm.render.compare_view import NoCurrentState, compare_view
from cjm.render.context import RenderContext
from cjm.render.formats import Drawer
from cjm.render.graphviz_run import find_renderer

from .conftest import REPO

PAIR = REPO / "tests" / "compare" / "fixtures" / "pair"


def contexts(folder: Path) -> dict[str, RenderContext]:
    project = load_workspace(folder, folder)
    maps = {d.model.id: d.model for d in project.maps if d.model is not None}
    return {
        d.model.id: RenderContext(d.model, project.scopes[d.display], maps)
        for d in project.maps
        if d.model is not None
    }


def test_before_above_after_with_changes_emotions_and_pain_points() -> None:
    source = compare_view(contexts(PAIR)["tomorrow"]).source
    for lane in ("Today", "Today: emotion", "Today: pain points", "Future", "Future: emotion"):
        assert f"<B>{lane}</B>" in source
    assert ">added<" in source and ">removed<" in source and ">changed<" in source
    assert "touchpoints: added app" in source
    # A removed step is struck through; a resolved pain point is struck and says by what.
    assert "<S>Creates an account</S>" in source
    assert "<S>[high] Delivery cost hidden until</S>" in source
    assert "\u2713 resolved by Show the delivery<BR" in source
    assert "resolved: gone from the future<BR" in source  # phone-wait: nothing named
    assert "new in the future state" in source  # wallet-limit
    assert "still mitigated" in source  # card-declined
    assert "\u25b22" in source  # New Nora at `compare`: -1 -> +1
    assert "not in today&#x27;s map" in source  # Future Fay
    assert "today: Ordering today (today)" in source


def test_a_persona_only_in_the_future_has_no_score_today() -> None:
    source = compare_view(contexts(PAIR)["tomorrow"]).source
    today_rows = source.split("<B>Today: emotion</B>")[1].split("<B>Today: pain points</B>")[0]
    future_rows = source.split("<B>Future: emotion</B>")[1].split("<B>Future: pain points</B>")[0]
    assert ">F<" not in today_rows  # Future Fay, initials F
    assert ">R<" in today_rows  # Returning Rick
    assert ">F<" in future_rows and ">R<" not in future_rows


def test_a_map_without_a_current_state_has_no_compare_view() -> None:
    found = contexts(PAIR)
    with pytest.raises(NoCurrentState, match="names no current state"):
        compare_view(found["today"])
    alone = RenderContext(found["tomorrow"].journey, found["tomorrow"].scope, {})
    with pytest.raises(NoCurrentState, match=r"'today' .* is not in the workspace"):
        compare_view(alone)


def _big_pair(tmp_path: Path, steps: int) -> Path:
    """A copy of the fixture pair whose maps have ``steps`` steps in ten stages each; the
    future drops every fifth step and adds one per stage."""
    folder = tmp_path / "big"
    (folder / "maps").mkdir(parents=True)
    (folder / "shared").mkdir()
    (folder / "cjm.yaml").write_text((PAIR / "cjm.yaml").read_text(), encoding="utf-8")
    (folder / "shared" / "people.yaml").write_text(
        (PAIR / "shared" / "people.yaml").read_text(), encoding="utf-8"
    )

    def body(future: bool) -> str:
        lines = ["stages:"]
        per_stage = steps // 10
        for s in range(10):
            lines += [f"  - id: stage-{s}", f"    name: Stage {s}", "    steps:"]
            for t in range(per_stage):
                number = s * per_stage + t
                if future and number % 5 == 0:
                    continue
                score = (number % 5) - 2 if not future else min(2, (number % 5) - 1)
                lines += [
                    f"      - id: step-{number}",
                    f"        action: Does thing {number}",
                    "        touchpoints: [site]",
                    f"        emotion: {score}",
                ]
            if future:
                lines += [
                    f"      - id: new-{s}",
                    f"        action: Does a new thing in stage {s}",
                    "        touchpoints: [app]",
                    "        emotion: 1",
                ]
        return "\n".join(lines) + "\n"

    head = 'format: "1.0"\nowner: web\nreviewed: 2026-10-01\npersonas: [nora]\n'
    (folder / "maps" / "today.yaml").write_text(
        f"id: today\ntitle: Today\ntype: current-state\n{head}{body(False)}", encoding="utf-8"
    )
    (folder / "maps" / "tomorrow.yaml").write_text(
        f"id: tomorrow\ntitle: Tomorrow\ntype: future-state\ncurrent_state: today\n{head}"
        + body(True),
        encoding="utf-8",
    )
    return folder


def test_more_than_a_hundred_steps_are_cut_into_bands_and_pages(tmp_path: Path) -> None:
    diagram = compare_view(contexts(_big_pair(tmp_path, 120))["tomorrow"])
    # 120 steps today, 96 kept and 10 added: 130 columns, each stage of 13 in 3 parts.
    assert len(diagram.pages) == 30
    assert "page 1 of 30 \u00b7 stage 1 of 10" in diagram.pages[0].source
    assert "Stage 9 (continued)" in diagram.source
    widths = []
    for page in diagram.pages:
        # A band never holds more than six step columns: count the cells of its Change row.
        row = page.source.split("<B>Change</B>")[1].split("</TR>")[0]
        widths.append(row.count('WIDTH="160"'))
    assert max(widths) == 6 and min(widths) >= 3
    assert sum(widths) == 130
    assert diagram.source.count("Does a new thing in stage") == 10


def test_the_compare_view_is_drawn_as_png_and_svg() -> None:
    drawer = Drawer(find_renderer("bundled"))
    diagram = compare_view(contexts(PAIR)["tomorrow"])
    assert drawer.draw(diagram, "png").data.startswith(b"\x89PNG")
    svg = drawer.draw(diagram, "svg").data.decode("utf-8")
    assert "Checks out as a guest" in svg
    assert 'text-decoration="line-through"' in svg


def test_user_text_is_escaped_in_the_diagram(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "pair"
    shutil.copytree(PAIR, folder)
    future = folder / "maps" / "tomorrow.yaml"
    text = future.read_text(encoding="utf-8")
    future.write_text(
        text.replace("action: Checks out as a guest", 'action: "<B>guest</B> & \\u202eevil"'),
        encoding="utf-8",
    )
    source = compare_view(contexts(folder)["tomorrow"]).source
    assert "<B>guest</B>" not in source
    assert "&lt;B&gt;guest&lt;/B&gt; &amp;" in source
    assert "\u202e" not in source
