"""Small helpers for the English of messages and reports: every count that meets a noun
goes through :func:`plural`, and a verb that follows a count through :func:`agree`."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, in the plural unless ``count`` is 1: ``3 files``;
    ``many`` spells an irregular plural (``plural(2, "entry", "entries")``)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def agree(count: int, one: str, many: str) -> str:
    """The form of a verb whose subject is ``count`` things: ``one`` when ``count`` is 1,
    else ``many``: ``f"{plural(n, 'file')} {agree(n, 'matches', 'match')}"``."""
    return one if count == 1 else many
