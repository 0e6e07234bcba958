"""Fixtures of the preview's tests: a running ``cjm serve`` and a headless Chromium."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.report.chromium import launch

SRC = Path(__file__).resolve().parents[2] / "src"


class Served:
    """``python -m cjm serve ARGS`` running in ``cwd``, with what it printed."""

    def __init__(self, cwd: Path, *args: str) -> None:
        self.tmp = cwd / "tmp"
        self.tmp.mkdir(exist_ok=True)
        env = {
            **os.environ,
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
            "TMPDIR": str(self.tmp),
            "NO_COLOR": "1",
            "COLUMNS": "200",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cjm", "serve", *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.url = self._wait_for_url()

    def _wait_for_url(self) -> str:
        assert self.process.stdout is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.lines.append(line)
            if " at http://" in line:
                return line.split(" at ", 1)[1].strip()
        self.process.kill()
        _, err = self.process.communicate()
        raise AssertionError(f"cjm serve did not start: {''.join(self.lines)}{err}")

    def interrupt(self) -> tuple[int, str, str]:
        """Ctrl-C: the exit code and the rest of stdout and stderr."""
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=30)
        return self.process.returncode, "".join(self.lines) + out, err

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, shared by the tests of a module."""
    yield from launch()
