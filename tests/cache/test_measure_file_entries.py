"""A workspace's cjm.yaml, bindings and snapshots are cache entries like its maps: read
from the cache while unchanged, read again when changed, and a warm render then builds
no validator of the model classes it only takes from the cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cjm.cache import DocumentCache
from cjm.load.project import load_workspace
from tests.cache.workspaces import reports
from tests.tools import run_cjm_built

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "b2b-saas-trial"
BINDING = Path("maps") / "trial-to-paid.measures.yaml"
SNAPSHOT = Path("measurements") / "trial-to-paid.yaml"
CONFIG = Path("cjm.yaml")
# The model classes a warm journey SVG of the example must leave unbuilt: every file's
# model comes from the cache. (It still builds the binding's and the sources' models to
# hash them for the snapshot's state, and a small one the reference check makes.)
FROM_THE_CACHE = (
    "cjm.model.journey.JourneyMap",
    "cjm.model.journey.Stage",
    "cjm.model.workspace.WorkspaceConfig",
    "cjm.model.workspace.DefinitionsFile",
    "cjm.model.snapshot.Snapshot",
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".cjm-cache"))
    return folder


def _load(root: Path) -> DocumentCache:
    cache = DocumentCache(root)
    load_workspace(root, root, cache=cache)
    return cache


def _models(root: Path) -> set[str]:
    """The models of ``root``'s cjm.yaml, bindings and snapshots, loaded with the cache."""
    project = load_workspace(root, root, cache=DocumentCache(root))
    measure = project.measure_files
    assert project.config is not None
    return {
        type(document.model).__name__
        for document in [project.config, *measure.bindings, *measure.snapshots]
        if document.model is not None
    }


def test_the_example_has_a_binding_and_a_snapshot(root: Path) -> None:
    assert (root / BINDING).is_file() and (root / SNAPSHOT).is_file()
    _load(root)
    assert _models(root) == {"WorkspaceConfig", "Binding", "Snapshot"}


def test_config_binding_and_snapshot_are_read_from_the_cache(root: Path) -> None:
    first = _load(root)
    assert first.hits == 0 and first.writes > 0
    second = _load(root)
    assert (second.hits, second.writes) == (first.writes, 0)
    assert len(second.used) == first.writes


@pytest.mark.parametrize("changed", [BINDING, SNAPSHOT, CONFIG])
def test_a_changed_file_is_read_again_and_reported_as_without_the_cache(
    root: Path, changed: Path
) -> None:
    reports(root, [], use_cache=True)
    filled = _load(root)
    text = (root / changed).read_text(encoding="utf-8")
    # A comment changes the file's bytes, not what it says; a changed value must show.
    (root / changed).write_text(text + "# changed\n", encoding="utf-8")
    again = _load(root)
    assert (again.hits, again.writes) == (filled.hits - 1, 1)
    assert reports(root, [], use_cache=True) == reports(root, [], use_cache=False)


def test_a_binding_changed_in_value_finds_what_a_cold_run_finds(root: Path) -> None:
    reports(root, [], use_cache=True)
    binding = root / BINDING
    text = binding.read_text(encoding="utf-8")
    assert "map: trial-to-paid" in text
    binding.write_text(text.replace("map: trial-to-paid", "map: trial-to-pay"), "utf-8")
    warm = reports(root, [], use_cache=True)
    assert warm == reports(root, [], use_cache=False)
    assert "trial-to-pay" in str(warm["text"])


def test_a_warm_journey_svg_builds_no_validator_of_cached_models(
    root: Path, tmp_path: Path
) -> None:
    render = ["render", "--format", "svg", "--out", str(tmp_path / "out")]
    code, cold = run_cjm_built(render, root)
    assert code == 0
    assert set(FROM_THE_CACHE) <= set(cold)  # the probe sees classes built
    for args in (render, [*render[:1], "maps/trial-to-paid.yaml", *render[1:]]):
        code, warm = run_cjm_built([*args, "--view", "journey"], root)
        assert code == 0
        assert not set(FROM_THE_CACHE) & set(warm)
