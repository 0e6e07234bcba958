"""The preview in real Chromium: an edit saved on disk shows on the open page without a
reload; a broken file leaves the last good rendering on the page, marked stale, with the
finding where `cjm validate` puts it; fixing the file clears both. Ctrl-C then ends the
server with exit code 0 and removes its temporary folder."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from .conftest import Served
from .workshop import STEP, write_workshop

RENAMED = "Reads the meters on moving day"
REPORT = "moving-home-report.html"
BANNER = "#cjm-live .cjm-live-banner"
FINDINGS = "#cjm-live .cjm-live-findings pre"


def _text(page: Any) -> str:
    return str(page.evaluate("document.body.innerText"))


def _wait_for_text(page: Any, text: str, present: bool = True) -> float:
    """Seconds until ``text`` is on the page (or, with ``present`` false, gone)."""
    started = time.monotonic()
    page.wait_for_function(
        "([text, present]) => document.body.innerText.includes(text) === present",
        arg=[text, present],
        timeout=10_000,
        polling=20,
    )
    return time.monotonic() - started


def test_edits_show_live_without_a_reload(browser: Any, tmp_path: Path) -> None:
    journey = write_workshop(tmp_path / "workshop")
    served = Served(tmp_path, "workshop", "--port", "0")
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.on(
            "console",
            lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(served.url + REPORT, wait_until="load")
        page.wait_for_selector("#cjm-live[data-connection=live]")
        assert STEP in _text(page)
        page.evaluate("window.__marker = 1")
        page.evaluate("window.scrollTo(0, 300)")

        # An edit: the step's new name shows, in the same page (the marker is still set).
        original = journey.read_text(encoding="utf-8")
        journey.write_text(original.replace(STEP, RENAMED), encoding="utf-8")
        seconds = _wait_for_text(page, RENAMED)
        assert seconds < 5
        assert page.evaluate("window.__marker") == 1
        assert page.evaluate("window.scrollY") == 300
        assert page.get_attribute("#cjm-live", "data-connection") == "live"
        assert STEP not in _text(page)

        # A YAML syntax error: the last good rendering stays, marked stale, with the
        # finding located as `cjm validate` locates it.
        broken = original.replace(STEP, RENAMED).replace("emotion: 0", "emotion: [0")
        journey.write_text(broken, encoding="utf-8")
        page.wait_for_selector(BANNER, timeout=10_000)
        banner = page.inner_text(BANNER)
        assert "STALE" in banner.upper()
        assert "workshop/maps/moving-home.yaml has 1 error" in banner
        finding = page.inner_text(FINDINGS)
        assert (
            "workshop/maps/moving-home.yaml:22:18: error CJM001 the list opened here with '[' "
            "is never closed"
        ) in finding
        assert "22 |         emotion: [0" in finding
        assert RENAMED in _text(page)  # the last good rendering
        assert page.evaluate("window.__marker") == 1

        # Fixed: the banner and the finding go.
        journey.write_text(original, encoding="utf-8")
        _wait_for_text(page, STEP)
        page.wait_for_selector(BANNER, state="detached", timeout=10_000)
        assert page.locator("#cjm-live .cjm-live-findings").count() == 0
        assert page.evaluate("window.__marker") == 1
        assert problems == []
    finally:
        context.close()
        code, out, err = served.interrupt()
    assert code == 0, err
    assert "Goodbye" in out
    assert "Traceback" not in err
    assert list(served.tmp.iterdir()) == []
    # The workspace holds only what was written into it: the preview wrote nothing there.
    assert sorted(p.name for p in (tmp_path / "workshop").rglob("*")) == [
        "cjm.yaml",
        "maps",
        "moving-home.yaml",
        "personas.yaml",
        "shared",
    ]


def test_the_site_home_page_updates_in_place_too(browser: Any, tmp_path: Path) -> None:
    journey = write_workshop(tmp_path / "workshop")
    served = Served(tmp_path, "workshop", "--port", "0")
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.on(
            "console",
            lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(served.url, wait_until="load")
        page.wait_for_selector("#cjm-live[data-connection=live]")
        assert "Moving home" in _text(page)
        page.evaluate("window.__marker = 1")
        text = journey.read_text(encoding="utf-8")
        journey.write_text(text.replace("title: Moving home", "title: Moving house"))
        _wait_for_text(page, "Moving house")
        assert page.evaluate("window.__marker") == 1
        # The search page's results are made by the site's script: after a swap it runs
        # again, on the new body, with the new search index.
        page.fill("#site-q", "meter")
        page.click(".site-search button")
        page.wait_for_load_state("load")
        assert page.url == served.url + "search.html?q=meter"
        page.wait_for_selector("#cjm-live[data-connection=live]")
        assert STEP in page.inner_text("#search-results")
        page.evaluate("window.__marker = 2")
        renamed = journey.read_text(encoding="utf-8").replace(STEP, "Reads the meter on the day")
        journey.write_text(renamed, encoding="utf-8")
        _wait_for_text(page, "Reads the meter on the day")
        assert "Reads the meter on the day" in page.inner_text("#search-results")
        assert page.is_visible("#search-form")
        assert page.evaluate("window.__marker") == 2
        assert problems == []
    finally:
        context.close()
        code, _, err = served.interrupt()
    assert code == 0, err


def test_a_page_opened_before_its_map_exists_comes_when_it_does(
    browser: Any, tmp_path: Path
) -> None:
    journey = write_workshop(tmp_path / "workshop")
    served = Served(tmp_path, "workshop", "--port", "0")
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.on(
            "console",
            lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
        )
        page.goto(served.url + "moving-house-report.html", wait_until="load")
        page.wait_for_selector("#cjm-live[data-connection=live]")
        assert "This preview has no page at /moving-house-report.html" in _text(page)
        problems.clear()  # the 404 itself
        text = journey.read_text(encoding="utf-8")
        journey.write_text(text.replace("id: moving-home", "id: moving-house"))
        _wait_for_text(page, STEP)
        page.wait_for_selector("#cjm-live[data-connection=live]")
        # The report came with its own policy: its script ran, nothing was blocked.
        assert problems == []
    finally:
        context.close()
        served.interrupt()
