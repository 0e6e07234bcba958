"""A text recognised as already formatted, line by line, is one the formatter leaves as it is.

:func:`cjm.fmt.canonical.is_canonical` lets ``format_text`` return a text without building
its tree. It may say "not known" of a formatted text (the full formatter then runs), but
it must never accept a text that the full formatter would change: every test here holds
it to ``format_text(..., fast=False)``, which never takes that shortcut.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjm.fmt import FormatError, Kind, format_text
from cjm.fmt.canonical import is_canonical
from cjm.fmt.common import MODELS
from cjm.load.document import parse_document
from tests.fmt.test_fmt_fast_reading import SOME, YAML_FILES
from tests.fmt.test_fmt_properties import (
    Writer,
    commented_maps,
    dumped_maps,
    journey_maps,
    written_maps,
)

KINDS: tuple[Kind, ...] = ("map", "definitions", "workspace")


def full(text: str, kind: Kind = "map") -> str | None:
    """What the full formatter makes of ``text``, or None if it refuses it."""
    try:
        return format_text(text, kind, path="in.yaml", fast=False)
    except FormatError:
        return None


def valid(text: str, kind: Kind) -> bool:
    return not parse_document(Path("in.yaml"), "in.yaml", text, MODELS[kind]).diagnostics


def sound(text: str, kind: Kind = "map") -> bool:
    """Whether ``text`` is accepted as formatted, checking that the full formatter agrees."""
    if not (valid(text, kind) and is_canonical(text, MODELS[kind])):
        return False
    assert full(text, kind) == text
    return True


def formatted_examples() -> list[tuple[str, Kind]]:
    found = []
    for path in YAML_FILES:
        text = path.read_text(encoding="utf-8", errors="replace")
        for kind in KINDS:
            result = full(text, kind)
            if result is not None:
                found.append((result, kind))
    return found


FORMATTED = formatted_examples()


def test_most_formatted_examples_are_recognised_and_none_wrongly() -> None:
    for path in YAML_FILES:
        text = path.read_text(encoding="utf-8", errors="replace")
        for kind in KINDS:
            sound(text, kind)
    recognised = [text for text, kind in FORMATTED if sound(text, kind)]
    assert len(FORMATTED) > 20
    assert len(recognised) >= 0.95 * len(FORMATTED)


def _mutations(text: str, rng: random.Random) -> list[str]:
    """Texts one small layout change away from ``text``: a line moved one or two columns,
    two lines swapped, a blank line doubled, a comment or trailing space added, a line
    break removed."""
    lines = text.split("\n")
    spots = list(range(len(lines) - 1))
    out = []
    for _ in range(12):
        i = rng.choice(spots)
        copy = list(lines)
        change = rng.randrange(7)
        if change == 0:
            copy[i] = " " * rng.choice((1, 2)) + copy[i]
        elif change == 1 and copy[i].startswith("  "):
            copy[i] = copy[i][rng.choice((1, 2)) :]
        elif change == 2 and i + 1 < len(copy) - 1:
            copy[i], copy[i + 1] = copy[i + 1], copy[i]
        elif change == 3:
            copy.insert(i, "")
            copy.insert(i, "")
        elif change == 4:
            indent = rng.choice((0, 1, 2, 4, 6))
            copy.insert(i, " " * indent + "# a note")
        elif change == 5:
            copy[i] += rng.choice((" ", "  # why", ":"))
        elif i + 1 < len(copy) - 1:
            copy[i] = copy[i] + " " + copy.pop(i + 1).lstrip(" ")
        out.append("\n".join(copy))
    return out


def test_texts_one_change_away_from_formatted_are_never_wrongly_recognised() -> None:
    rng = random.Random(17)
    checked = 0
    for text, kind in FORMATTED:
        for mutated in _mutations(text, rng):
            if mutated != text and valid(mutated, kind):
                sound(mutated, kind)
                checked += 1
    assert checked > 100


@SOME
@given(written_maps())
def test_odd_layouts_are_never_wrongly_recognised(case: tuple[str, list[str]]) -> None:
    sound(case[0])
    result = full(case[0])
    if result is not None:
        sound(result)


@SOME
@given(dumped_maps())
def test_dumped_maps_are_never_wrongly_recognised(case: tuple[str, list[str]]) -> None:
    sound(case[0])


@SOME
@given(commented_maps())
def test_commented_maps_are_never_wrongly_recognised(case: tuple[str, object, list[str]]) -> None:
    sound(case[0])
    result = full(case[0])
    if result is not None:
        sound(result)


BASE = """\
# yaml-language-server: $schema=map.schema.json
id: m
title: T
type: current-state
owner: o
reviewed: 2026-01-01
description: >-
  Two lines
  of text.
personas: [p]

stages:
  - id: s
    name: S
    # the first step
    steps:
      - id: a
        action: A
        emotions:
          p: {score: 1, label: calm}
      - id: b
        action: B
"""


def test_a_formatted_map_with_comments_blank_lines_and_block_text_is_recognised() -> None:
    assert full(BASE) == BASE
    assert sound(BASE)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("id: m\ntitle: T\n", "title: T\nid: m\n"),  # keys out of the model's order
        ("{score: 1, label: calm}", "{label: calm, score: 1}"),  # in a flow mapping too
        ("        action: B\n", "        action: B\n    # after the steps\n"),  # ends a block
        ("      - id: b\n", "      # the second step\n      - id: b\n"),  # above an item
        ("personas: [p]\n\n", "personas: [p]\n\n\n"),  # two blank lines
        ("  Two lines\n  of", "   Two lines\n   of"),  # block text indented three
        ("  Two lines\n", "  Two lines\n    indented\n"),  # a line indented in block text
        ("  of text.\n", "  of text.\n\n"),  # a blank line after the block text
        ("  of text.\n", "  of text.\n\n\n"),  # two
        ("  - id: s\n", "  - id: s  # first\n"),  # a comment after a value
        ("  - id: s\n", "  - id: s # first\n"),  # after one space
        ("    steps:\n", "    steps:  # below\n"),  # after a key
        ("description: >-\n", "description: >-  # folded\n"),  # after a block header
        ("title: T\n", "title:  T\n"),  # two spaces after the colon
        ("action: A\n", "action: A\n          more\n"),  # text over two lines
        ("personas: [p]\n", "personas:\n  - p\n"),  # a block sequence
    ],
)
def test_a_change_of_layout_is_recognised_only_if_the_formatter_keeps_it(
    old: str, new: str
) -> None:
    """Some changes the formatter keeps (a comment ending a block, a block sequence) are
    not all recognised: those are formatted in full, and found unchanged."""
    text = BASE.replace(old, new, 1)
    assert text != BASE and valid(text, "map")
    if full(text) != text:
        assert not is_canonical(text, MODELS["map"])
    else:
        sound(text)


@pytest.mark.parametrize(
    "text",
    [
        BASE.replace("personas: [p]\n", "personas:\n  - p\n"),
        BASE.replace("      - id: b\n", "      # the second step\n      - id: b\n"),
        BASE.replace("    # the first step\n", "\n    # the first step\n\n"),
        BASE.replace("personas: [p]\n", "personas: [p]  # one\n"),
        BASE.replace("          p: {score: 1, label: calm}", "          p: {score: 1} # x # y"),
        BASE.replace("    steps:\n", "    steps:   # below\n"),
        BASE.replace("  of text.\n", "  of text.\n\n    # indented: still text\n  end\n"),
    ],
)
def test_kept_layouts_with_comments_blank_lines_and_block_lines_are_recognised(
    text: str,
) -> None:
    assert sound(text)


def test_a_file_that_ends_in_block_text_or_holds_tabs_is_left_to_the_formatter() -> None:
    text = BASE + "opportunities:\n  - id: o\n    summary: |\n      Text\n"
    assert sound(text)
    assert not is_canonical(text + "\n", MODELS["map"])
    assert not is_canonical(BASE.replace("action: A", "action:\tA"), MODELS["map"])
    assert not is_canonical(BASE.rstrip("\n"), MODELS["map"])


@pytest.mark.parametrize("dash", ["- ", "-  # empty", "- # empty"])
def test_a_lone_dash_is_recognised_only_alone(dash: str) -> None:
    """(Not a valid map, but the reading of the line is what is checked.)"""
    assert is_canonical("personas:\n  -\n  - p\n", MODELS["map"])
    assert not is_canonical(f"personas:\n  {dash}\n  - p\n", MODELS["map"])


NESTED = (
    BASE.replace(
        "        emotions:\n          p: {score: 1, label: calm}\n",
        "        thoughts: [Who pays?, 'Not: again']\n"
        "        emotions: {p: {score: 1, label: calm}}\n",
    ).replace(
        "personas: [p]\n",
        "tags: [https://example.com/a?b=1]\npersonas: [{id: p, name: P, goals: [Pay less]}]\n",
    )
    + "x-notes: [[a, b], {k: v}]\n"
)


@pytest.mark.parametrize(
    "text",
    [
        NESTED,
        NESTED.replace("[[a, b], ", "[{}, [], [[a], {k: [b, {l: c}]}], "),
        NESTED.replace("emotions: {p: {score: 1, label: calm}}", "emotions: {p: {score: 1}}  # x"),
        BASE.replace("action: A\n", "action: A long\n          action text\n"),
        BASE.replace("action: A\n", "action: A long\n\n          action text\n          more\n"),
        BASE.replace("action: A\n", "action: A long\n          action text  # why\n"),
        BASE.replace("title: T\n", "title: T\n  and more:words\n"),
        BASE.replace("personas: [p]\n", "tags:\n  - a long\n    tag\n  - b\npersonas: [p]\n"),
        BASE.replace("title: T\n", 'title: "T long\n  text"\n'),
        BASE.replace("title: T\n", "title: 'T long\n\n  # text: not a comment'  # one\n"),
        BASE.replace("action: A\n", 'action: "A long\n          text"\n'),
        BASE.replace("personas: [p]\n", "tags:\n  - 'a long\n    tag'\n  - b\npersonas: [p]\n"),
        BASE.replace("        action: B\n", "        action: B\n    # after the steps\n"),
        BASE.replace("        action: B\n", "        action: B\n      # after\n\n    # and\n"),
        BASE.replace("        action: B\n", "        action: B\n        # ends the step\n"),
        BASE + "  # ends the stages\n",
        BASE + "\n# ends the file\n\n# and more\n",
        BASE + "        # ends the step\n      # then the steps\n  # then the stages\n",
        BASE + "opportunities:\n  - id: o\n    summary: |\n      Text\n    # after the text\n",
    ],
)
def test_nested_flow_text_over_lines_and_closing_comments_are_recognised(text: str) -> None:
    """Nested one-line flow collections, plain or quoted text going on over the next
    lines and comment lines that close a block are written back as they stand."""
    assert sound(text)


@pytest.mark.parametrize(
    "text",
    [
        NESTED.replace("{p: {score: 1, label: calm}}", "{p: {label: calm, score: 1}}"),
        NESTED.replace("[{id: p, name: P, ", "[{name: P, id: p, "),
        NESTED.replace("[[a, b], ", "[[a,b], "),
        NESTED.replace("[[a, b], ", "[[a , b], "),
        NESTED.replace("[[a, b], ", "[ [a, b], "),
        NESTED.replace("[[a, b], ", "[[a, b],  "),
        NESTED.replace("{p: {score", "{p:  {score"),
        NESTED.replace("https://example.com/a?b=1]", "https://example.com/a?b=1] "),
        NESTED.replace("[[a, b], ", "[[a, b,], "),
        BASE.replace("action: A\n", "action: A long\n           action text\n"),
        BASE.replace("action: A\n", "action: A long\n         action text\n"),
        BASE.replace("action: A\n", "action: A long\n          action text \n"),
        BASE.replace("personas: [p]\n", "tags:\n  - a long\n     tag\npersonas: [p]\n"),
        BASE.replace("title: T\n", 'title: "T long \n  text"\n'),
        BASE.replace("title: T\n", 'title: "T long\n   text"\n'),
        BASE.replace("title: T\n", 'title: "T long\n text"\n'),
        BASE.replace("title: T\n", 'title: "T long\n  text" \n'),
        BASE.replace("personas: [p]\n", "tags:\n  - 'a long\n     tag'\npersonas: [p]\n"),
        BASE.replace("        action: B\n", "        action: B\n     # after the steps\n"),
        BASE.replace("        action: B\n", "        action: B\n         # after\n"),
        BASE.replace("        action: B\n", "        action: B\n    # after\n      # then\n"),
        BASE + " # ends the file\n",
        BASE + "   # ends the file\n",
        BASE + "# ends the file\n\n",
    ],
)
def test_one_change_from_those_forms_is_not_recognised(text: str) -> None:
    """Each of these is one change of layout away from a form above, and is one the
    formatter rewrites."""
    assert valid(text, "map")
    assert full(text) != text
    assert not is_canonical(text, MODELS["map"])


def test_flow_collections_nested_very_deep_are_left_to_the_formatter() -> None:
    deep = "[" * 40 + "a" + "]" * 40
    assert full(BASE + f"x-deep: {deep}\n") == BASE + f"x-deep: {deep}\n"
    assert not is_canonical(BASE + f"x-deep: {deep}\n", MODELS["map"])
    shallow = "[" * 20 + "a" + "]" * 20
    assert sound(BASE + f"x-deep: {shallow}\n")


class NearlyFormatted(Writer):
    """Writes data in the canonical layout but for drawn changes: collections in flow
    style on one line (nested ones included), text over several lines, comment lines and
    blank lines closing blocks or ending the file, some of them a column off."""

    def off(self) -> int:
        return self.draw(st.sampled_from([0, 0, 0, 0, 0, -1, 1]))

    def document(self, data: dict[str, object]) -> str:
        self.mapping(data, 0)
        self.closing(0)
        return "\n".join(self.lines) + "\n"

    def mapping(self, data: dict[str, object], column: int, first: str | None = None) -> None:
        for key, value in data.items():
            prefix = (" " * column if first is None else first) + key + ":"
            first = None
            self.value(prefix, value, column, dashed=False)

    def value(self, prefix: str, value: object, column: int, *, dashed: bool) -> None:
        deeper = column + 2
        if isinstance(value, dict | list) and self.chance(3):
            self.put(prefix + " " + self.flow(value) + self.eol())
        elif isinstance(value, dict):
            self.put(prefix)
            self.mapping(value, deeper)
            self.closing(column)
        elif isinstance(value, list):
            self.put(prefix)
            for item in value:
                dash = " " * deeper + "-"
                if isinstance(item, dict) and not self.chance(4):
                    self.mapping(item, deeper + 2, first=dash + " ")
                else:
                    self.value(dash, item, deeper, dashed=True)
            self.closing(column)
        elif not (self.chance(2) and self.wrapped(prefix + " ", str(value), deeper + self.off())):
            self.put(prefix + " " + self.one_line(value, flow=False) + self.eol())

    def closing(self, column: int) -> None:
        """Maybe a blank line and comment lines after a block ends, at its column, the
        column of its key or another."""
        if self.chance(3):
            return
        if self.chance(3):
            self.put("")
        for _ in range(self.draw(st.integers(1, 2))):
            at = self.draw(st.sampled_from([0, column, column + 2, column + 2 + self.off()]))
            self.put(" " * max(0, at) + "# " + self.markers.new())


@st.composite
def nearly_formatted_maps(draw: st.DrawFn) -> str:
    return NearlyFormatted(draw).document(draw(journey_maps()))


@SOME
@given(nearly_formatted_maps())
def test_nearly_formatted_maps_are_never_wrongly_recognised(text: str) -> None:
    sound(text)
    result = full(text)
    if result is not None:
        sound(result)
