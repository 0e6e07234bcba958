"""The portfolio: questions that cross the maps of a workspace, answered once.

:func:`gather` takes checked maps to portfolio inputs, :func:`build_portfolio` joins them
into a :class:`Portfolio`; the workspace site and the exports present it.
"""

from cjm.portfolio.build import MapInput, build_portfolio
from cjm.portfolio.facts import (
    Journey,
    JourneyRef,
    KpiRow,
    OpportunityRow,
    PainRow,
    PersonaPage,
    Portfolio,
    TeamPage,
    row_key,
)
from cjm.portfolio.inputs import Gathered, gather, stale_after_days, workspace_title
from cjm.render.context import context_of

__all__ = [
    "Gathered",
    "Journey",
    "JourneyRef",
    "KpiRow",
    "MapInput",
    "OpportunityRow",
    "PainRow",
    "PersonaPage",
    "Portfolio",
    "TeamPage",
    "build_portfolio",
    "context_of",
    "gather",
    "row_key",
    "stale_after_days",
    "workspace_title",
]
