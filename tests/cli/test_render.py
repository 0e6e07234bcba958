"""`cjm render`: files, names, safety, errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from tests.big_maps import big_map
from tests.samples import PLAIN_ENV, STANDALONE_MAP

REPO = Path(__file__).resolve().parent.parent.parent


def render(*args: str, env: dict[str, str | None] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["render", *args], env={**PLAIN_ENV, **(env or {})})


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the e-commerce example (two maps) as the working folder."""
    target = tmp_path / "ecommerce"
    shutil.copytree(REPO / "examples" / "ecommerce-checkout", target)
    monkeypatch.chdir(target)
    return target


def test_renders_every_map_of_the_workspace_named_by_map_id(example: Path) -> None:
    result = render("--format", "svg,dot", "--out", "diagrams")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (example / "diagrams").iterdir()) == [
        "checkout-future-state-journey.dot",
        "checkout-future-state-journey.svg",
        "furniture-purchase-journey.dot",
        "furniture-purchase-journey.svg",
    ]
    assert result.stdout == "Rendered 4 files into diagrams.\n"
    svg = (example / "diagrams" / "furniture-purchase-journey.svg").read_text()
    assert svg.startswith("<?xml") and "</svg>" in svg


def test_every_view_in_every_format(example: Path) -> None:
    result = render("maps/furniture-purchase.yaml", "--view", "all", "-f", "all", "-o", "out")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (example / "out").iterdir())
    expected = sorted(
        f"furniture-purchase-{view}.{ext}"
        for view in ("journey", "blueprint", "emotions")
        for ext in ("svg", "png", "pdf", "dot")
    )
    per_map = ["furniture-purchase.mmd", "furniture-purchase-report.html", "furniture-purchase.md"]
    assert names == sorted([*expected, *per_map])


SITE_PAGES = [
    "channels.html",
    "index.html",
    "kpis.html",
    "opportunities.html",
    "pain-points.html",
    "personas.html",
    "search.html",
    "teams.html",
]


def site_and_rest(folder: Path) -> tuple[list[str], list[str]]:
    """The workspace site's pages in ``folder`` (the fixed ones, and those of teams,
    personas and current/future pairs), and the other files."""
    names = sorted(p.name for p in folder.iterdir())
    site = [n for n in names if n in SITE_PAGES or re.match(r"(team|persona|compare)-.*\.html$", n)]
    return site, [n for n in names if n not in site]


def test_a_workspace_render_writes_reports_and_the_site(example: Path) -> None:
    result = render("-f", "html,markdown", "-o", "reports")
    assert result.exit_code == 0, result.output
    site, rest = site_and_rest(example / "reports")
    assert rest == [
        "checkout-future-state-report.html",
        "checkout-future-state.md",
        "furniture-purchase-report.html",
        "furniture-purchase.md",
    ]
    assert set(SITE_PAGES) <= set(site)
    assert "compare-checkout-future-state.html" in site
    index = (example / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'href="furniture-purchase-report.html"' in index
    assert 'href="checkout-future-state-report.html"' in index
    assert 'href="pain-points.html"' in index and 'action="search.html"' in index
    page = (example / "reports" / "furniture-purchase-report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
    markdown = (example / "reports" / "furniture-purchase.md").read_text(encoding="utf-8")
    assert markdown.startswith("# ") and "```mermaid" in markdown


def test_a_report_lists_the_maps_lint_findings(example: Path) -> None:
    # A review more than a year old is a stale-map finding the report must show.
    path = example / "maps" / "furniture-purchase.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reviewed: 2026-10-30", "reviewed: 2020-01-01"), "utf-8")
    result = render("maps/furniture-purchase.yaml", "-f", "html", "-o", "reports")
    assert result.exit_code == 0, result.output
    page = (example / "reports" / "furniture-purchase-report.html").read_text(encoding="utf-8")
    assert "CJM115" in page and "2020-01-01" in page
    assert not (example / "reports" / "index.html").exists()  # one file: no index


def test_reports_need_no_graphviz(example: Path) -> None:
    result = render("-f", "html", "-o", "reports", env={"CJM_DOT": "no-such-dot"})
    assert result.exit_code == 0, result.output
    result = render(
        "-f", "html", "--graphviz", "system", "-o", "reports", env={"CJM_DOT": "no-such-dot"}
    )
    assert result.exit_code == 0, result.output


def test_one_map_file_renders_alone(example: Path) -> None:
    result = render("maps/furniture-purchase.yaml", "-f", "png", "-o", "out")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (example / "out").iterdir()] == ["furniture-purchase-journey.png"]
    assert (example / "out" / "furniture-purchase-journey.png").read_bytes()[
        :8
    ] == b"\x89PNG\r\n\x1a\n"


def test_pdf_is_a_pdf(example: Path) -> None:
    result = render("maps/furniture-purchase.yaml", "-f", "pdf", "-o", "out")
    assert result.exit_code == 0, result.output
    assert (example / "out" / "furniture-purchase-journey.pdf").read_bytes().startswith(b"%PDF-")


def test_rendering_twice_writes_the_same_bytes(example: Path) -> None:
    assert render("-f", "all", "-o", "one").exit_code == 0
    assert render("-f", "all", "-o", "two").exit_code == 0
    for first in sorted((example / "one").iterdir()):
        assert first.read_bytes() == (example / "two" / first.name).read_bytes(), first.name


def test_an_input_file_is_never_overwritten(example: Path) -> None:
    # A map saved under the very name its diagram would get, rendered into its own folder.
    original = example / "maps" / "furniture-purchase.yaml"
    trap = example / "maps" / "furniture-purchase-journey.dot"
    original.rename(trap)
    before = trap.read_bytes()
    result = render(str(trap), "-f", "dot,svg", "-o", "maps")
    assert result.exit_code == 1
    assert "furniture-purchase-journey.dot is an input file; choose another --out" in result.stderr
    assert trap.read_bytes() == before
    assert (example / "maps" / "furniture-purchase-journey.svg").is_file()


def test_two_maps_with_one_id_never_write_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.yaml").write_text(STANDALONE_MAP)
    (tmp_path / "b.yaml").write_text(STANDALONE_MAP)
    monkeypatch.chdir(tmp_path)
    # Two maps with one id is an error; forced, they are drawn, and still never clash.
    result = render("a.yaml", "b.yaml", "-f", "dot", "-o", "out", "--force")
    assert result.exit_code == 1
    assert "b.yaml and a.yaml would both write out/solo-journey.dot" in " ".join(
        result.stderr.split()
    )
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["solo-journey.dot"]


def test_a_broken_map_is_reported_and_the_others_render(example: Path) -> None:
    broken = example / "maps" / "broken.yaml"
    broken.write_text("id: broken\ntitle: [\n")
    result = render("-f", "dot", "-o", "out")
    assert result.exit_code == 1
    assert (
        "maps/broken.yaml:3:1: error CJM001" in result.stderr
        or "maps/broken.yaml:2:" in result.stderr
    )
    assert len(list((example / "out").iterdir())) == 2


def test_unknown_view_or_format_is_a_usage_error(example: Path) -> None:
    result = render("--view", "swimlanes")
    assert result.exit_code == 2
    assert (
        "unknown view 'swimlanes': choose from journey, blueprint, emotions, compare or all"
        in result.output
    )
    result = render("--format", "gif")
    assert result.exit_code == 2
    assert "unknown format 'gif'" in result.output


def test_system_graphviz_that_is_missing_says_what_to_install(example: Path) -> None:
    result = render("--graphviz", "system", env={"CJM_DOT": "no-such-dot-command"})
    assert result.exit_code == 2
    assert "no Graphviz command 'no-such-dot-command' found: install Graphviz" in result.stderr


def test_environment_variable_chooses_the_renderer(example: Path) -> None:
    result = render(env={"CJM_GRAPHVIZ": "system", "CJM_DOT": "no-such-dot-command"})
    assert result.exit_code == 2
    assert "no-such-dot-command" in result.stderr


def test_an_output_folder_that_cannot_be_made_is_a_usage_error(example: Path) -> None:
    (example / "blocked").write_text("a file, not a folder")
    result = render("-f", "dot", "-o", "blocked/out")
    assert result.exit_code == 2
    assert "cannot write into blocked/out" in result.stderr


# -- maps with errors are not drawn unless forced ---------------------------------------------


def misspell_a_touchpoint(example: Path) -> Path:
    path = example / "maps" / "furniture-purchase.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("touchpoints: [basket]", "touchpoints: [baskit]"), "utf-8")
    return path


def test_a_map_with_errors_is_reported_and_not_drawn(example: Path) -> None:
    misspell_a_touchpoint(example)
    result = render("-f", "svg,html", "-o", "out")
    assert result.exit_code == 1
    stderr = result.stderr
    line = next(
        number
        for number, text in enumerate(
            (example / "maps" / "furniture-purchase.yaml").read_text().splitlines(), start=1
        )
        if "[baskit]" in text
    )
    assert f"maps/furniture-purchase.yaml:{line}:23: error CJM103 unknown touchpoint 'baskit'" in (
        stderr
    )
    assert "did you mean 'basket'?" in stderr
    assert "Found 1 error in 1 file" in stderr
    assert "note: maps/furniture-purchase.yaml was not rendered: it has 1 error" in stderr
    assert "1 map with errors skipped: fix the errors above, or draw them anyway with --force" in (
        " ".join(stderr.split())
    )
    # The other map of the workspace is drawn; the broken one gets no diagram and no report,
    # and the site says it is left out.
    site, rest = site_and_rest(example / "out")
    assert rest == ["checkout-future-state-journey.svg", "checkout-future-state-report.html"]
    assert set(SITE_PAGES) <= set(site)
    index = (example / "out" / "index.html").read_text(encoding="utf-8")
    assert "maps/furniture-purchase.yaml</code>: it has 1 error" in index


def test_the_site_is_written_when_no_map_gets_a_report(example: Path) -> None:
    """Every map has errors: no report is drawn, and the site still says why."""
    misspell_a_touchpoint(example)
    (example / "maps" / "checkout-future-state.yaml").unlink()
    result = render("-f", "html", "-o", "out")
    assert result.exit_code == 1
    site, rest = site_and_rest(example / "out")
    assert rest == []
    assert set(SITE_PAGES) <= set(site)
    index = (example / "out" / "index.html").read_text(encoding="utf-8")
    assert "maps/furniture-purchase.yaml</code>: it has 1 error" in index


def test_forced_a_map_with_errors_is_drawn(example: Path) -> None:
    misspell_a_touchpoint(example)
    result = render("maps/furniture-purchase.yaml", "-f", "svg", "-o", "out", "--force")
    assert result.exit_code == 0, result.output
    assert "error CJM103 unknown touchpoint 'baskit'" in result.stderr
    assert "baskit" in (example / "out" / "furniture-purchase-journey.svg").read_text("utf-8")


def test_warnings_do_not_stop_rendering(example: Path) -> None:
    path = example / "maps" / "furniture-purchase.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reviewed: 2026-10-30", "reviewed: 2020-01-01"), "utf-8")
    result = render("maps/furniture-purchase.yaml", "-f", "svg", "-o", "out")
    assert result.exit_code == 0, result.output
    assert "CJM115" not in result.stderr  # warnings are left to the reports
    assert (example / "out" / "furniture-purchase-journey.svg").is_file()


def test_a_map_that_does_not_load_is_named(example: Path) -> None:
    (example / "maps" / "broken.yaml").write_text("id: broken\ntitle: [\n")
    result = render("-f", "dot", "-o", "out")
    assert result.exit_code == 1
    assert "note: maps/broken.yaml was not rendered: it could not be loaded" in result.stderr


# -- paper, resolution, limits -----------------------------------------------------------------


def test_paper_and_resolution_options(example: Path) -> None:
    import io
    import struct

    from pypdf import PdfReader

    result = render(
        "maps/furniture-purchase.yaml", "-f", "pdf,png", "-o", "out", "--paper", "letter",
        "--portrait", "--dpi", "72",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    pdf = PdfReader(io.BytesIO((example / "out" / "furniture-purchase-journey.pdf").read_bytes()))
    # One page per band of the journey, every one on Letter paper, upright.
    sizes = {(float(p.mediabox.width), float(p.mediabox.height)) for p in pdf.pages}
    assert len(pdf.pages) > 1
    assert sizes == {(612, 792)}
    svg = render("maps/furniture-purchase.yaml", "-f", "svg", "-o", "svg")
    assert svg.exit_code == 0
    header = (example / "svg" / "furniture-purchase-journey.svg").read_text()[:600]
    points = re.search(r'width="(\d+)pt" height="(\d+)pt"', header)
    assert points is not None
    png = (example / "out" / "furniture-purchase-journey.png").read_bytes()
    assert struct.unpack(">II", png[16:24]) == (int(points.group(1)), int(points.group(2)))


def test_unknown_paper_or_resolution_is_a_usage_error(example: Path) -> None:
    assert render("--paper", "b5").exit_code == 2
    assert render("--dpi", "5").exit_code == 2


def test_an_image_too_large_is_refused_and_the_rest_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real map with long texts, asked for at the highest resolution: its PNG would take
    gigabytes."""
    (tmp_path / "long.yaml").write_text(big_map(steps=5, length=1000))
    monkeypatch.chdir(tmp_path)
    result = render(
        "long.yaml", "-f", "svg,png,pdf", "--view", "journey", "-o", "out", "--dpi", "1200"
    )
    assert result.exit_code == 1
    stderr = " ".join(result.stderr.split())
    assert re.search(
        r"error: long\.yaml: the journey view as PNG \(out/big-journey\.png\) was not drawn: "
        r"the image would be [\d,]+ by [\d,]+ pixels \([\d,]+ MB\) at 1200 dpi, over the 256 MB "
        r"limit for one image: render it as PDF pages \(--format pdf\), or as PNG at --dpi \d+ "
        r"or less",
        stderr,
    ), stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "big-journey.pdf",
        "big-journey.svg",
    ]


def test_the_mermaid_export_says_what_it_does_with_branches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mermaid has no branches: nothing is dropped, and the output says where they went."""
    shutil.copytree(REPO / "tests" / "render" / "format1", tmp_path / "bank")
    monkeypatch.chdir(tmp_path / "bank")
    result = render("-f", "mermaid", "-o", "out")
    assert result.exit_code == 0, result.output
    stderr = " ".join(result.stderr.split())
    assert (
        "note: out/open-account.mmd: Mermaid journeys have no branches: the 2 branches of "
        "stage 'Apply' are written as sections after it ('Apply \u2197 Prefers to apply in a "
        "branch', 'Apply \u2197 Already a customer of the bank'), marked with a comment that "
        "cjm import mermaid reads back"
    ) in stderr, stderr
    assert "the optional step is drawn like the others" in stderr
    text = (tmp_path / "bank" / "out" / "open-account.mmd").read_text(encoding="utf-8")
    assert "Visits a branch with documents: 4: Branch Bruno" in text


def test_the_mermaid_export_of_a_map_without_branches_adds_no_note(example: Path) -> None:
    result = render("maps/checkout-future-state.yaml", "-f", "mermaid", "-o", "out")
    assert result.exit_code == 0, result.output
    assert "branches" not in result.stderr
