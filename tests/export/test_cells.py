"""What goes into a spreadsheet cell: hidden characters shown, long text cut visibly."""

from __future__ import annotations

import pytest

from cjm.export.cells import CELL_LIMIT, cell_text, looks_like_formula, number


def test_plain_text_is_kept_as_it_is() -> None:
    assert (
        cell_text("Zoë waits — 5 minutes\nthen leaves").value
        == "Zoë waits — 5 minutes\nthen leaves"
    )
    assert cell_text("Zoë waits\tthen leaves").value == "Zoë waits\tthen leaves"
    assert cell_text("Zoë").cut_from is None


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("ring\x07bell", "ring\u27e8U+0007\u27e9bell"),
        ("nul\x00", "nul\u27e8U+0000\u27e9"),
        ("form\x0cfeed", "form\u27e8U+000C\u27e9feed"),
        ("abc\u202eexe.txt", "abc\u27e8U+202E\u27e9exe.txt"),
    ],
)
def test_characters_xml_forbids_and_bidi_controls_are_shown_as_codes(text: str, shown: str) -> None:
    assert cell_text(text).value == shown


def test_text_at_the_limit_is_not_cut() -> None:
    text = "x" * CELL_LIMIT
    assert cell_text(text).value == text
    assert cell_text(text).cut_from is None


def test_longer_text_is_cut_to_the_limit_with_a_mark_saying_how_long_it_was() -> None:
    text = "y" * 40_000
    cut = cell_text(text)
    assert len(cut.value) == CELL_LIMIT
    assert cut.cut_from == 40_000
    assert cut.value.startswith("y" * 30_000)
    assert cut.value.endswith("[\u2026 cut: 40,000 characters, a cell holds 32,767]")


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts(text: str) -> None:
    assert looks_like_formula(text)


@pytest.mark.parametrize("text", ["1+1", "a=b", " =1", "", "#N/A"])
def test_not_formula_starts(text: str) -> None:
    assert not looks_like_formula(text)


def test_whole_numbers_become_ints_others_stay() -> None:
    assert number(41.0) == 41 and isinstance(number(41.0), int)
    assert number(6.8) == 6.8
    assert number(None) is None
    assert number(-3.0) == -3 and isinstance(number(-3.0), int)
