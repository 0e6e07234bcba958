"""unowned-handoff: ownership changes between steps without a described handoff."""

from __future__ import annotations

from cjm.lint.rules import unowned_handoff as RULE

from .conftest import LintMap

CODE = RULE.CODE


def _map(stages: str) -> str:
    return f"""\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{{id: growth, name: Growth}}, {{id: sales, name: Sales}}, {{id: cs, name: Success}}]
personas: [{{id: olivia, name: Olivia}}]
stages:
{stages}"""


def _message(before: str, step_before: str, after: str, step: str) -> str:
    return (
        f"ownership passes from '{before}' (step '{step_before}') to '{after}' at step "
        f"'{step}' with no handoff described"
    )


def test_failing_example_finds_the_handoff(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [
        (20, 16, CODE, _message("growth", "compare-plans", "sales", "talk-to-sales"))
    ]


def test_passing_example_is_clean(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


def test_handoffs_across_stage_boundaries_count(lint_map: LintMap) -> None:
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, owner: growth}
  - id: buy
    name: Buy
    steps:
      - {id: sign, action: Signs the order form, owner: sales}
"""
    )
    assert lint_map(text, CODE) == [
        (16, 57, CODE, _message("growth", "compare-plans", "sales", "sign"))
    ]


def test_steps_without_owner_neither_trigger_nor_reset(lint_map: LintMap) -> None:
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, owner: growth}
      - {id: read-reviews, action: Reads reviews}
      - {id: ask-peers, action: Asks peers}
      - {id: sign, action: Signs the order form, owner: sales}
      - {id: ask-boss, action: Asks the boss}
      - {id: countersign, action: Countersigns, owner: sales}
"""
    )
    assert lint_map(text, CODE) == [
        (15, 57, CODE, _message("growth", "compare-plans", "sales", "sign"))
    ]


def test_returning_to_the_same_owner_after_unowned_steps_is_no_handoff(
    lint_map: LintMap,
) -> None:
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, owner: growth}
      - {id: read-reviews, action: Reads reviews}
      - {id: start-trial, action: Starts a trial, owner: growth}
"""
    )
    assert lint_map(text, CODE) == []


def test_every_change_is_judged_against_the_last_owner(lint_map: LintMap) -> None:
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, owner: growth}
      - {id: sign, action: Signs, owner: sales, handoff: A lead is created in the CRM}
      - {id: kickoff, action: Joins the kickoff call, owner: cs}
      - {id: renew, action: Renews, owner: sales, handoff: ""}
"""
    )
    assert lint_map(text, CODE) == [
        (14, 62, CODE, _message("sales", "sign", "cs", "kickoff")),
        (15, 44, CODE, _message("cs", "kickoff", "sales", "renew")),
    ]


def test_a_blank_handoff_describes_nothing(lint_map: LintMap) -> None:
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, owner: growth}
      - {id: sign, action: Signs, owner: sales, handoff: "  "}
"""
    )
    assert lint_map(text, CODE) == [
        (13, 42, CODE, _message("growth", "compare-plans", "sales", "sign"))
    ]


def test_stages_without_steps_and_maps_without_owners_are_fine(lint_map: LintMap) -> None:
    text = _map(
        """\
  - {id: empty, name: Empty}
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans}
      - {id: sign, action: Signs}
"""
    )
    assert lint_map(text, CODE) == []
