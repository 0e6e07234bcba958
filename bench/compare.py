"""Benchmark cjm end to end, at scale and against peer tools.

Generates synthetic workspaces and maps, runs each command in a fresh process as a
user would, and prints wall time (best of N runs), peak memory and throughput:

* startup: `cjm --version` and `cjm --help` against bare Python and `import typer`;
* `cjm validate`, `render --format svg`, `render --format html`, `diff` and `fmt --check`
  on one workspace;
* validation of one map from 100 KB to 10 MB, and of workspaces of 100 and 500 maps;
* check-jsonschema on the same map files against schemas/1.0/map.schema.json;
* the Mermaid CLI drawing the journey cjm exports, against cjm's own SVG.

The peers are installed into bench/.peers/ by `bash bench/setup-peers.sh`; a peer that is
missing is reported with the command that installs it, and the rest still runs.

    python bench/compare.py                 # the full run, about five minutes on 2 cores
    python bench/compare.py --quick         # smaller inputs, one run each
    python bench/compare.py --markdown results.md
    python bench/compare.py --update-doc docs/performance.md
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import compile_sources, describe, load_average
from peers import check_jsonschema, mermaid_cli, tool_versions
from sections import SECTIONS, Context, Settings
from tables import Table

START_MARKER = "<!-- results:start -->"
END_MARKER = "<!-- results:end -->"
FULL_SIZES = (100_000, 300_000, 1_000_000, 3_000_000, 10_000_000)
QUICK_SIZES = (100_000, 300_000, 1_000_000)


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python bench/compare.py",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    parser.add_argument("--maps", type=int, default=50, help="maps in the workspace (50)")
    parser.add_argument("--steps", type=int, default=30, help="steps per map, at least 6 (30)")
    parser.add_argument("--personas", type=int, default=4, help="personas to share (4)")
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs (3)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="10 maps of 20 steps, maps up to 1 MB, one workspace of 100 maps, one run each",
    )
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections to run: {', '.join(SECTIONS)} (all)",
    )
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="write the results here")
    parser.add_argument(
        "--update-doc",
        type=Path,
        metavar="FILE",
        help=f"replace what lies between {START_MARKER} and {END_MARKER} in FILE",
    )
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="generate inputs into DIR and keep them"
    )
    arguments = parser.parse_args(argv)
    compile_sources([Path(__file__).resolve().parent.parent / "src"])
    if arguments.steps < 6:
        parser.error("--steps must be at least 6: a map has six lifecycle stages")
    if min(arguments.maps, arguments.personas, arguments.runs) < 1:
        parser.error("--maps, --personas and --runs must be at least 1")
    unknown = set(arguments.only.split(",")) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    return arguments


def settings_from(arguments: argparse.Namespace) -> Settings:
    """The run's settings; --quick replaces the sizes and the run count."""
    sections = tuple(name for name in SECTIONS if name in arguments.only.split(","))
    if arguments.quick:
        return Settings(
            maps=10,
            steps=20,
            personas=arguments.personas,
            runs=1,
            map_sizes=QUICK_SIZES,
            workspace_maps=(100,),
            sections=sections,
            quick=True,
        )
    return Settings(
        maps=arguments.maps,
        steps=arguments.steps,
        personas=arguments.personas,
        runs=arguments.runs,
        map_sizes=FULL_SIZES,
        workspace_maps=(100, 500),
        sections=sections,
    )


def cjm_command() -> list[str]:
    """cjm as a user of this environment starts it: the console script next to Python."""
    script = Path(sys.executable).parent / "cjm"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cjm"]


def options_line(settings: Settings) -> str:
    """The options that decide what the tables hold, as they would be typed."""
    if settings.quick:
        options = "--quick"
    else:
        options = (
            f"--maps {settings.maps} --steps {settings.steps} --personas {settings.personas} "
            f"--runs {settings.runs}"
        )
    if settings.sections != tuple(SECTIONS):
        options += f" --only {','.join(settings.sections)}"
    return f"`{options}`"


def machine_table(ctx: Context) -> Table:
    versions = tool_versions()
    for peer in (check_jsonschema(), mermaid_cli()):
        versions[peer.name] = peer.version if peer.available else "not installed"
    table = Table("Machine", ["item", "value"], text_columns=2)
    for name, value in describe(ctx.python, ctx.cjm, versions):
        table.add(name, value)
    table.add("Options", options_line(ctx.settings))
    return table


def run_sections(ctx: Context) -> list[Table]:
    """Every table of the selected sections, printed as soon as it is ready."""
    tables = []
    for name in ctx.settings.sections:
        section: Callable[[Context], Table]
        for section in SECTIONS[name]:
            print(
                f"[{name}] {section.__doc__.splitlines()[0] if section.__doc__ else ''}",
                file=sys.stderr,
                flush=True,
            )
            table = section(ctx)
            print(table.text() + "\n", flush=True)
            tables.append(table)
    return tables


def problems_text(ctx: Context) -> list[str]:
    lines = [f"- Not installed: {message}" for message in ctx.missing]
    for problem in ctx.problems:
        first, _, rest = problem.partition("\n")
        lines.append(f"- {first}")
        if rest:
            lines += ["", "  ```", *[f"  {line}" for line in rest.splitlines()], "  ```", ""]
    return lines


def markdown(tables: list[Table], ctx: Context, elapsed: float) -> str:
    """The results as Markdown, complete enough to paste into docs/performance.md."""
    lines = [
        f"Generated by `python bench/compare.py` with {options_line(ctx.settings)}; the whole "
        f"run took {elapsed / 60:.1f} minutes; load average at the end: {load_average()}.",
        "",
    ]
    for table in tables:
        lines += [table.markdown(), ""]
    if ctx.problems or ctx.missing:
        lines += ["### Problems", "", *problems_text(ctx), ""]
    return "\n".join(lines).rstrip() + "\n"


def write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def replace_results(document: str, results: str) -> str:
    """``document`` with ``results`` between the markers (raises ValueError without them)."""
    start = document.index(START_MARKER) + len(START_MARKER)
    end = document.index(END_MARKER, start)
    return document[:start] + "\n" + results + document[end:]


def check_doc(path: Path) -> None:
    """Fail before measuring anything when the document to update has no markers."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as problem:
        raise SystemExit(f"cannot read {path}: {problem.strerror}") from None
    if START_MARKER not in text or END_MARKER not in text:
        raise SystemExit(f"{path} has no {START_MARKER} ... {END_MARKER} block to replace")


def measure_all(arguments: argparse.Namespace, folder: Path) -> tuple[list[Table], Context, float]:
    ctx = Context(settings_from(arguments), folder, sys.executable, cjm_command())
    started = time.perf_counter()
    machine = machine_table(ctx)
    print(machine.text() + "\n", flush=True)
    tables = [machine, *run_sections(ctx)]
    return tables, ctx, time.perf_counter() - started


def main(argv: list[str]) -> int:
    arguments = parse_arguments(argv)
    if arguments.update_doc:
        check_doc(arguments.update_doc)
    if arguments.keep:
        arguments.keep.mkdir(parents=True, exist_ok=True)
        tables, ctx, elapsed = measure_all(arguments, arguments.keep.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="cjm-bench-") as folder:
            tables, ctx, elapsed = measure_all(arguments, Path(folder))
    for line in problems_text(ctx):
        print(line)
    results = markdown(tables, ctx, elapsed)
    if arguments.markdown:
        write_atomically(arguments.markdown, results)
    if arguments.update_doc:
        document = arguments.update_doc.read_text(encoding="utf-8")
        write_atomically(arguments.update_doc, replace_results(document, results))
    print(f"Done in {elapsed / 60:.1f} minutes.", file=sys.stderr)
    return 1 if ctx.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
