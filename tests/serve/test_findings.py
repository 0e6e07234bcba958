"""The findings on the page are the terminal's: the same lines, in the same words, from
the formatter `cjm validate` uses, escaped; the panel says what state the page is in."""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path

from cjm.check import check_paths
from cjm.reporters.text import TextReporter
from cjm.serve.build import Build
from cjm.serve.findings import findings_text, text_html
from cjm.serve.panel import panel_html

from .workshop import write_workshop

NOW = datetime.datetime(2026, 11, 23, 14, 3, 22)
EARLIER = datetime.datetime(2026, 11, 23, 14, 1, 5)


def _shown(markup: str) -> str:
    """The text a browser shows for ``markup``: tags dropped, entities read."""
    markup = re.sub(r"<style>.*?</style>", "", markup, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _broken(tmp_path: Path) -> Path:
    journey = write_workshop(tmp_path / "workshop")
    text = journey.read_text(encoding="utf-8")
    journey.write_text(text.replace("emotion: 0", "emotion: [0, <script>alert(1)</script>"))
    return tmp_path / "workshop"


def test_the_page_shows_what_the_terminal_shows(tmp_path: Path) -> None:
    result = check_paths([_broken(tmp_path)], tmp_path)
    terminal = TextReporter().render(result).plain
    markup = text_html(findings_text(result))
    assert _shown(markup) == terminal
    assert terminal.startswith(
        "workshop/maps/moving-home.yaml:22:18: error CJM001 the list opened here with '[' "
        "is never closed\n"
    )
    assert "22 |         emotion: [0, <script>alert(1)</script>" in terminal
    assert "<script>" not in markup  # the map's text is escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup


def test_errors_are_coloured_as_in_the_terminal(tmp_path: Path) -> None:
    result = check_paths([_broken(tmp_path)], tmp_path)
    markup = text_html(findings_text(result))
    error = re.search(r'<span style="([^"]*)">error</span>', markup)
    assert error is not None
    assert "font-weight: bold" in error[1] and "color: #" in error[1]


def _build(**changes: object) -> Build:
    values: dict[str, object] = {
        "generation": 7,
        "checked_at": NOW,
        "seconds": 0.095,
        "folder": Path("/tmp/x/7"),
        "rendered_at": NOW,
    }
    values.update(changes)
    return Build(**values)  # type: ignore[arg-type]


def test_a_clean_page_shows_only_a_small_live_badge() -> None:
    panel = panel_html(_build())
    assert 'class="cjm-live-quiet"' in panel
    assert 'data-generation="7"' in panel
    assert 'class="cjm-live-banner"' not in panel and "<details" not in panel
    assert "Live preview \u00b7 checked 14:03:22 \u00b7 rendered in 95 ms" in _shown(panel)


def test_errors_open_the_findings_and_a_stale_page_says_so(tmp_path: Path) -> None:
    result = check_paths([_broken(tmp_path)], tmp_path)
    panel = panel_html(
        _build(
            findings=findings_text(result),
            error_count=1,
            banner="workshop/maps/moving-home.yaml has 1 error",
            stale=True,
            rendered_at=EARLIER,
        )
    )
    shown = _shown(panel)
    assert '<details class="cjm-live-findings" open>' in panel
    assert "<summary>Found 1 error in 1 file (3 files checked).</summary>" in panel
    assert (
        "Staleworkshop/maps/moving-home.yaml has 1 error. The page shows the last good "
        "rendering, from 14:01:05; it updates when the file is fixed."
    ) in shown
    assert "workshop/maps/moving-home.yaml:22:18: error CJM001" in shown
    assert "rendered in" not in shown  # the page shows an older rendering


def test_warnings_alone_are_folded() -> None:
    result = check_paths([Path(__file__).parents[2] / "examples" / "b2b-saas-trial"], Path.cwd())
    panel = panel_html(_build(findings=findings_text(result)))
    assert '<details class="cjm-live-findings">' in panel
    assert 'class="cjm-live-notes"' in panel
    assert 'class="cjm-live-banner"' not in panel


def test_nothing_rendered_yet_says_so() -> None:
    panel = panel_html(_build(folder=None, rendered_at=None, banner="no such file or folder: x"))
    assert "Nothing to show" in _shown(panel)
