"""Negative emotions at a step that no pain point covering it explains: for the rules
about dips in the emotional curve."""

from __future__ import annotations

from dataclasses import dataclass

from cjm.load.positions import DataPath
from cjm.model.journey import PainPoint, Step


@dataclass(frozen=True)
class Unexplained:
    """A score at ``where`` (a path inside the step) that nothing explains, for ``who``."""

    where: DataPath
    score: int
    who: list[str]


def explained(pains: list[PainPoint], persona_id: str) -> bool:
    """Whether one of ``pains`` (those covering a step) applies to ``persona_id``."""
    return any(not pain.personas or persona_id in pain.personas for pain in pains)


def unexplained(
    step: Step, personas: list[str], pains: list[PainPoint], threshold: int
) -> list[Unexplained]:
    """The scores of ``threshold`` or lower at ``step``, of personas who take it, that
    none of ``pains`` (those covering the step) is about. Personas who share the step's
    `emotion` are grouped in one entry at `emotion`; each of the step's `emotions` is an
    entry of its own."""
    dips: dict[str, int] = {}
    for persona_id in dict.fromkeys(personas):
        if not step.involves(persona_id):
            continue
        emotion = step.emotion_for(persona_id)
        if emotion is None or emotion.score > threshold:
            continue
        if not explained(pains, persona_id):
            dips[persona_id] = emotion.score
    shared = [p for p in dips if p not in step.emotions]
    found: list[Unexplained] = []
    for persona_id, score in dips.items():
        if persona_id in step.emotions:
            found.append(Unexplained(("emotions", persona_id), score, [persona_id]))
        elif persona_id == shared[0]:
            found.append(Unexplained(("emotion",), score, shared))
    return found
