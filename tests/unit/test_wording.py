"""cjm.wording: counts and the words that follow them, singular for one, plural else."""

from __future__ import annotations

import pytest

from cjm.wording import agree, plural


@pytest.mark.parametrize(
    ("count", "word", "many", "expected"),
    [
        (0, "file", None, "0 files"),
        (1, "file", None, "1 file"),
        (2, "file", None, "2 files"),
        (1, "YAML file", None, "1 YAML file"),
        (1, "entry", "entries", "1 entry"),
        (3, "entry", "entries", "3 entries"),
        (-1, "step", None, "-1 steps"),
    ],
)
def test_plural(count: int, word: str, many: str | None, expected: str) -> None:
    assert plural(count, word, many) == expected


@pytest.mark.parametrize(("count", "expected"), [(0, "match"), (1, "matches"), (2, "match")])
def test_agree(count: int, expected: str) -> None:
    assert agree(count, "matches", "match") == expected
