"""The command line shell: version, help on every command, `python -m cjm`, and a fast
start (building the CLI imports none of the heavy libraries)."""

from __future__ import annotations

import ast
import subprocess
import sys
from typing import Any

import pytest
import typer

import cjm
from cjm.cli import app
from cjm.reporters import REPORTERS

from .conftest import run

HEAVY = ["jinja2", "pydantic", "pydantic_core", "rich", "ruamel"]


def _commands() -> dict[str, Any]:
    """The Click commands Typer builds, by name (Typer vendors Click, so no isinstance)."""
    return dict(typer.main.get_command(app).commands)


COMMANDS = sorted(_commands())


def _option_names(command: Any) -> list[str]:
    return [
        name
        for param in command.get_params(
            command.make_context(command.name, [], resilient_parsing=True)
        )
        if param.param_type_name == "option"
        for name in (*param.opts, *param.secondary_opts)
    ]


def test_commands_are_registered() -> None:
    assert {"validate", "schema"} <= set(COMMANDS)


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_prints_cjm_and_the_package_version(flag: str) -> None:
    result = run([flag])
    assert result.exit_code == 0
    assert result.stdout == f"cjm {cjm.__version__}\n"


def test_version_is_a_dotted_number() -> None:
    parts = cjm.__version__.split(".")
    assert len(parts) == 3
    assert all(part.isdigit() for part in parts)


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_root_help_lists_commands_and_options(flag: str) -> None:
    result = run([flag])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: cjm [OPTIONS] COMMAND [ARGS]...")
    assert "--version" in result.stdout
    assert "-h, --help" in result.stdout
    for name in COMMANDS:
        assert f"  {name} " in result.stdout


@pytest.mark.parametrize("flag", ["--help", "-h"])
@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_mentions_every_option(name: str, flag: str) -> None:
    result = run([name, flag])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: cjm {name} [OPTIONS]")
    options = _option_names(_commands()[name])
    assert "--help" in options
    for option in options:
        assert option in result.stdout, f"{option} missing from `cjm {name} --help`"


def test_validate_help_explains_exit_codes_and_formats() -> None:
    result = run(["validate", "--help"])
    assert (
        "Exit status: 0 clean, 1 findings at or above the failing severity, "
        "2 usage or configuration error."
    ) in " ".join(result.stdout.split())
    assert "<" + "|".join(REPORTERS) + ">" in result.stdout


def test_validate_help_usage_line_is_clean() -> None:
    result = run(["validate", "--help"])
    assert result.stdout.splitlines()[0] == "Usage: cjm validate [OPTIONS] [PATH]..."


def test_no_command_shows_help() -> None:
    result = run([])
    # Click's `no_args_is_help` exits with 2, like any other usage problem.
    assert result.exit_code == 2
    assert result.output.startswith("Usage: cjm [OPTIONS] COMMAND [ARGS]...")
    assert "Commands:" in result.output


def test_unknown_command_is_a_usage_error() -> None:
    result = run(["valdiate"])
    assert result.exit_code == 2
    assert "No such command 'valdiate'" in result.output


def test_python_dash_m_cjm_prints_the_version() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "cjm", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == f"cjm {cjm.__version__}\n"


def _heavy_modules_after(code: str) -> list[str]:
    probe = (
        f"{code}\nimport sys\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r}))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    return ast.literal_eval(completed.stdout.splitlines()[-1])


def test_importing_the_cli_imports_no_heavy_library() -> None:
    assert _heavy_modules_after("import cjm.cli") == []


# Not `cjm validate --help`: Typer itself imports pydantic to build commands with parameters.
@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_version_and_root_help_import_no_heavy_library(args: list[str]) -> None:
    code = f"from cjm.cli import app\ntry:\n    app({args!r})\nexcept SystemExit:\n    pass"
    assert _heavy_modules_after(code) == []
