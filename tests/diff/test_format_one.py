"""`compare` on what format 1.0 added: branches and optional steps, pain points that span
steps or a whole stage, KPIs with baselines, opportunities as work items, blueprint lanes,
per-persona detail, evidence strength, persona roles, `x-` keys and migrated files."""

from __future__ import annotations

import copy
from typing import Any

from cjm.diff.compare import compare
from cjm.diff.model import Change, Direction, Entity, FindingEntry, Kind, MapEntry, Snapshot
from cjm.diff.render import change_to_dict, describe, label, render_markdown, summary_text
from cjm.model import JourneyMap, Severity

BASE: dict[str, Any] = {
    "format": "1.0",
    "id": "account",
    "title": "Open an account",
    "type": "service-blueprint",
    "owner": "onboarding",
    "reviewed": "2026-10-01",
    "personas": [
        {"id": "nadia", "name": "Nadia"},
        {"id": "bruno", "name": "Bruno", "role": "Retired teacher"},
    ],
    "teams": [{"id": "onboarding", "name": "Onboarding"}],
    "evidence": [
        {
            "id": "interviews",
            "kind": "interview",
            "title": "Applicant interviews",
            "confidence": "low",
            "sample_size": 12,
            "sample_unit": "people",
        }
    ],
    "stages": [
        {
            "id": "apply",
            "name": "Apply",
            "kpis": [
                {
                    "id": "completion",
                    "name": "Applications completed",
                    "baseline": 52,
                    "baseline_date": "2026-01-15",
                    "target": 70,
                    "actual": 58,
                    "unit": "%",
                    "better": "higher",
                }
            ],
            "steps": [
                {
                    "id": "fills-form",
                    "action": "Fills in the form",
                    "emotion": 0,
                    "duration": "15 min",
                    "pain_points": [
                        {
                            "id": "kyc-wait",
                            "summary": "Waits for the identity check",
                            "severity": "high",
                            "spans": ["uploads-id"],
                        }
                    ],
                },
                {
                    "id": "uploads-id",
                    "action": "Uploads an ID",
                    "emotion": -1,
                    "artifacts": ["Upload screen"],
                    "wait": "2 days",
                },
                {"id": "approved", "action": "Gets approved", "emotion": 1},
            ],
            "branches": [
                {
                    "id": "in-branch",
                    "condition": "Prefers to talk to someone",
                    "after": "fills-form",
                    "rejoin": "approved",
                    "steps": [
                        {
                            "id": "visits-branch",
                            "action": "Visits a branch",
                            "personas": ["bruno"],
                            "emotion": 1,
                        }
                    ],
                }
            ],
        }
    ],
    "opportunities": [
        {
            "id": "instant-kyc",
            "summary": "Check identity instantly",
            "addresses": ["kyc-wait"],
            "status": "planned",
            "kpis": ["completion"],
            "links": [{"url": "https://tracker.example/PAY-123", "key": "PAY-123"}],
        }
    ],
}


def base() -> dict[str, Any]:
    return copy.deepcopy(BASE)


def snapshot(data: dict[str, Any], label_: str = "side", **extra: Any) -> Snapshot:
    entry = MapEntry(JourneyMap.model_validate(data), "maps/account.yaml", "maps/account.yaml")
    return Snapshot(label_, [entry], **extra)


def changes_between(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    return compare(snapshot(old, "old"), snapshot(new, "new")).changes


def lines(changes: list[Change]) -> list[str]:
    return [f"{label(c)} {': '.join(describe(c))}" for c in changes]


def diff_lines(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return lines(changes_between(old, new))


def stage(data: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = data["stages"][0]
    return found


def step(data: dict[str, Any], step_id: str) -> dict[str, Any]:
    every = [*stage(data)["steps"], *(s for b in stage(data)["branches"] for s in b["steps"])]
    found: dict[str, Any] = next(s for s in every if s["id"] == step_id)
    return found


def branch(data: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = stage(data)["branches"][0]
    return found


def kpi(data: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = stage(data)["kpis"][0]
    return found


def opportunity(data: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = data["opportunities"][0]
    return found


def test_the_same_map_has_no_changes() -> None:
    assert changes_between(base(), base()) == []


# -- branches and optional steps -------------------------------------------------------------


def test_a_step_added_to_or_removed_from_a_branch_shows() -> None:
    new = base()
    branch(new)["steps"] = [
        {"id": "books-slot", "action": "Books a slot", "optional": True},
    ]
    found = changes_between(base(), new)
    assert lines(found) == [
        'added step books-slot: "Books a slot" in branch in-branch of stage apply (optional)',
        'removed step visits-branch: "Visits a branch" (was in branch in-branch of stage apply)',
    ]
    assert change_to_dict(found[0])["details"] == {"branch": "in-branch", "optional": True}
    assert change_to_dict(found[1])["details"] == {"branch": "in-branch", "optional": False}
    assert summary_text(compare(snapshot(base()), snapshot(new))) == (
        "1 map changed: 1 step added, 1 step removed"
    )


def test_a_new_branch_and_a_removed_branch() -> None:
    new = base()
    stage(new)["branches"] = [
        {
            "id": "returning",
            "condition": "Already a customer",
            "steps": [{"id": "signs-in", "action": "Signs in"}],
        }
    ]
    found = changes_between(base(), new)
    assert lines(found) == [
        'added branch returning: "Already a customer" in stage apply (starts the stage, 1 step)',
        'added step signs-in: "Signs in" in branch returning of stage apply',
        'removed branch in-branch: "Prefers to talk to someone" (was in stage apply)',
        'removed step visits-branch: "Visits a branch" (was in branch in-branch of stage apply)',
    ]
    added = change_to_dict(found[0])
    assert (added["kind"], added["entity"], added["parent"]) == (
        "added",
        "branch",
        {"entity": "stage", "id": "apply"},
    )
    assert added["details"] == {"after": None, "rejoin": None, "steps": ["signs-in"]}
    assert summary_text(compare(snapshot(base()), snapshot(new))) == (
        "1 map changed: 1 step added, 1 step removed, 1 branch added, 1 branch removed"
    )


def test_a_branch_without_a_condition_or_a_rejoin_says_so() -> None:
    old = base()
    del branch(old)["condition"]
    del branch(old)["rejoin"]
    new = copy.deepcopy(old)
    old["stages"][0]["branches"] = []
    assert diff_lines(old, new)[0] == (
        "added branch in-branch: no condition in stage apply (leaves after step fills-form, 1 step)"
    )


def test_a_branch_with_a_new_condition_start_and_rejoin() -> None:
    new = base()
    branch(new)["condition"] = "Has no smartphone"
    branch(new)["after"] = "uploads-id"
    del branch(new)["rejoin"]
    assert diff_lines(base(), new) == [
        'changed branch in-branch: condition "Prefers to talk to someone" → "Has no smartphone"',
        "changed branch in-branch: leaves after step fills-form → step uploads-id",
        "changed branch in-branch: rejoins at step approved → the step after the one it "
        "leaves from",
    ]
    start = base()
    del branch(start)["after"]
    assert diff_lines(base(), start) == [
        "changed branch in-branch: leaves after step fills-form → the start of the stage",
    ]


def test_steps_reordered_within_a_branch() -> None:
    old = base()
    branch(old)["steps"].append({"id": "signs-papers", "action": "Signs papers"})
    new = copy.deepcopy(old)
    branch(new)["steps"].reverse()
    assert diff_lines(old, new) == [
        "changed branch in-branch: step order visits-branch, signs-papers → "
        "signs-papers, visits-branch",
    ]


def test_a_step_made_optional_and_no_longer_optional() -> None:
    new = base()
    step(new, "uploads-id")["optional"] = True
    assert diff_lines(base(), new) == ["changed step uploads-id: made optional"]
    assert diff_lines(new, base()) == ["changed step uploads-id: no longer optional"]


def test_a_step_moved_into_a_branch_and_back_to_the_main_line() -> None:
    new = base()
    moved = stage(new)["steps"].pop(2)
    branch(new)["steps"].append(moved)
    branch(new)["rejoin"] = None
    assert diff_lines(base(), new) == [
        "changed branch in-branch: rejoins at step approved → the step after the one it "
        "leaves from",
        "changed step approved: moved into branch in-branch",
    ]
    assert diff_lines(new, base())[-1] == (
        "changed step approved: moved to the main line (was in branch in-branch)"
    )


def test_emotions_at_branch_steps_are_compared() -> None:
    new = base()
    step(new, "visits-branch")["emotion"] = -1
    found = changes_between(base(), new)
    assert lines(found) == ["worse emotion at step visits-branch: bruno +1 → -1"]


# -- pain points that span steps or a stage --------------------------------------------------


def test_a_pain_point_widened_and_narrowed() -> None:
    new = base()
    step(new, "fills-form")["pain_points"][0]["spans"] = ["uploads-id", "approved"]
    widened = changes_between(base(), new)
    assert lines(widened) == ["widened pain point kyc-wait: now also covers step approved"]
    assert widened[0].kind is Kind.WIDENED and widened[0].direction is Direction.WORSE
    assert (widened[0].before, widened[0].after) == (["uploads-id"], ["uploads-id", "approved"])
    narrowed = changes_between(new, base())
    assert lines(narrowed) == ["narrowed pain point kyc-wait: no longer covers step approved"]
    assert narrowed[0].direction is Direction.BETTER
    assert summary_text(compare(snapshot(base()), snapshot(new))) == (
        "1 map changed: 1 pain point widened"
    )


def test_spans_that_gain_and_lose_steps_are_a_plain_change() -> None:
    new = base()
    step(new, "fills-form")["pain_points"][0]["spans"] = ["approved"]
    assert diff_lines(base(), new) == [
        "changed pain point kyc-wait: also covers: added approved; removed uploads-id"
    ]


def test_a_resolved_pain_point_widened_has_no_verdict() -> None:
    old = base()
    step(old, "fills-form")["pain_points"][0]["status"] = "resolved"
    new = copy.deepcopy(old)
    step(new, "fills-form")["pain_points"][0]["spans"] = ["uploads-id", "approved"]
    (change,) = changes_between(old, new)
    assert (change.kind, change.direction) == (Kind.WIDENED, None)


def test_a_spanning_pain_point_opened_names_every_step_it_covers() -> None:
    old = base()
    step(old, "fills-form")["pain_points"] = []
    found = changes_between(old, base())
    assert lines(found) == [
        'opened pain point kyc-wait: "Waits for the identity check" at steps fills-form, '
        "uploads-id (high, no owner)"
    ]
    assert found[0].detail("covers") == ["fills-form", "uploads-id"]


def test_a_stage_pain_point_added_moved_and_removed() -> None:
    new = base()
    stage(new)["pain_points"] = [
        {"id": "paperwork", "summary": "Too much paperwork", "severity": "medium"}
    ]
    found = changes_between(base(), new)
    assert lines(found) == [
        'opened pain point paperwork: "Too much paperwork" across stage apply (every step) '
        "(medium, no owner)"
    ]
    assert found[0].detail("covers") == ["fills-form", "visits-branch", "uploads-id", "approved"]
    assert lines(changes_between(new, base())) == [
        'removed pain point paperwork: "Too much paperwork" (was open)'
    ]
    # From a step to the whole stage: the same pain point, in another place.
    moved = base()
    pain = step(moved, "fills-form")["pain_points"].pop()
    del pain["spans"]
    stage(moved)["pain_points"] = [pain]
    assert diff_lines(base(), moved) == [
        "changed pain point kyc-wait: moved from step fills-form to stage apply",
    ]
    (first,) = changes_between(base(), moved)
    assert (first.field, first.before, first.after) == (
        "parent",
        {"entity": "step", "id": "fills-form"},
        {"entity": "stage", "id": "apply"},
    )


def test_a_workspace_severity_regraded_by_the_rank_it_counts_as() -> None:
    def with_severity(word: str, counts_as: Severity) -> MapEntry:
        data = base()
        step(data, "fills-form")["pain_points"][0]["severity"] = word
        journey = JourneyMap.model_validate(data)
        journey.stages[0].steps[0].pain_points[0].follow_vocabulary(counts_as)
        return MapEntry(journey, "maps/account.yaml", "maps/account.yaml")

    def between(old: MapEntry, new: MapEntry) -> list[Change]:
        return compare(Snapshot("old", [old]), Snapshot("new", [new])).changes

    regraded = between(
        with_severity("annoying", Severity.LOW), with_severity("blocking", Severity.CRITICAL)
    )
    assert lines(regraded) == ["re-graded pain point kyc-wait: severity annoying → blocking"]
    assert (regraded[0].kind, regraded[0].direction) == (Kind.REGRADED, Direction.WORSE)
    same_rank = between(
        with_severity("blocking", Severity.CRITICAL),
        with_severity("showstopper", Severity.CRITICAL),
    )
    assert lines(same_rank) == ["changed pain point kyc-wait: severity blocking → showstopper"]
    assert same_rank[0].direction is None


# -- KPIs over time --------------------------------------------------------------------------


def test_kpi_baseline_dates_and_period() -> None:
    new = base()
    kpi(new).update(
        baseline=50,
        baseline_date="2026-02-01",
        target_date="2027-06-30",
        actual_date="2026-09-30",
        actual_period={"start": "2026-09-01", "end": "2026-09-30"},
        source="https://dash.example/onboarding",
    )
    assert diff_lines(base(), new) == [
        "changed KPI completion: baseline 52% → 50% (the actual 58% is 8% better)",
        "changed KPI completion: baseline date 2026-01-15 → 2026-02-01",
        "changed KPI completion: target date set to 2027-06-30",
        "changed KPI completion: actual date set to 2026-09-30",
        "changed KPI completion: actual period set to 2026-09-01 to 2026-09-30",
        'changed KPI completion: source set to "https://dash.example/onboarding"',
    ]


def test_an_actual_value_against_its_baseline_and_the_previous_one() -> None:
    new = base()
    kpi(new)["actual"] = 61
    found = changes_between(base(), new)
    assert lines(found) == [
        "better KPI completion: actual 58% → 61% (toward the target of 70%); "
        "9% better than the baseline of 52%"
    ]
    details = change_to_dict(found[0])["details"]
    assert (details["baseline"], details["from_baseline"], details["against_baseline"]) == (
        52,
        9,
        "better",
    )
    fell = base()
    kpi(fell)["actual"] = 49
    assert diff_lines(base(), fell) == [
        "worse KPI completion: actual 58% → 49% (away from the target of 70%); "
        "3% worse than the baseline of 52%"
    ]
    back = base()
    kpi(back)["actual"] = 52
    assert diff_lines(base(), back)[0].endswith("; at the baseline of 52%")


def test_a_baseline_set_or_removed() -> None:
    old = base()
    del kpi(old)["baseline"]
    assert diff_lines(old, base())[0] == (
        "changed KPI completion: baseline set to 52% (the actual 58% is 6% better)"
    )
    assert diff_lines(base(), old)[0] == "changed KPI completion: baseline removed (was 52%)"
    unknown = base()
    del kpi(unknown)["better"]
    lower = copy.deepcopy(unknown)
    kpi(lower)["baseline"] = 60
    assert diff_lines(unknown, lower) == [
        "changed KPI completion: baseline 52% → 60% (the actual 58% is 2% below, direction unknown)"
    ]
    same = base()
    kpi(same)["baseline"] = 58
    assert diff_lines(base(), same) == [
        "changed KPI completion: baseline 52% → 58% (the actual 58% is at the baseline)"
    ]


def test_dates_that_move_say_by_how_many_days() -> None:
    old = base()
    opportunity(old)["due"] = "2027-03-31"
    kpi(old)["target_date"] = "2027-06-30"
    new = copy.deepcopy(old)
    opportunity(new)["due"] = "2027-04-30"
    kpi(new)["target_date"] = "2027-06-29"
    assert diff_lines(old, new) == [
        "changed KPI completion: target date 2027-06-30 → 2027-06-29 (1 day earlier)",
        "changed opportunity instant-kyc: due 2027-03-31 → 2027-04-30 (30 days later)",
    ]


def test_an_actual_value_against_its_baseline_without_a_direction_is_not_judged() -> None:
    old = base()
    del kpi(old)["better"]
    new = copy.deepcopy(old)
    kpi(new)["actual"] = 61
    found = changes_between(old, new)
    assert lines(found) == [
        "changed KPI completion: actual 58% → 61% (direction unknown: add `better: lower` or "
        "`better: higher`); 9% above the baseline of 52%, direction unknown"
    ]
    assert found[0].direction is Direction.UNKNOWN
    assert found[0].detail("against_baseline") == "unknown"


def test_a_first_actual_value_is_placed_against_the_baseline() -> None:
    old = base()
    del kpi(old)["actual"]
    assert diff_lines(old, base()) == [
        "changed KPI completion: actual set to 58% (6% better than the baseline of 52%)"
    ]


def test_a_kpi_without_a_baseline_has_no_baseline_verdict() -> None:
    old = base()
    del kpi(old)["baseline"]
    del kpi(old)["baseline_date"]
    new = copy.deepcopy(old)
    kpi(new)["actual"] = 61
    (change,) = changes_between(old, new)
    assert change.detail("against_baseline") is None
    assert change.detail("from_baseline") is None
    assert describe(change)[1] == "actual 58% → 61% (toward the target of 70%)"


def test_a_new_kpi_shows_its_baseline() -> None:
    old = base()
    stage(old)["kpis"] = []
    assert diff_lines(old, base()) == [
        'added KPI completion: "Applications completed" in stage apply '
        "(baseline 52%, target 70%, actual 58%)"
    ]


# -- opportunities as work items -------------------------------------------------------------


def test_opportunity_status_dates_links_kpis_and_evidence() -> None:
    new = base()
    opportunity(new).update(
        status="in-progress",
        due="2027-03-31",
        release="2027.2",
        kpis=[],
        evidence=["interviews"],
        links=[
            {"url": "https://tracker.example/PAY-123", "key": "PAY-123"},
            {"url": "https://tracker.example/epics/7"},
        ],
    )
    assert diff_lines(base(), new) == [
        "changed opportunity instant-kyc: status planned → in-progress",
        "changed opportunity instant-kyc: evidence: added interviews",
        "changed opportunity instant-kyc: KPIs to move: removed completion",
        "changed opportunity instant-kyc: due set to 2027-03-31",
        "changed opportunity instant-kyc: release set to 2027.2",
        "changed opportunity instant-kyc: links: added https://tracker.example/epics/7",
    ]
    assert diff_lines(new, base())[-1] == (
        "changed opportunity instant-kyc: links: removed https://tracker.example/epics/7"
    )


def test_a_new_opportunity_shows_when_it_is_due() -> None:
    old = base()
    old["opportunities"] = []
    new = base()
    opportunity(new).update(due="2027-03-31", release="2027.2", owner="onboarding")
    assert diff_lines(old, new) == [
        'added opportunity instant-kyc: "Check identity instantly" '
        "(planned, owner onboarding, due 2027-03-31, release 2027.2)"
    ]


def test_a_link_with_a_new_key() -> None:
    new = base()
    opportunity(new)["links"] = [{"url": "https://tracker.example/PAY-123", "key": "PAY-124"}]
    assert diff_lines(base(), new) == [
        "changed opportunity instant-kyc: links: added PAY-124 "
        "(https://tracker.example/PAY-123); removed PAY-123 (https://tracker.example/PAY-123)"
    ]


# -- the step's lanes, times and flags -------------------------------------------------------


def test_blueprint_lanes_and_times() -> None:
    new = base()
    step(new, "uploads-id").update(
        artifacts=["Upload screen", "Confirmation email"],
        policies=["KYC: verify identity before opening"],
        duration="5 min",
        wait="5 days",
        questions=["Which IDs count?"],
        quotes=["I had no scanner"],
    )
    found = changes_between(base(), new)
    assert lines(found) == [
        'changed step uploads-id: questions: added "Which IDs count?"',
        'changed step uploads-id: quotes: added "I had no scanner"',
        'changed step uploads-id: artifacts: added "Confirmation email"',
        'changed step uploads-id: policies: added "KYC: verify identity before opening"',
        "changed step uploads-id: duration set to 5 min",
        "worse step uploads-id: wait 2 days → 5 days",
    ]
    shorter = base()
    step(shorter, "uploads-id")["wait"] = "36 h"
    assert diff_lines(base(), shorter) == ["better step uploads-id: wait 2 days → 36 h"]
    same = base()
    step(same, "uploads-id")["wait"] = "48 h"
    (change,) = changes_between(base(), same)
    assert change.direction is None


def test_fail_points_and_moments_of_truth() -> None:
    new = base()
    step(new, "uploads-id")["fail_point"] = "Photos of IDs are often blurred"
    step(new, "approved")["moment_of_truth"] = True
    assert diff_lines(base(), new) == [
        'changed step uploads-id: marked as a fail point: "Photos of IDs are often blurred"',
        "changed step approved: marked as a moment of truth",
    ]
    assert diff_lines(new, base()) == [
        "changed step uploads-id: no longer marked as a fail point",
        "changed step approved: no longer marked as a moment of truth",
    ]
    why = copy.deepcopy(new)
    step(why, "uploads-id")["fail_point"] = "The upload times out"
    step(why, "approved")["moment_of_truth"] = "Approval decides whether they stay"
    assert diff_lines(new, why) == [
        'changed step uploads-id: why it is a fail point: "Photos of IDs are often blurred" → '
        '"The upload times out"',
        'changed step approved: why it is a moment of truth: "Approval decides whether they stay"',
    ]
    off = base()
    step(off, "approved")["moment_of_truth"] = False
    assert diff_lines(base(), off) == []  # false says what absent says, so nothing changed
    assert diff_lines(off, new)[-1] == "changed step approved: marked as a moment of truth"
    assert diff_lines(why, new)[-1] == (
        "changed step approved: still a moment of truth, without saying why "
        '(was "Approval decides whether they stay")'
    )


def test_per_persona_thoughts_questions_and_quotes() -> None:
    new = base()
    step(new, "uploads-id")["by_persona"] = {
        "bruno": {"questions": ["Can I bring it to a branch?"], "quotes": ["Too technical"]},
    }
    found = changes_between(base(), new)
    assert lines(found) == [
        'changed step uploads-id: bruno\'s questions: added "Can I bring it to a branch?"',
        'changed step uploads-id: bruno\'s quotes: added "Too technical"',
    ]
    as_json = change_to_dict(found[0])
    assert (as_json["field"], as_json["persona"], as_json["after"]) == (
        "questions",
        "bruno",
        ["Can I bring it to a branch?"],
    )
    later = copy.deepcopy(new)
    step(later, "uploads-id")["by_persona"] = {"nadia": {"thoughts": ["Quick enough"]}}
    assert diff_lines(new, later) == [
        'changed step uploads-id: nadia\'s thoughts: added "Quick enough"',
        'changed step uploads-id: bruno\'s questions: removed "Can I bring it to a branch?"',
        'changed step uploads-id: bruno\'s quotes: removed "Too technical"',
    ]


# -- evidence, personas, extensions and formats ----------------------------------------------


def test_evidence_strength_and_its_fields() -> None:
    new = base()
    new["evidence"][0].update(
        confidence="high",
        sample_size=30,
        period={"start": "2026-03-01", "end": "2026-04-15"},
        quotes=["I gave up at the ID step"],
    )
    found = changes_between(base(), new)
    assert lines(found) == [
        "changed evidence interviews: period set to 2026-03-01 to 2026-04-15",
        "changed evidence interviews: sample size 12 → 30",
        "better evidence interviews: confidence low → high (counts 0.5 → 1 in evidence coverage)",
        'changed evidence interviews: quotes: added "I gave up at the ID step"',
    ]
    assert change_to_dict(found[2])["details"] == {"strength_before": 0.5, "strength": 1}
    guess = base()
    guess["evidence"][0]["kind"] = "assumption"
    assert diff_lines(base(), guess) == [
        "worse evidence interviews: kind interview → assumption "
        "(counts 0.5 → 0 in evidence coverage)"
    ]
    medium = base()
    medium["evidence"][0]["confidence"] = "medium"
    unit = base()
    unit["evidence"][0]["sample_unit"] = "sessions"
    assert diff_lines(medium, new)[2] == "changed evidence interviews: confidence medium → high"
    assert diff_lines(base(), unit) == [
        "changed evidence interviews: sample unit people → sessions"
    ]


def test_persona_role_and_image() -> None:
    new = base()
    new["personas"][1].update(role="Retired maths teacher", image="images/bruno.png")
    assert diff_lines(base(), new) == [
        'changed persona bruno: role "Retired teacher" → "Retired maths teacher"',
        "changed persona bruno: image set to images/bruno.png",
    ]


def test_extension_keys_are_not_compared() -> None:
    new = base()
    new["x-jira-project"] = "PAY"
    step(new, "uploads-id")["x-screen-id"] = "S-12"
    opportunity(new)["x-score"] = {"rice": 42}
    assert changes_between(base(), new) == []


def test_a_migrated_map_says_so_once() -> None:
    old = base()
    del old["format"]
    outdated = FindingEntry(
        "CJM126",
        "format-outdated",
        "info",
        "this file is in the 0.x format; the current format is 1.0",
        "maps/account.yaml",
        "maps/account.yaml",
    )
    result = compare(snapshot(old, "old", findings=[outdated]), snapshot(base(), "new"))
    assert lines(result.changes) == ["migrated map: to format 1.0 (from 0.x)"]
    assert summary_text(result) == "1 map changed: 1 file migrated"
    as_json = change_to_dict(result.changes[0])
    assert (as_json["kind"], as_json["field"], as_json["before"], as_json["after"]) == (
        "migrated",
        "format",
        None,
        "1.0",
    )
    # Dropping the version is a change, and its finding is introduced.
    back = compare(snapshot(base(), "old"), snapshot(old, "new", findings=[outdated]))
    assert lines(back.changes) == [
        "changed map: format removed (was 1.0): read as 0.x",
        "introduced CJM126 format-outdated: info: this file is in the 0.x format; the current "
        "format is 1.0",
    ]


def test_a_new_map_counts_branch_steps_and_stage_pain_points() -> None:
    data = base()
    stage(data)["pain_points"] = [{"id": "paperwork", "summary": "Paperwork", "severity": "low"}]
    result = compare(Snapshot("old"), snapshot(data, "new"))
    (added,) = result.changes
    assert (added.kind, added.entity) == (Kind.ADDED, Entity.MAP)
    assert describe(added)[1] == '"Open an account": 1 stage, 4 steps, 2 open pain points'


def test_new_user_text_is_escaped_in_markdown() -> None:
    new = base()
    branch(new)["condition"] = "Card *declined* | retry"
    step(new, "uploads-id")["fail_point"] = "Upload <script> fails"
    opportunity(new)["links"].append({"url": "https://tracker.example/a_b", "key": "PAY-9|x"})
    result = compare(snapshot(base()), snapshot(new))
    table = render_markdown(result)
    assert (
        '| changed | branch `in-branch` | condition "Prefers to talk to someone" → '
        '"Card \\*declined\\* \\| retry" |'
    ) in table
    assert '"Upload \\<script\\> fails"' in table
    assert "added `PAY-9\\|x` (https://tracker.example/a\\_b)" in table


def test_a_branch_moved_to_another_stage_and_a_step_between_branches() -> None:
    old = base()
    old["stages"].append(
        {"id": "use", "name": "Use", "steps": [{"id": "pays", "action": "Pays a bill"}]}
    )
    stage(old)["branches"].append(
        {"id": "by-post", "condition": "No smartphone", "after": "fills-form", "steps": []}
    )
    new = copy.deepcopy(old)
    moved = stage(new)["branches"].pop(0)
    moved.update(after="pays", rejoin=None)
    new["stages"][1]["branches"] = [moved]
    assert diff_lines(old, new) == [
        "changed branch in-branch: moved from stage apply to stage use",
        "changed branch in-branch: leaves after step fills-form → step pays",
        "changed branch in-branch: rejoins at step approved → the step after the one it "
        "leaves from",
        "changed step visits-branch: moved from stage apply to stage use",
    ]
    between = copy.deepcopy(old)
    step_moved = branch(between)["steps"].pop()
    stage(between)["branches"][1]["steps"].append(step_moved)
    assert diff_lines(old, between) == [
        "changed step visits-branch: moved from branch in-branch to branch by-post"
    ]
