"""The HTML report printed on A4 and Letter: Chromium's own PDF, read back with poppler.

Each page is rendered to a small greyscale image (``pdftoppm``) to see how much of it is
used, and its text is extracted (``pdftotext -layout``) to see what it ends with. A printout
has no nearly empty page, no page that ends with a section's heading, a table's header
row, a KPI table's stage row or a curve's caption (what belongs under it moved on without
it), and no printed part of the stage grid runs on over two pages: the grid is cut between
stages (or between the steps of a long stage), and never through a step.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cjm.report import html_report
from cjm.report.build import build_report
from cjm.report.grid import PRINT_COLUMNS, chunks, part_height, print_chunks
from tests.tools import require

from .chromium import Visit
from .conftest import SMALL_MAP, TODAY, context_of, example_reports
from .maps import long_journey

EXAMPLES = example_reports()
PAPERS = ("A4", "Letter")
NEARLY_EMPTY = 0.2  # a page whose last line of ink is above a fifth of its height
FOOTER = "Made with cjm"


def _poppler() -> None:
    found = shutil.which("pdftoppm") is not None and shutil.which("pdftotext") is not None
    require(found, "poppler-utils (pdftoppm, pdftotext)", "apt-get install poppler-utils")


class Printout:
    """A report printed to PDF by Chromium, page by page."""

    def __init__(self, browser: Any, html: Path, paper: str) -> None:
        self.pdf = html.with_suffix(f".{paper}.pdf")
        visit = Visit(browser, html, (1280, 900))
        try:
            visit.page.emulate_media(media="print")
            # What a reader would call a heading, as the printed page shows it.
            self.headings: list[str] = visit.page.evaluate(
                """() => [
                  ...[...document.querySelectorAll(
                    'main h2, .coverage-row h3, #evidence > h3, tr.group th, figcaption'
                  )].map(e => e.innerText),
                  ...[...document.querySelectorAll('thead tr')].map(
                    tr => [...tr.children].map(c => c.innerText).join(' ')),
                ]"""
            )
            self.parts = visit.page.locator(".print-grid").count()
            visit.page.pdf(path=str(self.pdf), format=paper, print_background=True)
            visit.assert_quiet()
        finally:
            visit.close()
        text = subprocess.run(
            ["pdftotext", "-layout", str(self.pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        self.pages = text.split("\f")[:-1]
        self.fill = _fill(self.pdf, html.parent / f"{paper}-page")

    def last_lines(self) -> list[str]:
        return [next((x for x in reversed(p.splitlines()) if x.strip()), "") for p in self.pages]


def _fill(pdf: Path, prefix: Path) -> list[float]:
    """How far down each page its ink goes, as a share of the page's height."""
    subprocess.run(["pdftoppm", "-gray", "-r", "24", str(pdf), str(prefix)], check=True)
    shares = []
    for image in sorted(prefix.parent.glob(f"{prefix.name}-*.pgm")):
        magic, width, height, _, pixels = image.read_bytes().split(maxsplit=4)
        assert magic == b"P5"
        w, h = int(width), int(height)
        inked = [r for r in range(h) if min(pixels[r * w : (r + 1) * w]) < 200]
        shares.append((max(inked) + 1) / h if inked else 0.0)
    return shares


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _check(printout: Printout) -> None:
    pages = len(printout.pages)
    assert pages == len(printout.fill) > 0
    # No nearly empty page. The last one ends where the content ends, but it holds more
    # than the page's footer.
    empty = [n + 1 for n, share in enumerate(printout.fill[:-1]) if share < NEARLY_EMPTY]
    assert empty == [], f"nearly empty pages {empty} of {pages}: {printout.fill}"
    last = [line for line in printout.pages[-1].splitlines() if line.strip()]
    assert len(last) > 1 or not last[0].strip().startswith(FOOTER)
    # No page ends with a heading, a table's header row or a caption.
    headings = {_norm(h) for h in printout.headings if h.strip()}
    alone = [
        (n + 1, line.strip())
        for n, line in enumerate(printout.last_lines())
        if _norm(line) in headings
    ]
    assert alone == []
    # Each printed part of the grid stands on one page: its header rows (the stages, the
    # customer's actions) are printed once, not repeated at the top of a second page.
    headers = sum(len(re.findall(r"^\s*CUSTOMER\b", p, re.MULTILINE)) for p in printout.pages)
    assert headers == printout.parts


@pytest.fixture(scope="module")
def poppler() -> None:
    _poppler()


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize(("name", "context", "findings"), EXAMPLES, ids=[n for n, *_ in EXAMPLES])
def test_examples_print_cleanly(
    browser: Any,
    poppler: None,
    tmp_path: Path,
    name: str,
    context: Any,
    findings: Any,
    paper: str,
) -> None:
    path = tmp_path / f"{name}.html"
    path.write_text(html_report(context, findings, TODAY, None), encoding="utf-8")
    printout = Printout(browser, path, paper)
    _check(printout)
    # The page count suits the content: pages are used, not left half blank.
    assert sum(printout.fill) / len(printout.fill) > 0.65, printout.fill


@pytest.mark.parametrize("paper", PAPERS)
def test_a_forty_step_map_prints_cleanly(
    browser: Any, poppler: None, tmp_path: Path, paper: str
) -> None:
    context, findings = context_of(long_journey(40), tmp_path)
    path = tmp_path / "long.html"
    path.write_text(html_report(context, findings, TODAY, None), encoding="utf-8")
    printout = Printout(browser, path, paper)
    _check(printout)
    # 40 steps in six stages: the grid takes one page per part, the rest a handful.
    assert printout.parts <= 8
    assert len(printout.pages) <= printout.parts + 10


def test_a_nine_step_map_prints_on_ten_a4_pages_at_most(
    browser: Any, poppler: None, tmp_path: Path
) -> None:
    [(name, context, findings)] = [e for e in EXAMPLES if "future-state" in e[0]]
    assert len(context.journey.iter_steps()) == 9
    path = tmp_path / f"{name}.html"
    path.write_text(html_report(context, findings, TODAY, None), encoding="utf-8")
    printout = Printout(browser, path, "A4")
    assert len(printout.pages) <= 10
    assert printout.parts <= 3


# -- cutting the grid for print (no browser) -------------------------------------------------


def test_printed_parts_keep_stages_whole_where_they_fit(tmp_path: Path) -> None:
    report = build_report(*context_of(SMALL_MAP, tmp_path), TODAY, None)
    # Discover (2 steps), Buy (2 steps), Retain (none): one page-wide part.
    [part] = print_chunks(report.columns, report.blueprint)
    assert len(part.columns) == 5 and [s.span for s in part.stages] == [2, 2, 1]
    assert [len(c.columns) for c in chunks(report.columns, 2)] == [2, 2, 1]

    report = build_report(*context_of(long_journey(40), tmp_path), TODAY, None)
    parts = print_chunks(report.columns, report.blueprint)
    assert [c for p in parts for c in p.columns] == report.columns
    # Seven stages of six steps or fewer, each a part of its own, none continued.
    assert len(parts) == len(report.stages) == 7
    assert all(p.columns[0].first_of_stage and not p.stages[0].continued for p in parts)


def test_a_long_stage_is_cut_between_its_steps(tmp_path: Path) -> None:
    report = build_report(*context_of(long_journey(15, stages=1), tmp_path), TODAY, None)
    parts = print_chunks(report.columns, report.blueprint)
    assert [c for p in parts for c in p.columns] == report.columns
    assert len(parts) >= 3 and all(len(p.columns) <= PRINT_COLUMNS for p in parts)
    assert [p.stages[0].continued for p in parts] == [False] + [True] * (len(parts) - 1)


def test_a_part_takes_fewer_columns_when_its_text_is_long(tmp_path: Path) -> None:
    short = build_report(*context_of(long_journey(12, stages=1), tmp_path), TODAY, None)
    wordy = long_journey(12, stages=1).replace(
        "Why did the price go up again?", "Why did the price go up again? " * 12
    )
    long = build_report(*context_of(wordy, tmp_path), TODAY, None)
    assert part_height(long.columns[:2], False) > part_height(short.columns[:2], False)
    short_parts = print_chunks(short.columns, short.blueprint)
    long_parts = print_chunks(long.columns, long.blueprint)
    assert len(long_parts) > len(short_parts)
