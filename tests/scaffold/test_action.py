"""The composite GitHub Action in `action.yml`.

Its shape is checked against what GitHub accepts and what the steps need from each other;
every `cjm` command line in it is checked against the options the CLI really has; and the
bash steps that only need cjm are run here, as the runner would run them, on a workspace
made by `cjm init`.
"""

from __future__ import annotations

import datetime
import json
import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from cjm.scaffold import init_workspace
from tests.scaffold.workflows import (
    EXPRESSION,
    check_command_line,
    cjm_command_lines,
    help_options,
    outputs,
    run_script,
    runner_environment,
)

REPO = Path(__file__).resolve().parents[2]
ACTION = REPO / "action.yml"
TODAY = datetime.date.today()


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = YAML(typ="safe").load(ACTION)
    return loaded


def steps() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = action()["runs"]["steps"]
    return found


def step(step_id: str) -> dict[str, Any]:
    (found,) = [s for s in steps() if s.get("id") == step_id]
    return found


# -- the action's shape ----------------------------------------------------------------------


def test_action_is_a_composite_action() -> None:
    metadata = action()
    assert metadata["runs"]["using"] == "composite"
    assert metadata["name"] and metadata["description"]
    for name, spec in metadata["inputs"].items():
        assert spec.get("description"), name
        assert "default" in spec and spec.get("required") is False, name
    for name, spec in metadata["outputs"].items():
        assert spec.get("description") and spec.get("value"), name


def test_run_steps_use_bash_and_take_inputs_through_the_environment() -> None:
    for each in steps():
        if "run" in each:
            assert each["shell"] == "bash", each.get("name")
            # Expressions pasted into a script are a script injection; env is not.
            assert "${{" not in each["run"], each.get("name")


def test_actions_used_are_pinned_to_a_major_version() -> None:
    used = [each["uses"] for each in steps() if "uses" in each]
    assert used == [
        "actions/setup-python@v6",
        "github/codeql-action/upload-sarif@v4",
        "actions/upload-artifact@v6",
    ]


def test_expressions_refer_to_declared_inputs_and_steps() -> None:
    text = ACTION.read_text(encoding="utf-8")
    inputs = set(action()["inputs"])
    step_ids = {each["id"] for each in steps() if "id" in each}
    expressions = EXPRESSION.findall(text)
    conditions = [each["if"] for each in [*steps()] if "if" in each]
    for expression in [*expressions, *conditions]:
        for name in re.findall(r"inputs\.([a-z-]+)", expression):
            assert name in inputs, expression
        for name in re.findall(r"steps\.([a-z-]+)\.", expression):
            assert name in step_ids, expression


def test_cjm_is_installed_from_the_action_itself() -> None:
    (install,) = [each for each in steps() if each.get("name") == "Install cjm"]
    assert install["env"]["CJM_SOURCE"] == "${{ github.action_path }}"
    assert 'pip install --disable-pip-version-check --quiet "$CJM_SOURCE"' in install["run"]


def test_only_the_last_step_can_fail_the_job() -> None:
    *before, last = steps()
    assert last["name"] == "Validate"
    assert "if" not in last and "continue-on-error" not in last
    assert "--format github" in last["run"]
    for each in before:
        runs_cjm = "cjm " in each.get("run", "").replace("cjm --version", "")
        if runs_cjm or ("uses" in each and "setup-python" not in each["uses"]):
            assert each.get("continue-on-error") is True or "|| true" in each["run"], each["name"]


def test_sarif_goes_to_code_scanning() -> None:
    assert "--format sarif" in step("sarif")["run"]
    assert step("sarif")["if"] == "inputs.sarif == 'true'"
    (upload,) = [e for e in steps() if e.get("uses", "").startswith("github/codeql-action/")]
    assert upload["if"] == "steps.sarif.outputs.file != ''"
    assert upload["with"] == {
        "sarif_file": "${{ steps.sarif.outputs.file }}",
        "category": "${{ inputs.sarif-category }}",
    }


def test_report_is_uploaded_as_an_artifact() -> None:
    assert "cjm render $CJM_PATHS --format html --out" in step("report")["run"]
    (upload,) = [e for e in steps() if e.get("uses", "").startswith("actions/upload-artifact")]
    assert upload["if"] == "steps.report.outputs.dir != ''"
    assert upload["with"]["path"] == "${{ steps.report.outputs.dir }}"
    assert upload["with"]["name"] == "${{ inputs.report-name }}"


def test_diff_of_the_pull_request_goes_to_the_job_summary() -> None:
    diff = step("diff")
    assert "github.event_name == 'pull_request'" in diff["if"]
    assert diff["env"]["CJM_BASE"] == "${{ github.event.pull_request.base.sha }}"
    assert 'cjm diff --base "$CJM_BASE" --format markdown' in diff["run"]
    assert '>> "$GITHUB_STEP_SUMMARY"' in diff["run"]


# -- every cjm command line uses options that exist ---------------------------------------------


def test_help_parsing_reads_the_validate_options() -> None:
    options = help_options("validate")
    assert options["--format"] is options["-f"]
    assert options["--format"].choices == ["text", "json", "sarif", "github", "junit"]
    assert options["--fail-on"].choices == ["error", "warning", "info"]
    assert options["--output"].takes_value and options["--select"].takes_value
    assert not options["--help"].takes_value


def test_the_action_runs_cjm() -> None:
    used = {shlex.split(line)[1] for line in cjm_command_lines(steps())}
    assert used == {"--version", "validate", "render", "diff"}


@pytest.mark.parametrize("line", cjm_command_lines(steps()))
def test_command_line_uses_existing_options(line: str) -> None:
    check_command_line(line)


# -- the steps, run as the runner runs them ----------------------------------------------------


@pytest.fixture
def runner_env(tmp_path: Path) -> dict[str, str]:
    return runner_environment(tmp_path)


def run_step(
    step_id: str | None, repository: Path, env: dict[str, str], inputs: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run a step's script with `bash -eo pipefail`, its `env` filled from ``inputs``
    (over the action's defaults); ``None`` runs the last step."""
    chosen = step(step_id) if step_id is not None else steps()[-1]
    values = {name: spec["default"] for name, spec in action()["inputs"].items()} | inputs
    step_env = {
        key: EXPRESSION.sub(lambda m: values[m[1].removeprefix("inputs.")], value)
        for key, value in chosen.get("env", {}).items()
    }
    return run_script(chosen["run"], repository, {**env, **step_env})


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    init_workspace(root / "journeys", name="Acme", template="b2b-saas", today=TODAY)
    return root


MAP = "journeys/maps/trial-to-team-plan.yaml"


def test_steps_pass_a_clean_workspace(repository: Path, runner_env: dict[str, str]) -> None:
    inputs = {"paths": "journeys"}
    sarif = run_step("sarif", repository, runner_env, inputs)
    assert sarif.returncode == 0, sarif.stderr
    written = outputs(runner_env)["file"]
    report = json.loads(Path(written).read_text(encoding="utf-8"))
    assert report["version"] == "2.1.0"
    assert report["runs"][0]["results"] == []
    validate = run_step(None, repository, runner_env, inputs)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert "::error" not in validate.stdout


def test_steps_report_a_broken_map(repository: Path, runner_env: dict[str, str]) -> None:
    broken = repository / MAP
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("owner: sales\n", "owner: sails\n", 1), encoding="utf-8")
    inputs = {"paths": "journeys"}
    sarif = run_step("sarif", repository, runner_env, inputs)
    assert sarif.returncode == 0, sarif.stderr  # findings never fail this step
    report = json.loads(Path(outputs(runner_env)["file"]).read_text(encoding="utf-8"))
    (result,) = [r for r in report["runs"][0]["results"] if r["ruleId"] == "CJM103"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == MAP  # relative to the repository root, for code scanning
    validate = run_step(None, repository, runner_env, inputs)
    assert validate.returncode == 1
    assert f"::error file={MAP},line=" in validate.stdout
    assert "unknown team 'sails'" in validate.stdout


def test_fail_on_input_reaches_cjm(repository: Path, runner_env: dict[str, str]) -> None:
    # Dropping an opportunity leaves a high pain point unanswered: a warning only.
    target = repository / MAP
    text = target.read_text(encoding="utf-8")
    start = text.index("  - id: vat-codes-in-export")
    end = text.index("  - id: monthly-team-plan")
    target.write_text(text[:start] + text[end:], encoding="utf-8")
    default = run_step(None, repository, runner_env, {"paths": "journeys"})
    assert default.returncode == 0, default.stdout
    assert "::warning" in default.stdout and "CJM107" in default.stdout
    strict = run_step(None, repository, runner_env, {"paths": "journeys", "fail-on": "warning"})
    assert strict.returncode == 1, strict.stdout


def test_usage_errors_fail_the_last_step(repository: Path, runner_env: dict[str, str]) -> None:
    inputs = {"paths": "no-such-folder"}
    assert run_step("sarif", repository, runner_env, inputs).returncode == 0
    assert "file" not in outputs(runner_env)  # nothing to upload
    validate = run_step(None, repository, runner_env, inputs)
    assert validate.returncode == 2
    assert "no such file or folder" in validate.stderr


def test_report_step_renders_html(repository: Path, runner_env: dict[str, str]) -> None:
    done = run_step("report", repository, runner_env, {"paths": "journeys"})
    assert done.returncode == 0, done.stderr
    folder = Path(outputs(runner_env)["dir"])
    assert list(folder.rglob("*.html"))
