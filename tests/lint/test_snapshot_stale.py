"""snapshot-stale: a snapshot older than the map's review cadence (or max_age_days)."""

from __future__ import annotations

import datetime
from pathlib import Path

from cjm.lint.rules import snapshot_stale as RULE

from .measured import MAP, SNAPSHOT, check, copy, edit

CODE = RULE.CODE


def test_a_recent_snapshot_passes(tmp_path: Path) -> None:
    assert check(copy(tmp_path), CODE) == []


def test_a_snapshot_older_than_the_cadence_is_located_at_its_date(tmp_path: Path) -> None:
    root = copy(tmp_path)
    assert check(root, CODE, today=datetime.date(2027, 2, 2)) == []  # 92 days: still fresh
    assert check(root, CODE, today=datetime.date(2027, 2, 3)) == [
        (
            SNAPSHOT,
            4,
            14,
            CODE,
            "map 'trial' was last measured on 2026-11-02, 93 days ago: longer than its "
            "quarterly review cadence (92 days)",
        )
    ]


def test_a_map_without_a_cadence_uses_the_option(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, MAP, "review_cadence: quarterly\n", "")
    edit(
        root,
        "cjm.yaml",
        "measure:",
        "lint:\n  options:\n    snapshot-stale: {max_age_days: 14}\nmeasure:",
    )
    assert check(root, CODE) == [
        (
            SNAPSHOT,
            4,
            14,
            CODE,
            "map 'trial' was last measured on 2026-11-02, 21 days ago: longer than the 14 "
            "days a snapshot may be old",
        )
    ]


def test_a_monthly_map_needs_a_monthly_measurement(tmp_path: Path) -> None:
    root = copy(tmp_path)
    edit(root, MAP, "review_cadence: quarterly", "review_cadence: monthly")
    assert check(root, CODE, today=datetime.date(2026, 12, 3)) == []
    assert [f[:4] for f in check(root, CODE, today=datetime.date(2026, 12, 4))] == [
        (SNAPSHOT, 4, 14, CODE)
    ]
