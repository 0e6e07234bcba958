"""Lining the two journeys up column by column, so that a step of today and its future
version sit in one column.

The alignment, in order:

1. **Stages by id.** The future map's stages in its order; a stage only the current map
   has is put right after the stage that precedes it in the current map (or first).
2. **Steps by id, across the whole map.** A step both maps have is one column, in the
   stage where the future map has it (a step moved to another stage is drawn there).
   Steps are taken in reading order, branches included
   (:meth:`cjm.model.Stage.ordered_steps`).
3. **Within a stage, in the future's order.** A step only the current map has keeps its
   place relative to the steps around it: it comes right before the first step that
   followed it today and is still in the stage, else at the end of the stage. A step
   only the future has is where the future map writes it.

So a column is never shared by two different steps: a renamed step with a new id reads as
one step removed and one added, which is what the maps say.
"""

from __future__ import annotations

from collections.abc import Sequence

from cjm.model import JourneyMap, Stage, Step


def merge_order(before: Sequence[str], after: Sequence[str]) -> list[str]:
    """Every id of ``after`` in its order, with the ids only ``before`` has placed right
    before the first id that followed them in ``before`` and is in ``after`` (else at
    the end)."""
    in_after = set(after)
    waiting: dict[str, list[str]] = {}
    trailing: list[str] = []
    pending: list[str] = []
    for item in before:
        if item in in_after:
            waiting.setdefault(item, []).extend(pending)
            pending = []
        else:
            pending.append(item)
    trailing = pending
    merged: list[str] = []
    for item in after:
        merged.extend(waiting.get(item, []))
        merged.append(item)
    merged.extend(trailing)
    return list(dict.fromkeys(merged))


def _steps_by_id(stages: list[Stage]) -> dict[str, tuple[str, Step]]:
    """Each step id to its stage id and step; the first of two steps sharing an id wins."""
    found: dict[str, tuple[str, Step]] = {}
    for stage in stages:
        for step in stage.all_steps():
            found.setdefault(step.id, (stage.id, step))
    return found


def align(
    current: JourneyMap, future: JourneyMap
) -> list[tuple[Stage | None, Stage | None, list[tuple[Step | None, Step | None]]]]:
    """The stages of both maps in aligned order: (current stage, future stage, columns),
    each column a (current step, future step) pair, one of them None for a step only one
    side has."""
    old_stages = {stage.id: stage for stage in reversed(current.stages)}
    new_stages = {stage.id: stage for stage in reversed(future.stages)}
    old_steps, new_steps = _steps_by_id(current.stages), _steps_by_id(future.stages)
    order = merge_order([s.id for s in current.stages], [s.id for s in future.stages])
    aligned = []
    for stage_id in order:
        old, new = old_stages.get(stage_id), new_stages.get(stage_id)
        # The current steps of this stage that stay in it, or are gone from the future.
        before = [
            step.id
            for step in (old.all_steps() if old is not None else [])
            if step.id not in new_steps or new_steps[step.id][0] == stage_id
        ]
        after = [step.id for step in (new.all_steps() if new is not None else [])]
        columns: list[tuple[Step | None, Step | None]] = []
        for step_id in merge_order(before, after):
            was = old_steps.get(step_id)
            now = new_steps.get(step_id)
            if now is not None and now[0] != stage_id:
                continue  # a duplicate id in another stage: drawn where it is first
            columns.append((was[1] if was else None, now[1] if now else None))
        aligned.append((old, new, columns))
    return aligned
