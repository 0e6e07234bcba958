"""Whole-word matching that rules use to read meaning into names, ids and units."""

from __future__ import annotations

import pytest

from cjm.lint.rules._words import find_keyword, find_words, words


def test_words_split_ids_and_names_alike() -> None:
    assert words("get-support") == words("Get support") == ["get", "support"]
    assert words("Cost per order (€)") == ["cost", "per", "order", "(", "€", ")"]
    assert words("after_sales") == ["after", "sales"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Daily use", "use"),
        ("Uses the app", "uses"),
        ("User research", None),
        ("Reuse a template", None),
        ("Follow-up call", "follow-up"),
        ("Follow up", "follow-up"),
        ("Followed up", None),
        ("Write reviews", "reviews"),
    ],
)
def test_keywords_are_whole_words_or_their_plural(text: str, found: str | None) -> None:
    keywords = ["use", "follow-up", "review"]
    assert find_words(words(text), keywords) == found
    assert find_keyword(words(text), keywords) is (found is not None)


def test_the_first_keyword_found_wins_and_empty_keywords_match_nothing() -> None:
    assert find_words(words("Support and onboarding"), ["onboarding", "support"]) == "onboarding"
    assert find_words(words("Anything"), ["", "-"]) is None
