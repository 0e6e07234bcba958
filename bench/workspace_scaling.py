"""How whole-workspace commands grow with the number of maps: render as HTML, and diff.

Writes synthetic workspaces (see :mod:`synthetic`) of 50, 100, 200 and 500 maps, each
with a second revision (``revision=1``: a few changes in every map), and runs, as whole
processes, ``cjm render <workspace> --format html`` (every map's report and the site)
and ``cjm diff <workspace> <revision>``. Each command is run ``--runs`` times and the
median kept; wall time, CPU time (user + system, the process and its workers), the main
process's own CPU time (what the workers cannot take off it: the wall time on an idle
machine with a core per worker cannot be less) and peak RSS are reported, with the cost
per map, so that linear growth shows as a flat per-map column.

``--src`` compares two source trees (``before=path/to/src,after=src``): their runs
alternate, so that both see the same load on a shared machine.

    python bench/workspace_scaling.py [--maps 50,100,200,500] [--runs 3]
        [--src before=/tmp/base/src,after=src] [--markdown out.md]
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from machine import compile_sources
from synthetic import WorkspaceSpec, write_workspace

TODAY = datetime.date(2026, 11, 23)


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    # The main process's own CPU time: on an idle machine with a core per worker, the
    # wall time cannot be less.
    main_cpu: float
    rss_mb: float


def _run(command: list[str], src: Path) -> Run:
    """One whole process; its CPU time and peak RSS include its worker processes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(src)}
    code = [
        "import resource, runpy, sys",
        "sys.argv = ['cjm', *sys.argv[1:]]",
        "try:",
        "    runpy.run_module('cjm', run_name='__main__')",
        "finally:",
        "    me = resource.getrusage(resource.RUSAGE_SELF)",
        "    own = me.ru_maxrss",
        "    main = me.ru_utime + me.ru_stime",
        "    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss",
        "    sys.stderr.write(f'\\nPEAK {own} {kids} {main}\\n')",
    ]
    done = subprocess.run(
        [sys.executable, "-c", "\n".join(code), *command],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    peak = [line for line in done.stderr.splitlines() if line.startswith("PEAK ")][-1]
    own, kids, main = (float(value) for value in peak.split()[1:])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # The process's own peak, or a worker's when one grew larger (KB on Linux).
    return Run(wall, cpu, main, max(own, kids) / 1024)


def _median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        statistics.median(r.main_cpu for r in runs),
        statistics.median(r.rss_mb for r in runs),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", default="50,100,200,500", help="sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (median)")
    parser.add_argument(
        "--src",
        default=f"current={Path(__file__).resolve().parents[1] / 'src'}",
        help="name=path of each source tree to run, comma-separated; runs alternate",
    )
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    arguments = parser.parse_args()
    trees = dict(item.split("=", 1) for item in arguments.src.split(","))
    compile_sources(list(trees.values()))
    header = [
        "tree", "command", "maps", "wall", "CPU", "main CPU", "peak RSS", "CPU/map",
        "main CPU/map",
    ]  # fmt: skip
    lines = ["| " + " | ".join(header) + " |", "|---|---|" + "---:|" * (len(header) - 2)]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for maps in (int(n) for n in arguments.maps.split(",")):
            old, new = folder / f"ws-{maps}", folder / f"ws-{maps}-r1"
            write_workspace(old, WorkspaceSpec(maps=maps), TODAY)
            write_workspace(new, WorkspaceSpec(maps=maps, revision=1), TODAY)
            commands = {
                "render html": ["render", str(old), "-f", "html", "-o", str(folder / "out")],
                "diff": ["diff", str(old), str(new)],
            }
            for label, command in commands.items():
                runs: dict[str, list[Run]] = {tree: [] for tree in trees}
                for _ in range(arguments.runs):
                    for tree, src in trees.items():
                        shutil.rmtree(folder / "out", ignore_errors=True)
                        runs[tree].append(_run(command, Path(src)))
                for tree in trees:
                    m = _median(runs[tree])
                    row = [
                        tree, label, str(maps), f"{m.wall:.1f} s", f"{m.cpu:.1f} s",
                        f"{m.main_cpu:.1f} s", f"{m.rss_mb:.0f} MB",
                        f"{m.cpu / maps * 1000:.0f} ms", f"{m.main_cpu / maps * 1000:.0f} ms",
                    ]  # fmt: skip
                    print(" | ".join(row), flush=True)
                    lines.append("| " + " | ".join(row) + " |")
    text = "\n".join(lines) + "\n"
    load = os.getloadavg()
    print(f"\nload average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}\n")
    print(text)
    if arguments.markdown:
        arguments.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
