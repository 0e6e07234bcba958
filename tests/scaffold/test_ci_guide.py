"""docs/ci-and-review.md shows what cjm really writes and what the action really takes."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from ruamel.yaml import YAML

from cjm import __version__
from cjm.scaffold import CJM_GITHUB_REPOSITORY, init_workspace

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


def test_cjm_repository_is_named_as_the_code_names_it() -> None:
    """The address of cjm's GitHub Action and hooks repository lives in one constant; the
    guide and the hooks manifest name that one, at this release."""
    manifest = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    for name, text in (("guide", GUIDE), ("manifest", manifest)):
        addresses = re.findall(r"github\.com/([\w.-]+/cjm)\b", text)
        assert addresses, name
        assert set(addresses) == {CJM_GITHUB_REPOSITORY}, name
    actions = re.findall(r"uses: ([\w.-]+/cjm)@v([\w.]+)", GUIDE)
    assert actions == [(CJM_GITHUB_REPOSITORY, __version__)]
    assert re.findall(r"rev: v([\w.]+)", GUIDE) == [__version__]


def test_guide_installs_this_release() -> None:
    versions = re.findall(r"cjm-cli==([\w.]+)", GUIDE)
    assert len(versions) >= 4  # the hooks, the workflow, other CI systems, GitLab
    assert set(versions) == {__version__}
    assert "git+https" not in GUIDE


def test_getting_started_installs_this_release() -> None:
    guide = (REPO / "docs" / "getting-started.md").read_text(encoding="utf-8")
    assert set(re.findall(r"cjm-cli==([\w.]+)", guide)) == {__version__}
