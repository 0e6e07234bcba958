"""snapshot-out-of-step: a binding never measured, or changed since its snapshot."""

from __future__ import annotations

from pathlib import Path

from cjm.lint.rules import snapshot_out_of_step as RULE

from .measured import BINDING, MAP, SNAPSHOT, check, copy, edit

CODE = RULE.CODE
CHANGED = (
    SNAPSHOT,
    5,
    15,
    CODE,
    "the snapshot of map 'trial' was measured on 2026-11-02 with another binding: the "
    "binding file, its sources in cjm.yaml or the map's steps have changed since",
)


def test_the_fixture_snapshot_is_in_step(tmp_path: Path) -> None:
    assert check(copy(tmp_path), CODE) == []


def test_comments_and_layout_of_the_binding_do_not_matter(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, BINDING, "steps:\n", "# what each step means\nsteps:  \n")
    assert check(root, CODE) == []


def test_a_changed_binding_is_out_of_step(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, BINDING, "{event: signed_up}", "{event: trial_started}")
    assert check(root, CODE) == [CHANGED]


def test_a_changed_source_is_out_of_step(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, "cjm.yaml", "files: data/events.csv", "files: data/events.parquet")
    assert check(root, CODE) == [CHANGED]


def test_a_step_made_optional_is_out_of_step(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(
        root,
        MAP,
        "{id: visit, action: Visits the pricing page,",
        "{id: visit, optional: true, action: Visits the pricing page,",
    )
    assert CHANGED in check(root, CODE)


def test_a_binding_without_a_snapshot_has_not_been_measured(tmp_path: Path) -> None:
    root = copy(tmp_path)
    (root / SNAPSHOT).unlink()
    assert check(root, CODE) == [
        (
            BINDING,
            2,
            6,
            CODE,
            "map 'trial' is bound but has not been measured: there is no measurements/trial.yaml",
        )
    ]


def test_a_snapshot_without_a_binding_is_not_judged(tmp_path: Path) -> None:
    root = copy(tmp_path)
    (root / BINDING).unlink()
    assert check(root, CODE) == []
