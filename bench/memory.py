"""Peak memory and time of `cjm validate` on large maps and workspaces.

Each case runs `python -m cjm validate` in a fresh process under `/usr/bin/time -f '%e %M'`
and prints the wall time, the peak resident set and its ratio to the YAML read. Cases:
one self-contained map of 1 MB and of 10 MB, and workspaces of 50 and 500 maps of 30
steps (see bench/synthetic.py). Run it from the repository:

    python bench/memory.py                  # every case, cjm from src/
    python bench/memory.py --src OTHER/src  # the same cases with another checkout's cjm
    python bench/memory.py --cases map1 ws50
"""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from machine import compile_sources, load_average
from synthetic import WorkspaceSpec, write_single_map, write_workspace

HERE = Path(__file__).resolve().parent
# Review dates count back from the day of the run, so that no map is stale.
TODAY = datetime.date.today()
CASES = ("map1", "map10", "ws50", "ws500")


def prepare(case: str, folder: Path) -> tuple[Path, list[str], int]:
    """Write the input of ``case``; the folder to run in, the arguments, the YAML bytes."""
    if case.startswith("map"):
        path = folder / f"{case}.yaml"
        write_single_map(path, int(case[3:]) * 1_000_000)
        return folder, [path.name], path.stat().st_size
    workspace = write_workspace(folder / case, WorkspaceSpec(maps=int(case[2:])), TODAY)
    return workspace.root, [], workspace.bytes


def run(src: Path, where: Path, args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS in KiB of one `cjm validate`."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = ["/usr/bin/time", "-f", "%e %M", sys.executable, "-m", "cjm", "validate", *args]
    done = subprocess.run(command, cwd=where, env=env, capture_output=True, text=True)
    seconds, kib = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kib)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=HERE.parent / "src")
    parser.add_argument("--cases", nargs="*", default=list(CASES), choices=CASES)
    options = parser.parse_args()
    compile_sources([options.src])
    print(f"load average {load_average()}")
    print(f"{'case':>6} {'YAML':>9} {'time':>8} {'peak RSS':>9} {'peak/YAML':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for case in options.cases:
            where, args, size = prepare(case, Path(folder))
            seconds, kib = run(options.src.resolve(), where, args)
            peak = kib * 1024
            print(
                f"{case:>6} {size / 1e6:>7.1f}MB {seconds:>7.1f}s {peak / 1e6:>7.0f}MB "
                f"{peak / size:>8.1f}x"
            )


if __name__ == "__main__":
    main()
