"""The values format 1.0 adds, read from YAML: the format version, durations, fail points
and moments of truth, periods, KPI and evidence fields, per-persona detail and ``x-`` keys.
Each wrong value is a located error with a hint; nothing raises."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from cjm.load.document import parse_document
from cjm.model import (
    DefinitionsFile,
    Evidence,
    JourneyMap,
    Severity,
    WorkspaceConfig,
    duration_seconds,
)
from cjm.model.definitions import EvidenceKind

MAP = """\
format: "1.0"
id: open
title: Opening an account
type: current-state
owner: ops
reviewed: 2026-10-01
personas: [{id: ann, name: Ann}, {id: bob, name: Bob}]
stages:
  - id: apply
    name: Apply
    steps:
      - id: fill
        action: Fills the form
        duration: 10 min
        wait: 2 days
        fail_point: true
        moment_of_truth: The customer decides whether to trust the bank
        thoughts: [Is this safe?]
        questions: [How long will it take?]
        by_persona:
          bob: {thoughts: [I would rather go to the branch], quotes: ["Paper is easier"]}
        kpis:
          - id: completion
            name: Completion
            actual: 0.62
            actual_period: {start: 2026-09-01, end: 2026-09-30}
"""

Found = tuple[int, int, str, str, str | None]


def _read(text: str, model: type[Any] = JourneyMap) -> tuple[list[Found], Any]:
    document = parse_document(Path("file.yaml"), "file.yaml", text, model)
    found = [(d.line, d.column, d.code.code, d.message, d.hint) for d in document.diagnostics]
    return found, document.model


def _at(text: str, value: str) -> tuple[int, int]:
    for number, line in enumerate(text.splitlines(), 1):
        if value in line:
            return number, line.index(value) + 1
    raise AssertionError(f"{value!r} is not in the text")


def test_the_map_reads() -> None:
    found, journey = _read(MAP)
    assert found == []
    step = journey.stages[0].steps[0]
    assert (step.is_fail_point, step.is_moment_of_truth, step.is_wait_point) == (True,) * 3
    assert duration_seconds(step.duration) == 600
    assert duration_seconds(step.wait) == 2 * 86400
    bob = step.detail_for("bob")
    assert bob.thoughts == ["Is this safe?", "I would rather go to the branch"]
    assert bob.questions == ["How long will it take?"]
    assert bob.quotes == ["Paper is easier"]
    assert step.detail_for("ann").thoughts == ["Is this safe?"]
    period = journey.stages[0].steps[0].kpis[0].actual_period
    assert (period.start, period.end) == (datetime.date(2026, 9, 1), datetime.date(2026, 9, 30))


# -- the format version -------------------------------------------------------------------------


@pytest.mark.parametrize("written", ['"1.0"', "'1.0'", "1.0", "1"])
@pytest.mark.parametrize("model", [JourneyMap, DefinitionsFile, WorkspaceConfig])
def test_format_one_is_read_as_text_or_as_a_number(written: str, model: type[Any]) -> None:
    text = MAP if model is JourneyMap else 'format: "1.0"\n'
    found, read = _read(text.replace('format: "1.0"', f"format: {written}"), model)
    assert found == []
    assert read.format == "1.0"


@pytest.mark.parametrize("model", [JourneyMap, DefinitionsFile, WorkspaceConfig])
def test_a_file_without_a_format_is_read_as_0x(model: type[Any]) -> None:
    text = MAP if model is JourneyMap else 'format: "1.0"\n'
    found, read = _read(text.replace('format: "1.0"\n', ""), model)
    assert found == []
    assert read.format is None


@pytest.mark.parametrize(
    ("written", "said"), [('"2.0"', "2.0"), ("2", "2"), ('"0.9"', "0.9"), ("true", "True")]
)
@pytest.mark.parametrize("model", [JourneyMap, DefinitionsFile, WorkspaceConfig])
def test_a_format_this_cjm_does_not_read_is_refused(
    written: str, said: str, model: type[Any]
) -> None:
    text = MAP if model is JourneyMap else 'format: "1.0"\n'
    found, read = _read(text.replace('format: "1.0"', f"format: {written}"), model)
    assert found == [
        (
            1,
            9,
            "CJM005",
            f"this cjm reads format 1.0; the file says {said}",
            'upgrade cjm to read a newer format, or correct the version: `format: "1.0"`',
        )
    ]
    assert read is None


# -- durations, fail points, moments of truth ---------------------------------------------------


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        ("10 min", 600),
        ("10min", 600),
        ("1.5 h", 5400),
        ("30 s", 30),
        ("3 days", 259200),
        ("1 day", 86400),
        ("2 weeks", 1209600),
        ("45 minutes", 2700),
    ],
)
def test_a_duration_is_a_number_and_a_unit(written: str, seconds: float) -> None:
    found, journey = _read(MAP.replace("duration: 10 min", f"duration: {written}"))
    assert found == []
    assert duration_seconds(journey.stages[0].steps[0].duration) == seconds


@pytest.mark.parametrize("written", ["ten minutes", "10", "10 parsecs", "-5 min", "min 10"])
def test_a_duration_that_is_not_one_is_refused(written: str) -> None:
    text = MAP.replace("wait: 2 days", f"wait: {written}")
    found, _ = _read(text)
    assert found == [
        (
            *_at(text, f"wait: {written}")[:1],
            _at(text, f"wait: {written}")[1] + len("wait: "),
            "CJM005" if written != "10" else "CJM004",
            f"wait '{written}' is not a length of time"
            if written != "10"
            else "wait must be text, not the number 10",
            "write a number and a unit: `10 min`, `2 h`, `3 days`, `1 week` (units: s, min, "
            "h, d, w, or their names)"
            if written != "10"
            else 'quote it to keep it as text: "10"',
        )
    ]


def test_duration_seconds_refuses_what_is_not_a_duration() -> None:
    with pytest.raises(ValueError, match="not a duration"):
        duration_seconds("soon")


@pytest.mark.parametrize("key", ["fail_point", "moment_of_truth"])
@pytest.mark.parametrize(("written", "described"), [("3", "the number 3"), ("[a]", "a list")])
def test_a_flag_is_true_false_or_text(key: str, written: str, described: str) -> None:
    text = MAP.replace("fail_point: true", f"{key}: {written}").replace(
        "        moment_of_truth: The customer decides whether to trust the bank\n", ""
    )
    found, _ = _read(text)
    assert found == [
        (
            *_at(text, f"{key}: {written}"[len(key) + 2 :]),
            "CJM004",
            f"{key} must be true, false or text saying why, not {described}",
            f"for example `{key}: true` or `{key}: Customers give up here`",
        )
    ]


def test_a_flag_set_to_false_or_left_out_is_no_flag() -> None:
    text = MAP.replace("fail_point: true", "fail_point: false").replace(
        "        wait: 2 days\n", ""
    )
    text = text.replace(
        "        moment_of_truth: The customer decides whether to trust the bank\n", ""
    )
    found, journey = _read(text)
    assert found == []
    step = journey.stages[0].steps[0]
    assert (step.is_fail_point, step.is_moment_of_truth, step.is_wait_point) == (False,) * 3


# -- periods, KPIs, evidence ------------------------------------------------------------------


def test_a_period_that_ends_before_it_starts() -> None:
    text = MAP.replace("end: 2026-09-30", "end: 2026-08-31")
    found, _ = _read(text)
    assert found == [
        (
            *_at(text, "{start"),
            "CJM005",
            "actual_period ends on 2026-08-31, before it starts on 2026-09-01",
            "swap `start` and `end`, or correct one of them",
        )
    ]


def test_a_period_of_one_day_is_fine() -> None:
    found, _ = _read(MAP.replace("end: 2026-09-30", "end: 2026-09-01"))
    assert found == []


def test_a_period_needs_both_ends() -> None:
    text = MAP.replace(", end: 2026-09-30", "")
    found, _ = _read(text)
    assert [item[2:4] for item in found] == [
        ("CJM006", "period is missing the required field 'end'")
    ]


KPI = """\
          - id: time-to-open
            name: Time to open
            baseline: 9
            baseline_date: 2026-01-15
            target: 2
            target_date: 2027-06-30
            actual: 6
            actual_date: 2026-09-30
            unit: days
            better: lower
            source: https://dashboards.example.com/onboarding
            evidence: [tickets]
"""


def test_a_kpi_says_where_it_started_where_it_is_going_and_which_way_is_better() -> None:
    found, journey = _read(MAP + KPI)
    assert found == []
    kpi = journey.all_kpis()[-1]
    assert (kpi.baseline, kpi.target, kpi.actual) == (9, 2, 6)
    assert kpi.baseline_date == datetime.date(2026, 1, 15)
    assert kpi.target_date == datetime.date(2027, 6, 30)
    assert kpi.actual_date == datetime.date(2026, 9, 30)
    assert kpi.better == "lower"
    assert [k.id for k in journey.all_kpis()] == ["completion", "time-to-open"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("baseline: 9", "baseline must be a number, not the text 'nine'"),
        ("better: lower", "'nine' is not a valid better"),
        (
            "baseline_date: 2026-01-15",
            "baseline_date must be a date (YYYY-MM-DD), not the text 'nine'",
        ),
    ],
)
def test_kpi_values_of_the_wrong_kind(line: str, message: str) -> None:
    key = line.split(":")[0]
    text = MAP + KPI.replace(line, f"{key}: nine")
    found, _ = _read(text)
    assert [(item[0], item[3]) for item in found] == [(_at(text, f"{key}: nine")[0], message)]


def test_a_kpi_without_a_direction_has_none() -> None:
    found, journey = _read(MAP + KPI.replace("            better: lower\n", ""))
    assert found == []
    assert journey.all_kpis()[-1].better is None


EVIDENCE = """\
evidence:
  - id: tickets
    kind: support-tickets
    title: Account-opening tickets
    period: {start: 2026-06-01, end: 2026-08-31}
    sample_size: 412
    sample_unit: tickets
    confidence: low
    quotes: ["I sent my passport twice"]
    link: https://example.com/tickets
"""


def test_evidence_says_how_strong_it_is() -> None:
    found, journey = _read(MAP + EVIDENCE)
    assert found == []
    (tickets,) = journey.evidence
    assert tickets.sample_unit == "tickets"
    assert tickets.strength == 0.5
    assert Evidence(id="x", kind=EvidenceKind.ASSUMPTION, title="X").strength == 0.0
    assert Evidence(id="x", kind=EvidenceKind.SURVEY, title="X").strength == 1.0
    assert Evidence(id="x", kind=EvidenceKind.SURVEY, title="X", confidence="high").strength == 1.0


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("sample_unit: tickets", "sample_unit: calls", "'calls' is not a valid sample_unit"),
        ("confidence: low", "confidence: certain", "'certain' is not a valid confidence"),
    ],
)
def test_evidence_values_outside_their_lists(old: str, new: str, message: str) -> None:
    text = MAP + EVIDENCE.replace(old, new)
    found, _ = _read(text)
    assert [(item[0], item[1], item[3]) for item in found] == [
        (*_at(text, new.split(": ")[1]), message)
    ]


def test_an_opportunity_tracked_in_an_issue_tracker() -> None:
    text = MAP + (
        "opportunities:\n"
        "  - id: faster\n"
        "    summary: Check identity by video\n"
        "    due: 2027-03-31\n"
        '    release: "2027.2"\n'
        "    links:\n"
        "      - {url: https://tracker.example.com/browse/PAY-123, key: PAY-123}\n"
        "      - {url: ftp://files.example.com/plan, title: Plan}\n"
    )
    found, _ = _read(text)
    assert found == [
        (
            *_at(text, "ftp://"),
            "CJM005",
            "url 'ftp://files.example.com/plan' is not a web address",
            "write the address with http:// or https://, without spaces",
        )
    ]
    found, journey = _read(text.replace("ftp://", "https://"))
    assert found == []
    (opportunity,) = journey.opportunities
    assert opportunity.due == datetime.date(2027, 3, 31)
    assert opportunity.release == "2027.2"
    assert [link.key for link in opportunity.links] == ["PAY-123", None]


# -- x- keys ------------------------------------------------------------------------------------


def test_x_keys_are_allowed_on_every_mapping_and_set_aside() -> None:
    text = (
        MAP.replace("id: open\n", "id: open\nx-journey-owner: Dana\n")
        .replace("  - id: apply\n", "  - id: apply\n    x-order: 3\n")
        .replace(
            "        action: Fills the form\n",
            "        action: Fills the form\n        x-figma: {frame: 12}\n",
        )
        .replace(
            "            name: Completion\n",
            "            name: Completion\n            x-looker: 42\n",
        )
        .replace("{start: 2026-09-01,", "{x-note: Q3, start: 2026-09-01,")
        .replace("bob: {thoughts:", "bob: {x-source: diary, thoughts:")
    )
    found, journey = _read(text)
    assert found == []
    stage = journey.stages[0]
    step = stage.steps[0]
    kpi = step.kpis[0]
    assert journey.extensions == {"x-journey-owner": "Dana"}
    assert stage.extensions == {"x-order": 3}
    assert step.extensions == {"x-figma": {"frame": 12}}
    assert kpi.extensions == {"x-looker": 42}
    assert kpi.actual_period is not None
    assert kpi.actual_period.extensions == {"x-note": "Q3"}
    assert step.by_persona["bob"].extensions == {"x-source": "diary"}
    assert journey.personas[0].extensions == {}
    assert "x-journey-owner" not in journey.model_dump()


def test_x_keys_in_definitions_and_cjm_yaml() -> None:
    found, definitions = _read(
        'format: "1.0"\nx-owner: research\npersonas: [{id: ann, name: Ann, x-tier: gold}]\n',
        DefinitionsFile,
    )
    assert found == []
    assert definitions.extensions == {"x-owner": "research"}
    assert definitions.personas[0].extensions == {"x-tier": "gold"}
    found, config = _read(
        'format: "1.0"\nx-ci: strict\nlint: {x-reason: legacy, ignore: [stale-map]}\n'
        "vocabulary:\n  channels: [{id: courier, mode: offline, x-since: 2026}]\n",
        WorkspaceConfig,
    )
    assert found == []
    assert config.extensions == {"x-ci": "strict"}
    assert config.lint.extensions == {"x-reason": "legacy"}
    assert config.vocabulary.channels[0].extensions == {"x-since": 2026}


@pytest.mark.parametrize("key", ["y-foo", "X-foo", "xfoo", "x_foo"])
def test_keys_that_only_look_like_extensions_are_unknown(key: str) -> None:
    text = MAP.replace(
        "        action: Fills the form\n", f"        action: Fills the form\n        {key}: 1\n"
    )
    found, journey = _read(text)
    assert journey is None
    assert [item[:3] for item in found] == [(*_at(text, key), "CJM003")]
    assert found[0][3].startswith(f"unknown key '{key}' in step")


def test_an_extension_key_may_hold_anything() -> None:
    text = MAP.replace("id: open\n", "id: open\nx-anything: [1, {a: null}, 2026-01-01, .nan]\n")
    found, journey = _read(text)
    assert found == []
    assert journey.extensions["x-anything"][0] == 1


# -- severities -----------------------------------------------------------------------------


def test_a_severity_of_the_workspace_counts_as_medium_until_it_is_known() -> None:
    text = MAP.replace(
        "        kpis:\n",
        "        pain_points: [{id: slow, summary: Slow, severity: blocker}]\n        kpis:\n",
        1,
    )
    found, journey = _read(text)
    assert found == []
    (pain,) = journey.pain_points()
    assert pain.level is Severity.MEDIUM
    pain.follow_vocabulary(Severity.CRITICAL)
    assert pain.level is Severity.CRITICAL
    assert [s.rank for s in Severity] == [0, 1, 2, 3]


@pytest.mark.parametrize(
    ("written", "described"), [("0", "the number 0"), ("yes", "the text 'yes'")]
)
def test_optional_is_true_or_false_only(written: str, described: str) -> None:
    """As the schema says: ``optional: 0`` was once taken for false by the models alone."""
    text = MAP.replace("        duration: 10 min\n", f"        optional: {written}\n")
    found, _ = _read(text)
    assert [item[:4] for item in found] == [
        (
            *_at(text, f"optional: {written}")[:1],
            19,
            "CJM004",
            f"optional must be true or false, not {described}",
        )
    ]
