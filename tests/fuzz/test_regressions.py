"""Maps that the fuzz tests found bugs with, kept as small fixtures.

``regressions/schema/``: maps on which the models and the published JSON Schema used to
disagree. Each lists the problems ``cjm validate`` must report in trailing
``# expect: LINE:COL CODE message`` comments (none: the map is valid); the schema must
refuse exactly as many values, or accept the map when nothing is expected.

``regressions/validate/``: maps that ``cjm validate`` used to report badly; the same
``# expect:`` comments say what it must report now.

``regressions/render/``: valid maps that a render used to fail on. Every view must now
be drawn in every format.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.check import check_paths
from cjm.cli import app
from cjm.lint.config import LintRequest
from cjm.load.yamlread import read_yaml
from tests.fuzz.schema_view import schema_errors
from tests.samples import PLAIN_ENV

FIXTURES = Path(__file__).parent / "regressions"
# The fixtures are about what a map may hold: of the lint rules, only reference checks run.
REFERENCE_RULES = LintRequest(select=["unknown-reference", "duplicate-id"])
EXPECT = re.compile(r"^# expect: (\d+):(\d+) (CJM\d+) (.+)$")


def expected(path: Path) -> list[tuple[int, int, str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    matches = [EXPECT.match(line) for line in lines]
    return [(int(m[1]), int(m[2]), m[3], m[4]) for m in matches if m is not None]


def reported(path: Path) -> list[tuple[int, int, str, str]]:
    result = check_paths([path], path.parent, lint=REFERENCE_RULES)
    return [(d.line, d.column, d.code.code, d.message) for d in result.diagnostics]


def fixtures(kind: str) -> list[Path]:
    found = sorted((FIXTURES / kind).glob("*.yaml"))
    assert found, f"no fixtures in regressions/{kind}"
    return found


@pytest.mark.parametrize("path", fixtures("schema"), ids=lambda path: path.stem)
def test_cjm_and_the_schema_agree_on_the_fixture(path: Path) -> None:
    problems = expected(path)
    assert reported(path) == problems
    data = read_yaml(path.read_text(encoding="utf-8"), path.name).data
    assert len(schema_errors("map", data)) == len(problems)


@pytest.mark.parametrize("path", fixtures("validate"), ids=lambda path: path.stem)
def test_cjm_reports_what_the_fixture_expects(path: Path) -> None:
    problems = expected(path)
    assert problems, f"{path.name} declares no expectations"
    assert reported(path) == problems


@pytest.mark.parametrize("path", fixtures("render"), ids=lambda path: path.stem)
def test_every_view_of_the_fixture_is_drawn(path: Path, tmp_path: Path) -> None:
    assert reported(path) == []
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["render", str(path), "--format", "all", "--view", "all", "--out", str(out)],
        env=PLAIN_ENV,
    )
    assert result.exit_code == 0, result.output
    drawings = sorted(file.suffix for file in out.iterdir())
    assert drawings == sorted([".svg", ".png", ".pdf", ".dot"] * 3 + [".mmd", ".html", ".md"])
