"""From a map and its findings to the facts a report shows.

The HTML and the Markdown report are both made from one :class:`Report` (see
:mod:`cjm.report.facts`), computed once by walking the map. Nothing here knows about
markup, and nothing depends on the clock: ``today`` is given.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

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
from cjm.model.paths import Handoff, handoffs
from cjm.render.context import PersonaMark, RenderContext
from cjm.report import summaries
from cjm.report.facts import (
    PERSONA_SECTIONS,
    TYPE_LABEL,
    ActivityView,
    Column,
    EmotionMark,
    EvidenceView,
    HandoffView,
    KpiView,
    OpportunityView,
    PainRef,
    PainView,
    PersonaView,
    Place,
    Report,
    Review,
    StageView,
    StepView,
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
        # Handoffs are worked out along each persona's own path. They are keyed by the
        # receiving step itself, not its id: two steps that share an id by mistake (a
        # duplicate-id finding) must not swap their handoffs.
        self.handoffs: dict[int, list[Handoff]] = {}
        for handoff in handoffs(self.journey):
            self.handoffs.setdefault(id(handoff.step), []).append(handoff)
        self.step_numbers = {
            id(step): number for number, (_, _, step) in enumerate(self.journey.iter_steps(), 1)
        }

    # -- lookups --------------------------------------------------------------------------

    def team(self, team_id: str | None) -> str | None:
        """The team's name; an id that names no team is shown as such, in words."""
        if team_id is None:
            return None
        if self.context.scope.get("team", team_id) is None:
            return f"{team_id} (unknown team)"
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
            return TouchpointRef(
                touchpoint_id, f"{touchpoint_id} (unknown touchpoint)", None, None, None
            )
        return TouchpointRef(
            found.id,
            found.name,
            found.channel,
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
            better=kpi.better,
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
            severity=pain.severity,
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
                step_view = StepView(
                    id=step.id,
                    number=number,
                    stage_index=index,
                    action=step.action,
                    description=step.description,
                    owner=self.team(step.owner),
                    owner_id=step.owner,
                    handoff=_described(step.handoff),
                    handoffs=self.handoffs_into(step, takers),
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
            stages.append(view)
        return stages

    def handoffs_into(self, step: Step, takers: list[str]) -> list[HandoffView]:
        """The changes of owner into ``step``, each saying whose path it is on when that is
        not every persona who takes the step."""
        found = []
        for handoff in self.handoffs.get(id(step), []):
            whose = [] if set(handoff.personas) >= set(takers) else list(handoff.personas)
            found.append(
                HandoffView(
                    from_owner=self.team(handoff.from_owner) or handoff.from_owner,
                    from_step=self.step_numbers[id(handoff.previous)],
                    described=handoff.described,
                    waived=handoff.waived,
                    personas=[self.context.persona_name(p) for p in whose],
                )
            )
        return found

    # -- opportunities --------------------------------------------------------------------

    def opportunities(
        self, stages: list[StageView]
    ) -> tuple[list[OpportunityView], list[OpportunityView]]:
        """Every opportunity, placed at each step with a pain point it addresses (else at
        its stage); the second list holds those that belong nowhere in the grid."""
        steps_of_pain: dict[str, list[StepView]] = {}
        for stage_view in stages:
            for step_view in stage_view.steps:
                for pain in step_view.pains:
                    steps_of_pain.setdefault(pain.id, []).append(step_view)
        stage_by_id = {s.id: s for s in stages}
        views: list[OpportunityView] = []
        unplaced: list[OpportunityView] = []
        for number, opportunity in enumerate(self.journey.opportunities, start=1):
            view = self.opportunity(opportunity, number)
            views.append(view)
            steps = {
                id(step): step
                for pain_id in opportunity.addresses
                for step in steps_of_pain.get(pain_id, [])
            }
            for step in sorted(steps.values(), key=lambda s: s.number):
                step.opportunities.append(view)
                view.places.append(Place(step.number, stages[step.stage_index].name))
            if view.places:
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
                # A future-state map may address the pain points of the current-state map
                # it improves on; the report cannot see that map, so it names it.
                view.addresses.append(PainRef(pain_id, pain_id, None, self.journey.current_state))
            else:
                view.addresses.append(PainRef(pain.id, pain.summary, pain.severity))
                pain.opportunities.append(view)
        return view

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
        pains = sorted((p for s in steps for p in s.pains), key=summaries.pain_order)
        kpis = [k for st in stages for k in st.all_kpis]
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
            matrix=summaries.matrix(opportunities),
            unsized=[o for o in opportunities if o.quadrant is None],
            unplaced=unplaced,
            kpis=kpis,
            coverage=[
                summaries.coverage("Pain points", [p.backing for p in pains]),
                summaries.coverage("Steps", [s.backing for s in steps]),
            ],
            evidence=evidence,
            curves=summaries.curves(personas, columns),
            teams=summaries.teams(self.context, stages, opportunities),
            findings=summaries.findings(self.findings),
            blueprint=journey.type is MapType.SERVICE_BLUEPRINT
            or any(s.frontstage or s.backstage or s.support for s in steps),
            has_thoughts=any(s.thoughts for s in steps),
            has_kpis=bool(kpis),
        )


def _described(handoff: str | bool | None) -> str | None:
    """The handoff's text, when the step describes one."""
    return handoff if isinstance(handoff, str) and handoff.strip() else None


def _plain(value: object) -> str:
    if isinstance(value, float):
        return format_number(value)
    return str(value)


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
