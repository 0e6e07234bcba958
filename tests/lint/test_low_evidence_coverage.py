"""low-evidence-coverage: the share of a map's steps and personas backed by research."""

from __future__ import annotations

import pytest

from cjm.lint.rules import low_evidence_coverage as RULE

from .conftest import LintFiles, LintMap, findings

CODE = RULE.CODE

EVIDENCE = """\
evidence:
  - {id: interviews, kind: interview, title: Interviews}
  - {id: tickets, kind: support-tickets, title: Tickets}
  - {id: hunch, kind: assumption, title: What we believe}
"""


def _map(steps: str, map_type: str = "current-state", personas: str | None = None) -> str:
    listed = personas or "[{id: olivia, name: Olivia, evidence: [interviews]}]"
    return f"""\
id: trial
title: Trial to paid
type: {map_type}
owner: growth
reviewed: 2026-10-01
teams: [{{id: growth, name: Growth}}]
personas: {listed}
{EVIDENCE}stages:
  - id: try
    name: Try
    steps:
{steps}"""


def _step(step_id: str, evidence: str = "") -> str:
    cited = f", evidence: [{evidence}]" if evidence else ""
    return f"      - {{id: {step_id}, action: Does {step_id}{cited}}}\n"


def _steps(message: str) -> tuple[int, int, str, str]:
    return (12, 1, CODE, message)


def _options(values: str) -> str:
    return f"lint:\n  options:\n    low-evidence-coverage: {values}\n"


def test_failing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [
        (
            15,
            1,
            CODE,
            "1 of 3 steps (33%) is backed by research, below the minimum of 50%; not backed: "
            "'sign-up' and 'import-plan'",
        )
    ]


def test_passing_example(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


def test_assumptions_and_unknown_evidence_do_not_back_a_step(lint_map: LintMap) -> None:
    text = _map(_step("a", "hunch") + _step("b", "nowhere") + _step("c") + _step("d", "tickets"))
    assert lint_map(text, CODE) == [
        _steps(
            "1 of 4 steps (25%) is backed by research, below the minimum of 50%; not backed: "
            "'a', 'b' and 'c'"
        )
    ]


def test_half_the_steps_is_enough_by_default(lint_map: LintMap) -> None:
    text = _map(
        _step("a", "hunch") + _step("b") + _step("c", "hunch, tickets") + _step("d", "interviews")
    )
    assert lint_map(text, CODE) == []


def test_a_pain_point_backed_by_research_backs_its_step(lint_map: LintMap) -> None:
    step = (
        "      - id: a\n"
        "        action: Imports\n"
        "        pain_points:\n"
        "          - {id: fails, summary: Fails, severity: high, evidence: [hunch]}\n"
        "          - {id: slow, summary: Slow, severity: low, evidence: [tickets]}\n"
    )
    assert lint_map(_map(step + _step("b")), CODE) == []
    only_hunch = step.replace("evidence: [tickets]", "evidence: [hunch]")
    assert lint_map(_map(only_hunch + _step("b")), CODE) == [
        _steps(
            "0 of 2 steps (0%) are backed by research, below the minimum of 50%; not backed: "
            "'a' and 'b'"
        )
    ]


def test_only_the_first_three_unbacked_steps_are_named(lint_map: LintMap) -> None:
    text = _map("".join(_step(name) for name in "abcdefg") + _step("h", "interviews"))
    assert lint_map(text, CODE) == [
        _steps(
            "1 of 8 steps (12%) is backed by research, below the minimum of 50%; not backed: "
            "'a', 'b', 'c' and 4 more"
        )
    ]


def test_steps_of_every_stage_count_in_journey_order(lint_map: LintMap) -> None:
    text = _map(_step("a", "tickets")) + (
        "  - id: use\n"
        "    name: Use\n"
        "    steps:\n" + _step("b") + _step("c", "interviews") + _step("d") + _step("e")
    )
    assert lint_map(text, CODE) == [
        _steps(
            "2 of 5 steps (40%) are backed by research, below the minimum of 50%; not backed: "
            "'b', 'd' and 'e'"
        )
    ]


def test_one_unbacked_step_alone(lint_map: LintMap) -> None:
    assert lint_map(_map(_step("a")), CODE) == [
        _steps("0 of 1 step (0%) is backed by research, below the minimum of 50%; not backed: 'a'")
    ]


def test_a_map_without_steps_has_no_share_to_judge(lint_map: LintMap) -> None:
    text = _map("").replace("    steps:\n", "")
    assert lint_map(text, CODE) == []


def test_personas_are_counted_apart_from_steps(lint_map: LintMap) -> None:
    personas = (
        "\n  - {id: olivia, name: Olivia, evidence: [hunch]}"
        "\n  - {id: farid, name: Farid}"
        "\n  - {id: sam, name: Sam, evidence: [interviews]}"
    )
    text = _map(_step("a", "tickets"), personas=personas)
    assert lint_map(text, CODE) == [
        (
            7,
            1,
            CODE,
            "1 of 3 personas (33%) is backed by research, below the minimum of 50%; not "
            "backed: 'olivia' and 'farid'",
        )
    ]


def test_the_hint_says_what_to_cite(lint_files: LintFiles) -> None:
    personas = "[{id: olivia, name: Olivia}]"
    result = lint_files({"map.yaml": _map(_step("a"), personas=personas)}, select=[CODE])
    assert [d.hint for d in result.diagnostics] == [
        "cite under each persona's `evidence:` the research it comes from: interviews, "
        "analytics, support tickets, usability tests (assumptions do not count, "
        "low-confidence research counts as half)",
        "cite under each step's `evidence:` the research it comes from: interviews, "
        "analytics, support tickets, usability tests (assumptions do not count, "
        "low-confidence research counts as half)",
    ]


def test_shared_personas_are_judged_by_their_own_evidence(lint_files: LintFiles) -> None:
    shared = """\
personas:
  - {id: olivia, name: Olivia, evidence: [interviews]}
  - {id: farid, name: Farid, evidence: [hunch]}
evidence:
  - {id: interviews, kind: interview, title: Interviews}
  - {id: hunch, kind: assumption, title: What we believe}
"""
    journey = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [olivia, farid, ghost]
stages:
  - id: try
    name: Try
    steps:
      - {id: a, action: A, evidence: [interviews]}
"""
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["maps/*.yaml"]\ndefinitions: ["shared/*.yaml"]\n',
            "shared/people.yaml": shared,
            "maps/trial.yaml": journey,
        },
        select=[CODE],
    )
    # 'ghost' does not exist (unknown-reference says so) and is not counted.
    assert findings(result) == []
    result = lint_files(
        {"maps/trial.yaml": journey.replace("[olivia, farid, ghost]", "[farid]")},
        select=[CODE],
    )
    assert findings(result) == [
        (
            7,
            1,
            CODE,
            "0 of 1 persona (0%) is backed by research, below the minimum of 50%; not "
            "backed: 'farid'",
        )
    ]


def test_min_share_comes_from_the_options(lint_map: LintMap) -> None:
    text = _map(_step("a", "tickets") + _step("b", "interviews") + _step("c"))
    assert lint_map(text, CODE) == []
    assert lint_map(text, CODE, config=_options("{min_share: 1}")) == [
        _steps(
            "2 of 3 steps (67%) are backed by research, below the minimum of 100%; not backed: 'c'"
        )
    ]
    assert lint_map(_map(_step("a")), CODE, config=_options("{min_share: 0}")) == []


def test_a_share_just_below_the_minimum_never_reads_as_the_minimum(lint_map: LintMap) -> None:
    text = _map(_step("a", "tickets") + _step("b", "interviews") + _step("c"))
    assert lint_map(text, CODE, config=_options("{min_share: 0.67}")) == [
        _steps(
            "2 of 3 steps (66%) are backed by research, below the minimum of 67%; not backed: 'c'"
        )
    ]


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("1.5", "CJM005", "min_share 1.5 is out of range: it must be from +0 to +1"),
        ("-0.1", "CJM005", "min_share -0.1 is out of range: it must be from +0 to +1"),
        ("half", "CJM004", "min_share must be a number, not the text 'half'"),
    ],
)
def test_a_min_share_outside_zero_to_one_is_refused(
    lint_files: LintFiles, value: str, code: str, message: str
) -> None:
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["map.yaml"]\n' + _options(f"{{min_share: {value}}}"),
            "map.yaml": RULE.PASSING,
        },
        select=[CODE],
    )
    assert result.config_failed
    assert [(f[2], f[3]) for f in findings(result)] == [(code, message)]


def test_future_state_maps_are_not_checked_by_default(lint_map: LintMap) -> None:
    text = _map(_step("a"), map_type="future-state")
    assert lint_map(text, CODE) == []
    config = _options("{map_types: [future-state]}")
    assert len(lint_map(text, CODE, config=config)) == 1
    assert lint_map(_map(_step("a")), CODE, config=config) == []


def test_a_pain_point_backs_every_step_it_spans(lint_map: LintMap) -> None:
    step = (
        "      - id: a\n"
        "        action: Applies\n"
        "        pain_points:\n"
        "          - {id: wait, summary: Waits, severity: high, spans: [b, c], "
        "evidence: [tickets]}\n"
    )
    text = _map(step + _step("b") + _step("c") + _step("d"))
    assert lint_map(text, CODE) == []
    unspanned = text.replace("spans: [b, c], ", "")
    assert lint_map(unspanned, CODE) == [
        _steps(
            "1 of 4 steps (25%) is backed by research, below the minimum of 50%; not backed: "
            "'b', 'c' and 'd'"
        )
    ]


def test_a_pain_point_of_the_stage_backs_each_of_its_steps(lint_map: LintMap) -> None:
    text = _map(_step("a") + _step("b")).replace(
        "    name: Try\n",
        "    name: Try\n"
        "    pain_points: [{id: slow, summary: Slow, severity: low, evidence: [interviews]}]\n",
    )
    assert lint_map(text, CODE) == []


def test_steps_of_branches_count(lint_map: LintMap) -> None:
    text = _map(_step("a", "interviews")) + (
        "    branches:\n"
        "      - id: retry\n"
        "        condition: Card declined\n"
        "        after: a\n"
        "        steps:\n"
        + _step("b").replace("      - ", "          - ")
        + _step("c").replace("      - ", "          - ")
    )
    assert lint_map(text, CODE) == [
        _steps(
            "1 of 3 steps (33%) is backed by research, below the minimum of 50%; not backed: "
            "'b' and 'c'"
        )
    ]


def test_low_confidence_research_counts_as_half(lint_map: LintMap) -> None:
    low = "  - {id: guerrilla, kind: usability-test, title: Hallway test, confidence: low}\n"
    steps = _step("a", "guerrilla") + _step("b", "guerrilla") + _step("c")
    text = _map(steps).replace(EVIDENCE, EVIDENCE + low)
    assert lint_map(text, CODE) == [
        (
            13,
            1,
            CODE,
            "0 of 3 steps are backed by research and 2 by low-confidence research only "
            "(counted as half: 33%), below the minimum of 50%; not backed: 'c'",
        )
    ]
    assert lint_map(text, CODE, config=_options("{min_share: 0.3}")) == []
    medium = text.replace("confidence: low", "confidence: medium")
    assert lint_map(medium, CODE) == []


def test_a_persona_backed_only_by_low_confidence_research_counts_as_half(
    lint_map: LintMap,
) -> None:
    low = "  - {id: guerrilla, kind: survey, title: Quick poll, confidence: low}\n"
    personas = (
        "[{id: olivia, name: Olivia, evidence: [guerrilla]}, "
        "{id: farid, name: Farid, evidence: [interviews]}]"
    )
    text = _map(_step("a", "interviews"), personas=personas).replace(EVIDENCE, EVIDENCE + low)
    assert lint_map(text, CODE, config=_options("{min_share: 0.8}")) == [
        (
            7,
            1,
            CODE,
            "1 of 2 personas is backed by research and 1 by low-confidence research only "
            "(counted as half: 75%), below the minimum of 80%",
        )
    ]
