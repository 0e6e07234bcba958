"""Run cjm commands the two ways a user meets them, and check that none crashed.

:func:`run_app` invokes the Typer app through ``typer.testing.CliRunner``: an exception
escaping a command shows up as ``result.exception``. :func:`run_entry_point` calls
``cjm.cli.main``, the console script, which turns such an exception into exit code 70
and "internal error". Either way, :func:`assert_no_crash` accepts only the documented
exit codes and output without a traceback.
"""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from cjm import cli
from tests.samples import PLAIN_ENV

DOCUMENTED_EXIT_CODES = (0, 1, 2)
# `cjm diff` also exits with 3 when a side does not load: nothing could be compared.
DIFF_EXIT_CODES = (*DOCUMENTED_EXIT_CODES, 3)
# The fuzz tests want the short report of a bug, never the traceback that CJM_DEBUG asks for.
ENV = {**PLAIN_ENV, "CJM_DEBUG": None}


@dataclass
class Run:
    """What one command did."""

    args: list[str]
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None = None

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_app(args: list[str | Path]) -> Run:
    words = [str(arg) for arg in args]
    result = CliRunner().invoke(cli.app, words, env=ENV)
    exception = None if isinstance(result.exception, SystemExit) else result.exception
    return Run(words, result.exit_code, result.stdout, result.stderr, exception)


def run_entry_point(args: list[str | Path]) -> Run:
    """Run ``cjm ARGS`` through the console-script function, as an installed cjm does."""
    words = [str(arg) for arg in args]
    runner = CliRunner()
    saved_argv = sys.argv
    with runner.isolation(env=ENV) as (out, err, _):
        sys.argv = ["cjm", *words]
        try:
            cli.main()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        finally:
            sys.argv = saved_argv
            sys.stdout.flush()
            sys.stderr.flush()
        stdout, stderr = out.getvalue(), err.getvalue()
    return Run(words, code, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"))


RUNNERS = {"app": run_app, "main": run_entry_point}


def assert_no_crash(run: Run) -> None:
    """The command ended the way the documentation says: 0, 1 or 2 (and 3 for a diff),
    no traceback."""
    if run.exception is not None:
        trace = "".join(traceback.format_exception(run.exception))
        raise AssertionError(f"cjm {' '.join(run.args)} raised:\n{trace}")
    documented = DIFF_EXIT_CODES if run.args[:1] == ["diff"] else DOCUMENTED_EXIT_CODES
    assert run.exit_code in documented, (
        f"cjm {' '.join(run.args)} exited with {run.exit_code}:\n{run.output[-3000:]}"
    )
    assert "Traceback" not in run.output, run.output[-3000:]
    assert "internal error" not in run.output, run.output[-3000:]
