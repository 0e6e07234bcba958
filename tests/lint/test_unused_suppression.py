"""CJM100 unused-suppression: its own examples (the mechanics are in test_suppressions)."""

from __future__ import annotations

from cjm.lint.rules import unused_suppression as rule

from .conftest import LintMap


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, "CJM100", "stale-map") == [
        (6, 37, "CJM100", "unused suppression: no 'stale-map' finding on line 6")
    ]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, "CJM100", "stale-map") == []
