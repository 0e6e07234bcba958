"""future-state-without-change: a future-state map differs from the current state it names."""

from __future__ import annotations

from cjm.check import CheckResult
from cjm.diagnostics import LOAD_CODES
from cjm.lint.rules import future_state_without_change as RULE

from .conftest import LintFiles, LintMap

CODE = RULE.CODE
LOAD = {code.code for code in LOAD_CODES}
SELF_MESSAGE = (
    "future-state map 'trial-next' names itself as its current state: "
    "a map cannot be its own baseline, so it shows no change"
)
SAME_MESSAGE = (
    "future-state map 'trial-next' changes nothing against its current state 'trial': "
    "their stages and opportunities are the same"
)

STAGES = """\
stages:
  - id: consider
    name: Consider
    steps:
      - id: compare-plans
        action: Compares plans
        emotion: {score: -1, label: confused}
        pain_points:
          - {id: opaque-pricing, summary: Cannot tell which plan fits, severity: high}
opportunities:
  - {id: plan-finder, summary: A plan finder with three questions, addresses: [opaque-pricing]}
"""


def _current(stages: str = STAGES) -> str:
    return (
        "id: trial\n"
        "title: Trial to paid\n"
        "type: current-state\n"
        "owner: growth\n"
        "reviewed: 2026-10-01\n"
        "teams: [{id: growth, name: Growth}]\n"
        "personas: [{id: olivia, name: Olivia}]\n"
        f"{stages}"
    )


def _future(stages: str = STAGES, current_state: str = "trial") -> str:
    return (
        "id: trial-next\n"
        "title: Trial to paid, next year\n"
        "type: future-state\n"
        f"current_state: {current_state}\n"
        "owner: growth\n"
        "reviewed: 2026-11-01\n"
        "description: The journey once the plan finder ships.\n"
        "teams: [{id: growth, name: Growth}]\n"
        "personas: [{id: olivia, name: Olivia, goals: [Pick a plan fast]}]\n"
        f"{stages}"
    )


def _found(result: CheckResult, code: str = CODE) -> list[tuple[str, int, int, str, str]]:
    return [
        (d.path, d.line, d.column, d.code.code, d.message)
        for d in result.diagnostics
        if d.code.code == code
    ]


def _pair(lint_files: LintFiles, future: str, current: str | None = None) -> CheckResult:
    files = {"future.yaml": future, "current.yaml": current or _current()}
    result = lint_files(files, select=[CODE])
    assert not [d for d in result.diagnostics if d.code.code in LOAD], "both maps load"
    return result


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [(5, 16, CODE, SELF_MESSAGE)]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


def test_identical_stages_and_opportunities_are_reported(lint_files: LintFiles) -> None:
    result = _pair(lint_files, _future())
    assert _found(result) == [("future.yaml", 4, 16, CODE, SAME_MESSAGE)]


def test_how_the_yaml_is_written_does_not_count_as_change(lint_files: LintFiles) -> None:
    rewritten = (
        "stages:\n"
        "  - {id: consider, name: Consider, steps: [{id: compare-plans, "
        "action: Compares plans, emotion: {score: -1, label: confused}, pain_points: "
        "[{id: opaque-pricing, summary: Cannot tell which plan fits, severity: high, "
        "status: open}]}]}\n"
        "opportunities:\n"
        "  - id: plan-finder\n"
        "    summary: A plan finder with three questions\n"
        "    addresses: [opaque-pricing]\n"
        "    status: idea\n"
    )
    result = _pair(lint_files, _future(rewritten))
    assert _found(result) == [("future.yaml", 4, 16, CODE, SAME_MESSAGE)]


def test_a_changed_emotion_is_a_change(lint_files: LintFiles) -> None:
    better = STAGES.replace("{score: -1, label: confused}", "{score: 1, label: confident}")
    assert _found(_pair(lint_files, _future(better))) == []


def test_different_stages_are_a_change(lint_files: LintFiles) -> None:
    more = STAGES.replace(
        "opportunities:\n",
        "  - id: decide\n    name: Decide\n    steps:\n"
        "      - {id: pick-plan, action: Picks the plan the finder suggests}\n"
        "opportunities:\n",
    )
    assert _found(_pair(lint_files, _future(more))) == []


def test_a_changed_opportunity_is_a_change(lint_files: LintFiles) -> None:
    planned = STAGES.replace(
        "addresses: [opaque-pricing]}", "addresses: [opaque-pricing], status: planned}"
    )
    assert _found(_pair(lint_files, _future(planned))) == []


def test_a_resolved_pain_point_is_a_change(lint_files: LintFiles) -> None:
    resolved = STAGES.replace("severity: high}", "severity: high, status: resolved}")
    assert _found(_pair(lint_files, _future(resolved))) == []


def test_an_unknown_current_state_is_left_to_unknown_reference(lint_files: LintFiles) -> None:
    result = lint_files(
        {"future.yaml": _future(current_state="trail"), "current.yaml": _current()},
        select=[CODE, "unknown-reference"],
    )
    assert _found(result) == []
    assert _found(result, "CJM103") == [
        ("future.yaml", 4, 16, "CJM103", "unknown journey map 'trail'; did you mean 'trial'?")
    ]


def test_a_current_state_that_does_not_load_is_skipped(lint_files: LintFiles) -> None:
    broken = _current().replace("reviewed: 2026-10-01\n", "")
    result = lint_files({"future.yaml": _future(), "current.yaml": broken}, select=[CODE])
    assert _found(result) == []
    assert _found(result, "CJM006") == [
        (
            "current.yaml",
            1,
            1,
            "CJM006",
            "journey map 'trial' is missing the required field 'reviewed'",
        )
    ]


def test_maps_of_a_workspace_are_compared_across_folders(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["maps/**/*.yaml"]\n',
            "maps/a-next/trial-next.yaml": _future(),
            "maps/b-today/trial.yaml": _current(),
        },
        select=[CODE],
    )
    assert _found(result) == [("maps/a-next/trial-next.yaml", 4, 16, CODE, SAME_MESSAGE)]


def test_each_unchanged_future_map_is_reported(lint_files: LintFiles) -> None:
    other = _future().replace("id: trial-next\n", "id: trial-later\n", 1)
    result = lint_files({"a.yaml": _future(), "b.yaml": other, "c.yaml": _current()}, select=[CODE])
    assert _found(result) == [
        ("a.yaml", 4, 16, CODE, SAME_MESSAGE),
        ("b.yaml", 4, 16, CODE, SAME_MESSAGE.replace("trial-next", "trial-later")),
    ]


def test_the_rule_has_no_options(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": (
                'format: "1.0"\nmaps: ["map.yaml"]\nlint:\n  options:\n'
                "    future-state-without-change: {compare: [stages]}\n"
            ),
            "map.yaml": RULE.PASSING,
        }
    )
    assert result.config_failed
    assert [
        (d.line, d.column, d.code.code, d.message)
        for d in result.diagnostics
        if d.path == "cjm.yaml"
    ] == [(5, 5, "CJM005", "rule 'future-state-without-change' has no options")]


def test_a_new_branch_or_an_optional_step_is_a_change(lint_files: LintFiles) -> None:
    branched = STAGES.replace(
        "opportunities:\n",
        "    branches:\n"
        "      - id: ask-sales\n"
        "        condition: More than 50 seats\n"
        "        after: compare-plans\n"
        "        steps: [{id: book-call, action: Books a call with sales}]\n"
        "opportunities:\n",
    )
    assert _found(_pair(lint_files, _future(branched))) == []
    optional = STAGES.replace(
        "        action: Compares plans\n",
        "        action: Compares plans\n        optional: true\n",
    )
    assert _found(_pair(lint_files, _future(optional))) == []


def test_extension_keys_alone_are_no_change(lint_files: LintFiles) -> None:
    tagged = STAGES.replace("    name: Consider\n", "    name: Consider\n    x-jira-epic: PAY-1\n")
    result = _pair(lint_files, _future(tagged))
    assert _found(result) == [("future.yaml", 4, 16, CODE, SAME_MESSAGE)]
