"""`cjm render <workspace> --format html` writes the workspace site beside the reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from cjm.load.workspace import real_path
from cjm.render.pipeline import Plan, site_refusal
from tests.samples import PLAIN_ENV

from .conftest import FIXTURE
from .test_pages import EXPECTED

REPORTS = ["moving-home-report.html", "switching-2027-report.html", "switching-report.html"]


def render(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["render", *args], env=PLAIN_ENV)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "portfolio"
    shutil.copytree(FIXTURE, target)
    monkeypatch.chdir(target)
    return target


def test_a_workspace_render_writes_every_page(workspace: Path) -> None:
    result = render("--format", "html", "--out", "site")
    # The map with an error is left out: the render reports a problem.
    assert result.exit_code == 1
    assert "maps/broken.yaml was not rendered: it has 1 error" in result.stderr
    written = sorted(p.name for p in (workspace / "site").iterdir())
    assert written == sorted([*EXPECTED, *REPORTS])
    assert f"Rendered {len(written)} files into site." in result.stdout
    index = (workspace / "site" / "index.html").read_text(encoding="utf-8")
    assert "maps/broken.yaml" in index


def test_a_folder_render_writes_the_site_too(workspace: Path) -> None:
    (workspace / "maps" / "broken.yaml").unlink()
    result = render("maps", "--format", "html", "--out", "site")
    assert result.exit_code == 0, result.output
    assert (workspace / "site" / "pain-points.html").is_file()


def test_a_render_of_map_files_writes_no_site(workspace: Path) -> None:
    result = render("maps/switching.yaml", "maps/moving-home.yaml", "-f", "html", "-o", "site")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (workspace / "site").iterdir()) == [
        "moving-home-report.html",
        "switching-report.html",
    ]


def test_without_the_html_format_there_is_no_site(workspace: Path) -> None:
    result = render("--format", "markdown", "--out", "site")
    assert result.exit_code == 1  # the broken map
    assert not (workspace / "site" / "index.html").exists()


def test_a_site_page_is_never_written_over_an_input_or_another_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    plan = Plan(index=out / "index.html")
    plan.inputs.add(real_path(out / "kpis.html"))
    plan.claimed[real_path(out / "team-a-report.html")] = "maps/team-a.yaml"
    plan.claimed[real_path(out / "index.html")] = "the index page"
    assert site_refusal(plan, out / "kpis.html") == (
        f"{out / 'kpis.html'} is an input file; choose another --out"
    )
    assert site_refusal(plan, out / "team-a-report.html") == (
        f"maps/team-a.yaml already writes {out / 'team-a-report.html'}"
    )
    assert site_refusal(plan, out / "index.html") is None
    assert site_refusal(plan, out / "teams.html") is None


def test_forced_a_map_with_errors_joins_the_site_flagged(workspace: Path) -> None:
    result = render("--format", "html", "--out", "site", "--force")
    assert result.exit_code == 0, result.output
    index = (workspace / "site" / "index.html").read_text(encoding="utf-8")
    assert "broken-report.html" in index
    assert "Drawn with --force despite errors" in index
