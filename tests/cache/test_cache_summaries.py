"""Checking one map reads the other maps as their summaries, and says the same."""

from __future__ import annotations

import datetime
import pickle
from pathlib import Path

import pytest

from cjm.cache import LazyDocument, _read_head
from cjm.check import check_paths
from cjm.lint.rules import (
    duplicate_id,
    future_state_without_change,
    pain_point_without_opportunity,
    unused_definition,
)
from cjm.load.summary import stored, summarize
from cjm.render.pipeline import plan_jobs, run_jobs
from tests.cache.workspaces import map_text, reports, write_workspace

TODAY = datetime.date(2026, 11, 1)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "workspace"
    write_workspace(
        folder,
        {
            "m0": map_text("m0", "pain"),
            "m1": map_text("m1", "future-same"),
            "m2": map_text("m2", "future-fix"),
            "m3": map_text("m2", "uses-dan"),
            "m4": map_text("m4", "broken-yaml"),
            "m5": map_text("m5", "plain"),
        },
    )
    return folder


def _codes(found: dict[str, object]) -> str:
    return str(found["text"])


def test_the_maps_not_asked_for_stay_unread(root: Path) -> None:
    check_paths([], root, today=TODAY, use_cache=True)
    result = check_paths(
        [root / "maps" / "m5.yaml"], root, today=TODAY, use_cache=True, every_scope=False
    )
    (project,) = result.projects
    by_name = {Path(doc.display).stem: doc for doc in project.maps}
    assert all(isinstance(doc, LazyDocument) for doc in by_name.values())
    assert stored(by_name["m5"]) is None  # asked for: read whole
    # m4 did not load and m0 is no map's current state here: both stay summaries.
    assert stored(by_name["m0"]) is not None
    assert stored(by_name["m4"]) is not None
    assert "model" not in vars(by_name["m0"])


def test_a_summary_says_what_the_whole_map_says(root: Path) -> None:
    check_paths([], root, today=TODAY, use_cache=True)
    result = check_paths(
        [root / "maps" / "m5.yaml"], root, today=TODAY, use_cache=True, every_scope=False
    )
    for document in result.projects[0].maps:
        summary = stored(document)
        if summary is not None:
            assert summary == summarize(document)  # reads it whole, then summarizes
            assert stored(document) is None


@pytest.mark.parametrize("stem", ["m0", "m1", "m2", "m3", "m4", "m5"])
def test_one_map_from_summaries_reports_as_without_the_cache(root: Path, stem: str) -> None:
    target = [root / "maps" / f"{stem}.yaml"]
    reports(root, [], use_cache=True)
    narrow = reports(root, target, use_cache=True, every_scope=False)
    assert narrow == reports(root, target, use_cache=False, every_scope=False)
    assert narrow == reports(root, target, use_cache=False)


def test_the_cross_map_findings_are_made_from_summaries(root: Path) -> None:
    reports(root, [], use_cache=True)
    found = {
        stem: _codes(
            reports(root, [root / "maps" / f"{stem}.yaml"], use_cache=True, every_scope=False)
        )
        for stem in ("m0", "m1", "m2", "m3")
    }
    # m1 copies m0, its current state; m2 and m3 share an id; m0's pain point is
    # addressed by m2's opportunity; nothing uses the persona dan but m3.
    assert f" {future_state_without_change.CODE} " in found["m1"]
    assert f" {duplicate_id.CODE} " in found["m3"]
    assert f" {pain_point_without_opportunity.CODE} " not in found["m0"]
    # m4 does not load: what it uses is unknown, and the rule says so.
    notes = reports(root, [root / "maps" / "m0.yaml"], use_cache=True, every_scope=False)
    assert any("maps/m4.yaml" in note for note in notes["notes"])  # type: ignore[attr-defined]


def test_what_other_maps_use_counts_from_their_summaries(root: Path) -> None:
    (root / "maps" / "m4.yaml").unlink()
    (root / "maps" / "m3.yaml").write_text(map_text("m3", "plain"), encoding="utf-8")
    reports(root, [], use_cache=True)
    target = [root / "maps" / "m0.yaml"]
    # Nothing uses the shared persona dan, reported in the shared file checked with m0.
    assert f" {unused_definition.CODE} " in _codes(
        reports(root, target, use_cache=True, every_scope=False)
    )
    (root / "maps" / "m3.yaml").write_text(map_text("m3", "uses-dan"), encoding="utf-8")
    reports(root, [], use_cache=True)
    assert f" {unused_definition.CODE} " not in _codes(
        reports(root, target, use_cache=True, every_scope=False)
    )


def test_a_map_read_as_its_summary_is_whole_when_copied(root: Path) -> None:
    check_paths([], root, today=TODAY, use_cache=True)
    result = check_paths(
        [root / "maps" / "m5.yaml"], root, today=TODAY, use_cache=True, every_scope=False
    )
    document = next(doc for doc in result.projects[0].maps if stored(doc) is not None)
    copied = pickle.loads(pickle.dumps(document))
    assert stored(document) is None
    assert copied.model == document.model
    assert copied.text == document.text
    assert pickle.loads(pickle.dumps(copied)).diagnostics == document.diagnostics


def _drawn(root: Path, out: Path, use_cache: bool) -> tuple[dict[str, bytes], object]:
    """The DOT files of m1's journey and compare views, drawn as ``cjm render
    maps/m1.yaml`` draws them (some maps asked for: every_scope=False)."""
    result = check_paths(
        [root / "maps" / "m1.yaml"], root, today=TODAY, use_cache=use_cache, every_scope=False
    )
    plan = plan_jobs(result.projects, set(result.files), ["journey", "compare"], ["dot"], out)
    outcomes = list(run_jobs(plan, None))
    assert outcomes and all(outcome.failure is None for outcome in outcomes)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}, result.projects[0]


def test_drawing_one_map_reads_only_the_current_state_it_names(root: Path, tmp_path: Path) -> None:
    cold, _ = _drawn(root, tmp_path / "cold", use_cache=False)
    check_paths([], root, today=TODAY, use_cache=True)
    warm, project = _drawn(root, tmp_path / "warm", use_cache=True)
    assert warm == cold
    assert sorted(warm) == ["m1-compare.dot", "m1-journey.dot"]
    by_name = {Path(doc.display).stem: doc for doc in project.maps}  # type: ignore[attr-defined]
    assert stored(by_name["m1"]) is None  # drawn
    assert stored(by_name["m0"]) is None  # its current state, compared with
    for other in ("m2", "m3", "m4", "m5"):
        assert stored(by_name[other]) is not None, other


def _document_entries(root: Path) -> dict[str, Path]:
    """The cache's document entries of the maps, by the id their summary names."""
    found = {}
    for entry in (root / ".cjm-cache" / "documents").iterdir():
        with entry.open("rb") as file:
            head = _read_head(file, entry.name)
        if head is not None and head[0] is not None and head[0].model_id is not None:
            found[head[0].model_id] = entry
    return found


def _damage_document_part(entry: Path) -> None:
    data = entry.read_bytes()
    entry.write_bytes(data[:-10] + bytes(b ^ 0xFF for b in data[-10:]))


def test_a_summary_is_read_without_the_document_part(root: Path) -> None:
    """The maps read as summaries never read their document: damage there goes unseen
    (and unused) until a run reads that map whole."""
    reports(root, [], use_cache=True)
    _damage_document_part(_document_entries(root)["m0"])
    target = [root / "maps" / "m5.yaml"]
    narrow = reports(root, target, use_cache=True, every_scope=False)
    assert narrow == reports(root, target, use_cache=False, every_scope=False)
    whole = reports(root, [], use_cache=True)
    assert whole["text"] == reports(root, [], use_cache=False)["text"]
    assert any("ignored damaged" in note for note in whole["notes"])  # type: ignore[union-attr]


def test_a_damaged_document_part_read_later_is_read_from_the_file(root: Path) -> None:
    """m1 is a future state of m0: checking m1 reads m0 whole, after its summary. A
    document part damaged in between is not trusted: m0 is read from its file, with
    the note."""
    reports(root, [], use_cache=True)
    _damage_document_part(_document_entries(root)["m0"])
    target = [root / "maps" / "m1.yaml"]
    found = reports(root, target, use_cache=True, every_scope=False)
    expected = reports(root, target, use_cache=False, every_scope=False)
    assert {k: v for k, v in found.items() if k != "notes"} == {
        k: v for k, v in expected.items() if k != "notes"
    }
    assert any("ignored damaged" in note for note in found["notes"])  # type: ignore[union-attr]
