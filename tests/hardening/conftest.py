"""Shared by the hardening tests: a small workspace, snapshots of files, and the real
``cjm`` command run in a guarded subprocess."""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

# One gibibyte of address space: a blow-up ends in MemoryError, not in the machine
# swapping; a hang ends at the timeout. Either fails the test.
MEMORY_LIMIT = 1024**3
TIMEOUT_SECONDS = 60

CONFIG = """\
name: Hardening
maps: ["maps/*.yaml"]
definitions: ["shared/*.yaml"]
teams: [{id: growth, name: Growth}]
"""

PERSONAS = """\
personas:
  - id: olivia
    name: Ops Olivia
    goals: [Get value fast]
    frustrations: [Slow set-up]
"""

# A valid map that is not in the canonical layout, so that `cjm fmt` would rewrite it.
MAP = """\
id: trial
title:   Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
personas: [olivia]
stages:
- id: signup
  name: Sign-up
  steps:
  - {id: start-trial, action: Starts a trial, emotion: 1}
"""


def write(path: Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path``, creating folders; bytes are written as they are."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def make_workspace(root: Path, maps: dict[str, str] | None = None) -> Path:
    """A small valid workspace at ``root``: cjm.yaml, a persona file and ``maps``."""
    write(root / "cjm.yaml", CONFIG)
    write(root / "shared" / "personas.yaml", PERSONAS)
    for name, text in (maps if maps is not None else {"trial.yaml": MAP}).items():
        write(root / "maps" / name, text)
    return root


Snapshot = dict[str, tuple[bytes, int]]


def snapshot(root: Path, skip: Sequence[str] = ()) -> Snapshot:
    """Every file under ``root`` (relative name -> bytes and mtime in ns), symlinks not
    followed; folders named in ``skip`` (relative to ``root``) are left out."""
    found: Snapshot = {}
    for current, dirs, files in os.walk(root):
        here = Path(current)
        dirs[:] = [d for d in dirs if (here / d).relative_to(root).as_posix() not in skip]
        for name in files:
            path = here / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[relative] = (str(path.readlink()).encode(), path.lstat().st_mtime_ns)
            else:
                found[relative] = (path.read_bytes(), path.stat().st_mtime_ns)
    return found


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2
PR_CAPBSET_DROP = 24


def _drop_root_file_access() -> None:
    """Take from root the power to read any file whatever its permissions (Linux), so
    that ``chmod 000`` means to the command what it means to everyone else."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _guard(unprivileged: bool) -> Callable[[], None]:
    def before_exec() -> None:
        _limit_memory()
        if unprivileged and os.geteuid() == 0:
            _drop_root_file_access()

    return before_exec


def command_env(**extra: str) -> dict[str, str]:
    """The environment for a command: plain output, and no cjm setting from outside."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CJM_DEBUG", "CJM_MAX_FILE_SIZE", "FORCE_COLOR")
    }
    env.update(NO_COLOR="1", TERM="dumb", COLUMNS="200", **extra)
    return env


def run_cjm(
    args: Sequence[str],
    cwd: Path,
    *,
    env: dict[str, str] | None = None,
    unprivileged: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m cjm ARGS`` in ``cwd`` with a memory limit and a timeout.

    ``unprivileged`` runs it, when the tests run as root, without root's power to read
    files it has no permission for.
    """
    return run_python(["-m", "cjm", *args], cwd, env=env, unprivileged=unprivileged)


def run_python(
    args: Sequence[str],
    cwd: Path,
    *,
    env: dict[str, str] | None = None,
    unprivileged: bool = False,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env or command_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT_SECONDS,
        preexec_fn=_guard(unprivileged),
        check=False,
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A small valid workspace in ``tmp_path``."""
    return make_workspace(tmp_path)
