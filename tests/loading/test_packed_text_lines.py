"""A document's text read line by line, unpacked a piece at a time, gives the lines
:meth:`str.splitlines` gives of the whole text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjm.load import document as document_module
from cjm.load.document import Document, split_pieces
from cjm.load.positions import SourceIndex

BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", ""]


def _document(text: str | None) -> Document[object]:
    return Document(Path("m.yaml"), "m.yaml", text, None, SourceIndex())  # type: ignore[type-var]


@given(st.lists(st.sampled_from(["a", "b c", "é", "# cjm:", *BREAKS])), st.integers(1, 7))
def test_pieces_split_as_the_whole_text(parts: list[str], size: int) -> None:
    text = "".join(parts)
    pieces = [text[start : start + size] for start in range(0, len(text), size)]
    assert list(split_pieces(pieces)) == text.splitlines()


def test_a_break_across_two_pieces_is_one_break() -> None:
    assert list(split_pieces(["a\r", "\nb\r", "", "\n"])) == ["a", "b"]


def test_a_text_larger_than_a_piece_comes_back_line_for_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(document_module, "_PIECE", 7)
    rng = random.Random(3)
    text = "".join(rng.choice(["key: välue", "\U0001f600", "\ud800", *BREAKS]) for _ in range(5000))
    lines = _document(text).text_lines()
    assert lines is not None
    assert list(lines) == text.splitlines()


def test_a_document_without_text_has_no_lines() -> None:
    assert _document(None).text_lines() is None
    lines = _document("").text_lines()
    assert lines is not None
    assert list(lines) == []
