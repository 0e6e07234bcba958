"""From a map and its findings to the facts a report shows.

The HTML and the Markdown report are both made from one :class:`Report` (see
:mod:`cjm.report.facts`), computed once by walking the map. Nothing here knows about
markup, and nothing depends on the clock: ``today`` is given.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from cjm.diagnostics import Diagnostic
from cjm.model import (
    Activity,
    Evidence,
    JourneyMap,
    Kpi,
    MapType,
    Opportunity,
    PainPoint,
    Persona,
    Step,
)
from cjm.render.context import PersonaMark, RenderContext
from cjm.report.facts import (
    EFFORTS,
    LEVELS,
    PERSONA_SECTIONS,
    QUADRANT,
    SEVERITY_ORDER,
    STATUS_ORDER,
    TYPE_LABEL,
    ActivityView,
    Backing,
    Column,
    CoverageRow,
    Curve,
    CurvePoint,
    EmotionMark,
    EvidenceView,
    FindingView,
    KpiView,
    MatrixCell,
    OpportunityView,
    PainRef,
    PainView,
    PersonaView,
    Report,
    Review,
    StageView,
    StepView,
    TeamView,
    TouchpointRef,
)
from cjm.report.formatting import format_number
from cjm.report.links import safe_href


def review_of(journey: JourneyMap, today: datetime.date, stale_after_days: int | None) -> Review:
    cadence = journey.review_cadence
    days = cadence.days if cadence is not None else stale_after_days
    age = (today - journey.reviewed).days
    due = journey.reviewed + datetime.timedelta(days=days) if days is not None else None
    stale = days is not None and age > days
    return Review(
        reviewed=journey.reviewed,
        today=today,
        cadence=cadence.value if cadence is not None else None,
        cadence_days=days,
        due=due,
        stale=stale,
        age_days=age,
        overdue_days=age - days if stale and days is not None else 0,
        in_future=age < 0,
    )


class _Builder:
    """Walks a map once and fills a :class:`Report`."""

    def __init__(
        self,
        context: RenderContext,
        findings: list[Diagnostic],
        today: datetime.date,
        stale_after_days: int | None,
    ) -> None:
        self.context = context
        self.journey = context.journey
        self.findings = findings
        self.today = today
        self.stale_after_days = stale_after_days
        self.evidence: dict[str, EvidenceView] = {}
        self.citations: dict[str, int] = {}
        self.pain_by_id: dict[str, PainView] = {}

    # -- lookups --------------------------------------------------------------------------

    def team(self, team_id: str | None) -> str | None:
        return self.context.team_name(team_id)

    def evidence_of(self, ids: Iterable[str]) -> list[EvidenceView]:
        found = []
        for evidence_id in dict.fromkeys(ids):
            self.citations[evidence_id] = self.citations.get(evidence_id, 0) + 1
            if evidence_id not in self.evidence:
                entry: Evidence | None = self.context.scope.get("evidence", evidence_id)
                self.evidence[evidence_id] = (
                    EvidenceView(
                        id=entry.id,
                        title=entry.title,
                        kind=entry.kind.value,
                        is_assumption=entry.is_assumption,
                        known=True,
                        date=entry.date,
                        sample_size=entry.sample_size,
                        link=entry.link,
                        href=safe_href(entry.link),
                        summary=entry.summary,
                    )
                    if entry is not None
                    else EvidenceView(evidence_id, evidence_id, "unknown", False, False)
                )
            found.append(self.evidence[evidence_id])
        return found

    def touchpoint(self, touchpoint_id: str) -> TouchpointRef:
        found = self.context.touchpoint(touchpoint_id)
        if found is None:
            return TouchpointRef(touchpoint_id, touchpoint_id, None, None, None)
        return TouchpointRef(
            found.id,
            found.name,
            found.channel.value,
            found.effective_mode.value,
            found.owner,
        )

    # -- personas -------------------------------------------------------------------------

    def persona(self, mark: PersonaMark) -> PersonaView:
        entity: Persona | None = self.context.scope.get("persona", mark.persona_id)
        view = PersonaView(
            mark.persona_id, mark.name, mark.initials, mark.fill, mark.text, entity is not None
        )
        if entity is None:
            return view
        view.segment = entity.segment
        view.description = entity.description
        view.quote = entity.quote
        view.demographics = [
            (key.replace("_", " ").capitalize(), _plain(value))
            for key, value in entity.demographics.items()
        ]
        view.sections = [
            (title, list(getattr(entity, name)))
            for name, title in PERSONA_SECTIONS
            if getattr(entity, name)
        ]
        view.evidence = self.evidence_of(entity.evidence)
        return view

    # -- steps ----------------------------------------------------------------------------

    def emotions(self, step: Step) -> list[EmotionMark]:
        found = []
        for mark in self.context.marks:
            if not step.involves(mark.persona_id):
                continue
            emotion = step.emotion_for(mark.persona_id)
            found.append(
                EmotionMark(
                    mark.persona_id,
                    mark.name,
                    mark.initials,
                    mark.fill,
                    mark.text,
                    emotion.score if emotion is not None else None,
                    emotion.label if emotion is not None else None,
                    emotion.note if emotion is not None else None,
                )
            )
        return found

    def activities(self, items: list[Activity]) -> list[ActivityView]:
        return [ActivityView(a.action, self.team(a.owner), a.owner) for a in items]

    def kpi(self, kpi: Kpi, stage: str, step: StepView | None) -> KpiView:
        return KpiView(
            id=kpi.id,
            name=kpi.name,
            target=kpi.target,
            actual=kpi.actual,
            unit=kpi.unit,
            better=kpi.better.value if kpi.better else "",
            source=kpi.source,
            stage=stage,
            step=step.action if step is not None else None,
            step_number=step.number if step is not None else None,
        )

    def pain(self, pain: PainPoint, stage: str, step: StepView) -> PainView:
        view = PainView(
            id=pain.id,
            summary=pain.summary,
            description=pain.description,
            severity=pain.severity.value,
            status=pain.status.value,
            owner=self.team(pain.owner),
            owner_id=pain.owner,
            stage=stage,
            step=step.action,
            step_number=step.number,
            personas=[self.context.persona_name(p) for p in pain.personas],
            evidence=self.evidence_of(pain.evidence),
        )
        self.pain_by_id.setdefault(pain.id, view)
        return view

    def stages(self) -> list[StageView]:
        stages: list[StageView] = []
        number = 0
        previous_owner: str | None = None
        all_personas = len(self.journey.persona_ids)
        for index, stage in enumerate(self.journey.stages):
            view = StageView(
                id=stage.id,
                index=index,
                name=stage.name,
                description=stage.description,
                customer_goal=stage.customer_goal,
                business_goal=stage.business_goal,
                span=max(1, len(stage.steps)),
                steps=[],
                kpis=[],
            )
            view.kpis = [self.kpi(k, stage.name, None) for k in stage.kpis]
            for step in stage.steps:
                number += 1
                takers = [p for p in self.journey.persona_ids if step.involves(p)]
                changed = (
                    step.owner is not None
                    and previous_owner is not None
                    and step.owner != previous_owner
                )
                step_view = StepView(
                    id=step.id,
                    number=number,
                    stage_index=index,
                    action=step.action,
                    description=step.description,
                    owner=self.team(step.owner),
                    owner_id=step.owner,
                    handoff=step.handoff or None,
                    handoff_from=self.team(previous_owner) if changed else None,
                    personas=(
                        [self.context.persona_name(p) for p in takers]
                        if len(takers) < all_personas
                        else []
                    ),
                    touchpoints=[self.touchpoint(t) for t in step.touchpoints],
                    thoughts=list(step.thoughts),
                    emotions=self.emotions(step),
                    actors=list(step.actors),
                    frontstage=self.activities(step.frontstage),
                    backstage=self.activities(step.backstage),
                    support=self.activities(step.support),
                    evidence=self.evidence_of(step.evidence),
                )
                step_view.pains = [self.pain(p, stage.name, step_view) for p in step.pain_points]
                step_view.kpis = [self.kpi(k, stage.name, step_view) for k in step.kpis]
                view.steps.append(step_view)
                if step.owner is not None:
                    previous_owner = step.owner
            stages.append(view)
        return stages

    # -- opportunities --------------------------------------------------------------------

    def opportunities(
        self, stages: list[StageView]
    ) -> tuple[list[OpportunityView], list[OpportunityView]]:
        """Every opportunity, placed at the step of the first pain point it addresses (or
        at its stage); the second list holds those that belong nowhere in the grid."""
        step_of_pain = {p.id: s for st in stages for s in st.steps for p in s.pains}
        stage_by_id = {s.id: s for s in stages}
        views: list[OpportunityView] = []
        unplaced: list[OpportunityView] = []
        for number, opportunity in enumerate(self.journey.opportunities, start=1):
            view = self.opportunity(opportunity, number)
            views.append(view)
            step = next((step_of_pain[p] for p in opportunity.addresses if p in step_of_pain), None)
            if step is not None:
                step.opportunities.append(view)
                view.step_number = step.number
                view.stage = stages[step.stage_index].name
                continue
            stage = stage_by_id.get(opportunity.stage or "")
            if stage is not None:
                stage.opportunities.append(view)
                view.stage = stage.name
            else:
                unplaced.append(view)
        return views, unplaced

    def opportunity(self, opportunity: Opportunity, number: int) -> OpportunityView:
        view = OpportunityView(
            id=opportunity.id,
            number=number,
            summary=opportunity.summary,
            description=opportunity.description,
            owner=self.team(opportunity.owner),
            owner_id=opportunity.owner,
            impact=opportunity.impact.value if opportunity.impact is not None else None,
            effort=opportunity.effort.value if opportunity.effort is not None else None,
            status=opportunity.status.value,
        )
        for pain_id in dict.fromkeys(opportunity.addresses):
            pain = self.pain_by_id.get(pain_id)
            if pain is None:
                view.addresses.append(PainRef(pain_id, pain_id, None))
            else:
                view.addresses.append(PainRef(pain.id, pain.summary, pain.severity))
                pain.opportunities.append(view)
        return view

    # -- summaries ------------------------------------------------------------------------

    def curves(self, personas: list[PersonaView], columns: list[Column]) -> list[Curve]:
        curves = []
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
                    )
                )
            curves.append(Curve(persona, points))
        return curves

    def teams(
        self,
        stages: list[StageView],
        opportunities: list[OpportunityView],
    ) -> list[TeamView]:
        teams: dict[str, TeamView] = {}

        def get(team_id: str) -> TeamView:
            if team_id not in teams:
                entity: Any = self.context.scope.get("team", team_id)
                teams[team_id] = TeamView(
                    id=team_id,
                    name=entity.name if entity is not None else team_id,
                    known=entity is not None,
                    description=entity.description if entity is not None else None,
                    contact=entity.contact if entity is not None else None,
                )
            return teams[team_id]

        get(self.journey.owner).owns_map = True
        seen_touchpoints: set[str] = set()
        steps = [s for st in stages for s in st.steps]
        for step in steps:
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
        for team in teams.values():
            team.pains.sort(key=_pain_order)
        return list(teams.values())

    def build(self) -> Report:
        journey = self.journey
        personas = [self.persona(mark) for mark in self.context.marks]
        stages = self.stages()
        opportunities, unplaced = self.opportunities(stages)
        columns: list[Column] = []
        for stage in stages:
            columns.extend(
                [Column(stage, s, i == 0) for i, s in enumerate(stage.steps)]
                or [Column(stage, None)]
            )
        steps = [s for st in stages for s in st.steps]
        pains = sorted((p for s in steps for p in s.pains), key=_pain_order)
        matrix = [
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
        kpis = [k for st in stages for k in st.all_kpis]
        teams = self.teams(stages, opportunities)
        evidence = sorted(
            (
                _with_citations(e, self.citations.get(e.id, 0))
                for e in self.evidence.values()
                if e.known
            ),
            key=lambda e: (e.is_assumption, e.kind, e.title.casefold(), e.id),
        )
        return Report(
            id=journey.id,
            title=journey.title,
            type=journey.type.value,
            type_label=TYPE_LABEL[journey.type],
            owner=self.team(journey.owner) or journey.owner,
            owner_id=journey.owner,
            description=journey.description,
            tags=list(journey.tags),
            current_state=journey.current_state,
            review=review_of(journey, self.today, self.stale_after_days),
            personas=personas,
            stages=stages,
            columns=columns,
            steps=steps,
            pains=pains,
            opportunities=opportunities,
            matrix=matrix,
            unsized=[o for o in opportunities if o.quadrant is None],
            unplaced=unplaced,
            kpis=kpis,
            coverage=[
                _coverage("Pain points", [p.backing for p in pains]),
                _coverage("Steps", [s.backing for s in steps]),
            ],
            evidence=evidence,
            curves=self.curves(personas, columns),
            teams=teams,
            findings=[_finding(d) for d in sorted(self.findings, key=_finding_order)],
            blueprint=journey.type is MapType.SERVICE_BLUEPRINT
            or any(s.frontstage or s.backstage or s.support for s in steps),
            has_thoughts=any(s.thoughts for s in steps),
            has_kpis=bool(kpis),
        )


def _plain(value: object) -> str:
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def _pain_order(pain: PainView) -> tuple[int, int, int]:
    return (
        SEVERITY_ORDER.index(pain.severity),
        STATUS_ORDER.index(pain.status),
        pain.step_number,
    )


def _finding_order(diagnostic: Diagnostic) -> tuple[int, int, int, str, str]:
    return (
        -diagnostic.severity.rank,
        diagnostic.line,
        diagnostic.column,
        diagnostic.code.code,
        diagnostic.message,
    )


def _finding(diagnostic: Diagnostic) -> FindingView:
    return FindingView(
        code=diagnostic.code.code,
        name=diagnostic.code.name,
        severity=diagnostic.severity.value,
        line=diagnostic.line,
        column=diagnostic.column,
        message=diagnostic.message,
        hint=diagnostic.hint,
    )


def _coverage(what: str, backings: list[Backing]) -> CoverageRow:
    return CoverageRow(
        what,
        len(backings),
        backings.count("research"),
        backings.count("assumption"),
        backings.count("none"),
    )


def _with_citations(evidence: EvidenceView, count: int) -> EvidenceView:
    return EvidenceView(
        evidence.id,
        evidence.title,
        evidence.kind,
        evidence.is_assumption,
        evidence.known,
        evidence.date,
        evidence.sample_size,
        evidence.link,
        evidence.href,
        evidence.summary,
        count,
    )


def build_report(
    context: RenderContext,
    findings: list[Diagnostic],
    today: datetime.date,
    stale_after_days: int | None,
) -> Report:
    """The facts of the report of ``context``'s map (see the module's docstring)."""
    return _Builder(context, findings, today, stale_after_days).build()
