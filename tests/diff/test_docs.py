"""The `cjm diff` samples in docs/ci-and-review.md are what cjm prints."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from tests.diff import test_format_one as format_one
from tests.samples import PLAIN_ENV, STANDALONE_MAP

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "ci-and-review.md"
EXAMPLE = ROOT / "examples" / "ecommerce-checkout"
FINDING = re.compile(r"  (introduced|fixed) +CJM\d+ ")


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
    [sample] = [block for block in text_blocks() if block.startswith("$ cjm diff maps/")]
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


def test_the_format_one_sample_is_what_cjm_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bank sample: a branch added, a pain point widened, a KPI against its baseline,
    blueprint flags and an opportunity's links, from two versions of one map."""
    [sample] = [block for block in text_blocks() if "branch returning" in block]
    old, new = format_one.base(), format_one.base()
    format_one.stage(new)["branches"].insert(
        0,
        {
            "id": "returning",
            "condition": "Already a customer",
            "steps": [{"id": "signs-in", "action": "Signs in with the banking app"}],
        },
    )
    format_one.step(new, "fills-form")["pain_points"][0]["spans"] = ["uploads-id", "approved"]
    format_one.step(new, "uploads-id").update(
        wait="5 days", fail_point="Blurred photos of IDs are refused"
    )
    format_one.step(new, "approved")["moment_of_truth"] = True
    format_one.kpi(new).update(actual=61, actual_date="2026-11-15")
    format_one.opportunity(new).update(
        status="in-progress",
        release="2027.2",
        links=[
            {"url": "https://tracker.example/PAY-123", "key": "PAY-123"},
            {"url": "https://tracker.example/PAY-140", "key": "PAY-140"},
        ],
    )
    for name, data in (("account-before.yaml", old), ("account.yaml", new)):
        (tmp_path / name).write_text(json.dumps(data, indent=1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    printed = [
        line
        for line in cjm("diff", "account-before.yaml", "account.yaml").splitlines()
        if not FINDING.match(line)
    ]
    shown = sample.splitlines()
    assert shown[-1] == "  ..."  # the findings
    assert shown[:-1] == printed[: len(shown) - 1]
    assert printed[len(shown) - 1] == ""
