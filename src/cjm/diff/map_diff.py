"""The changes inside one map present on both sides, in journey order.

Every collection is compared flat (all steps, all pain points, all KPIs), matched by id,
so that a step moved to another stage or a pain point moved to another step is a change of
its place, never a removal plus an addition.
"""

from __future__ import annotations

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
    union,
)
from cjm.diff.model import Change, Entity, Kind, Ref
from cjm.model import JourneyMap, Kpi, Stage, Step


@dataclass(frozen=True)
class _Placed:
    """An entity of a map with where it sits."""

    item: Any
    parent: Ref | None
    position: tuple[int, ...]


class _Flat:
    """Every stage, step, pain point and KPI of a map, by id, with their places."""

    def __init__(self, journey: JourneyMap) -> None:
        self.stages: dict[str, _Placed] = {}
        self.steps: dict[str, _Placed] = {}
        self.pain_points: dict[str, _Placed] = {}
        self.kpis: dict[str, _Placed] = {}
        for s, stage in enumerate(journey.stages):
            self.stages.setdefault(stage.id, _Placed(stage, None, (s,)))
            for k, kpi in enumerate(stage.kpis):
                self.kpis.setdefault(kpi.id, _Placed(kpi, Ref(Entity.STAGE, stage.id), (k,)))
            for t, step in enumerate(stage.steps):
                self.steps.setdefault(step.id, _Placed(step, Ref(Entity.STAGE, stage.id), (t,)))
                here = Ref(Entity.STEP, step.id)
                for i, pain in enumerate(step.pain_points):
                    self.pain_points.setdefault(pain.id, _Placed(pain, here, (i,)))
                for k, kpi in enumerate(step.kpis):
                    self.kpis.setdefault(kpi.id, _Placed(kpi, here, (k,)))
        self.opportunities: dict[str, _Placed] = {}
        for i, opportunity in enumerate(journey.opportunities):
            self.opportunities.setdefault(opportunity.id, _Placed(opportunity, None, (i,)))


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
        skip = ("personas", "teams", "touchpoints", "evidence", "stages", "opportunities")
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
                    Entity.STAGE, stage_id, old.item, new.item, ("kpis", "steps"), position
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

    def _stays_in(self, step_id: str, stage_id: str) -> bool:
        old, new = self.before.steps.get(step_id), self.after.steps.get(step_id)
        return (
            old is not None
            and new is not None
            and old.parent is not None
            and new.parent is not None
            and old.parent.id == new.parent.id == stage_id
        )

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
            skip = ("emotion", "emotions", "pain_points", "kpis")
            self.changes.extend(
                field_changes(Entity.STEP, step_id, old.item, new.item, skip, position, new.parent)
            )
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
        before, after = self.before.pain_points, self.after.pain_points
        for pain_id in union(after, before):
            old, new = before.get(pain_id), after.get(pain_id)
            placed: _Placed = new or old  # type: ignore[assignment]
            assert placed.parent is not None
            position = (*self.step_position(placed.parent.id), 2, *placed.position)
            self.changes.extend(
                pain_point_changes(
                    pain_id,
                    old.item if old else None,
                    new.item if new else None,
                    old.parent if old else None,
                    placed.parent,
                    position,
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
