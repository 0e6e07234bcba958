"""docs/ci-and-review.md shows what cjm really writes and what the action really takes."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from ruamel.yaml import YAML

from cjm.scaffold import init_workspace

REPO = Path(__file__).resolve().parents[2]
GUIDE = (REPO / "docs" / "ci-and-review.md").read_text(encoding="utf-8")


def yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", GUIDE, re.DOTALL)


def test_guide_shows_the_files_cjm_init_writes(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    init_workspace(
        tmp_path / "journeys",
        name="Acme",
        template="current-state",
        today=datetime.date(2026, 11, 23),
    )
    blocks = yaml_blocks()
    for written in (".pre-commit-config.yaml", ".github/workflows/journeys.yml"):
        text = (tmp_path / written).read_text(encoding="utf-8")
        assert text in blocks, f"docs/ci-and-review.md does not show the {written} cjm init writes"


def test_guide_lists_every_input_and_output_of_the_action() -> None:
    action = YAML(typ="safe").load(REPO / "action.yml")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| ([^|]*) \|", GUIDE, re.MULTILINE))
    for name, spec in action["inputs"].items():
        assert name in rows, name
        shown = rows[name].strip().strip("`")
        assert shown == (spec["default"] or "(empty)"), name
    for name in action["outputs"]:
        assert f"| `{name}` |" in GUIDE, name


def test_guide_examples_are_valid_yaml() -> None:
    for block in yaml_blocks():
        YAML(typ="safe").load(block)
