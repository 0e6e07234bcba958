"""The changes inside one map present on both sides, in journey order.

Every collection is compared flat (all branches, all steps of main lines and branches, all
pain points of steps and stages, all KPIs), matched by id, so that a step moved to another
stage or into a branch, or a pain point moved to another step or to a whole stage, is a
change of its place, never a removal plus an addition. Keys starting with ``x-`` are set
aside by the model and never compared.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from cjm.diff.changes import (
    AT_DEFINITIONS,
    AT_MAP,
    AT_OPPORTUNITIES,
    AT_STAGES,
    COLLECTION,
    DEFINITION_KINDS,
    by_id,
    common_order,
    definition_changes,
    emotion_changes,
    field_changes,
    kpi_changes,
    kpi_details,
    opportunity_changes,
    pain_point_changes,
    step_changes,
    union,
)
from cjm.diff.model import Change, Entity, Kind, Ref
from cjm.model import Branch, JourneyMap, Kpi, PainPoint, Stage, Step


@dataclass(frozen=True)
class _Placed:
    """An entity of a map with where it sits; ``branch``: the branch a step is in."""

    item: Any
    parent: Ref | None
    position: tuple[int, ...]
    branch: str | None = None


class _Flat:
    """Every stage, branch, step, pain point and KPI of a map, by id, with their places.

    Steps are numbered in reading order within their stage (a branch's steps right after
    the main-line step they leave from); a branch sits where its first step does.
    """

    def __init__(self, journey: JourneyMap) -> None:
        self.journey = journey
        self._covers: dict[int, list[str]] | None = None
        self.stages: dict[str, _Placed] = {}
        self.branches: dict[str, _Placed] = {}
        self.steps: dict[str, _Placed] = {}
        self.pain_points: dict[str, _Placed] = {}
        self.kpis: dict[str, _Placed] = {}
        for s, stage in enumerate(journey.stages):
            self.stages.setdefault(stage.id, _Placed(stage, None, (s,)))
            in_stage = Ref(Entity.STAGE, stage.id)
            for k, kpi in enumerate(stage.kpis):
                self.kpis.setdefault(kpi.id, _Placed(kpi, in_stage, (k,)))
            for p, pain in enumerate(stage.pain_points):
                self.pain_points.setdefault(pain.id, _Placed(pain, in_stage, (p,)))
            first: dict[int, int] = {}
            main: dict[str, int] = {}
            for t, (_, step, branch) in enumerate(stage.ordered_steps()):
                branch_id = branch.id if branch is not None else None
                self.steps.setdefault(step.id, _Placed(step, in_stage, (t,), branch_id))
                if branch is None:
                    main.setdefault(step.id, t)
                else:
                    first.setdefault(id(branch), t)
                here = Ref(Entity.STEP, step.id)
                for i, pain in enumerate(step.pain_points):
                    self.pain_points.setdefault(pain.id, _Placed(pain, here, (i,)))
                for k, kpi in enumerate(step.kpis):
                    self.kpis.setdefault(kpi.id, _Placed(kpi, here, (k,)))
            for branch in stage.branches:
                at = first.get(id(branch))
                if at is None:  # a branch without steps: after the step it leaves from
                    at = main.get(branch.after or "", -1) + 1
                self.branches.setdefault(branch.id, _Placed(branch, in_stage, (at,)))
        self.opportunities: dict[str, _Placed] = {}
        for i, opportunity in enumerate(journey.opportunities):
            self.opportunities.setdefault(opportunity.id, _Placed(opportunity, None, (i,)))

    def covers(self, pain: PainPoint) -> list[str]:
        """The ids of the steps ``pain`` covers, in journey order (worked out once for
        every pain point of the map)."""
        if self._covers is None:
            self._covers = {}
            for step_id, pains in self.journey.pain_points_at().items():
                for each in pains:
                    self._covers.setdefault(id(each), []).append(step_id)
        return self._covers.get(id(pain), [])


class MapDiff:
    """The changes inside one map present on both sides."""

    def __init__(self, old: JourneyMap, new: JourneyMap) -> None:
        self.old, self.new = old, new
        self.before, self.after = _Flat(old), _Flat(new)
        self.changes: list[Change] = []

    def run(self) -> list[Change]:
        self.map_fields()
        self.personas()
        self.stages()
        self.branches()
        self.steps()
        self.pain_points()
        self.kpis()
        self.opportunities()
        self.definitions()
        return self.changes

    # -- positions: a removed entity sits where it was, after what is there today, and
    # under its parent when the parent still exists

    def stage_position(self, stage_id: str) -> tuple[int, ...]:
        placed = self.after.stages.get(stage_id)
        if placed is not None:
            return (AT_STAGES, placed.position[0], 0)
        return (AT_STAGES, self.before.stages[stage_id].position[0], 1)

    def step_position(self, step_id: str) -> tuple[int, ...]:
        placed = self.after.steps.get(step_id)
        gone = int(placed is None)
        placed = placed or self.before.steps[step_id]
        assert placed.parent is not None
        return (*self.stage_position(placed.parent.id), 2, *placed.position, gone)

    def branch_position(self, branch_id: str) -> tuple[int, ...]:
        """Just before the branch's first step."""
        placed = self.after.branches.get(branch_id)
        gone = int(placed is None)
        placed = placed or self.before.branches[branch_id]
        assert placed.parent is not None
        return (*self.stage_position(placed.parent.id), 2, *placed.position, -1, gone)

    def parent_position(self, parent: Ref) -> tuple[int, ...]:
        if parent.entity is Entity.STAGE:
            return (*self.stage_position(parent.id), 1)
        return (*self.step_position(parent.id), 3)

    # -- the map itself --------------------------------------------------------------------

    def map_fields(self) -> None:
        if self.old.id != self.new.id:
            self.changes.append(
                Change(
                    Kind.CHANGED,
                    Entity.MAP,
                    self.new.id,
                    self.new.title,
                    field="id",
                    before=self.old.id,
                    after=self.new.id,
                    position=(AT_MAP, 0),
                )
            )
        if self.old.format != self.new.format:
            self.changes.append(
                Change(
                    Kind.MIGRATED if self.new.format is not None else Kind.CHANGED,
                    Entity.MAP,
                    self.new.id,
                    self.new.title,
                    field="format",
                    before=self.old.format,
                    after=self.new.format,
                    position=(AT_MAP, 0),
                )
            )
        skip = (
            "format", "personas", "teams", "touchpoints", "evidence", "stages", "opportunities",
        )  # fmt: skip
        self.changes.extend(
            field_changes(Entity.MAP, self.new.id, self.old, self.new, skip, (AT_MAP, 1))
        )
        order = common_order([s.id for s in self.old.stages], [s.id for s in self.new.stages])
        if order is not None:
            self.changes.append(
                Change(
                    Kind.CHANGED,
                    Entity.MAP,
                    self.new.id,
                    self.new.title,
                    field="order",
                    before=order[0],
                    after=order[1],
                    position=(AT_MAP, 2),
                )
            )

    def personas(self) -> None:
        """Personas the map covers; inline definitions that changed."""
        old_ids, new_ids = self.old.persona_ids, self.new.persona_ids
        names = {p.id: p.name for p in (*self.old.inline_personas, *self.new.inline_personas)}
        for persona_id in union(new_ids, old_ids):
            if persona_id in new_ids and persona_id in old_ids:
                continue
            kind = Kind.ADDED if persona_id in new_ids else Kind.REMOVED
            self.changes.append(
                Change(
                    kind,
                    Entity.PERSONA,
                    persona_id,
                    names.get(persona_id),
                    field="personas",
                    position=(AT_MAP, 3),
                )
            )
        old_inline = by_id(self.old.inline_personas)
        for index, persona in enumerate(self.new.inline_personas):
            before = old_inline.get(persona.id)
            if before is not None:
                self.changes.extend(
                    field_changes(
                        Entity.PERSONA, persona.id, before, persona, (), (AT_DEFINITIONS, 0, index)
                    )
                )

    def definitions(self) -> None:
        """Teams, touchpoints and evidence defined inside the map."""
        for rank, entity in enumerate(DEFINITION_KINDS):
            if entity is Entity.PERSONA:
                continue  # covered by `personas` above
            collection = COLLECTION[entity]
            self.changes.extend(
                definition_changes(
                    entity,
                    getattr(self.old, collection),
                    getattr(self.new, collection),
                    (AT_DEFINITIONS, rank),
                )
            )

    # -- stages and steps ------------------------------------------------------------------

    def stages(self) -> None:
        before, after = self.before.stages, self.after.stages
        for stage_id in union(after, before):
            position = (*self.stage_position(stage_id), 0)
            old, new = before.get(stage_id), after.get(stage_id)
            if old is None or new is None:
                stage: Stage = (new or old).item  # type: ignore[union-attr]
                kind = Kind.ADDED if old is None else Kind.REMOVED
                self.changes.append(
                    Change(kind, Entity.STAGE, stage_id, stage.name, position=position)
                )
                continue
            self.changes.extend(
                field_changes(
                    Entity.STAGE,
                    stage_id,
                    old.item,
                    new.item,
                    ("kpis", "pain_points", "steps", "branches"),
                    position,
                )
            )
            order = common_order(
                [s.id for s in old.item.steps if self._stays_in(s.id, stage_id)],
                [s.id for s in new.item.steps if self._stays_in(s.id, stage_id)],
            )
            if order is not None:
                self.changes.append(
                    Change(
                        Kind.CHANGED,
                        Entity.STAGE,
                        stage_id,
                        new.item.name,
                        field="order",
                        before=order[0],
                        after=order[1],
                        position=position,
                    )
                )

    def _stays_in(self, step_id: str, stage_id: str, branch_id: str | None = None) -> bool:
        """Whether the step is in ``stage_id`` on both sides (and in ``branch_id`` when
        given)."""
        old, new = self.before.steps.get(step_id), self.after.steps.get(step_id)
        return (
            old is not None
            and new is not None
            and old.parent is not None
            and new.parent is not None
            and old.parent.id == new.parent.id == stage_id
            and (branch_id is None or old.branch == new.branch == branch_id)
        )

    def branches(self) -> None:
        """Branches added, removed, moved to another stage, with a new condition, another
        step to leave from or rejoin at, or their steps in another order."""
        before, after = self.before.branches, self.after.branches
        for branch_id in union(after, before):
            position = (*self.branch_position(branch_id), 0)
            old, new = before.get(branch_id), after.get(branch_id)
            if old is None or new is None:
                placed: _Placed = new or old  # type: ignore[assignment]
                branch: Branch = placed.item
                self.changes.append(
                    Change(
                        Kind.ADDED if old is None else Kind.REMOVED,
                        Entity.BRANCH,
                        branch_id,
                        branch.condition,
                        parent=placed.parent,
                        details=(
                            ("after", branch.after),
                            ("rejoin", branch.rejoin),
                            ("steps", [step.id for step in branch.steps]),
                        ),
                        position=position,
                    )
                )
                continue
            assert old.parent is not None and new.parent is not None
            name = new.item.condition
            if old.parent != new.parent:
                moved = Change(
                    Kind.CHANGED, Entity.BRANCH, branch_id, name, field="stage",
                    before=old.parent.id, after=new.parent.id, parent=new.parent,
                    position=position,
                )  # fmt: skip
                self.changes.append(moved)
            for change in field_changes(
                Entity.BRANCH, branch_id, old.item, new.item, ("steps",), position, new.parent
            ):
                self.changes.append(dataclasses.replace(change, name=name))
            order = common_order(
                [s.id for s in old.item.steps if self._stays_in(s.id, new.parent.id, branch_id)],
                [s.id for s in new.item.steps if self._stays_in(s.id, new.parent.id, branch_id)],
            )
            if order is not None:
                reordered = Change(
                    Kind.CHANGED, Entity.BRANCH, branch_id, name, field="order",
                    before=order[0], after=order[1], parent=new.parent, position=position,
                )  # fmt: skip
                self.changes.append(reordered)

    def steps(self) -> None:
        before, after = self.before.steps, self.after.steps
        for step_id in union(after, before):
            position = (*self.step_position(step_id), 0)
            old, new = before.get(step_id), after.get(step_id)
            if old is None or new is None:
                placed: _Placed = new or old  # type: ignore[assignment]
                kind = Kind.ADDED if old is None else Kind.REMOVED
                self.changes.append(
                    Change(
                        kind,
                        Entity.STEP,
                        step_id,
                        placed.item.action,
                        parent=placed.parent,
                        details=(("branch", placed.branch), ("optional", placed.item.optional)),
                        position=position,
                    )
                )
                continue
            assert old.parent is not None and new.parent is not None
            if old.parent != new.parent:
                self.changes.append(
                    Change(
                        Kind.CHANGED,
                        Entity.STEP,
                        step_id,
                        new.item.action,
                        field="stage",
                        before=old.parent.id,
                        after=new.parent.id,
                        parent=new.parent,
                        position=position,
                    )
                )
            if old.branch != new.branch:
                rebranched = Change(
                    Kind.CHANGED, Entity.STEP, step_id, new.item.action, field="branch",
                    before=old.branch, after=new.branch, parent=new.parent, position=position,
                )  # fmt: skip
                self.changes.append(rebranched)
            self.changes.extend(step_changes(old.item, new.item, position, new.parent))
            self.emotions(old.item, new.item)

    def emotions(self, old: Step, new: Step) -> None:
        """Each persona's emotion at a step both sides have, for the personas both cover."""
        covered = [p for p in self.new.persona_ids if p in self.old.persona_ids]
        base = self.step_position(new.id)
        for rank, persona_id in enumerate(covered):
            before = old.emotion_for(persona_id) if old.involves(persona_id) else None
            after = new.emotion_for(persona_id) if new.involves(persona_id) else None
            position = (*base, 1, rank)
            self.changes.extend(emotion_changes(new, persona_id, before, after, position))

    # -- pain points, KPIs, opportunities -------------------------------------------------

    def pain_points(self) -> None:
        """Pain points of steps and of whole stages, under the step or stage they are
        written at (a removed one where it was)."""
        before, after = self.before.pain_points, self.after.pain_points
        for pain_id in union(after, before):
            old, new = before.get(pain_id), after.get(pain_id)
            placed: _Placed = new or old  # type: ignore[assignment]
            side = self.after if new is not None else self.before
            assert placed.parent is not None
            if placed.parent.entity is Entity.STAGE:
                position = (*self.stage_position(placed.parent.id), 0, 1, *placed.position)
            else:
                position = (*self.step_position(placed.parent.id), 2, *placed.position)
            self.changes.extend(
                pain_point_changes(
                    pain_id,
                    old.item if old else None,
                    new.item if new else None,
                    old.parent if old else None,
                    placed.parent,
                    position,
                    side.covers(placed.item),
                )
            )

    def kpis(self) -> None:
        before, after = self.before.kpis, self.after.kpis
        for kpi_id in union(after, before):
            old, new = before.get(kpi_id), after.get(kpi_id)
            placed: _Placed = new or old  # type: ignore[assignment]
            assert placed.parent is not None
            position = (*self.parent_position(placed.parent), *placed.position)
            if old is None or new is None:
                kpi: Kpi = placed.item
                kind = Kind.ADDED if old is None else Kind.REMOVED
                self.changes.append(
                    Change(
                        kind,
                        Entity.KPI,
                        kpi_id,
                        kpi.name,
                        parent=placed.parent,
                        details=kpi_details(kpi),
                        position=position,
                    )
                )
                continue
            assert old.parent is not None
            self.changes.extend(
                kpi_changes(old.item, new.item, old.parent, placed.parent, position)
            )

    def opportunities(self) -> None:
        """In the new side's order, then those only the old side has."""
        before, after = self.before.opportunities, self.after.opportunities
        for rank, opportunity_id in enumerate(union(after, before)):
            old, new = before.get(opportunity_id), after.get(opportunity_id)
            position = (AT_OPPORTUNITIES, rank)
            self.changes.extend(
                opportunity_changes(
                    opportunity_id,
                    old.item if old else None,
                    new.item if new else None,
                    position,
                )
            )
