"""The preview's panel on every served page: its state, the banner, the findings.

A page whose rendering is up to date and clean shows only a small "live" badge in a
corner. When the check finds something, the findings appear in a panel at the foot of
the window, in the terminal's words and colours (open when there are errors, folded for
warnings); when the page shows an older rendering because a file is broken, a banner
above them says so and why. The panel is fixed to the window, so it stays in sight
wherever the room has scrolled to, and it is left off paper.
"""

from __future__ import annotations

import datetime
from html import escape

from cjm.serve.build import Build
from cjm.serve.findings import text_html

STYLE = """
#cjm-live{position:fixed;z-index:2147483000;left:0;right:0;bottom:0;max-height:40vh;
overflow:auto;margin:0;padding:0;background:#181a1f;color:#e2e4e9;text-align:left;
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
box-shadow:0 -4px 18px rgba(0,0,0,.28);border-top:3px solid #ff6b6b}
#cjm-live.cjm-live-quiet{left:auto;right:12px;bottom:12px;border:0;border-radius:999px;
box-shadow:0 2px 10px rgba(0,0,0,.25)}
#cjm-live.cjm-live-notes{border-top-color:#facc5a}
#cjm-live *{box-sizing:border-box}
#cjm-live p{margin:0;padding:8px 16px}
#cjm-live .cjm-live-banner{background:#5c1d1d;color:#fff;font-weight:600;font-size:15px}
#cjm-live .cjm-live-banner strong{color:#ffb3b3;text-transform:uppercase;letter-spacing:.04em;
margin-right:.5em}
#cjm-live details{margin:0;padding:0 16px 8px}
#cjm-live summary{cursor:pointer;padding:8px 0;font-weight:600}
#cjm-live pre{margin:0;padding:0;white-space:pre-wrap;overflow-wrap:anywhere;
font:13px/1.45 ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;
color:#e2e4e9;background:none;border:0}
#cjm-live ul{margin:0;padding:0 16px 8px 36px}
#cjm-live .cjm-live-state{font-size:12px;color:#a9adb6;padding:6px 16px}
#cjm-live.cjm-live-quiet .cjm-live-state{padding:5px 12px}
#cjm-live .cjm-live-dot{display:inline-block;width:8px;height:8px;border-radius:50%;
background:#78dc8c;margin-right:6px;vertical-align:1px}
#cjm-live[data-connection="lost"] .cjm-live-dot{background:#a9adb6}
#cjm-live[data-connection="lost"] .cjm-live-state::after{content:" \\00b7 not connected"}
@media print{#cjm-live{display:none}}
"""


def clock(moment: datetime.datetime) -> str:
    return moment.strftime("%H:%M:%S")


def panel_html(build: Build) -> str:
    """The panel for the state ``build`` leaves the page in."""
    parts = [f"<style>{STYLE}</style>"]
    if build.banner is not None:
        parts.append(_banner(build))
    if build.findings is not None:
        summary = build.findings.plain.rstrip("\n").rsplit("\n", 1)[-1]
        opened = " open" if build.error_count else ""
        parts.append(
            f'<details class="cjm-live-findings"{opened}><summary>{escape(summary)}</summary>'
            f"<pre>{text_html(build.findings)}</pre></details>"
        )
    if build.problems:
        items = "".join(f"<li>{escape(problem)}</li>" for problem in build.problems)
        parts.append(f"<ul>{items}</ul>")
    state = f"Live preview \u00b7 checked {clock(build.checked_at)}"
    if build.rendered_at is not None and not build.stale:
        state += f" \u00b7 rendered in {round(build.seconds * 1000)} ms"
    parts.append(
        f'<p class="cjm-live-state"><span class="cjm-live-dot" aria-hidden="true"></span>'
        f"{escape(state)}</p>"
    )
    quiet = build.banner is None and build.findings is None and not build.problems
    kind = (
        "cjm-live-quiet"
        if quiet
        else ("cjm-live-notes" if not build.error_count and build.banner is None else "")
    )
    return (
        f'<div id="cjm-live" class="{kind}" data-generation="{build.generation}" '
        f'role="region" aria-label="Live preview">{"".join(parts)}</div>\n'
    )


def _banner(build: Build) -> str:
    assert build.banner is not None
    if build.stale and build.rendered_at is not None:
        title = "Stale"
        text = (
            f"{build.banner}. The page shows the last good rendering, from "
            f"{clock(build.rendered_at)}; it updates when the file is fixed."
        )
    elif build.folder is None:
        title = "Nothing to show"
        text = f"{build.banner}; the page updates when it is fixed."
    else:
        title = "Incomplete"
        text = f"{build.banner}."
    return f'<p class="cjm-live-banner" role="alert"><strong>{title}</strong>{escape(text)}</p>'
