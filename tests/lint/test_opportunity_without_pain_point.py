"""CJM108 opportunity-without-pain-point."""

from __future__ import annotations

from cjm.diagnostics import Severity
from cjm.lint.rules import opportunity_without_pain_point as rule

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
        pain_points: [{id: p, summary: P, severity: low, owner: growth}]
opportunities:
"""


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [
        (21, 5, CODE, "opportunity 'price-calculator' addresses no pain point")
    ]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


def test_it_is_reported_as_info(lint_files: LintFiles) -> None:
    result = lint_files({"map.yaml": rule.FAILING}, select=[CODE])
    assert [(d.line, d.severity) for d in result.diagnostics] == [(21, Severity.INFO)]


def test_every_opportunity_without_addresses_in_order(lint_map: LintMap) -> None:
    text = HEAD + (
        "  - {id: one, summary: One, addresses: [p]}\n"  # 16
        "  - {id: two, summary: Two, stage: try, status: dropped}\n"
        "  - {id: three, summary: Three, addresses: [nowhere]}\n"
        "  - id: four\n"
        "    summary: Four\n"  # 20
        "    addresses: []\n"
    )
    assert lint_map(text, CODE) == [
        (17, 5, CODE, "opportunity 'two' addresses no pain point"),
        (19, 5, CODE, "opportunity 'four' addresses no pain point"),
    ]
