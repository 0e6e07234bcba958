"""Plain scalars resolve as the YAML 1.2 core schema says, and nothing else."""

from __future__ import annotations

import math
import string

import pytest

from cjm.load.core_schema import (
    BOOL,
    FLOAT,
    INT,
    MERGE_KEY,
    NON_TEXT_START,
    NULL,
    STR,
    NotOfTag,
    construct_tagged,
    resolve_plain,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("", None),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("FALSE", False),
        ("0", 0),
        ("-12", -12),
        ("+12", 12),
        ("007", 7),
        ("0o17", 15),
        ("0x1F", 31),
        ("0x1f", 31),
        ("1.5", 1.5),
        ("-1.", -1.0),
        (".5", 0.5),
        ("+.5", 0.5),
        ("1e3", 1000.0),
        ("1E-3", 0.001),
        ("2.5e+2", 250.0),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("+.INF", math.inf),
        ("<<", MERGE_KEY),
    ],
)
def test_core_schema_values(text: str, value: object) -> None:
    resolved = resolve_plain(text)
    assert resolved == value
    assert type(resolved) is type(value)


@pytest.mark.parametrize("text", [".nan", ".NaN", ".NAN"])
def test_not_a_number(text: str) -> None:
    assert math.isnan(resolve_plain(text))


@pytest.mark.parametrize(
    "text",
    [
        # YAML 1.1 values that YAML 1.2 reads as text
        "yes",
        "No",
        "on",
        "OFF",
        "y",
        "=",
        "2026-10-01",
        "2026-10-01T10:00:00Z",
        "2026-10-01 10:00:00",
        "2026-1-5",
        "1:20",
        "1_000",
        "1_0.5",
        "0b101",
        "-0x1F",
        "+0o7",
        "0x",
        "0o8",
        "12e",
        "1.2.3",
        # other spellings that are not in the schema
        "tRue",
        "nULL",
        ".Nan",
        "inf",
        "-nan",
        "synthetic",
    ],
)
def test_everything_else_is_text(text: str) -> None:
    assert resolve_plain(text) == text


def test_a_whole_number_too_long_to_convert_stays_text() -> None:
    text = "1" * 5000
    assert resolve_plain(text) == text


def test_only_the_listed_first_characters_can_start_a_non_text_value() -> None:
    """The reader skips the checks for plain scalars whose first character cannot start a
    null, boolean, number or merge key: every such first character must be listed."""
    endings = ["", "0", "1", ".5", "e3", "x1F", "o7", "inf", "nan", "ull", "rue", "alse", "<"]
    for first in string.printable:
        for ending in endings:
            text = first + ending
            if not isinstance(resolve_plain(text), str):
                assert first in NON_TEXT_START, text


@pytest.mark.parametrize(
    ("text", "tag", "value"),
    [
        ("3", STR, "3"),
        ("~", NULL, None),
        ("", NULL, None),
        ("True", BOOL, True),
        ("0x1F", INT, 31),
        ("-3", INT, -3),
        ("3", FLOAT, 3.0),
        ("-.inf", FLOAT, -math.inf),
    ],
)
def test_explicit_core_tags(text: str, tag: str, value: object) -> None:
    constructed = construct_tagged(text, tag)
    assert constructed == value
    assert type(constructed) is type(value)


@pytest.mark.parametrize(
    ("text", "tag"),
    [("x", NULL), ("yes", BOOL), ("1.5", INT), ("1_000", INT), ("0x1F", FLOAT), ("x", FLOAT)],
)
def test_explicit_tag_on_a_value_of_another_kind_is_refused(text: str, tag: str) -> None:
    with pytest.raises(NotOfTag):
        construct_tagged(text, tag)
