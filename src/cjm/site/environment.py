"""The Jinja environment of the site, its stylesheet, its script and its policy.

The site reads like the reports it links: it uses the report's stylesheet and its small
template macros (severity chips, status and KPI badges), with its own stylesheet and
templates on top. As in the report, autoescaping is on, undefined names are errors, and
every value passes :func:`~cjm.display.reveal_bidi_controls` on its way into the page
(the report's ``finalize``), so no user text is ever marked safe.

Every page asks for nothing over the network: a Content-Security-Policy ``<meta>``
forbids every request and allows one script, ours, by its hash. The search form may
submit only to the site's own pages (``form-action 'self'``); opened from disk, Chromium
counts other files as the page's own.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from importlib import resources

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from cjm import __version__
from cjm.display import reveal_bidi_controls
from cjm.render.style import EMOTION_WORD, score_label
from cjm.report import phrases
from cjm.report.facts import SEVERITY_ORDER
from cjm.report.formatting import format_date, format_number
from cjm.report.html import BASE_POLICY, emotion_class
from cjm.wording import plural

# The report's policy, with the search form allowed to reach the site's own pages.
SITE_POLICY = BASE_POLICY.replace("form-action 'none'", "form-action 'self'")


def _shown(value: object) -> object:
    """What a template writes for ``value``: text with its bidirectional controls made
    visible; our own markup and other values as they are."""
    if isinstance(value, str) and not value.isascii() and not isinstance(value, Markup):
        return reveal_bidi_controls(value)
    return value


def compact(css: str) -> str:
    """A stylesheet without its comments and indentation: every page carries it."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return "\n".join(line.strip() for line in css.splitlines() if line.strip()) + "\n"


def _read(package: str, name: str) -> str:
    return resources.files(package).joinpath("templates", name).read_text(encoding="utf-8")


def percent(share: float | None) -> str:
    """``62%``, or an en dash when there is nothing to share out."""
    return "\u2013" if share is None else f"{round(100 * share)}%"


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [PackageLoader("cjm.site", "templates"), PackageLoader("cjm.report", "templates")]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_shown,
    )
    env.filters.update(
        date=format_date,
        number=format_number,
        emotion_class=emotion_class,
        score=score_label,
        percent=percent,
    )
    script, source = site_script()
    env.globals.update(
        plural=plural,
        phrases=phrases,
        emotion_word=EMOTION_WORD,
        SEVERITIES=SEVERITY_ORDER,
        version=__version__,
        # Our own stylesheets and script, never user text.
        css=Markup(compact(_read("cjm.report", "report.css") + _read("cjm.site", "site.css"))),
        script=script,
        csp=f"{SITE_POLICY}; script-src {source}",
    )
    return env


@functools.cache
def site_script() -> tuple[Markup, str]:
    """Our one script and the CSP source that allows exactly it."""
    text = _read("cjm.site", "site.js")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"'sha256-{digest}'"  # our own script
