"""The site in real Chromium, opened from disk: every page fits a desktop and a phone
with hostile text, asks for nothing over the network, the search box finds a pain point
from the home page, and the register's filter narrows its rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cjm.site import site_pages
from tests.report.chromium import Visit
from tests.report.test_layout import MEASURE

from .conftest import FIXTURE, hostile_workspace, portfolio_of
from .test_pages import EXPECTED

WIDTHS = (1440, 390)


def write_site(folder: Path, workspace: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for page in site_pages(portfolio_of(workspace)):
        (folder / page.name).write_text(page.html, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    return write_site(folder / "site", hostile_workspace(folder))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("site"), FIXTURE)


@pytest.mark.parametrize("name", EXPECTED)
def test_every_page_fits_a_desktop_and_a_phone(browser: Any, hostile_site: Path, name: str) -> None:
    visit = Visit(browser, hostile_site / name, (WIDTHS[0], 900))
    try:
        found = {}
        for width in WIDTHS:
            visit.page.set_viewport_size({"width": width, "height": 900})
            found[width] = visit.page.evaluate(MEASURE)
        visit.assert_quiet()  # no request but the page itself, nothing logged
    finally:
        visit.close()
    assert found == {width: [] for width in WIDTHS}


def test_search_from_the_home_page_finds_a_pain_point(browser: Any, site: Path) -> None:
    visit = Visit(browser, site / "index.html", (1440, 900))
    try:
        page = visit.page
        page.fill("#site-q", "forty minutes")
        page.click(".site-search button")
        page.wait_for_load_state("load")
        page.wait_for_timeout(50)
        assert page.url == (site / "search.html").as_uri() + "?q=forty+minutes"
        assert page.inner_text("#search-status") == "1 match."
        result = page.locator("#search-results li").first
        assert "Hold times of forty minutes at the end of the month" in result.inner_text()
        href = result.locator("a").get_attribute("href")
        assert href == "switching-report.html#pain-hold-times"
        # Typing on the search page searches again.
        page.fill("#search-q", "quote")
        assert page.locator("#search-results li").count() == 4  # 2 steps, a pain, a KPI
        assert visit.errors == []
    finally:
        visit.close()


def test_the_register_filter_narrows_rows_and_sorts(browser: Any, site: Path) -> None:
    visit = Visit(browser, site / "pain-points.html", (1440, 900))
    try:
        page = visit.page
        rows = page.locator("#register tbody tr:not([hidden])")
        assert rows.count() == 4
        page.select_option("select[data-filter=owner]", "Customer Care")
        assert rows.count() == 3
        assert page.inner_text("#register-shown") == "3"
        page.select_option("select[data-filter=status]", "open")
        assert rows.count() == 2
        # A pain point that names no persona hurts every persona of its journey: the hold
        # times (switching, Sam's journey) stay; the lost readings (moving home, where
        # Sam is not) go.
        page.select_option("select[data-filter=persona]", "Saving Sam")
        assert rows.locator("td:nth-child(2)").all_inner_texts() == [
            "Hold times of forty minutes at the end of the month"
        ]
        page.click("#register-filter button[type=reset]")
        assert rows.count() == 4
        page.click("#register thead th:nth-child(2) button")
        first = page.locator("#register tbody tr td:nth-child(2)").first.inner_text()
        assert first == "Final readings are lost and the bill is estimated"
        # Severity sorts worst first, then best first; status open first.
        page.click("#register thead th:nth-child(1) button")
        assert column(page, 1) == ["critical", "high", "high", "medium"]
        page.click("#register thead th:nth-child(1) button")
        assert column(page, 1) == ["medium", "high", "high", "critical"]
        page.click("#register thead th:nth-child(3) button")
        assert column(page, 3) == ["open", "open", "open", "resolved"]
        assert visit.errors == []
    finally:
        visit.close()


def column(page: Any, number: int) -> list[str]:
    """The text of the register's column ``number`` (from 1), row by row as shown."""
    found: list[str] = page.locator(f"#register tbody tr td:nth-child({number})").evaluate_all(
        "cells => cells.map(c => c.textContent.trim())"
    )
    return found


def test_the_register_takes_its_filters_from_the_address(browser: Any, site: Path) -> None:
    query = "?owner=Customer%20Care&status=open&persona=Saving%20Sam"
    visit = Visit(browser, site / "pain-points.html", (1440, 900))
    try:
        page = visit.page
        page.goto(visit.url + query, wait_until="load")
        assert page.locator("select[data-filter=owner]").input_value() == "Customer Care"
        assert page.locator("select[data-filter=status]").input_value() == "open"
        assert page.locator("select[data-filter=persona]").input_value() == "Saving Sam"
        shown = page.locator("#register tbody tr:not([hidden]) td:nth-child(2)")
        assert shown.all_inner_texts() == ["Hold times of forty minutes at the end of the month"]
        assert page.inner_text("#register-shown") == "1"
        assert not page.locator("#register-note").is_visible()
        assert visit.errors == []
    finally:
        visit.close()
    # A value no pain point holds is said, not silently ignored.
    visit = Visit(browser, site / "pain-points.html", (1440, 900))
    try:
        page = visit.page
        page.goto(visit.url + "?journey=Nowhere", wait_until="load")
        assert page.locator("#register tbody tr:not([hidden])").count() == 4
        note = page.inner_text("#register-note")
        assert (
            note
            == "No pain point here has journey \u201cNowhere\u201d; that filter is not applied."
        )
    finally:
        visit.close()


def test_a_persona_page_links_to_the_register_filtered(browser: Any, site: Path) -> None:
    visit = Visit(browser, site / "persona-saver.html", (1440, 900))
    try:
        page = visit.page
        page.click("text=See them all in the register")
        page.wait_for_load_state("load")
        assert page.locator("select[data-filter=persona]").input_value() == "Saving Sam"
        shown = page.locator("#register tbody tr:not([hidden]) td:nth-child(2)")
        assert "The quote form asks for the meter serial number" in shown.all_inner_texts()
        assert "Final readings are lost and the bill is estimated" not in shown.all_inner_texts()
        assert visit.errors == []
    finally:
        visit.close()


def test_without_script_the_register_is_the_full_table(browser: Any, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site / "pain-points.html").as_uri())
        assert page.locator("#register tbody tr").count() == 4
        assert not page.locator("#register-filter").is_visible()
        severities = page.locator("#register tbody tr").evaluate_all(
            "rows => rows.map(r => r.cells[0].textContent)"
        )
        assert severities == ["critical", "high", "high", "medium"]
    finally:
        context.close()


def test_pages_print(browser: Any, site: Path, tmp_path: Path) -> None:
    visit = Visit(browser, site / "pain-points.html", (1440, 900))
    try:
        visit.page.select_option("select[data-filter=owner]", "Web Team")
        visit.page.emulate_media(media="print")
        # Printed, the register shows every row and no filter.
        assert visit.page.locator("#register tbody tr:visible").count() == 4
        assert not visit.page.locator("#register-filter").is_visible()
        pdf = visit.page.pdf()
        assert pdf.startswith(b"%PDF")
    finally:
        visit.close()
