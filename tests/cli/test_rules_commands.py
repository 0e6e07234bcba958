"""`cjm rules` and `cjm rule RULE`."""

from __future__ import annotations

import pytest

from cjm.lint.docs import rule_markdown
from cjm.lint.registry import RULES, find_rule

from .conftest import run


def test_rules_lists_every_rule_on_one_line_each() -> None:
    result = run(["rules"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "flags"]
    for rule, line in zip(RULES, lines[1 : len(RULES) + 1], strict=True):
        assert line.split(maxsplit=3) == [rule.code, rule.name, rule.severity.value, rule.summary]
    assert lines[-1] == "`cjm rule RULE` explains one rule."


@pytest.mark.parametrize("name", ["stale-map", "CJM115", "cjm115"])
def test_rule_prints_the_documentation_by_code_or_name(name: str) -> None:
    result = run(["rule", name])
    assert result.exit_code == 0
    rule = find_rule("stale-map")
    assert rule is not None
    assert result.stdout == rule_markdown(rule, heading="#")
    assert "Fails:" in result.stdout and "Passes:" in result.stdout
    assert "default_cadence" in result.stdout


def test_unknown_rule_suggests_the_closest_name() -> None:
    result = run(["rule", "stale-mapp"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: unknown rule 'stale-mapp'; did you mean 'stale-map'? "
        "(`cjm rules` lists every rule)\n"
    )
