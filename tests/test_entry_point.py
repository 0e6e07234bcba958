"""The console-script entry point: bugs end with a short report, not a traceback, and
the program runs with the garbage collector tuned for a short process."""

from __future__ import annotations

import gc
import sys
import tomllib
from typing import Any

import pytest

from cjm import cli, program
from tests.tools import SRC, run_probe

PYPROJECT = SRC.parent / "pyproject.toml"


def _explode(*args: object, **kwargs: object) -> None:
    raise RuntimeError("kaboom")


def _exploding_command(app: object) -> object:
    """Stands in for the command tree ``main`` builds of the app: running it raises."""
    return _explode


def test_internal_error_is_reported_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CJM_DEBUG", raising=False)
    monkeypatch.setattr(cli, "lazy_command", _exploding_command)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == cli.EXIT_INTERNAL_ERROR
    err = capsys.readouterr().err
    assert err.startswith("cjm: internal error: RuntimeError: kaboom\n")
    assert "Traceback" not in err


def test_debug_variable_shows_the_real_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CJM_DEBUG", "1")
    monkeypatch.setattr(cli, "lazy_command", _exploding_command)
    with pytest.raises(RuntimeError, match="kaboom"):
        cli.main()


# The program run as a whole process: the console script and `python -m cjm` go through
# cjm.program, which tunes the garbage collector for a short process (see its docstring).
_GC_PROBE = """
import gc, json, sys
default_threshold = gc.get_threshold()
from cjm import program
imported_typer = "typer" in sys.modules
sys.argv = ["cjm", *sys.argv[1:]]
try:
    program.main()
except SystemExit as done:
    code = done.code
print(json.dumps({
    "code": code,
    "typer_before_main": imported_typer,
    "threshold": gc.get_threshold(),
    "default_threshold": default_threshold,
    "frozen": gc.get_freeze_count(),
}))
"""


def _run_program(*args: str) -> dict[str, Any]:
    return run_probe(_GC_PROBE, list(args), SRC.parent)


def test_the_console_script_and_python_dash_m_start_the_program() -> None:
    scripts = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"cjm": "cjm.program:main"}
    main_module = (SRC / "cjm" / "__main__.py").read_text(encoding="utf-8")
    assert "from cjm.program import main" in main_module


@pytest.mark.parametrize("args", [["--version"], ["validate", "--help"], ["no-such-command"]])
def test_the_program_collects_rarely_and_freezes_what_is_alive_at_the_end(
    args: list[str],
) -> None:
    report = _run_program(*args)
    assert report["code"] == (2 if args == ["no-such-command"] else 0)
    # The collector is set before Typer (and cjm's command line) is imported.
    assert report["typer_before_main"] is False
    threshold = report["threshold"]
    default = report["default_threshold"]
    assert isinstance(threshold, list) and isinstance(default, list)
    assert threshold == [program.COLLECT_AFTER, *default[1:]]
    assert threshold[0] > default[0]
    # What was alive when the command ended is out of the last collection's reach.
    frozen = report["frozen"]
    assert isinstance(frozen, int) and frozen > 10_000


def test_cli_main_in_a_process_of_its_own_leaves_the_collector_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    monkeypatch.setattr(sys, "argv", ["cjm", "--version"])
    with pytest.raises(SystemExit):
        cli.main()
    assert gc.get_threshold() == threshold
    # Frozen objects that are freed leave the count; a freeze would add the whole heap.
    assert gc.get_freeze_count() <= frozen
