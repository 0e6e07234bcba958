"""Feedback counted against the map's steps: placement, scales, personas, suppression."""

from __future__ import annotations

import datetime as dt

import pytest

from cjm.measure.feedback import (
    SCALES,
    FeedbackRow,
    measure_feedback,
    read_rating,
)
from cjm.model.base import Period
from cjm.model.binding import RatingScale
from cjm.model.snapshot import FeedbackGroup
from tests.measure.feedback_samples import binding, journey, rated

PERIOD = Period(start=dt.date(2026, 9, 1), end=dt.date(2026, 9, 28))


def group(groups: list[FeedbackGroup], step: str, persona: str | None = None) -> FeedbackGroup:
    found = [g for g in groups if g.step == step and g.persona == persona]
    assert len(found) == 1, (step, persona, groups)
    return found[0]


@pytest.mark.parametrize(
    ("scale", "positive", "neutral", "negative", "off"),
    [
        ("csat", [4, 5], [3], [1, 2], [0, 6, -1]),
        ("ces", [5, 6, 7], [4], [1, 2, 3], [0, 8]),
        ("nps", [9, 10], [7, 8], [0, 1, 2, 3, 4, 5, 6], [-1, 11]),
    ],
)
def test_each_scale_has_its_cut_offs(
    scale: str, positive: list[int], neutral: list[int], negative: list[int], off: list[int]
) -> None:
    rows = rated("start", *positive, *neutral, *negative, *off)
    result = measure_feedback(journey(), binding(scale=scale), rows, PERIOD)
    everyone = group(result.groups, "start")
    assert (everyone.positive, everyone.neutral, everyone.negative) == (
        len(positive),
        len(neutral),
        len(negative),
    )
    assert everyone.responses == len(positive) + len(neutral) + len(negative)
    assert result.unreadable == len(off)
    cuts = SCALES[RatingScale(scale)]
    assert result.definition.positive == cuts.positive()
    assert result.definition.negative == cuts.negative()


def test_definition_records_the_nps_cut_offs_as_written() -> None:
    result = measure_feedback(journey(), binding(scale="nps"), [], PERIOD)
    assert (result.definition.positive, result.definition.negative) == ("9-10", "0-6")
    assert result.definition.period == PERIOD
    assert result.definition.scorer is None
    assert result.groups == []


@pytest.mark.parametrize(
    ("written", "read"),
    [
        (4, 4),
        (4.0, 4),
        ("4", 4),
        (" 5 ", 5),
        ("3.0", 3),
        ("4.5", None),
        (4.5, None),
        ("four", None),
        ("", None),
        (None, None),
        (True, None),
        (float("nan"), None),
        ("inf", None),
        ("4/5", None),
    ],
)
def test_ratings_are_whole_numbers(written: object, read: int | None) -> None:
    assert read_rating(written) == read


def test_steps_touchpoints_and_branches_place_answers() -> None:
    rows = [
        FeedbackRow(step="start", rating=5),
        FeedbackRow(step="sso-login", rating=5),  # a branch step
        FeedbackRow(touchpoint="web-form", rating=1),  # used by one step: start
        FeedbackRow(touchpoint="billing", rating=3),  # used by one step: checkout
        FeedbackRow(step="mail", rating=4),  # a touchpoint written in the step column
        FeedbackRow(touchpoint="help", rating=5),  # used by two steps: unplaced
        FeedbackRow(step="nowhere", rating=5),  # not in the map: unplaced
        FeedbackRow(step="nowhere", touchpoint="web-form", rating=5),  # the step column wins
        FeedbackRow(rating=5),  # names nothing: unplaced
    ]
    result = measure_feedback(journey(), binding(), rows, PERIOD)
    assert result.unplaced == 4
    assert [(g.step, g.responses) for g in result.groups] == [
        ("start", 2),
        ("sso-login", 1),
        ("verify", 1),
        ("checkout", 1),
    ]
    assert group(result.groups, "start").negative == 1


def test_groups_follow_the_map_and_personas_follow_the_given_order() -> None:
    rows = [
        *rated("checkout", 5, persona="sam"),
        *rated("start", 5, persona="sam"),
        *rated("start", 1, persona="olivia"),
    ]
    result = measure_feedback(journey(), binding(), rows, PERIOD)
    assert [(g.step, g.persona) for g in result.groups] == [
        ("start", None),
        ("start", "olivia"),
        ("start", "sam"),
        ("checkout", None),
        ("checkout", "sam"),
    ]


def test_segments_map_values_to_personas_and_others_count_for_everyone_only() -> None:
    rows = [
        *rated("start", 5, 4, persona="smb"),  # mapped to olivia
        *rated("start", 1, persona="olivia"),  # a persona id
        *rated("start", 2, persona="enterprise"),  # unknown: everyone only
        *rated("start", 3, persona="ghost"),  # mapped to a persona not in the map
        *rated("start", 3),
    ]
    result = measure_feedback(
        journey(), binding(segments={"smb": "olivia", "ghost": "nobody"}), rows, PERIOD
    )
    everyone = group(result.groups, "start")
    olivia = group(result.groups, "start", "olivia")
    assert everyone.responses == 6
    assert (olivia.responses, olivia.positive, olivia.negative) == (3, 2, 1)
    assert [g.persona for g in result.groups] == [None, "olivia"]


def test_persona_ids_limit_the_persona_groups() -> None:
    rows = [*rated("start", 5, persona="sam"), *rated("start", 5, persona="olivia")]
    result = measure_feedback(journey(), binding(), rows, PERIOD, persona_ids=["sam"])
    assert [g.persona for g in result.groups] == [None, "sam"]
    assert group(result.groups, "start").responses == 2


def test_small_groups_are_suppressed_with_their_counts_and_quotes() -> None:
    rows = [
        FeedbackRow(step="start", rating=5, comment="Great start", persona="sam"),
        *[FeedbackRow(step="start", rating=1, comment=f"Broken {n}") for n in range(4)],
    ]
    result = measure_feedback(journey(), binding(min_responses=5, quotes=True), rows, PERIOD)
    everyone = group(result.groups, "start")
    sam = group(result.groups, "start", "sam")
    assert not everyone.suppressed
    assert (everyone.responses, everyone.positive, everyone.negative) == (5, 1, 4)
    assert everyone.quotes
    assert sam.suppressed
    assert sam.responses == 1
    assert (sam.positive, sam.negative, sam.neutral, sam.from_text) == (0, 0, 0, 0)
    assert sam.quotes == []


def test_without_a_scale_ratings_are_not_read() -> None:
    rows = rated("start", 5, 1)
    result = measure_feedback(journey(), binding(scale=None), rows, PERIOD)
    assert result.groups == []
    assert result.unreadable == 2
    assert result.definition.positive is None


def test_text_sentiment_scores_rows_without_a_usable_rating() -> None:
    rows = [
        FeedbackRow(step="start", rating=5, comment="This is terrible and broken"),
        FeedbackRow(step="start", rating="", comment="I love it, works great"),
        FeedbackRow(step="start", rating="n/a", comment="Awful, it crashed and I lost my work"),
        FeedbackRow(step="start", rating=None, comment="I clicked the button."),
        FeedbackRow(step="start", rating=None, comment="   "),
        FeedbackRow(step="start", rating=9, comment=None),
    ]
    result = measure_feedback(journey(), binding(text_sentiment=True), rows, PERIOD)
    everyone = group(result.groups, "start")
    # The rating wins over the words; the others are read from the words.
    assert (everyone.positive, everyone.negative, everyone.neutral) == (2, 1, 1)
    assert everyone.from_text == 3
    assert result.unreadable == 2
    scorer = result.definition.scorer
    assert scorer is not None
    assert "0.05" in scorer
    assert "-0.05" in scorer


def test_without_text_sentiment_comments_are_not_read() -> None:
    rows = [FeedbackRow(step="start", comment="I love it")]
    result = measure_feedback(journey(), binding(), rows, PERIOD)
    assert result.unreadable == 1
    assert result.groups == []


def test_quotes_only_when_asked_redacted_and_bounded() -> None:
    rows = [
        FeedbackRow(step="start", rating=1, comment=f"Call me on +44 20 7946 095{n}, please")
        for n in range(6)
    ]
    rows.append(FeedbackRow(step="start", rating=1, comment="mail ana@example.com now"))
    without = measure_feedback(journey(), binding(), rows, PERIOD)
    assert all(g.quotes == [] for g in without.groups)
    with_quotes = measure_feedback(journey(), binding(quotes=True, max_quotes=2), rows, PERIOD)
    quotes = group(with_quotes.groups, "start").quotes
    assert 1 <= len(quotes) <= 2
    for quote in quotes:
        assert "7946" not in quote
        assert "@" not in quote
        assert "[phone]" in quote or "[email]" in quote


def test_quotes_do_not_depend_on_row_order() -> None:
    rows = [FeedbackRow(step="start", rating=n % 5 + 1, comment=f"Answer {n}") for n in range(40)]
    chosen = binding(quotes=True, max_quotes=3)
    forward = measure_feedback(journey(), chosen, rows, PERIOD)
    backward = measure_feedback(journey(), chosen, list(reversed(rows)), PERIOD)
    assert forward == backward
    assert len(group(forward.groups, "start").quotes) == 3


def test_long_comments_are_cut_and_whitespace_folded() -> None:
    comment = "Slow\n\n" + "word " * 200
    rows = [FeedbackRow(step="start", rating=2, comment=comment)]
    result = measure_feedback(journey(), binding(quotes=True), rows, PERIOD)
    (quote,) = group(result.groups, "start").quotes
    assert quote.startswith("Slow word word")
    assert quote.endswith("…")
    assert len(quote) <= 280


def test_no_comment_text_outside_quotes() -> None:
    secret = "zebra-unique-comment-text"
    rows = [FeedbackRow(step="start", rating=4, comment=secret, persona="sam")] * 12
    result = measure_feedback(journey(), binding(text_sentiment=True), rows, PERIOD)
    assert secret not in result.model_dump_json()
    quoted = measure_feedback(journey(), binding(quotes=True), rows, PERIOD)
    dumped = quoted.model_dump(mode="json")
    assert group(quoted.groups, "start").quotes == [secret]
    for g in dumped["groups"]:
        g.pop("quotes")
    assert secret not in str(dumped)


def test_without_a_period_the_snapshot_says_every_answer_counted() -> None:
    result = measure_feedback(journey(), binding(), rated("start", 5), None)
    assert result.definition.period is None
    assert group(result.groups, "start").responses == 1
