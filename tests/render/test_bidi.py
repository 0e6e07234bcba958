"""The bidirectional algorithm for one line: paragraph direction, levels, display order.

Its display order is checked against python-bidi (the unicode-bidi crate), on random
mixes of left-to-right, right-to-left, number and neutral characters.
"""

from __future__ import annotations

from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.render.bidi import base_level, embedding_levels, visual_order

HEBREW, ARABIC = "שלום", "مرحبا"


def shown(text: str) -> str:
    _, levels = embedding_levels(text)
    return "".join(text[i] for i in visual_order(levels))


def test_the_paragraph_takes_the_direction_of_its_first_strong_character() -> None:
    assert base_level("Hello") == 0
    assert base_level(HEBREW + " hello") == 1
    assert base_level("123 " + ARABIC) == 1
    assert base_level("“” 123 !") == 0  # nothing strong: left to right


def test_right_to_left_words_in_a_left_to_right_line() -> None:
    base, levels = embedding_levels(f"ab {HEBREW} cd")
    assert base == 0
    assert levels == [0, 0, 0, 1, 1, 1, 1, 0, 0, 0]
    assert shown(f"ab {HEBREW} cd") == f"ab {HEBREW[::-1]} cd"


def test_numbers_in_right_to_left_text_keep_their_order() -> None:
    text = f"{ARABIC} 123"
    base, levels = embedding_levels(text)
    assert base == 1
    assert levels[-3:] == [2, 2, 2]
    assert shown(text) == f"123 {ARABIC[::-1]}"


def test_trailing_spaces_go_back_to_the_paragraph_level() -> None:
    assert embedding_levels(f"ab {HEBREW}  ")[1][-2:] == [0, 0]


def test_direction_controls_count_as_nothing() -> None:
    # The views remove them; if one slipped through it would not change the order.
    assert shown("ab\u202ecd") == "ab\u202ecd"


def test_visual_order_of_nested_levels() -> None:
    assert visual_order([0, 1, 1, 2, 2, 1, 0]) == [0, 5, 3, 4, 2, 1, 6]
    assert visual_order([]) == []
    assert visual_order([0, 0]) == [0, 1]


# Characters without mirrored forms, so that the order alone can be compared.
ARABIC_DIGITS = "\u0660\u0661\u0662"
MARKS = ["\u064b", "\u05b0"]  # an Arabic and a Hebrew vowel mark
ALPHABET = [*"abcXYZ", *HEBREW, *ARABIC, *"0123", *ARABIC_DIGITS, *" .,-+%$#:/!?&*", *MARKS]


@settings(max_examples=400, derandomize=True, database=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=16))
def test_display_order_agrees_with_unicode_bidi(text: str) -> None:
    assert shown(text) == get_display(text)
