"""Run a command in a fresh process and measure its wall time and peak memory.

Peak memory is the maximum resident set size the kernel reports for the process when it
is reaped (``wait4``). For a command that starts others, Linux counts the largest single
process of the tree that was waited for, not their sum: for the Mermaid CLI that is the
biggest of node and Chromium's processes, not all of Chromium together.

The command is not started by this process but by a small launcher (``LAUNCHER``), a
Python started with ``-I -S``. The kernel carries a process's peak memory across
``exec``, so a command forked from the benchmark, which holds generated maps in memory,
would report at least the benchmark's own size; forked from the launcher, it reports at
least the launcher's few megabytes, less than any command measured here. The launcher
also times the command, from fork to exit, so its own start is not counted.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    except OSError as problem:
        os.write(2, f"cannot start {sys.argv[2]}: {problem}\\n".encode())
    os._exit(127)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
with open(sys.argv[1], "w") as result:
    cpu = usage.ru_utime + usage.ru_stime
    result.write(f"{elapsed} {cpu} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


class CommandFailed(Exception):
    """A measured command exited with a status it should not have."""

    def __init__(self, command: Sequence[str], status: int, output: str) -> None:
        self.command = list(command)
        self.status = status
        self.output = output
        super().__init__(f"exit {status}: {' '.join(self.command)}")


@dataclass(frozen=True)
class Sample:
    """One run of a command."""

    seconds: float
    cpu_seconds: float
    peak_rss_bytes: int
    status: int


@dataclass(frozen=True)
class Timing:
    """The best of several runs: the shortest time (and the CPU time of that run), and the
    highest peak memory seen."""

    seconds: float
    cpu_seconds: float
    peak_rss_bytes: int
    runs: int
    status: int
    cut_short: bool = False  # fewer runs than asked for, because the first one was long

    @property
    def peak_rss_mb(self) -> float:
        return self.peak_rss_bytes / 1_000_000


def _tail(path: Path, lines: int = 12) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])


def run_once(
    command: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[Sample, str]:
    """Run ``command`` once; its sample and the end of what it printed.

    Output goes to a file rather than a pipe, as when a user redirects it, so that
    reading it takes no time from the measurement and a chatty command cannot block."""
    with tempfile.TemporaryDirectory() as folder:
        log, result = Path(folder) / "output.txt", Path(folder) / "result.txt"
        with log.open("wb") as output:
            subprocess.run(
                [sys.executable, "-I", "-S", "-c", LAUNCHER, str(result), *command],
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=output,
                check=False,
            )
        if not result.exists():
            return Sample(0.0, 0.0, 0, 127), _tail(log)
        elapsed, cpu, max_rss_kib, status = result.read_text(encoding="utf-8").split()
        # ru_maxrss is in kibibytes on Linux.
        sample = Sample(float(elapsed), float(cpu), int(max_rss_kib) * 1024, int(status))
        return sample, _tail(log)


def best_of(
    command: Sequence[str],
    runs: int,
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    ok: Sequence[int] = (0,),
    long_run_seconds: float = 30.0,
) -> Timing:
    """The best of ``runs`` runs of ``command``, each in a fresh process.

    A command whose first run takes longer than ``long_run_seconds`` is run once: its
    time is dominated by work, not by noise, and repeating it would stretch the run.
    Raises CommandFailed when a run exits with a status outside ``ok``."""
    samples: list[Sample] = []
    for _ in range(max(1, runs)):
        sample, output = run_once(command, cwd, env)
        if sample.status not in ok:
            raise CommandFailed(command, sample.status, output)
        samples.append(sample)
        if sample.seconds > long_run_seconds:
            break
    fastest = min(samples, key=lambda sample: sample.seconds)
    return Timing(
        seconds=fastest.seconds,
        cpu_seconds=fastest.cpu_seconds,
        peak_rss_bytes=max(s.peak_rss_bytes for s in samples),
        runs=len(samples),
        status=samples[0].status,
        cut_short=len(samples) < runs,
    )


def capture(command: Sequence[str], cwd: Path | None = None) -> tuple[int, str]:
    """Exit status and combined output of ``command``, for checks and version strings."""
    try:
        done = subprocess.run(
            command, cwd=cwd, capture_output=True, text=True, check=False, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as problem:
        return 127, str(problem)
    return done.returncode, (done.stdout + done.stderr).strip()
