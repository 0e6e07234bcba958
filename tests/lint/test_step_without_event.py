"""step-without-event: a main-line step inside a bound funnel that no event is bound to."""

from __future__ import annotations

from pathlib import Path

from cjm.lint.rules import step_without_event as RULE

from .measured import BINDING, MAP, check, copy, edit

CODE = RULE.CODE


def test_every_main_line_step_bound_passes(tmp_path: Path) -> None:
    assert check(copy(tmp_path), CODE) == []


def test_an_unbound_step_inside_the_funnel_is_located_in_the_map(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, BINDING, "  sign-up: {event: signed_up}\n", "")
    edit(
        root,
        BINDING,
        "  signup-rate: {measure: conversion, from: visit, to: sign-up, as: percent}\n",
        "",
    )
    edit(root, BINDING, "step: sign-up", "step: visit")
    assert check(root, CODE) == [
        (
            MAP,
            17,
            13,
            CODE,
            "step 'sign-up' is inside the bound funnel, but no event is bound to it: the "
            "customers lost there are counted as lost at the next bound step",
        )
    ]


def test_steps_before_the_first_and_after_the_last_bound_step_are_not_asked_for(
    tmp_path: Path,
) -> None:
    """A funnel may cover part of a journey: nobody is lost outside it."""
    root = copy(tmp_path)
    edit(root, BINDING, "  pay: {event: [subscription_started, invoice_paid]}\n", "")
    edit(root, BINDING, "  visit: {event: pricing_viewed}\n", "")
    edit(
        root,
        BINDING,
        "  signup-rate: {measure: conversion, from: visit, to: sign-up, as: percent}\n",
        "",
    )
    edit(
        root,
        BINDING,
        "  time-to-pay: {measure: time-to-next, step: sign-up, statistic: median, as: days}\n",
        "",
    )
    assert check(root, CODE) == []


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
