"""The ways through a map with branches and optional steps (``cjm.model.paths``), the
handoffs along them, and the steps each pain point covers."""

from __future__ import annotations

from typing import Any

from cjm.model import JourneyMap, paths
from cjm.model.paths import ROUTE_LIMIT, handoffs, persona_handoffs, persona_routes, routes


def _step(step_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": step_id, "action": step_id.title(), **fields}


def _map(*stages: dict[str, Any], personas: tuple[str, ...] = ("ann",)) -> JourneyMap:
    return JourneyMap.model_validate(
        {
            "format": "1.0",
            "id": "m",
            "title": "M",
            "type": "current-state",
            "owner": "ops",
            "reviewed": "2026-10-01",
            "personas": [{"id": p, "name": p.title()} for p in personas],
            "stages": list(stages),
        }
    )


def _stage(stage_id: str, steps: list[str | dict[str, Any]], **fields: Any) -> dict[str, Any]:
    written = [_step(s) if isinstance(s, str) else s for s in steps]
    return {"id": stage_id, "name": stage_id.title(), "steps": written, **fields}


def _ids(found: list[list[Any]]) -> list[list[str]]:
    return [[step.id for step in route] for route in found]


def test_a_map_without_branches_has_one_route() -> None:
    journey = _map(_stage("a", ["one", "two"]), _stage("b", ["three"]))
    assert _ids(routes(journey)) == [["one", "two", "three"]]


def test_alternative_branches_after_one_step_and_a_detour() -> None:
    journey = _map(
        _stage(
            "pay",
            ["card", "confirm", "receipt"],
            branches=[
                {
                    "id": "retry",
                    "condition": "Card declined",
                    "after": "card",
                    "steps": [_step("other-card")],
                },
                {
                    "id": "call",
                    "condition": "Card declined twice",
                    "after": "card",
                    "rejoin": "receipt",
                    "steps": [_step("phone")],
                },
            ],
        )
    )
    assert _ids(routes(journey)) == [
        ["card", "confirm", "receipt"],
        ["card", "other-card", "confirm", "receipt"],
        ["card", "phone", "receipt"],  # rejoining at `receipt` skips `confirm`
    ]
    # Reading order: each branch right after the step it leaves from.
    assert [step.id for step in journey.stages[0].all_steps()] == [
        "card",
        "other-card",
        "phone",
        "confirm",
        "receipt",
    ]
    assert [step.id for _, _, step in journey.iter_steps()] == [
        "card",
        "other-card",
        "phone",
        "confirm",
        "receipt",
    ]
    located = {step.id: path for path, step in journey.located_steps()}
    assert located["phone"] == ("stages", 0, "branches", 1, "steps", 0)
    assert located["confirm"] == ("stages", 0, "steps", 1)
    phone = journey.stages[0].branches[1].steps[0]
    assert journey.branch_of(phone) is journey.stages[0].branches[1]
    assert journey.branch_of(journey.stages[0].steps[0]) is None


def test_a_branch_without_after_starts_the_stage() -> None:
    journey = _map(
        _stage(
            "start",
            ["sign-up", "verify"],
            branches=[{"id": "returning", "rejoin": "verify", "steps": [_step("log-in")]}],
        )
    )
    assert _ids(routes(journey)) == [["sign-up", "verify"], ["log-in", "verify"]]
    assert [step.id for step in journey.stages[0].all_steps()] == ["log-in", "sign-up", "verify"]


def test_a_branch_after_the_last_step_goes_on_to_the_next_stage() -> None:
    journey = _map(
        _stage(
            "a",
            ["one", "two"],
            branches=[{"id": "extra", "after": "two", "steps": [_step("survey")]}],
        ),
        _stage("b", ["three"]),
    )
    assert _ids(routes(journey)) == [["one", "two", "three"], ["one", "two", "survey", "three"]]


def test_optional_steps_are_walked_with_and_without() -> None:
    journey = _map(
        _stage("a", ["one", _step("tour", optional=True), "two"]),
        _stage("b", [_step("invite", optional=True), "three"]),
    )
    assert sorted(_ids(routes(journey))) == sorted(
        [
            ["one", "tour", "two", "invite", "three"],
            ["one", "two", "invite", "three"],
            ["one", "tour", "two", "three"],
            ["one", "two", "three"],
        ]
    )


def test_an_optional_step_of_a_branch() -> None:
    journey = _map(
        _stage(
            "a",
            ["one", "two"],
            branches=[
                {
                    "id": "b",
                    "after": "one",
                    "rejoin": "two",
                    "steps": [_step("x", optional=True), _step("y")],
                }
            ],
        )
    )
    assert sorted(_ids(routes(journey))) == sorted(
        [["one", "two"], ["one", "x", "y", "two"], ["one", "y", "two"]]
    )


def test_persona_routes_keep_only_their_steps_and_drop_repeats() -> None:
    journey = _map(
        _stage(
            "open",
            ["apply", _step("visit-branch", personas=["bob"]), "approve"],
            branches=[
                {
                    "id": "video",
                    "after": "apply",
                    "rejoin": "approve",
                    "steps": [_step("video-call", personas=["ann"])],
                }
            ],
        ),
        personas=("ann", "bob"),
    )
    assert _ids(persona_routes(journey, "ann")) == [
        ["apply", "approve"],
        ["apply", "video-call", "approve"],
    ]
    # Bob never takes the video call: on that branch he goes from apply to approve, as
    # on a route he already has, so it is not listed twice.
    assert _ids(persona_routes(journey, "bob")) == [
        ["apply", "visit-branch", "approve"],
        ["apply", "approve"],
    ]
    assert [s.id for s in paths.persona_path(journey, "bob")] == [
        "apply",
        "visit-branch",
        "approve",
    ]


def test_beyond_the_route_limit_each_branch_is_walked_on_its_own() -> None:
    # 9 forks of 2 alternatives each: 3**9 ways in one stage, far beyond the limit.
    main = [f"s{n}" for n in range(10)]
    branches = [
        {"id": f"b{n}-{k}", "after": f"s{n}", "steps": [_step(f"x{n}-{k}")]}
        for n in range(9)
        for k in range(2)
    ]
    journey = _map(_stage("a", main, branches=branches))
    found = _ids(routes(journey))
    assert len(found) == 1 + 18 <= ROUTE_LIMIT
    assert found[0] == main
    for n in range(9):
        for k in range(2):
            assert [*main[: n + 1], f"x{n}-{k}", *main[n + 1 :]] in found


def test_beyond_the_route_limit_stages_are_combined_with_the_others_main_lines() -> None:
    stages = [
        _stage(
            f"st{n}",
            [f"a{n}", _step(f"o{n}", optional=True), f"b{n}"],
            branches=[{"id": f"br{n}", "after": f"a{n}", "steps": [_step(f"x{n}")]}],
        )
        for n in range(6)
    ]
    journey = _map(*stages)  # 4 ways per stage, 4**6 in all
    found = _ids(routes(journey))
    assert len(found) <= ROUTE_LIMIT
    main = [step for n in range(6) for step in (f"a{n}", f"o{n}", f"b{n}")]
    assert found[0] == main
    every_pair = {(r[i], r[i + 1]) for r in found for i in range(len(r) - 1)}
    for n in range(6):
        assert (f"a{n}", f"x{n}") in every_pair
        assert (f"a{n}", f"b{n}") in every_pair  # the optional step skipped


def test_many_optional_steps_are_each_skipped_at_least_once() -> None:
    steps: list[str | dict[str, Any]] = [_step(f"o{n}", optional=True) for n in range(12)]
    journey = _map(_stage("a", ["start", *steps, "end"]))
    found = _ids(routes(journey))
    assert len(found) == 13
    for n in range(12):
        assert any(f"o{n}" not in route for route in found)


# -- handoffs along routes ------------------------------------------------------------------


def test_handoffs_follow_every_route() -> None:
    web = {"touchpoints": ["site"]}
    journey = _map(
        _stage(
            "open",
            [_step("apply", owner="digital", **web), _step("approve", owner="risk", **web)],
            branches=[
                {
                    "id": "branch-visit",
                    "after": "apply",
                    "rejoin": "approve",
                    "steps": [_step("visit", owner="branches", frontstage=["Checks ID"])],
                }
            ],
        )
    )
    found = [(h.from_owner, h.to_owner, h.step.id) for h in handoffs(journey)]
    assert found == [
        ("digital", "branches", "visit"),
        ("digital", "risk", "approve"),
        ("branches", "risk", "approve"),
    ]
    assert {h.personas for h in handoffs(journey)} == {("ann",)}


def test_no_handoff_between_two_alternatives() -> None:
    journey = _map(
        _stage(
            "open",
            [_step("apply", owner="digital", touchpoints=["site"])],
            branches=[
                {
                    "id": "one",
                    "after": "apply",
                    "steps": [_step("x", owner="a", touchpoints=["t"])],
                },
                {
                    "id": "two",
                    "after": "apply",
                    "steps": [_step("y", owner="b", touchpoints=["t"])],
                },
            ],
        )
    )
    pairs = {(h.previous.id, h.step.id) for h in persona_handoffs(journey, "ann")}
    assert pairs == {("apply", "x"), ("apply", "y")}


def test_an_optional_step_skipped_leaves_a_handoff_around_it() -> None:
    journey = _map(
        _stage(
            "a",
            [
                _step("one", owner="sales", touchpoints=["t"]),
                _step("demo", owner="presales", touchpoints=["t"], optional=True),
                _step("two", owner="success", touchpoints=["t"]),
            ],
        )
    )
    pairs = {(h.previous.id, h.step.id) for h in handoffs(journey)}
    assert pairs == {("one", "demo"), ("demo", "two"), ("one", "two")}


# -- what pain points cover -----------------------------------------------------------------


def test_a_pain_point_covers_its_step_and_those_it_spans_in_journey_order() -> None:
    journey = _map(
        _stage(
            "open",
            [
                _step(
                    "apply",
                    pain_points=[
                        {
                            "id": "kyc-wait",
                            "summary": "Waits for the identity check",
                            "severity": "high",
                            "spans": ["approve", "upload", "apply"],
                        }
                    ],
                ),
                "upload",
                "approve",
            ],
        ),
        _stage(
            "use",
            ["log-in", "first-payment"],
            pain_points=[{"id": "confusing", "summary": "Confusing app", "severity": "low"}],
        ),
    )
    kyc, confusing = journey.pain_points()
    assert kyc.id == "kyc-wait" and confusing.id == "confusing"
    assert [s.id for s in journey.covered_steps(kyc)] == ["apply", "upload", "approve"]
    assert [s.id for s in journey.covered_steps(confusing)] == ["log-in", "first-payment"]
    at = {step: [p.id for p in pains] for step, pains in journey.pain_points_at().items()}
    assert at == {
        "apply": ["kyc-wait"],
        "upload": ["kyc-wait"],
        "approve": ["kyc-wait"],
        "log-in": ["confusing"],
        "first-payment": ["confusing"],
    }
    located = [path for path, _ in journey.located_pain_points()]
    assert located == [
        ("stages", 0, "steps", 0, "pain_points", 0),
        ("stages", 1, "pain_points", 0),
    ]


def test_a_stage_pain_point_covers_its_branch_steps_too() -> None:
    journey = _map(
        _stage(
            "a",
            ["one", "two"],
            pain_points=[{"id": "slow", "summary": "Slow", "severity": "medium"}],
            branches=[{"id": "b", "after": "one", "steps": [_step("detour")]}],
        )
    )
    (slow,) = journey.pain_points()
    assert [s.id for s in journey.covered_steps(slow)] == ["one", "detour", "two"]


def test_spans_naming_an_unknown_step_cover_only_what_exists() -> None:
    journey = _map(
        _stage(
            "a",
            [
                _step(
                    "one",
                    pain_points=[
                        {"id": "p", "summary": "P", "severity": "low", "spans": ["nowhere"]}
                    ],
                )
            ],
        )
    )
    (pain,) = journey.pain_points()
    assert [s.id for s in journey.covered_steps(pain)] == ["one"]


def test_a_pain_point_of_another_map_covers_nothing() -> None:
    journey = _map(_stage("a", ["one"]))
    other = _map(
        _stage("a", [_step("one", pain_points=[{"id": "p", "summary": "P", "severity": "low"}])])
    )
    assert journey.covered_steps(other.pain_points()[0]) == []


def test_all_kpis_lists_each_stage_s_then_its_steps_in_reading_order() -> None:
    journey = _map(
        _stage(
            "a",
            [_step("one", kpis=[{"id": "k2", "name": "K2"}])],
            kpis=[{"id": "k1", "name": "K1"}],
            branches=[{"id": "b", "steps": [_step("x", kpis=[{"id": "k3", "name": "K3"}])]}],
        ),
        _stage("b", [_step("two", kpis=[{"id": "k4", "name": "K4"}])]),
    )
    assert [k.id for k in journey.all_kpis()] == ["k1", "k3", "k2", "k4"]


def test_coverage_is_worked_out_once_per_map_and_again_for_a_copy(
    monkeypatch: Any,
) -> None:
    journey = _map(
        _stage(
            "s",
            [
                _step(
                    "a",
                    pain_points=[
                        {"id": "wait", "summary": "W", "severity": "high", "spans": ["c"]}
                    ],
                ),
                "b",
                _step("c", pain_points=[{"id": "late", "summary": "L", "severity": "low"}]),
            ],
        )
    )
    passes: list[int] = []
    work_out = JourneyMap._work_out_coverage

    def counted(self: JourneyMap) -> dict[int, list[Any]]:
        passes.append(id(self))
        return work_out(self)

    monkeypatch.setattr(JourneyMap, "_work_out_coverage", counted)
    wait, late = journey.pain_points()
    assert [s.id for s in journey.covered_steps(wait)] == ["a", "c"]
    assert [s.id for s in journey.covered_steps(late)] == ["c"]
    assert {k: [p.id for p in v] for k, v in journey.pain_points_at().items()} == {
        "a": ["wait"],
        "c": ["wait", "late"],
    }
    assert passes == [id(journey)]
    copy = journey.model_copy(deep=True)
    copied_wait, _ = copy.pain_points()
    assert [s.id for s in copy.covered_steps(copied_wait)] == ["a", "c"]
    assert all(
        step is not original
        for step, original in zip(
            copy.covered_steps(copied_wait), journey.covered_steps(wait), strict=True
        )
    )
    assert passes == [id(journey), id(copy)]


def test_a_branch_is_listed_once_when_two_main_line_steps_share_its_start() -> None:
    """Two main-line steps with one id are an error of their own (a duplicate id); the
    branch leaving from that id is still one branch, listed after the first of them."""
    branch = {"id": "by-hand", "after": "import", "steps": [_step("type-in")]}
    journey = _map(_stage("a", ["sign-up", "import", "import"], branches=[branch]))
    assert [step.id for step in journey.stages[0].all_steps()] == [
        "sign-up",
        "import",
        "type-in",
        "import",
    ]
