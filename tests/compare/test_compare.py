"""The comparison of a current-state map with its future state: steps, emotions, pain
points and KPIs, on the fixture pair under fixtures/pair."""

from __future__ import annotations

import datetime
from pathlib import Path

from cjm.compare import (
    PainFate,
    PersonaSide,
    ResolvedBecause,
    StepStatus,
    compare_maps,
)
from cjm.compare.align import merge_order
from cjm.model.journey import KpiDirection

from .helpers import contexts, copy_pair, pair_comparison


def test_merge_order_keeps_removed_ids_before_what_followed_them() -> None:
    assert merge_order(["a", "b", "c", "d"], ["a", "x", "c"]) == ["a", "x", "b", "c", "d"]
    assert merge_order([], ["a"]) == ["a"]
    assert merge_order(["a"], []) == ["a"]
    assert merge_order(["b", "a"], ["a", "b"]) == ["a", "b"]


def test_steps_added_removed_and_changed_in_aligned_order() -> None:
    comparison = pair_comparison()
    columns = [(s.stage_id, [(x.step_id, x.status) for x in s.slots]) for s in comparison.stages]
    assert columns == [
        ("browse", [("search", StepStatus.CHANGED), ("compare", StepStatus.CHANGED)]),
        (
            "buy",
            [
                ("guest", StepStatus.ADDED),
                ("register", StepStatus.REMOVED),
                ("pay", StepStatus.SAME),
                ("call", StepStatus.REMOVED),
            ],
        ),
    ]
    assert [s.step_id for s in comparison.steps_with(StepStatus.ADDED)] == ["guest"]
    assert [s.step_id for s in comparison.steps_with(StepStatus.REMOVED)] == ["register", "call"]
    changed = {s.step_id: s.changes for s in comparison.steps_with(StepStatus.CHANGED)}
    assert changed["search"] == ("touchpoints: added app",)
    assert changed["compare"] == (
        'action "Compares two products" → "Compares two products with delivery cost shown"',
    )
    assert comparison.changes_anything


def test_a_step_moved_to_another_stage_is_one_column_in_its_new_stage(tmp_path: Path) -> None:
    folder = copy_pair(tmp_path)
    future = folder / "maps" / "tomorrow.yaml"
    text = future.read_text(encoding="utf-8")
    # `search` moves from Browse to Buy, before `guest`.
    moved = text.replace(
        "      - id: search\n        action: Searches the catalogue\n"
        "        touchpoints: [site, app]\n        emotion: 0\n",
        "",
    ).replace(
        "      - id: guest\n",
        "      - id: search\n        action: Searches the catalogue\n"
        "        touchpoints: [site]\n        emotion: 0\n      - id: guest\n",
    )
    future.write_text(moved, encoding="utf-8")
    comparison = pair_comparison(folder)
    browse, buy = comparison.stages
    assert [s.step_id for s in browse.slots] == ["compare"]
    assert [s.step_id for s in buy.slots][:2] == ["search", "guest"]
    [search] = [s for s in buy.slots if s.step_id == "search"]
    assert search.status is StepStatus.CHANGED
    assert search.changes == ("moved from stage browse to stage buy",)


def test_a_stage_only_today_keeps_its_place(tmp_path: Path) -> None:
    folder = copy_pair(tmp_path)
    future = folder / "maps" / "tomorrow.yaml"
    text = future.read_text(encoding="utf-8")
    start, end = text.index("  - id: browse"), text.index("  - id: buy")
    future.write_text(text[:start] + text[end:], encoding="utf-8")
    comparison = pair_comparison(folder)
    assert [(s.stage_id, s.status) for s in comparison.stages] == [
        ("browse", StepStatus.REMOVED),
        ("buy", StepStatus.SAME),
    ]
    assert {s.status for s in comparison.stages[0].slots} == {StepStatus.REMOVED}


def test_emotions_per_step_and_on_average_per_persona() -> None:
    comparison = pair_comparison()
    nora = comparison.personas[0]
    assert [p.persona_id for p in comparison.personas] == ["nora", "fay", "rick"]
    assert (nora.persona_id, nora.side) == ("nora", PersonaSide.BOTH)
    # Today: 0, -1, -2, -1, -1 over five steps; next year: 0, +1, +1, 0 over four.
    assert nora.average_before == -1.0
    assert nora.average_after == 0.5
    assert nora.average_delta == 1.5
    assert (nora.scored_before, nora.scored_after) == (5, 4)
    assert [(s.step_id, s.before, s.after) for s in nora.shifts] == [
        ("search", 0, 0),
        ("compare", -1, 1),
        ("pay", -1, 0),
    ]
    assert [s.step_id for s in nora.raised] == ["compare", "pay"]
    assert nora.lowered == []


def test_a_persona_on_one_side_only_is_said_so_not_dropped() -> None:
    comparison = pair_comparison()
    by_id = {p.persona_id: p for p in comparison.personas}
    assert by_id["rick"].side is PersonaSide.CURRENT_ONLY
    assert by_id["rick"].name == "Returning Rick"
    assert by_id["rick"].average_before == -0.6
    assert by_id["rick"].average_after is None
    assert by_id["fay"].side is PersonaSide.FUTURE_ONLY
    assert by_id["fay"].average_before is None
    assert by_id["fay"].average_after == 0.75
    assert by_id["fay"].shifts == ()


def test_a_step_without_a_score_on_one_side_says_none_not_zero(tmp_path: Path) -> None:
    folder = copy_pair(tmp_path)
    future = folder / "maps" / "tomorrow.yaml"
    text = future.read_text(encoding="utf-8")
    future.write_text(
        text.replace(
            "        touchpoints: [site, app]\n        emotion: 0\n",
            "        touchpoints: [site, app]\n",
        ),
        encoding="utf-8",
    )
    [nora] = [p for p in pair_comparison(folder).personas if p.persona_id == "nora"]
    search = nora.shifts[0]
    assert (search.step_id, search.before, search.after, search.delta) == ("search", 0, None, None)
    assert nora.scored_after == 3


def test_pain_points_resolved_by_an_opportunity_still_present_and_new() -> None:
    comparison = pair_comparison()
    fates = {p.pain_id: p for p in comparison.pains}
    delivery = fates["no-delivery-cost"]
    assert delivery.fate is PainFate.RESOLVED
    assert delivery.because == (ResolvedBecause.ADDRESSED, ResolvedBecause.ABSENT)
    assert [(o.id, o.status) for o in delivery.by] == [("show-delivery", "planned")]
    assert delivery.where == "Compares two products"
    assert [o.id for o in fates["forced-account"].by] == ["guest-checkout"]
    # Still in the future map (mitigated), though an opportunity addresses it.
    card = fates["card-declined"]
    assert (card.fate, card.future_status) == (PainFate.STILL_PRESENT, "mitigated")
    assert [o.id for o in card.by] == ["retry-card"]
    # Gone from the future map; the only opportunity for it was dropped, so it is not named.
    phone = fates["phone-wait"]
    assert (phone.fate, phone.because, phone.by) == (
        PainFate.RESOLVED,
        (ResolvedBecause.ABSENT,),
        (),
    )
    assert fates["old-fix"].fate is PainFate.ALREADY_RESOLVED
    new = fates["wallet-limit"]
    assert (new.fate, new.future_status, new.where) == (PainFate.NEW, "open", "Pays by card")
    assert [p.pain_id for p in comparison.pains_with(PainFate.RESOLVED)] == [
        "no-delivery-cost",
        "forced-account",
        "phone-wait",
    ]


def test_a_pain_point_marked_resolved_in_the_future_map(tmp_path: Path) -> None:
    folder = copy_pair(tmp_path)
    future = folder / "maps" / "tomorrow.yaml"
    text = future.read_text(encoding="utf-8")
    future.write_text(text.replace("status: mitigated", "status: resolved"), encoding="utf-8")
    [card] = [p for p in pair_comparison(folder).pains if p.pain_id == "card-declined"]
    assert card.fate is PainFate.RESOLVED
    assert card.because == (ResolvedBecause.ADDRESSED, ResolvedBecause.MARKED_RESOLVED)


def test_kpis_today_and_target_with_missing_values_left_missing() -> None:
    kpis = {k.kpi_id: k for k in pair_comparison().kpis}
    basket = kpis["view-to-basket"]
    assert basket.today is not None and basket.target is not None
    assert (basket.today.value, basket.today.date, basket.today.source) == (
        7.5,
        datetime.date(2026, 10, 1),
        "actual",
    )
    assert (basket.target.value, basket.target.date, basket.target.source) == (
        10,
        datetime.date(2027, 6, 30),
        "future target",
    )
    assert basket.gap == 2.5
    assert basket.better is KpiDirection.HIGHER
    # No actual: the baseline is today's value; no target anywhere; direction unknown.
    bounce = kpis["bounce"]
    assert bounce.today is not None
    assert (bounce.today.value, bounce.today.source) == (40, "baseline")
    assert bounce.target is None and bounce.gap is None and bounce.better is None
    completion = kpis["completion"]
    assert completion.today is None and completion.target is None
    # Only the future map has it: no value today.
    app = kpis["app-share"]
    assert (app.in_current, app.in_future, app.today) == (False, True, None)
    assert app.target is not None and app.target.value == 30


def test_a_kpi_target_falls_back_to_the_current_maps_own(tmp_path: Path) -> None:
    folder = copy_pair(tmp_path)
    today = folder / "maps" / "today.yaml"
    text = today.read_text(encoding="utf-8")
    today.write_text(
        text.replace(
            "name: Bounce rate, baseline: 40",
            'name: Bounce rate, target: 30, unit: "s", baseline: 40',
        ).replace('baseline_date: 2026-08-01, unit: "%"}', "baseline_date: 2026-08-01}"),
        encoding="utf-8",
    )
    bounce = {k.kpi_id: k for k in pair_comparison(folder).kpis}["bounce"]
    assert bounce.target is not None
    assert (bounce.target.value, bounce.target.source) == (30, "current target")
    assert bounce.gap == -10


def test_units_that_differ_give_no_gap(tmp_path: Path) -> None:
    folder = copy_pair(tmp_path)
    future = folder / "maps" / "tomorrow.yaml"
    text = future.read_text(encoding="utf-8")
    future.write_text(
        text.replace(
            'target_date: 2027-06-30, unit: "%"', 'target_date: 2027-06-30, unit: "ratio"'
        ),
        encoding="utf-8",
    )
    basket = {k.kpi_id: k for k in pair_comparison(folder).kpis}["view-to-basket"]
    assert basket.units_differ and basket.gap is None


def test_a_map_compared_with_itself_changes_nothing() -> None:
    found = contexts()
    comparison = compare_maps(found["today"], found["today"])
    assert comparison.steps == []
    assert not comparison.changes_anything
    assert all(p.fate is not PainFate.NEW for p in comparison.pains)
