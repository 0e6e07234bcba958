"""The file names of the site's pages, all in one folder beside the map reports.

Ids are slugs (the model checks them), so a page named after one is a plain file name.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

HOME = "index.html"
PAINS = "pain-points.html"
OPPORTUNITIES = "opportunities.html"
TEAMS = "teams.html"
PERSONAS = "personas.html"
CHANNELS = "channels.html"
KPIS = "kpis.html"
SEARCH = "search.html"

# The shared header's links, in order.
NAV = (
    (HOME, "Overview"),
    (PAINS, "Pain points"),
    (OPPORTUNITIES, "Opportunities"),
    (KPIS, "KPIs"),
    (TEAMS, "Teams"),
    (PERSONAS, "Personas"),
    (CHANNELS, "Channels"),
)


def team_page(team_id: str) -> str:
    return f"team-{team_id}.html"


def persona_page(persona_id: str) -> str:
    return f"persona-{persona_id}.html"


def compare_page(future_id: str) -> str:
    """The page setting a future-state map beside the current state it improves on."""
    return f"compare-{future_id}.html"


def register_filtered(**values: str) -> str:
    """The register's page with its filters set from the query: the site's script picks
    ``values`` (filter key to value, as the filter offers it) when the page opens."""
    query = urlencode(values, quote_via=quote)
    return f"{PAINS}?{query}" if query else PAINS
