"""Branches and optional steps in the Mermaid export, and back through the import.

Mermaid journeys have neither: a branch is written as a section of its own after its
stage's, announced by a comment that says where it leaves and rejoins the main line, and
an optional step's task lines follow a comment; ``cjm import mermaid`` reads both back.
"""

from __future__ import annotations

import textwrap

from cjm.mermaid_import import import_mermaid
from cjm.model import JourneyMap
from cjm.render.mermaid import mermaid_notes, to_mermaid
from tests.render.test_mermaid_export import TODAY, load_map, parse_lines, round_trip

BRANCHED = """\
format: "1.0"
id: pay
title: Pay
type: current-state
owner: growth
reviewed: 2026-10-01
personas:
  - id: pat
    name: Pat
  - id: sam
    name: Sam
stages:
  - id: checkout
    name: Checkout
    steps:
      - id: basket
        action: Reviews the basket
        emotion: 1
      - id: card
        action: Pays by card
        emotion: 0
      - id: tip
        action: Adds a tip
        optional: true
        emotion: 1
      - id: done
        action: Sees the confirmation
        emotion: 2
    branches:
      - id: declined
        condition: "Card declined: retries"
        after: card
        rejoin: done
        steps:
          - id: retry
            action: Tries another card
            emotions: {pat: -2, sam: -1}
      - id: call
        after: card
        steps:
          - id: phone
            action: Calls support
            personas: [sam]
            emotion: -1
      - id: guest
        condition: New customer
        steps:
          - id: sign-up
            action: Creates an account
            optional: true
            emotion: 0
"""

EXPECTED = """\
journey
    title Pay
    section Checkout
      Reviews the basket: 4: Pat, Sam
      Pays by card: 3: Pat, Sam
      %% cjm: optional step
      Adds a tip: 4: Pat, Sam
      Sees the confirmation: 5: Pat, Sam
    %% cjm: branch declined of the section before, after its step 2, back at its step 4
    section Checkout \u2197 Card declined\ua789 retries
      Tries another card: 1: Pat
      Tries another card: 2: Sam
    %% cjm: branch call of the section before, after its step 2, no condition
    section Checkout \u2197 branch call
      Calls support: 2: Sam
    %% cjm: branch guest of the section before
    section Checkout \u2197 New customer
      %% cjm: optional step
      Creates an account: 3: Pat, Sam
"""


def exported(text: str = BRANCHED) -> str:
    return to_mermaid(*load_map(text))


def test_branches_are_sections_after_their_stage_with_a_comment() -> None:
    assert exported() == EXPECTED
    kinds = [kind for kind, _ in parse_lines(EXPECTED)]
    assert kinds.count("section") == 4


def test_the_export_says_what_it_did_with_branches_and_optional_steps() -> None:
    journey, _ = load_map(BRANCHED)
    notes = mermaid_notes(journey)
    assert notes == [
        "Mermaid journeys have no branches: the 3 branches of stage 'Checkout' are written "
        "as sections after it ('Checkout \u2197 Card declined: retries', 'Checkout \u2197 "
        "branch call', 'Checkout \u2197 New customer'), marked with a comment that cjm "
        "import mermaid reads back",
        "Mermaid journeys have no optional steps: the optional 2 steps are drawn like the "
        "others, marked with a comment that cjm import mermaid reads back",
    ]


def test_a_map_without_branches_has_nothing_to_say() -> None:
    plain = BRANCHED.split("    branches:")[0].replace("        optional: true\n", "")
    journey, _ = load_map(plain)
    assert mermaid_notes(journey) == []
    assert "%%" not in to_mermaid(journey, {})


def _shape(journey: JourneyMap) -> list[object]:
    """Stages, their steps (action, optional, emotions by persona) and their branches
    (condition, the actions they leave after and rejoin at, their steps)."""

    def steps(found: list) -> list[object]:  # type: ignore[type-arg]
        return [
            (
                s.action,
                s.optional,
                sorted(
                    (p, e.score if (e := s.emotion_for(p)) else None)
                    for p in journey.persona_ids
                    if s.involves(p)
                ),
            )
            for s in found
        ]

    shape: list[object] = []
    for stage in journey.stages:
        action = {step.id: step.action for step in stage.steps}
        branches = [
            (
                branch.condition,
                action.get(branch.after or ""),
                action.get(branch.rejoin or ""),
                steps(branch.steps),
            )
            for branch in stage.branches
        ]
        shape.append((stage.name, steps(stage.steps), branches))
    return shape


def test_import_makes_the_branches_and_optional_steps_again() -> None:
    original, _ = load_map(BRANCHED)
    imported, _ = round_trip(EXPECTED)
    assert _shape(imported) == _shape(original)
    assert [b.id for b in imported.stages[0].branches] == ["declined", "call", "guest"]
    assert to_mermaid(imported, {p.id: p.name for p in imported.inline_personas}) == EXPECTED


def test_a_branch_comment_naming_a_step_the_stage_lacks_leaves_a_stage() -> None:
    text = textwrap.dedent(
        """\
        journey
            section Checkout
              Pays: 3: Pat
            %% cjm: branch odd of the section before, after its step 5
            section Checkout \u2197 Odd
              Waits: 2: Pat
        """
    )
    result = import_mermaid(text, "odd.mmd", TODAY)
    assert result.problems == []
    assert "branches" not in result.yaml_text
    assert "  - id: checkout-odd\n" in result.yaml_text
    assert result.notes == [
        "the section 'Checkout \u2197 Odd' is marked as a branch, but the steps it leaves "
        "from or comes back to are not in the section before: it is a stage"
    ]


def test_a_branch_comment_before_any_section_is_ignored() -> None:
    text = textwrap.dedent(
        """\
        journey
            %% cjm: branch lost of the section before
            section First
              Pays: 3: Pat
        """
    )
    imported, _ = round_trip(text)
    assert [stage.name for stage in imported.stages] == ["First"]
    assert imported.stages[0].branches == []


def test_a_hand_written_section_with_an_arrow_stays_a_stage() -> None:
    """Only the exporter's comment makes a section a branch, not its title."""
    text = "journey\n    section A\n      x: 3\n    section A \u2197 B\n      y: 3\n"
    imported, _ = round_trip(text)
    assert [stage.name for stage in imported.stages] == ["A", "A \u2197 B"]


def test_the_optional_comment_marks_only_the_next_step() -> None:
    text = "journey\n    section A\n      %% cjm: optional step\n      x: 3\n      y: 3\n"
    imported, _ = round_trip(text)
    assert [step.optional for step in imported.stages[0].steps] == [True, False]


def test_a_branch_without_steps_is_an_empty_section_and_comes_back() -> None:
    text = BRANCHED.replace(
        "      - id: guest\n",
        "      - id: skip\n        condition: Pays later\n        after: basket\n"
        "        rejoin: done\n        steps: []\n      - id: guest\n",
    )
    mermaid = exported(text)
    assert (
        "    %% cjm: branch skip of the section before, after its step 1, back at its step 4\n"
        "    section Checkout \u2197 Pays later\n"
        "    %% cjm: branch guest"
    ) in mermaid
    parse_lines(mermaid)
    imported, _ = round_trip(mermaid)
    [skip] = [b for b in imported.stages[0].branches if b.id == "skip"]
    assert (skip.condition, skip.after, skip.rejoin, skip.steps) == (
        "Pays later",
        "reviews-the-basket",
        "sees-the-confirmation",
        [],
    )
