"""The report's overviews, made from the views of a map's parts once they are built: the
emotional curves with their peaks and valleys, what each team owns, the opportunity
matrix, evidence coverage and the lint findings in reading order.

Like :mod:`cjm.report.build`, nothing here knows about markup.
"""

from __future__ import annotations

import dataclasses
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


def curves(personas: list[PersonaView], columns: list[Column]) -> list[Curve]:
    """Each persona's scores over the grid's columns, with the peaks and valleys of their
    own path: the steps they take, in order (a step they do not take is no neighbour)."""
    found = []
    for persona in personas:
        points = []
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
                )
            )
        path = [n for n, point in enumerate(points) if point.takes]
        for at, extreme in turning_points([points[n].score for n in path]).items():
            points[path[at]] = dataclasses.replace(points[path[at]], extreme=extreme)
        found.append(Curve(persona, points))
    return found


def teams(
    context: RenderContext, stages: list[StageView], opportunities: list[OpportunityView]
) -> list[TeamView]:
    """What each team owns on the map, the map's owner first."""
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
        for pain in step.pains:
            if pain.owner_id is not None:
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
    )


def pain_order(pain: PainView) -> tuple[int, int, int]:
    """Most severe first, then open before mitigated before resolved, then journey order."""
    return (
        SEVERITY_ORDER.index(pain.severity),
        STATUS_ORDER.index(pain.status),
        pain.step_number,
    )


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
