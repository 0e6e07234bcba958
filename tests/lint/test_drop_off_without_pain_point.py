"""drop-off-without-pain-point: a funnel step that loses many units, with no pain point."""

from __future__ import annotations

from pathlib import Path

from cjm.lint.rules import drop_off_without_pain_point as RULE

from .measured import MAP, SNAPSHOT, check, copy, edit

CODE = RULE.CODE
PAIN = (
    "        pain_points:\n          - {id: long-form, summary: The form asks for too much, "
    "severity: medium, owner: growth}\n"
)


def _message(share: str, step: str, following: str) -> str:
    return (
        f"{share} of the users who reach step '{step}' do not go on to step '{following}'"
        ", but no pain point says why"
    )


def test_a_large_drop_off_with_a_pain_point_at_the_step_passes(tmp_path: Path) -> None:
    assert check(copy(tmp_path), CODE) == []


def test_a_large_drop_off_with_no_pain_point_is_located_at_the_step(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, MAP, PAIN, "")
    assert check(root, CODE) == [(MAP, 17, 13, CODE, _message("75%", "sign-up", "pay"))]


def test_a_stage_pain_point_covers_its_steps(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, MAP, PAIN, "")
    edit(
        root,
        MAP,
        "    name: Try\n",
        "    name: Try\n    pain_points:\n"
        "      - {id: slow, summary: Everything is slow, severity: low, owner: growth}\n",
    )
    assert check(root, CODE) == []


def test_a_pain_point_spanning_the_step_covers_it(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, MAP, PAIN, "")
    edit(
        root,
        MAP,
        "      - {id: visit, action: Visits the pricing page, touchpoints: [site], emotion: 1}\n",
        "      - id: visit\n        action: Visits the pricing page\n        touchpoints: [site]\n"
        "        emotion: 1\n        pain_points:\n          - {id: unclear, summary: Prices are "
        "unclear, severity: low, owner: growth, spans: [sign-up]}\n",
    )
    assert check(root, CODE) == []


def test_the_threshold_is_an_option(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(
        root,
        "cjm.yaml",
        "measure:",
        "lint:\n  options:\n    drop-off-without-pain-point: {threshold: 0.2}\nmeasure:",
    )
    assert check(root, CODE) == [(MAP, 16, 14, CODE, _message("20%", "visit", "sign-up"))]


def test_the_last_step_and_persona_funnels_are_not_judged(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(
        root,
        "cjm.yaml",
        "measure:",
        "lint:\n  options:\n    drop-off-without-pain-point: {threshold: 0.05}\nmeasure:",
    )
    edit(
        root,
        SNAPSHOT,
        "        conversion: 0.8\n        drop_off: 0.2\n",
        "        conversion: 0.99\n        drop_off: 0.01\n",
    )
    # Olivia's funnel loses 10% at visit; only everyone's funnel is judged.
    assert check(root, CODE) == []


def test_without_a_snapshot_there_is_nothing_to_judge(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, MAP, PAIN, "")
    (root / SNAPSHOT).unlink()
    assert check(root, CODE) == []
