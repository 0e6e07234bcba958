"""CJM107 pain-point-without-opportunity."""

from __future__ import annotations

import datetime
import gc
import weakref
from pathlib import Path

import pytest

from cjm.check import CheckResult
from cjm.lint.config import LintRequest
from cjm.lint.engine import lint_project
from cjm.lint.rules import pain_point_without_opportunity as rule
from cjm.load.project import load_workspace

from .branched import BRANCHED
from .conftest import LintFiles, LintMap

CODE = rule.CODE

HEAD = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
stages:
  - id: try
    name: Try
    steps:
      - id: a
        action: A
        pain_points:
          - {id: low-one, summary: L, severity: low}
          - {id: medium-one, summary: M, severity: medium}
          - {id: high-one, summary: H, severity: high}
          - {id: critical-one, summary: C, severity: critical}
"""

AT = {"low-one": 15, "medium-one": 16, "high-one": 17, "critical-one": 18}


def _expected(*pain_ids: str) -> list[tuple[int, int, str, str]]:
    severities = {"low-one": "low", "medium-one": "medium", "high-one": "high"}
    return [
        (
            AT[pain_id],
            13,
            CODE,
            f"open {severities.get(pain_id, 'critical')} pain point '{pain_id}' has no "
            "opportunity that addresses it",
        )
        for pain_id in pain_ids
    ]


def _min_severity(value: str) -> str:
    return f"lint:\n  options:\n    pain-point-without-opportunity: {{min_severity: {value}}}\n"


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [
        (
            19,
            13,
            CODE,
            "open high pain point 'import-fails' has no opportunity that addresses it",
        )
    ]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


def test_high_and_critical_pain_points_by_default(lint_map: LintMap) -> None:
    assert lint_map(HEAD, CODE) == _expected("high-one", "critical-one")


@pytest.mark.parametrize(
    ("level", "reported"),
    [
        ("low", ["low-one", "medium-one", "high-one", "critical-one"]),
        ("medium", ["medium-one", "high-one", "critical-one"]),
        ("critical", ["critical-one"]),
    ],
)
def test_min_severity_option(lint_map: LintMap, level: str, reported: list[str]) -> None:
    assert lint_map(HEAD, CODE, config=_min_severity(level)) == _expected(*reported)


def test_mitigated_and_resolved_pain_points_need_no_opportunity(lint_map: LintMap) -> None:
    text = HEAD.replace("severity: high}", "severity: high, status: mitigated}").replace(
        "severity: critical}", "severity: critical, status: resolved}"
    )
    assert lint_map(text, CODE) == []


@pytest.mark.parametrize("status", ["idea", "planned", "in-progress", "done"])
def test_an_opportunity_in_any_live_status_addresses_it(lint_map: LintMap, status: str) -> None:
    text = HEAD + (
        "opportunities:\n"
        f"  - {{id: fix, summary: Fix, addresses: [high-one, critical-one], status: {status}}}\n"
    )
    assert lint_map(text, CODE) == []


def test_a_dropped_opportunity_does_not_count(lint_map: LintMap) -> None:
    text = HEAD + (
        "opportunities:\n"
        "  - {id: fix, summary: Fix, addresses: [high-one, critical-one], status: dropped}\n"
        "  - {id: other, summary: Other, addresses: [critical-one]}\n"
    )
    assert lint_map(text, CODE) == _expected("high-one")


def test_pain_points_of_every_stage_are_checked(lint_map: LintMap) -> None:
    text = HEAD + (
        "  - id: later\n"
        "    name: Later\n"
        "    steps:\n"
        "      - {id: b, action: B}\n"
        "      - id: c\n"  # 23
        "        action: C\n"
        "        pain_points: [{id: late, summary: Late, severity: critical}]\n"
        "opportunities:\n"
        "  - {id: fix, summary: Fix, addresses: [high-one, critical-one, nowhere]}\n"
    )
    assert lint_map(text, CODE) == [
        (
            25,
            23,
            CODE,
            "open critical pain point 'late' has no opportunity that addresses it",
        )
    ]


def _located(result: CheckResult) -> list[tuple[str, int, int, str, str]]:
    return [(d.path, d.line, d.column, d.code.code, d.message) for d in result.diagnostics]


def test_an_invalid_min_severity_is_reported_in_cjm_yaml(lint_files: LintFiles) -> None:
    result = lint_files(
        {"cjm.yaml": 'maps: ["map.yaml"]\n' + _min_severity("urgent"), "map.yaml": rule.PASSING},
        select=[CODE],
    )
    assert result.config_failed
    assert _located(result) == [
        ("cjm.yaml", 4, 52, "CJM005", "'urgent' is not a valid min_severity")
    ]
    assert result.diagnostics[0].hint == "expected one of: low, medium, high, critical"


# -- opportunities on the future-state map -------------------------------------------------

TODAY_MAP = HEAD.replace("id: trial\n", "id: today\n", 1)


def _future(map_id: str, current: str, opportunities: str) -> str:
    return f"""\
id: {map_id}
title: Trial to paid, next year
type: future-state
current_state: {current}
owner: growth
reviewed: 2026-10-01
personas: [{{id: olivia, name: Olivia}}]
stages:
  - id: try
    name: Try
    steps:
      - {{id: a, action: A}}
opportunities:
{opportunities}"""


def _workspace(lint_files: LintFiles, *futures: str) -> CheckResult:
    files = {
        "cjm.yaml": 'maps: ["maps/*.yaml"]\nteams: [{id: growth, name: Growth}]\n',
        "maps/today.yaml": TODAY_MAP.replace("teams: [{id: growth, name: Growth}]\n", ""),
    }
    for number, future in enumerate(futures):
        files[f"maps/next-{number}.yaml"] = future
    return lint_files(files, select=[CODE])


def test_an_opportunity_of_the_future_state_map_addresses_the_pain_point(
    lint_files: LintFiles,
) -> None:
    future = _future("next", "today", "  - {id: fix, summary: Fix, addresses: [high-one]}\n")
    result = _workspace(lint_files, future)
    assert _located(result) == [
        (
            "maps/today.yaml",
            17,
            13,
            CODE,
            "open critical pain point 'critical-one' has no opportunity that addresses it",
        )
    ]


def test_future_state_maps_of_other_maps_do_not_count(lint_files: LintFiles) -> None:
    other = _future(
        "elsewhere", "another-map", "  - {id: fix, summary: Fix, addresses: [high-one]}\n"
    )
    dropped = _future(
        "next",
        "today",
        "  - {id: fix, summary: Fix, addresses: [high-one, critical-one], status: dropped}\n",
    )
    result = _workspace(lint_files, other, dropped)
    assert [(d.path, d.line) for d in result.diagnostics] == [
        ("maps/today.yaml", 16),
        ("maps/today.yaml", 17),
    ]


def test_opportunities_of_several_future_state_maps_add_up(lint_files: LintFiles) -> None:
    first = _future("next", "today", "  - {id: fix, summary: Fix, addresses: [high-one]}\n")
    second = _future(
        "later", "today", "  - {id: other, summary: Other, addresses: [critical-one]}\n"
    )
    assert _located(_workspace(lint_files, first, second)) == []


def test_pain_points_of_stages_and_branch_steps_are_checked(lint_map: LintMap) -> None:
    message = "open {} pain point '{}' has no opportunity that addresses it"
    text = BRANCHED.replace("severity: medium}", "severity: critical}")
    assert lint_map(text, CODE) == [
        (14, 9, CODE, message.format("critical", "long-form")),
        (28, 17, CODE, message.format("high", "blurry")),
        (37, 13, CODE, message.format("high", "kyc-wait")),
    ]


def test_a_workspace_severity_ranks_as_the_severity_it_counts_as(lint_files: LintFiles) -> None:
    text = BRANCHED.replace("severity: medium}", "severity: showstopper}").replace(
        "severity: high}", "severity: annoyance}"
    )
    config = (
        'format: "1.0"\n'
        'maps: ["map.yaml"]\n'
        "vocabulary:\n"
        "  severities:\n"
        "    - {id: showstopper, counts_as: critical}\n"
        "    - {id: annoyance, counts_as: low}\n"
    )
    result = lint_files({"cjm.yaml": config, "map.yaml": text}, select=[CODE])
    assert [(d.line, d.message) for d in result.diagnostics] == [
        (14, "open showstopper pain point 'long-form' has no opportunity that addresses it"),
        (37, "open high pain point 'kyc-wait' has no opportunity that addresses it"),
    ]


def test_a_checked_workspace_is_not_kept_alive(tmp_path: Path) -> None:
    future = _future("next", "today", "  - {id: fix, summary: Fix, addresses: [high-one]}\n")
    (tmp_path / "cjm.yaml").write_text('maps: ["*.yaml"]\n', encoding="utf-8")
    (tmp_path / "today.yaml").write_text(TODAY_MAP, encoding="utf-8")
    (tmp_path / "next.yaml").write_text(future, encoding="utf-8")
    project = load_workspace(tmp_path, tmp_path)
    outcome = lint_project(project, LintRequest(select=[CODE]), datetime.date(2026, 11, 23))
    assert [d.code.code for d in outcome.diagnostics] == [CODE]  # the future map counted
    held = weakref.ref(project)
    del project
    gc.collect()
    assert held() is None
