"""Compare two snapshots in journey terms: a pure function over the models.

Entities are matched by id, never by position or text: the same id with new visible
text is a rename, a step with the same id in another stage has moved (a change of its
``stage``), and a pain point or KPI keeps its identity when it moves between steps.
Inside a map every collection is compared flat (all steps, all pain points, all KPIs), so
moves never look like a removal plus an addition.

Lint findings have no id: they are matched by rule code and message within the same map
or file, never by line (lines shift with every edit above them).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from cjm.diff.model import (
    Change,
    DiffResult,
    Direction,
    Entity,
    FindingEntry,
    Kind,
    MapEntry,
    Ref,
    Section,
    SharedEntry,
    Snapshot,
)
from cjm.model import (
    Emotion,
    JourneyMap,
    Kpi,
    Opportunity,
    OpportunityStatus,
    PainPoint,
    PainPointStatus,
    Severity,
    Stage,
    Step,
)
from cjm.model.journey import KpiDirection

# The field that holds each entity's visible text: changing it is a rename.
LABEL_FIELD = {
    Entity.MAP: "title",
    Entity.PERSONA: "name",
    Entity.STAGE: "name",
    Entity.STEP: "action",
    Entity.PAIN_POINT: "summary",
    Entity.KPI: "name",
    Entity.OPPORTUNITY: "summary",
    Entity.TOUCHPOINT: "name",
    Entity.TEAM: "name",
    Entity.EVIDENCE: "title",
}
DEFINITION_KINDS = (Entity.PERSONA, Entity.TEAM, Entity.TOUCHPOINT, Entity.EVIDENCE)
_COLLECTION = {
    Entity.PERSONA: "personas",
    Entity.TEAM: "teams",
    Entity.TOUCHPOINT: "touchpoints",
    Entity.EVIDENCE: "evidence",
}
_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(Severity)}

# Positions order a section: map fields, then the stages in journey order (each stage's
# own changes, its KPIs, then each step with its emotions, pain points and KPIs), then
# opportunities, definitions and lint findings.
_MAP, _STAGES, _OPPORTUNITIES, _DEFINITIONS, _FINDINGS = range(5)


def compare(old: Snapshot, new: Snapshot, *, pair_lone_maps: bool = False) -> DiffResult:
    """Every change from ``old`` to ``new`` in the maps and files either side selected.

    ``pair_lone_maps``: when each side selects exactly one map, compare the two even if
    their ids differ (two map files named on the command line are two versions of one map).
    """
    result = DiffResult(old.label, new.label)
    for old_map, new_map in _pair_maps(old.maps, new.maps, pair_lone_maps):
        section = _map_section(old_map, new_map, old.findings, new.findings)
        if section.changes:
            result.sections.append(section)
    result.sections.extend(_shared_sections(old, new))
    return result


# -- helpers ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A JSON value with whole floats written as integers (``27.0`` -> ``27``)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _dump(model: BaseModel) -> dict[str, Any]:
    dumped: dict[str, Any] = _plain(model.model_dump(mode="json"))
    return dumped


def _by_id(items: Iterable[Any]) -> dict[str, Any]:
    """Items keyed by their ``id``; the first of two equal ids wins (duplicate-id says so)."""
    found: dict[str, Any] = {}
    for item in items:
        found.setdefault(item.id, item)
    return found


def _union(new_ids: Iterable[str], old_ids: Iterable[str]) -> list[str]:
    """New ids in their order, then the ids only the old side has, in theirs."""
    return list(dict.fromkeys([*new_ids, *old_ids]))


def _common_order(old_ids: list[str], new_ids: list[str]) -> tuple[list[str], list[str]] | None:
    """The ids both sides hold, in each side's order, when that order differs."""
    shared = set(old_ids) & set(new_ids)
    before = [i for i in dict.fromkeys(old_ids) if i in shared]
    after = [i for i in dict.fromkeys(new_ids) if i in shared]
    return (before, after) if before != after else None


def _field_changes(
    entity: Entity,
    entity_id: str,
    old: BaseModel,
    new: BaseModel,
    skip: Iterable[str],
    position: tuple[int, ...],
    parent: Ref | None = None,
) -> Iterator[Change]:
    """Renames, new owners and other field changes of one entity, in field order."""
    before, after = _dump(old), _dump(new)
    label_field = LABEL_FIELD.get(entity)
    name = after.get(label_field) if label_field else None
    skipped = {"id", *skip}
    for field_name in type(new).model_fields:
        if field_name in skipped or before.get(field_name) == after.get(field_name):
            continue
        if field_name == label_field:
            kind = Kind.RENAMED
        elif field_name == "owner":
            kind = Kind.REOWNED
        else:
            kind = Kind.CHANGED
        yield Change(
            kind,
            entity,
            entity_id,
            name=name,
            field=field_name,
            before=before.get(field_name),
            after=after.get(field_name),
            parent=parent,
            position=position,
        )


# -- maps ------------------------------------------------------------------------------------


def _pair_maps(
    old: list[MapEntry], new: list[MapEntry], pair_lone_maps: bool
) -> list[tuple[MapEntry | None, MapEntry | None]]:
    """Maps matched by id, where either side asked about them."""
    old_by_id = _by_id_entries(old)
    new_by_id = _by_id_entries(new)
    old_selected = [e for e in old_by_id.values() if e.selected]
    new_selected = [e for e in new_by_id.values() if e.selected]
    if pair_lone_maps and len(old_selected) == 1 and len(new_selected) == 1:
        (only_old,), (only_new,) = old_selected, new_selected
        if only_old.model.id not in new_by_id and only_new.model.id not in old_by_id:
            return [(only_old, only_new)]
    pairs: list[tuple[MapEntry | None, MapEntry | None]] = []
    for map_id in _union(new_by_id, old_by_id):
        before, after = old_by_id.get(map_id), new_by_id.get(map_id)
        if (before is not None and before.selected) or (after is not None and after.selected):
            pairs.append((before, after))
    return pairs


def _by_id_entries(entries: list[MapEntry]) -> dict[str, MapEntry]:
    found: dict[str, MapEntry] = {}
    for entry in entries:
        found.setdefault(entry.model.id, entry)
    return found


def _map_section(
    old: MapEntry | None,
    new: MapEntry | None,
    old_findings: list[FindingEntry],
    new_findings: list[FindingEntry],
) -> Section:
    if new is None:
        assert old is not None
        journey = old.model
        section = Section(journey.id, journey.title, old.path)
        section.changes.append(
            Change(Kind.REMOVED, Entity.MAP, journey.id, journey.title, details=_size(journey))
        )
        return section
    journey = new.model
    moved = old.path if old is not None and old.key != new.key else None
    section = Section(journey.id, journey.title, new.path, old_path=moved)
    if old is None:
        section.changes.append(
            Change(Kind.ADDED, Entity.MAP, journey.id, journey.title, details=_size(journey))
        )
        found = [f for f in new_findings if f.key == new.key]
        section.changes.extend(_finding_changes([], found))
        return section
    changes = _MapDiff(old.model, new.model).run()
    before = [f for f in old_findings if f.key == old.key]
    if old.model.id != journey.id:
        # Messages name the map; under its new id they are the same findings.
        before = [_renamed_map(f, old.model.id, journey.id) for f in before]
    changes.extend(_finding_changes(before, [f for f in new_findings if f.key == new.key]))
    section.changes = sorted(changes, key=lambda change: change.position)
    return section


def _renamed_map(finding: FindingEntry, old_id: str, new_id: str) -> FindingEntry:
    message = finding.message.replace(f"'{old_id}'", f"'{new_id}'")
    return dataclasses.replace(finding, message=message)


def _size(journey: JourneyMap) -> tuple[tuple[str, Any], ...]:
    steps = [step for _, _, step in journey.iter_steps()]
    open_pain_points = sum(
        1 for step in steps for pain in step.pain_points if pain.status is PainPointStatus.OPEN
    )
    return (
        ("stages", len(journey.stages)),
        ("steps", len(steps)),
        ("open_pain_points", open_pain_points),
    )


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


class _MapDiff:
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
            return (_STAGES, placed.position[0], 0)
        return (_STAGES, self.before.stages[stage_id].position[0], 1)

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
                    position=(_MAP, 0),
                )
            )
        skip = ("personas", "teams", "touchpoints", "evidence", "stages", "opportunities")
        self.changes.extend(
            _field_changes(Entity.MAP, self.new.id, self.old, self.new, skip, (_MAP, 1))
        )
        order = _common_order([s.id for s in self.old.stages], [s.id for s in self.new.stages])
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
                    position=(_MAP, 2),
                )
            )

    def personas(self) -> None:
        """Personas the map covers; inline definitions that changed."""
        old_ids, new_ids = self.old.persona_ids, self.new.persona_ids
        names = {p.id: p.name for p in (*self.old.inline_personas, *self.new.inline_personas)}
        for persona_id in _union(new_ids, old_ids):
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
                    position=(_MAP, 3),
                )
            )
        old_inline = _by_id(self.old.inline_personas)
        for index, persona in enumerate(self.new.inline_personas):
            before = old_inline.get(persona.id)
            if before is not None:
                self.changes.extend(
                    _field_changes(
                        Entity.PERSONA, persona.id, before, persona, (), (_DEFINITIONS, 0, index)
                    )
                )

    def definitions(self) -> None:
        """Teams, touchpoints and evidence defined inside the map."""
        for rank, entity in enumerate(DEFINITION_KINDS):
            if entity is Entity.PERSONA:
                continue  # covered by `personas` above
            collection = _COLLECTION[entity]
            self.changes.extend(
                _definition_changes(
                    entity,
                    getattr(self.old, collection),
                    getattr(self.new, collection),
                    (_DEFINITIONS, rank),
                )
            )

    # -- stages and steps ------------------------------------------------------------------

    def stages(self) -> None:
        before, after = self.before.stages, self.after.stages
        for stage_id in _union(after, before):
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
                _field_changes(
                    Entity.STAGE, stage_id, old.item, new.item, ("kpis", "steps"), position
                )
            )
            order = _common_order(
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
        for step_id in _union(after, before):
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
                _field_changes(Entity.STEP, step_id, old.item, new.item, skip, position, new.parent)
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
            self.changes.extend(_emotion_changes(new, persona_id, before, after, position))

    # -- pain points, KPIs, opportunities -------------------------------------------------

    def pain_points(self) -> None:
        before, after = self.before.pain_points, self.after.pain_points
        for pain_id in _union(after, before):
            old, new = before.get(pain_id), after.get(pain_id)
            placed: _Placed = new or old  # type: ignore[assignment]
            assert placed.parent is not None
            position = (*self.step_position(placed.parent.id), 2, *placed.position)
            self.changes.extend(
                _pain_point_changes(
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
        for kpi_id in _union(after, before):
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
                        details=_kpi_details(kpi),
                        position=position,
                    )
                )
                continue
            assert old.parent is not None
            self.changes.extend(
                _kpi_changes(old.item, new.item, old.parent, placed.parent, position)
            )

    def opportunities(self) -> None:
        """In the new side's order, then those only the old side has."""
        before, after = self.before.opportunities, self.after.opportunities
        for rank, opportunity_id in enumerate(_union(after, before)):
            old, new = before.get(opportunity_id), after.get(opportunity_id)
            position = (_OPPORTUNITIES, rank)
            self.changes.extend(
                _opportunity_changes(
                    opportunity_id,
                    old.item if old else None,
                    new.item if new else None,
                    position,
                )
            )


def _score(emotion: Emotion | None) -> int | None:
    return emotion.score if emotion is not None else None


def _emotion_details(emotion: Emotion) -> tuple[tuple[str, Any], ...]:
    return tuple((key, value) for key, value in (("label", emotion.label),) if value)


def _emotion_changes(
    step: Step,
    persona_id: str,
    before: Emotion | None,
    after: Emotion | None,
    position: tuple[int, ...],
) -> Iterator[Change]:
    def change(kind: Kind, **values: Any) -> Change:
        return Change(
            kind, Entity.EMOTION, step.id, step.action, persona=persona_id, position=position,
            **values,
        )  # fmt: skip

    if before is None and after is None:
        return
    if before is None:
        assert after is not None
        yield change(Kind.ADDED, after=after.score, details=_emotion_details(after))
    elif after is None:
        yield change(Kind.REMOVED, before=before.score, details=_emotion_details(before))
    elif before.score != after.score:
        direction = Direction.BETTER if after.score > before.score else Direction.WORSE
        yield change(
            Kind.CHANGED,
            field="score",
            before=before.score,
            after=after.score,
            direction=direction,
            details=_emotion_details(after),
        )
    else:
        for field_name in ("label", "note"):
            old_value, new_value = getattr(before, field_name), getattr(after, field_name)
            if old_value != new_value:
                yield change(Kind.CHANGED, field=field_name, before=old_value, after=new_value)


def _pain_point_changes(
    pain_id: str,
    old: PainPoint | None,
    new: PainPoint | None,
    old_step: Ref | None,
    new_step: Ref,
    position: tuple[int, ...],
) -> Iterator[Change]:
    if old is None or new is None:
        pain: PainPoint = new or old  # type: ignore[assignment]
        details = (("severity", pain.severity.value), ("owner", pain.owner))
        if old is None:
            kind = Kind.OPENED if pain.status is PainPointStatus.OPEN else Kind.ADDED
            yield Change(
                kind, Entity.PAIN_POINT, pain_id, pain.summary, after=pain.status.value,
                parent=new_step, details=details, position=position,
            )  # fmt: skip
        else:
            yield Change(
                Kind.REMOVED, Entity.PAIN_POINT, pain_id, pain.summary, before=pain.status.value,
                parent=new_step, details=details, position=position,
            )  # fmt: skip
        return
    assert old_step is not None
    if old_step != new_step:
        yield Change(
            Kind.CHANGED, Entity.PAIN_POINT, pain_id, new.summary, field="step",
            before=old_step.id, after=new_step.id, parent=new_step, position=position,
        )  # fmt: skip
    for change in _field_changes(Entity.PAIN_POINT, pain_id, old, new, (), position, new_step):
        if change.field == "status":
            yield _status_change(change, old.status, new.status)
        elif change.field == "severity":
            worse = _SEVERITY_RANK[new.severity] > _SEVERITY_RANK[old.severity]
            direction = Direction.WORSE if worse else Direction.BETTER
            yield _with(change, kind=Kind.REGRADED, direction=direction)
        else:
            yield change


def _with(change: Change, **values: Any) -> Change:
    fields = {name: getattr(change, name) for name in change.__dataclass_fields__}
    fields.update(values)
    return Change(**fields)


def _status_change(change: Change, old: PainPointStatus, new: PainPointStatus) -> Change:
    if new is PainPointStatus.RESOLVED:
        return _with(change, kind=Kind.RESOLVED, direction=Direction.BETTER)
    if new is PainPointStatus.MITIGATED:
        direction = Direction.BETTER if old is PainPointStatus.OPEN else Direction.WORSE
        return _with(change, kind=Kind.MITIGATED, direction=direction)
    return _with(change, kind=Kind.REOPENED, direction=Direction.WORSE)


def _number(value: float | None) -> float | int | None:
    plain: float | int | None = _plain(value)
    return plain


def _kpi_details(kpi: Kpi) -> tuple[tuple[str, Any], ...]:
    return (
        ("target", _number(kpi.target)),
        ("actual", _number(kpi.actual)),
        ("unit", kpi.unit),
        ("better", kpi.better.value if kpi.better else None),
    )


def _meets(kpi: Kpi) -> bool | None:
    if kpi.target is None or kpi.actual is None or kpi.better is None:
        return None
    if kpi.better is KpiDirection.LOWER:
        return kpi.actual <= kpi.target
    return kpi.actual >= kpi.target


def _kpi_changes(
    old: Kpi, new: Kpi, old_parent: Ref, new_parent: Ref, position: tuple[int, ...]
) -> Iterator[Change]:
    if old_parent != new_parent:
        yield Change(
            Kind.CHANGED, Entity.KPI, new.id, new.name, field="parent",
            before={"entity": old_parent.entity.value, "id": old_parent.id},
            after={"entity": new_parent.entity.value, "id": new_parent.id},
            parent=new_parent, position=position,
        )  # fmt: skip
    details = (*_kpi_details(new), ("target_met", _meets(new)))
    for change in _field_changes(Entity.KPI, new.id, old, new, (), position, new_parent):
        if change.field != "actual" or old.actual is None or new.actual is None:
            yield _with(change, details=details)
            continue
        if new.better is None:
            yield _with(change, details=details)
            continue
        rising = new.actual > old.actual
        good = rising if new.better is KpiDirection.HIGHER else not rising
        if new.target is not None:
            direction = Direction.TOWARD_TARGET if good else Direction.AWAY_FROM_TARGET
        else:
            direction = Direction.BETTER if good else Direction.WORSE
        yield _with(change, direction=direction, details=details)


def _opportunity_changes(
    opportunity_id: str,
    old: Opportunity | None,
    new: Opportunity | None,
    position: tuple[int, ...],
) -> Iterator[Change]:
    if old is None or new is None:
        item: Opportunity = new or old  # type: ignore[assignment]
        details = (
            ("owner", item.owner),
            ("impact", item.impact.value if item.impact else None),
            ("effort", item.effort.value if item.effort else None),
        )
        status = item.status.value
        yield Change(
            Kind.ADDED if old is None else Kind.REMOVED, Entity.OPPORTUNITY, opportunity_id,
            item.summary, before=None if old is None else status,
            after=status if old is None else None, details=details, position=position,
        )  # fmt: skip
        return
    for change in _field_changes(Entity.OPPORTUNITY, opportunity_id, old, new, (), position):
        if change.field == "status" and new.status is OpportunityStatus.DONE:
            yield _with(change, kind=Kind.COMPLETED)
        elif change.field == "status" and new.status is OpportunityStatus.DROPPED:
            yield _with(change, kind=Kind.DROPPED)
        else:
            yield change


def _definition_changes(
    entity: Entity,
    old: Iterable[Any],
    new: Iterable[Any],
    position: tuple[int, ...],
) -> Iterator[Change]:
    """Personas, teams, touchpoints or evidence entries added, removed or changed."""
    before, after = _by_id(old), _by_id(new)
    order = {entity_id: index for index, entity_id in enumerate(_union(after, before))}
    label = LABEL_FIELD[entity]
    for entity_id in order:
        old_item, new_item = before.get(entity_id), after.get(entity_id)
        where = (*position, order[entity_id])
        if old_item is None or new_item is None:
            item = new_item if new_item is not None else old_item
            kind = Kind.ADDED if old_item is None else Kind.REMOVED
            yield Change(kind, entity, entity_id, getattr(item, label), position=where)
            continue
        yield from _field_changes(entity, entity_id, old_item, new_item, (), where)


# -- lint findings ---------------------------------------------------------------------------

# Messages may name lines and other files' positions; those move with unrelated edits.
_PLACES = re.compile(r"\bat \S+:\d+:\d+|\bline \d+")


def _finding_key(finding: FindingEntry) -> tuple[str, str]:
    return finding.code, _PLACES.sub("<place>", finding.message)


def _finding_changes(old: list[FindingEntry], new: list[FindingEntry]) -> list[Change]:
    """Findings introduced and fixed, matched by rule and message (as a multiset)."""
    old_counts = Counter(_finding_key(f) for f in old)
    new_counts = Counter(_finding_key(f) for f in new)
    changes: list[Change] = []
    for kind, findings, other in (
        (Kind.INTRODUCED, new, old_counts),
        (Kind.FIXED, old, new_counts),
    ):
        seen: Counter[tuple[str, str]] = Counter()
        for finding in sorted(findings, key=lambda f: (f.code, f.message)):
            key = _finding_key(finding)
            seen[key] += 1
            if seen[key] <= other[key]:
                continue
            introduced = kind is Kind.INTRODUCED
            changes.append(
                Change(
                    kind,
                    Entity.FINDING,
                    finding.code,
                    finding.name,
                    before=None if introduced else finding.message,
                    after=finding.message if introduced else None,
                    details=(("severity", finding.severity),),
                    position=(_FINDINGS, 0 if introduced else 1, len(changes)),
                )
            )
    return changes


# -- shared definitions ----------------------------------------------------------------------


def _shared_sections(old: Snapshot, new: Snapshot) -> list[Section]:
    """Changes to definitions outside maps, and findings in those files, per file."""
    sections: dict[str, Section] = {}

    def section_for(key: str, path: str) -> Section:
        if key not in sections:
            sections[key] = Section(None, None, path)
        return sections[key]

    for rank, entity in enumerate(DEFINITION_KINDS):
        before = _shared_by_id(old.shared, entity)
        after = _shared_by_id(new.shared, entity)
        for change in _definition_changes(
            entity,
            [e.model for e in before.values()],
            [e.model for e in after.values()],
            (_DEFINITIONS, rank),
        ):
            old_entry, new_entry = before.get(change.id), after.get(change.id)
            entry = new_entry or old_entry
            assert entry is not None
            chosen = (old_entry is not None and old_entry.selected) or (
                new_entry is not None and new_entry.selected
            )
            if chosen:
                section_for(entry.key, entry.path).changes.append(change)

    old_maps = {m.key for m in old.maps}
    new_maps = {m.key for m in new.maps}
    old_files = _findings_by_file(old.findings, old_maps)
    new_files = _findings_by_file(new.findings, new_maps)
    for key in sorted({*old_files, *new_files}):
        before_found, after_found = old_files.get(key, []), new_files.get(key, [])
        if not any(f.selected for f in (*before_found, *after_found)):
            continue
        changes = _finding_changes(before_found, after_found)
        if changes:
            path = (after_found or before_found)[0].path
            section_for(key, path).changes.extend(changes)
    for section in sections.values():
        section.changes.sort(key=lambda change: change.position)
    return [sections[key] for key in sorted(sections)]


def _shared_by_id(entries: list[SharedEntry], entity: Entity) -> dict[str, SharedEntry]:
    found: dict[str, SharedEntry] = {}
    for entry in entries:
        if entry.entity is entity:
            found.setdefault(entry.model.id, entry)
    return found


def _findings_by_file(
    findings: list[FindingEntry], map_keys: set[str]
) -> dict[str, list[FindingEntry]]:
    grouped: dict[str, list[FindingEntry]] = {}
    for finding in findings:
        if finding.key not in map_keys:
            grouped.setdefault(finding.key, []).append(finding)
    return grouped
