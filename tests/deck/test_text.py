"""Fitting text to a box: wrapped to its width, cut to its lines, what is cut counted."""

from __future__ import annotations

from cjm.deck.text import (
    MIN_FONT,
    fill_box,
    fit_text,
    lines_that_fit,
    notes_text,
    text_room,
    xml_safe,
)
from cjm.render.text import measure


def test_a_short_text_is_kept_whole() -> None:
    shown = fit_text("Pays by card", 2.0, 11, 2)
    assert shown.lines == ("Pays by card",)
    assert not shown.cut


def test_a_long_text_is_cut_with_an_ellipsis_within_its_lines_and_width() -> None:
    text = "word " * 500
    shown = fit_text(text, 2.0, 11, 3)
    assert len(shown.lines) == 3
    assert shown.cut and shown.lines[-1].endswith("\u2026")
    assert all(measure(line, 11) <= text_room(2.0) for line in shown.lines)


def test_a_long_word_is_broken_to_the_width() -> None:
    shown = fit_text("x" * 10_000, 1.5, 12, 4)
    assert len(shown.lines) == 4 and shown.cut
    assert all(measure(line, 12) <= text_room(1.5) for line in shown.lines)


def test_bidi_controls_are_shown_not_obeyed() -> None:
    shown = fit_text("Pay \u202eevil\u202c now", 5.0, 11, 1)
    assert shown.lines == ("Pay \u27e8U+202E\u27e9evil\u27e8U+202C\u27e9 now",)
    assert "\u27e8U+202E\u27e9" in notes_text("a \u202e b")


def test_lines_that_fit_a_box() -> None:
    assert lines_that_fit(1.0, 12) == 4  # 0.9 in = 64.8 pt, 14.4 pt a line
    assert lines_that_fit(0.1, 12) == 0


def test_fill_box_counts_the_items_that_do_not_fit() -> None:
    items = [f"Touchpoint number {n}" for n in range(20)]
    box = fill_box(2.5, 1.0, items, MIN_FONT + 1)
    capacity = lines_that_fit(1.0, MIN_FONT + 1)
    assert box.lines_used <= capacity
    assert box.left_out > 0
    assert box.paragraphs[-1].lines == (f"+{box.left_out} more",)
    shown = len(box.paragraphs) - 1
    assert shown + box.left_out == len(items)


def test_fill_box_keeps_every_item_that_fits() -> None:
    box = fill_box(3.0, 2.0, ["one", "two"], 11, heading="Goals")
    assert [p.lines for p in box.paragraphs] == [("Goals",), ("one",), ("two",)]
    assert box.left_out == 0 and box.paragraphs[0].bold


def test_xml_safe_drops_what_xml_cannot_hold() -> None:
    assert xml_safe("a\x01b\ud800c\tok\n😀") == "abc\tok\n😀"
