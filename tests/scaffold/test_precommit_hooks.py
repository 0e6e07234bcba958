"""The pre-commit hooks in `.pre-commit-hooks.yaml`, run the way pre-commit runs them.

pre-commit runs a hook's `entry` plus its `args`, plus the staged files that match
`files` unless `pass_filenames` is false, from the repository root; the hook fails when the
command exits non-zero or changes a file. Here the entry's `cjm` is this interpreter's
`python -m cjm`, so the installed package is what runs. The hook settings are those of the
`.pre-commit-config.yaml` that `cjm init` writes (local hooks that need no hooks
repository), or, for a repository that uses cjm's published hooks, those of the manifest
overridden by that config, as they would be in a user's repository.
"""

from __future__ import annotations

import datetime
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from cjm import __version__
from cjm.scaffold import CJM_GITHUB_REPOSITORY, init_workspace
from tests.samples import PLAIN_ENV

REPO = Path(__file__).resolve().parents[2]
MANIFEST = REPO / ".pre-commit-hooks.yaml"
HOOKS_REPOSITORY = f"https://github.com/{CJM_GITHUB_REPOSITORY}"
# The clock of the machine, as the hooks' `cjm validate` sees it (stale-map compares).
TODAY = datetime.date.today()


def manifest() -> dict[str, dict[str, Any]]:
    hooks: list[dict[str, Any]] = YAML(typ="safe").load(MANIFEST)
    return {hook["id"]: hook for hook in hooks}


@dataclass
class HookRun:
    returncode: int
    changed: list[str]
    output: str

    @property
    def failed(self) -> bool:
        return self.returncode != 0 or bool(self.changed)


def hook_settings(repository: Path, hook_id: str) -> dict[str, Any]:
    """What pre-commit runs ``hook_id`` with: a local hook's own settings, or those of
    cjm's manifest overridden by the config."""
    config = YAML(typ="safe").load(repository / ".pre-commit-config.yaml")
    [(repo, hook)] = [(r, h) for r in config["repos"] for h in r["hooks"] if h["id"] == hook_id]
    if repo["repo"] == "local":
        return dict(hook)
    assert repo["repo"] == HOOKS_REPOSITORY
    return {**manifest()[hook_id], **hook}


def use_published_hooks(repository: Path) -> None:
    """Turn the repository's local hooks into the same hooks from cjm's hooks repository,
    as the guide shows for a repository that uses them."""
    path = repository / ".pre-commit-config.yaml"
    config = YAML(typ="safe").load(path)
    [local] = config["repos"]
    kept = ("id", "args", "files")
    hooks = [{key: hook[key] for key in kept if key in hook} for hook in local["hooks"]]
    published = {"repos": [{"repo": HOOKS_REPOSITORY, "rev": f"v{__version__}", "hooks": hooks}]}
    YAML().dump(published, path)


def run_hook(repository: Path, hook_id: str, staged: list[str]) -> HookRun:
    """Run ``hook_id`` on the ``staged`` files (relative to ``repository``) as pre-commit
    would, with the settings of the repository's ``.pre-commit-config.yaml``."""
    hook = hook_settings(repository, hook_id)
    files = re.compile(hook.get("files", ""))
    exclude = re.compile(hook["exclude"]) if "exclude" in hook else None
    matching = [f for f in staged if files.search(f) and not (exclude and exclude.search(f))]
    if not matching:
        return HookRun(0, [], "(no files to check): skipped")
    entry = shlex.split(hook["entry"])
    assert entry[0] == "cjm"
    command = [sys.executable, "-m", "cjm", *entry[1:], *map(str, hook.get("args", []))]
    if hook.get("pass_filenames", True):
        command.extend(matching)
    before = {f: (repository / f).read_bytes() for f in staged if (repository / f).is_file()}
    env = {key: value for key, value in {**os.environ, **PLAIN_ENV}.items() if value is not None}
    completed = subprocess.run(
        command, cwd=repository, capture_output=True, text=True, env=env, timeout=120, check=False
    )
    changed = [f for f, data in before.items() if (repository / f).read_bytes() != data]
    return HookRun(completed.returncode, changed, completed.stdout + completed.stderr)


def make_repository(
    root: Path, workspace: str = ".", template: str = "current-state", hooks: str = "local"
) -> Path:
    """A git repository (a `.git` folder is all cjm looks for) with a workspace from
    `cjm init`, and the files of the commit to check; ``hooks="published"`` uses cjm's
    hooks repository instead of the local hooks `cjm init` writes."""
    (root / ".git").mkdir(parents=True)
    init_workspace(root / workspace, name="Acme", template=template, today=TODAY)
    if hooks == "published":
        use_published_hooks(root)
    return root


HOOKS = pytest.mark.parametrize("hooks", ["local", "published"])


def all_files(repository: Path) -> list[str]:
    return sorted(
        p.relative_to(repository).as_posix()
        for p in repository.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(repository).parts[:1]
    )


# -- the manifest -------------------------------------------------------------------------


def test_manifest_declares_the_two_hooks() -> None:
    hooks = manifest()
    assert list(hooks) == ["cjm-validate", "cjm-fmt"]
    for hook in hooks.values():
        assert hook["language"] == "python"  # pre-commit installs cjm from this repository
        assert hook["name"] and hook["description"]
        for name in ("cjm.yaml", "maps/trial.yaml", "journeys/maps/b2b/trial.yml"):
            assert re.search(hook["files"], name), name
        assert not re.search(hook["files"], "README.md")


def test_fmt_hook_leaves_other_yaml_files_alone() -> None:
    """`cjm fmt` would read a workflow file it is given as a map, and fail on it."""
    files = manifest()["cjm-fmt"]["files"]
    for name in ("journeys/shared/personas.yaml", "cx/journeys/cjm.yaml", "maps/a/b/c.yaml"):
        assert re.search(files, name), name
    for name in (".github/workflows/ci.yml", ".pre-commit-config.yaml", "docker-compose.yml"):
        assert not re.search(files, name), name
    assert not re.search(files, "shared/nested/x.yaml")  # shared/*.yaml is one level


def test_validate_hook_checks_the_whole_workspace() -> None:
    hook = manifest()["cjm-validate"]
    assert shlex.split(hook["entry"]) == ["cjm", "validate"]
    # Reference rules need every map and shared file, not only the staged ones.
    assert hook["pass_filenames"] is False


def test_fmt_hook_formats_the_staged_files() -> None:
    hook = manifest()["cjm-fmt"]
    assert shlex.split(hook["entry"]) == ["cjm", "fmt"]
    assert hook.get("pass_filenames", True) is True


# -- cjm-validate ---------------------------------------------------------------------------


@pytest.mark.parametrize("workspace", [".", "journeys"])
@HOOKS
def test_validate_hook_passes_a_clean_workspace(tmp_path: Path, workspace: str, hooks: str) -> None:
    repository = make_repository(tmp_path, workspace, hooks=hooks)
    run = run_hook(repository, "cjm-validate", all_files(repository))
    assert run.returncode == 0, run.output
    assert not run.failed


@HOOKS
def test_validate_hook_fails_on_a_broken_map(tmp_path: Path, hooks: str) -> None:
    repository = make_repository(tmp_path, "journeys", hooks=hooks)
    broken = repository / "journeys" / "maps" / "learner-journey.yaml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("status: open", "status: opne", 1), encoding="utf-8")
    run = run_hook(repository, "cjm-validate", ["journeys/maps/learner-journey.yaml"])
    assert run.returncode == 1, run.output
    assert "journeys/maps/learner-journey.yaml" in run.output
    assert "'opne' is not a valid status" in run.output


@HOOKS
def test_validate_hook_finds_what_a_change_breaks_in_another_file(
    tmp_path: Path, hooks: str
) -> None:
    """Only cjm.yaml is staged, but the map that uses the removed team is what breaks."""
    repository = make_repository(tmp_path, "journeys", hooks=hooks)
    config = repository / "journeys" / "cjm.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - id: billing\n", "  - id: finance\n"), encoding="utf-8")
    run = run_hook(repository, "cjm-validate", ["journeys/cjm.yaml"])
    assert run.returncode == 1, run.output
    assert "maps/learner-journey.yaml" in run.output
    assert "CJM103 unknown team 'billing'" in run.output


def test_validate_hook_skips_commits_outside_the_workspace(tmp_path: Path) -> None:
    repository = make_repository(tmp_path, "journeys")
    (repository / "README.md").write_text("# Hello\n", encoding="utf-8")
    (repository / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
    run = run_hook(repository, "cjm-validate", ["README.md", "docker-compose.yml"])
    assert run.output.endswith("skipped")


# -- cjm-fmt ----------------------------------------------------------------------------------


@HOOKS
def test_fmt_hook_leaves_a_fresh_workspace_alone(tmp_path: Path, hooks: str) -> None:
    repository = make_repository(tmp_path, "journeys", hooks=hooks)
    run = run_hook(repository, "cjm-fmt", all_files(repository))
    assert not run.failed, (run.changed, run.output)


@HOOKS
def test_fmt_hook_fails_and_formats_an_untidy_map(tmp_path: Path, hooks: str) -> None:
    repository = make_repository(tmp_path, "journeys", hooks=hooks)
    untidy = repository / "journeys" / "maps" / "learner-journey.yaml"
    # The same map with four-space indentation: valid, but not the canonical form.
    yaml = YAML()
    yaml.indent(mapping=4, sequence=6, offset=4)
    yaml.width = 4096
    yaml.dump(yaml.load(untidy), untidy)
    assert not run_hook(repository, "cjm-validate", ["journeys/cjm.yaml"]).failed
    staged = ["journeys/maps/learner-journey.yaml"]
    run = run_hook(repository, "cjm-fmt", staged)
    assert run.failed, run.output
    assert run.changed == staged or run.returncode == 1
    # Once formatted, the hook passes, and the map still validates.
    again = run_hook(repository, "cjm-fmt", staged)
    assert not again.failed, (again.changed, again.output)
    assert not run_hook(repository, "cjm-validate", staged).failed
