"""Helpers that word schema messages."""

from __future__ import annotations

import datetime

import pytest

from cjm.load.schema_errors import describe_value, kind_name, slugify
from cjm.model import JourneyMap, PainPoint, WorkspaceConfig


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "empty (null)"),
        (True, "the boolean true"),
        (3, "the number 3"),
        (datetime.date(2026, 1, 2), "the date 2026-01-02"),
        ("x" * 50, "the text '" + "x" * 39 + "…'"),
        ([1], "a list"),
        ({}, "a mapping"),
    ],
)
def test_values_are_described_in_yaml_terms(value: object, expected: str) -> None:
    assert describe_value(value) == expected


def test_kind_names_read_like_prose() -> None:
    assert kind_name(JourneyMap) == "journey map"
    assert kind_name(PainPoint) == "pain point"
    assert kind_name(WorkspaceConfig) == "workspace configuration"


@pytest.mark.parametrize(
    ("text", "slug"),
    [("Bad Map", "bad-map"), ("Step_One", "step-one"), ("  ", "my-id"), ("Ça va!", "ca-va")],
)
def test_slug_suggestions(text: str, slug: str) -> None:
    assert slugify(text) == slug
