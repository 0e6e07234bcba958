"""The comment scorer: VADER sentence by sentence, its cut-offs, its cost, its accuracy."""

from __future__ import annotations

import ast
import csv
import math
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cjm.measure import sentiment
from cjm.measure.sentiment import Sentiment

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = Path(__file__).with_name("data") / "support_sentiment.csv"
DOC = ROOT / "docs" / "feedback.md"
CLASSES = ("positive", "negative", "neutral")


@pytest.mark.parametrize(
    ("compound", "expected"),
    [
        (0.05, Sentiment.POSITIVE),
        (0.0499, Sentiment.NEUTRAL),
        (0.0, Sentiment.NEUTRAL),
        (-0.0499, Sentiment.NEUTRAL),
        (-0.05, Sentiment.NEGATIVE),
        (1.0, Sentiment.POSITIVE),
        (-1.0, Sentiment.NEGATIVE),
    ],
)
def test_cut_offs(compound: float, expected: Sentiment) -> None:
    assert sentiment.classify(compound) is expected


@pytest.mark.parametrize(
    "text",
    [
        "The support team was great!",
        "The app is not good",
        "Checkout is VERY slow but the staff were helpful",
        "I love it 😍",
        "Meh :(",
    ],
)
def test_one_sentence_gets_vaders_own_compound(text: str) -> None:
    assert sentiment.compound(text) == sentiment.vader_compound(text)


def test_sentences_add_up_as_vader_sums() -> None:
    first, second = "The app is great.", "Billing is a terrible mess."
    raws = [sentiment._raw(sentiment.vader_compound(part)) for part in (first, second)]
    total = sum(raws)
    expected = round(total / math.sqrt(total * total + sentiment.ALPHA), 4)
    assert sentiment.compound(f"{first} {second}") == expected
    assert sentiment.compound(f"{first}\n{second}") == expected


def test_the_raw_sum_round_trips() -> None:
    for raw in (-40.0, -3.2, -0.5, 0.0, 0.7, 2.5, 12.0):
        compound = raw / math.sqrt(raw * raw + sentiment.ALPHA)
        assert sentiment._raw(compound) == pytest.approx(raw, rel=1e-9)


def test_chunks_are_sentences_and_bounded_pieces() -> None:
    assert sentiment.chunks("One. Two!  Three?\n\nFour") == ["One.", "Two!", "Three?", "Four"]
    long = " ".join(["word"] * (sentiment.MAX_CHUNK_WORDS * 2 + 5))
    pieces = sentiment.chunks(long)
    assert [len(piece.split()) for piece in pieces] == [
        sentiment.MAX_CHUNK_WORDS,
        sentiment.MAX_CHUNK_WORDS,
        5,
    ]
    assert sentiment.chunks("   \n ") == []


def test_no_words_no_score() -> None:
    assert sentiment.score(None) is None
    assert sentiment.score("  \n\t ") is None
    assert sentiment.compound("") == 0.0
    scored = sentiment.score("Thanks, that fixed it!")
    assert scored is not None
    assert scored.sentiment is Sentiment.POSITIVE


def test_a_long_text_is_scored_in_linear_time() -> None:
    sentence = "The export keeps failing and support is slow, but the team was kind. "
    short = sentence * 100  # about 7,000 characters
    long = sentence * 900  # about 63,000 characters
    sentiment.compound(sentence)
    started = time.perf_counter()
    sentiment.compound(short)
    short_seconds = time.perf_counter() - started
    started = time.perf_counter()
    sentiment.compound(long)
    long_seconds = time.perf_counter() - started
    # VADER on the whole text takes seconds at this length (bench/sentiment.py).
    assert long_seconds < 2.0
    assert long_seconds < max(short_seconds, 0.005) * 9 * 4


def test_scorer_description_names_the_cut_offs() -> None:
    described = sentiment.describe()
    assert described.startswith("vader 3.")
    assert ">= 0.05 positive" in described
    assert "<= -0.05 negative" in described


def test_the_scorer_is_imported_only_when_a_comment_is_scored() -> None:
    probe = (
        "import sys\n"
        "import cjm.measure.feedback, cjm.measure.sentiment, cjm.measure.redact\n"
        "before = 'vaderSentiment' in sys.modules\n"
        "cjm.measure.sentiment.score('fine')\n"
        "print([before, 'vaderSentiment' in sys.modules, 'requests' in sys.modules])"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert ast.literal_eval(completed.stdout.strip()) == [False, True, False]


def _measured() -> tuple[int, int, dict[str, tuple[float, float, int]]]:
    with SAMPLE.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    pairs = []
    for row in rows:
        scored = sentiment.score(row["text"])
        assert scored is not None, row
        pairs.append((row["label"], scored.sentiment.value))
    right = sum(label == guess for label, guess in pairs)
    per_class = {}
    for name in CLASSES:
        hits = sum(label == name and guess == name for label, guess in pairs)
        guessed = sum(guess == name for _, guess in pairs)
        labelled = sum(label == name for label, _ in pairs)
        per_class[name] = (hits / guessed, hits / labelled, labelled)
    return right, len(pairs), per_class


def test_the_sample_is_labelled_and_varied() -> None:
    with SAMPLE.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) >= 300
    assert {row["label"] for row in rows} == set(CLASSES)
    texts = [row["text"] for row in rows]
    assert len(set(texts)) == len(texts)
    joined = " ".join(texts).lower()
    for word in ("cancel", "refund", "bug", "slow", "not ", "n't", "but"):
        assert word in joined, word
    assert any(ord(char) > 0x2000 for char in joined)  # emoji


def test_the_documented_accuracy_is_the_measured_one() -> None:
    right, total, per_class = _measured()
    doc = DOC.read_text(encoding="utf-8")
    stated = re.search(r"(\d+) of (\d+) texts \((\d+\.\d)%\)", doc)
    assert stated is not None, "docs/feedback.md states no accuracy"
    assert (int(stated.group(1)), int(stated.group(2))) == (right, total)
    assert stated.group(3) == f"{100 * right / total:.1f}"
    for name, (precision, recall, labelled) in per_class.items():
        row = f"| {name} | {100 * precision:.1f}% | {100 * recall:.1f}% | {labelled} |"
        assert row in doc, row
