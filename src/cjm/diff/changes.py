"""The changes of one entity between two sides: its fields, and what they mean for the
journey (a pain point resolved, an emotion that fell, a KPI that moved toward its target).

Plain functions over the models, used by :mod:`cjm.diff.map_diff` and
:mod:`cjm.diff.compare`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from cjm.diff.model import Change, Direction, Entity, Kind, Ref
from cjm.model import (
    Emotion,
    Evidence,
    JourneyMap,
    Kpi,
    Opportunity,
    OpportunityStatus,
    PainPoint,
    PainPointStatus,
    Step,
)
from cjm.model.base import duration_seconds
from cjm.model.journey import KpiDirection
from cjm.model.workspace import ChannelTerm, SeverityTerm

# What a KPI without ``better`` says about its direction, in the details of its changes.
UNKNOWN_DIRECTION = "unknown"

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
    Entity.CHANNEL: "name",
}
DEFINITION_KINDS = (Entity.PERSONA, Entity.TEAM, Entity.TOUCHPOINT, Entity.EVIDENCE)
# What shared files define: the definitions, and the words cjm.yaml adds (``vocabulary``).
SHARED_KINDS = (*DEFINITION_KINDS, Entity.CHANNEL, Entity.SEVERITY)
COLLECTION = {
    Entity.PERSONA: "personas",
    Entity.TEAM: "teams",
    Entity.TOUCHPOINT: "touchpoints",
    Entity.EVIDENCE: "evidence",
}

# Positions order a section: map fields, then the stages in journey order (each stage's
# own changes, its KPIs, then each step with its emotions, pain points and KPIs), then
# opportunities, definitions and lint findings.
AT_MAP, AT_STAGES, AT_OPPORTUNITIES, AT_DEFINITIONS, AT_FINDINGS = range(5)


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


def by_id(items: Iterable[Any]) -> dict[str, Any]:
    """Items keyed by their ``id``; the first of two equal ids wins (duplicate-id says so)."""
    found: dict[str, Any] = {}
    for item in items:
        found.setdefault(item.id, item)
    return found


def union(new_ids: Iterable[str], old_ids: Iterable[str]) -> list[str]:
    """New ids in their order, then the ids only the old side has, in theirs."""
    return list(dict.fromkeys([*new_ids, *old_ids]))


def common_order(old_ids: list[str], new_ids: list[str]) -> tuple[list[str], list[str]] | None:
    """The ids both sides hold, in each side's order, when that order differs."""
    shared = set(old_ids) & set(new_ids)
    before = [i for i in dict.fromkeys(old_ids) if i in shared]
    after = [i for i in dict.fromkeys(new_ids) if i in shared]
    return (before, after) if before != after else None


def field_changes(
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


def map_size(journey: JourneyMap) -> tuple[tuple[str, Any], ...]:
    """Stages, steps (branches included) and open pain points (stages' included)."""
    steps = [step for _, _, step in journey.iter_steps()]
    open_pain_points = sum(
        1 for pain in journey.pain_points() if pain.status is PainPointStatus.OPEN
    )
    return (
        ("stages", len(journey.stages)),
        ("steps", len(steps)),
        ("open_pain_points", open_pain_points),
    )


def _score(emotion: Emotion | None) -> int | None:
    return emotion.score if emotion is not None else None


def _emotion_details(emotion: Emotion) -> tuple[tuple[str, Any], ...]:
    return tuple((key, value) for key, value in (("label", emotion.label),) if value)


def emotion_changes(
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


def _parent_value(parent: Ref) -> dict[str, str]:
    return {"entity": parent.entity.value, "id": parent.id}


def pain_point_changes(
    pain_id: str,
    old: PainPoint | None,
    new: PainPoint | None,
    old_parent: Ref | None,
    new_parent: Ref,
    position: tuple[int, ...],
    covers: list[str] | None = None,
) -> Iterator[Change]:
    """The changes of one pain point; ``new_parent`` is the step or stage it is written
    under (the old one for a removed pain point), ``covers`` the steps it covers there."""
    if old is None or new is None:
        pain: PainPoint = new or old  # type: ignore[assignment]
        details: tuple[tuple[str, Any], ...] = (
            ("severity", pain.severity),
            ("owner", pain.owner),
            ("covers", list(covers or [])),
        )
        if old is None:
            kind = Kind.OPENED if pain.status is PainPointStatus.OPEN else Kind.ADDED
            yield Change(
                kind, Entity.PAIN_POINT, pain_id, pain.summary, after=pain.status.value,
                parent=new_parent, details=details, position=position,
            )  # fmt: skip
        else:
            yield Change(
                Kind.REMOVED, Entity.PAIN_POINT, pain_id, pain.summary, before=pain.status.value,
                parent=new_parent, details=details, position=position,
            )  # fmt: skip
        return
    assert old_parent is not None
    if old_parent != new_parent:
        both_steps = old_parent.entity is new_parent.entity is Entity.STEP
        yield Change(
            Kind.CHANGED, Entity.PAIN_POINT, pain_id, new.summary,
            field="step" if both_steps else "parent",
            before=old_parent.id if both_steps else _parent_value(old_parent),
            after=new_parent.id if both_steps else _parent_value(new_parent),
            parent=new_parent, position=position,
        )  # fmt: skip
    if old.severity == new.severity and old.level is not new.level:
        # The same word of the workspace, which cjm.yaml now ranks otherwise.
        worse = new.level.rank > old.level.rank
        yield Change(
            Kind.REGRADED, Entity.PAIN_POINT, pain_id, new.summary, field="severity",
            before=old.severity, after=new.severity,
            direction=Direction.WORSE if worse else Direction.BETTER,
            parent=new_parent, position=position,
            details=(("counts_as_before", old.level.value), ("counts_as", new.level.value)),
        )  # fmt: skip
    for change in field_changes(Entity.PAIN_POINT, pain_id, old, new, (), position, new_parent):
        if change.field == "status":
            yield _status_change(change, old.status, new.status)
        elif change.field == "severity":
            if new.level is old.level:  # two words of the workspace that rank alike
                yield change
                continue
            worse = new.level.rank > old.level.rank
            direction = Direction.WORSE if worse else Direction.BETTER
            yield _with(change, kind=Kind.REGRADED, direction=direction)
        elif change.field == "spans":
            if Entity.STAGE not in (old_parent.entity, new_parent.entity):
                yield _spans_change(change, old, new)
            # else: a stage's pain point covers the whole stage, whatever it spans
        else:
            yield change


def _spans_change(change: Change, old: PainPoint, new: PainPoint) -> Change:
    """Further steps covered or no longer covered: ``widened`` or ``narrowed`` when the
    steps only grew or only shrank (worse or better for the customer while the pain point
    is open), else a plain change."""
    before, after = set(old.spans), set(new.spans)
    if before == after:
        return change  # the same steps, written in another order
    open_now = new.status is PainPointStatus.OPEN
    if before < after:
        return _with(change, kind=Kind.WIDENED, direction=Direction.WORSE if open_now else None)
    if after < before:
        return _with(change, kind=Kind.NARROWED, direction=Direction.BETTER if open_now else None)
    return change


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


def kpi_details(kpi: Kpi) -> tuple[tuple[str, Any], ...]:
    """A KPI's numbers, which way is better (``unknown`` when it does not say), whether it
    meets its target (``None`` when that cannot be judged), and where its actual value
    stands against its baseline: ``from_baseline`` (actual minus baseline) and
    ``against_baseline`` (``better``, ``worse``, ``same``, ``unknown`` without a direction,
    ``None`` without a baseline or an actual value)."""
    return (
        ("baseline", _number(kpi.baseline)),
        ("target", _number(kpi.target)),
        ("actual", _number(kpi.actual)),
        ("unit", kpi.unit),
        ("better", kpi.better.value if kpi.better else UNKNOWN_DIRECTION),
        ("target_met", _meets(kpi)),
        ("from_baseline", _from_baseline(kpi)),
        ("against_baseline", _against_baseline(kpi)),
    )


def _from_baseline(kpi: Kpi) -> float | int | None:
    if kpi.baseline is None or kpi.actual is None:
        return None
    return _number(round(kpi.actual - kpi.baseline, 9))


def _against_baseline(kpi: Kpi) -> str | None:
    """Whether the actual value is better or worse than the baseline, by the KPI's own
    ``better``; ``unknown`` when it does not say (never a guess)."""
    if kpi.baseline is None or kpi.actual is None:
        return None
    if kpi.actual == kpi.baseline:
        return "same"
    if kpi.better is None:
        return UNKNOWN_DIRECTION
    rising = kpi.actual > kpi.baseline
    good = rising if kpi.better is KpiDirection.HIGHER else not rising
    return Direction.BETTER.value if good else Direction.WORSE.value


def _meets(kpi: Kpi) -> bool | None:
    """Whether the KPI meets its target; ``None`` without a target, an actual value or a
    direction (no verdict on a guessed direction)."""
    if kpi.target is None or kpi.actual is None or kpi.better is None:
        return None
    if kpi.better is KpiDirection.LOWER:
        return kpi.actual <= kpi.target
    return kpi.actual >= kpi.target


def _kpi_direction(old: Kpi, new: Kpi) -> Direction | None:
    """Which way the actual value moved the journey, judged by the new side's ``better``."""
    if old.actual is None or new.actual is None or old.actual == new.actual:
        return None
    if new.better is None:
        return Direction.UNKNOWN
    rising = new.actual > old.actual
    good = rising if new.better is KpiDirection.HIGHER else not rising
    if new.target is not None:
        return Direction.TOWARD_TARGET if good else Direction.AWAY_FROM_TARGET
    return Direction.BETTER if good else Direction.WORSE


def kpi_changes(
    old: Kpi, new: Kpi, old_parent: Ref, new_parent: Ref, position: tuple[int, ...]
) -> Iterator[Change]:
    if old_parent != new_parent:
        yield Change(
            Kind.CHANGED, Entity.KPI, new.id, new.name, field="parent",
            before={"entity": old_parent.entity.value, "id": old_parent.id},
            after={"entity": new_parent.entity.value, "id": new_parent.id},
            parent=new_parent, position=position,
        )  # fmt: skip
    details = kpi_details(new)
    for change in field_changes(Entity.KPI, new.id, old, new, (), position, new_parent):
        direction = _kpi_direction(old, new) if change.field == "actual" else None
        yield _with(change, direction=direction, details=details)


def opportunity_changes(
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
            ("due", item.due.isoformat() if item.due else None),
            ("release", item.release),
        )
        status = item.status.value
        yield Change(
            Kind.ADDED if old is None else Kind.REMOVED, Entity.OPPORTUNITY, opportunity_id,
            item.summary, before=None if old is None else status,
            after=status if old is None else None, details=details, position=position,
        )  # fmt: skip
        return
    for change in field_changes(Entity.OPPORTUNITY, opportunity_id, old, new, (), position):
        if change.field == "status" and new.status is OpportunityStatus.DONE:
            yield _with(change, kind=Kind.COMPLETED)
        elif change.field == "status" and new.status is OpportunityStatus.DROPPED:
            yield _with(change, kind=Kind.DROPPED)
        else:
            yield change


def definition_changes(
    entity: Entity,
    old: Iterable[Any],
    new: Iterable[Any],
    position: tuple[int, ...],
) -> Iterator[Change]:
    """Personas, teams, touchpoints, evidence entries, channels or severities added,
    removed or changed."""
    before, after = by_id(old), by_id(new)
    order = {entity_id: index for index, entity_id in enumerate(union(after, before))}
    label = LABEL_FIELD.get(entity)
    for entity_id in order:
        old_item, new_item = before.get(entity_id), after.get(entity_id)
        where = (*position, order[entity_id])
        if old_item is None or new_item is None:
            item = new_item if new_item is not None else old_item
            kind = Kind.ADDED if old_item is None else Kind.REMOVED
            name = getattr(item, label) if label else None
            yield Change(kind, entity, entity_id, name, details=_term(item), position=where)
            continue
        for change in field_changes(entity, entity_id, old_item, new_item, (), where):
            if entity is Entity.EVIDENCE:
                yield _evidence_strength(change, old_item, new_item)
            else:
                yield change


def _term(item: Any) -> tuple[tuple[str, Any], ...]:
    """What a channel or severity a workspace adds stands for."""
    if isinstance(item, ChannelTerm):
        return (("mode", item.mode.value),)
    if isinstance(item, SeverityTerm):
        return (("counts_as", item.counts_as.value),)
    return ()


# The fields of an evidence entry that decide how much it backs what cites it.
STRENGTH_FIELDS = ("kind", "confidence")


def _evidence_strength(change: Change, old: Evidence, new: Evidence) -> Change:
    """A change of an evidence entry's kind or confidence that changes its strength (how
    much it counts in evidence coverage): better when it counts more."""
    if change.field not in STRENGTH_FIELDS or old.strength == new.strength:
        return change
    direction = Direction.BETTER if new.strength > old.strength else Direction.WORSE
    details = (("strength_before", _number(old.strength)), ("strength", _number(new.strength)))
    return _with(change, direction=direction, details=details)


# A step's flags: true, false, or text that says why (which means true).
FLAGS = ("fail_point", "moment_of_truth")
UNFLAGGED = (None, False)

# Per-persona detail at a step, compared field by field for each persona.
PERSONA_DETAIL_FIELDS = ("thoughts", "questions", "quotes")


def step_changes(
    old: Step, new: Step, position: tuple[int, ...], parent: Ref | None
) -> Iterator[Change]:
    """A step's own fields (its emotions, pain points and KPIs are compared apart), then
    each persona's thoughts, questions and quotes (``persona`` says whose)."""
    skip = ("emotion", "emotions", "pain_points", "kpis", "by_persona")
    for change in field_changes(Entity.STEP, new.id, old, new, skip, position, parent):
        if change.field in FLAGS and change.before in UNFLAGGED and change.after in UNFLAGGED:
            continue  # `false` says what leaving the flag out says
        if change.field == "wait" and old.wait is not None and new.wait is not None:
            before, after = duration_seconds(old.wait), duration_seconds(new.wait)
            if before != after:
                longer = after > before
                yield _with(change, direction=Direction.WORSE if longer else Direction.BETTER)
                continue
        yield change
    for persona_id in union(new.by_persona, old.by_persona):
        was, now = old.by_persona.get(persona_id), new.by_persona.get(persona_id)
        for field_name in PERSONA_DETAIL_FIELDS:
            before_items = list(getattr(was, field_name)) if was else []
            after_items = list(getattr(now, field_name)) if now else []
            if before_items != after_items:
                yield Change(
                    Kind.CHANGED, Entity.STEP, new.id, new.action, field=field_name,
                    before=before_items, after=after_items, persona=persona_id,
                    parent=parent, position=position,
                )  # fmt: skip
