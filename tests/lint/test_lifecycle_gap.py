"""lifecycle-gap: current- and future-state maps that stop at the purchase."""

from __future__ import annotations

import pytest

from cjm.lint.rules import lifecycle_gap as RULE

from .conftest import LintFiles, LintMap, findings

CODE = RULE.CODE


def _map(stages: list[tuple[str, str]], map_type: str = "current-state") -> str:
    listed = "".join(f"  - {{id: {id_}, name: {name}}}\n" for id_, name in stages)
    return f"""\
id: trial
title: Trial to paid
type: {map_type}
owner: growth
reviewed: 2026-10-01
teams: [{{id: growth, name: Growth}}]
personas: [{{id: olivia, name: Olivia}}]
stages:
{listed}"""


def _message(map_type: str = "current-state") -> str:
    return (
        f"the {map_type} journey 'trial' stops at purchase: no stage covers retention or advocacy"
    )


def _options(values: str) -> str:
    return f"lint:\n  options:\n    lifecycle-gap: {values}\n"


BUY_ONLY = [("consider", "Consider"), ("purchase", "Buy")]


def test_failing_example_finds_the_gap(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [(11, 1, CODE, _message())]


def test_passing_example_is_clean(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


def test_future_state_maps_are_checked(lint_map: LintMap) -> None:
    text = _map(BUY_ONLY, "future-state")
    assert lint_map(text, CODE) == [(8, 1, CODE, _message("future-state"))]


@pytest.mark.parametrize("map_type", ["day-in-the-life", "service-blueprint"])
def test_other_map_types_are_never_flagged(lint_map: LintMap, map_type: str) -> None:
    assert lint_map(_map(BUY_ONLY, map_type), CODE) == []


@pytest.mark.parametrize(
    "stage",
    [
        ("after", "Renew the contract"),
        ("customer-success", "After"),
        ("after", "Customer LOYALTY"),
        ("refer-a-friend", "Tell others"),
    ],
)
def test_a_keyword_in_the_id_or_name_of_any_stage_is_enough(
    lint_map: LintMap, stage: tuple[str, str]
) -> None:
    assert lint_map(_map([*BUY_ONLY, stage]), CODE) == []


def test_keywords_come_from_the_options(lint_map: LintMap) -> None:
    aftercare = _map([*BUY_ONLY, ("aftercare", "Aftercare")])
    retention = _map([*BUY_ONLY, ("retention", "Retention")])
    config = _options("{keywords: [AfterCare]}")
    assert lint_map(aftercare, CODE) == [(8, 1, CODE, _message())]
    assert lint_map(aftercare, CODE, config=config) == []
    assert lint_map(retention, CODE, config=config) == [(8, 1, CODE, _message())]


def test_keywords_must_be_a_list(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["map.yaml"]\n' + _options("{keywords: retention}"),
            "map.yaml": RULE.PASSING,
        },
        select=[CODE],
    )
    assert result.config_failed
    assert findings(result) == [
        (4, 31, "CJM004", "keywords must be a list, not the text 'retention'"),
    ]


def test_keywords_may_not_be_empty(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["map.yaml"]\n' + _options("{keywords: [renew, '']}"),
            "map.yaml": RULE.PASSING,
        },
        select=[CODE],
    )
    assert result.config_failed
    assert findings(result) == [(4, 39, "CJM005", "keywords must not be empty")]
