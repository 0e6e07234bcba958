"""kpi-off-target: a KPI whose measured value misses its target, judged by `better`."""

from __future__ import annotations

from pathlib import Path

from cjm.lint.rules import kpi_off_target as RULE

from .measured import MAP, SNAPSHOT, check, copy, edit

CODE = RULE.CODE


def test_kpis_that_meet_their_targets_pass(tmp_path: Path) -> None:
    assert check(copy(tmp_path), CODE) == []


def test_a_measured_value_below_a_higher_is_better_target(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, SNAPSHOT, "    value: 80.0", "    value: 12.5")
    assert check(root, CODE) == [
        (
            MAP,
            14,
            9,
            CODE,
            "KPI 'signup-rate' of stage 'try' is 12.5% (measured), below its target of 20%",
        )
    ]


def test_a_measured_value_above_a_lower_is_better_target(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, SNAPSHOT, "    value: 5.5", "    value: 9.25")
    assert check(root, CODE) == [
        (
            MAP,
            27,
            9,
            CODE,
            "KPI 'time-to-pay' of stage 'buy' is 9.25 days (measured), above its target of 7 days",
        )
    ]


def test_the_target_itself_is_met(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, SNAPSHOT, "    value: 80.0", "    value: 20.0")
    edit(root, SNAPSHOT, "    value: 5.5", "    value: 7.0")
    assert check(root, CODE) == []


def test_no_direction_is_never_judged(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, SNAPSHOT, "    value: 80.0", "    value: 12.5")
    edit(root, MAP, 'unit: "%", better: higher}', 'unit: "%"}')
    assert check(root, CODE) == []


def test_the_measured_value_wins_over_the_written_actual(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, MAP, "target: 20,", "target: 20, actual: 3,")
    assert check(root, CODE) == []


def test_actual_values_are_judged_only_with_the_option(tmp_path: Path) -> None:
    root = copy(tmp_path)
    (root / SNAPSHOT).unlink()
    edit(root, MAP, "target: 20,", "target: 20, actual: 3,")
    assert check(root, CODE) == []
    edit(
        root,
        "cjm.yaml",
        "measure:",
        "lint:\n  options:\n    kpi-off-target: {actual: true}\nmeasure:",
    )
    assert check(root, CODE) == [
        (
            MAP,
            14,
            9,
            CODE,
            "KPI 'signup-rate' of stage 'try' is 3% (its `actual` value), below its target of 20%",
        )
    ]


def test_a_kpi_the_snapshot_could_not_compute_is_not_judged(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, SNAPSHOT, "    value: 80.0", "    reason: no unit entered the funnel")
    assert check(root, CODE) == []


def test_a_comment_silences_it_in_the_map(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, SNAPSHOT, "    value: 80.0", "    value: 12.5")
    edit(
        root,
        MAP,
        "    kpis:\n      - {id: signup-rate",
        "    kpis:\n      # cjm: ignore[kpi-off-target]\n      - {id: signup-rate",
    )
    assert check(root, CODE, "unused-suppression") == []
