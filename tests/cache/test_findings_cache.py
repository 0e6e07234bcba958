"""The map rules' findings kept per map in the cache: their key, and their reuse."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest

from cjm.cache import CACHE_FOLDER, FINDINGS, NAMESPACE
from cjm.lint import reuse
from cjm.lint.config import LintRequest
from cjm.lint.engine import _Run
from cjm.lint.rules import _measured_examples as example
from cjm.load.project import load_workspace
from tests.cache.workspaces import (
    DAYS,
    TODAY,
    map_text,
    reports,
    write_config,
    write_definitions,
    write_workspace,
)

RULES = Path(__file__).parents[2] / "src" / "cjm" / "lint" / "rules"


def _workspace(root: Path) -> None:
    write_workspace(
        root,
        {"m0": map_text("m0", "pain"), "m1": map_text("m1", "plain")}
        | {"m2": map_text("m2", "future-fix")},
    )


def _keys(
    root: Path,
    today: datetime.date = TODAY,
    request: LintRequest | None = None,
    namespace: bytes = NAMESPACE,
) -> dict[str, str]:
    """The findings key of every map of the workspace at ``root``, by map id."""
    project = load_workspace(root, root)
    shared = reuse.workspace_part(namespace, project, request or LintRequest(), today)
    run = _Run(project, mock.Mock(), today)
    keys: dict[str, str] = {}
    for document in project.maps:
        journey = document.checked
        assert journey is not None
        scope = project.scopes[document.display]
        keys[journey.id] = reuse.map_key(shared, project, document, journey, scope, run.relative)
    return keys


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_key_is_the_same_when_nothing_changed(tmp_path: Path) -> None:
    _workspace(tmp_path)
    assert _keys(tmp_path) == _keys(tmp_path)
    assert len(set(_keys(tmp_path).values())) == 3


@pytest.mark.parametrize(
    ("change", "changed"),
    [
        (lambda root: _edit(root / "maps" / "m1.yaml", "title: Map", "title: A map"), {"m1"}),
        (lambda root: write_config(root, "ignore"), {"m0", "m1", "m2"}),
        (lambda root: write_config(root, "options"), {"m0", "m1", "m2"}),
        (lambda root: write_definitions(root, "olivia-backed"), {"m0", "m1", "m2"}),
        (
            lambda root: _edit(root / "shared" / "personas.yaml", "Dan", "Daniel"),
            {"m0", "m1", "m2"},
        ),
        # The future-state map's opportunities address the pain points of m0.
        (lambda root: _edit(root / "maps" / "m2.yaml", "planned", "dropped"), {"m0", "m2"}),
        (lambda root: _edit(root / "maps" / "m2.yaml", "[slow]", "[other]"), {"m0", "m2"}),
        # Another map's plain text is not something m0's findings depend on.
        (lambda root: _edit(root / "maps" / "m1.yaml", "Compares", "Weighs"), {"m1"}),
    ],
)
def test_each_dependency_changes_the_key(
    tmp_path: Path, change: Callable[[Path], None], changed: set[str]
) -> None:
    _workspace(tmp_path)
    before = _keys(tmp_path)
    change(tmp_path)
    after = _keys(tmp_path)
    assert {map_id for map_id in before if before[map_id] != after[map_id]} == changed


def test_the_key_depends_on_the_day_the_settings_given_and_the_code(tmp_path: Path) -> None:
    _workspace(tmp_path)
    base = _keys(tmp_path)
    others = [
        _keys(tmp_path, today=DAYS[1]),
        _keys(tmp_path, today=TODAY + datetime.timedelta(days=1)),
        _keys(tmp_path, request=LintRequest(select=["stale-map"])),
        _keys(tmp_path, request=LintRequest(ignore=["stale-map"])),
        _keys(tmp_path, namespace=b"another build of cjm"),
    ]
    for other in others:
        assert all(other[map_id] != base[map_id] for map_id in base)


def test_a_renamed_map_has_another_key(tmp_path: Path) -> None:
    _workspace(tmp_path)
    before = _keys(tmp_path)
    (tmp_path / "maps" / "m1.yaml").rename(tmp_path / "maps" / "m5.yaml")
    assert _keys(tmp_path)["m1"] != before["m1"]


def _measured_workspace(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "map.yaml").write_text(example.MAP, encoding="utf-8")
    for name, text in example.files().items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("which", ["map.measures.yaml", "measurements/trial.yaml"])
def test_the_key_depends_on_the_maps_measure_files(tmp_path: Path, which: str) -> None:
    _measured_workspace(tmp_path)
    before = _keys(tmp_path)
    path = tmp_path / which
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _keys(tmp_path)["trial"] != before["trial"]


def test_measure_files_edits_and_days_give_the_findings_of_a_cold_run(tmp_path: Path) -> None:
    _measured_workspace(tmp_path)
    edits: list[Callable[[], None]] = [
        lambda: None,
        lambda: _edit(tmp_path / "map.measures.yaml", "signed_up", "trial_started"),
        lambda: _edit(tmp_path / "map.measures.yaml", "trial_started", "signed_up"),
        lambda: (tmp_path / "measurements" / "trial.yaml").write_text(
            example.snapshot(payers=40), encoding="utf-8"
        ),
        lambda: (tmp_path / "measurements" / "trial.yaml").unlink(),
    ]
    for edit in edits:
        edit()
        for today in (TODAY, datetime.date(2027, 6, 1), TODAY):
            cached = reports(tmp_path, [], use_cache=True, today=today)
            assert cached == reports(tmp_path, [], use_cache=False, today=today)


def _map_rule_runs(root: Path) -> list[str]:
    """The maps the map rules ran on in a cached run of the whole workspace."""
    ran: list[str] = []
    original = _Run.collect_map

    def counting(run: _Run, rule: object, display: str, outputs: object) -> None:
        if display not in ran:
            ran.append(display)
        original(run, rule, display, outputs)  # type: ignore[arg-type]

    with mock.patch.object(_Run, "collect_map", counting):
        reports(root, [], use_cache=True)
    return ran


def test_a_warm_run_runs_the_map_rules_on_the_changed_maps_only(tmp_path: Path) -> None:
    _workspace(tmp_path)
    assert _map_rule_runs(tmp_path) == ["maps/m0.yaml", "maps/m1.yaml", "maps/m2.yaml"]
    assert _map_rule_runs(tmp_path) == []
    _edit(tmp_path / "maps" / "m1.yaml", "Compares", "Weighs")
    assert _map_rule_runs(tmp_path) == ["maps/m1.yaml"]
    _edit(tmp_path / "maps" / "m2.yaml", "planned", "dropped")
    assert _map_rule_runs(tmp_path) == ["maps/m0.yaml", "maps/m2.yaml"]
    write_config(tmp_path, "severity")
    assert len(_map_rule_runs(tmp_path)) == 3
    assert reports(tmp_path, [], use_cache=True) == reports(tmp_path, [], use_cache=False)


def test_findings_of_maps_not_linted_are_kept_and_unused_ones_pruned(tmp_path: Path) -> None:
    _workspace(tmp_path)
    reports(tmp_path, [], use_cache=True)
    folder = tmp_path / CACHE_FOLDER / FINDINGS
    first = set(folder.iterdir())
    assert len(first) == 3
    _edit(tmp_path / "maps" / "m1.yaml", "Compares", "Weighs")
    # Checking one map keeps the others' findings, and adds the changed map's.
    reports(tmp_path, [tmp_path / "maps" / "m1.yaml"], use_cache=True, every_scope=False)
    assert first < set(folder.iterdir())
    reports(tmp_path, [], use_cache=True)
    assert len(set(folder.iterdir())) == 3


def test_damaged_findings_entries_are_ignored_with_a_note(tmp_path: Path) -> None:
    _workspace(tmp_path)
    expected = reports(tmp_path, [], use_cache=False)
    reports(tmp_path, [], use_cache=True)
    entries = sorted((tmp_path / CACHE_FOLDER / FINDINGS).iterdir())
    entries[0].write_bytes(entries[0].read_bytes()[:-5])
    entries[1].write_bytes(b"something else")
    data = entries[2].read_bytes()
    # Its checksum matches, but it names another key.
    entries[2].write_bytes(data.replace(entries[2].name.encode(), b"0" * 64))
    found = reports(tmp_path, [], use_cache=True)
    notes = found.pop("notes")
    assert [n for n in notes if re.search("ignored damaged or foreign entries", n)]
    assert found == {k: v for k, v in expected.items() if k != "notes"}
    # Written anew.
    again = reports(tmp_path, [], use_cache=True)
    assert again == expected


def test_no_cache_reads_and_writes_no_findings(tmp_path: Path) -> None:
    _workspace(tmp_path)
    reports(tmp_path, [], use_cache=False)
    assert not (tmp_path / CACHE_FOLDER).exists()
    reports(tmp_path, [], use_cache=True)
    with mock.patch("cjm.cache.DocumentCache.get_findings") as read:
        reports(tmp_path, [], use_cache=False)
    read.assert_not_called()


def test_the_map_rules_read_of_the_workspace_only_what_the_key_holds() -> None:
    """A map rule that comes to read more of the project than its measure files, the
    future-state maps naming its map, cjm.yaml and the root must be added to the key in
    cjm.lint.reuse, and then here."""
    reading = {
        path.name
        for path in RULES.glob("*.py")
        if "context.project" in path.read_text(encoding="utf-8")
        and 'SCOPE = "workspace"' not in path.read_text(encoding="utf-8")
    }
    assert reading == {
        "_measured.py",
        "pain_point_without_opportunity.py",
        "snapshot_out_of_step.py",
    }
