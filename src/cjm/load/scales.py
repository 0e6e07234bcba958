"""Emotion scores written on a 1..5 scale.

Teams used to Mermaid's journey diagrams or to survey scales write emotions from 1 to 5.
cjm scores them from -2 to +2, so a 4 or a 5 is refused as out of range, but a 1 or a 2
would pass as *positive* when the author meant *very negative* and *negative*: the low
half of the curve would be turned upside down without a word. Once a map shows signs of
a 1..5 scale (any score from 3 to 5), cjm says so once, with the conversion, and reports
every score of the map from 1 to 5 with the value it stands for.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cjm.diagnostics import INVALID_VALUE, Diagnostic, Location, Severity
from cjm.load.positions import DataPath, SourceIndex

ONE_TO_FIVE = range(1, 6)
# Values as they are typed in YAML (an ASCII minus: a real minus sign is not a number).
CONVERSION = "1 \u2192 -2, 2 \u2192 -1, 3 \u2192 0, 4 \u2192 +1, 5 \u2192 +2"


def _as_score(value: Any) -> int | None:
    """The whole number a score holds (``4`` or ``4.0``), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _score_at(emotion: Any, path: DataPath) -> Iterator[tuple[DataPath, int]]:
    """The score of an emotion written as a number or as a mapping with ``score``."""
    if isinstance(emotion, dict):
        score = _as_score(emotion.get("score"))
        if score is not None:
            yield (*path, "score"), score
    else:
        score = _as_score(emotion)
        if score is not None:
            yield path, score


def emotion_scores(data: Any) -> Iterator[tuple[DataPath, int]]:
    """Every emotion score written in a map's raw data, in file order."""
    if not isinstance(data, dict) or not isinstance(data.get("stages"), list):
        return
    for s, stage in enumerate(data["stages"]):
        if not isinstance(stage, dict) or not isinstance(stage.get("steps"), list):
            continue
        for t, step in enumerate(stage["steps"]):
            if not isinstance(step, dict):
                continue
            path: DataPath = ("stages", s, "steps", t)
            if "emotion" in step:
                yield from _score_at(step["emotion"], (*path, "emotion"))
            emotions = step.get("emotions")
            if isinstance(emotions, dict):
                for persona, emotion in emotions.items():
                    yield from _score_at(emotion, (*path, "emotions", persona))


def _converted(score: int) -> str:
    """What a 1..5 score is on cjm's scale, as it is typed in YAML."""
    value = score - 3
    return f"+{value}" if value > 0 else str(value)


def one_to_five_diagnostics(data: Any, index: SourceIndex, display: str) -> list[Diagnostic]:
    """Findings for a map whose scores look like a 1..5 scale; none for any other map.

    The scores are walked again rather than kept: a large map has tens of thousands of
    them, and most maps have no findings here."""
    if not any(score in (3, 4, 5) for _, score in emotion_scores(data)):
        return []
    found: list[Diagnostic] = []
    low = any(score in (1, 2) for _, score in emotion_scores(data))
    first = True
    for path, score in emotion_scores(data):
        if score not in ONE_TO_FIVE:
            continue
        where = index.value(path)
        if first:
            message = (
                f"emotion score {score}: this map's scores look like a 1..5 scale (it has "
                "scores from 3 to 5), but cjm scores emotions from -2 (very negative) to "
                "+2 (very positive)"
            )
            if low:
                message += ", so its 1s and 2s would read as positive"
            hint = f"convert every score of the map: {CONVERSION}; this one is {_converted(score)}"
            first = False
        else:
            message = (
                f"emotion score {score} is on the map's 1..5 scale: it stands for "
                f"{_converted(score)} on cjm's scale from -2 to +2"
            )
            hint = f"write {_converted(score)}"
        found.append(Diagnostic(INVALID_VALUE, Severity.ERROR, message, display, where, hint))
    return found


def replaces(found: list[Diagnostic], diagnostic: Diagnostic) -> bool:
    """Whether ``diagnostic`` (a schema error) says less about a score than ``found``."""
    places: set[Location] = {d.location for d in found}
    return diagnostic.code is INVALID_VALUE and diagnostic.location in places
