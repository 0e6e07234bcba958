"""With the cache, `cjm validate` says exactly what it says without it, after any edits."""

from __future__ import annotations

import datetime
import shutil
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm.cache import CACHE_FOLDER
from tests.cache.workspaces import (
    DAYS,
    DEFINITIONS,
    LINT_SETTINGS,
    VARIANTS,
    map_text,
    reports,
    write_config,
    write_definitions,
    write_workspace,
)

STEMS = ("m0", "m1", "m2", "m3")
IDS = ("m0", "m1", "m2", "m9")

maps_strategy = st.dictionaries(
    st.sampled_from(STEMS), st.tuples(st.sampled_from(IDS), st.sampled_from(VARIANTS)), max_size=4
)
edit = st.one_of(
    st.tuples(
        st.just("write"), st.sampled_from(STEMS), st.sampled_from(IDS), st.sampled_from(VARIANTS)
    ),
    st.tuples(st.just("delete"), st.sampled_from(STEMS), st.just(""), st.just("")),
    st.tuples(st.just("rename"), st.sampled_from(STEMS), st.sampled_from(STEMS), st.just("")),
)
# Between runs, besides the maps: cjm.yaml's lint settings, the shared definitions (every
# map's findings depend on both) and the day the run is made on.
round_strategy = st.tuples(
    st.lists(edit, max_size=3),
    st.sampled_from(sorted(LINT_SETTINGS)),
    st.sampled_from(sorted(DEFINITIONS)),
    st.sampled_from(DAYS),
)


def _apply(root: Path, change: tuple[str, str, str, str]) -> None:
    action, stem, other, variant = change
    path = root / "maps" / f"{stem}.yaml"
    if action == "write":
        path.write_text(map_text(other, variant), encoding="utf-8")
    elif action == "delete":
        path.unlink(missing_ok=True)
    elif path.exists():
        path.rename(root / "maps" / f"{other}.yaml")


def _cold(
    root: Path, targets: list[Path], every_scope: bool = True, today: datetime.date = DAYS[0]
) -> dict[str, object]:
    """A run with the cache, but none kept from earlier runs."""
    kept = root.parent / "kept-cache"
    (root / CACHE_FOLDER).rename(kept)
    try:
        return reports(root, targets, use_cache=True, every_scope=every_scope, today=today)
    finally:
        shutil.rmtree(root / CACHE_FOLDER)
        kept.rename(root / CACHE_FOLDER)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    maps=maps_strategy,
    rounds=st.lists(round_strategy, min_size=1, max_size=3),
    one=st.sampled_from(STEMS),
)
def test_cached_runs_equal_uncached_and_cold_runs(
    maps: dict[str, tuple[str, str]],
    rounds: list[tuple[list[tuple[str, str, str, str]], str, str, datetime.date]],
    one: str,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "workspace"
        write_workspace(root, {stem: map_text(*choice) for stem, choice in maps.items()})
        for changes, lint, definitions, today in [([], "none", "both", DAYS[0]), *rounds]:
            for change in changes:
                _apply(root, change)
            write_config(root, lint)
            write_definitions(root, definitions)
            targets = [[]]
            if (root / "maps" / f"{one}.yaml").exists():
                targets.append([root / "maps" / f"{one}.yaml"])
            for target in targets:
                cached = reports(root, target, use_cache=True, today=today)
                assert cached == reports(root, target, use_cache=True, today=today)
                assert cached == reports(root, target, use_cache=False, today=today)
                assert cached == _cold(root, target, today=today)
                # As `cjm validate` checks: the other maps as their summaries.
                narrow = reports(root, target, use_cache=True, every_scope=False, today=today)
                again = reports(root, target, use_cache=True, every_scope=False, today=today)
                assert narrow == again
                assert narrow == reports(
                    root, target, use_cache=False, every_scope=False, today=today
                )
                assert narrow == _cold(root, target, every_scope=False, today=today)
                assert narrow == cached
            if len(targets) > 1:
                _same_as_linting_everything(root, targets[1])


def _same_as_linting_everything(root: Path, target: list[Path]) -> None:
    """Checking one map lints only that map, and finds what linting all of them finds
    about it (notes on other maps aside)."""
    narrow = reports(root, target, use_cache=True)
    with mock.patch("cjm.check._linted", return_value=None):
        wide = reports(root, target, use_cache=False)
    for name in ("text", "json", "sarif", "failed"):
        assert narrow[name] == wide[name]
