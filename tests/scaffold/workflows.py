"""What the tests of GitHub workflows and actions share: the `cjm` command lines of their
steps checked against the CLI's real options, and their bash steps run the way a runner
runs them, with `cjm` on the PATH being this interpreter's package."""

from __future__ import annotations

import os
import re
import shlex
import stat
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from cjm.cli import app
from tests.samples import PLAIN_ENV

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def cjm_command_lines(steps: Iterable[dict[str, Any]]) -> list[str]:
    """Every `cjm ...` command of the run steps, without redirections and `|| ...`."""
    lines: list[str] = []
    for each in steps:
        for line in each.get("run", "").splitlines():
            line = line.strip()
            if line.startswith("cjm "):
                lines.append(re.split(r"\s(?:\|\||>>?|&&|;)\s?", line)[0])
    return lines


def commands() -> set[str]:
    return set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@dataclass
class HelpOption:
    """One option as `cjm COMMAND --help` shows it."""

    names: list[str]
    choices: list[str] | None  # from `<a|b|c>`; None for free-form values and flags
    takes_value: bool
    text: str


def help_options(*command: str) -> dict[str, HelpOption]:
    """The options of `cjm COMMAND`, read from its `--help`."""
    result = CliRunner().invoke(app, [*command, "--help"], env=PLAIN_ENV)
    assert result.exit_code == 0, result.output
    section = result.output.split("Options:", 1)[1]
    blocks = re.split(r"\n(?=  -)", "\n" + section)
    found: dict[str, HelpOption] = {}
    for block in blocks:
        if not block.strip():
            continue
        first, *more = block.strip("\n").splitlines()
        head, _, text = first.strip().partition("  ")
        text = " ".join([text, *(line.strip() for line in more)]).strip()
        names = re.findall(r"(?:^|,\s*)(--?[a-zA-Z][\w-]*)", head)
        value = re.sub(r"(?:^|,\s*)--?[a-zA-Z][\w-]*", "", head).strip()
        choices = re.fullmatch(r"<([\w-]+(?:\|[\w-]+)+)>", value)
        option = HelpOption(names, choices[1].split("|") if choices else None, bool(value), text)
        found.update(dict.fromkeys(names, option))
    return found


def check_command_line(line: str) -> None:
    """Fail unless ``line`` (`cjm COMMAND ...`) uses a command and options that exist,
    with values they accept."""
    tokens = shlex.split(line)
    name = tokens[1]
    if name.startswith("-"):
        assert name in help_options()
        return
    assert name in commands(), f"`cjm {name}` does not exist"
    options = help_options(name)
    rest = iter(tokens[2:])
    for token in rest:
        if not token.startswith("-"):
            continue  # a path argument
        option, _, inline = token.partition("=")
        assert option in options, f"`cjm {name}` has no option {option}"
        described = options[option]
        if not described.takes_value:
            continue
        value = inline or next(rest)
        if "$" in value:
            continue  # filled in at run time
        if described.choices is not None:
            assert value in described.choices, f"{option} {value}"
        elif not all(part in re.findall(r"[a-z]+", described.text) for part in value.split(",")):
            pytest.fail(f"`cjm {name} {option}` does not accept {value!r}: {described.text}")


def runner_environment(tmp_path: Path) -> dict[str, str]:
    """The environment of a runner: `cjm` on the PATH (this interpreter's package) and the
    files GitHub gives every step."""
    shims = tmp_path / "bin"
    shims.mkdir()
    shim = shims / "cjm"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cjm "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    out = tmp_path / "runner-temp" / "cjm"
    out.mkdir(parents=True)
    env = {key: value for key, value in {**os.environ, **PLAIN_ENV}.items() if value is not None}
    env.update(
        PATH=f"{shims}{os.pathsep}{env.get('PATH', '')}",
        CJM_OUT=str(out),
        RUNNER_TEMP=str(out.parent),
        GITHUB_OUTPUT=str(tmp_path / "github-output"),
        GITHUB_STEP_SUMMARY=str(tmp_path / "step-summary.md"),
    )
    return env


def run_script(
    script: str, repository: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run a step's script as the runner does, with `bash -eo pipefail`, in ``repository``;
    its outputs start empty."""
    Path(env["GITHUB_OUTPUT"]).write_text("", encoding="utf-8")
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=repository,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def outputs(env: dict[str, str]) -> dict[str, str]:
    """What the last step run wrote to `$GITHUB_OUTPUT`."""
    lines = Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)
