"""The HTML report: one self-contained page per map (the workspace site, :mod:`cjm.site`,
links them).

Pages are rendered from Jinja templates shipped in ``templates/`` with autoescaping on
and undefined names as errors. No user text is ever marked safe: the only markup that
enters a page unescaped is our own stylesheet and script, and the emotion-curve SVG,
which :mod:`cjm.report.curve` builds with every piece of user text escaped.

Every value a template writes first goes through
:func:`~cjm.display.reveal_bidi_controls` (the environment's ``finalize``), so that a
right-to-left override in a map shows as a visible code instead of reversing the text
after it; each user text also sits in its own element with ``dir="auto"``, which the
stylesheet isolates, so that Arabic or Hebrew reads right to left without reordering
its neighbours.

A page asks for nothing over the network: styles and script are inline, charts are inline
SVG, and a Content-Security-Policy ``<meta>`` forbids every request (``default-src
'none'``) and allows no script but ours, by its hash.
"""

from __future__ import annotations

import base64
import datetime
import functools
import hashlib
from dataclasses import dataclass
from importlib import resources

from jinja2 import BaseLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from cjm import __version__
from cjm.compare import Pairing
from cjm.diagnostics import Diagnostic
from cjm.display import reveal_bidi_controls
from cjm.render.context import RenderContext
from cjm.render.style import EMOTION_WORD, score_label
from cjm.report import compare_words, phrases
from cjm.report.build import build_report
from cjm.report.compare_section import overlay_markup, pair_view
from cjm.report.curve import curve_svg
from cjm.report.facts import (
    EFFORTS,
    LEVELS,
    SEVERITY_ORDER,
    BranchView,
    Column,
    Curve,
    Report,
)
from cjm.report.formatting import format_date, format_number
from cjm.report.grid import chunks, print_chunks
from cjm.wording import plural

SCORES = (2, 1, 0, -1, -2)
BASE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


def emotion_class(score: int | None) -> str:
    if score is None:
        return "emo-none"
    return {2: "emo-p2", 1: "emo-p1", 0: "emo-0", -1: "emo-n1", -2: "emo-n2"}[score]


def counted(count: int, word: str, many: str | None = None) -> tuple[str, str]:
    """``count`` and its word apart, worded as :func:`~cjm.wording.plural` does:
    ``("1", "step")``, ``("3", "steps")`` (the summary tiles set them in two sizes)."""
    number, _, words = plural(count, word, many).partition(" ")
    return number, words


@dataclass(frozen=True)
class PathSpan:
    """Columns of a grid table side by side on one path: the main line, or one branch."""

    branch: BranchView | None
    span: int
    first: bool  # the branch's first step is among these columns


def path_spans(columns: list[Column]) -> list[PathSpan]:
    """The grid's path row: consecutive columns of one stage's main line, or of one
    branch, as one cell each."""
    found: list[PathSpan] = []
    for column in columns:
        branch = column.step.branch if column.step is not None else None
        first = column.step is not None and column.step.branch_first
        last = found[-1] if found else None
        if last is not None and last.branch == branch and not first and not column.first_of_stage:
            found[-1] = PathSpan(branch, last.span + 1, last.first)
        else:
            found.append(PathSpan(branch, 1, first))
    return found


def curve_markup(curve: Curve, columns: list[Column], chart_id: str) -> Markup:
    """The curve's SVG: built by :func:`curve_svg`, which escapes every user text."""
    return Markup(curve_svg(curve, columns, chart_id))


def _shown(value: object) -> object:
    """What a template writes for ``value``: text with its bidirectional controls made
    visible; our own markup (already safe) and other values as they are."""
    # Bidirectional controls are never ASCII: most values need no further look.
    if isinstance(value, str) and not value.isascii() and not isinstance(value, Markup):
        return reveal_bidi_controls(value)
    return value


def template_text(package: str, name: str) -> str:
    """A file of ``package``'s ``templates`` folder (our own stylesheets and scripts)."""
    return resources.files(package).joinpath("templates", name).read_text(encoding="utf-8")


def page_environment(loader: BaseLoader) -> Environment:
    """A Jinja environment for our pages, the reports' and the site's alike: autoescaping
    on, undefined names as errors, every value through :func:`_shown`, and the filters
    and names every page uses."""
    environment = Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_shown,
    )
    environment.filters.update(
        date=format_date,
        number=format_number,
        emotion_class=emotion_class,
        score=score_label,
    )
    environment.globals.update(
        plural=plural,
        phrases=phrases,
        emotion_word=EMOTION_WORD,
        SEVERITIES=SEVERITY_ORDER,
        version=__version__,
    )
    return environment


def inline_script(text: str) -> tuple[Markup, str]:
    """Our own script ``text``, to inline, and the CSP source that allows exactly it."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"'sha256-{digest}'"  # our own script


@functools.cache
def _environment() -> Environment:
    environment = page_environment(PackageLoader("cjm.report", "templates"))
    environment.globals.update(
        counted=counted,
        curve=curve_markup,
        overlay=overlay_markup,
        cw=compare_words,
        path_spans=path_spans,
        SCORES=SCORES,
        LEVELS=LEVELS,
        EFFORTS=EFFORTS,
        css=Markup(template_text("cjm.report", "report.css")),  # our own stylesheet
    )
    return environment


@functools.cache
def _script() -> tuple[Markup, str]:
    """The report's one script and the CSP source that allows exactly it."""
    return inline_script(template_text("cjm.report", "filter.js"))


def grid_rows(report: Report) -> frozenset[str]:
    """The optional rows of the report's grid (see :data:`cjm.report.grid.OPTIONAL_ROWS`)."""
    shown = {
        "path": report.branches,
        "artifacts": report.has_artifacts,
        "time": report.has_times,
        "policies": report.has_policies,
    }
    return frozenset(name for name, on in shown.items() if on)


def render_report(report: Report, pairing: Pairing | None = None) -> str:
    """The page of an already built :class:`Report`; ``pairing`` links it to its paired
    map's report and, for a future-state map, adds what changes against its current
    state."""
    script, source = _script()
    template = _environment().get_template("report.html.j2")
    return template.render(
        r=report,
        pair=pair_view(pairing),
        script=script,
        csp=f"{BASE_POLICY}; script-src {source}",
        screen=chunks(report.columns, max(1, len(report.columns)))[0] if report.columns else None,
        printed=print_chunks(report.columns, report.blueprint, grid_rows(report)),
    )


def html_report(
    context: RenderContext,
    findings: list[Diagnostic],
    today: datetime.date,
    stale_after_days: int | None,
    pairing: Pairing | None = None,
) -> str:
    """The self-contained report page of one map.

    ``findings`` are the validation and lint diagnostics of the map's file; ``today`` is
    the date staleness is judged on, and ``stale_after_days`` the review interval of a map
    that sets no ``review_cadence`` (None: such a map is never called stale);
    ``pairing`` says which map it is paired with (:mod:`cjm.compare`).
    """
    return render_report(build_report(context, findings, today, stale_after_days), pairing)
