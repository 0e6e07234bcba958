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
    python bench/fmt.py --layout nested 1mb   # the map in another formatted layout
    python bench/fmt.py --baseline /tmp/before/src 1mb  # and an earlier cjm's fmt --check

The single maps come in one of three formatted layouts (the workspace is always plain):
``plain``, as bench/yamlout.py writes it; ``nested``, each step's emotions one flow
mapping of flow mappings (``emotions: {olivia: {score: 1, label: calm}, sam: -1}``)
and lists of text on one line;
``wrapped``, every plain text longer than a line broken over lines two columns deeper
than its key, as a text editor wraps it, and a comment line closing each item of a
top-level list. ``--baseline`` names the ``src`` folder of another cjm (``git archive
HEAD~1 src | tar -x -C /tmp/before``): its ``fmt --check`` runs in the same rounds, so
that a change is measured under the same load.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from machine import compile_sources
from measure import run_once
from synthetic import WorkspaceSpec, write_single_map, write_workspace
from yamlout import Block, Flow, dump

TARGETS = ("1mb", "10mb", "workspace")
LAYOUTS = ("plain", "nested", "wrapped")
SOURCE = Path(__file__).resolve().parent.parent / "src"
# Where ``wrapped`` breaks a text: the column a line should not pass.
WIDTH = 88
# A key and plain text on one line: the spaces and dash before the key make the indent.
_KEY_TEXT = re.compile(r"(?P<indent> *(?:- )?)[a-z_][a-z0-9_-]*: (?P<text>\w[^#]*)")
# Review dates count back from the day of the run, so that no map is stale.
TODAY = datetime.date.today()


def _prepare(folder: Path, target: str, layout: str) -> tuple[Path, int]:
    """The path to run on and its size in bytes, written if missing."""
    if target == "workspace":
        root = folder / "workspace-500"
        if not (root / "cjm.yaml").exists():
            write_workspace(root, WorkspaceSpec(maps=500), TODAY)
        size = sum(p.stat().st_size for p in root.rglob("*.yaml"))
        return root, size
    path = folder / f"map-{target}-{layout}.yaml"
    if not path.exists():
        write_single_map(path, 1_000_000 if target == "1mb" else 10_000_000)
        text = path.read_text(encoding="utf-8")
        if layout == "nested":
            text = dump(_nested(YAML(typ="safe", pure=False).load(text)))
        elif layout == "wrapped":
            text = _wrapped(text)
        path.write_text(text, encoding="utf-8")
        _run([sys.executable, "-m", "cjm", "fmt", str(path)], folder, SOURCE)
    return path, path.stat().st_size


def _nested(value: Any) -> Any:
    """``value`` with every ``emotions`` mapping, and each emotion in it, written as one
    flow mapping, and lists of text on one line, except those with a ``?`` in them: in a
    flow list that sends both commands to the pure-Python YAML parser (libyaml refuses
    it), which would be measured instead."""
    if isinstance(value, dict):
        nested = {key: _nested(item) for key, item in value.items()}
        if isinstance(nested.get("emotion"), dict):
            nested["emotion"] = Flow(nested["emotion"])
        if isinstance(nested.get("emotions"), dict):
            emotions = nested["emotions"].items()
            nested["emotions"] = Flow(
                {p: Flow(e) if isinstance(e, dict) else e for p, e in emotions}
            )
        return nested
    if isinstance(value, list):
        if any(isinstance(item, str) and "?" in item for item in value):
            return Block(value)
        return [_nested(item) for item in value]
    return value


def _wrapped(text: str) -> str:
    """``text`` with each ``key: text`` line longer than ``WIDTH`` broken before words,
    and a comment line closing each item of a top-level list that ends deeper."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("  - ") and lines and lines[-1].startswith("      "):
            lines.append("    # the entry above ends here")
        lines.extend(_broken(line))
    return "\n".join(lines) + "\n"


def _broken(line: str) -> list[str]:
    """``line`` over several lines, each two columns deeper than its key, if it is a
    ``key: text`` line longer than ``WIDTH``: words move to the next line before one that
    starts with a letter or digit (any other could be read as an indicator)."""
    found = _KEY_TEXT.fullmatch(line)
    if len(line) <= WIDTH or found is None:
        return [line]
    indent = " " * (len(found["indent"]) + 2)
    first, *words = found["text"].split(" ")
    lines = [line[: found.start("text")] + first]
    for word in words:
        if len(lines[-1]) + 1 + len(word) > WIDTH and word[:1].isalnum():
            lines.append(indent + word)
        else:
            lines[-1] += " " + word
    return lines


def _run(command: list[str], cwd: Path, source: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB) of one whole process
    running cjm from ``source``, started by bench/measure.py's small launcher: Linux
    reports a child's peak RSS from its parent's at the fork, and this process holds the
    generated maps."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(source) + os.pathsep + env.get("PYTHONPATH", "")
    sample, output = run_once(command, cwd, env)
    if sample.status not in (0, 1):
        sys.exit(f"{' '.join(command)} failed with status {sample.status}:\n{output}")
    return sample.seconds, sample.cpu_seconds, sample.peak_rss_bytes // 1024


Result = tuple[float, float, int]  # wall seconds, CPU seconds, peak RSS (KiB)


def _commands(baseline: Path | None) -> dict[str, tuple[list[str], Path]]:
    """What each round runs, by name: the arguments to ``cjm`` and the sources it runs."""
    commands = {
        "validate": (["validate"], SOURCE),
        "fmt --check": (["fmt", "--check"], SOURCE),
    }
    if baseline is not None:
        commands["baseline fmt"] = (["fmt", "--check"], baseline.resolve())
    return commands


def _measure(
    path: Path, folder: Path, commands: dict[str, tuple[list[str], Path]], rounds: int
) -> dict[str, list[Result]]:
    """Each command on ``path``, ``rounds`` times, one of each in turn."""
    runs: dict[str, list[Result]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, (arguments, source) in commands.items():
            command = [sys.executable, "-m", "cjm", *arguments, "--no-cache", str(path)]
            runs[name].append(_run(command, folder, source))
    return runs


def _report(target: str, size: int, runs: dict[str, list[Result]]) -> None:
    """The medians of each command, then each ``fmt`` against ``validate``."""
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
    validate = medians["validate"]
    for name in runs:
        if name != "validate":
            wall, cpu = (
                mine / theirs for mine, theirs in zip(medians[name], validate, strict=True)
            )
            label = name.removesuffix(" --check") + "/validate"
            print(f"{target:>10} {'':>8} {label:>12} {wall:>7.2f}x {cpu:>7.2f}x")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", default=list(TARGETS))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder for the generated files")
    parser.add_argument("--layout", choices=LAYOUTS, default="plain", help="of the single maps")
    parser.add_argument("--baseline", type=Path, help="the src folder of a cjm to compare")
    options = parser.parse_args(argv)
    commands = _commands(options.baseline)
    compile_sources(sorted({source for _, source in commands.values()}))
    load = os.getloadavg()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {load[0]:.1f}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = options.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        header = ("target", "size", "command", "time", "CPU", "peak RSS", "RSS/size")
        print("{:>10} {:>8} {:>12} {:>8} {:>8} {:>10} {:>9}".format(*header))
        for target in options.targets or TARGETS:
            path, size = _prepare(folder, target, options.layout)
            _report(target, size, _measure(path, folder, commands, options.rounds))
        print(f"load at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
