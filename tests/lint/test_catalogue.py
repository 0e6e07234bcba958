"""Properties every rule of the catalogue must have, checked on its own examples:
documentation, examples that fail and pass, location, suppression and configuration."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import pytest

from cjm.check import check_paths
from cjm.diagnostics import LOAD_CODES, Severity
from cjm.lint.config import LintRequest
from cjm.lint.registry import RULES, UNUSED_SUPPRESSION, find_rule
from cjm.lint.rule import Rule

from .conftest import TODAY, LintFiles, LintMap, findings

# The engine reports unused suppressions only for rules that are on.
CATALOGUE = [rule for rule in RULES if rule is not UNUSED_SUPPRESSION]
LOAD = {code.code for code in LOAD_CODES}
FORMAT_OUTDATED = "CJM126"
OUT_OF_STEP = "CJM139"


def _ids(rule: Rule) -> str:
    return rule.name


def _select(rule: Rule) -> list[str]:
    return ["ALL"] if rule is UNUSED_SUPPRESSION else [rule.code]


Placed = tuple[str, int, int, str, str]
Run = Callable[..., list[Placed]]


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """Check a rule's example in a fresh folder: the map as ``map.yaml``, standalone, or
    with the workspace files the example needs. ``config`` is added to ``cjm.yaml`` (made
    for a standalone example); ``edit`` replaces files. Findings come with their file."""
    runs = iter(range(1000))

    def _run(
        rule: Rule,
        which: Literal["failing", "passing"] = "failing",
        *select: str,
        config: str = "",
        edit: dict[str, str] | None = None,
    ) -> list[Placed]:
        files = rule.example(which)
        if config:
            base = files.get("cjm.yaml", 'maps: ["map.yaml"]\n')
            files["cjm.yaml"] = base + config
        files.update(edit or {})
        folder = tmp_path / f"run{next(runs)}"
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        request = LintRequest(select=list(select) or None)
        result = check_paths([folder], folder, lint=request, today=TODAY)
        return [(d.path, d.line, d.column, d.code.code, d.message) for d in result.diagnostics]

    return _run


def _failing(run: Run, rule: Rule) -> list[Placed]:
    return [f for f in run(rule, "failing", *_select(rule)) if f[3] == rule.code]


def test_codes_and_names_are_unique_and_well_formed() -> None:
    assert len({r.code for r in RULES}) == len({r.name for r in RULES}) == len(RULES) == 41
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
    assert rule.example("failing") != rule.example("passing")


@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_examples_are_readable_maps(run: Run, rule: Rule) -> None:
    for which in ("failing", "passing"):
        assert not [f for f in run(rule, which, "ALL") if f[3] in LOAD]


@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_examples_are_in_the_current_format(run: Run, rule: Rule) -> None:
    examples = ["passing"] if rule.code == FORMAT_OUTDATED else ["failing", "passing"]
    for which in examples:
        assert [f for f in run(rule, which, FORMAT_OUTDATED) if f[3] == FORMAT_OUTDATED] == []


@pytest.mark.parametrize("rule", [r for r in RULES if r.failing_files], ids=_ids)
def test_measured_examples_are_in_step_but_where_they_show_a_change(run: Run, rule: Rule) -> None:
    """The snapshots of the examples were computed from their bindings: only the failing
    example of snapshot-out-of-step, and an example with no snapshot, are out of step."""
    for which in ("failing", "passing"):
        out = [f for f in run(rule, which, OUT_OF_STEP) if f[3] == OUT_OF_STEP]
        expected = rule.code == OUT_OF_STEP and which == "failing"
        expected = expected or "measurements/trial.yaml" not in rule.example(which)
        assert bool(out) == expected, (which, out)


@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_failing_example_fails(run: Run, rule: Rule) -> None:
    assert _failing(run, rule)


@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_passing_example_passes(run: Run, rule: Rule) -> None:
    assert [f for f in run(rule, "passing", *_select(rule)) if f[3] == rule.code] == []


def _suppressed(example: str, line: int, name: str) -> str:
    """``example`` with a suppression comment on its own line above ``line``."""
    lines = example.splitlines()
    target = lines[line - 1]
    indent = target[: len(target) - len(target.lstrip())]
    lines.insert(line - 1, f"{indent}# cjm: ignore[{name}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("rule", CATALOGUE, ids=_ids)
@pytest.mark.parametrize("by", ["code", "name"])
def test_a_comment_above_the_line_silences_the_finding(run: Run, rule: Rule, by: str) -> None:
    first = _failing(run, rule)[0]
    file = first[0]
    text = _suppressed(rule.example("failing")[file], first[1], getattr(rule, by))
    after = run(rule, "failing", rule.code, UNUSED_SUPPRESSION.code, edit={file: text})
    assert (file, first[1] + 1, first[2], rule.code, first[4]) not in after
    assert [f for f in after if f[3] == rule.code and f[0] == file] == [
        (f[0], f[1] + (f[1] >= first[1]), f[2], f[3], f[4])
        for f in _failing(run, rule)
        if f[0] == file and f != first
    ]
    assert [f for f in after if f[3] == UNUSED_SUPPRESSION.code] == []


@pytest.mark.parametrize("rule", CATALOGUE, ids=_ids)
def test_ignoring_the_rule_in_cjm_yaml_silences_it(run: Run, rule: Rule) -> None:
    config = f"lint:\n  ignore: [{rule.name}]\n"
    assert [f for f in run(rule, "failing", config=config) if f[3] == rule.code] == []


@pytest.mark.parametrize("rule", CATALOGUE, ids=_ids)
def test_severity_can_be_changed_in_cjm_yaml(lint_files: LintFiles, rule: Rule) -> None:
    level = "info" if rule.severity is not Severity.INFO else "error"
    files = rule.example("failing")
    files["cjm.yaml"] = (
        files.get("cjm.yaml", 'maps: ["map.yaml"]\n')
        + f"lint:\n  severity: {{{rule.code}: {level}}}\n"
    )
    result = lint_files(files)
    mine = [d for d in result.diagnostics if d.code.code == rule.code]
    assert mine and {d.severity.value for d in mine} == {level}


@pytest.mark.parametrize("rule", CATALOGUE, ids=_ids)
def test_an_override_turns_the_rule_off_for_matching_files(
    lint_files: LintFiles, rule: Rule
) -> None:
    if rule.failing_files:
        # The example's files are where they are; the override names every one of them.
        names = ", ".join(f'"{name}"' for name in rule.example("failing") if name != "cjm.yaml")
        files = rule.example("failing")
        override = f"{{files: [{names}], ignore: [{rule.name}]}}"
        files["cjm.yaml"] += f"lint:\n  overrides:\n    - {override}\n"
    else:
        config = (
            'format: "1.0"\n'
            'maps: ["maps/*.yaml"]\n'
            "lint:\n"
            "  overrides:\n"
            f'    - {{files: ["maps/draft-a.yaml"], ignore: [{rule.name}]}}\n'
        )
        files = {"cjm.yaml": config, "maps/draft-a.yaml": rule.failing}
    result = lint_files(files, select=None)
    assert findings(result, rule.code) == []


def test_findings_are_deterministic(lint_map: LintMap) -> None:
    text = RULES[1].failing
    assert lint_map(text, "ALL") == lint_map(text, "ALL")
