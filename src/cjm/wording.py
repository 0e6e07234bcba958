"""Small helpers for the English of messages and reports: every count that meets a noun
goes through :func:`plural`, and a verb that follows a count through :func:`agree`."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, in the plural unless ``count`` is 1: ``3 files``;
    ``many`` spells an irregular plural (``plural(2, "entry", "entries")``)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def listing(items: list[str], joiner: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``: a list as a sentence says it."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {joiner} " + items[-1]


def quoted(ids: list[str]) -> str:
    """``'a'``, ``'a' and 'b'``, ``'a', 'b' and 'c'``: ids as a message names them."""
    return listing([f"'{entity_id}'" for entity_id in ids])


def agree(count: int, one: str, many: str) -> str:
    """The form of a verb whose subject is ``count`` things: ``one`` when ``count`` is 1,
    else ``many``: ``f"{plural(n, 'file')} {agree(n, 'matches', 'match')}"``."""
    return one if count == 1 else many
