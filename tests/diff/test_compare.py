"""`compare` on small models: every kind of change, matched by id, in journey order."""

from __future__ import annotations

import copy
from typing import Any

from cjm.diff.compare import compare
from cjm.diff.model import (
    Change,
    DiffResult,
    Direction,
    Entity,
    FindingEntry,
    Kind,
    MapEntry,
    Matching,
    Pair,
    Ref,
    SharedEntry,
    Snapshot,
)
from cjm.diff.render import describe, label, summary_text
from cjm.model import JourneyMap, Touchpoint

BASE: dict[str, Any] = {
    "id": "trial",
    "title": "Trial to paid",
    "type": "current-state",
    "owner": "growth",
    "reviewed": "2026-10-01",
    "personas": ["olivia", "farid"],
    "teams": [{"id": "growth", "name": "Growth"}, {"id": "sales", "name": "Sales"}],
    "touchpoints": [{"id": "web", "name": "Website", "channel": "web", "owner": "growth"}],
    "stages": [
        {
            "id": "discover",
            "name": "Discover",
            "kpis": [{"id": "visits", "name": "Visits", "target": 100, "actual": 80}],
            "steps": [
                {
                    "id": "reads",
                    "action": "Reads reviews",
                    "touchpoints": ["web"],
                    "emotions": {"olivia": 1, "farid": 0},
                },
                {
                    "id": "compares",
                    "action": "Compares plans",
                    "emotion": -1,
                    "pain_points": [
                        {
                            "id": "confusing-price",
                            "summary": "Price is confusing",
                            "severity": "medium",
                            "owner": "growth",
                        }
                    ],
                },
            ],
        },
        {
            "id": "buy",
            "name": "Buy",
            "kpis": [
                {
                    "id": "cycle",
                    "name": "Cycle days",
                    "target": 21,
                    "actual": 38,
                    "unit": "days",
                    "better": "lower",
                }
            ],
            "steps": [{"id": "signs", "action": "Signs", "emotion": 1}],
        },
    ],
    "opportunities": [
        {
            "id": "clear-pricing",
            "summary": "Clear pricing",
            "addresses": ["confusing-price"],
            "status": "planned",
        }
    ],
}


def base() -> dict[str, Any]:
    return copy.deepcopy(BASE)


def snapshot(data: dict[str, Any], label: str = "side", **extra: Any) -> Snapshot:
    entry = MapEntry(JourneyMap.model_validate(data), "maps/trial.yaml", "maps/trial.yaml")
    return Snapshot(label, [entry], **extra)


def changes_between(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    result = compare(snapshot(old, "old"), snapshot(new, "new"))
    return result.changes


def facts(change: Change) -> tuple[Any, ...]:
    return (change.kind, change.entity, change.id, change.field, change.before, change.after)


def lines(changes: list[Change]) -> list[str]:
    """Each change as the text report words it."""
    return [f"{label(c)} {': '.join(describe(c))}" for c in changes]


def stage(data: dict[str, Any], stage_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in data["stages"] if s["id"] == stage_id)
    return found


def step(data: dict[str, Any], step_id: str) -> dict[str, Any]:
    for each in data["stages"]:
        for found in each["steps"]:
            if found["id"] == step_id:
                result: dict[str, Any] = found
                return result
    raise KeyError(step_id)


def pain(data: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = step(data, "compares")["pain_points"][0]
    return found


# -- nothing, and the map itself -------------------------------------------------------------


def test_identical_maps_have_no_changes() -> None:
    result = compare(snapshot(base()), snapshot(base()))
    assert result.sections == []
    assert not result.has_changes
    assert summary_text(result) == "No changes"


def test_map_fields_rename_and_owner() -> None:
    new = base()
    new["title"] = "Trial to paying customer"
    new["reviewed"] = "2026-11-01"
    new["owner"] = "sales"
    new["tags"] = ["b2b"]
    assert lines(changes_between(base(), new)) == [
        'renamed map: "Trial to paid" → "Trial to paying customer"',
        "re-owned map: owner growth → sales",
        "changed map: reviewed 2026-10-01 → 2026-11-01",
        "changed map: tags: added b2b",
    ]


def test_personas_covered_by_the_map() -> None:
    new = base()
    new["personas"] = ["olivia", {"id": "ivan", "name": "IT Ivan"}]
    found = [c for c in changes_between(base(), new) if c.entity is Entity.PERSONA]
    assert lines(found) == [
        'added persona ivan: "IT Ivan" now covered by the map',
        "removed persona farid: no longer covered by the map",
    ]


def test_inline_persona_definition_changes() -> None:
    old = base()
    old["personas"] = ["olivia", {"id": "farid", "name": "Farid", "goals": ["Save"]}]
    new = copy.deepcopy(old)
    new["personas"][1] = {"id": "farid", "name": "Finance Farid", "goals": ["Save", "Plan"]}
    assert lines(changes_between(old, new)) == [
        'renamed persona farid: "Farid" → "Finance Farid"',
        'changed persona farid: goals: added "Plan"',
    ]


# -- stages and steps ----------------------------------------------------------------------


def test_stages_added_removed_renamed_changed_and_reordered() -> None:
    old = base()
    old["stages"].append({"id": "renew", "name": "Renew", "steps": [{"id": "r", "action": "R"}]})
    new = base()
    new["stages"].reverse()
    stage(new, "discover")["name"] = "Find"
    stage(new, "buy")["customer_goal"] = "Get a quote"
    new["stages"].append(
        {"id": "advocate", "name": "Advocate", "steps": [{"id": "refers", "action": "Refers"}]}
    )
    assert lines(changes_between(old, new)) == [
        "changed map: stage order discover, buy → buy, discover",
        'changed stage buy: customer goal set to "Get a quote"',
        'renamed stage discover: "Discover" → "Find"',
        'added stage advocate: "Advocate"',
        'added step refers: "Refers" in stage advocate',
        'removed stage renew: "Renew"',
        'removed step r: "R" (was in stage renew)',
    ]


def test_steps_added_removed_renamed_moved_and_changed() -> None:
    new = base()
    discover, buy = new["stages"]
    reads, compares = discover["steps"]
    reads["action"] = "Reads peer reviews"
    reads["touchpoints"] = []
    reads["owner"] = "growth"
    discover["steps"] = [reads]
    buy["steps"].insert(0, compares)
    buy["steps"].append({"id": "pays", "action": "Pays the invoice", "emotion": 0})
    old = base()
    stage(old, "buy")["steps"].append({"id": "haggles", "action": "Haggles"})
    found = [c for c in changes_between(old, new) if c.entity is Entity.STEP]
    assert lines(found) == [
        'renamed step reads: "Reads reviews" → "Reads peer reviews"',
        "changed step reads: touchpoints: removed web",
        "re-owned step reads: got an owner: growth",
        "changed step compares: moved from stage discover to stage buy",
        'removed step haggles: "Haggles" (was in stage buy)',
        'added step pays: "Pays the invoice" in stage buy',
    ]
    moved = next(c for c in found if c.field == "stage")
    assert (moved.before, moved.after, moved.parent) == (
        "discover",
        "buy",
        Ref(Entity.STAGE, "buy"),
    )


def test_steps_reordered_within_a_stage() -> None:
    new = base()
    stage(new, "discover")["steps"].reverse()
    assert lines(changes_between(base(), new)) == [
        "changed stage discover: step order reads, compares → compares, reads"
    ]


# -- emotions ------------------------------------------------------------------------------


def test_emotions_per_step_and_persona_with_direction() -> None:
    new = base()
    step(new, "reads")["emotions"] = {"olivia": -1, "farid": 1}
    step(new, "compares")["emotion"] = {"score": -2, "label": "lost"}
    found = changes_between(base(), new)
    assert [(c.id, c.persona, c.before, c.after, c.direction) for c in found] == [
        ("reads", "olivia", 1, -1, Direction.WORSE),
        ("reads", "farid", 0, 1, Direction.BETTER),
        ("compares", "olivia", -1, -2, Direction.WORSE),
        ("compares", "farid", -1, -2, Direction.WORSE),
    ]
    assert lines(found)[2] == "worse emotion at step compares: olivia -1 → -2 (lost)"
    # Two personas feeling worse at one step is one step that got worse.
    result = compare(snapshot(base()), snapshot(new))
    assert summary_text(result) == "1 map changed: 2 steps got worse, 1 step got better"


def test_emotions_added_removed_and_relabelled() -> None:
    old, new = base(), base()
    del step(old, "signs")["emotion"]
    step(new, "reads")["personas"] = ["olivia"]
    step(new, "compares")["emotion"] = {"score": -1, "label": "unsure"}
    assert lines(changes_between(old, new)) == [
        "changed step reads: personas all → olivia",
        "removed emotion at step reads: farid (was 0)",
        'changed emotion at step compares: olivia label set to "unsure"',
        'changed emotion at step compares: farid label set to "unsure"',
        "added emotion at step signs: olivia +1",
        "added emotion at step signs: farid +1",
    ]


def test_emotions_of_a_persona_only_one_side_covers_are_not_compared() -> None:
    new = base()
    new["personas"] = ["olivia", "farid", "ivan"]
    step(new, "reads")["emotions"]["ivan"] = -2
    assert [c.entity for c in changes_between(base(), new)] == [Entity.PERSONA]


# -- pain points -----------------------------------------------------------------------------


def test_pain_point_opened_and_added_already_resolved() -> None:
    new = base()
    step(new, "signs")["pain_points"] = [
        {"id": "slow-legal", "summary": "Legal is slow", "severity": "high"},
        {"id": "fax", "summary": "Needs a fax", "severity": "low", "status": "resolved"},
    ]
    found = changes_between(base(), new)
    assert [facts(c) for c in found] == [
        (Kind.OPENED, Entity.PAIN_POINT, "slow-legal", None, None, "open"),
        (Kind.ADDED, Entity.PAIN_POINT, "fax", None, None, "resolved"),
    ]
    assert lines(found) == [
        'opened pain point slow-legal: "Legal is slow" at step signs (high, no owner)',
        'added pain point fax: "Needs a fax" at step signs (resolved, low, no owner)',
    ]


def test_pain_point_status_changes() -> None:
    cases = [
        ("open", "resolved", Kind.RESOLVED, Direction.BETTER),
        ("open", "mitigated", Kind.MITIGATED, Direction.BETTER),
        ("resolved", "mitigated", Kind.MITIGATED, Direction.WORSE),
        ("resolved", "open", Kind.REOPENED, Direction.WORSE),
    ]
    for before, after, kind, direction in cases:
        old, new = base(), base()
        pain(old)["status"] = before
        pain(new)["status"] = after
        [change] = changes_between(old, new)
        assert (change.kind, change.direction, change.before, change.after) == (
            kind,
            direction,
            before,
            after,
        )
        assert lines([change]) == [
            f'{label(change)} pain point confusing-price: "Price is confusing" (was {before})'
        ]


def test_pain_point_regraded_reowned_moved_and_removed() -> None:
    new = base()
    moved = pain(new) | {"severity": "critical", "owner": None}
    del step(new, "compares")["pain_points"]
    step(new, "signs")["pain_points"] = [moved]
    found = changes_between(base(), new)
    assert lines(found) == [
        "changed pain point confusing-price: moved from step compares to step signs",
        "re-graded pain point confusing-price: severity medium → critical",
        "re-owned pain point confusing-price: lost its owner (was growth)",
    ]
    assert found[1].direction is Direction.WORSE

    gone = base()
    del step(gone, "compares")["pain_points"]
    assert lines(changes_between(base(), gone)) == [
        'removed pain point confusing-price: "Price is confusing" (was open)'
    ]


def test_pain_point_regraded_lower_is_better() -> None:
    new = base()
    pain(new)["severity"] = "low"
    [change] = changes_between(base(), new)
    assert (change.kind, change.direction) == (Kind.REGRADED, Direction.BETTER)


# -- opportunities ---------------------------------------------------------------------------


def test_opportunities_added_completed_dropped_changed_removed() -> None:
    old = base()
    old["opportunities"].append({"id": "chatbot", "summary": "Chatbot", "status": "idea"})
    old["opportunities"].append({"id": "faq", "summary": "FAQ"})
    new = copy.deepcopy(old)
    new["opportunities"][0]["status"] = "done"
    new["opportunities"][1]["status"] = "dropped"
    new["opportunities"][2]["status"] = "planned"
    new["opportunities"][2]["owner"] = "growth"
    new["opportunities"].append(
        {"id": "calculator", "summary": "Seat calculator", "owner": "sales", "impact": "high"}
    )
    del old["opportunities"][2]
    old["opportunities"].append({"id": "webinar", "summary": "Webinar", "status": "planned"})
    assert lines(changes_between(old, new)) == [
        'completed opportunity clear-pricing: "Clear pricing" (was planned)',
        'dropped opportunity chatbot: "Chatbot" (was idea)',
        'added opportunity faq: "FAQ" (planned, owner growth)',
        'added opportunity calculator: "Seat calculator" (idea, owner sales, impact high)',
        'removed opportunity webinar: "Webinar" (was planned)',
    ]
    later = copy.deepcopy(new)
    later["opportunities"][2]["status"] = "in-progress"
    assert lines(changes_between(new, later)) == [
        "changed opportunity faq: status planned → in-progress"
    ]


# -- KPIs ------------------------------------------------------------------------------------


def with_direction(data: dict[str, Any], better: str = "higher") -> dict[str, Any]:
    """``data`` with a direction on the `visits` KPI (`cycle` has ``better: lower``)."""
    stage(data, "discover")["kpis"][0]["better"] = better
    return data


def test_kpi_actual_toward_and_away_from_the_target() -> None:
    new = with_direction(base())
    stage(new, "discover")["kpis"][0]["actual"] = 90  # higher is better: toward 100
    stage(new, "buy")["kpis"][0]["actual"] = 45  # lower is better: away from 21
    found = changes_between(with_direction(base()), new)
    assert [(c.id, c.before, c.after, c.direction) for c in found] == [
        ("visits", 80, 90, Direction.TOWARD_TARGET),
        ("cycle", 38, 45, Direction.AWAY_FROM_TARGET),
    ]
    assert lines(found) == [
        "better KPI visits: actual 80 → 90 (toward the target of 100)",
        "worse KPI cycle: actual 38 days → 45 days (away from the target of 21 days)",
    ]
    result = compare(snapshot(with_direction(base())), snapshot(new))
    assert summary_text(result) == (
        "1 map changed: 1 KPI moved toward its target, 1 KPI moved away from its target"
    )


def test_kpi_reaching_its_target_and_kpis_without_one() -> None:
    new = with_direction(base())
    stage(new, "buy")["kpis"][0]["actual"] = 20
    stage(new, "discover")["kpis"][0]["target"] = None
    stage(new, "discover")["kpis"][0]["actual"] = 70
    found = changes_between(with_direction(base()), new)
    assert lines(found) == [
        "changed KPI visits: target removed (was 100)",
        "worse KPI visits: actual 80 → 70",
        "better KPI cycle: actual 38 days → 20 days (toward the target of 21 days, now met)",
    ]
    assert [c.detail("target_met") for c in found] == [None, None, True]


def test_kpi_without_a_direction_is_never_judged() -> None:
    new = base()  # `visits` says nothing about which way is better
    stage(new, "discover")["kpis"][0]["actual"] = 120  # past its target of 100
    [change] = changes_between(base(), new)
    assert (change.kind, change.direction, change.before, change.after) == (
        Kind.CHANGED,
        Direction.UNKNOWN,
        80,
        120,
    )
    assert (change.detail("better"), change.detail("target_met")) == ("unknown", None)
    assert label(change) == "changed"
    assert lines([change]) == [
        "changed KPI visits: actual 80 → 120 "
        "(direction unknown: add `better: lower` or `better: higher`)"
    ]
    result = compare(snapshot(base()), snapshot(new))
    assert summary_text(result) == "1 map changed: 1 KPI moved (direction unknown)"
    assert [t.key for t in result.tallies()] == ["kpis_direction_unknown"]


def test_kpi_direction_set_removed_and_flipped() -> None:
    cases = [
        (None, "lower", "direction set: lower is better (it was unknown)", Direction.BETTER),
        ("higher", None, "direction removed (was: higher is better): now unknown", None),
        ("higher", "lower", "direction higher is better → lower is better", Direction.BETTER),
    ]
    for before, after, words, judged in cases:
        old, new = base(), base()
        del stage(old, "discover")["kpis"][0]["target"]
        del stage(new, "discover")["kpis"][0]["target"]
        stage(old, "discover")["kpis"][0]["better"] = before
        stage(new, "discover")["kpis"][0]["better"] = after
        stage(new, "discover")["kpis"][0]["actual"] = 60
        found = changes_between(old, new)
        # The new side's direction judges the move; without one it stays unknown.
        assert [(c.field, c.direction) for c in found] == [
            ("actual", judged or Direction.UNKNOWN),
            ("better", None),
        ], (before, after)
        assert lines(found)[1] == f"changed KPI visits: {words}"


def test_kpi_target_moved_added_removed_and_moved_to_a_step() -> None:
    new = base()
    visits = stage(new, "discover")["kpis"].pop()
    visits["target"] = 120
    step(new, "reads")["kpis"] = [visits]
    stage(new, "buy")["kpis"] = [{"id": "deals", "name": "Deals", "target": 10}]
    assert lines(changes_between(base(), new)) == [
        "changed KPI visits: moved from stage discover to step reads",
        "changed KPI visits: target 100 → 120",
        'added KPI deals: "Deals" in stage buy (target 10)',
        'removed KPI cycle: "Cycle days" (was in stage buy)',
    ]


# -- definitions inside a map and shared ones ------------------------------------------------


def test_inline_definitions() -> None:
    new = base()
    new["touchpoints"] = [
        {"id": "web", "name": "Website", "channel": "app"},
        {"id": "chat", "name": "Chat", "channel": "chat", "owner": "sales"},
    ]
    new["teams"][1]["name"] = "Sales team"
    new["evidence"] = [{"id": "survey", "kind": "survey", "title": "Exit survey"}]
    assert lines(changes_between(base(), new)) == [
        'renamed team sales: "Sales" → "Sales team"',
        "changed touchpoint web: channel web → app",
        "re-owned touchpoint web: lost its owner (was growth)",
        'added touchpoint chat: "Chat"',
        'added evidence survey: "Exit survey"',
    ]


def _shared(touchpoints: list[dict[str, Any]], selected: bool = True) -> list[SharedEntry]:
    return [
        SharedEntry(
            Entity.TOUCHPOINT,
            Touchpoint.model_validate(t),
            "shared/touchpoints.yaml",
            "shared/touchpoints.yaml",
            selected,
        )
        for t in touchpoints
    ]


def test_shared_definitions_form_their_own_section() -> None:
    old = snapshot(base(), shared=_shared([{"id": "pricing", "name": "Pricing", "channel": "web"}]))
    new = snapshot(
        base(),
        shared=_shared([{"id": "pricing", "name": "Pricing", "channel": "web", "owner": "growth"}]),
    )
    result = compare(old, new)
    [section] = result.sections
    assert (section.map_id, section.path) == (None, "shared/touchpoints.yaml")
    assert lines(section.changes) == ["re-owned touchpoint pricing: got an owner: growth"]
    assert summary_text(result) == "1 shared file changed: 1 other change"


def test_unselected_files_are_not_reported() -> None:
    def entry(data: dict[str, Any]) -> MapEntry:
        journey = JourneyMap.model_validate(data)
        return MapEntry(journey, "maps/trial.yaml", "maps/trial.yaml", selected=False)

    changed = base()
    changed["title"] = "Other"
    touchpoint = {"id": "p", "name": "P", "channel": "web"}
    old = Snapshot("old", [entry(base())], _shared([touchpoint], False))
    new = Snapshot("new", [entry(changed)], _shared([], False))
    assert compare(old, new).sections == []


# -- whole maps ------------------------------------------------------------------------------


def test_maps_are_matched_by_id_added_and_removed() -> None:
    other = base() | {"id": "renewal", "title": "Renewal"}
    old = snapshot(base())
    new = Snapshot(
        "new", [MapEntry(JourneyMap.model_validate(other), "maps/r.yaml", "maps/r.yaml")]
    )
    result = compare(old, new)
    assert [(s.map_id, lines(s.changes)) for s in result.sections] == [
        ("renewal", ['added map: "Renewal": 2 stages, 3 steps, 1 open pain point']),
        ("trial", ['removed map: "Trial to paid"']),
    ]
    assert summary_text(result) == "2 maps changed: 1 map added, 1 map removed"


def test_named_maps_are_paired_despite_a_new_id() -> None:
    other = base() | {"id": "trial-to-paid"}
    old = snapshot(base())
    new = snapshot(other)
    paired = compare(old, new, matching=Matching.NAMED)
    assert lines(paired.changes) == ["changed map: id trial → trial-to-paid"]
    assert paired.pair == Pair("trial", "maps/trial.yaml", "trial-to-paid", "maps/trial.yaml")
    assert not paired.pair.same_map
    assert len(compare(old, new).sections) == 2


def _both_maps(named: str) -> Snapshot:
    """A workspace of a current-state map and its future state, one of them asked about."""
    future = base() | {"id": "trial-next", "title": "Trial, next year", "type": "future-state"}
    future["current_state"] = "trial"
    step(future, "compares")["emotion"] = 1
    return Snapshot(
        named,
        [
            MapEntry(JourneyMap.model_validate(base()), "now.yaml", "now.yaml", named == "now"),
            MapEntry(JourneyMap.model_validate(future), "next.yaml", "next.yaml", named == "next"),
        ],
    )


def test_two_maps_of_one_workspace_are_compared_with_each_other() -> None:
    # Both maps are on both sides: matching them by id would compare each with itself.
    old, new = _both_maps("now"), _both_maps("next")
    assert compare(old, new).sections == []
    result = compare(old, new, matching=Matching.NAMED)
    assert result.pair == Pair("trial", "now.yaml", "trial-next", "next.yaml")
    [section] = result.sections
    assert (section.map_id, section.path, section.old_path) == ("trial-next", "next.yaml", None)
    assert lines(section.changes) == [
        "changed map: id trial → trial-next",
        'renamed map: "Trial to paid" → "Trial, next year"',
        "changed map: type current-state → future-state",
        "changed map: current state set to trial",
        "better emotion at step compares: olivia -1 → +1",
        "better emotion at step compares: farid -1 → +1",
    ]


def test_selected_matching_pairs_only_the_maps_asked_about() -> None:
    # Two folders of one workspace, each with a version of one map: both versions are on
    # both sides, and each side asks about one of them.
    newer = base() | {"title": "Trial to paying customer"}

    def side(asked: str) -> Snapshot:
        return Snapshot(
            asked,
            [
                MapEntry(
                    JourneyMap.model_validate(base()), "v1/t.yaml", "v1/t.yaml", asked == "v1"
                ),
                MapEntry(JourneyMap.model_validate(newer), "v2/t.yaml", "v2/t.yaml", asked == "v2"),
            ],
        )

    assert compare(side("v1"), side("v2")).sections == []  # v1 against itself
    result = compare(side("v1"), side("v2"), matching=Matching.SELECTED)
    assert lines(result.changes) == ['renamed map: "Trial to paid" → "Trial to paying customer"']


def test_a_map_file_that_moved_keeps_its_old_path() -> None:
    new = base()
    new["reviewed"] = "2026-11-02"
    moved = Snapshot(
        "new", [MapEntry(JourneyMap.model_validate(new), "maps/t.yaml", "maps/t.yaml")]
    )
    [section] = compare(snapshot(base()), moved).sections
    assert (section.path, section.old_path) == ("maps/t.yaml", "maps/trial.yaml")


# -- lint findings -----------------------------------------------------------------------------


def _finding(code: str, message: str, key: str = "maps/trial.yaml") -> FindingEntry:
    return FindingEntry(code, "some-rule", "warning", message, key, key)


def test_findings_introduced_and_fixed_ignore_line_numbers() -> None:
    old = snapshot(
        base(),
        findings=[
            _finding("CJM104", "duplicate step id 'a': also defined on line 7"),
            _finding("CJM110", "step 'reads' has no emotion for 'farid'"),
            _finding("CJM110", "step 'reads' has no emotion for 'farid'"),
        ],
    )
    new = snapshot(
        base(),
        findings=[
            _finding("CJM104", "duplicate step id 'a': also defined on line 12"),
            _finding("CJM110", "step 'reads' has no emotion for 'farid'"),
            _finding("CJM102", "pain point 'x' has no owner"),
        ],
    )
    result = compare(old, new)
    assert lines(result.changes) == [
        "introduced CJM102 some-rule: warning: pain point 'x' has no owner",
        "fixed CJM110 some-rule: warning: step 'reads' has no emotion for 'farid'",
    ]
    assert summary_text(result) == "1 map changed: 1 finding introduced, 1 finding fixed"


def test_findings_in_shared_files() -> None:
    old = snapshot(base())
    new = snapshot(base(), findings=[_finding("CJM112", "touchpoint 'x' has no owner", "s.yaml")])
    [section] = compare(old, new).sections
    assert (section.map_id, section.path) == (None, "s.yaml")
    assert [c.kind for c in section.changes] == [Kind.INTRODUCED]


def test_result_is_plain_data() -> None:
    result = compare(snapshot(base()), snapshot(base()))
    assert isinstance(result, DiffResult)
    assert (result.old_label, result.new_label) == ("side", "side")
