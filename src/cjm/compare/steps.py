"""Steps added, removed and changed between the two maps, the changes said in words.

A step on both maps (the same id) is compared field by field as ``cjm diff`` compares two
versions of a step (:func:`cjm.diff.changes.step_changes`) and worded as it words them;
its emotions, pain points and KPIs are compared apart (:mod:`cjm.compare.emotions`,
:mod:`cjm.compare.pains`, :mod:`cjm.compare.kpis`).
"""

from __future__ import annotations

from cjm.compare.model import Slot, StageSlots, StepChange, StepStatus
from cjm.diff.changes import step_changes
from cjm.diff.model import Kind
from cjm.diff.words import describe
from cjm.model import Stage, Step


def what_changed(before: Step, after: Step, stage_before: str, stage_after: str) -> tuple[str, ...]:
    """The changes of a step present on both maps, in words (plain text, user text as
    written: the reader escapes it)."""
    words = []
    if stage_before != stage_after:
        words.append(f"moved from stage {stage_before} to stage {stage_after}")
    for change in step_changes(before, after, (), None):
        detail = describe(change)[1]
        words.append(f"action {detail}" if change.kind is Kind.RENAMED else detail)
    return tuple(words)


def slot_of(before: Step | None, after: Step | None, stage_before: str, stage_after: str) -> Slot:
    if before is None:
        return Slot(None, after, StepStatus.ADDED)
    if after is None:
        return Slot(before, None, StepStatus.REMOVED)
    changes = what_changed(before, after, stage_before, stage_after)
    return Slot(before, after, StepStatus.CHANGED if changes else StepStatus.SAME, changes)


def step_changes_of(stages: list[StageSlots]) -> list[StepChange]:
    """The steps added, removed or changed, in aligned journey order."""
    found = []
    for stage in stages:
        for slot in stage.slots:
            if slot.status is StepStatus.SAME:
                continue
            found.append(
                StepChange(
                    step_id=slot.step_id,
                    stage=stage.name,
                    status=slot.status,
                    action_before=slot.before.action if slot.before else None,
                    action_after=slot.after.action if slot.after else None,
                    changes=slot.changes,
                )
            )
    return found


def stage_of(stages: list[Stage]) -> dict[str, str]:
    """Each step id to the id of its stage (the first, when ids repeat)."""
    found: dict[str, str] = {}
    for stage in stages:
        for step in stage.all_steps():
            found.setdefault(step.id, stage.id)
    return found
