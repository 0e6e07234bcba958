"""Properties every rule of the catalogue must have, checked on its own examples:
documentation, examples that fail and pass, location, suppression and configuration."""

from __future__ import annotations

import re

import pytest

from cjm.diagnostics import LOAD_CODES, Severity
from cjm.lint.registry import RULES, UNUSED_SUPPRESSION, find_rule
from cjm.lint.rule import Rule

from .conftest import LintFiles, LintMap, findings

# The engine reports unused suppressions only for rules that are on.
CATALOGUE = [rule for rule in RULES if rule is not UNUSED_SUPPRESSION]
LOAD = {code.code for code in LOAD_CODES}
FORMAT_OUTDATED = "CJM126"


def _ids(rule: Rule) -> str:
    return rule.name


def _select(rule: Rule) -> list[str]:
    return ["ALL"] if rule is UNUSED_SUPPRESSION else [rule.code]


def _failing(lint_map: LintMap, rule: Rule) -> list[tuple[int, int, str, str]]:
    return [f for f in lint_map(rule.failing, *_select(rule)) if f[2] == rule.code]


def test_codes_and_names_are_unique_and_well_formed() -> None:
    assert len({r.code for r in RULES}) == len({r.name for r in RULES}) == len(RULES) == 34
    for rule in RULES:
        assert re.fullmatch(r"CJM1\d\d", rule.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name)
        assert find_rule(rule.code) is find_rule(rule.name) is find_rule(rule.code.lower()) is rule


@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_rule_is_documented(rule: Rule) -> None:
    assert rule.summary.endswith(".") and len(rule.summary) < 80
    paragraphs = [p for p in rule.rationale.split("\n\n") if p.strip()]
    assert len(paragraphs) >= 2, "a title line and at least one paragraph of rationale"
    assert rule.failing.strip() and rule.passing.strip()
    assert rule.failing != rule.passing


@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_examples_are_readable_maps(lint_map: LintMap, rule: Rule) -> None:
    for example in (rule.failing, rule.passing):
        assert not [f for f in lint_map(example, "ALL") if f[2] in LOAD]


@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_examples_are_in_the_current_format(lint_map: LintMap, rule: Rule) -> None:
    examples = [rule.passing] if rule.code == FORMAT_OUTDATED else [rule.failing, rule.passing]
    for example in examples:
        assert [f for f in lint_map(example, FORMAT_OUTDATED) if f[2] == FORMAT_OUTDATED] == []


@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_failing_example_fails(lint_map: LintMap, rule: Rule) -> None:
    assert _failing(lint_map, rule)


@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_passing_example_passes(lint_map: LintMap, rule: Rule) -> None:
    assert [f for f in lint_map(rule.passing, *_select(rule)) if f[2] == rule.code] == []


def _suppressed(example: str, line: int, name: str) -> str:
    """``example`` with a suppression comment on its own line above ``line``."""
    lines = example.splitlines()
    target = lines[line - 1]
    indent = target[: len(target) - len(target.lstrip())]
    lines.insert(line - 1, f"{indent}# cjm: ignore[{name}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("rule", CATALOGUE, ids=_ids)
@pytest.mark.parametrize("by", ["code", "name"])
def test_a_comment_above_the_line_silences_the_finding(
    lint_map: LintMap, rule: Rule, by: str
) -> None:
    first = _failing(lint_map, rule)[0]
    text = _suppressed(rule.failing, first[0], getattr(rule, by))
    after = lint_map(text, rule.code, UNUSED_SUPPRESSION.code)
    assert (first[0] + 1, first[1], rule.code, first[3]) not in after
    assert [f for f in after if f[2] == UNUSED_SUPPRESSION.code] == []


@pytest.mark.parametrize("rule", CATALOGUE, ids=_ids)
def test_ignoring_the_rule_in_cjm_yaml_silences_it(lint_map: LintMap, rule: Rule) -> None:
    config = f"lint:\n  ignore: [{rule.name}]\n"
    assert [f for f in lint_map(rule.failing, config=config) if f[2] == rule.code] == []


@pytest.mark.parametrize("rule", CATALOGUE, ids=_ids)
def test_severity_can_be_changed_in_cjm_yaml(lint_files: LintFiles, rule: Rule) -> None:
    level = "info" if rule.severity is not Severity.INFO else "error"
    result = lint_files(
        {
            "cjm.yaml": f'maps: ["map.yaml"]\nlint:\n  severity: {{{rule.code}: {level}}}\n',
            "map.yaml": rule.failing,
        }
    )
    mine = [d for d in result.diagnostics if d.code.code == rule.code]
    assert mine and {d.severity.value for d in mine} == {level}


@pytest.mark.parametrize("rule", CATALOGUE, ids=_ids)
def test_an_override_turns_the_rule_off_for_matching_files(
    lint_files: LintFiles, rule: Rule
) -> None:
    config = (
        'format: "1.0"\n'
        'maps: ["maps/*.yaml"]\n'
        "lint:\n"
        "  overrides:\n"
        f'    - {{files: ["maps/draft-*.yaml"], ignore: [{rule.name}]}}\n'
    )
    result = lint_files({"cjm.yaml": config, "maps/draft-a.yaml": rule.failing}, select=None)
    assert findings(result, rule.code) == []


def test_findings_are_deterministic(lint_map: LintMap) -> None:
    text = RULES[1].failing
    assert lint_map(text, "ALL") == lint_map(text, "ALL")
