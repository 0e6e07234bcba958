"""Peak memory of `cjm validate`, two checkouts against each other, runs alternating.

On a shared machine the load changes from one minute to the next; running the two
checkouts one after the other, case by case and round by round, and taking medians,
keeps their figures comparable. Each run is a fresh process under `/usr/bin/time`
(see bench/memory.py, whose cases this reuses). Run it from the repository:

    python bench/memory_compare.py --before OTHER/src --cases map10 ws500 --rounds 3
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from machine import compile_sources, load_average
from memory import CASES, HERE, prepare, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the other checkout's src")
    parser.add_argument("--after", type=Path, default=HERE.parent / "src")
    parser.add_argument("--cases", nargs="*", default=["map10", "ws500"], choices=CASES)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    compile_sources([options.before, options.after])
    trees = {"before": options.before.resolve(), "after": options.after.resolve()}
    print(f"load average {load_average()}")
    print(f"{'case':>6} {'YAML':>9} {'tree':>6} {'median peak':>11} {'peaks (MB)':<24} {'time':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for case in options.cases:
            where, args, size = prepare(case, Path(folder))
            peaks: dict[str, list[int]] = {name: [] for name in trees}
            times: dict[str, list[float]] = {name: [] for name in trees}
            for _ in range(options.rounds):
                for name, src in trees.items():
                    seconds, kib = run(src, where, args)
                    peaks[name].append(round(kib * 1024 / 1e6))
                    times[name].append(seconds)
            for name in trees:
                shown = " ".join(str(peak) for peak in peaks[name])
                print(
                    f"{case:>6} {size / 1e6:>7.1f}MB {name:>6} "
                    f"{statistics.median(peaks[name]):>9.0f}MB {shown:<24} "
                    f"{statistics.median(times[name]):>6.1f}s"
                )
    print(f"load average {load_average()}")


if __name__ == "__main__":
    main()
