"""The future-state report's "What changes" section, its overlaid curves and the links
between a current-state map's report and its future state's, in HTML and Markdown."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from cjm.compare import compare_maps, pairing_of
from cjm.render.context import RenderContext
from cjm.report import html_report, markdown_report
from tests.compare.helpers import contexts, copy_pair

from .conftest import EXAMPLES
from .test_layout import WIDTHS, _measure_at_every_width

TODAY = datetime.date(2026, 11, 23)


def _future_html(found: dict[str, RenderContext], rendered: set[str]) -> str:
    future = found["tomorrow"]
    comparison = compare_maps(found["today"], future)
    pairing = pairing_of(future.journey, future.maps, comparison, rendered)
    return html_report(future, [], TODAY, None, pairing)


def test_the_section_says_what_changes() -> None:
    page = _future_html(contexts(), {"today", "tomorrow"})
    section = page.split('<section id="changes"')[1].split("</section>")[0]
    assert '<a href="#changes">What changes</a>' in page
    assert "1 step added, 2 steps removed, 2 steps changed" in section
    assert "3 pain points resolved, 1 still present, 1 new pain point" in section
    assert "touchpoints: added app" in section
    assert '<span class="struck" dir="auto">Creates an account</span>' in section
    assert "average \u22121.0 today \u2192 +0.5 in the future (raised by 1.5)" in section
    assert "only in the current state (average \u22120.6 over 5 scored steps)" in section
    assert "only in the future state (average +0.8 over 4 scored steps)" in section
    assert "addressed by an opportunity; no longer in the future state" in section
    assert "still mitigated in the future state, though an opportunity addresses it" in section
    assert "new in the future state (open)" in section
    assert "7.5% (actual, 1 Oct 2026)" in section
    assert "10% (target, 30 Jun 2027)" in section
    assert "up 2.5% to the target" in section
    assert "no value today" in section and "no target" in section
    assert "direction unknown" in section


def test_each_persona_gets_an_overlaid_curve_today_dashed_future_solid() -> None:
    page = _future_html(contexts(), {"today"})
    svgs = re.findall(r'<svg[^>]*class="curve overlay".*?</svg>', page, re.S)
    assert len(svgs) == 3  # New Nora (both maps), Future Fay, Returning Rick
    nora = svgs[0]
    assert '<polyline class="today"' in nora and 'stroke-dasharray="6 4"' in nora
    assert '<polyline class="future"' in nora
    assert "Emotional curve of New Nora, today and in the future" in nora
    # Future Fay is only on the future side: no grey curve for her.
    assert '<polyline class="today"' not in svgs[1]
    assert '<polyline class="future"' not in svgs[2]


def test_links_appear_only_when_the_paired_report_is_rendered() -> None:
    found = contexts()
    linked = _future_html(found, {"today", "tomorrow"})
    assert '<a href="today-report.html" dir="auto">Ordering today</a>' in linked
    alone = _future_html(found, {"tomorrow"})
    assert 'href="today-report.html"' not in alone
    assert "Ordering today</span> <code>today</code>" in alone
    current = found["today"]
    pairing = pairing_of(current.journey, current.maps, None, {"tomorrow"})
    page = html_report(current, [], TODAY, None, pairing)
    assert '<a href="tomorrow-report.html" dir="auto">Ordering next year</a>' in page
    assert '<section id="changes"' not in page


def test_a_missing_current_state_is_said_in_one_line() -> None:
    future = contexts()["tomorrow"]
    pairing = pairing_of(future.journey, {}, None, set())
    page = html_report(future, [], TODAY, None, pairing)
    section = page.split('<section id="changes"')[1].split("</section>")[0]
    assert (
        "The current-state map &#39;today&#39; this map improves on is not in the workspace "
        "(or does not load), so the two cannot be compared." in section
    )
    assert "<table" not in section and "<svg" not in section
    markdown = markdown_report(future, [], TODAY, None, pairing)
    assert "## What changes\n\nThe current-state map 'today' this map improves on" in markdown


HOSTILE = '<script>alert(1)</script> & "\u202eevil'


def test_hostile_text_is_escaped_in_the_section_and_the_svg(tmp_path: Path) -> None:
    folder = copy_pair(tmp_path)
    for name in ("today", "tomorrow"):
        path = folder / "maps" / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        text = text.replace("action: Pays by card", f"action: {_quoted(HOSTILE)}")
        text = text.replace("name: Buy", f"name: {_quoted(HOSTILE)}")
        text = text.replace('unit: "%", better: higher}', 'unit: "<i>|", better: higher}', 1)
        path.write_text(text, encoding="utf-8")
    found = contexts(folder)
    page = _future_html(found, {"today"})
    assert "<script>alert(1)" not in page
    assert "<i>|" not in page and "&lt;i&gt;|" in page
    assert "\u202e" not in page
    section = page.split('<section id="changes"')[1].split("</section>")[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in section
    svg = re.findall(r'<svg[^>]*class="curve overlay".*?</svg>', page, re.S)[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    future = found["tomorrow"]
    pairing = pairing_of(
        future.journey, future.maps, compare_maps(found["today"], future), {"today"}
    )
    markdown = markdown_report(future, [], TODAY, None, pairing)
    assert "<script>" not in markdown and "\u202e" not in markdown
    assert "\\<script\\>alert(1)\\</script\\> \\&" in markdown
    assert "<i>" not in markdown and "7.5 \\<i\\>\\|" in markdown


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\u202e", "\\u202e") + '"'


def test_the_markdown_report_has_the_section() -> None:
    found = contexts()
    future = found["tomorrow"]
    pairing = pairing_of(
        future.journey, future.maps, compare_maps(found["today"], future), {"today"}
    )
    markdown = markdown_report(future, [], TODAY, None, pairing)
    assert "Improves on: [Ordering today](<today.md>) (`today`)" in markdown
    assert "## What changes" in markdown
    assert "| removed | Buy | ~~Creates an account~~ (`register`) | only today |" in markdown
    assert "- **New Nora**: average \u22121.0 today \u2192 +0.5 in the future" in markdown
    assert "  - raised at Compares two products with delivery cost shown: \u22121 \u2192 +1" in (
        markdown
    )
    assert "**Resolved** (3)" in markdown
    assert "### KPIs: today and the target" in markdown
    assert "| Checkout completion (`completion`), current state only | no value today | " in (
        markdown
    )


def test_the_future_state_report_of_the_example_fits_every_width(
    browser: Any, tmp_path: Path
) -> None:
    """The e-commerce example's future-state report, with its What changes section and
    overlaid curves, fits 1440 to 390 pixels: nothing sticks out, wide parts scroll."""
    found = contexts(EXAMPLES / "ecommerce-checkout")
    future = found["checkout-future-state"]
    comparison = compare_maps(found["furniture-purchase"], future)
    pairing = pairing_of(future.journey, future.maps, comparison, {"furniture-purchase"})
    path = tmp_path / "future.html"
    path.write_text(html_report(future, [], TODAY, None, pairing), encoding="utf-8")
    assert '<section id="changes"' in path.read_text(encoding="utf-8")
    assert _measure_at_every_width(browser, path) == {width: [] for width in WIDTHS}
