"""CJM112 touchpoint-without-owner."""

from __future__ import annotations

from cjm.lint.rules import touchpoint_without_owner as rule

from .conftest import LintFiles, LintMap, findings

CODE = rule.CODE


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [(10, 5, CODE, "touchpoint 'pricing-page' has no owner")]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


def test_shared_touchpoints_are_reported_once_in_their_own_file(lint_files: LintFiles) -> None:
    shared = (
        "touchpoints:\n"
        "  - {id: app, name: App, channel: app}\n"
        "  - {id: desk, name: Desk, channel: phone, owner: growth}\n"
    )
    map_text = rule.PASSING.replace(
        "touchpoints: [pricing-page]", "touchpoints: [pricing-page, app]"
    )
    other = map_text.replace("id: trial", "id: other")
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["maps/*.yaml"]\ndefinitions: ["shared/*.yaml"]\n',
            "shared/touchpoints.yaml": shared,
            "maps/a.yaml": map_text,
            "maps/b.yaml": other,
        },
        select=[CODE],
    )
    assert [(d.path, d.line, d.column) for d in result.diagnostics] == [
        ("shared/touchpoints.yaml", 2, 5)
    ]
    assert findings(result)[0][3] == "touchpoint 'app' has no owner"
