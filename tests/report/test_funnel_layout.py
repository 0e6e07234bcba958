"""The funnel section holds at 1440 and 390 pixels in Chromium, with long ids and hostile
text, and its persona switch works with script and is not needed without it."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from cjm.model.snapshot import SideStepResult
from cjm.report.build import build_report
from cjm.report.html import render_report

from .chromium import Visit
from .funnel_fixture import funnel_context, measured, snapshot
from .test_layout import MEASURE

TODAY = datetime.date(2026, 11, 23)
WIDTHS = (1440, 390)
LONG = "unbreakable" * 40


def _hostile_page(tmp_path: Path) -> Path:
    changed = snapshot().model_copy(deep=True)
    changed.funnel[0].side_steps.append(
        SideStepResult(step="gone-" + "x" * 59, stage="try", reach=1234567, why="branch")
    )
    assert changed.feedback is not None
    changed.feedback.groups[1].quotes = [f"<b>{LONG}</b>", "\u202eevil"]
    changed.definition.period_written = LONG
    context = funnel_context(measured(measured_snapshot=changed))
    path = tmp_path / "funnel.html"
    path.write_text(render_report(build_report(context, [], TODAY, None)), encoding="utf-8")
    return path


def test_the_funnel_fits_both_widths(browser: Any, tmp_path: Path) -> None:
    path = _hostile_page(tmp_path)
    visit = Visit(browser, path, (WIDTHS[0], 900))
    try:
        found = {}
        for width in WIDTHS:
            visit.page.set_viewport_size({"width": width, "height": 900})
            found[width] = visit.page.evaluate(MEASURE)
        visit.assert_quiet()
    finally:
        visit.close()
    assert found == {width: [] for width in WIDTHS}


def test_the_switch_shows_one_group_at_a_time(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "funnel.html"
    context = funnel_context()
    path.write_text(render_report(build_report(context, [], TODAY, None)), encoding="utf-8")
    visit = Visit(browser, path, (1440, 900))
    try:
        page = visit.page
        shown = (
            "() => [...document.querySelectorAll('[data-funnel-panel]')]"
            ".filter(p => p.offsetParent !== null).map(p => p.id)"
        )
        assert page.is_visible("#funnel-switch")
        assert page.evaluate(shown) == ["funnel-everyone"]
        page.click("button[data-funnel='dan']")
        assert page.evaluate(shown) == ["funnel-dan"]
        assert page.get_attribute("button[data-funnel='dan']", "aria-pressed") == "true"
        page.emulate_media(media="print")
        assert len(page.evaluate(shown)) == 3  # on paper every group's funnel
        visit.assert_quiet()
    finally:
        visit.close()
