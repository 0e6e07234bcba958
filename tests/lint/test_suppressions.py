"""Inline suppression comments: where they apply, what they name, when they are unused."""

from __future__ import annotations

from cjm.diagnostics import Location
from cjm.lint.rules import stage_without_touchpoints as rule
from cjm.lint.suppressions import find_suppressions

from .conftest import LintMap

# The failing example reports its stage without touchpoints on line 15, column 5.
FINDING = (
    15,
    5,
    "CJM101",
    "stage 'decide' has no touchpoint: none of its steps says where "
    "the customer meets the business",
)


def _with_line(text: str, number: int, new: str) -> str:
    lines = text.splitlines()
    lines[number - 1] = new
    return "\n".join(lines) + "\n"


def test_the_example_finding_is_where_these_tests_expect_it(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, "CJM101") == [FINDING]


def test_comment_at_the_end_of_the_line(lint_map: LintMap) -> None:
    text = _with_line(rule.FAILING, 15, "  - id: decide  # cjm: ignore[stage-without-touchpoints]")
    assert lint_map(text, "CJM101", "CJM100") == []


def test_comment_on_its_own_line_covers_the_next_yaml_line(lint_map: LintMap) -> None:
    text = _with_line(
        rule.FAILING, 15, "  # cjm: ignore[CJM101]\n\n  # another comment\n  - id: decide"
    )
    assert lint_map(text, "CJM101", "CJM100") == []


def test_several_names_in_one_comment(lint_map: LintMap) -> None:
    text = _with_line(rule.FAILING, 15, "  - id: decide  # cjm: ignore[stale-map, CJM101]")
    assert lint_map(text, "CJM101", "CJM100", "stale-map") == [
        (15, 31, "CJM100", "unused suppression: no 'stale-map' finding on line 15")
    ]


def test_a_suppression_on_another_line_does_not_apply(lint_map: LintMap) -> None:
    text = _with_line(rule.FAILING, 16, "    name: Decide  # cjm: ignore[CJM101]")
    assert lint_map(text, "CJM101", "CJM100") == [
        FINDING,
        (16, 33, "CJM100", "unused suppression: no 'stage-without-touchpoints' finding on line 16"),
    ]


def test_unknown_rule_in_a_suppression(lint_map: LintMap) -> None:
    text = _with_line(rule.FAILING, 16, "    name: Decide  # cjm: ignore[no-such-rule]")
    assert lint_map(text, "CJM100") == [
        (16, 33, "CJM100", "suppression names an unknown rule 'no-such-rule'")
    ]


def test_problems_with_the_file_itself_cannot_be_suppressed(lint_map: LintMap) -> None:
    text = _with_line(rule.FAILING, 16, "    name: Decide  # cjm: ignore[CJM003]")
    assert lint_map(text, "CJM100") == [
        (16, 33, "CJM100", "'CJM003' is a problem with the file itself and cannot be suppressed")
    ]


def test_suppressions_of_rules_that_are_off_are_not_reported(lint_map: LintMap) -> None:
    text = _with_line(rule.FAILING, 16, "    name: Decide  # cjm: ignore[stale-map]")
    assert lint_map(text, "CJM100") == []


def test_unused_suppressions_can_themselves_be_ignored(lint_map: LintMap) -> None:
    text = _with_line(rule.FAILING, 16, "    name: Decide  # cjm: ignore[no-such-rule]")
    assert lint_map(text, "CJM101", config="lint:\n  ignore: [unused-suppression]\n") == [FINDING]


def test_a_hash_inside_a_word_is_not_a_comment() -> None:
    assert find_suppressions("title: C#cjm: ignore[x]\n") == []


def test_scanner_reports_names_with_their_columns() -> None:
    [found] = find_suppressions("a: 1\n# cjm: ignore[ x , y ]\n\nb: 2\n")
    assert found.location == Location(2, 1)
    assert found.target_line == 4
    assert found.names == [("x", 16), ("y", 20)]


def test_suppressions_are_found_alike_in_a_text_and_in_its_lines() -> None:
    text = "a: 1  # cjm: ignore[x]\r\n# cjm: ignore[y]\r\n\r\n# other\rb: 2\n"
    assert find_suppressions(text) == find_suppressions(iter(text.splitlines()))
    [first, second] = find_suppressions(text)
    assert (first.target_line, second.target_line) == (1, 5)
