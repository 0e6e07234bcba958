"""The render pipeline gives each map what its workspace measured of it: the reports get a
Funnel section and the journey view a Data lane from ``Project.measurements``, checked
against the sources the workspace's ``cjm.yaml`` declares."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from cjm.load.project import Project, load_standalone, load_workspace
from cjm.render.measured import snapshot_state
from cjm.render.pipeline import ReportInputs, measured_for, plan_jobs, run_jobs
from tests.report.funnel_fixture import FUNNEL, measured


def _workspace(tmp_path: Path) -> Project:
    """The fixture's map and cjm.yaml in a workspace of their own (the binding and
    snapshot are given to the project as the loader gives them)."""
    root = tmp_path / "workspace"
    (root / "maps").mkdir(parents=True)
    shutil.copy(FUNNEL / "cjm.yaml", root / "cjm.yaml")
    shutil.copy(FUNNEL / "maps" / "trial.yaml", root / "maps" / "trial.yaml")
    project = load_workspace(root, root)
    project.measurements["trial"] = measured().measurements
    return project


def _render(project: Project, out: Path) -> tuple[str, str, str]:
    [document] = project.maps
    plan = plan_jobs([project], {document.display}, ["journey"], ["html", "markdown", "dot"], out)
    outcomes = list(run_jobs(plan, None, ReportInputs(today=datetime.date(2026, 11, 23))))
    assert all(outcome.failure is None for outcome in outcomes)
    return (
        (out / "trial-report.html").read_text(encoding="utf-8"),
        (out / "trial.md").read_text(encoding="utf-8"),
        (out / "trial-journey.dot").read_text(encoding="utf-8"),
    )


def test_reports_and_diagrams_read_the_projects_measurements(tmp_path: Path) -> None:
    page, markdown, dot = _render(_workspace(tmp_path), tmp_path / "out")
    assert '<section id="funnel"' in page and "1,204" in page
    assert "Out of step" not in page and "out of step" not in dot
    assert "## Funnel" in markdown and "Out of step" not in markdown
    assert "1,204 reached" in dot and "38% drop off" in dot


def test_a_map_the_project_has_not_measured_gets_neither(tmp_path: Path) -> None:
    project = _workspace(tmp_path)
    project.measurements.clear()
    page, markdown, dot = _render(project, tmp_path / "out")
    assert 'id="funnel"' not in page and "## Funnel" not in markdown and "reached" not in dot


def test_sources_the_workspace_does_not_declare_put_the_snapshot_out_of_step() -> None:
    project = load_standalone([FUNNEL / "maps" / "trial.yaml"], FUNNEL)
    [document] = project.maps
    assert document.model is not None
    assert measured_for(project, document.model) is None
    project.measurements["trial"] = measured().measurements
    found = measured_for(project, document.model)
    assert found is not None and found.sources == ()
    assert found.snapshot is not None
    assert snapshot_state(document.model, found) == "out-of-step"
