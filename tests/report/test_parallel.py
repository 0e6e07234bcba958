"""Report pages rendered by a pool of worker processes are the pages rendered here: a
workspace rendered with the pool forced on has the same files, byte for byte, as one
rendered in-process; and the pool is really used, and only when it pays."""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

import pytest

import cjm.report.parallel as parallel
from cjm.commands.render import run_render
from cjm.load.project import load_workspace
from cjm.render.pipeline import HTML, ReportInputs, context_for, plan_jobs, run_jobs
from cjm.report.build import build_report
from cjm.workers import JOBS_VARIABLE

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# Eight maps, three of them future states paired with their current state.
WORKSPACE = EXAMPLES / "lumen-energy"
TODAY = datetime.date(2026, 11, 23)

needs_fork = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="worker processes are forked on Linux only"
)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _render(out: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    monkeypatch.chdir(WORKSPACE)
    run_render([WORKSPACE], views=["journey"], formats=["html"], out=out, graphviz=None,
               today=TODAY)  # fmt: skip
    return _files(out)


@needs_fork
def test_a_workspace_rendered_by_the_pool_is_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(JOBS_VARIABLE, raising=False)
    monkeypatch.setattr(parallel, "PARALLEL_FROM_PAGES", 10**6)
    serial = _render(tmp_path / "serial", monkeypatch)
    monkeypatch.setattr(parallel, "PARALLEL_FROM_PAGES", 1)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    pooled = _render(tmp_path / "pooled", monkeypatch)
    reports = [name for name in serial if name.endswith("-report.html")]
    assert len(reports) == 8 and "index.html" in serial
    assert list(pooled) == list(serial)
    for name, data in serial.items():
        assert pooled[name] == data, name


@needs_fork
def test_the_pages_are_rendered_by_other_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = load_workspace(WORKSPACE, WORKSPACE)
    plan = plan_jobs([project], {d.display for d in project.maps}, [], [HTML], WORKSPACE / "out")
    reports = [build_report(context_for(job), [], TODAY, None) for job in plan.jobs]
    # Each page says which process rendered it and which report it is.
    monkeypatch.setattr(
        parallel, "render_report", lambda report, pairing: f"{os.getpid()} {report.id}"
    )

    def written(workers: int) -> list[list[str]]:
        folder = tmp_path / str(workers)
        pages = [(report, None, folder / f"{report.id}.html") for report in reports]
        parallel.write_pages(pages, workers=workers)
        return [target.read_text(encoding="utf-8").split() for _, _, target in pages]

    pooled = written(2)
    assert [report_id for _, report_id in pooled] == [report.id for report in reports]
    assert all(int(pid) != os.getpid() for pid, _ in pooled)
    assert all(int(pid) == os.getpid() for pid, _ in written(1))


@needs_fork
def test_a_page_the_pool_cannot_write_raises_as_here(tmp_path: Path) -> None:
    project = load_workspace(WORKSPACE, WORKSPACE)
    plan = plan_jobs([project], {d.display for d in project.maps}, [], [HTML], WORKSPACE / "out")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    report = build_report(context_for(plan.jobs[0]), [], TODAY, None)
    pages = [(report, None, blocker / f"{n}.html") for n in range(3)]
    for workers in (1, 2):
        with pytest.raises(OSError):
            parallel.write_pages(pages, workers=workers)


def test_a_few_pages_are_rendered_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(JOBS_VARIABLE, raising=False)
    monkeypatch.setattr(parallel, "cores", lambda: 4)
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    assert parallel.worker_count(parallel.PARALLEL_FROM_PAGES - 1) == 1
    assert parallel.worker_count(parallel.PARALLEL_FROM_PAGES) == 4
    assert parallel.worker_count(500) == 4


def test_the_jobs_variable_caps_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 4)
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    assert parallel.worker_count(500) == 1
    monkeypatch.setenv(JOBS_VARIABLE, "2")
    assert parallel.worker_count(500) == 2
    monkeypatch.setenv(JOBS_VARIABLE, "many")
    assert parallel.worker_count(500) == 4


def test_without_fork_the_pages_are_rendered_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 4)
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert parallel.worker_count(500) == 1


@needs_fork
def test_the_site_and_reports_are_written_in_plan_order_with_the_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM_PAGES", 1)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.delenv(JOBS_VARIABLE, raising=False)
    project = load_workspace(WORKSPACE, WORKSPACE)
    out = tmp_path / "out"
    plan = plan_jobs(
        [project], {d.display for d in project.maps}, ["journey"], ["dot", HTML], out, index=True
    )
    outcomes = list(run_jobs(plan, None, ReportInputs(today=TODAY)))
    written = [outcome.target for outcome in outcomes]
    assert written[: len(plan.jobs)] == [job.target for job in plan.jobs]
    assert written[len(plan.jobs)] == out / "index.html"
    assert all(outcome.failure is None for outcome in outcomes)
