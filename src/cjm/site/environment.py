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

import functools
import re

from jinja2 import ChoiceLoader, Environment, PackageLoader
from markupsafe import Markup

from cjm.report.html import BASE_POLICY, inline_script, page_environment, template_text

# The report's policy, with the search form allowed to reach the site's own pages.
SITE_POLICY = BASE_POLICY.replace("form-action 'none'", "form-action 'self'")


def compact(css: str) -> str:
    """A stylesheet without its comments and indentation: every page carries it."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return "\n".join(line.strip() for line in css.splitlines() if line.strip()) + "\n"


def percent(share: float | None) -> str:
    """``62%``, or an en dash when there is nothing to share out."""
    return "\u2013" if share is None else f"{round(100 * share)}%"


@functools.cache
def environment() -> Environment:
    env = page_environment(
        ChoiceLoader(
            [PackageLoader("cjm.site", "templates"), PackageLoader("cjm.report", "templates")]
        )
    )
    env.filters.update(percent=percent)
    script, source = site_script()
    stylesheet = template_text("cjm.report", "report.css") + template_text("cjm.site", "site.css")
    env.globals.update(
        # Our own stylesheets and script, never user text.
        css=Markup(compact(stylesheet)),
        script=script,
        csp=f"{SITE_POLICY}; script-src {source}",
    )
    return env


@functools.cache
def site_script() -> tuple[Markup, str]:
    """The site's one script and the CSP source that allows exactly it."""
    return inline_script(template_text("cjm.site", "site.js"))
