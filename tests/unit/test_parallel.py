"""Loading on several cores gives exactly what loading in one process gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cjm.check import check_paths
from cjm.diagnostics import FILE_ERROR, YAML_SYNTAX
from cjm.load import parallel
from cjm.load.parallel import load_documents, worker_count
from cjm.model import JourneyMap
from cjm.reporters.json import JsonReporter
from cjm.workers import JOBS_VARIABLE

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def in_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use two workers whatever the size of the input."""
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", {"fork": 0, "spawn": 0})
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.delenv(JOBS_VARIABLE, raising=False)


def _files(tmp_path: Path) -> list[tuple[Path, str]]:
    examples = sorted((REPO / "examples").glob("*/maps/*.yaml"))
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    files = [*examples, broken, folder]
    return [(path, path.name) for path in files]


def test_worker_count_stays_at_one_for_small_input(tmp_path: Path) -> None:
    small = tmp_path / "a.yaml"
    small.write_text("id: a\n", encoding="utf-8")
    assert worker_count([small, small, small]) == 1


def test_worker_count_follows_the_jobs_setting(
    in_parallel: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [tmp_path / f"{i}.yaml" for i in range(3)]
    assert worker_count(paths) == 2
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    assert worker_count(paths) == 1
    assert worker_count(paths[:1]) == 1


def test_parallel_loading_gives_the_same_documents(
    in_parallel: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files(tmp_path)
    assert worker_count([path for path, _ in files]) == 2
    together = load_documents(files, JourneyMap, 1 << 20)
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    alone = load_documents(files, JourneyMap, 1 << 20)
    assert [d.display for d in together] == [d.display for d in alone]
    for one, other in zip(together, alone, strict=True):
        assert one.model == other.model
        assert one.diagnostics == other.diagnostics
        assert one.text == other.text
        assert one.index.value(("stages", 0, "steps", 0, "action")) == other.index.value(
            ("stages", 0, "steps", 0, "action")
        )
    codes = [d.code for doc in together for d in doc.diagnostics]
    assert YAML_SYNTAX in codes and FILE_ERROR in codes


def test_a_workspace_checks_the_same_on_several_cores(
    in_parallel: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = tmp_path / "b2b"
    shutil.copytree(REPO / "examples" / "b2b-saas-trial", workspace)
    text = (workspace / "maps" / "trial-to-paid.yaml").read_text(encoding="utf-8")
    (workspace / "maps" / "copy.yaml").write_text(text.replace("owner: growth", "owner: nobody"))
    together = JsonReporter().render(check_paths([], workspace))
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    alone = JsonReporter().render(check_paths([], workspace))
    assert together == alone
    assert "nobody" in together
