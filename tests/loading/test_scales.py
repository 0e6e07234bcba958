"""Emotion scores on a 1..5 scale: said once, with the conversion, and no score passes."""

from __future__ import annotations

from cjm.load.positions import SourceIndex
from cjm.load.scales import emotion_scores, one_to_five_diagnostics

from ..lint.conftest import LintMap

MAP = """\
id: survey
title: Survey
type: day-in-the-life
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
stages:
  - id: s
    name: S
    steps:
      - {id: a, action: One, emotion: SCORE_A}
      - {id: b, action: Two, emotion: SCORE_B}
"""


def _map(first: str, second: str) -> str:
    return MAP.replace("SCORE_A", first).replace("SCORE_B", second)


def test_scores_on_cjms_own_scale_pass(lint_map: LintMap) -> None:
    assert lint_map(_map("-2", "2"), "CJM103") == []


def test_ones_and_twos_alone_cannot_be_told_apart_and_pass(lint_map: LintMap) -> None:
    assert lint_map(_map("1", "2"), "CJM103") == []


def test_a_five_reveals_the_scale_and_the_one_is_reported_with_its_value(
    lint_map: LintMap,
) -> None:
    found = lint_map(_map("1", "5.0"), "CJM103")
    assert found == [
        (
            12,
            39,
            "CJM005",
            "emotion score 1: this map's scores look like a 1..5 scale (it has scores from "
            "3 to 5), but cjm scores emotions from -2 (very negative) to +2 (very positive), "
            "so its 1s and 2s would read as positive",
        ),
        (
            13,
            39,
            "CJM005",
            "emotion score 5 is on the map's 1..5 scale: it stands for +2 on cjm's scale "
            "from -2 to +2",
        ),
    ]


def test_the_first_finding_gives_the_whole_conversion() -> None:
    data = {
        "stages": [{"steps": [{"emotion": {"score": 3}}, {"emotions": {"olivia": 4, "bob": -1}}]}]
    }
    found = one_to_five_diagnostics(data, SourceIndex(), "map.yaml")
    assert [d.hint for d in found] == [
        "convert every score of the map: 1 \u2192 -2, 2 \u2192 -1, 3 \u2192 0, 4 \u2192 +1, "
        "5 \u2192 +2; this one is 0",
        "write +1",
    ]
    assert "1s and 2s" not in found[0].message  # the map has none


def test_scores_are_found_in_every_place_they_can_be_written() -> None:
    data = {
        "stages": [
            {
                "steps": [
                    {"emotion": 1},
                    {"emotion": {"score": 2, "label": "meh"}},
                    {"emotions": {"a": 3, "b": {"score": 4}}},
                    {"emotion": "loud", "emotions": "none"},
                    "not a step",
                ]
            },
            {"steps": None},
        ]
    }
    assert list(emotion_scores(data)) == [
        (("stages", 0, "steps", 0, "emotion"), 1),
        (("stages", 0, "steps", 1, "emotion", "score"), 2),
        (("stages", 0, "steps", 2, "emotions", "a"), 3),
        (("stages", 0, "steps", 2, "emotions", "b", "score"), 4),
    ]
