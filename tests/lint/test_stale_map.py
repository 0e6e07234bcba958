"""stale-map: maps not reviewed within their review cadence, or reviewed in the future."""

from __future__ import annotations

import datetime

import pytest

from cjm.lint.rules import stale_map as RULE

from .conftest import LintFiles, LintMap, findings

CODE = RULE.CODE


def _map(reviewed: str, cadence: str | None = None) -> str:
    cadence_line = f"review_cadence: {cadence}\n" if cadence else ""
    return f"""\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: {reviewed}
{cadence_line}teams: [{{id: growth, name: Growth}}]
personas: [{{id: olivia, name: Olivia}}]
stages:
  - {{id: consider, name: Consider}}
"""


def _stale(reviewed: str, days: int, cadence: str, cadence_days: int) -> str:
    return (
        f"map 'trial' was last reviewed on {reviewed}, {days} days ago: longer than its "
        f"{cadence} review cadence ({cadence_days} days)"
    )


def _options(values: str) -> str:
    return f"lint:\n  options:\n    stale-map: {values}\n"


def test_failing_example_is_stale(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [
        (6, 11, CODE, _stale("2025-03-01", 632, "quarterly", 92)),
    ]


def test_passing_example_is_clean(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


def test_without_a_cadence_the_default_is_yearly(lint_map: LintMap) -> None:
    # TODAY is 2026-11-23: 2025-11-22 is 366 days ago (on time), 2025-11-21 is 367.
    assert lint_map(_map("2025-11-22"), CODE) == []
    assert lint_map(_map("2025-11-21"), CODE) == [
        (5, 11, CODE, _stale("2025-11-21", 367, "yearly", 366)),
    ]


@pytest.mark.parametrize(
    ("cadence", "days", "on_time", "late"),
    [
        ("monthly", 31, "2026-10-23", "2026-10-22"),
        ("quarterly", 92, "2026-08-23", "2026-08-22"),
        ("half-yearly", 183, "2026-05-24", "2026-05-23"),
    ],
)
def test_the_map_cadence_sets_the_limit(
    lint_map: LintMap, cadence: str, days: int, on_time: str, late: str
) -> None:
    assert lint_map(_map(on_time, cadence), CODE) == []
    assert lint_map(_map(late, cadence), CODE) == [
        (5, 11, CODE, _stale(late, days + 1, cadence, days)),
    ]


def test_age_is_counted_from_the_given_today(lint_map: LintMap) -> None:
    text = _map("2026-10-01", "monthly")
    assert lint_map(text, CODE, today=datetime.date(2026, 11, 1)) == []
    assert lint_map(text, CODE, today=datetime.date(2026, 11, 2)) == [
        (5, 11, CODE, _stale("2026-10-01", 32, "monthly", 31)),
    ]


def test_a_review_date_in_the_future_is_reported(lint_map: LintMap) -> None:
    assert lint_map(_map("2026-11-23"), CODE) == []
    assert lint_map(_map("2026-11-24", "monthly"), CODE) == [
        (5, 11, CODE, "map 'trial' was reviewed on 2026-11-24, which lies in the future"),
    ]


def test_the_default_cadence_comes_from_the_options(lint_map: LintMap) -> None:
    config = _options("{default_cadence: monthly}")
    assert lint_map(_map("2026-10-01"), CODE, config=config) == [
        (5, 11, CODE, _stale("2026-10-01", 53, "monthly", 31)),
    ]


def test_the_map_cadence_wins_over_the_default(lint_map: LintMap) -> None:
    config = _options("{default_cadence: monthly}")
    assert lint_map(_map("2026-10-01", "quarterly"), CODE, config=config) == []


def test_an_unknown_default_cadence_is_refused(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["map.yaml"]\n' + _options("{default_cadence: weekly}"),
            "map.yaml": RULE.PASSING,
        },
        select=[CODE],
    )
    assert result.config_failed
    assert findings(result) == [
        (4, 34, "CJM005", "'weekly' is not a valid default_cadence; did you mean 'yearly'?"),
    ]


def test_an_unknown_option_is_refused(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["map.yaml"]\n' + _options("{cadence: monthly}"),
            "map.yaml": RULE.PASSING,
        },
        select=[CODE],
    )
    assert result.config_failed
    assert findings(result) == [
        (4, 17, "CJM003", "unknown key 'cadence' in rule options; did you mean 'default_cadence'?"),
    ]
