"""The `cjm diff` samples in docs/ci-and-review.md are what cjm prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from tests.samples import PLAIN_ENV, STANDALONE_MAP

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "ci-and-review.md"
EXAMPLE = ROOT / "examples" / "ecommerce-checkout"


def text_blocks() -> list[str]:
    guide = GUIDE.read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in guide.split("```text\n")[1:]]


def cjm(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env=PLAIN_ENV)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_future_state_sample_is_an_excerpt_of_the_real_output(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    [sample] = [block for block in text_blocks() if block.startswith("$ cjm diff ")]
    command, *shown = sample.splitlines()
    monkeypatch.chdir(EXAMPLE)
    printed = cjm(*command.split()[2:]).splitlines()
    # Every line shown is printed, in the same order; "..." stands for lines left out.
    at = 0
    for line in shown:
        if line == "  ...":
            continue
        at = printed.index(line, at) + 1
    assert shown[-1] == printed[-1]


def test_the_unknown_direction_sample_is_what_cjm_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [sample] = [block for block in text_blocks() if "direction unknown" in block]
    kpi = "    kpis:\n      - {id: time-to-pay, name: Time to pay, actual: %s, unit: min}\n"
    stages = "    steps:\n"
    for name, actual in (("old.yaml", 5), ("new.yaml", 3)):
        text = STANDALONE_MAP.replace(stages, kpi % actual + stages)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert sample.splitlines()[0] in cjm("diff", "old.yaml", "new.yaml").splitlines()
