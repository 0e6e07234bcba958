"""Which packaged font sets each character."""

from __future__ import annotations

import pytest

from cjm.render import fonts
from cjm.render.fonts import CJK, EMOJI, PRIMARY, FontFile, FontsMissing, families_for


def names(text: str) -> list[str]:
    return [family.name for family in families_for(text)]


def test_every_font_file_is_installed() -> None:
    for font in fonts.font_files():
        assert font.path.is_file(), font


def test_latin_greek_cyrillic_and_hebrew_are_set_in_arimo_with_helveticas_metrics() -> None:
    assert set(names("Ağø Ωλξ Жщю שלום")) == {"Arimo"}
    assert families_for("plain ASCII") == [PRIMARY] * len("plain ASCII")


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("مرحبا", "Noto Sans Arabic"),
        ("नमस्ते", "Noto Sans Devanagari"),
        ("สวัสดี", "Noto Sans Thai"),
        ("中文", "Noto Sans CJK SC"),
        ("日本語です", "Noto Sans CJK JP"),
        ("한국어", "Noto Sans CJK KR"),
        ("😀🚀", "Noto Emoji"),
    ],
)
def test_other_scripts_take_the_noto_font_that_has_them(text: str, family: str) -> None:
    assert set(names(text)) == {family}


def test_han_characters_take_japanese_forms_next_to_kana() -> None:
    assert families_for("日本")[0] is CJK["SC"]
    assert families_for("日本の")[0] is CJK["JP"]


def test_spaces_and_punctuation_stay_in_the_run_they_are_part_of() -> None:
    assert names("مرحبا بالعالم.") == ["Noto Sans Arabic"] * len("مرحبا بالعالم.")
    fullwidth_comma = "\uff0c"
    assert names(f"中文{fullwidth_comma}日本") == ["Noto Sans CJK SC"] * 5


def test_a_space_after_an_emoji_is_not_an_emoji_wide() -> None:
    assert names("😀 x") == ["Noto Emoji", "Arimo", "Arimo"]


def test_letters_after_another_script_go_back_to_arimo() -> None:
    assert names("中 ab") == ["Noto Sans CJK SC", "Noto Sans CJK SC", "Arimo", "Arimo"]


def test_marks_and_modifiers_stay_with_their_base() -> None:
    assert names("कि") == ["Noto Sans Devanagari"] * 2
    thumbs = "👍🏽"
    assert families_for(thumbs) == [EMOJI, EMOJI]


def test_a_lone_mark_takes_a_font_that_has_it() -> None:
    assert names("“ि”")[1] == "Noto Sans Devanagari"


def test_a_character_no_font_has_is_left_to_arimo() -> None:
    assert families_for("\u0378") == [PRIMARY]


def test_a_missing_font_package_is_a_drawing_failure() -> None:
    with pytest.raises(FontsMissing, match="the font package no_such_fonts is not installed"):
        _ = FontFile("no_such_fonts", "Font.ttf").path
