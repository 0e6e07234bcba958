"""The data of the emotional curve: where each persona's marks go, and which of them are
the peaks and valleys of that persona's curve.

Peaks and valleys come from :func:`cjm.model.paths.turning_points`, worked out along each
persona's own path (a step the persona does not take is not part of their curve): a peak
is a positive local high, a valley a negative local low, at any score, not only at ±2.
"""

from __future__ import annotations

from dataclasses import dataclass

from cjm.model import Emotion
from cjm.model.paths import persona_path, turning_points
from cjm.render.bands import Column
from cjm.render.context import PersonaMark, RenderContext

STEP_WIDTH = 1.8  # inches between two steps
SCORE_HEIGHT = 0.75  # inches between two scores
POINT_SIZE = 0.32  # diameter of a persona's mark


@dataclass(frozen=True)
class Point:
    """Where one persona's mark sits: its column (in the whole journey), its score and its
    offset from the column's centre among personas that share the spot."""

    column: int
    mark: PersonaMark
    persona_index: int
    emotion: Emotion
    offset: float

    @property
    def y(self) -> float:
        return self.emotion.score * SCORE_HEIGHT


@dataclass(frozen=True)
class TurningPoint:
    """A peak or valley at a column: the score, and the label to write by it (one
    persona's, or several personas' with their initials), possibly empty."""

    column: int
    score: int
    kind: str  # "peak" or "valley"
    label: str


def place_points(context: RenderContext, columns: list[Column]) -> list[Point]:
    """Every persona's mark, personas at one spot spread side by side."""
    found: list[tuple[int, int, PersonaMark, Emotion]] = []
    for number, column in enumerate(columns):
        step = column.step
        if step is None:
            continue
        for index, mark in enumerate(context.marks):
            emotion = step.emotion_for(mark.persona_id)
            if step.involves(mark.persona_id) and emotion is not None:
                found.append((number, index, mark, emotion))
    placed = []
    for number, index, mark, emotion in found:
        shared = [f[1] for f in found if f[0] == number and f[3].score == emotion.score]
        spacing = min(POINT_SIZE + 0.05, (STEP_WIDTH - 0.3) / len(shared))
        offset = (shared.index(index) - (len(shared) - 1) / 2) * spacing
        placed.append(Point(number, mark, index, emotion, offset))
    return placed


def turning_columns(context: RenderContext, columns: list[Column]) -> dict[tuple[int, int], str]:
    """``(persona index, column)`` to ``peak`` or ``valley``, along each persona's path."""
    column_of = {id(c.step): n for n, c in enumerate(columns) if c.step is not None}
    found: dict[tuple[int, int], str] = {}
    for index, mark in enumerate(context.marks):
        path = persona_path(context.journey, mark.persona_id)
        scores = [
            emotion.score if (emotion := step.emotion_for(mark.persona_id)) else None
            for step in path
        ]
        for position, kind in turning_points(scores).items():
            found[(index, column_of[id(path[position])])] = kind
    return found


def turning_labels(points: list[Point], turns: dict[tuple[int, int], str]) -> list[TurningPoint]:
    """One label per column and score where some persona peaks or dips.

    When several personas share the spot and do not all say the same, each label says
    whose it is; a turning point with no label is still marked (the label is empty)."""
    spots: dict[tuple[int, int], list[Point]] = {}
    for point in points:
        spots.setdefault((point.column, point.emotion.score), []).append(point)
    found = []
    for (column, score), here in sorted(spots.items(), key=lambda item: (item[0][0], -item[0][1])):
        turning = [p for p in here if (p.persona_index, column) in turns]
        if not turning:
            continue
        kind = turns[(turning[0].persona_index, column)]
        labels = [(p.mark.initials, (p.emotion.label or "").strip()) for p in turning]
        named = [(who, label) for who, label in labels if label]
        if not named:
            text = ""
        elif len(named) == len(here) and len({label for _, label in named}) == 1:
            text = named[0][1]  # one persona, or all agree: no need to say who
        else:
            text = " \u00b7 ".join(f"{who}: {label}" for who, label in named)
        found.append(TurningPoint(column, score, kind, text))
    return found
