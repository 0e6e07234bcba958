"""Each persona's emotions before and after.

A persona covered by both maps gets its average score over every step it has a score for
on each map, and its score at each step both maps have (raised, lowered or the same); a
step where it has no score on one side says so (``None``), it is never counted as zero.
A persona only one map covers is listed with that side's average, so that it is not lost.
"""

from __future__ import annotations

from cjm.compare.model import EmotionShift, PersonaEmotions, PersonaSide, Slot
from cjm.model import JourneyMap, Step


def _score(step: Step, persona_id: str) -> int | None:
    if not step.involves(persona_id):
        return None
    emotion = step.emotion_for(persona_id)
    return emotion.score if emotion is not None else None


def _scores(journey: JourneyMap, persona_id: str) -> list[int]:
    scores = (_score(step, persona_id) for _, _, step in journey.iter_steps())
    return [score for score in scores if score is not None]


def _average(scores: list[int]) -> float | None:
    return sum(scores) / len(scores) if scores else None


def persona_emotions(
    current: JourneyMap, future: JourneyMap, slots: list[Slot], names: dict[str, str]
) -> list[PersonaEmotions]:
    """Every persona of either map (the future map's first, in its order), with
    ``names`` giving each persona's name (else its id)."""
    found = []
    for persona_id in dict.fromkeys([*future.persona_ids, *current.persona_ids]):
        on_current = persona_id in current.persona_ids
        on_future = persona_id in future.persona_ids
        before = _scores(current, persona_id) if on_current else []
        after = _scores(future, persona_id) if on_future else []
        side = (
            PersonaSide.BOTH
            if on_current and on_future
            else PersonaSide.CURRENT_ONLY
            if on_current
            else PersonaSide.FUTURE_ONLY
        )
        shifts = []
        if side is PersonaSide.BOTH:
            for slot in slots:
                if slot.before is None or slot.after is None:
                    continue
                was, now = _score(slot.before, persona_id), _score(slot.after, persona_id)
                if was is None and now is None:
                    continue
                shifts.append(EmotionShift(slot.step_id, slot.action, was, now))
        found.append(
            PersonaEmotions(
                persona_id=persona_id,
                name=names.get(persona_id, persona_id),
                side=side,
                average_before=_average(before),
                average_after=_average(after),
                scored_before=len(before),
                scored_after=len(after),
                shifts=tuple(shifts),
            )
        )
    return found
