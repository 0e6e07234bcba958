"""A current-state map against the future-state map that names it: what changes.

:func:`compare_maps` makes a :class:`~cjm.compare.model.Comparison` (pure data, no markup)
from the two maps' render contexts: steps added, removed and changed, each persona's
emotions before and after, the pain points resolved (and by which opportunity), still
present or new, and each KPI's value today against its target. The reports
(:mod:`cjm.report`) and the ``compare`` diagram (:mod:`cjm.render.compare_view`) show it.
"""

from __future__ import annotations

from cjm.compare.align import align
from cjm.compare.emotions import persona_emotions
from cjm.compare.kpis import kpi_comparisons
from cjm.compare.model import (
    Comparison,
    EmotionShift,
    KpiComparison,
    KpiValue,
    OpportunityRef,
    PainFate,
    PainOutcome,
    PersonaEmotions,
    PersonaSide,
    ResolvedBecause,
    Slot,
    StageSlots,
    StepChange,
    StepStatus,
)
from cjm.compare.pains import pain_outcomes
from cjm.compare.pairing import MapRef, Pairing, futures_naming, missing_reason, pairing_of
from cjm.compare.steps import slot_of, stage_of, step_changes_of
from cjm.render.context import RenderContext


def compare_maps(current: RenderContext, future: RenderContext) -> Comparison:
    """What changes from ``current``'s map to ``future``'s (see :mod:`cjm.compare.align`
    for how their steps are lined up)."""
    old, new = current.journey, future.journey
    stage_before, stage_after = stage_of(old.stages), stage_of(new.stages)
    stages = []
    for old_stage, new_stage, columns in align(old, new):
        named = new_stage or old_stage
        assert named is not None
        slots = tuple(
            slot_of(
                before,
                after,
                stage_before.get(before.id, "") if before else "",
                stage_after.get(after.id, "") if after else "",
            )
            for before, after in columns
        )
        stages.append(
            StageSlots(named.id, named.name, old_stage is not None, new_stage is not None, slots)
        )
    names = {m.persona_id: m.name for m in current.marks}
    names.update({m.persona_id: m.name for m in future.marks})
    comparison = Comparison(old, new, stages)
    comparison.steps = step_changes_of(stages)
    comparison.personas = persona_emotions(old, new, comparison.slots, names)
    comparison.pains = pain_outcomes(old, new)
    comparison.kpis = kpi_comparisons(old, new)
    return comparison


__all__ = [
    "Comparison",
    "EmotionShift",
    "KpiComparison",
    "KpiValue",
    "MapRef",
    "OpportunityRef",
    "PainFate",
    "PainOutcome",
    "Pairing",
    "PersonaEmotions",
    "PersonaSide",
    "ResolvedBecause",
    "Slot",
    "StageSlots",
    "StepChange",
    "StepStatus",
    "compare_maps",
    "futures_naming",
    "missing_reason",
    "pairing_of",
]
