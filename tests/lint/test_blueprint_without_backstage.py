"""blueprint-without-backstage: a service blueprint shows what happens behind the line."""

from __future__ import annotations

import pytest

from cjm.lint.rules import blueprint_without_backstage as RULE

from .branched import BRANCHED
from .conftest import LintFiles, LintMap

CODE = RULE.CODE
MESSAGE = (
    "service blueprint 'clinic-visit' has no backstage or support activity: "
    "it shows only what the customer sees"
)


def _map(map_type: str, steps: str) -> str:
    return (
        "id: clinic-visit\n"
        "title: Clinic visit\n"
        f"type: {map_type}\n"
        "owner: front-desk\n"
        "reviewed: 2026-10-01\n"
        "teams: [{id: front-desk, name: Front desk}]\n"
        "personas: [{id: sam, name: Sam}]\n"
        "stages:\n"
        "  - id: arrive\n"
        "    name: Arrive\n"
        "    steps:\n"
        "      - {id: find-clinic, action: Finds the clinic}\n"
        f"{steps}"
    )


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [(4, 7, CODE, MESSAGE)]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


@pytest.mark.parametrize(
    "lane",
    [
        "backstage: [Nurse reads the referral]",
        "support: [{action: Booking system sends a reminder, owner: front-desk}]",
    ],
)
def test_one_backstage_or_support_activity_anywhere_is_enough(lint_map: LintMap, lane: str) -> None:
    steps = f"      - id: check-in\n        action: Checks in\n        {lane}\n"
    assert lint_map(_map("service-blueprint", steps), CODE) == []


def test_frontstage_activity_alone_is_not_enough(lint_map: LintMap) -> None:
    steps = (
        "      - id: check-in\n"
        "        action: Checks in\n"
        "        frontstage: [Receptionist greets the patient]\n"
        "        backstage: []\n"
    )
    assert lint_map(_map("service-blueprint", steps), CODE) == [(3, 7, CODE, MESSAGE)]


def test_a_blueprint_without_steps_is_reported(lint_map: LintMap) -> None:
    text = _map("service-blueprint", "").replace(
        "    steps:\n      - {id: find-clinic, action: Finds the clinic}\n", ""
    )
    assert lint_map(text, CODE) == [(3, 7, CODE, MESSAGE)]


@pytest.mark.parametrize("map_type", ["current-state", "future-state", "day-in-the-life"])
def test_other_map_types_are_never_reported(lint_map: LintMap, map_type: str) -> None:
    assert lint_map(_map(map_type, ""), CODE) == []


def test_the_rule_has_no_options(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": (
                'format: "1.0"\nmaps: ["map.yaml"]\nlint:\n  options:\n'
                "    blueprint-without-backstage: {lanes: [support]}\n"
            ),
            "map.yaml": RULE.PASSING,
        }
    )
    assert result.config_failed
    assert [
        (d.line, d.column, d.code.code, d.message)
        for d in result.diagnostics
        if d.path == "cjm.yaml"
    ] == [(5, 5, "CJM005", "rule 'blueprint-without-backstage' has no options")]


def test_backstage_activity_on_a_branch_step_counts(lint_map: LintMap) -> None:
    text = BRANCHED.replace("type: current-state", "type: service-blueprint")
    assert [f[:3] for f in lint_map(text, CODE)] == [(4, 7, CODE)]
    text = text.replace(
        "            touchpoints: [app]\n",
        "            touchpoints: [app]\n            backstage: [Risk checks the photo]\n",
    )
    assert lint_map(text, CODE) == []
