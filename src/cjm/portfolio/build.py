"""Building a :class:`~cjm.portfolio.facts.Portfolio` from the report facts of each map.

Every value comes from a map's :class:`~cjm.report.facts.Report`, built once: the
register's severities and statuses, the backlog's impact and effort, the KPI verdicts and
the curves are exactly what each map's own report shows. This module only joins them
across maps: by stable keys (``<map-id>/<id>``), by team and persona ids, and by stage
name for the channel matrix.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from cjm.diagnostics import Diagnostic, Severity
from cjm.portfolio.facts import (
    EFFORT_ORDER,
    IMPACT_ORDER,
    AddressedBy,
    Backed,
    ChannelCell,
    ChannelMatrix,
    FindingCounts,
    HandoffRow,
    Journey,
    JourneyRef,
    KpiRow,
    Moment,
    OpportunityRow,
    PainRow,
    PersonaJourney,
    PersonaPage,
    Portfolio,
    TeamPage,
    row_key,
)
from cjm.render.context import RenderContext
from cjm.report.facts import (
    QUADRANT,
    SEVERITY_ORDER,
    STATUS_ORDER,
    CoverageRow,
    OpportunityView,
    Report,
    StepView,
)


@dataclass(frozen=True)
class MapInput:
    """One map as the portfolio takes it: its resolved context, its report facts, its
    findings, and the file name of its report page when the site writes one."""

    context: RenderContext
    report: Report
    path: str
    findings: Sequence[Diagnostic] = ()
    report_file: str | None = None
    # Channel ids to the names the workspace gives them (built-in channels keep their id).
    channel_names: Mapping[str, str] = field(default_factory=dict)


def build_portfolio(
    maps: Iterable[MapInput],
    title: str,
    today: datetime.date,
    left_out: Iterable[tuple[str, str]] = (),
) -> Portfolio:
    """Join the maps into one portfolio. ``left_out`` names the maps that could not join
    (their display path and why), so every page can say what it does not cover."""
    inputs = sorted(maps, key=lambda m: (m.report.title.casefold(), m.report.id))
    journeys = [_journey(item) for item in inputs]
    _pair_up(journeys)
    refs = {j.id: j.ref for j in journeys}
    pain_rows = [row for item in inputs for row in _pain_rows(item, refs[item.report.id])]
    by_key = {row.key: row for row in pain_rows}
    opportunities = _opportunities(inputs, refs, by_key)
    pain_rows = _with_addressers(pain_rows, opportunities)
    by_key = {row.key: row for row in pain_rows}
    opportunities = [_relink(row, by_key) for row in opportunities]
    pain_rows.sort(key=_pain_order)
    handoffs = [h for item in inputs for h in _handoffs(item, refs[item.report.id])]
    return Portfolio(
        title=title,
        today=today,
        journeys=journeys,
        pains=pain_rows,
        opportunities=opportunities,
        kpis=[
            KpiRow(row_key(item.report.id, kpi.id), refs[item.report.id], kpi)
            for item in inputs
            for kpi in item.report.kpis
        ],
        teams=_teams(inputs, refs, pain_rows, opportunities, handoffs),
        personas=_personas(inputs, refs, pain_rows),
        moments=_moments(inputs, refs),
        channels=_channels(inputs, refs),
        handoffs=handoffs,
        left_out=list(left_out),
    )


# -- journeys -------------------------------------------------------------------------------


def _journey(item: MapInput) -> Journey:
    report = item.report
    ref = JourneyRef(
        id=report.id,
        title=report.title,
        type=report.type,
        type_label=report.type_label,
        owner=report.owner,
        owner_id=report.owner_id,
        report=item.report_file,
    )
    return Journey(
        ref=ref,
        report=report,
        path=item.path,
        findings=_counts(item.findings),
        steps=_backed(report.coverage, "Steps"),
        pain_evidence=_backed(report.coverage, "Pain points"),
        tags=tuple(report.tags),
        current_state=report.current_state,
    )


def _counts(findings: Iterable[Diagnostic]) -> FindingCounts:
    severities = [d.severity for d in findings]
    return FindingCounts(
        severities.count(Severity.ERROR),
        severities.count(Severity.WARNING),
        severities.count(Severity.INFO),
    )


def _backed(rows: list[CoverageRow], what: str) -> Backed:
    row = next((r for r in rows if r.what == what), None)
    if row is None:
        return Backed(0, 0, 0, 0, 0)
    return Backed(row.total, row.research, row.weak, row.assumption, row.none)


def _pair_up(journeys: list[Journey]) -> None:
    """Give each current-state map the future-state maps that name it."""
    by_id = {j.id: j for j in journeys}
    for journey in journeys:
        current = by_id.get(journey.current_state) if journey.current_state else None
        if current is not None:
            current.future_states = (*current.future_states, journey.id)


# -- pain points and opportunities --------------------------------------------------------------


def _pain_rows(item: MapInput, ref: JourneyRef) -> list[PainRow]:
    steps = {step.number: step for step in item.report.steps}
    rows = []
    for pain in item.report.pains:
        numbers = [place.step_number for place in pain.covers] or [pain.step_number]
        channels: dict[str, None] = {}
        for number in numbers:
            step = steps.get(number)
            for touchpoint in step.touchpoints if step is not None else []:
                if touchpoint.channel is not None:
                    name = item.channel_names.get(touchpoint.channel, touchpoint.channel)
                    channels[name] = None
        rows.append(
            PainRow(
                key=row_key(ref.id, pain.id),
                journey=ref,
                pain=pain,
                channels=tuple(channels),
                personas=tuple(pain.personas),
                addressed_by=(),
            )
        )
    return rows


def _targets(item: MapInput, opportunity: OpportunityView) -> list[tuple[str, str]]:
    """The keys of the pain points ``opportunity`` addresses, with their ids: on its own
    map, or on the current-state map its future-state map improves on."""
    found = []
    for ref in opportunity.addresses:
        owner = item.report.id if ref.here else ref.current_state
        found.append((row_key(owner or item.report.id, ref.id), ref.id))
    return found


def _opportunities(
    inputs: list[MapInput], refs: Mapping[str, JourneyRef], pains: Mapping[str, PainRow]
) -> list[OpportunityRow]:
    rows = []
    for item in inputs:
        own = refs[item.report.id]
        for opportunity in item.report.opportunities:
            targets = _targets(item, opportunity)
            addressed = tuple(pains[key] for key, _ in targets if key in pains)
            unknown = tuple(key for key, _ in targets if key not in pains)
            touched = {own.id: own}
            for pain in addressed:
                touched.setdefault(pain.journey.id, pain.journey)
            impact, effort = opportunity.impact, opportunity.effort
            sized = impact is not None and effort is not None
            rows.append(
                OpportunityRow(
                    key=row_key(own.id, opportunity.id),
                    journey=own,
                    opportunity=opportunity,
                    pains=addressed,
                    unknown_pains=unknown,
                    journeys=tuple(touched.values()),
                    quadrant=QUADRANT.get((impact or "", effort or "")) if sized else None,
                )
            )
    rows.sort(key=_backlog_order)
    position = 0
    ranked = []
    for row in rows:
        if row.sized and not row.settled:
            position += 1
            ranked.append(replace(row, position=position))
        else:
            ranked.append(row)
    return ranked


def _backlog_order(row: OpportunityRow) -> tuple[object, ...]:
    """Active sized opportunities first, by impact (high first), then effort (low
    first), then the worst open pain point they relieve, then how many; then active
    unsized ones; then done and dropped ones."""
    opportunity = row.opportunity
    group = 2 if row.settled else 0 if row.sized else 1
    return (
        group,
        IMPACT_ORDER.index(opportunity.impact) if opportunity.impact in IMPACT_ORDER else 3,
        EFFORT_ORDER.index(opportunity.effort) if opportunity.effort in EFFORT_ORDER else 3,
        -row.worst_pain,
        -sum(p.is_open for p in row.pains),
        row.journey.title.casefold(),
        opportunity.number,
    )


def _with_addressers(pains: list[PainRow], opportunities: list[OpportunityRow]) -> list[PainRow]:
    addressers: dict[str, list[AddressedBy]] = {}
    for row in opportunities:
        for pain in row.pains:
            addressers.setdefault(pain.key, []).append(
                AddressedBy(
                    row.key,
                    row.journey,
                    row.opportunity.id,
                    row.opportunity.summary,
                    row.opportunity.status,
                )
            )
    return [
        PainRow(p.key, p.journey, p.pain, p.channels, p.personas, tuple(addressers.get(p.key, ())))
        for p in pains
    ]


def _relink(row: OpportunityRow, pains: Mapping[str, PainRow]) -> OpportunityRow:
    """``row`` pointing at the pain rows that know who addresses them."""
    return replace(row, pains=tuple(pains[p.key] for p in row.pains))


def _pain_order(row: PainRow) -> tuple[object, ...]:
    pain = row.pain
    return (
        -pain.rank,
        pain.severity not in SEVERITY_ORDER,
        STATUS_ORDER.index(pain.status) if pain.status in STATUS_ORDER else len(STATUS_ORDER),
        row.journey.title.casefold(),
        row.journey.id,
        pain.step_number,
    )


# -- teams, handoffs and personas -----------------------------------------------------------------


def _handoffs(item: MapInput, ref: JourneyRef) -> list[HandoffRow]:
    found = []
    for step in item.report.steps:
        for handoff in step.handoffs:
            found.append(
                HandoffRow(
                    journey=ref,
                    step=step,
                    from_team=handoff.from_owner,
                    to_team=step.owner or "",
                    described=handoff.described,
                    waived=handoff.waived,
                )
            )
    return found


def _teams(
    inputs: list[MapInput],
    refs: Mapping[str, JourneyRef],
    pains: list[PainRow],
    opportunities: list[OpportunityRow],
    handoffs: list[HandoffRow],
) -> list[TeamPage]:
    teams: dict[str, TeamPage] = {}
    for item in inputs:
        ref = refs[item.report.id]
        for view in item.report.teams:
            team = teams.get(view.id)
            if team is None:
                team = teams[view.id] = TeamPage(
                    view.id, view.name, view.known, view.description, view.contact
                )
            elif not team.known and view.known:
                team.name, team.known = view.name, True
                team.description, team.contact = view.description, view.contact
            if view.owns_map:
                team.journeys.append(ref)
            team.steps.extend((ref, step) for step in view.steps)
    for pain in pains:
        if pain.pain.owner_id in teams:
            teams[pain.pain.owner_id].pains.append(pain)
    for row in opportunities:
        if row.opportunity.owner_id in teams:
            teams[row.opportunity.owner_id].opportunities.append(row)
    by_name: dict[tuple[str, str], TeamPage] = {}
    for item in inputs:
        for view in item.report.teams:
            by_name[(item.report.id, view.name)] = teams[view.id]
    for handoff in handoffs:
        giver = by_name.get((handoff.journey.id, handoff.from_team))
        taker = by_name.get((handoff.journey.id, handoff.to_team))
        if giver is not None:
            giver.handoffs_out.append(handoff)
        if taker is not None:
            taker.handoffs_in.append(handoff)
    return sorted(
        teams.values(),
        key=lambda t: (-len(t.open_pains), -len(t.journeys), t.name.casefold(), t.id),
    )


def _personas(
    inputs: list[MapInput], refs: Mapping[str, JourneyRef], pains: list[PainRow]
) -> list[PersonaPage]:
    personas: dict[str, PersonaPage] = {}
    on_journey: dict[str, set[str]] = {}
    for item in inputs:
        ref = refs[item.report.id]
        for view in item.report.personas:
            page = personas.get(view.id)
            if page is None:
                page = personas[view.id] = PersonaPage(
                    view.id, view.name, view.role, view.known, view.description
                )
            on_journey.setdefault(view.id, set()).add(ref.id)
        for curve in item.report.curves:
            if curve.persona.id in personas:
                personas[curve.persona.id].journeys.append(PersonaJourney(ref, curve))
    for page in personas.values():
        journeys = on_journey.get(page.id, set())
        page.pains = [
            p
            for p in pains
            if p.journey.id in journeys and (page.name in p.personas or not p.personas)
        ]
    return sorted(personas.values(), key=lambda p: (p.name.casefold(), p.id))


def _moments(inputs: list[MapInput], refs: Mapping[str, JourneyRef]) -> list[Moment]:
    """Every point where a persona feels negative, worst first."""
    found = []
    for item in inputs:
        ref = refs[item.report.id]
        steps = {step.number: step for step in item.report.steps}
        for curve in item.report.curves:
            for point in curve.points:
                step = steps.get(point.step_number)
                if point.score is None or point.score >= 0 or step is None:
                    continue
                mark = next((m for m in step.emotions if m.persona_id == curve.persona.id), None)
                found.append(
                    Moment(
                        journey=ref,
                        step=step,
                        persona=curve.persona.name,
                        score=point.score,
                        label=point.label,
                        note=mark.note if mark is not None else None,
                        open_pains=_open_at(step),
                    )
                )
    found.sort(key=lambda m: (m.score, -m.open_pains, m.journey.title.casefold(), m.step.number))
    return found


def _open_at(step: StepView) -> int:
    return sum(pain.status == "open" for pain in step.pains)


# -- channels -------------------------------------------------------------------------------


def stage_column(name: str) -> str:
    """The matrix column a stage name falls in: case and spacing do not make a new one."""
    return re.sub(r"\s+", " ", name).strip().casefold()


def _channels(inputs: list[MapInput], refs: Mapping[str, JourneyRef]) -> ChannelMatrix:
    columns: dict[str, str] = {}  # column key -> the name first met
    steps: dict[tuple[str, str], int] = {}
    places: dict[tuple[str, str], list[tuple[JourneyRef, StepView]]] = {}
    journeys: dict[tuple[str, str], dict[str, None]] = {}
    untouched: dict[str, int] = {}
    channels: dict[str, None] = {}
    for item in inputs:
        for stage in item.report.stages:
            column = columns.setdefault(stage_column(stage.name), stage.name)
            for step in stage.steps:
                used = {
                    item.channel_names.get(t.channel, t.channel)
                    for t in step.touchpoints
                    if t.channel is not None
                }
                if not used:
                    untouched[column] = untouched.get(column, 0) + 1
                for channel in used:
                    channels[channel] = None
                    steps[(channel, column)] = steps.get((channel, column), 0) + 1
                    places.setdefault((channel, column), []).append((refs[item.report.id], step))
                    journeys.setdefault((channel, column), {})[item.report.title] = None
    ordered = sorted(
        channels, key=lambda c: (-sum(n for (ch, _), n in steps.items() if ch == c), c)
    )
    return ChannelMatrix(
        stages=list(columns.values()),
        channels=ordered,
        cells={
            key: ChannelCell(count, tuple(journeys[key]), tuple(places[key]))
            for key, count in steps.items()
        },
        untouched=untouched,
    )
