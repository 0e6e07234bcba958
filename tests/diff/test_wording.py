"""The words of a diff report: counts for one and for many, long texts cut where they
differ, `handoff: false`, and user text that could reorder or drive what a terminal shows."""

from __future__ import annotations

import json

import pytest

from cjm.diagnostics import YAML_SYNTAX, Diagnostic, Location, Severity
from cjm.diff.model import Change, DiffResult, Direction, Entity, Kind, Ref, Section
from cjm.diff.render import render_json, render_markdown, render_text
from cjm.diff.side import SideLoadError
from cjm.diff.words import MAX_QUOTED, describe, summary_text


def result_of(*changes: Change, shared: tuple[Change, ...] = ()) -> DiffResult:
    result = DiffResult("old", "new", [Section("trial", "Trial", "maps/trial.yaml", list(changes))])
    if shared:
        result.sections.append(Section(None, None, "shared/defs.yaml", list(shared)))
    return result


def emotion(step: str, direction: Direction) -> Change:
    before, after = (-1, 1) if direction is Direction.BETTER else (1, -1)
    return Change(
        Kind.CHANGED, Entity.EMOTION, step, field="score", before=before, after=after,
        direction=direction, persona="olivia",
    )  # fmt: skip


def kpi(kpi_id: str, direction: Direction) -> Change:
    return Change(
        Kind.CHANGED, Entity.KPI, kpi_id, field="actual", before=1, after=2, direction=direction,
        parent=Ref(Entity.STAGE, "buy"),
    )  # fmt: skip


def added_opportunity(opportunity_id: str) -> Change:
    return Change(Kind.ADDED, Entity.OPPORTUNITY, opportunity_id, "Idea", after="idea")


def renamed(entity: Entity, entity_id: str) -> Change:
    return Change(Kind.RENAMED, entity, entity_id, field="name", before="A", after="B")


@pytest.mark.parametrize(
    ("changes", "summary"),
    [
        ([emotion("a", Direction.BETTER)], "1 map changed: 1 step got better"),
        (
            [emotion("a", Direction.BETTER), emotion("b", Direction.BETTER)],
            "1 map changed: 2 steps got better",
        ),
        ([added_opportunity("x")], "1 map changed: 1 opportunity added"),
        (
            [added_opportunity("x"), added_opportunity("y")],
            "1 map changed: 2 opportunities added",
        ),
        ([kpi("k", Direction.TOWARD_TARGET)], "1 map changed: 1 KPI moved toward its target"),
        (
            [kpi("k", Direction.TOWARD_TARGET), kpi("l", Direction.TOWARD_TARGET)],
            "1 map changed: 2 KPIs moved toward their targets",
        ),
        ([kpi("k", Direction.UNKNOWN)], "1 map changed: 1 KPI moved (direction unknown)"),
        (
            [kpi("k", Direction.UNKNOWN), kpi("l", Direction.UNKNOWN)],
            "1 map changed: 2 KPIs moved (direction unknown)",
        ),
        ([renamed(Entity.STAGE, "s")], "1 map changed: 1 other change"),
        (
            [renamed(Entity.STAGE, "s"), renamed(Entity.STEP, "t")],
            "1 map changed: 2 other changes",
        ),
    ],
)
def test_counts_in_the_summary_of_every_format(changes: list[Change], summary: str) -> None:
    result = result_of(*changes)
    assert summary_text(result) == summary
    assert render_text(result).plain.splitlines()[-1] == summary + "."
    head, tail = summary.split(": ", 1)
    assert render_markdown(result).splitlines()[0] == f"**{head}**: {tail}"
    assert json.loads(render_json(result))["summary"]["text"] == summary


def test_every_headline_count_has_a_singular_and_a_plural() -> None:
    touchpoint_lost = Change(Kind.REOWNED, Entity.TOUCHPOINT, "t", field="owner", before="x")
    other = Change(Kind.REOWNED, Entity.TOUCHPOINT, "u", field="owner", before="x")
    assert summary_text(result_of(touchpoint_lost)) == "1 map changed: 1 touchpoint lost its owner"
    assert summary_text(result_of(touchpoint_lost, other)) == (
        "1 map changed: 2 touchpoints lost their owner"
    )
    for tally in result_of(touchpoint_lost, other).tallies():
        assert tally.phrase == f"{tally.count} {tally.many}"


def test_sections_are_counted_as_maps_and_shared_files() -> None:
    change = renamed(Entity.STAGE, "s")
    two_maps = result_of(change)
    two_maps.sections.append(Section("other", "Other", "maps/other.yaml", [change]))
    assert summary_text(two_maps) == "2 maps changed: 2 other changes"
    both = result_of(change, shared=(renamed(Entity.TEAM, "t"),))
    assert summary_text(both) == "1 map and 1 shared file changed: 2 other changes"
    shared = DiffResult("a", "b", [Section(None, None, f"s{i}.yaml", [change]) for i in (1, 2)])
    assert summary_text(shared) == "2 shared files changed: 2 other changes"


@pytest.mark.parametrize(
    ("size", "words"),
    [
        ((1, 1, 1), "1 stage, 1 step, 1 open pain point"),
        ((2, 3, 0), "2 stages, 3 steps, 0 open pain points"),
    ],
)
def test_the_size_of_an_added_map(size: tuple[int, int, int], words: str) -> None:
    details = tuple(zip(("stages", "steps", "open_pain_points"), size, strict=True))
    change = Change(Kind.ADDED, Entity.MAP, "m", "Onboarding", details=details)
    assert describe(change) == ("map", f'"Onboarding": {words}')


@pytest.mark.parametrize(
    ("files", "words"), [(1, "has 1 file that does not load"), (2, "has 2 files that do not load")]
)
def test_files_that_do_not_load_are_counted(files: int, words: str) -> None:
    problems = [
        Diagnostic(YAML_SYNTAX, Severity.ERROR, "bad", f"m{i}.yaml", Location(1, 1))
        for i in range(files)
        for _ in range(2)  # two problems in each file count as one file
    ]
    assert str(SideLoadError("the new side (new)", problems, {})) == f"the new side (new) {words}"


# -- texts ---------------------------------------------------------------------------------------


def test_long_texts_are_cut_where_they_differ() -> None:
    start = "Checkout hands the order total to the payment provider's hosted page and waits "
    before, after = start + "for an answer.", start + "for the bank's answer."
    change = Change(
        Kind.CHANGED, Entity.STEP, "pays", field="handoff", before=before, after=after,
        parent=Ref(Entity.STAGE, "buy"),
    )  # fmt: skip
    _, detail = describe(change)
    old, new = detail.removeprefix("handoff ").split(" → ")
    assert old != new
    assert (old, new) == (
        '"…hosted page and waits for an answer."',
        '"…hosted page and waits for the bank\'s answer."',
    )
    for quoted in (old, new):
        assert len(quoted) <= MAX_QUOTED + 2  # and the quotes


def test_long_texts_that_differ_early_are_cut_at_the_end() -> None:
    change = Change(Kind.RENAMED, Entity.STEP, "s", field="action", before="A" * 80, after="B" * 80)
    _, detail = describe(change)
    assert detail == f'"{"A" * (MAX_QUOTED - 1)}…" → "{"B" * (MAX_QUOTED - 1)}…"'


def test_a_handoff_that_is_no_longer_needed() -> None:
    change = Change(
        Kind.CHANGED, Entity.STEP, "pays", field="handoff", before="Ops calls the bank.",
        after=False, parent=Ref(Entity.STAGE, "buy"),
    )  # fmt: skip
    assert describe(change) == ("step pays", 'handoff "Ops calls the bank." → not needed')


def test_bidirectional_controls_are_shown_in_every_format() -> None:
    sneaky = "Pays \u202eyas ti tahw\u202c in full"
    change = Change(Kind.RENAMED, Entity.STEP, "pays", field="action", before="Pays", after=sneaky)
    result = result_of(change)
    shown = "Pays ⟨U+202E⟩yas ti tahw⟨U+202C⟩ in full"
    assert f'"Pays" → "{shown}"' in render_text(result).plain
    assert f'"Pays" → "{shown}"' in render_markdown(result)
    report = render_json(result)
    assert "\u202e" not in report and "\\u202e" in report
    [section] = json.loads(report)["sections"]
    assert section["changes"][0]["after"] == sneaky  # the data is intact
    assert shown in section["changes"][0]["text"]
