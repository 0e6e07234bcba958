"""step-without-event: a main-line step of a bound map that no event is bound to."""

from __future__ import annotations

from pathlib import Path

from cjm.lint.rules import step_without_event as RULE

from .measured import BINDING, MAP, check, copy, edit

CODE = RULE.CODE


def test_every_main_line_step_bound_passes(tmp_path: Path) -> None:
    assert check(copy(tmp_path), CODE) == []


def test_an_unbound_main_line_step_is_located_in_the_map(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, BINDING, "  pay: {event: [subscription_started, invoice_paid]}\n", "")
    assert check(root, CODE) == [
        (
            MAP,
            29,
            14,
            CODE,
            "step 'pay' is on the map's main line, but maps/trial.measures.yaml binds no "
            "event to it: the funnel leaves it out",
        )
    ]


def test_optional_and_branch_steps_are_not_asked_for(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, BINDING, "  invite: {event: invite_sent}\n", "")
    edit(
        root,
        MAP,
        "    steps:\n      - {id: pay,",
        "    branches:\n      - id: invoice\n        after: pay\n"
        "        condition: Pays by invoice\n"
        "        steps:\n          - {id: ask-invoice, action: Asks for an invoice, emotion: 0}\n"
        "    steps:\n      - {id: pay,",
    )
    assert check(root, CODE) == []


def test_a_map_without_a_binding_is_not_judged(tmp_path: Path) -> None:
    root = copy(tmp_path)
    (root / BINDING).unlink()
    assert check(root, CODE) == []


def test_its_default_severity_is_info() -> None:
    assert RULE.SEVERITY.value == "info"
