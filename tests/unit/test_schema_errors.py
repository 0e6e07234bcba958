"""Helpers that word schema messages."""

from __future__ import annotations

import datetime

import pytest

from cjm.load.schema_errors import closest, describe_value, kind_name, slugify
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


CHANNELS = ["web", "email", "social", "ads", "phone", "chat", "app", "in-store", "event", "mail"]


@pytest.mark.parametrize(
    ("written", "suggested"),
    [
        ("Email", "email"),
        ("EMAIL", "email"),
        ("eMail", "email"),
        ("In-Store", "in-store"),
        ("IN-STORE", "in-store"),
        ("in store", "in-store"),
        ("Emial", "email"),
        ("MAIL", "mail"),
        ("website", "web"),
        ("fax", None),
    ],
)
def test_suggestions_compare_without_case_first(written: str, suggested: str | None) -> None:
    assert closest(written, CHANNELS, cutoff=0.5) == suggested


def test_a_choice_that_differs_only_in_case_wins_over_a_closer_spelling() -> None:
    # "Email" is one edit from "mail" and only a case away from "email".
    assert closest("Email", ["mail", "email"], cutoff=0.5) == "email"
    assert closest("Current-State", ["current-state", "future-state"], cutoff=0.5) == (
        "current-state"
    )
