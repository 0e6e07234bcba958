"""The search index of the site: every journey, stage, step, pain point, opportunity,
persona, team and KPI as a line of text and the page that shows it.

The index is embedded once, in ``search.html``, as a JSON data block our script reads;
the search box on every page sends its words there. To keep the page small for hundreds
of maps, an entry is a short array (kind, text, journey, target), and every text, and
every journey's title and report file, is written once, with entries pointing at them
by position. A target is an id in the journey's report, which the script prefixes by
kind (``#step-`` for a step), or a page of the site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup

from cjm.display import reveal_bidi_controls
from cjm.portfolio.facts import JourneyRef, Portfolio
from cjm.site.names import compare_page, persona_page, team_page

# The kinds of entry, as the index writes them and the search page names them.
KINDS = {
    "j": "Journey",
    "s": "Stage",
    "t": "Step",
    "p": "Pain point",
    "o": "Opportunity",
    "e": "Persona",
    "m": "Team",
    "k": "KPI",
}


# Where an entry of each kind points in its journey's report: an anchor made of this
# prefix and the entry's id ("" adds nothing: the anchor is the prefix alone).
ANCHORS = {
    "j": "#top",
    "s": "#journey",
    "t": "#step-",
    "p": "#pain-",
    "o": "#opp-",
    "k": "#kpi-",
}


@dataclass(frozen=True)
class SearchIndex:
    """Journeys as ``[title, report file or ""]``; entries as ``[kind, text, journey
    position or -1, target]``, where a target ending in ``.html`` is a page of the site
    and any other is the id of the entry in the journey's report (see :data:`ANCHORS`)."""

    journeys: list[list[str]]
    entries: list[list[object]]

    def as_json(self) -> Markup:
        """The index as JSON fit to sit in a ``<script type="application/json">`` block:
        no ``<``, ``>`` or ``&`` is left for the HTML parser to see, and bidirectional
        controls are shown as the pages show them."""
        journeys = [[reveal_bidi_controls(title), report] for title, report in self.journeys]
        texts: dict[str, int] = {}
        entries = []
        for kind, text, *rest in self.entries:
            shown = reveal_bidi_controls(str(text))
            entries.append([kind, texts.setdefault(shown, len(texts)), *rest])
        text = json.dumps(
            {"k": KINDS, "a": ANCHORS, "t": list(texts), "j": journeys, "e": entries},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        # Line and paragraph separators end a line in older JavaScript parsers.
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        return Markup(text)  # JSON with every markup character escaped


def search_index(portfolio: Portfolio) -> SearchIndex:
    positions: dict[str, int] = {}
    journeys: list[list[str]] = []
    entries: list[list[object]] = []

    def at(ref: JourneyRef) -> int:
        if ref.id not in positions:
            positions[ref.id] = len(journeys)
            journeys.append([ref.title, ref.report or ""])
        return positions[ref.id]

    for journey in portfolio.journeys:
        place = at(journey.ref)
        entries.append(["j", journey.ref.title, place, ""])
        if journey.current_state:
            entries.append(["j", journey.ref.title, place, compare_page(journey.id)])
        for stage in journey.report.stages:
            entries.append(["s", stage.name, place, ""])
        for step in journey.report.steps:
            entries.append(["t", step.action, place, step.id])
        for kpi in journey.report.kpis:
            entries.append(["k", kpi.name, place, kpi.id])
    for pain in portfolio.pains:
        entries.append(["p", pain.pain.summary, at(pain.journey), pain.pain.id])
    for row in portfolio.opportunities:
        opportunity = row.opportunity
        entries.append(["o", opportunity.summary, at(row.journey), opportunity.id])
    for persona in portfolio.personas:
        text = f"{persona.name} ({persona.role})" if persona.role else persona.name
        entries.append(["e", text, -1, persona_page(persona.id)])
    for team in portfolio.teams:
        entries.append(["m", team.name, -1, team_page(team.id)])
    return SearchIndex(journeys, entries)
