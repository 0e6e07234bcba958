"""Feedback against the map: what customers rated or wrote about each step.

A feedback source holds answers: one row each, naming the step (or touchpoint) it is
about, and optionally the respondent's persona or segment, a rating and a comment.

Placing an answer: a step id of the map (main line or branch) places it on that step; a
touchpoint id used by exactly one step of the map places it on that step. Anything else
(an id the map does not have, a touchpoint used by several steps) is counted as
``unplaced`` and nowhere else. A row's step column is read first; when it is empty, its
touchpoint column.

The persona: a persona id of the map, or a value the binding's ``segments`` maps to one.
The answer counts for everyone and for that persona; any other value counts for everyone
only.

Reading an answer: the rating is the primary signal, read on the binding's scale:

====== ======= ========== ========= =========
scale  range   positive   neutral   negative
====== ======= ========== ========= =========
csat   1 to 5  4, 5       3         1, 2
ces    1 to 7  5 to 7     4         1 to 3
nps    0 to 10 9, 10      7, 8      0 to 6
====== ======= ========== ========= =========

A rating must be a whole number on the scale (``4``, ``4.0``, `` 4 ``). A missing,
non-numeric or off-scale rating is not used: with ``text_sentiment`` the comment is
scored instead (:mod:`cjm.measure.sentiment`, counted in ``from_text``); an answer left
with neither is ``unreadable``.

Groups: each step with answers, for everyone and for each persona with answers. A group
with fewer than ``min_responses`` answers is suppressed: its number of answers stays,
its positive, neutral, negative and from-text counts are withheld (zero) and it has no
quotes. With ``quotes``, each shown group carries at most ``max_quotes`` comments,
redacted (:mod:`cjm.measure.redact`), whitespace folded, cut at ``QUOTE_LENGTH``
characters, chosen by a hash of their text so that the same answers give the same quotes
whatever order the rows come in. No comment text is kept anywhere else.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cjm.measure.redact import redact
from cjm.measure.runner import FEEDBACK_RELATION, MeasureError
from cjm.measure.sentiment import Sentiment
from cjm.model import JourneyMap
from cjm.model.base import Period
from cjm.model.binding import FeedbackBinding, RatingScale
from cjm.model.snapshot import FeedbackDefinition, FeedbackGroup, FeedbackResult
from cjm.model.sources import FeedbackColumns, Source, SourceKind

QUERY_COLUMNS = ("step", "touchpoint", "persona", "rating", "comment")
"""The columns of :func:`feedback_query`'s rows, in order, every one text or null."""

QUOTE_LENGTH = 280


@dataclass(frozen=True)
class ScaleCuts:
    low: int
    high: int
    positive_from: int
    negative_to: int

    def read(self, rating: int) -> Sentiment | None:
        if not self.low <= rating <= self.high:
            return None
        if rating >= self.positive_from:
            return Sentiment.POSITIVE
        if rating <= self.negative_to:
            return Sentiment.NEGATIVE
        return Sentiment.NEUTRAL

    def positive(self) -> str:
        return f"{self.positive_from}-{self.high}"

    def negative(self) -> str:
        return f"{self.low}-{self.negative_to}"


SCALES: dict[RatingScale, ScaleCuts] = {
    RatingScale.CSAT: ScaleCuts(1, 5, positive_from=4, negative_to=2),
    RatingScale.CES: ScaleCuts(1, 7, positive_from=5, negative_to=3),
    RatingScale.NPS: ScaleCuts(0, 10, positive_from=9, negative_to=6),
}


@dataclass(frozen=True)
class FeedbackRow:
    """One answer as read from the source."""

    step: str | None = None
    touchpoint: str | None = None
    persona: str | None = None
    rating: object = None
    comment: str | None = None


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _bound(value: float | datetime) -> str:
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        value = moment.timestamp()
    number = float(value)
    if not math.isfinite(number):
        raise MeasureError(f"A feedback period bound must be a finite time, not {value!r}")
    return f"{number:.3f}"


def feedback_columns(source: Source) -> FeedbackColumns:
    """The columns a feedback source names (the defaults when it names none)."""
    return source.feedback_columns or FeedbackColumns()


def has_time(source: Source) -> bool:
    """Whether the source's answers carry a time, so that a period can limit them."""
    return feedback_columns(source).time is not None


def feedback_query(
    source: Source, period_bounds: tuple[float | datetime, float | datetime] | None
) -> str:
    """One SELECT in DuckDB's dialect reading ``cjm_feedback``: the columns of
    ``QUERY_COLUMNS``, each cast to text (null where the source names no such column).

    ``period_bounds`` are the start (included) and end (excluded) of the period, as UTC
    epoch seconds or datetimes (naive ones read as UTC). They limit the answers only when
    the source names a time column; answers with no time are then left out."""
    if source.kind is not SourceKind.FEEDBACK:
        raise MeasureError(f"Source '{source.id}' holds events, not feedback answers")
    columns = feedback_columns(source)
    if columns.step is None and columns.touchpoint is None:
        raise MeasureError(
            f"Source '{source.id}' names neither a step nor a touchpoint column under "
            "`feedback_columns`: answers cannot be placed on the map"
        )
    selected = []
    for name in QUERY_COLUMNS:
        written: str | None = getattr(columns, name)
        value = "NULL" if written is None else _quote_identifier(written)
        selected.append(f"CAST({value} AS VARCHAR) AS {_quote_identifier(name)}")
    sql = "SELECT\n  " + ",\n  ".join(selected) + f"\nFROM {FEEDBACK_RELATION}"
    if columns.time is not None and period_bounds is not None:
        moment = f"epoch(CAST({_quote_identifier(columns.time)} AS TIMESTAMPTZ))"
        start, end = (_bound(bound) for bound in period_bounds)
        sql += f"\nWHERE {moment} >= {start} AND {moment} < {end}"
    return sql


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def rows_from_result(rows: Iterable[Sequence[Any]]) -> list[FeedbackRow]:
    """The answers in the rows :func:`feedback_query` returns."""
    answers = []
    for row in rows:
        step, touchpoint, persona, rating, comment = row
        answers.append(
            FeedbackRow(
                step=_text(step),
                touchpoint=_text(touchpoint),
                persona=_text(persona),
                rating=rating,
                comment=None if comment is None else str(comment),
            )
        )
    return answers


def read_rating(value: object) -> int | None:
    """A rating as a whole number, or None when it is missing or not a whole number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    text = str(value).strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if math.isfinite(number) and number.is_integer() else None


class Placement:
    """Where an answer's step or touchpoint id puts it on the map."""

    def __init__(self, journey: JourneyMap) -> None:
        self.steps: list[str] = [step.id for _, _, step in journey.iter_steps()]
        known = set(self.steps)
        used_by: dict[str, set[str]] = {}
        for step_id, step in ((step.id, step) for _, _, step in journey.iter_steps()):
            for touchpoint in step.touchpoints:
                used_by.setdefault(touchpoint, set()).add(step_id)
        self._ids: dict[str, str] = {
            touchpoint: next(iter(steps))
            for touchpoint, steps in used_by.items()
            if len(steps) == 1 and touchpoint not in known
        }
        self._ids.update((step_id, step_id) for step_id in self.steps)

    def place(self, row: FeedbackRow) -> str | None:
        written = row.step if row.step is not None else row.touchpoint
        if written is None:
            return None
        return self._ids.get(written)


@dataclass
class _Tally:
    responses: int = 0
    positive: int = 0
    negative: int = 0
    neutral: int = 0
    from_text: int = 0
    quotes: list[tuple[bytes, str]] = field(default_factory=list)

    def add(self, verdict: Sentiment, from_text: bool) -> None:
        self.responses += 1
        if verdict is Sentiment.POSITIVE:
            self.positive += 1
        elif verdict is Sentiment.NEGATIVE:
            self.negative += 1
        else:
            self.neutral += 1
        if from_text:
            self.from_text += 1

    def offer(self, comment: str, keep: int) -> None:
        """Keep the ``keep`` comments with the smallest hashes seen so far."""
        key = hashlib.sha256(comment.encode("utf-8", "surrogatepass")).digest()
        entry = (key, comment)
        if entry in self.quotes:
            return
        if len(self.quotes) < keep:
            self.quotes.append(entry)
            self.quotes.sort()
        elif key < self.quotes[-1][0]:
            self.quotes[-1] = entry
            self.quotes.sort()


def quote_of(comment: str) -> str:
    """A comment as a snapshot quotes it: redacted, whitespace folded, cut to length."""
    text = " ".join(redact(comment).split())
    if len(text) <= QUOTE_LENGTH:
        return text
    cut = text[: QUOTE_LENGTH - 1]
    space = cut.rfind(" ")
    if space > QUOTE_LENGTH // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _persona_table(binding: FeedbackBinding, persona_ids: Sequence[str]) -> dict[str, str]:
    table = dict(binding.segments)
    table.update((persona, persona) for persona in persona_ids)
    allowed = set(persona_ids)
    return {value: persona for value, persona in table.items() if persona in allowed}


def definition(binding: FeedbackBinding, period: Period | None) -> FeedbackDefinition:
    """How the feedback is read, as the snapshot records it."""
    cuts = SCALES[binding.scale] if binding.scale is not None else None
    scorer = None
    if binding.text_sentiment:
        from cjm.measure import sentiment

        scorer = sentiment.describe()
    return FeedbackDefinition(
        source=binding.source,
        scale=binding.scale,
        positive=cuts.positive() if cuts is not None else None,
        negative=cuts.negative() if cuts is not None else None,
        text_sentiment=binding.text_sentiment,
        scorer=scorer,
        min_responses=binding.min_responses,
        quotes=binding.quotes,
        period=period,
    )


def measure_feedback(
    journey: JourneyMap,
    binding: FeedbackBinding,
    rows: Iterable[FeedbackRow],
    period: Period | None,
    persona_ids: Sequence[str] | None = None,
) -> FeedbackResult:
    """Count the answers about each step of ``journey``, for everyone and per persona.

    ``period`` is the period the rows were limited to, or None when the source has no
    time column and every answer in it was read (the snapshot then has no period).
    ``persona_ids`` are the personas to group by (the map's personas when None)."""
    personas = list(journey.persona_ids if persona_ids is None else persona_ids)
    persona_of = _persona_table(binding, personas)
    placement = Placement(journey)
    cuts = SCALES[binding.scale] if binding.scale is not None else None
    scorer = None
    if binding.text_sentiment:
        from cjm.measure import sentiment

        scorer = sentiment.score
    tallies: dict[tuple[str, str | None], _Tally] = {}
    unplaced = 0
    unreadable = 0
    for row in rows:
        step = placement.place(row)
        if step is None:
            unplaced += 1
            continue
        verdict: Sentiment | None = None
        if cuts is not None:
            rating = read_rating(row.rating)
            verdict = cuts.read(rating) if rating is not None else None
        from_text = False
        if verdict is None and scorer is not None:
            scored = scorer(row.comment)
            if scored is not None:
                verdict, from_text = scored.sentiment, True
        if verdict is None:
            unreadable += 1
            continue
        persona = persona_of.get(row.persona) if row.persona is not None else None
        keys: list[tuple[str, str | None]] = [(step, None)]
        if persona is not None:
            keys.append((step, persona))
        for key in keys:
            tally = tallies.setdefault(key, _Tally())
            tally.add(verdict, from_text)
            if binding.quotes and row.comment is not None and row.comment.strip():
                tally.offer(row.comment, binding.max_quotes)
    groups = []
    for step in placement.steps:
        for persona in [None, *personas]:
            counted = tallies.get((step, persona))
            if counted is not None:
                groups.append(_group(step, persona, counted, binding))
    return FeedbackResult(
        definition=definition(binding, period),
        groups=groups,
        unplaced=unplaced,
        unreadable=unreadable,
    )


def _group(
    step: str, persona: str | None, tally: _Tally, binding: FeedbackBinding
) -> FeedbackGroup:
    if tally.responses < binding.min_responses:
        return FeedbackGroup(
            step=step,
            persona=persona,
            responses=tally.responses,
            positive=0,
            negative=0,
            neutral=0,
            from_text=0,
            suppressed=True,
        )
    quotes: list[str] = []
    for _, comment in tally.quotes:
        quote = quote_of(comment)
        if quote and quote not in quotes:
            quotes.append(quote)
    return FeedbackGroup(
        step=step,
        persona=persona,
        responses=tally.responses,
        positive=tally.positive,
        negative=tally.negative,
        neutral=tally.neutral,
        from_text=tally.from_text,
        quotes=quotes,
    )
