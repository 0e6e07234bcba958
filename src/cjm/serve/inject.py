"""The live part of a served page: the panel and the script, put in on the way out.

The files of the output stay exactly as ``cjm render`` writes them; only the HTML the
server sends is changed. The pages forbid every script but their own, by hash, and every
request (a Content-Security-Policy ``<meta>``); the served copy's policy also allows the
live script, by its hash, and requests to the preview itself (``connect-src 'self'``),
which the script needs to hear of a new rendering and fetch the page again. Nothing else
is loosened.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import re
from importlib.resources import files

SCRIPT_ID = "cjm-live-script"
_POLICY = re.compile(
    r'(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")', re.IGNORECASE
)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


@functools.cache
def live_script() -> tuple[str, str]:
    """The live script and the CSP source that allows exactly it."""
    text = files("cjm.serve").joinpath("live.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return text, f"'sha256-{digest}'"


def loosen(policy: str, script_source: str) -> str:
    """``policy`` with ``script_source`` allowed to run and requests to the page's own
    origin allowed."""
    directives = [part.strip() for part in policy.split(";") if part.strip()]
    names = [part.split()[0].lower() for part in directives]
    for name, source in (("script-src", script_source), ("connect-src", "'self'")):
        if name in names:
            at = names.index(name)
            sources = directives[at].split()[1:]
            sources = [s for s in sources if s != "'none'"]
            directives[at] = " ".join([name, *sources, source])
        else:
            directives.append(f"{name} {source}")
    return "; ".join(directives)


def inject(page: str, panel: str) -> str:
    """``page`` with the live script at the end of its head and ``panel`` at the start of
    its body, its policy loosened for the script."""
    script, source = live_script()

    def policy(found: re.Match[str]) -> str:
        loosened = loosen(html.unescape(found[2]), source)
        return found[1] + html.escape(loosened, quote=True) + found[3]

    page = _POLICY.sub(policy, page, count=1)
    tag = f'<script id="{SCRIPT_ID}">{script}</script>\n'
    head_end = _HEAD_END.search(page)
    if head_end is not None:
        page = page[: head_end.start()] + tag + page[head_end.start() :]
    else:
        page = tag + page
    body = _BODY_START.search(page)
    if body is not None:
        return page[: body.end()] + "\n" + panel + page[body.end() :]
    return page + panel
