"""The live script and the panel go into the HTML sent, and the page's policy allows that
script and requests to the preview, nothing more."""

from __future__ import annotations

import base64
import hashlib
import html
import re

from cjm.serve.inject import SCRIPT_ID, inject, live_script, loosen

PAGE = (
    "<!DOCTYPE html>\n<html><head>"
    '<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; '
    'style-src &#39;unsafe-inline&#39;; script-src &#39;sha256-abc=&#39;">'
    '<title>T</title></head>\n<body class="site">\n<main>map</main>\n'
    "<script>page()</script></body></html>\n"
)


def _policy(page: str) -> str:
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert found is not None
    return html.unescape(found[1])


def test_the_policy_allows_the_live_script_and_requests_to_the_preview() -> None:
    script, source = live_script()
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert source == f"'sha256-{digest}'"
    assert _policy(inject(PAGE, "<div id=cjm-live></div>")) == (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-abc=' {source}; connect-src 'self'"
    )


def test_loosen_adds_what_is_missing_and_drops_none() -> None:
    assert loosen("default-src 'none'", "'sha256-x'") == (
        "default-src 'none'; script-src 'sha256-x'; connect-src 'self'"
    )
    assert loosen("script-src 'none'; connect-src 'none'", "'sha256-x'") == (
        "script-src 'sha256-x'; connect-src 'self'"
    )


def test_the_script_ends_the_head_and_the_panel_opens_the_body() -> None:
    page = inject(PAGE, '<div id="cjm-live">panel</div>')
    head, body = page.split("</head>")
    assert head.endswith(f'<script id="{SCRIPT_ID}">{live_script()[0]}</script>\n')
    assert body.startswith(
        '\n<body class="site">\n<div id="cjm-live">panel</div>\n<main>map</main>'
    )
    assert body.count("<script>page()</script>") == 1


def test_a_page_without_head_or_body_still_gets_both() -> None:
    page = inject("<p>bare</p>", "PANEL")
    assert page.startswith(f'<script id="{SCRIPT_ID}">')
    assert page.endswith("<p>bare</p>PANEL")
