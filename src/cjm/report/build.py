"""From a map and its findings to the facts a report shows.

The HTML and the Markdown report are both made from one :class:`Report` (see
:mod:`cjm.report.facts`), computed once by walking the map. Nothing here knows about
markup, and nothing depends on the clock: ``today`` is given.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
from collections.abc import Iterable
from pathlib import Path

from cjm.diagnostics import Diagnostic
from cjm.load.vocabulary import image_problem
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
from cjm.model.journey import Branch, Stage
from cjm.model.paths import Handoff, handoffs, routes
from cjm.render.context import PersonaMark, RenderContext
from cjm.report import summaries
from cjm.report.facts import (
    PERSONA_SECTIONS,
    TYPE_LABEL,
    ActivityView,
    BranchView,
    Column,
    EmotionMark,
    EvidenceView,
    HandoffView,
    KpiRef,
    KpiView,
    OpportunityView,
    PainRef,
    PainView,
    PersonaDetailView,
    PersonaView,
    Place,
    Report,
    Review,
    StageView,
    StepView,
    TouchpointRef,
    WorkLinkView,
    emotion_marks,
)
from cjm.report.formatting import format_number
from cjm.report.funnel import funnel_facts
from cjm.report.links import safe_href, safe_web_href

IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}


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
        self.stage_of = {id(step): stage for stage, _, step in self.journey.iter_steps()}
        self.pain_views: dict[int, PainView] = {}
        self.kpi_by_id: dict[str, KpiView] = {}

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
                        period=(
                            (entry.period.start, entry.period.end)
                            if entry.period is not None
                            else None
                        ),
                        sample_unit=entry.sample_unit.value if entry.sample_unit else None,
                        confidence=entry.confidence.value if entry.confidence else None,
                        quotes=tuple(entry.quotes),
                        strength=entry.strength,
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
        view.role = entity.role
        if entity.image is not None:
            view.image_path = entity.image
            view.image, view.image_problem = self.picture(mark.persona_id, entity.image)
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

    def picture(self, persona_id: str, written: str) -> tuple[str | None, str | None]:
        """The persona's picture as a data: URI, or why it cannot be embedded. The path is
        relative to the file that defines the persona (as the loader checks it)."""
        definition = self.context.scope.by_kind["persona"].get(persona_id)
        if definition is None:
            return None, "the file that defines the persona is not known"
        folder = (definition.file or Path(definition.path)).parent
        problem = image_problem(folder, written)
        if problem is not None:
            return None, problem[0]
        path = folder / written
        try:
            data = path.read_bytes()
        except OSError as error:
            return None, f"persona image '{written}' cannot be read: {error.strerror}"
        mime = IMAGE_TYPES[path.suffix.lower()]
        return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}", None

    # -- steps ----------------------------------------------------------------------------

    def emotion_marks(self, step: Step) -> list[EmotionMark]:
        """Every persona of the map as a mark, for the words of those who take ``step``."""
        return [
            EmotionMark(m.persona_id, m.name, m.initials, m.fill, m.text, None)
            for m in self.context.marks
            if step.involves(m.persona_id) or m.persona_id in step.by_persona
        ]

    def emotions(self, step: Step) -> list[EmotionMark]:
        return emotion_marks(step, self.context.marks)

    def activities(self, items: list[Activity]) -> list[ActivityView]:
        return [ActivityView(a.action, self.team(a.owner), a.owner) for a in items]

    def kpi(self, kpi: Kpi, stage: str, step: StepView | None) -> KpiView:
        view = KpiView(
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
            baseline=kpi.baseline,
            baseline_date=kpi.baseline_date,
            target_date=kpi.target_date,
            actual_date=kpi.actual_date,
            actual_period=(
                (kpi.actual_period.start, kpi.actual_period.end)
                if kpi.actual_period is not None
                else None
            ),
            source_href=safe_href(kpi.source),
            still_due=kpi.target_date is not None and kpi.target_date > self.today,
            evidence=self.evidence_of(kpi.evidence),
        )
        self.kpi_by_id.setdefault(kpi.id, view)
        return view

    def pain(self, pain: PainPoint, stage: str, whole_stage: bool) -> PainView:
        covers = [
            Place(
                self.step_numbers[id(step)],
                self.journey.stages[self.stage_of[id(step)]].name,
                step.action,
            )
            for step in self.journey.covered_steps(pain)
        ]
        first = covers[0] if covers else None
        view = PainView(
            id=pain.id,
            summary=pain.summary,
            description=pain.description,
            severity=pain.severity,
            status=pain.status.value,
            owner=self.team(pain.owner),
            owner_id=pain.owner,
            stage=stage,
            step=first.action if first is not None else "",
            step_number=first.step_number if first is not None else 0,
            personas=[self.context.persona_name(p) for p in pain.personas],
            evidence=self.evidence_of(pain.evidence),
            level=pain.level.value,
            rank=pain.level.rank,
            covers=covers,
            whole_stage=whole_stage,
        )
        self.pain_by_id.setdefault(pain.id, view)
        self.pain_views[id(pain)] = view
        return view

    def branch(self, stage: Stage, index: int, branch: Branch) -> BranchView:
        numbers = {step.id: self.step_numbers[id(step)] for step in stage.steps}
        after = numbers.get(branch.after or "")
        rejoin = numbers.get(branch.rejoin or "")
        next_stage = False
        if rejoin is None and after is None and stage.steps:
            rejoin = numbers[stage.steps[0].id]  # a detour before the main line
        elif rejoin is None and after is not None:
            # A detour comes back at the step after the one it leaves from.
            main = [step.id for step in stage.steps]
            following = main.index(branch.after or "") + 1
            if following < len(main):
                rejoin = numbers[main[following]]
            else:
                next_stage = True
        return BranchView(
            id=branch.id,
            stage_index=index,
            condition=branch.condition,
            after=after,
            rejoin=rejoin,
            next_stage=next_stage and index + 1 < len(self.journey.stages),
            steps=len(branch.steps),
        )

    def details(self, step: Step) -> list[PersonaDetailView]:
        """What each persona thinks, asks and says here beyond the step's own words."""
        found = []
        for mark in self.emotion_marks(step):
            own = step.by_persona.get(mark.persona_id)
            if own is None or not (own.thoughts or own.questions or own.quotes):
                continue
            found.append(
                PersonaDetailView(
                    mark, tuple(own.thoughts), tuple(own.questions), tuple(own.quotes)
                )
            )
        return found

    def stages(self) -> list[StageView]:
        stages: list[StageView] = []
        all_personas = len(self.journey.persona_ids)
        step_views: dict[int, StepView] = {}
        for index, stage in enumerate(self.journey.stages):
            view = StageView(
                id=stage.id,
                index=index,
                name=stage.name,
                description=stage.description,
                customer_goal=stage.customer_goal,
                business_goal=stage.business_goal,
                span=max(1, len(stage.all_steps())),
                steps=[],
                kpis=[],
            )
            view.kpis = [self.kpi(k, stage.name, None) for k in stage.kpis]
            branches = {id(b): self.branch(stage, index, b) for b in stage.branches}
            previous: Branch | None = None
            ordered = stage.ordered_steps()
            for number, (_, step, branch) in enumerate(ordered):
                following = ordered[number + 1][2] if number + 1 < len(ordered) else None
                takers = [p for p in self.journey.persona_ids if step.involves(p)]
                step_view = StepView(
                    id=step.id,
                    number=self.step_numbers[id(step)],
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
                    optional=step.optional,
                    branch=branches[id(branch)] if branch is not None else None,
                    branch_first=branch is not None and branch is not previous,
                    branch_last=branch is not None and branch is not following,
                    questions=list(step.questions),
                    quotes=list(step.quotes),
                    details=self.details(step),
                    artifacts=list(step.artifacts),
                    policies=list(step.policies),
                    duration=step.duration,
                    wait=step.wait,
                    fail_point=step.is_fail_point,
                    fail_note=_why(step.fail_point),
                    moment=step.is_moment_of_truth,
                    moment_note=_why(step.moment_of_truth),
                )
                previous = branch
                step_views[id(step)] = step_view
                step_view.kpis = [self.kpi(k, stage.name, step_view) for k in step.kpis]
                view.steps.append(step_view)
            stages.append(view)
        # Pain points last: a pain point may cover steps of later stages.
        for stage in self.journey.stages:
            for pain in stage.pain_points:
                self.pain(pain, stage.name, True)
            for step in stage.all_steps():
                for pain in step.pain_points:
                    self.pain(pain, stage.name, False)
        for pain in self.journey.pain_points():
            for step in self.journey.covered_steps(pain):
                step_views[id(step)].pains.append(self.pain_views[id(pain)])
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
        # An opportunity sits where each pain point it addresses is written: at the pain
        # point's first step (a pain point that spans steps is not repeated).
        steps_of_pain: dict[str, list[StepView]] = {}
        for stage_view in stages:
            for step_view in stage_view.steps:
                for pain in step_view.pains:
                    if pain.step_number == step_view.number:
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
                view.places.append(Place(step.number, stages[step.stage_index].name, step.action))
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
            evidence=self.evidence_of(opportunity.evidence),
            kpis=[
                KpiRef(k, self.kpi_by_id[k].name, True)
                if k in self.kpi_by_id
                else KpiRef(k, k, False)
                for k in dict.fromkeys(opportunity.kpis)
            ],
            due=opportunity.due,
            release=opportunity.release,
            links=[
                WorkLinkView(link.url, safe_web_href(link.url), link.key, link.title)
                for link in opportunity.links
            ],
        )
        for pain_id in dict.fromkeys(opportunity.addresses):
            pain = self.pain_by_id.get(pain_id)
            if pain is None:
                # A future-state map may address the pain points of the current-state map
                # it improves on; the report cannot see that map, so it names it.
                view.addresses.append(PainRef(pain_id, pain_id, None, self.journey.current_state))
            else:
                view.addresses.append(
                    PainRef(pain.id, pain.summary, pain.severity, None, pain.level)
                )
                pain.opportunities.append(view)
        return view

    def route_links(self) -> list[list[int]]:
        """Every route through the map as step numbers, the main line first."""
        return [[self.step_numbers[id(step)] for step in route] for route in routes(self.journey)]

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
        pains = sorted(self.pain_views.values(), key=summaries.pain_order)
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
            severities=summaries.severities(pains),
            branches=any(stage.branches for stage in journey.stages),
            has_artifacts=any(s.artifacts for s in steps),
            has_policies=any(s.policies for s in steps),
            has_times=any(s.duration or s.wait for s in steps),
            evidence=evidence,
            curves=summaries.curves(personas, columns, self.route_links()),
            teams=summaries.teams(self.context, stages, opportunities, pains),
            findings=summaries.findings(self.findings),
            blueprint=journey.type is MapType.SERVICE_BLUEPRINT
            or any(s.frontstage or s.backstage or s.support for s in steps),
            has_thoughts=any(s.has_words for s in steps),
            has_kpis=bool(kpis),
            funnel=funnel_facts(journey, self.context.measured, self.today, self.context.marks),
        )


def _described(handoff: str | bool | None) -> str | None:
    """The handoff's text, when the step describes one."""
    return handoff if isinstance(handoff, str) and handoff.strip() else None


def _plain(value: object) -> str:
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def _with_citations(evidence: EvidenceView, count: int) -> EvidenceView:
    return dataclasses.replace(evidence, cited_by=count)


def _why(flag: bool | str | None) -> str | None:
    """The text of a flag that says why (``fail_point: Card reader times out``)."""
    return flag if isinstance(flag, str) and flag.strip() else None


def build_report(
    context: RenderContext,
    findings: list[Diagnostic],
    today: datetime.date,
    stale_after_days: int | None,
) -> Report:
    """The facts of the report of ``context``'s map (see the module's docstring)."""
    return _Builder(context, findings, today, stale_after_days).build()
