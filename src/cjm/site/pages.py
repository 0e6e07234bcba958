"""The pages of the workspace site, each rendered from the portfolio it presents.

:func:`site_pages` returns every page as a file name and its HTML; the render pipeline
writes them beside the map reports. Pages present what :class:`~cjm.portfolio.Portfolio`
holds and work out nothing of their own beyond grouping it for display.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from cjm.portfolio.build import stage_column
from cjm.portfolio.facts import (
    HandoffRow,
    Journey,
    JourneyRef,
    PersonaPage,
    Portfolio,
    TeamPage,
)
from cjm.report.facts import StageView
from cjm.site import backlog, board, names
from cjm.site.backlog import BacklogRows
from cjm.site.charts import sparkline
from cjm.site.environment import environment
from cjm.site.register import COLUMNS, STATUS_ORDER, RegisterRows
from cjm.site.search import search_index
from cjm.site.summary import (
    handoff_counts,
    owned_steps,
    persona_journeys,
    shortlist,
    steps_by_journey,
    undescribed,
    worst_felt,
)


@dataclass(frozen=True)
class Page:
    name: str  # the file name, in the site's folder
    html: str


@dataclass(frozen=True)
class StagePair:
    """A stage of a current-state map beside the stage of the same name in its future
    state (either may be missing)."""

    name: str
    current: StageView | None
    future: StageView | None


def report_link(ref: JourneyRef, anchor: str = "") -> str | None:
    """The link to a journey's report (at ``anchor``), None when the site has none."""
    if ref.report is None:
        return None
    return f"{ref.report}#{anchor}" if anchor else ref.report


def stage_pairs(current: Journey, future: Journey) -> list[StagePair]:
    """The stages of both maps matched by name (as the channel matrix matches them), in
    the current state's order, then the future state's new stages."""
    theirs = {stage_column(s.name): s for s in future.report.stages}
    pairs = []
    for stage in current.report.stages:
        pairs.append(StagePair(stage.name, stage, theirs.pop(stage_column(stage.name), None)))
    pairs += [StagePair(s.name, None, s) for s in theirs.values()]
    return pairs


def counts(values: list[str]) -> list[tuple[str, int]]:
    """How often each value occurs, most first, then by name."""
    return sorted(Counter(values).items(), key=lambda item: (-item[1], item[0].casefold()))


def _team_link(portfolio: Portfolio) -> Any:
    teams = {t.id for t in portfolio.teams}
    return lambda team_id: names.team_page(team_id) if team_id in teams else None


def _render(template: str, portfolio: Portfolio, here: str, **values: Any) -> str:
    team_link = _team_link(portfolio)
    return (
        environment()
        .get_template(template)
        .render(
            p=portfolio,
            here=here,
            nav=names.NAV,
            names=names,
            report_link=report_link,
            team_link=team_link,
            backlog=BacklogRows(report_link, team_link),
            backlog_columns=backlog.COLUMNS,
            **values,
        )
    )


def site_pages(portfolio: Portfolio) -> list[Page]:
    """Every page of the site, home page first."""
    filters = pain_filters(portfolio)
    pages = [
        Page(names.HOME, _home(portfolio)),
        Page(names.PAINS, _register(portfolio, filters)),
        Page(names.OPPORTUNITIES, _opportunities(portfolio)),
        Page(
            names.KPIS,
            _render(
                "kpis.html.j2",
                portfolio,
                names.KPIS,
                columns=board.COLUMNS,
                rows=board.kpi_rows(portfolio.kpis, report_link),
            ),
        ),
        Page(names.TEAMS, _render("teams.html.j2", portfolio, names.TEAMS)),
        Page(names.PERSONAS, _render("personas.html.j2", portfolio, names.PERSONAS)),
        Page(
            names.CHANNELS,
            _render("channels.html.j2", portfolio, names.CHANNELS, by_journey=steps_by_journey),
        ),
        Page(
            names.SEARCH,
            _render("search.html.j2", portfolio, names.SEARCH, index=search_index(portfolio)),
        ),
    ]
    for team in portfolio.teams:
        pages.append(Page(names.team_page(team.id), _team(portfolio, team)))
    for persona in portfolio.personas:
        pages.append(Page(names.persona_page(persona.id), _persona(portfolio, persona)))
    for future in portfolio.journeys:
        current = portfolio.journey(future.current_state) if future.current_state else None
        if current is None:
            continue
        html = _render(
            "compare.html.j2",
            portfolio,
            "",
            current=current,
            future=future,
            pairs=stage_pairs(current, future),
        )
        pages.append(Page(names.compare_page(future.id), html))
    return pages


@dataclass(frozen=True)
class Filter:
    """A filter of the pain-point register: the rows' attribute and the values to pick."""

    key: str
    label: str
    values: list[str]


# The value a row without an owner files under.
NO_OWNER = "no owner"


def pain_filters(portfolio: Portfolio) -> list[Filter]:
    """The register's filters, each with the values its rows hold, in a stable order."""
    pains = portfolio.pains
    severities = {p.pain.severity: p.pain.rank for p in pains}

    def distinct(values: list[str]) -> list[str]:
        return sorted(set(values), key=lambda v: (v.casefold(), v))

    return [
        Filter("severity", "Severity", sorted(severities, key=lambda s: (-severities[s], s))),
        Filter(
            "status",
            "Status",
            sorted(
                {p.pain.status for p in pains},
                key=lambda s: (STATUS_ORDER.get(s, len(STATUS_ORDER)), s),
            ),
        ),
        Filter("owner", "Owner", distinct([p.pain.owner or NO_OWNER for p in pains])),
        Filter("journey", "Journey", distinct([p.journey.title for p in pains])),
        Filter("stage", "Stage", distinct([p.pain.stage for p in pains])),
        # Every persona, named by a pain point or not: a pain point that names no persona
        # hurts them all, so picking any persona shows at least those.
        Filter(
            "persona",
            "Persona",
            distinct([n for p in pains for n in p.personas] + [p.name for p in portfolio.personas]),
        ),
        Filter("channel", "Channel", distinct([c for p in pains for c in p.channels])),
    ]


def _home(portfolio: Portfolio) -> str:
    journeys = portfolio.journeys
    return _render(
        "index.html.j2",
        portfolio,
        names.HOME,
        by_type=counts([j.ref.type_label for j in journeys]),
        by_owner=counts([j.ref.owner for j in journeys]),
        by_tag=counts([tag for j in journeys for tag in j.tags]),
        untagged=sum(not j.tags for j in journeys),
        stale=sorted(portfolio.stale, key=lambda j: -j.report.review.overdue_days),
        moments=portfolio.moments[:12],
        # Least backed first; a journey without steps has nothing to back, and goes last.
        by_evidence=sorted(journeys, key=lambda j: (j.steps.share is None, j.steps.share or 0)),
    )


def _opportunities(portfolio: Portfolio) -> str:
    rows = portfolio.opportunities
    return _render(
        "opportunities.html.j2",
        portfolio,
        names.OPPORTUNITIES,
        ranked=[r for r in rows if r.position is not None],
        unsized=[r for r in rows if not r.sized and not r.settled],
        settled=[r for r in rows if r.settled],
    )


def _register(portfolio: Portfolio, filters: list[Filter]) -> str:
    personas = {j.id: [v.name for v in j.report.personas] for j in portfolio.journeys}
    writer = RegisterRows(
        report_link, _team_link(portfolio), [(f.key, f.values) for f in filters], personas
    )
    return _render(
        "pain-points.html.j2",
        portfolio,
        names.PAINS,
        filters=filters,
        columns=COLUMNS,
        rows=writer.rows(portfolio.pains, NO_OWNER),
    )


def _team(portfolio: Portfolio, team: TeamPage) -> str:
    # The register files a pain point under its owner's name as the pain point gives it.
    owner = team.pains[0].pain.owner if team.pains else None
    return _render(
        "team.html.j2",
        portfolio,
        names.TEAMS,
        team=team,
        steps=owned_steps(team.steps),
        worst=shortlist(team.open_pains),
        all_open=names.register_filtered(owner=owner, status="open") if owner else None,
        opportunities=shortlist(team.opportunities),
        handoffs_in=_handoffs(team.handoffs_in, "from"),
        handoffs_out=_handoffs(team.handoffs_out, "to"),
    )


def _handoffs(rows: list[HandoffRow], way: str) -> dict[str, Any]:
    return {"counts": handoff_counts(rows, way), "missing": shortlist(undescribed(rows))}


def _persona(portfolio: Portfolio, persona: PersonaPage) -> str:
    def in_register(**values: str) -> str:
        return names.register_filtered(persona=persona.name, **values)

    return _render(
        "persona.html.j2",
        portfolio,
        names.PERSONAS,
        persona=persona,
        sparkline=sparkline,
        curves=shortlist(worst_felt(persona.journeys)),
        journeys=persona_journeys(persona),
        worst=shortlist([row for row in persona.pains if row.is_open]),
        in_register=in_register,
    )
