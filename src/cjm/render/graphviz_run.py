"""Run Graphviz on a DOT source: the bundled one, or a system ``dot`` when asked.

The bundled renderer is ``graphviz-pure``, a self-contained Graphviz installed by pip with
cjm, so a fresh machine needs nothing else. ``--graphviz system`` (or the environment
variable ``CJM_GRAPHVIZ=system``) uses the ``dot`` on the PATH instead, or the command named
by ``CJM_DOT``. Either one only lays the diagram out, as SVG: cjm draws the PNG and PDF
files from that SVG itself (see :mod:`cjm.render.formats`).

Graphviz runs with a time limit and, where the system allows it, a memory limit. When it
fails, :func:`explain` says why in a sentence (it ran out of memory, took too long, was
killed, or was given DOT it could not read, which is a bug in cjm) and keeps what
Graphviz printed as the detail.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cjm.render.dot import DiagramSource
from cjm.render.failure import DrawingFailed

BUNDLED, SYSTEM = "bundled", "system"
BUNDLED_COMMAND = "graphviz-pure"
TIMEOUT_SECONDS = 300
# Address space Graphviz may use: laying out the largest map cjm accepts takes far less.
MEMORY_LIMIT = 1024**3
DETAIL_LINES = 3

_ALLOCATION = re.compile(r"memory allocation of (\d+) bytes failed")
_OUT_OF_MEMORY = re.compile(r"out of memory|cannot allocate memory|bad_alloc|MemoryError", re.I)
_SYNTAX = re.compile(r"syntax error in line (\d+)|mismatched tag|(?:^|\s)error: .*label", re.I)
_NOISE = re.compile(r"^(note: |Warning: |stack backtrace:|\s+\d+: )")


class RenderError(Exception):
    """Graphviz cannot be used at all: it is missing, or the choice is unknown."""


def _size(count: int) -> str:
    return f"{count / 1024**3:.1f} GB" if count >= 1024**3 else f"{count / 1024**2:.0f} MB"


def _detail(stderr: str) -> str:
    """What Graphviz said last, without its notes and warnings: a few lines at most."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    kept = [line for line in lines if not _NOISE.match(line)] or lines
    return " / ".join(kept[-DETAIL_LINES:])[-500:]


def explain(command: str, returncode: int, stderr: str) -> DrawingFailed:
    """Why Graphviz (``command``) failed with ``returncode``, from what it printed."""
    detail = _detail(stderr) or f"{Path(command).name} exited with status {returncode}"
    allocation = _ALLOCATION.search(stderr)
    if allocation:
        asked = _size(int(allocation.group(1)))
        return DrawingFailed(f"Graphviz ran out of memory (it asked for {asked} at once)", detail)
    if _OUT_OF_MEMORY.search(stderr) or returncode == -signal.SIGKILL:
        return DrawingFailed(
            "Graphviz ran out of memory"
            + (" and was killed" if returncode == -signal.SIGKILL else ""),
            detail,
        )
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return DrawingFailed(f"Graphviz crashed: it was stopped by {name}", detail)
    if _SYNTAX.search(stderr):
        return DrawingFailed(
            "Graphviz could not read the DOT source cjm wrote for this view: this is a bug "
            "in cjm; please report it with the map (--format dot writes the source)",
            detail,
        )
    return DrawingFailed(f"Graphviz failed (exit status {returncode})", detail)


def _limit_memory() -> Callable[[], None] | None:
    """A function that caps the memory of the process about to start, where possible."""
    if sys.platform == "win32":
        return None
    import resource

    def cap() -> None:
        try:
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            wanted = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
            if soft == resource.RLIM_INFINITY or soft > wanted:
                resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
        except (ValueError, OSError):
            pass  # a system without address-space limits (macOS): Graphviz runs without one

    return cap


@dataclass(frozen=True)
class Renderer:
    """A Graphviz command and whether it is the bundled one."""

    kind: str
    command: str

    def layout(self, diagram: DiagramSource) -> str:
        """``diagram`` laid out by Graphviz, as SVG."""
        arguments = [self.command, f"-K{diagram.engine}", "-Tsvg"]
        if diagram.pinned:
            arguments.append("-n")
        try:
            completed = subprocess.run(
                arguments,
                input=diagram.source.encode("utf-8"),
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
                preexec_fn=_limit_memory(),
            )
        except subprocess.TimeoutExpired:
            raise DrawingFailed(
                f"Graphviz did not finish laying the diagram out within {TIMEOUT_SECONDS} s"
            ) from None
        except OSError as problem:
            raise DrawingFailed(
                f"cannot run Graphviz ({self.command})", str(problem.strerror or problem)
            ) from None
        stderr = completed.stderr.decode("utf-8", "replace")
        if completed.returncode != 0 or not completed.stdout.strip():
            raise explain(self.command, completed.returncode, stderr)
        return completed.stdout.decode("utf-8", "replace")

    def render(self, diagram: DiagramSource, output_format: str) -> bytes:
        """``diagram`` in one format with the default options: a shortcut for one file
        (the render pipeline draws through :class:`cjm.render.formats.Drawer`)."""
        from cjm.render.formats import Drawer

        return Drawer(self).draw(diagram, output_format).data


def _bundled_command() -> str | None:
    """Where pip put ``graphviz-pure``: next to this Python, or on the PATH."""
    suffix = ".exe" if os.name == "nt" else ""
    folders = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
    for folder in folders:
        candidate = Path(folder) / f"{BUNDLED_COMMAND}{suffix}"
        if candidate.is_file():
            return str(candidate)
    return shutil.which(BUNDLED_COMMAND)


def find_renderer(choice: str | None = None) -> Renderer:
    """The renderer to use: ``choice``, else ``$CJM_GRAPHVIZ``, else the bundled one."""
    kind = (choice or os.environ.get("CJM_GRAPHVIZ") or BUNDLED).lower()
    if kind == BUNDLED:
        command = _bundled_command()
        if command is None:
            raise RenderError(
                "the bundled Graphviz (graphviz-pure) is not installed: reinstall cjm, "
                "or use a system Graphviz with --graphviz system"
            )
        return Renderer(BUNDLED, command)
    if kind == SYSTEM:
        wanted = os.environ.get("CJM_DOT") or "dot"
        command = shutil.which(wanted)
        if command is None:
            raise RenderError(
                f"no Graphviz command '{wanted}' found: install Graphviz "
                "(https://graphviz.org/download/) or use the bundled one with --graphviz bundled"
            )
        return Renderer(SYSTEM, command)
    raise RenderError(f"unknown Graphviz choice '{kind}': use 'bundled' or 'system'")
