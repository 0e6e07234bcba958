"""`cjm render --view compare`: drawn for a map with a pair, a note (and exit 1 when nothing
could be drawn) for a map without one, and left out quietly by `--view all`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from tests.samples import PLAIN_ENV

from .helpers import copy_pair


def render(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["render", *args], env=PLAIN_ENV)


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = copy_pair(tmp_path)
    monkeypatch.chdir(folder)
    return folder


def test_compare_is_drawn_for_the_future_state_map(pair: Path) -> None:
    result = render("maps/tomorrow.yaml", "--view", "compare", "-f", "svg,dot", "-o", "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (pair / "out").iterdir()) == [
        "tomorrow-compare.dot",
        "tomorrow-compare.svg",
    ]
    assert "Checks out as a guest" in (pair / "out" / "tomorrow-compare.svg").read_text()
    assert result.stdout == "Rendered 2 files into out.\n"


def test_a_map_without_a_pair_is_a_note_and_nothing_drawn_exits_1(pair: Path) -> None:
    result = render("maps/today.yaml", "--view", "compare", "-o", "out")
    assert result.exit_code == 1
    assert (
        "maps/today.yaml: no compare view: it has no current state to compare with; it is the "
        "current state of 'tomorrow', whose compare view shows both" in result.stderr
    )
    assert not (pair / "out").exists() or not any((pair / "out").iterdir())


def test_a_workspace_render_notes_the_unpaired_map_and_draws_the_other(pair: Path) -> None:
    result = render("--view", "compare", "-f", "dot", "-o", "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (pair / "out").iterdir()) == ["tomorrow-compare.dot"]
    assert "maps/today.yaml: no compare view" in result.stderr


def test_view_all_includes_compare_only_where_there_is_a_pair(pair: Path) -> None:
    result = render("--view", "all", "-f", "dot", "-o", "out")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (pair / "out").iterdir())
    assert "tomorrow-compare.dot" in names
    assert "today-compare.dot" not in names
    assert "today-journey.dot" in names
    assert "no compare view" not in result.stderr


def test_a_current_state_that_is_not_in_the_workspace(pair: Path) -> None:
    (pair / "maps" / "today.yaml").unlink()
    result = render("maps/tomorrow.yaml", "--view", "compare", "-f", "dot", "-o", "out", "--force")
    assert result.exit_code == 1
    assert (
        "no compare view: the current-state map 'today' it names is not in the workspace"
        in result.stderr
    )


def test_the_reports_link_each_other_when_both_are_rendered(pair: Path) -> None:
    result = render("-f", "html,markdown", "-o", "out")
    assert result.exit_code == 0, result.output
    future = (pair / "out" / "tomorrow-report.html").read_text()
    current = (pair / "out" / "today-report.html").read_text()
    assert 'href="today-report.html"' in future
    assert 'href="tomorrow-report.html"' in current
    assert '<section id="changes"' in future
    assert '<section id="changes"' not in current
    assert "[Ordering today](<today.md>)" in (pair / "out" / "tomorrow.md").read_text()
    assert "[Ordering next year](<tomorrow.md>)" in (pair / "out" / "today.md").read_text()


def test_a_report_rendered_alone_names_its_pair_without_a_link(pair: Path) -> None:
    result = render("maps/tomorrow.yaml", "-f", "html", "-o", "out")
    assert result.exit_code == 0, result.output
    future = (pair / "out" / "tomorrow-report.html").read_text()
    assert 'href="today-report.html"' not in future
    assert "(its report is not part of this render)" in future
    assert '<section id="changes"' in future
