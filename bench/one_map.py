"""What checking one map costs in a large workspace, and what the cache saves.

Builds a workspace of 500 synthetic maps (bench/synthetic.py) and a workspace holding
only its first map (with the same cjm.yaml and shared definitions), then times whole
`cjm validate` processes, every scenario once per round, rounds alternating so that the
machine's load falls on all of them alike. Prints the median wall time and the largest
peak memory of each scenario, and the ratios the targets are stated in:

- one map in the 500-map workspace against the same map alone, cold (no cache) and warm;
- the whole workspace cold, warm (nothing changed) and with one map changed since the
  last run (the changed map alternates between two versions).

    python bench/one_map.py                    # this checkout, 3 rounds
    python bench/one_map.py --rounds 5 --maps 200
    python bench/one_map.py --src ../main/src  # another checkout's code, for "before"
    python bench/one_map.py --warm-only        # the warm one-map scenarios alone (quick)

With ``--src`` naming code that has no cache, the "warm" figures equal the cold ones.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from machine import compile_sources
from synthetic import WorkspaceSpec, write_workspace

# Review dates count back from the day of the run, so that no map is stale.
TODAY = datetime.date.today()
CACHE = ".cjm-cache"


def _run(src: Path, cwd: Path, args: list[str], clean: bool = False) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB) of one `cjm validate` process; with ``clean``,
    the run must find nothing at all (the inputs are meant to pass every rule)."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "cjm", "validate", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in ((0,) if clean else (0, 1)):
        raise SystemExit(f"cjm validate {' '.join(args)} in {cwd} exited {process.returncode}")
    return elapsed, usage.ru_maxrss


def _drop_cache(root: Path) -> None:
    shutil.rmtree(root / CACHE, ignore_errors=True)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--maps", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--src", type=Path, default=Path(__file__).parents[1] / "src")
    parser.add_argument(
        "--warm-only", action="store_true", help="time the warm one-map scenarios only"
    )
    options = parser.parse_args(argv)
    src = options.src.resolve()
    compile_sources([src])

    with tempfile.TemporaryDirectory() as folder:
        big, alone = Path(folder) / "big", Path(folder) / "alone"
        workspace = write_workspace(big, WorkspaceSpec(maps=options.maps), TODAY)
        first = workspace.maps[0]
        shutil.copytree(big, alone, ignore=shutil.ignore_patterns("maps"))
        (alone / "maps").mkdir()
        shutil.copy(first, alone / "maps")
        one = f"maps/{first.name}"
        changing = workspace.maps[len(workspace.maps) // 2]
        versions = [changing.read_text(encoding="utf-8")]
        versions.append(versions[0].replace("title: ", "title: Changed ", 1))
        flips = [0]

        def change() -> None:
            flips[0] ^= 1
            changing.write_text(versions[flips[0]], encoding="utf-8")

        def nothing() -> None:
            return None

        # name -> (workspace, arguments, what to do before the run)
        scenarios: dict[str, tuple[Path, list[str], Callable[[], None]]] = {
            "one map in the workspace, cold": (big, [one], lambda: _drop_cache(big)),
            "one map alone, cold": (alone, [one], lambda: _drop_cache(alone)),
            "one map in the workspace, warm": (big, [one], nothing),
            "one map alone, warm": (alone, [one], nothing),
            "whole workspace, cold": (big, [], lambda: _drop_cache(big)),
            "whole workspace, warm": (big, [], nothing),
            "whole workspace, one map changed": (big, [], change),
        }
        if options.warm_only:
            scenarios = {
                k: v for k, v in scenarios.items() if k.startswith("one map") and k.endswith("warm")
            }
        times: dict[str, list[float]] = {name: [] for name in scenarios}
        peaks: dict[str, int] = dict.fromkeys(scenarios, 0)
        _run(src, big, ["--fail-on", "info"], clean=True)  # fill the cache, the file system's
        _run(src, alone, [one])
        for turn in range(options.rounds):
            order = list(scenarios) if turn % 2 == 0 else list(reversed(scenarios))
            for name in order:
                root, args, before = scenarios[name]
                if name.endswith("warm"):
                    _run(src, root, args)  # the warm run follows a run of the same
                before()
                elapsed, peak = _run(src, root, args)
                times[name].append(elapsed)
                peaks[name] = max(peaks[name], peak)
                print(f"  round {turn + 1}: {name}: {elapsed:.2f} s", file=sys.stderr)

    median = {name: statistics.median(found) for name, found in times.items()}
    print(f"code: {src}; {options.maps} maps; {options.rounds} alternating rounds")
    print(f"load average before: {os.getloadavg()[0]:.1f} (2-core machine shared with others)")
    print(f"{'scenario':<38} {'median':>8} {'peak RSS':>9}")
    for name in scenarios:
        print(f"{name:<38} {median[name]:>7.2f}s {peaks[name] / 1024:>7.0f}MB")

    def ratio(a: str, b: str) -> float:
        return median[a] / median[b]

    if options.warm_only:
        warm = ratio("one map in the workspace, warm", "one map alone, warm")
        print(f"one map in the workspace / the map alone, warm: {warm:.2f}x (target: 1.5x)")
        return

    print(
        "one map in the workspace / the map alone: cold "
        f"{ratio('one map in the workspace, cold', 'one map alone, cold'):.2f}x, warm "
        f"{ratio('one map in the workspace, warm', 'one map alone, warm'):.2f}x "
        "(target: warm at most 1.5x)"
    )
    print(
        "whole workspace / cold: warm "
        f"{ratio('whole workspace, warm', 'whole workspace, cold'):.2f}x, one map changed "
        f"{ratio('whole workspace, one map changed', 'whole workspace, cold'):.2f}x "
        "(target: one map changed at most 0.3x)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
