"""Reference resolution: personas at steps they do not take, future-state maps that
address the pain points of their current state, and suggestions whatever the case."""

from __future__ import annotations

from cjm.load.resolve import closest

from ..lint.conftest import LintFiles, findings

CONFIG = "name: Paths\nteams: [{id: growth, name: Growth}]\n"

TWO_PERSONAS = """\
id: checkout
title: Checkout
type: current-state
owner: growth
reviewed: 2026-10-01
personas: [{id: olivia, name: Olivia}, {id: bob, name: Bob}]
touchpoints: [{id: web, name: Web, channel: web, owner: growth}]
stages:
  - id: buy
    name: Buy
    steps:
      - id: quote
        action: Asks for a volume quote
        personas: [bob]
        touchpoints: [web]
        emotions: {olivia: -1, bob: 1}
        pain_points:
          - {id: slow-quote, summary: Slow, severity: high, owner: growth, personas: [olivia, bob]}
      - id: pay
        action: Pays
        touchpoints: [web]
        emotions: {olivia: 1, bob: 1}
        pain_points:
          - id: card-wall
            summary: Card asked up front
            severity: high
            owner: growth
"""


def test_an_emotion_or_pain_point_for_a_persona_who_does_not_take_the_step_is_an_error(
    lint_files: LintFiles,
) -> None:
    result = lint_files({"cjm.yaml": CONFIG, "maps/checkout.yaml": TWO_PERSONAS}, ["CJM103"])
    assert findings(result) == [
        (16, 20, "CJM103", "persona 'olivia' does not take step 'quote': only 'bob' takes it"),
        (
            18,
            87,
            "CJM103",
            "persona 'olivia' does not take step 'quote': only 'bob' takes it",
        ),
    ]
    hints = [d.hint for d in result.diagnostics]
    assert hints == [
        "add 'olivia' to the step's `personas`, or remove this emotion",
        "add 'olivia' to the step's `personas`, or remove it from the pain point's `personas`",
    ]


def test_steps_taken_by_everyone_accept_every_persona(lint_files: LintFiles) -> None:
    text = TWO_PERSONAS.replace("        personas: [bob]\n", "")
    result = lint_files({"cjm.yaml": CONFIG, "maps/checkout.yaml": text}, ["CJM103"])
    assert findings(result) == []


FUTURE = """\
id: checkout-future
title: Checkout, next year
type: future-state
current_state: checkout
owner: growth
reviewed: 2026-10-01
personas: [{id: olivia, name: Olivia}]
stages:
  - id: buy
    name: Buy
    steps:
      - {id: pay, action: Pays with a saved card}
opportunities:
  - {id: saved-card, summary: Keep the card on file, addresses: [card-wall, slow-qoute]}
"""


def test_a_future_state_addresses_the_pain_points_of_its_current_state(
    lint_files: LintFiles,
) -> None:
    current = TWO_PERSONAS.replace("        emotions: {olivia: -1, bob: 1}\n", "").replace(
        "personas: [olivia, bob]", "personas: [bob]"
    )
    result = lint_files(
        {"cjm.yaml": CONFIG, "maps/checkout.yaml": current, "maps/future.yaml": FUTURE},
        ["CJM103"],
    )
    assert findings(result) == [
        (14, 77, "CJM103", "unknown pain point 'slow-qoute'; did you mean 'slow-quote'?")
    ]
    assert result.diagnostics[0].hint == (
        "use the id of a pain point of this map or of 'checkout', its current state"
    )


def test_without_its_current_state_a_future_state_addresses_only_its_own(
    lint_files: LintFiles,
) -> None:
    result = lint_files({"cjm.yaml": CONFIG, "maps/future.yaml": FUTURE}, ["CJM103"])
    assert [message for _, _, _, message in findings(result)] == [
        "unknown journey map 'checkout'; did you mean 'checkout-future'?",
        "unknown pain point 'card-wall'",
        "unknown pain point 'slow-qoute'",
    ]


def test_suggestions_ignore_letter_case() -> None:
    known = ["email", "mail", "in-store", "web"]
    assert closest("Email", known) == "email"
    assert closest("EMAIL", known) == "email"
    assert closest("In-Store", known) == "in-store"
    assert closest("Emial", known) == "email"
    assert closest("telegraph", known) is None
