"""CJM105 pain-point-without-evidence."""

from __future__ import annotations

from cjm.check import CheckResult
from cjm.lint.rules import pain_point_without_evidence as rule

from .branched import BRANCHED
from .conftest import LintFiles, LintMap, findings

CODE = rule.CODE

HEAD = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
evidence:
  - {id: hunch, kind: assumption, title: A hunch}
  - {id: guess, kind: assumption, title: A guess}
  - {id: tickets, kind: support-tickets, title: Import tickets}
stages:
  - id: try
    name: Try
    steps:
      - id: a
        action: A
        pain_points:
"""


def _pains(*items: str) -> str:
    """HEAD with one pain point per item (flow mappings), from line 19."""
    return HEAD + "".join(f"          - {item}\n" for item in items)


def _located(result: CheckResult) -> list[tuple[str, int, int, str, str]]:
    return [(d.path, d.line, d.column, d.code.code, d.message) for d in result.diagnostics]


def _options(values: str) -> str:
    return f"lint:\n  options:\n    pain-point-without-evidence: {values}\n"


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [
        (
            25,
            13,
            CODE,
            "pain point 'import-fails' rests on assumptions only (assumption 'team-hunch')",
        )
    ]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


def test_no_evidence_key_is_reported_at_the_pain_point(lint_map: LintMap) -> None:
    text = _pains("{id: p, summary: P, severity: low}")
    assert lint_map(text, CODE) == [(19, 13, CODE, "pain point 'p' cites no evidence")]


def test_an_empty_evidence_list_is_reported_at_its_key(lint_map: LintMap) -> None:
    text = _pains("{id: p, summary: P, severity: low, evidence: []}")
    assert lint_map(text, CODE) == [(19, 48, CODE, "pain point 'p' cites no evidence")]


def test_several_assumptions_are_named_once_each_in_order(lint_map: LintMap) -> None:
    text = _pains("{id: p, summary: P, severity: low, evidence: [guess, hunch, guess]}")
    assert lint_map(text, CODE) == [
        (
            19,
            48,
            CODE,
            "pain point 'p' rests on assumptions only (assumptions 'guess', 'hunch')",
        )
    ]


def test_one_piece_of_research_is_enough(lint_map: LintMap) -> None:
    text = _pains("{id: p, summary: P, severity: low, evidence: [hunch, tickets]}")
    assert lint_map(text, CODE) == []


def test_unknown_ids_are_skipped(lint_map: LintMap) -> None:
    text = _pains(
        "{id: p, summary: P, severity: low, evidence: [hunch, nowhere]}",
        "{id: q, summary: Q, severity: low, evidence: [nowhere]}",
    )
    assert lint_map(text, CODE) == [
        (19, 48, CODE, "pain point 'p' rests on assumptions only (assumption 'hunch')")
    ]


def test_pain_points_are_reported_in_document_order(lint_map: LintMap) -> None:
    text = _pains(
        "{id: p, summary: P, severity: low, evidence: [tickets]}",
        "{id: q, summary: Q, severity: low}",
        "{id: r, summary: R, severity: low, evidence: [guess]}",
    )
    assert lint_map(text, CODE) == [
        (20, 13, CODE, "pain point 'q' cites no evidence"),
        (21, 48, CODE, "pain point 'r' rests on assumptions only (assumption 'guess')"),
    ]


def test_allow_assumptions_accepts_assumption_only_evidence(lint_map: LintMap) -> None:
    text = _pains(
        "{id: p, summary: P, severity: low, evidence: [hunch]}",
        "{id: q, summary: Q, severity: low}",
    )
    config = _options("{allow_assumptions: true}")
    assert lint_map(text, CODE, config=config) == [
        (20, 13, CODE, "pain point 'q' cites no evidence")
    ]


def test_shared_evidence_is_resolved(lint_files: LintFiles) -> None:
    shared = "evidence:\n  - {id: old-guess, kind: assumption, title: An old guess}\n"
    text = _pains("{id: p, summary: P, severity: low, evidence: [old-guess]}")
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["map.yaml"]\ndefinitions: ["shared.yaml"]\n',
            "shared.yaml": shared,
            "map.yaml": text,
        },
        select=[CODE],
    )
    assert findings(result) == [
        (19, 48, CODE, "pain point 'p' rests on assumptions only (assumption 'old-guess')")
    ]


def test_an_invalid_option_value_is_reported_in_cjm_yaml(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["map.yaml"]\n' + _options("{allow_assumptions: maybe}"),
            "map.yaml": rule.PASSING,
        },
        select=[CODE],
    )
    assert result.config_failed
    assert _located(result) == [
        (
            "cjm.yaml",
            4,
            54,
            "CJM004",
            "allow_assumptions must be true or false, not the text 'maybe'",
        )
    ]


def test_an_unknown_option_is_reported_in_cjm_yaml(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["map.yaml"]\n' + _options("{allow_assumption: true}"),
            "map.yaml": rule.PASSING,
        },
        select=[CODE],
    )
    assert result.config_failed
    assert _located(result) == [
        (
            "cjm.yaml",
            4,
            35,
            "CJM003",
            "unknown key 'allow_assumption' in rule options; did you mean 'allow_assumptions'?",
        )
    ]


def test_pain_points_of_stages_and_branch_steps_are_checked(lint_map: LintMap) -> None:
    assert lint_map(BRANCHED, CODE) == [
        (14, 9, CODE, "pain point 'long-form' cites no evidence"),
        (28, 17, CODE, "pain point 'blurry' cites no evidence"),
        (37, 13, CODE, "pain point 'kyc-wait' cites no evidence"),
    ]
