"""unowned-handoff: the customer is passed from one owner to another, along a persona's own
path, and nobody says how."""

from __future__ import annotations

from cjm.lint.rules import unowned_handoff as RULE

from .conftest import LintFiles, LintMap

CODE = RULE.CODE


def _map(stages: str, personas: str = "[{id: olivia, name: Olivia}]") -> str:
    return f"""\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{{id: growth, name: Growth}}, {{id: sales, name: Sales}}, {{id: cs, name: Success}}]
touchpoints: [{{id: web, name: Website, channel: web}}, {{id: call, name: Call, channel: phone}}]
personas: {personas}
stages:
{stages}"""


TWO_PERSONAS = "[{id: olivia, name: Olivia}, {id: farid, name: Farid}]"


def _message(before: str, step_before: str, after: str, step: str, whose: str = "") -> str:
    return (
        f"ownership passes from '{before}' (step '{step_before}') to '{after}' at step "
        f"'{step}'{whose} with no handoff described"
    )


def test_failing_example_finds_the_handoff_past_a_step_the_customer_takes_alone(
    lint_map: LintMap,
) -> None:
    assert lint_map(RULE.FAILING, CODE) == [
        (25, 16, CODE, _message("growth", "compare-plans", "sales", "talk-to-sales"))
    ]


def test_passing_example_is_clean(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


def test_the_hint_says_what_to_write(lint_files: LintFiles) -> None:
    result = lint_files({"map.yaml": RULE.FAILING}, select=[CODE])
    assert [d.hint for d in result.diagnostics] == [
        "add `handoff:` to step 'talk-to-sales': how 'growth' passes the customer on to "
        "'sales' (or `handoff: false` when the change needs none)"
    ]


def test_handoffs_across_stage_boundaries_count(lint_map: LintMap) -> None:
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [web], owner: growth}
  - id: buy
    name: Buy
    steps:
      - {id: sign, action: Signs the order form, touchpoints: [call], owner: sales}
"""
    )
    assert lint_map(text, CODE) == [
        (17, 78, CODE, _message("growth", "compare-plans", "sales", "sign"))
    ]


def test_steps_without_owner_neither_trigger_nor_reset(lint_map: LintMap) -> None:
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [web], owner: growth}
      - {id: read-reviews, action: Reads reviews, touchpoints: [web]}
      - {id: sign, action: Signs the order form, touchpoints: [call], owner: sales}
      - {id: ask-boss, action: Asks the boss, touchpoints: [call]}
      - {id: countersign, action: Countersigns, touchpoints: [call], owner: sales}
"""
    )
    assert lint_map(text, CODE) == [
        (15, 78, CODE, _message("growth", "compare-plans", "sales", "sign"))
    ]


def test_steps_where_the_customer_acts_alone_are_passed_over(lint_map: LintMap) -> None:
    # An owner on a step with no touchpoint and no frontstage activity does not make a
    # handoff: nobody of the business meets the customer there.
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [web], owner: growth}
      - {id: ask-peers, action: Asks peers what they pay, owner: sales}
      - {id: sleep-on-it, action: Sleeps on it, owner: cs}
      - {id: start-trial, action: Starts a trial, touchpoints: [web], owner: growth}
"""
    )
    assert lint_map(text, CODE) == []


def test_a_frontstage_activity_means_the_business_meets_the_customer(lint_map: LintMap) -> None:
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [web], owner: growth}
      - id: meets-rep
        action: Meets a sales rep at a trade fair
        frontstage: [Rep demos the planner on a tablet]
        owner: sales
"""
    )
    assert lint_map(text, CODE) == [
        (17, 16, CODE, _message("growth", "compare-plans", "sales", "meets-rep"))
    ]


def test_returning_to_the_same_owner_after_unowned_steps_is_no_handoff(
    lint_map: LintMap,
) -> None:
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [web], owner: growth}
      - {id: read-reviews, action: Reads reviews}
      - {id: start-trial, action: Starts a trial, touchpoints: [web], owner: growth}
"""
    )
    assert lint_map(text, CODE) == []


def test_every_change_is_judged_against_the_last_owner(lint_map: LintMap) -> None:
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [web], owner: growth}
      - id: sign
        action: Signs
        touchpoints: [call]
        owner: sales
        handoff: A lead is created in the CRM
      - {id: kickoff, action: Joins the kickoff call, touchpoints: [call], owner: cs}
      - {id: renew, action: Renews, touchpoints: [call], owner: sales, handoff: ""}
"""
    )
    assert lint_map(text, CODE) == [
        (19, 83, CODE, _message("sales", "sign", "cs", "kickoff")),
        (20, 65, CODE, _message("cs", "kickoff", "sales", "renew")),
    ]


def test_a_blank_handoff_describes_nothing(lint_map: LintMap) -> None:
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [web], owner: growth}
      - {id: sign, action: Signs, touchpoints: [call], owner: sales, handoff: "  "}
"""
    )
    assert lint_map(text, CODE) == [
        (14, 63, CODE, _message("growth", "compare-plans", "sales", "sign"))
    ]


def test_handoff_false_says_no_handoff_is_needed(lint_map: LintMap) -> None:
    text = _map(
        """\
  - id: try
    name: Try
    steps:
      - {id: start-trial, action: Starts a trial, touchpoints: [web], owner: growth}
      - {id: import-plan, action: Imports a plan, touchpoints: [web], owner: sales, handoff: false}
      - {id: invite-team, action: Invites the team, touchpoints: [web], owner: cs}
"""
    )
    # The waiver covers only the step that has it.
    assert lint_map(text, CODE) == [
        (15, 80, CODE, _message("sales", "import-plan", "cs", "invite-team"))
    ]


def test_a_step_of_one_persona_is_no_handoff_for_another(lint_map: LintMap) -> None:
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [web], owner: growth}
      - id: security-review
        action: Answers the security questionnaire
        personas: [farid]
        touchpoints: [call]
        owner: sales
        handoff: The account executive forwards the questionnaire to Farid.
      - {id: start-trial, action: Starts a trial, touchpoints: [web], owner: growth}
""",
        TWO_PERSONAS,
    )
    # Olivia goes from growth to growth; Farid's path has two handoffs, and only the one
    # back to growth lacks a description.
    assert lint_map(text, CODE) == [
        (
            20,
            78,
            CODE,
            _message(
                "sales",
                "security-review",
                "growth",
                "start-trial",
                ", on the path of persona 'farid',",
            ),
        )
    ]


def test_a_handoff_on_every_path_is_reported_once_without_naming_personas(
    lint_map: LintMap,
) -> None:
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [web], owner: growth}
      - {id: sign, action: Signs, touchpoints: [call], owner: sales}
""",
        TWO_PERSONAS,
    )
    assert lint_map(text, CODE) == [
        (14, 63, CODE, _message("growth", "compare-plans", "sales", "sign"))
    ]


def test_one_step_can_receive_two_handoffs_from_different_owners(lint_map: LintMap) -> None:
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: read-docs, action: Reads docs, personas: [olivia], touchpoints: [web], owner: growth}
      - {id: call-sales, action: Calls sales, personas: [farid], touchpoints: [call], owner: sales}
      - {id: kickoff, action: Joins the kickoff call, touchpoints: [call], owner: cs}
""",
        "[{id: olivia, name: Olivia}, {id: farid, name: Farid}, {id: sam, name: Sam}]",
    )
    assert lint_map(text, CODE) == [
        (
            15,
            83,
            CODE,
            _message("growth", "read-docs", "cs", "kickoff", ", on the path of persona 'olivia',"),
        ),
        (
            15,
            83,
            CODE,
            _message("sales", "call-sales", "cs", "kickoff", ", on the path of persona 'farid',"),
        ),
    ]


def test_a_handoff_shared_by_some_personas_names_them_all(lint_map: LintMap) -> None:
    text = _map(
        """\
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [web], owner: growth}
      - {id: demo, action: Demo, personas: [olivia, farid], touchpoints: [call], owner: sales}
""",
        "[{id: olivia, name: Olivia}, {id: farid, name: Farid}, {id: sam, name: Sam}]",
    )
    assert lint_map(text, CODE) == [
        (
            14,
            89,
            CODE,
            _message(
                "growth",
                "compare-plans",
                "sales",
                "demo",
                ", on the path of personas 'olivia' and 'farid',",
            ),
        )
    ]


def test_stages_without_steps_and_maps_without_owners_are_fine(lint_map: LintMap) -> None:
    text = _map(
        """\
  - {id: empty, name: Empty}
  - id: decide
    name: Decide
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [web]}
      - {id: sign, action: Signs, touchpoints: [call]}
"""
    )
    assert lint_map(text, CODE) == []


def test_personas_coming_from_different_steps_of_one_team_make_one_finding(
    lint_map: LintMap,
) -> None:
    text = _map(
        """\
  - id: apply
    name: Apply
    steps:
      - {id: checks-id, action: Checks ID, touchpoints: [web], owner: growth}
      - {id: proves-address, action: Proves, personas: [farid], touchpoints: [web], owner: growth}
      - {id: gets-card, action: Gets the card, touchpoints: [call], owner: sales}
""",
        TWO_PERSONAS,
    )
    assert lint_map(text, CODE) == [
        (
            15,
            76,
            CODE,
            "ownership passes from 'growth' (steps 'checks-id' and 'proves-address') to "
            "'sales' at step 'gets-card' with no handoff described",
        )
    ]


BRANCHES = """\
  - id: pay
    name: Pay
    steps:
      - {id: enter-card, action: Enters a card, touchpoints: [web], owner: growth}
      - {id: confirm, action: Sees the confirmation, touchpoints: [web], owner: growth}
    branches:
      - id: retry
        condition: Card declined, tries another
        after: enter-card
        steps:
          - {id: retry-card, action: Tries another card, touchpoints: [web], owner: cs}
      - id: call
        condition: Card declined, calls support
        after: enter-card
        rejoin: confirm
        steps:
          - {id: call-support, action: Calls support, touchpoints: [call], owner: sales}
"""


def test_handoffs_follow_each_branch_and_never_run_between_alternatives(
    lint_map: LintMap,
) -> None:
    found = lint_map(_map(BRANCHES), CODE)
    assert [(line, message) for line, _, _, message in found] == [
        (14, _message("cs", "retry-card", "growth", "confirm")),
        (14, _message("sales", "call-support", "growth", "confirm")),
        (20, _message("growth", "enter-card", "cs", "retry-card")),
        (26, _message("growth", "enter-card", "sales", "call-support")),
    ]
    assert not any("'cs'" in m and "'sales'" in m for *_, m in found)


def test_a_described_handoff_into_a_branch_is_not_reported(lint_map: LintMap) -> None:
    text = _map(BRANCHES).replace(
        "owner: sales}", "owner: sales, handoff: The declined payment opens a ticket}"
    )
    found = [message for *_, message in lint_map(text, CODE)]
    assert _message("growth", "enter-card", "sales", "call-support") not in found
    assert _message("sales", "call-support", "growth", "confirm") in found
