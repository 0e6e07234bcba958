"""Benchmark `cjm fmt --check` against `cjm validate` on the same files.

Writes a synthetic map of about 1 MB and one of about 10 MB, and a workspace of 500
maps (bench/synthetic.py), then runs each command as a whole process, alternating
``cjm fmt --check --no-cache`` and ``cjm validate --no-cache`` so that both see the same
load on a shared machine and neither is answered from the cache. Prints, per target, the
median wall time, CPU time (user + system) and peak RSS of each, their ratios, and the
peak RSS as a multiple of the file size. The maps are written by ``cjm fmt`` first, so
that ``--check`` passes, as it does in CI on most pushes. Run it from the repository:

    python bench/fmt.py                 # 3 rounds of each, all targets
    python bench/fmt.py --rounds 5 1mb  # only the 1 MB map
    python bench/fmt.py --keep /tmp/x   # keep (and reuse) the generated files in /tmp/x
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import compile_sources
from synthetic import WorkspaceSpec, write_single_map, write_workspace

TARGETS = ("1mb", "10mb", "workspace")
# Review dates count back from the day of the run, so that no map is stale.
TODAY = datetime.date.today()


def _prepare(folder: Path, target: str) -> tuple[Path, int]:
    """The path to run on and its size in bytes, written if missing."""
    if target == "workspace":
        root = folder / "workspace-500"
        if not (root / "cjm.yaml").exists():
            write_workspace(root, WorkspaceSpec(maps=500), TODAY)
        size = sum(p.stat().st_size for p in root.rglob("*.yaml"))
        return root, size
    path = folder / f"map-{target}.yaml"
    if not path.exists():
        write_single_map(path, 1_000_000 if target == "1mb" else 10_000_000)
        _run([sys.executable, "-m", "cjm", "fmt", str(path)], folder)
    return path, path.stat().st_size


def _run(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB) of one whole process."""
    env = dict(os.environ)
    source = str(Path(__file__).resolve().parent.parent / "src")
    env["PYTHONPATH"] = source + os.pathsep + env.get("PYTHONPATH", "")
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(command)} failed with status {status}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", default=list(TARGETS))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder for the generated files")
    options = parser.parse_args(argv)
    compile_sources([Path(__file__).resolve().parent.parent / "src"])
    cjm = [sys.executable, "-m", "cjm"]
    load = os.getloadavg()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {load[0]:.1f}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = options.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        header = ("target", "size", "command", "time", "CPU", "peak RSS", "RSS/size")
        print("{:>10} {:>8} {:>12} {:>8} {:>8} {:>10} {:>9}".format(*header))
        for target in options.targets or TARGETS:
            path, size = _prepare(folder, target)
            runs: dict[str, list[tuple[float, float, int]]] = {"validate": [], "fmt --check": []}
            for _ in range(options.rounds):
                for name in runs:
                    command = [*cjm, *name.split(), "--no-cache", str(path)]
                    runs[name].append(_run(command, folder))
            medians = {}
            for name, results in runs.items():
                seconds = statistics.median(r[0] for r in results)
                cpu = statistics.median(r[1] for r in results)
                peak = statistics.median(r[2] for r in results)
                medians[name] = (seconds, cpu)
                print(
                    f"{target:>10} {size / 1e6:>6.1f}MB {name:>12} {seconds:>7.2f}s "
                    f"{cpu:>7.2f}s {peak / 1024:>8.0f}MB {peak * 1024 / size:>8.1f}x"
                )
            wall = medians["fmt --check"][0] / medians["validate"][0]
            cpu = medians["fmt --check"][1] / medians["validate"][1]
            print(f"{target:>10} {'':>8} {'fmt/validate':>12} {wall:>7.2f}x {cpu:>7.2f}x")
        print(f"load at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
