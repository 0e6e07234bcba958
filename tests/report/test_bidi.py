"""Bidirectional text in the reports: what a page shows is what the file says.

A right-to-left override (U+202E) in a map would reverse the text after it on the page
while the YAML reads otherwise: every output shows such controls as visible codes. Arabic
and Hebrew need no controls; each user text sits in its own isolated element, so that it
reads right to left without reordering the words around it. Checked in the markup, in
the Markdown, and by layout in Chromium.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from cjm.report import html_report, markdown_report
from cjm.report.markdown_text import md

from .chromium import Visit
from .conftest import TODAY, context_of, hostile_map

RLO = "\u202e"
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# The summary as the YAML has it: "Card fails" then an override, then "at checkout".
TRICK = f"Card fails {RLO}at checkout"
SHOWN = "Card fails \u27e8U+202E\u27e9at checkout"
HEBREW = "\u05e9\u05dc\u05d5\u05dd"  # "shalom"


def _trick_map() -> str:
    data = hostile_map()
    data["stages"][0]["steps"][0]["pain_points"][0]["summary"] = TRICK
    data["stages"][0]["steps"][1]["action"] = f"{HEBREW}!"
    data["personas"][1]["name"] = f"Dana {RLO}\u2066isolated\u2069 {HEBREW}"
    return json.dumps(data, ensure_ascii=False, indent=1)


def test_controls_never_reach_a_page_or_a_markdown_file(tmp_path: Path) -> None:
    context, findings = context_of(_trick_map(), tmp_path)
    markup = html_report(context, findings, TODAY, None)
    assert CONTROLS.search(markup) is None
    assert SHOWN in markup
    assert "Dana \u27e8U+202E\u27e9\u27e8U+2066\u27e9isolated\u27e8U+2069\u27e9" in markup
    # In the curve's SVG too (the persona's name in its title and description).
    svg = markup[markup.index("<svg") : markup.rindex("</svg>")]
    assert "\u27e8U+202E\u27e9" in svg

    markdown = markdown_report(context, findings, TODAY, None)
    assert CONTROLS.search(markdown) is None
    assert SHOWN in markdown
    assert md(f"a{RLO}b\u2069") == "a\u27e8U+202E\u27e9b\u27e8U+2069\u27e9"


def test_every_user_text_sits_in_its_own_isolated_element(browser: Any, tmp_path: Path) -> None:
    """Each text of the map is marked with Hebrew; in the page every text node that holds
    such a mark must be inside an element that isolates it (``dir="auto"``, which the
    stylesheet sets to ``unicode-bidi: isolate``) and that holds nothing else."""
    texts: list[str] = []

    def label(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: label(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [label(v, key) for v in value]
        if isinstance(value, str) and key not in NOT_TEXT:
            text = f"{HEBREW}{len(texts)} {key}"
            texts.append(text)
            return text
        return value

    data = label(hostile_map())
    context, findings = context_of(json.dumps(data, ensure_ascii=False), tmp_path)
    markup = html_report(context, findings, TODAY, None)
    assert all(text in markup for text in texts)  # every marked text is on the page
    path = tmp_path / "marked.html"
    path.write_text(markup, encoding="utf-8")
    visit = Visit(browser, path, (1366, 900))
    try:
        problems = visit.page.evaluate(
            """(mark) => {
              const found = [];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (!node.data.includes(mark) || node.parentElement.closest('svg, script')) {
                  continue;
                }
                let el = node.parentElement;
                while (el && getComputedStyle(el).unicodeBidi !== 'isolate'
                       && el.tagName !== 'BDI') {
                  el = el.parentElement;
                }
                const own = el ? el.textContent.trim() : '';
                if (!el || own !== node.data.trim()) {
                  found.push([node.data, node.parentElement.outerHTML.slice(0, 160)]);
                }
              }
              return found;
            }""",
            HEBREW,
        )
        assert problems == []
    finally:
        visit.close()


# Values that are not free text: ids and references, enumerations, dates, links (shown
# as written, never reordered), and the unit of a KPI (set with its number as one value).
NOT_TEXT = {
    "id",
    "type",
    "owner",
    "reviewed",
    "channel",
    "kind",
    "severity",
    "status",
    "impact",
    "effort",
    "link",
    "unit",
    "evidence",
    "touchpoints",
    "addresses",
    "personas",
    "current_state",
    "stage",
    "date",
    "mode",
    "format",
    "after",
    "rejoin",
    "spans",
    "kpis",
    "url",
    "duration",
    "wait",
    "sample_unit",
    "confidence",
    "better",
    "due",
    "baseline_date",
    "target_date",
    "start",
    "end",
}


def _positions(page: Any, selector: str, text: str) -> list[float]:
    """The left edge of each character of ``text`` inside the first element matching
    ``selector`` whose text holds it, in the text's logical order."""
    result: list[float] = page.evaluate(
        """([selector, text]) => {
          for (const el of document.querySelectorAll(selector)) {
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const at = node.data.indexOf(text);
              if (at < 0) continue;
              const lefts = [];
              for (let i = at; i < at + text.length; i++) {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                lefts.push(range.getBoundingClientRect().left);
              }
              return lefts;
            }
          }
          return [];
        }""",
        [selector, text],
    )
    return result


def test_an_override_shows_as_a_code_and_the_text_after_it_reads_forwards(
    browser: Any, tmp_path: Path
) -> None:
    context, findings = context_of(_trick_map(), tmp_path)
    path = tmp_path / "trick.html"
    path.write_text(html_report(context, findings, TODAY, None), encoding="utf-8")
    visit = Visit(browser, path, (1366, 900))
    try:
        page = visit.page
        assert SHOWN in page.evaluate("document.querySelector('#pain-points').innerText")
        # "at checkout" after the code is laid out left to right, letter after letter.
        lefts = _positions(page, "#pain-points td", "at checkout")
        assert len(lefts) == len("at checkout")
        assert lefts == sorted(lefts) and lefts[0] < lefts[-1]
        code = _positions(page, "#pain-points td", "\u27e8U+202E\u27e9")
        assert code and code == sorted(code) and code[-1] < lefts[0]

        # Hebrew reads right to left inside its own element: the "!" that ends it in the
        # file stands at its left; the step number before it stays before it.
        action = page.locator("#journey th.action").nth(1)
        hebrew = _positions(page, "#journey th.action", f"{HEBREW}!")
        assert hebrew == sorted(hebrew, reverse=True)
        number_right = action.locator(".num").evaluate("e => e.getBoundingClientRect().right")
        assert number_right <= min(hebrew) + 0.5
        visit.assert_quiet()
    finally:
        visit.close()
