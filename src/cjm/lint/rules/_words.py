"""Whole-word matching of names and ids against a rule's vocabulary.

Rules that read meaning into what a team wrote (a stage named "Get support", a KPI in
"days") match whole words, never parts of words: "use" must not be found in "user" or
"reuse", nor "help" in "helpful". Ids and names are split the same way, so the stage id
``get-support`` and the name "Get support" both hold the words ``get`` and ``support``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W_]+")
_SIGN = re.compile(r"[^\w\s-]")  # a sign that is a word of its own: €, $, %, £


def words(text: str) -> list[str]:
    """The words of ``text``, lowercased, in order; a sign such as ``€`` is a word too."""
    lowered = text.lower()
    return [found.group() for found in re.finditer(f"{_WORD.pattern}|{_SIGN.pattern}", lowered)]


def _same(word: str, keyword_word: str, last: bool) -> bool:
    """Whether ``word`` is ``keyword_word``, or, at the end of a phrase, its plural in -s."""
    return word == keyword_word or (last and word == keyword_word + "s")


def _where(text_words: list[str], keyword: list[str]) -> int | None:
    """Where ``keyword`` starts in ``text_words``, if it occurs there."""
    size = len(keyword)
    if size == 0:
        return None
    for start in range(len(text_words) - size + 1):
        if all(
            _same(text_words[start + offset], keyword[offset], offset == size - 1)
            for offset in range(size)
        ):
            return start
    return None


def find_words(text_words: list[str], keywords: Iterable[str]) -> str | None:
    """The words of ``text_words`` (joined by hyphens) where the first of ``keywords``
    found there occurs: whole consecutive words (a keyword such as ``follow-up`` is the
    words ``follow`` and ``up``), the last of them also in the plural with -s (``review``
    is found in "Reviews", as ``reviews``)."""
    for keyword in keywords:
        keyword_words = words(keyword)
        start = _where(text_words, keyword_words)
        if start is not None:
            return "-".join(text_words[start : start + len(keyword_words)])
    return None


def find_keyword(text_words: list[str], keywords: Iterable[str]) -> bool:
    """Whether one of ``keywords`` occurs in ``text_words``, as :func:`find_words` finds it."""
    return find_words(text_words, keywords) is not None
