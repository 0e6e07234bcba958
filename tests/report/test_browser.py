"""The HTML reports in a real browser: Debian's Chromium, driven by Playwright.

Each example's report is opened from ``file://`` at desktop and phone widths: no console
errors, no request but the file itself, and a screenshot. A map full of hostile text is
opened too: nothing in it runs (with and without the page's Content-Security-Policy), no
element gets an event handler or a ``javascript:`` link, and every text shows literally.

Playwright never downloads a browser here: it drives the system's Chromium
(``CJM_CHROMIUM`` names another). Without Playwright or Chromium these tests are skipped
locally and fail in CI (see :mod:`tests.tools`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cjm.report import html_report

from .chromium import Visit
from .conftest import HOSTILE_TEXTS, JAVASCRIPT_LINK, TODAY, example_reports, hostile_context

VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
EXAMPLES = example_reports()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize(("name", "context", "findings"), EXAMPLES, ids=[n for n, *_ in EXAMPLES])
def test_example_report_loads_quietly_offline(
    browser: Any, tmp_path: Path, name: str, context: Any, findings: Any, viewport: str
) -> None:
    path = tmp_path / f"{name}.html"
    markup = html_report(context, findings, TODAY, 365)
    path.write_text(markup, encoding="utf-8")
    visit = Visit(browser, path, VIEWPORTS[viewport])
    try:
        visit.assert_quiet()
        page = visit.page
        shot = tmp_path / f"{name}-{viewport}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        # The page never scrolls sideways: wide grids and charts scroll in their own box.
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        # Ten sections, and one for the moments of truth when the map flags any.
        assert page.locator("section h2").count() == 10 + ('id="moments"' in markup)
        # The persona filter appears (script ran) and dims a persona's marks.
        if len(context.marks) > 1:
            assert page.locator("#persona-filter").is_visible()
            first = context.marks[0].persona_id
            page.locator(f"#persona-filter input[value='{first}']").uncheck()
            dimmed = page.locator(f"[data-persona='{first}'].dimmed").count()
            assert dimmed > 0
            assert (
                page.locator(f"[data-persona='{context.marks[1].persona_id}'].dimmed").count() == 0
            )
        page.emulate_media(media="print")
        assert page.locator(".print-grid").first.is_visible()
        assert not page.locator(".grid-scroll").is_visible()
        page.screenshot(path=str(tmp_path / f"{name}-{viewport}-print.png"), full_page=True)
        visit.assert_quiet()
    finally:
        visit.close()


def test_report_reads_without_scripts(browser: Any, tmp_path: Path) -> None:
    _, context, findings = EXAMPLES[0]
    path = tmp_path / "report.html"
    path.write_text(html_report(context, findings, TODAY, None), encoding="utf-8")
    no_js = browser.new_context(java_script_enabled=False, viewport={"width": 1366, "height": 900})
    try:
        page = no_js.new_page()
        page.goto(path.as_uri())
        assert not page.locator("#persona-filter").is_visible()  # the control needs the script
        text = page.evaluate("document.body.innerText")
        assert context.journey.title in text
        assert "Pain points" in text and "Emotional curve" in text
        page.screenshot(path=str(tmp_path / "no-script.png"), full_page=True)
    finally:
        no_js.close()


@pytest.mark.parametrize("policy", ["with-csp", "without-csp"])
def test_hostile_map_runs_nothing_and_shows_its_text(
    browser: Any, tmp_path: Path, policy: str
) -> None:
    context, findings = hostile_context(tmp_path)
    markup = html_report(context, findings, TODAY, None)
    if policy == "without-csp":  # escaping alone must be enough
        start = markup.index('<meta http-equiv="Content-Security-Policy"')
        markup = markup[:start] + markup[markup.index(">", start) + 1 :]
    path = tmp_path / "hostile.html"
    path.write_text(markup, encoding="utf-8")
    visit = Visit(browser, path, VIEWPORTS["desktop"])
    try:
        page = visit.page
        # Give every element the chance to fire what an injection would have attached.
        page.evaluate(
            """() => {
              for (const el of document.querySelectorAll('*')) {
                for (const type of ['mouseover', 'focus', 'click', 'load', 'error']) {
                  if (type === 'click' && el.closest('a')) continue;
                  el.dispatchEvent(new Event(type, {bubbles: false}));
                }
              }
            }"""
        )
        page.mouse.move(400, 300)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.evaluate("document.scripts.length") == 1
        assert "persona-filter" in page.evaluate("document.scripts[0].textContent")
        assert (
            page.evaluate(
                """() => [...document.querySelectorAll('*')].flatMap(
                 el => [...el.attributes].map(a => a.name)
               ).filter(n => n.startsWith('on') || n === 'autofocus' || n === 'data-pwned')"""
            )
            == []
        )
        hrefs = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
        assert hrefs and all(h.startswith(("file://", "https://", "mailto:")) for h in hrefs)
        assert page.locator(f'a[href="{JAVASCRIPT_LINK}"]').count() == 0
        assert page.locator("img, iframe, object, embed").count() == 0
        text = page.evaluate("document.body.innerText")
        for hostile in HOSTILE_TEXTS:
            assert " ".join(hostile.split()) in " ".join(text.split()), hostile
        assert JAVASCRIPT_LINK in text
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        page.screenshot(path=str(tmp_path / f"hostile-{policy}.png"), full_page=True)
        visit.assert_quiet()
    finally:
        visit.close()
