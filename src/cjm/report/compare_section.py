"""What the HTML report's "What changes" section and its masthead need from a
:class:`~cjm.compare.Pairing`: links to the paired reports, and each persona's overlaid
curve with the persona's colour."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from cjm.compare import MapRef, Pairing, PersonaEmotions
from cjm.report.compare_curve import overlay_svg
from cjm.report.facts import Report
from cjm.report.links import safe_relative

REPORT_NAME = "{id}-report.html"
UNCOVERED_FILL = "#52606d"  # a persona the future map does not cover has no mark of its own


@dataclass(frozen=True)
class PairLink:
    """A paired map as the masthead names it: its report's address when that report is
    made in the same run, else None (the map is named as text)."""

    ref: MapRef
    href: str | None


def pair_link(ref: MapRef, name_pattern: str = REPORT_NAME) -> PairLink:
    href = safe_relative(name_pattern.format(id=ref.map_id)) if ref.rendered else None
    return PairLink(ref, href)


@dataclass(frozen=True)
class PairView:
    """The pairing with the links worked out."""

    pairing: Pairing
    current: PairLink | None
    futures: tuple[PairLink, ...]


def pair_view(pairing: Pairing | None) -> PairView | None:
    if pairing is None or pairing.empty:
        return None
    current = pair_link(pairing.current) if pairing.current is not None else None
    return PairView(pairing, current, tuple(pair_link(f) for f in pairing.futures))


def overlay_markup(report: Report, pairing: Pairing, persona: PersonaEmotions) -> Markup:
    """The persona's two curves as SVG, built by :func:`overlay_svg`, which escapes every
    user text."""
    assert pairing.comparison is not None
    fill = next((p.fill for p in report.personas if p.id == persona.persona_id), UNCOVERED_FILL)
    chart_id = f"overlay-{persona.persona_id}"
    return Markup(overlay_svg(pairing.comparison, persona, fill, chart_id))
