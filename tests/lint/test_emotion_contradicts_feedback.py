"""emotion-contradicts-feedback: a mapped emotion that the counted answers contradict."""

from __future__ import annotations

from pathlib import Path

from cjm.lint.rules import emotion_contradicts_feedback as RULE

from .measured import MAP, SNAPSHOT, check, copy, edit

CODE = RULE.CODE
EVERYONE = "    - step: sign-up\n      responses: 40\n      positive: 22\n      negative: 8\n"
OLIVIA = (
    "    - step: sign-up\n      persona: olivia\n      responses: 12\n      positive: 7\n"
    "      negative: 2\n"
)


def _everyone(positive: int, negative: int) -> str:
    return (
        f"    - step: sign-up\n      responses: 40\n      positive: {positive}\n"
        f"      negative: {negative}\n"
    )


def test_feedback_that_agrees_with_the_map_passes(tmp_path: Path) -> None:
    assert check(copy(tmp_path), CODE) == []


def test_a_positive_step_with_mostly_negative_answers(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, SNAPSHOT, EVERYONE, _everyone(8, 22))
    assert check(root, CODE) == [
        (
            MAP,
            20,
            9,
            CODE,
            "step 'sign-up' maps the emotion as positive (+1), but of 40 answers from "
            "customers about it 22 are negative and 8 positive",
        )
    ]


def test_the_margin_is_a_share_of_the_answers(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, SNAPSHOT, EVERYONE, _everyone(12, 19))  # 7 more negative: under 20% of 40
    assert check(root, CODE) == []
    edit(
        root,
        "cjm.yaml",
        "measure:",
        "lint:\n  options:\n    emotion-contradicts-feedback: {margin: 0.1}\nmeasure:",
    )
    assert [f[:4] for f in check(root, CODE)] == [(MAP, 20, 9, CODE)]


def test_a_negative_step_with_mostly_positive_answers(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(
        root,
        MAP,
        "        action: Signs up for a trial\n        touchpoints: [site]\n        emotion: 1",
        "        action: Signs up for a trial\n        touchpoints: [site]\n        emotion: -2",
    )
    (found,) = check(root, CODE)
    assert found[4].startswith("step 'sign-up' maps the emotion as negative (-2), but of 40")


def test_a_persona_group_is_compared_with_that_personas_emotion(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(
        root,
        "cjm.yaml",
        "measure:",
        "lint:\n  options:\n    emotion-contradicts-feedback: {min_responses: 10}\nmeasure:",
    )
    edit(
        root,
        SNAPSHOT,
        OLIVIA,
        OLIVIA.replace("positive: 7", "positive: 2").replace("negative: 2", "negative: 7"),
    )
    edit(
        root,
        MAP,
        "        emotion: 1\n        pain_points:",
        "        emotion: 1\n        emotions: {olivia: -1}\n        pain_points:",
    )
    assert check(root, CODE) == []
    edit(root, MAP, "emotions: {olivia: -1}", "emotions: {olivia: 2}")
    assert check(root, CODE) == [
        (
            MAP,
            21,
            20,
            CODE,
            "step 'sign-up' maps olivia's emotion as positive (+2), but of 12 answers from "
            "olivia's customers about it 7 are negative and 2 positive",
        )
    ]


def test_small_and_suppressed_groups_are_not_judged(tmp_path: Path) -> None:
    root = copy(tmp_path)
    # Olivia's group (12 answers) is under the default minimum of 30.
    edit(
        root,
        SNAPSHOT,
        OLIVIA,
        OLIVIA.replace("positive: 7", "positive: 0").replace("negative: 2", "negative: 12"),
    )
    edit(root, SNAPSHOT, EVERYONE, _everyone(8, 22))
    edit(
        root,
        SNAPSHOT,
        "      suppressed: false\n      quotes: []\n    - step: sign-up\n      persona",
        "      suppressed: true\n      quotes: []\n    - step: sign-up\n      persona",
    )
    assert check(root, CODE) == []


def test_ratings_are_counted_not_averaged(tmp_path: Path) -> None:
    """40 answers, 8 positive and 16 negative: more negative than positive by 8, which is
    20% of the answers, whatever their average rating."""
    root = copy(tmp_path)
    edit(root, SNAPSHOT, EVERYONE, _everyone(8, 16))
    assert [f[:4] for f in check(root, CODE)] == [(MAP, 20, 9, CODE)]
