"""Benchmark comment scoring: VADER on a whole text against cjm's sentence-by-sentence scorer.

Builds support-style texts of 1k to 64k characters from a fixed set of sentences and times
``vaderSentiment``'s ``polarity_scores`` on the whole text and
``cjm.measure.sentiment.compound`` on the same text. Run it from the repository:

    python bench/sentiment.py              # 1k .. 64k characters
    python bench/sentiment.py 1000 4000    # chosen sizes

It ends with the rate at which short comments (one sentence each) are scored.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from functools import partial

from cjm.measure import sentiment

SENTENCES = (
    "The export keeps failing with a timeout and support has not answered in three days.",
    "Thanks, the new dashboard is really great and the team loves it!",
    "I was charged twice this month, please refund the second payment.",
    "Setup took ten minutes, which is fine.",
    "Not bad at all, but the mobile app is still painfully slow.",
    "Why does the invoice page crash every time I open it??",
    "Honestly the onboarding emails were helpful :)",
    "Cancel my subscription, this is useless for our team.",
)
DEFAULT_SIZES = (1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000)


def text_of(size: int) -> str:
    parts: list[str] = []
    length = 0
    index = 0
    while length < size:
        sentence = SENTENCES[index % len(SENTENCES)]
        parts.append(sentence)
        length += len(sentence) + 1
        index += 1
    return " ".join(parts)[:size]


def best_of(runs: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main(arguments: list[str]) -> None:
    sizes = [int(value) for value in arguments] or list(DEFAULT_SIZES)
    sentiment.compound("warm up the lexicon")
    print(f"{'chars':>7} {'vader whole (s)':>16} {'cjm (s)':>9} {'vader':>8} {'cjm':>8}")
    for size in sizes:
        text = text_of(size)
        runs = 3 if size <= 16_000 else 1
        whole = best_of(runs, partial(sentiment.vader_compound, text))
        chunked = best_of(runs, partial(sentiment.compound, text))
        print(
            f"{size:>7} {whole:>16.3f} {chunked:>9.4f} "
            f"{sentiment.vader_compound(text):>8.4f} {sentiment.compound(text):>8.4f}"
        )
    comments = [SENTENCES[n % len(SENTENCES)] for n in range(10_000)]
    started = time.perf_counter()
    for comment in comments:
        sentiment.compound(comment)
    elapsed = time.perf_counter() - started
    rate = len(comments) / elapsed
    print(f"\n{len(comments)} short comments: {elapsed:.2f} s, {rate:,.0f} a second")


if __name__ == "__main__":
    main(sys.argv[1:])
