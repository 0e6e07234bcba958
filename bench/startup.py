"""Benchmark the fixed cost of starting cjm: help, a small check, a small drawing.

Each command runs as a whole process, as a user starts it. The commands take turns
(one run of each, then the next round), so that a burst of other work on the machine
slows all of them alike; each figure is the median of its runs. Measured:

* `python -c 'import typer'`, the floor of any Typer program;
* `cjm --help` and `cjm COMMAND --help` for every command and subcommand;
* `cjm validate` and `cjm render --format svg` of examples/b2b-saas-trial, the render
  warm (its validation cache filled by a run before the first round) and cold
  (`--no-cache`: every file read and checked), and warm of its one map
  (`cjm render maps/trial-to-paid.yaml --format svg --view journey`);
* what any drawing of that journey pays before cjm's own code: `python -c 'import typer,
  pydantic.main, graphviz'` (the libraries cjm is built on) and Graphviz alone laying
  out the journey's DOT, each with its share of mmdc's time;
* the Mermaid CLI (mmdc) drawing the same journey, as `cjm render --format mermaid`
  exports it (bench/setup-peers.sh installs mmdc into bench/.peers/).

Wall time on a shared machine moves with its load, CPU time (user + system) much less,
so both are printed, with each command's ratio to `import typer` (help) or to mmdc
(the journey SVG). cjm's modules are compiled to bytecode first, as pip does when it
installs cjm (with PYTHONDONTWRITEBYTECODE set, Python would otherwise compile every
module on every run). With --baseline, every cjm command is also run from another
source tree in the same rounds, for before/after figures under the same load; each
source tree works on its own copy of the example, as the validation cache keeps the
entries of one build of cjm only. Run it from the repository, with the Python that has
cjm's packages:

    PYTHONPATH=src .venv/bin/python bench/startup.py            # 15 rounds
    PYTHONPATH=src .venv/bin/python bench/startup.py --runs 31 --mmdc PATH/TO/mmdc
    PYTHONPATH=src .venv/bin/python bench/startup.py --only help
    git worktree add /tmp/before main
    PYTHONPATH=src .venv/bin/python bench/startup.py --baseline /tmp/before/src
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import compile_sources, describe, load_average
from measure import capture, run_once
from peers import PUPPETEER_CONFIG, mermaid_cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "b2b-saas-trial"
MAP = "maps/trial-to-paid.yaml"  # the example's one map, for the single-map render


@dataclass
class Entry:
    """One measured command and its samples."""

    label: str
    command: list[str]
    cwd: Path | None = None
    kind: str = "help"  # help, work, part (of the journey's cost), peer or floor
    pythonpath: str | None = None  # for the baseline's commands
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python bench/startup.py",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    parser.add_argument("--runs", type=int, default=15, help="rounds, each command once (15)")
    parser.add_argument(
        "--cjm",
        help="how to start cjm (default: the `cjm` console script next to this Python, "
        "else `python -m cjm`)",
    )
    parser.add_argument("--mmdc", help="the Mermaid CLI (default: bench/.peers/)")
    parser.add_argument(
        "--baseline",
        metavar="SRC",
        help="also run each cjm command with PYTHONPATH=SRC (another checkout's src)",
    )
    parser.add_argument(
        "--only",
        choices=("help", "work", "all"),
        default="all",
        help="help: typer and every --help; work: validate, render and mmdc (all)",
    )
    return parser.parse_args(argv)


def default_cjm() -> list[str]:
    script = Path(sys.executable).parent / "cjm"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cjm"]


def command_paths() -> list[list[str]]:
    """Every command and subcommand, as the words after `cjm`, in the order of the help."""
    import typer

    from cjm.cli import app

    def walk(command: object, prefix: list[str]) -> Iterator[list[str]]:
        yield prefix
        children = getattr(command, "commands", None) or {}
        for name in children:
            yield from walk(children[name], [*prefix, name])

    return list(walk(typer.main.get_command(app), []))


def mermaid_command(cjm: list[str], folder: Path, mmdc: str | None) -> list[str] | None:
    """mmdc drawing the Mermaid journey cjm exports for the example, or None without it."""
    if mmdc is not None:
        command = [mmdc, "-p", str(PUPPETEER_CONFIG)]
    else:
        peer = mermaid_cli()
        if not peer.available:
            print(f"mmdc not measured: {peer.missing}", file=sys.stderr)
            return None
        command = peer.command
    status, output = capture(
        [*cjm, "render", "--format", "mermaid", "--out", str(folder / "mmd")], EXAMPLE
    )
    if status != 0:
        sys.exit(f"cjm render --format mermaid failed: {output}")
    mmd = next(iter(sorted((folder / "mmd").glob("*.mmd"))))
    return [*command, "-i", str(mmd), "-o", str(folder / "mmdc.svg")]


def entries(args: argparse.Namespace, cjm: list[str], folder: Path) -> list[Entry]:
    python = sys.executable
    found = [Entry("python -c 'import typer'", [python, "-c", "import typer"], kind="floor")]
    if args.only in ("help", "all"):
        for words in command_paths():
            label = " ".join(["cjm", *words, "--help"])
            found.append(Entry(label, [*cjm, *words, "--help"]))
    if args.only in ("work", "all"):
        example = copy_example(folder / "example")
        svg = [*cjm, "render", "--format", "svg", "--out"]
        out_map = ["--out", str(folder / "svg-map")]
        found += [
            Entry("cjm validate (b2b example)", [*cjm, "validate"], example, "work"),
            Entry(
                "cjm render --format svg (b2b example)",
                [*svg, str(folder / "svg")],
                example,
                "work",
            ),
            Entry(
                "cjm render --format svg --no-cache (b2b example)",
                [*svg, str(folder / "svg-cold"), "--no-cache"],
                example,
                "work",
            ),
            Entry(
                "cjm render MAP --format svg --view journey (b2b example)",
                [*cjm, "render", MAP, "--format", "svg", "--view", "journey", *out_map],
                example,
                "work",
            ),
        ]
        found += journey_parts(cjm, folder)
        mmdc = mermaid_command(cjm, folder, args.mmdc)
        if mmdc is not None:
            found.append(Entry("mmdc, the same journey", mmdc, EXAMPLE, "peer"))
    return found


def journey_parts(cjm: list[str], folder: Path) -> list[Entry]:
    """What any drawing of the journey pays before cjm's own code, each in a process of
    its own: Python with the libraries cjm is built on imported (Typer, pydantic's
    models, the graphviz package), and Graphviz laying out the journey's DOT as cjm
    hands it over (the bundled Graphviz, as `cjm render` uses by default)."""
    from cjm.render.graphviz_run import find_renderer

    libraries = "import typer, pydantic.main, graphviz"
    status, output = capture(
        [*cjm, "render", MAP, "--format", "dot", "--view", "journey", "--out", str(folder / "dot")],
        EXAMPLE,
    )
    if status != 0:
        sys.exit(f"cjm render --format dot failed: {output}")
    dot = next(iter(sorted((folder / "dot").glob("*.dot"))))
    graphviz = [find_renderer().command, "-Kdot", "-Tsvg", "-o", str(folder / "dot.svg"), str(dot)]
    return [
        Entry(f"python -c '{libraries}'", [sys.executable, "-c", libraries], kind="part"),
        Entry("Graphviz alone on the journey's DOT", graphviz, kind="part"),
    ]


def copy_example(target: Path) -> Path:
    """A copy of the example in ``target``, without the validation cache of earlier runs."""
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns(".cjm-cache"))
    return target


def with_baseline(found: list[Entry], baseline: str) -> list[Entry]:
    """Each cjm command followed by the same command run from ``baseline``, in its own
    output folder and its own copy of the example (each build keeps its cache there)."""
    result: list[Entry] = []
    copies: dict[Path, Path] = {}
    for entry in found:
        result.append(entry)
        if entry.kind in ("help", "work"):
            command = list(entry.command)
            if "--out" in command:  # its own output folder
                where = command.index("--out") + 1
                command[where] = f"{command[where]}-baseline"
            cwd = entry.cwd
            if cwd is not None and cwd != EXAMPLE:
                if cwd not in copies:
                    copies[cwd] = copy_example(cwd.with_name(f"{cwd.name}-baseline"))
                cwd = copies[cwd]
            label = f"{entry.label}, baseline"
            result.append(Entry(label, command, cwd, entry.kind, baseline))
    return result


def environment_of(entry: Entry) -> dict[str, str]:
    """The environment ``entry`` runs in: this one, with the baseline's sources if it is
    one of the baseline's commands."""
    environment = dict(os.environ)
    if entry.pythonpath is not None:
        environment["PYTHONPATH"] = entry.pythonpath
    return environment


def warm_up(found: list[Entry]) -> None:
    """Run each command on the example once, unmeasured: it fills the validation cache
    that the runs without --no-cache then read."""
    for entry in found:
        if entry.kind == "work":
            sample, output = run_once(entry.command, entry.cwd, environment_of(entry))
            if sample.status != 0:
                sys.exit(f"{entry.label} exited with {sample.status}:\n{output}")


def measure(found: list[Entry], runs: int) -> None:
    warm_up(found)
    for round_number in range(runs):
        for entry in found:
            sample, output = run_once(entry.command, entry.cwd, environment_of(entry))
            if sample.status != 0:
                sys.exit(f"{entry.label} exited with {sample.status}:\n{output}")
            entry.walls.append(sample.seconds)
            entry.cpus.append(sample.cpu_seconds)
        print(f"round {round_number + 1}/{runs}, load {load_average()}", file=sys.stderr)


def report(found: list[Entry], runs: int) -> str:
    floor = found[0]
    peer = next((entry for entry in found if entry.kind == "peer"), None)
    lines = [
        f"Medians of {runs} alternating runs; ratios of medians measured in the same run.",
        "",
        "| command | wall | CPU | wall ratio | CPU ratio |",
        "|---|---:|---:|---:|---:|",
    ]
    for entry in found:
        drawing = entry.kind == "part" or (entry.kind == "work" and "render" in entry.label)
        base = peer if drawing else floor
        ratio = entry.kind == "help" or (drawing and base is peer)
        wall_ratio = f"{entry.wall / base.wall:.2f}x {_short(base)}" if ratio and base else ""
        cpu_ratio = f"{entry.cpu / base.cpu:.2f}x" if ratio and base else ""
        lines.append(
            f"| `{entry.label}` | {entry.wall * 1000:.0f} ms | {entry.cpu * 1000:.0f} ms "
            f"| {wall_ratio} | {cpu_ratio} |"
        )
    helps = [entry for entry in found if entry.kind == "help" and entry.pythonpath is None]
    if helps:
        worst = max(helps, key=lambda entry: entry.wall / floor.wall)
        lines += [
            "",
            f"Slowest help against `import typer`: `{worst.label}`, "
            f"{worst.wall / floor.wall:.2f}x wall, {worst.cpu / floor.cpu:.2f}x CPU.",
        ]
    if peer is None and any(entry.kind == "work" for entry in found):
        lines += ["", "mmdc was not measured (see above)."]
    return "\n".join(lines)


def _short(entry: Entry) -> str:
    return "mmdc" if entry.kind == "peer" else "typer"


def absolute_pythonpath() -> None:
    """Make each folder of PYTHONPATH absolute. The commands on the example run in its
    copies: a relative folder (``PYTHONPATH=src``) would name nothing there, and they
    would import whichever cjm is installed instead of these sources."""
    folders = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    absolute = [str(Path(folder).resolve()) for folder in folders if folder]
    if absolute:
        os.environ["PYTHONPATH"] = os.pathsep.join(absolute)


def main(argv: list[str]) -> None:
    args = parse_arguments(argv)
    absolute_pythonpath()
    if args.baseline:
        args.baseline = str(Path(args.baseline).resolve())
    cjm = args.cjm.split() if args.cjm else default_cjm()
    with tempfile.TemporaryDirectory(prefix="cjm-startup-") as name:
        found = entries(args, cjm, Path(name))
        sources = [*os.environ.get("PYTHONPATH", "").split(os.pathsep)]
        if args.baseline:
            found = with_baseline(found, args.baseline)
            sources.append(args.baseline)
        compile_sources([folder for folder in sources if folder])
        for label, value in describe(sys.executable, cjm, {}):
            print(f"{label}: {value}")
        print(f"cjm is started as `{' '.join(cjm)}`")
        measure(found, args.runs)
        print(f"load average after: {load_average()}")
        print()
        print(report(found, args.runs))


if __name__ == "__main__":
    main(sys.argv[1:])
