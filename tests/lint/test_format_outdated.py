"""CJM126 format-outdated."""

from __future__ import annotations

from cjm.diagnostics import Severity
from cjm.lint.rules import format_outdated as rule
from cjm.model import FORMAT_VERSION

from .conftest import LintFiles, LintMap

CODE = rule.CODE
MESSAGE = f"this file is in the 0.x format; the current format is {FORMAT_VERSION}"
CURRENT = f'format: "{FORMAT_VERSION}"\n'
SHARED = "teams: [{id: growth, name: Growth}]\n"


def _workspace(lint_files: LintFiles, config: str, shared: str, journey: str):  # type: ignore[no-untyped-def]
    return lint_files(
        {
            "cjm.yaml": config + 'maps: ["maps/*.yaml"]\ndefinitions: ["shared/*.yaml"]\n',
            "shared/teams.yaml": shared,
            "maps/trial.yaml": journey,
        },
        select=[CODE],
    )


def _found(result) -> list[tuple[str, int, int, str]]:  # type: ignore[no-untyped-def]
    return [(d.path, d.line, d.column, d.message) for d in result.diagnostics]


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.FAILING, CODE) == [(1, 1, CODE, MESSAGE)]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(rule.PASSING, CODE) == []


def test_the_finding_is_an_info_that_says_how_to_migrate(lint_files: LintFiles) -> None:
    result = lint_files({"map.yaml": rule.FAILING}, select=[CODE])
    [diagnostic] = result.diagnostics
    assert diagnostic.severity is Severity.INFO
    assert diagnostic.hint is not None
    assert "cjm migrate" in diagnostic.hint and f'format: "{FORMAT_VERSION}"' in diagnostic.hint


def test_every_kind_of_file_is_reported_once(lint_files: LintFiles) -> None:
    old_map = rule.FAILING.replace("teams: [{id: growth, name: Growth}]\n", "")
    result = _workspace(lint_files, "", SHARED, old_map)
    assert _found(result) == [
        ("cjm.yaml", 1, 1, MESSAGE),
        ("maps/trial.yaml", 1, 1, MESSAGE),
        ("shared/teams.yaml", 1, 1, MESSAGE),
    ]


def test_a_workspace_in_the_current_format_is_clean(lint_files: LintFiles) -> None:
    new_map = rule.PASSING.replace("teams: [{id: growth, name: Growth}]\n", "")
    result = _workspace(lint_files, CURRENT, CURRENT + SHARED, new_map)
    assert _found(result) == []


def test_only_the_files_without_a_version_are_reported(lint_files: LintFiles) -> None:
    new_map = rule.PASSING.replace("teams: [{id: growth, name: Growth}]\n", "")
    result = _workspace(lint_files, CURRENT, SHARED, new_map)
    assert _found(result) == [("shared/teams.yaml", 1, 1, MESSAGE)]


def test_an_unknown_version_is_a_schema_error_not_an_outdated_file(lint_map: LintMap) -> None:
    text = rule.PASSING.replace(f'format: "{FORMAT_VERSION}"', 'format: "9.0"')
    found = lint_map(text, CODE)
    assert CODE not in [f[2] for f in found]
    assert found, "the unknown version itself is reported"


def test_a_map_that_loads_only_in_part_is_still_reported(lint_map: LintMap) -> None:
    text = rule.FAILING.replace("reviewed: 2026-10-01\n", "reviewed: 2026-10-01\ntags: 5\n")
    found = lint_map(text, CODE)
    assert (1, 1, CODE, MESSAGE) in found


def test_a_file_that_does_not_parse_is_not_reported(lint_map: LintMap) -> None:
    found = lint_map("id: [unclosed\n", CODE)
    assert CODE not in [f[2] for f in found]


def test_a_comment_at_the_top_silences_it(lint_map: LintMap) -> None:
    text = "# cjm: ignore[format-outdated]\n" + rule.FAILING
    assert [f for f in lint_map(text, CODE, "CJM100") if f[2] in (CODE, "CJM100")] == []
