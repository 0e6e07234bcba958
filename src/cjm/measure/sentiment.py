"""Offline English sentiment of a comment: VADER's lexicon and rules, sentence by sentence.

A comment is scored only when its answer has no usable rating and the binding asks for
``text_sentiment``. The scorer is VADER (Hutto & Gilbert, 2014), a lexicon of about
7,500 words, emoticons and emoji with rules for negation ("not good"), boosters ("very
slow"), capitals, exclamation marks and a contrastive "but". It runs offline and needs
no model download.

VADER's own ``polarity_scores`` slows quadratically with the length of a text (every
sentiment word rebuilds the lowercased word list), so a pasted log of 64,000 characters
takes seconds. cjm cuts a comment into sentences, and sentences longer than
``MAX_CHUNK_WORDS`` words into pieces of that many, scores each piece with VADER, turns
each piece's compound back into VADER's raw valence sum, adds the sums and normalises the
total as VADER does. A one-sentence comment gets exactly VADER's compound; a longer one
gets the sum of its sentences, and the cost grows linearly with its length
(``bench/sentiment.py`` measures both).

The compound (-1 to 1) is read with VADER's usual cut-offs: at least ``POSITIVE_FROM``
is positive, at most ``NEGATIVE_TO`` negative, anything between neutral.

vaderSentiment is imported when a comment is first scored, never by ``cjm validate``.
It imports only the standard library (its ``requests`` dependency serves a demo that
translates text online, which cjm never runs).
"""

from __future__ import annotations

import importlib
import math
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

POSITIVE_FROM = 0.05
NEGATIVE_TO = -0.05
MAX_CHUNK_WORDS = 40
ALPHA = 15.0
"""VADER's normalisation constant: compound = sum / sqrt(sum² + ALPHA)."""

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\s*\n\s*")
_LARGEST_COMPOUND = 0.9999


class Sentiment(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class Score:
    compound: float
    sentiment: Sentiment


def classify(compound: float) -> Sentiment:
    """The sentiment of a compound score, with VADER's usual cut-offs."""
    if compound >= POSITIVE_FROM:
        return Sentiment.POSITIVE
    if compound <= NEGATIVE_TO:
        return Sentiment.NEGATIVE
    return Sentiment.NEUTRAL


def chunks(text: str) -> list[str]:
    """``text`` cut into sentences, and long sentences into pieces of at most
    ``MAX_CHUNK_WORDS`` words; empty pieces left out."""
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        words = sentence.split()
        for start in range(0, len(words), MAX_CHUNK_WORDS):
            pieces.append(" ".join(words[start : start + MAX_CHUNK_WORDS]))
    return pieces


def _raw(compound: float) -> float:
    """VADER's valence sum behind a (rounded) compound: the inverse of its normalise."""
    bounded = max(-_LARGEST_COMPOUND, min(_LARGEST_COMPOUND, compound))
    return bounded * math.sqrt(ALPHA / (1.0 - bounded * bounded))


def _normalise(total: float) -> float:
    return max(-1.0, min(1.0, total / math.sqrt(total * total + ALPHA)))


def compound(text: str) -> float:
    """The compound score of ``text`` (-1 to 1; 0 for text with no words)."""
    pieces = chunks(text)
    if not pieces:
        return 0.0
    analyzer = _analyzer()
    if len(pieces) == 1:
        return float(analyzer.polarity_scores(pieces[0])["compound"])
    total = sum(_raw(float(analyzer.polarity_scores(piece)["compound"])) for piece in pieces)
    return round(_normalise(total), 4)


def score(text: str | None) -> Score | None:
    """The score of a comment, or None when it has no words to score."""
    if text is None or not text.split():
        return None
    value = compound(text)
    return Score(value, classify(value))


def describe() -> str:
    """The scorer and its cut-offs, as the snapshot's feedback definition records them."""
    return (
        f"vader {_vader_version()}, sentence by sentence: compound >= {POSITIVE_FROM} "
        f"positive, <= {NEGATIVE_TO} negative, otherwise neutral"
    )


@cache
def _vader_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("vaderSentiment")
    except PackageNotFoundError:  # pragma: no cover - installed with cjm
        return "unknown"


@cache
def _analyzer() -> Any:
    """VADER's analyzer, built once (it reads its lexicon files when built)."""
    module: Any = importlib.import_module("vaderSentiment.vaderSentiment")
    return module.SentimentIntensityAnalyzer()


def vader_compound(text: str) -> float:
    """VADER's own compound of the whole ``text`` at once (for comparison: quadratic)."""
    return float(_analyzer().polarity_scores(text)["compound"])
