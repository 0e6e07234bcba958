"""The data of the emotional curve: where each persona's marks go, and which of them are
the peaks and valleys of that persona's curve.

Peaks and valleys come from :func:`cjm.model.paths.turning_points`, worked out along each
persona's own path (a step the persona does not take is not part of their curve): a peak
is a positive local high, a valley a negative local low, at any score, not only at ±2.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from cjm.model import Emotion, JourneyMap, Step
from cjm.model.paths import persona_path, routes, turning_points
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


@dataclass(frozen=True)
class Segment:
    """A stretch of one persona's curve between the marks of two steps they take one
    after the other (columns in the whole journey): on their main route (``main``), or on
    an alternative one (a branch, or skipping an optional step)."""

    persona_index: int
    start: int
    end: int
    main: bool


def curve_segments(
    context: RenderContext, columns: list[Column], points: list[Point]
) -> list[Segment]:
    """Every stretch of every persona's curve, main route first, in the order of their
    starting columns.

    Stretches join consecutive steps of the map's routes (:func:`cjm.model.paths.routes`)
    through the main line and the branches, never two steps that are alternatives to each
    other, and only where the persona has a mark at both: a step they do not take, or have
    no score for, breaks the line, as does an empty stage between the two. An optional
    step is drawn as taken (it is marked as optional under the chart): a line that jumped
    over it would cross the marks between."""
    column_of = {id(c.step): n for n, c in enumerate(columns) if c.step is not None}
    empty = [n for n, c in enumerate(columns) if c.step is None]
    marked = {(p.persona_index, p.column) for p in points}
    ways = _routes_taking_optional_steps(context.journey)
    found: dict[tuple[int, int, int], Segment] = {}
    for number, route in enumerate(ways):
        steps = [column_of[id(step)] for step in route if id(step) in column_of]
        for start, end in itertools.pairwise(steps):
            if any(min(start, end) < n < max(start, end) for n in empty):
                continue
            for index in range(len(context.marks)):
                key = (index, start, end)
                if key in found or (index, start) not in marked or (index, end) not in marked:
                    continue
                found[key] = Segment(index, start, end, number == 0)
    return sorted(found.values(), key=lambda s: (s.persona_index, s.start, not s.main, s.end))


def _routes_taking_optional_steps(journey: JourneyMap) -> list[list[Step]]:
    """The map's routes with every optional step taken (the steps are the map's own)."""
    if not any(step.optional for _, _, step in journey.iter_steps()):
        return routes(journey)
    copy = journey.model_copy(deep=True)
    originals = {
        id(twin): step
        for (_, _, twin), (_, _, step) in zip(copy.iter_steps(), journey.iter_steps(), strict=True)
    }
    for _, _, twin in copy.iter_steps():
        twin.optional = False
    return [[originals[id(twin)] for twin in route] for route in routes(copy)]


def main_route_gaps(context: RenderContext, columns: list[Column], points: list[Point]) -> bool:
    """Whether some persona's curve has a gap along the main route: a step in the middle
    of it that they do not take or have no score for."""
    column_of = {id(c.step): n for n, c in enumerate(columns) if c.step is not None}
    ways = routes(context.journey)
    main = [column_of[id(step)] for step in ways[0] if id(step) in column_of] if ways else []
    # An empty stage's column is no data for anyone: a gap where it falls.
    main = sorted({*main, *(n for n, c in enumerate(columns) if c.step is None)})
    marked = {(p.persona_index, p.column) for p in points}
    for index in range(len(context.marks)):
        flags = [(index, column) in marked for column in main]
        if True in flags:
            inner = flags[flags.index(True) : len(flags) - flags[::-1].index(True)]
            if not all(inner):
                return True
    return False


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
