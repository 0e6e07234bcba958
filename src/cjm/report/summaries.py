"""The report's overviews, made from the views of a map's parts once they are built: the
emotional curves with their peaks and valleys, what each team owns, the opportunity
matrix, evidence coverage and the lint findings in reading order.

Like :mod:`cjm.report.build`, nothing here knows about markup.
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

from cjm.diagnostics import Diagnostic
from cjm.model.paths import turning_points
from cjm.render.context import RenderContext
from cjm.report.facts import (
    EFFORTS,
    LEVELS,
    QUADRANT,
    SEVERITY_ORDER,
    STATUS_ORDER,
    Backing,
    Column,
    CoverageRow,
    Curve,
    CurvePoint,
    FindingView,
    MatrixCell,
    OpportunityView,
    PainView,
    PersonaView,
    StageView,
    TeamView,
)


def curves(
    personas: list[PersonaView], columns: list[Column], routes: list[list[int]] | None = None
) -> list[Curve]:
    """Each persona's scores over the grid's columns, with the peaks and valleys of their
    own path: the steps they take, in order (a step they do not take is no neighbour).

    ``routes`` are the ways through the map as step numbers, the main line first (default:
    every step in order). The line joins two steps only where a route goes from one to the
    other and the persona takes both: the main route's links are drawn as before, the
    links only other routes take (into and out of branches, over a skipped optional step)
    apart, and two alternatives are never joined as if consecutive. Peaks and valleys are
    those of the persona's main route; a step off it gets those of the first route that
    takes it.
    """
    numbers = [c.step.number for c in columns if c.step is not None]
    routes = routes or [numbers]
    found = []
    for persona in personas:
        points: list[CurvePoint] = []
        for index, column in enumerate(columns):
            step = column.step
            if step is None:
                continue
            mark = next((m for m in step.emotions if m.persona_id == persona.id), None)
            points.append(
                CurvePoint(
                    index,
                    step.number,
                    step.action,
                    mark.score if mark is not None else None,
                    mark.label if mark is not None else None,
                    takes=mark is not None,
                    branch=(step.branch.condition or step.branch.id) if step.branch else None,
                )
            )
        by_number = {p.step_number: n for n, p in enumerate(points)}
        main_links: list[tuple[int, int]] = []
        other_links: list[tuple[int, int]] = []
        decided: set[int] = set()
        for route_number, route in enumerate(routes):
            # A step the persona does not take breaks the route: it is no neighbour.
            at = [by_number[n] for n in route if n in by_number]
            for a, b in itertools.pairwise(at):
                if points[a].score is None or points[b].score is None:
                    continue
                link = (points[a].column, points[b].column)
                if route_number == 0:
                    main_links.append(link)
                elif link not in main_links and link not in other_links:
                    other_links.append(link)
            path = [n for n in at if points[n].takes]
            for index, extreme in turning_points([points[n].score for n in path]).items():
                if path[index] not in decided:
                    points[path[index]] = dataclasses.replace(points[path[index]], extreme=extreme)
            decided.update(path)
        found.append(Curve(persona, points, main_links, other_links))
    return found


def teams(
    context: RenderContext,
    stages: list[StageView],
    opportunities: list[OpportunityView],
    pains: list[PainView] | None = None,
) -> list[TeamView]:
    """What each team owns on the map, the map's owner first; ``pains`` are the map's
    pain points, each once (default: those of the steps, where each is written)."""
    if pains is None:
        pains = [
            p for stage in stages for s in stage.steps for p in s.pains if p.step_number == s.number
        ]
    found: dict[str, TeamView] = {}

    def get(team_id: str) -> TeamView:
        if team_id not in found:
            entity: Any = context.scope.get("team", team_id)
            found[team_id] = TeamView(
                id=team_id,
                name=entity.name if entity is not None else team_id,
                known=entity is not None,
                description=entity.description if entity is not None else None,
                contact=entity.contact if entity is not None else None,
            )
        return found[team_id]

    get(context.journey.owner).owns_map = True
    seen_touchpoints: set[str] = set()
    at_step: dict[int, list[PainView]] = {}
    for pain in pains:
        at_step.setdefault(pain.step_number, []).append(pain)
    for step in (s for stage in stages for s in stage.steps):
        if step.owner_id is not None:
            get(step.owner_id).steps.append(step)
        for touchpoint in step.touchpoints:
            if touchpoint.owner is not None and touchpoint.id not in seen_touchpoints:
                seen_touchpoints.add(touchpoint.id)
                get(touchpoint.owner).touchpoints.append(touchpoint)
        for lane, activities in (
            ("Frontstage", step.frontstage),
            ("Backstage", step.backstage),
            ("Support", step.support),
        ):
            for activity in activities:
                if activity.owner_id is not None:
                    get(activity.owner_id).activities.append((lane, step, activity))
        # Teams are listed in the order the journey meets them: a pain point where it is
        # written, at its first step.
        for pain in at_step.get(step.number, []):
            if pain.owner_id is not None:
                get(pain.owner_id).pains.append(pain)
    # A stage's pain point on a stage without steps is at no step.
    for pain in pains:
        if pain.owner_id is not None and pain.step_number == 0:
            get(pain.owner_id).pains.append(pain)
    for opportunity in opportunities:
        if opportunity.owner_id is not None:
            get(opportunity.owner_id).opportunities.append(opportunity)
    for team in found.values():
        team.pains.sort(key=pain_order)
    return list(found.values())


def matrix(opportunities: list[OpportunityView]) -> list[list[MatrixCell]]:
    """The nine cells of impact (rows, high first) against effort (columns, low first)."""
    return [
        [
            MatrixCell(
                impact,
                effort,
                QUADRANT[(impact, effort)],
                [o for o in opportunities if o.impact == impact and o.effort == effort],
            )
            for effort in EFFORTS
        ]
        for impact in LEVELS
    ]


def coverage(what: str, backings: list[Backing]) -> CoverageRow:
    return CoverageRow(
        what,
        len(backings),
        backings.count("research"),
        backings.count("assumption"),
        backings.count("none"),
        backings.count("weak"),
    )


def pain_order(pain: PainView) -> tuple[int, int, int, int]:
    """Most severe first (a workspace's own severity by the built-in one it counts as,
    after that built-in one itself), then open before mitigated before resolved, then
    journey order."""
    return (
        -pain.rank,
        pain.severity not in SEVERITY_ORDER,
        STATUS_ORDER.index(pain.status),
        pain.step_number,
    )


def severities(pains: list[PainView]) -> list[tuple[str, str]]:
    """The severities the legend and counts show, worst first: the four built-in ones,
    and each workspace word the map uses after the built-in one it counts as."""
    own = sorted(
        {(p.severity, p.level, p.rank) for p in pains if p.severity not in SEVERITY_ORDER},
        key=lambda item: (-item[2], item[0]),
    )
    found: list[tuple[str, str]] = []
    for builtin in SEVERITY_ORDER:
        found.append((builtin, builtin))
        found.extend((word, level) for word, level, _ in own if level == builtin)
    return found


def findings(diagnostics: list[Diagnostic]) -> list[FindingView]:
    """The findings, most severe first, then in the order of the file."""
    ordered = sorted(
        diagnostics,
        key=lambda d: (-d.severity.rank, d.line, d.column, d.code.code, d.message),
    )
    return [
        FindingView(
            code=d.code.code,
            name=d.code.name,
            severity=d.severity.value,
            line=d.line,
            column=d.column,
            message=d.message,
            hint=d.hint,
        )
        for d in ordered
    ]
