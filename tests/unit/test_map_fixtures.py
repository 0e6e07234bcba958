"""Each invalid fixture map lists the exact problems it must produce in trailing
``# expect: LINE:COL CODE message`` comments; valid fixtures must produce none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cjm.check import check_paths
from cjm.lint.config import LintRequest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "maps"
# The fixtures are about reading maps: of the lint rules, only reference checks run.
REFERENCE_RULES = LintRequest(select=["unknown-reference", "duplicate-id"])
EXPECT = re.compile(r"^# expect: (\d+):(\d+) (CJM\d+) (.+)$")


def _expected(path: Path) -> list[tuple[int, int, str, str]]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = EXPECT.match(line)
        if match:
            found.append((int(match[1]), int(match[2]), match[3], match[4]))
    return found


def _actual(path: Path) -> list[tuple[int, int, str, str]]:
    result = check_paths([path], FIXTURES, lint=REFERENCE_RULES)
    return [(d.line, d.column, d.code.code, d.message) for d in result.diagnostics]


@pytest.mark.parametrize(
    "path", sorted((FIXTURES / "invalid").glob("*.yaml")), ids=lambda p: p.stem
)
def test_invalid_fixture_reports_exactly_what_it_expects(path: Path) -> None:
    expected = _expected(path)
    assert expected, f"{path.name} declares no expectations"
    assert _actual(path) == expected


@pytest.mark.parametrize("path", sorted((FIXTURES / "valid").glob("*.yaml")), ids=lambda p: p.stem)
def test_valid_fixture_has_no_problems(path: Path) -> None:
    assert _actual(path) == []
