"""event-matches-nothing: a bound step whose events matched nothing, at the binding."""

from __future__ import annotations

from pathlib import Path

from cjm.lint.rules import event_matches_nothing as RULE

from .measured import BINDING, SNAPSHOT, check, copy, edit

CODE = RULE.CODE
INVITE = "  - step: invite\n    events: 50\n    units: 40\n"


def test_steps_that_matched_events_pass(tmp_path: Path) -> None:
    assert check(copy(tmp_path), CODE) == []


def test_a_step_that_matched_nothing_is_located_at_its_binding(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, SNAPSHOT, INVITE, "  - step: invite\n    events: 0\n    units: 0\n")
    assert check(root, CODE) == [
        (
            BINDING,
            14,
            3,
            CODE,
            "the events bound to step 'invite' (invite_sent) matched nothing from 2026-10-01 "
            "to 2026-10-31",
        )
    ]


def test_every_event_of_a_list_is_named(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(
        root,
        SNAPSHOT,
        "  - step: pay\n    events: 220\n    units: 200\n",
        "  - step: pay\n    events: 0\n    units: 0\n",
    )
    (found,) = check(root, CODE)
    assert found[:4] == (BINDING, 15, 3, CODE)
    assert "(subscription_started, invoice_paid)" in found[4]


def test_a_step_no_longer_bound_is_left_to_snapshot_out_of_step(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, SNAPSHOT, INVITE, "  - step: invite\n    events: 0\n    units: 0\n")
    edit(root, BINDING, "  invite: {event: invite_sent}\n", "")
    assert check(root, CODE) == []


def test_a_comment_in_the_binding_silences_it(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, SNAPSHOT, INVITE, "  - step: invite\n    events: 0\n    units: 0\n")
    edit(root, BINDING, "  invite:", "  # cjm: ignore[event-matches-nothing]\n  invite:")
    assert check(root, CODE, "unused-suppression") == []
