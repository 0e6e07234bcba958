"""CJM103 unknown-reference and CJM104 duplicate-id: reported through the lint engine."""

from __future__ import annotations

from cjm.lint.rules import duplicate_id, unknown_reference

from .conftest import LintMap


def test_unknown_reference_failing_example(lint_map: LintMap) -> None:
    assert lint_map(unknown_reference.FAILING, "CJM103") == [
        (13, 60, "CJM103", "unknown team 'grwoth'; did you mean 'growth'?")
    ]


def test_duplicate_id_failing_example(lint_map: LintMap) -> None:
    assert lint_map(duplicate_id.FAILING, "CJM104") == [
        (14, 14, "CJM104", "duplicate step id 'compare-plans': also defined on line 13")
    ]


def test_passing_examples(lint_map: LintMap) -> None:
    assert lint_map(unknown_reference.PASSING, "CJM103") == []
    assert lint_map(duplicate_id.PASSING, "CJM104") == []


def test_reference_rules_can_be_turned_off(lint_map: LintMap) -> None:
    assert lint_map(unknown_reference.FAILING, "CJM101") == [
        (
            10,
            5,
            "CJM101",
            "stage 'consider' has no touchpoint: none of its steps says where "
            "the customer meets the business",
        )
    ]


def test_a_branch_leaving_from_a_duplicated_step_is_not_a_duplicate_itself(
    lint_map: LintMap,
) -> None:
    """The branch's steps are one set of steps: only the main-line duplicate is reported."""
    text = duplicate_id.FAILING + (
        "    branches:\n"
        "      - id: by-phone\n"
        "        after: compare-plans\n"
        "        steps:\n"
        "          - {id: calls-sales, action: Calls sales}\n"
    )
    assert lint_map(text, "CJM104") == [
        (14, 14, "CJM104", "duplicate step id 'compare-plans': also defined on line 13")
    ]
