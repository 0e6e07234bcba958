"""The README's Quick start block: exactly two commands, and CI runs the second."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _quick_start_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None, "the Quick start section has no ```sh block"
    return [line for line in block[1].splitlines() if line.strip()]


def test_quick_start_has_exactly_two_commands() -> None:
    assert len(_quick_start_commands()) == 2


def test_ci_runs_the_second_quick_start_command() -> None:
    ci_script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start_commands()[1] in ci_script.splitlines()


def test_first_command_renders_a_bundled_example() -> None:
    words = shlex.split(_quick_start_commands()[0])
    assert "render" in words
    target = REPO / next(word for word in words if word.startswith("examples/"))
    assert target.is_dir()
    assert (target / "cjm.yaml").is_file()
