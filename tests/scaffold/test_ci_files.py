"""The CI files `cjm init` writes work without a guess: they install cjm from the package
index by name and by the version that wrote them, pre-commit's own validation accepts the
hooks, and the workflow's steps do their job when run as a runner runs them."""

from __future__ import annotations

import datetime
import json
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from cjm import __version__
from cjm.scaffold import CJM_GITHUB_REPOSITORY, init_workspace
from tests.scaffold.workflows import (
    EXPRESSION,
    check_command_line,
    cjm_command_lines,
    outputs,
    run_script,
    runner_environment,
)

REPO = Path(__file__).resolve().parents[2]
DISTRIBUTION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "name"
]
REQUIREMENT = f"{DISTRIBUTION}=={__version__}"
TODAY = datetime.date.today()
WORKFLOW = ".github/workflows/journeys.yml"
HOOKS = ".pre-commit-config.yaml"
MAP = "journeys/maps/learner-journey.yaml"


def git(repository: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=cjm", "-c", "user.email=cjm@example.com", *args],
        cwd=repository,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def make_repository(root: Path) -> Path:
    """A git repository with a workspace from `cjm init` in `journeys/`, committed."""
    root.mkdir()
    git(root, "init", "-q")
    init_workspace(root / "journeys", name="Acme", template="current-state", today=TODAY)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Journeys")
    return root


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repository(tmp_path_factory.mktemp("generated") / "repo")


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path)


def steps(repository: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = load(repository / WORKFLOW)["jobs"]["journeys"]["steps"]
    return found


def step(repository: Path, name: str) -> dict[str, Any]:
    (found,) = [s for s in steps(repository) if s.get("name") == name]
    return found


# -- no guess: this release, by name, from the package index ---------------------------------


def test_the_files_name_no_hosted_repository(generated: Path) -> None:
    for name in (WORKFLOW, HOOKS):
        text = (generated / name).read_text(encoding="utf-8")
        assert CJM_GITHUB_REPOSITORY not in text, name
        assert "{{" not in text.replace("${{", ""), name


def test_the_hooks_install_this_release_from_the_package_index(generated: Path) -> None:
    config = load(generated / HOOKS)
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    hooks = {hook["id"]: hook for hook in repo["hooks"]}
    assert list(hooks) == ["cjm-validate", "cjm-fmt"]
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["additional_dependencies"] == [REQUIREMENT]
        assert shlex.split(hook["entry"])[0] == "cjm"
    assert hooks["cjm-validate"]["args"] == ["journeys"]


def test_the_workflow_installs_this_release_from_the_package_index(generated: Path) -> None:
    workflow = load(generated / WORKFLOW)
    assert workflow["env"]["CJM_VERSION"] == __version__
    assert workflow["env"]["CJM_WORKSPACE"] == "journeys"
    install = step(generated, "Install cjm")["run"]
    assert shlex.split(install)[:4] == ["python", "-m", "pip", "install"]
    assert f'"{DISTRIBUTION}==$CJM_VERSION"' in install
    used = [each["uses"] for each in steps(generated) if "uses" in each]
    assert used == [
        "actions/checkout@v5",
        "actions/setup-python@v6",
        "github/codeql-action/upload-sarif@v4",
        "actions/upload-artifact@v6",
    ]


# -- pre-commit's own validation ----------------------------------------------------------------


def pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_pre_commit_accepts_the_config(generated: Path) -> None:
    checked = pre_commit("validate-config", str(generated / HOOKS))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_pre_commit_validation_is_not_a_formality(generated: Path, tmp_path: Path) -> None:
    broken = tmp_path / HOOKS
    text = (generated / HOOKS).read_text(encoding="utf-8")
    broken.write_text(text.replace("language: python", "language: pyhton", 1), encoding="utf-8")
    checked = pre_commit("validate-config", str(broken))
    assert checked.returncode == 1
    assert "pyhton" in checked.stdout


def test_pre_commit_accepts_the_hooks_manifest() -> None:
    checked = pre_commit("validate-manifest", str(REPO / ".pre-commit-hooks.yaml"))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_local_hooks_match_the_manifest(generated: Path) -> None:
    """Whether from `cjm init` or from cjm's hooks repository, a hook runs the same."""
    manifest = {hook["id"]: hook for hook in load(REPO / ".pre-commit-hooks.yaml")}
    [repo] = load(generated / HOOKS)["repos"]
    for hook in repo["hooks"]:
        published = manifest[hook["id"]]
        for key in ("name", "entry", "language"):
            assert hook[key] == published[key], (hook["id"], key)
        assert hook.get("pass_filenames", True) == published.get("pass_filenames", True)


# -- the workflow's steps ------------------------------------------------------------------------


def test_the_workflow_runs_cjm_with_existing_options(generated: Path) -> None:
    lines = cjm_command_lines(steps(generated))
    assert {shlex.split(line)[1] for line in lines} == {"validate", "diff", "render"}
    for line in lines:
        check_command_line(line)


def test_only_the_last_step_can_fail_the_job(generated: Path) -> None:
    *before, last = steps(generated)
    assert last["name"] == "Validate" and "if" not in last
    assert "--format github" in last["run"]
    for each in before:
        runs_cjm = "cjm " in each.get("run", "")
        if runs_cjm or each.get("uses", "").startswith(("github/", "actions/upload")):
            assert each.get("continue-on-error") is True or "|| true" in each["run"], each


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return make_repository(tmp_path / "repo")


def run(
    repository: Path, name: str, env: dict[str, str], context: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the step called ``name`` with the workflow's and the step's environment, its
    `${{ ... }}` expressions taken from ``context``."""
    chosen = step(repository, name)
    values = context or {}
    step_env = {
        key: EXPRESSION.sub(lambda match: values[match[1]], value)
        for key, value in chosen.get("env", {}).items()
    }
    workflow_env = load(repository / WORKFLOW)["env"]
    return run_script(chosen["run"], repository, {**env, **workflow_env, **step_env})


def test_steps_pass_a_clean_workspace(repository: Path, tmp_path: Path) -> None:
    env = runner_environment(tmp_path)
    sarif = run(repository, "Findings as SARIF", env)
    assert sarif.returncode == 0, sarif.stderr
    report = json.loads(Path(outputs(env)["file"]).read_text(encoding="utf-8"))
    assert report["version"] == "2.1.0" and report["runs"][0]["results"] == []
    rendered = run(repository, "Render the report", env)
    assert rendered.returncode == 0, rendered.stderr
    assert list(Path(outputs(env)["dir"]).rglob("*.html"))
    validate = run(repository, "Validate", env)
    assert validate.returncode == 0, validate.stdout + validate.stderr


def test_steps_report_a_broken_map(repository: Path, tmp_path: Path) -> None:
    env = runner_environment(tmp_path)
    broken = repository / MAP
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("owner: growth\n", "owner: grwoth\n", 1),
        encoding="utf-8",
    )
    sarif = run(repository, "Findings as SARIF", env)
    assert sarif.returncode == 0, sarif.stderr  # findings never fail this step
    report = json.loads(Path(outputs(env)["file"]).read_text(encoding="utf-8"))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in report["runs"][0]["results"]
    }
    assert uris == {MAP}
    validate = run(repository, "Validate", env)
    assert validate.returncode == 1
    assert f"::error file={MAP},line=" in validate.stdout


def test_journey_changes_go_to_the_job_summary(repository: Path, tmp_path: Path) -> None:
    env = runner_environment(tmp_path)
    base = git(repository, "rev-parse", "HEAD")
    changed = repository / MAP
    changed.write_text(
        changed.read_text(encoding="utf-8").replace(
            "score: 2, label: delighted", "score: -2, label: let down", 1
        ),
        encoding="utf-8",
    )
    git(repository, "commit", "-q", "-am", "Worse")
    context = {"github.event.pull_request.base.sha": base}
    done = run(repository, "Journey changes", env, context)
    assert done.returncode == 0, done.stderr
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "Map `learner-journey`" in summary and "1 step got worse" in summary
