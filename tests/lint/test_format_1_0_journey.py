"""A journey written with what format 1.0 adds (two personas on different routes, a
branch, an optional step, a wait that spans steps, a policy lane, KPIs with baselines,
opportunities linked to tracker issues) passes every rule; each rule about the new parts
fires on it, alone, once the part it asks for is taken away."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import LintMap

JOURNEY = (Path(__file__).parent / "account_opening.yaml").read_text(encoding="utf-8")


def _changed(old: str, new: str) -> str:
    assert JOURNEY.count(old) == 1, old
    return JOURNEY.replace(old, new)


def test_the_journey_passes_every_rule(lint_map: LintMap) -> None:
    assert lint_map(JOURNEY, "ALL") == []


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ('format: "1.0"\n', "", "CJM126"),
        (
            "        action: Asks in the app chat whether anything is missing\n",
            "        action: Asks in the app chat whether anything is missing\n"
            "        optional: true\n",
            "CJM127",
        ),
        ("        condition: The ID photo is rejected\n", "", "CJM128"),
        (
            "        duration: 10 min\n",
            "        duration: 10 min\n        fail_point: true\n",
            "CJM129",
        ),
        ("    kpis: [first-payment]\n", "", "CJM130"),
        ("        baseline: 55\n        baseline_date: 2026-03-31\n", "", "CJM131"),
        ("spans: [chase-bank, get-decision]", "spans: [chase-bank]", "CJM132"),
        ("due: 2027-03-31", "due: 2026-03-31", "CJM133"),
        ("            spans: [retake-photo]\n", "", "CJM106"),
        (
            "        handoff: The application is on the branch screen under his phone number.\n",
            "",
            "CJM113",
        ),
    ],
)
def test_taking_a_part_away_makes_its_rule_fire_alone(
    lint_map: LintMap, old: str, new: str, code: str
) -> None:
    assert [finding[2] for finding in lint_map(_changed(old, new), "ALL")] == [code]
