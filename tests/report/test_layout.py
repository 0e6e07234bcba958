"""The HTML report holds at every width: nothing sticks out, the page never scrolls sideways.

Real maps have dozens of steps, long team names, non-Latin text and pasted paragraphs. The
crowded map (see :func:`crowded_map`: 80 steps, eight personas with 200-character names,
a 160-character team name, 5,000-character words, CJK, Arabic and emoji) and every bundled
example are opened in Chromium at four widths, and every element is measured: no element
lies outside the page, no element's content is wider than its box, and no element sticks
out of its parent, except inside a box that deliberately scrolls sideways (the stage grid,
the curves, wide tables) and except what is clipped on purpose: screen-reader text, and a
persona switch's name cut with an ellipsis (its full name is the switch's title and
stands on the persona's card).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cjm.report import html_report

from .chromium import Visit
from .conftest import TODAY, crowded_context, example_reports

WIDTHS = (1440, 1024, 768, 390)
EXAMPLES = example_reports()

# Every visible element measured against the page, its own box and its parent's box.
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  const name = (el) => {
    const own = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (typeof el.className === 'string' && el.className.trim()
         ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    const parent = el.parentElement;
    return (parent ? parent.tagName.toLowerCase() + ' > ' : '') + own;
  };
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const clipped = (el) => {
    for (let at = el; at && at !== document.body; at = at.parentElement) {
      const style = getComputedStyle(at);
      if (style.clip !== 'auto' || style.clipPath !== 'none') return true;
    }
    return false;
  };
  if (document.documentElement.scrollWidth > width) {
    found.push(['the page scrolls sideways', document.documentElement.scrollWidth]);
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.skip, script, style') || clipped(el)) continue;
    if (el.parentElement && el.parentElement.closest('svg')) continue;  // drawn, not laid out
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    let scroller = el.parentElement;
    while (scroller && scroller !== document.body && !scrolls(scroller)) {
      scroller = scroller.parentElement;
    }
    if ((!scroller || scroller === document.body) && (box.right > width + 1 || box.left < -1)) {
      found.push(['outside the page', name(el), Math.round(box.left), Math.round(box.right)]);
      continue;
    }
    const cut = style.textOverflow === 'ellipsis' && style.overflowX === 'hidden';
    if (style.display !== 'inline' && !scrolls(el) && !cut && el.tagName !== 'svg'
        && el.scrollWidth > el.clientWidth + 1) {
      found.push(['content wider than its box', name(el), el.scrollWidth, el.clientWidth]);
    }
    const parent = el.parentElement;
    if (parent && parent !== document.body && !scrolls(parent)
        && getComputedStyle(parent).display !== 'inline'
        && !['absolute', 'fixed'].includes(style.position)) {
      const outer = parent.getBoundingClientRect();
      if (box.right > outer.right + 1 || box.left < outer.left - 1) {
        found.push(['sticks out of its parent', name(el),
                    Math.round(box.left - outer.left), Math.round(box.right - outer.right)]);
      }
    }
  }
  return found.slice(0, 20);
}"""


def _measure_at_every_width(browser: Any, path: Path) -> dict[int, list[Any]]:
    visit = Visit(browser, path, (WIDTHS[0], 900))
    try:
        found = {}
        for width in WIDTHS:
            visit.page.set_viewport_size({"width": width, "height": 900})
            found[width] = visit.page.evaluate(MEASURE)
        visit.assert_quiet()
        return found
    finally:
        visit.close()


def test_a_crowded_map_fits_every_width(browser: Any, tmp_path: Path) -> None:
    context, findings = crowded_context(tmp_path)
    path = tmp_path / "crowded.html"
    path.write_text(html_report(context, findings, TODAY, None), encoding="utf-8")
    assert _measure_at_every_width(browser, path) == {width: [] for width in WIDTHS}


@pytest.mark.parametrize(("name", "context", "findings"), EXAMPLES, ids=[n for n, *_ in EXAMPLES])
def test_every_example_fits_every_width(
    browser: Any, tmp_path: Path, name: str, context: Any, findings: Any
) -> None:
    path = tmp_path / f"{name}.html"
    path.write_text(html_report(context, findings, TODAY, None), encoding="utf-8")
    assert _measure_at_every_width(browser, path) == {width: [] for width in WIDTHS}


def test_the_measure_sees_what_sticks_out(browser: Any, tmp_path: Path) -> None:
    """The measure itself: a page whose card holds an unbreakable word fails it."""
    context, findings = crowded_context(tmp_path, steps=2, personas=2)
    markup = html_report(context, findings, TODAY, None)
    # Undo the stylesheet's word breaking: the crowded map's long words push boxes out.
    markup = markup.replace("overflow-wrap: anywhere;", "overflow-wrap: normal;")
    path = tmp_path / "broken.html"
    path.write_text(markup, encoding="utf-8")
    visit = Visit(browser, path, (1024, 900))
    try:
        found = visit.page.evaluate(MEASURE)
    finally:
        visit.close()
    assert ["the page scrolls sideways"] in [f[:1] for f in found]
    assert any(f[0] == "content wider than its box" for f in found)
