"""The measurements of bench/compare.py, one function per table.

Every command runs in a fresh process, as a user runs it, and is timed from start to
exit; the table shows the best of the runs. Inputs are generated once, checked clean
with `cjm validate --fail-on info` (which also brings them into the page cache), and
reused by the tables that need them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from cjm.model import FORMAT_VERSION
from measure import CommandFailed, Timing, best_of, capture
from peers import Peer, check_jsonschema, mermaid_cli
from synthetic import Workspace, WorkspaceSpec, write_single_map, write_workspace
from tables import Table, megabytes, rate, seconds

REPO = Path(__file__).resolve().parent.parent
MAP_SCHEMA = REPO / "schemas" / FORMAT_VERSION / "map.schema.json"
LONG_RUN_SECONDS = 10.0
ONCE = " (1 run)"


@dataclass(frozen=True)
class Settings:
    """What to measure, from the command line."""

    maps: int
    steps: int
    personas: int
    runs: int
    map_sizes: tuple[int, ...]  # bytes, for the single-map scaling
    workspace_maps: tuple[int, ...]  # map counts, for the many-maps scaling
    sections: tuple[str, ...]
    quick: bool = False


@dataclass
class Context:
    """Settings, where inputs go, how to start cjm, and what went wrong so far."""

    settings: Settings
    folder: Path
    python: str
    cjm: list[str]
    problems: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    _timings: dict[str, Timing | None] = field(default_factory=dict)
    _workspaces: dict[str, Workspace] = field(default_factory=dict)
    _single_maps: dict[Path, int] = field(default_factory=dict)  # path to step count

    def progress(self, message: str) -> None:
        print(f"  ... {message}", file=sys.stderr, flush=True)

    def time(
        self, label: str, command: Sequence[str], cwd: Path | None = None, ok: Sequence[int] = (0,)
    ) -> Timing | None:
        """Best-of timing of ``command``, measured once per label; None if it failed."""
        if label not in self._timings:
            self.progress(label)
            try:
                timing: Timing | None = best_of(
                    command, self.settings.runs, cwd=cwd, ok=ok, long_run_seconds=LONG_RUN_SECONDS
                )
            except CommandFailed as failure:
                self.problems.append(
                    f"{label} failed with exit {failure.status}:\n{failure.output}"
                )
                timing = None
            self._timings[label] = timing
        return self._timings[label]

    def peer(self, peer: Peer) -> Peer:
        """``peer``, after saying plainly when it is missing."""
        if not peer.available and peer.missing not in self.missing:
            print(f"  !!! {peer.missing}", file=sys.stderr, flush=True)
            self.missing.append(peer.missing)
        return peer

    def ensure_clean(self, target: Path, cwd: Path) -> None:
        """Record a problem unless cjm finds nothing at all in a generated input."""
        status, output = capture([*self.cjm, "validate", "--fail-on", "info", str(target)], cwd)
        if status != 0:
            tail = "\n".join(output.splitlines()[-15:])
            self.problems.append(f"generated input {target} is not clean (exit {status}):\n{tail}")

    def workspace(self, name: str, spec: WorkspaceSpec, check: bool = True) -> Workspace:
        """The workspace ``spec`` describes, written (and checked) on first use."""
        if name not in self._workspaces:
            self.progress(f"writing {name}: {spec.maps} maps of {spec.steps} steps")
            workspace = write_workspace(self.folder / name, spec)
            if check:
                self.ensure_clean(workspace.root, workspace.root)
            self._workspaces[name] = workspace
        return self._workspaces[name]

    def single_map(self, path: Path, target_bytes: int) -> int:
        """Write (and check) a self-contained map of about ``target_bytes`` on first use;
        its step count."""
        if path not in self._single_maps:
            self.progress(f"writing {path.name}")
            path.parent.mkdir(parents=True, exist_ok=True)
            self._single_maps[path] = write_single_map(path, target_bytes)
            self.ensure_clean(path, path.parent)
        return self._single_maps[path]

    def default_spec(self, maps: int | None = None, revision: int = 0) -> WorkspaceSpec:
        s = self.settings
        return WorkspaceSpec(maps or s.maps, s.steps, s.personas, revision=revision)

    def default_workspace(self) -> Workspace:
        return self.workspace("workspace", self.default_spec())


def time_cell(timing: Timing | None) -> str:
    if timing is None:
        return "failed"
    return seconds(timing.seconds) + (ONCE if timing.cut_short else "")


def cpu_cell(timing: Timing | None) -> str:
    return "" if timing is None else seconds(timing.cpu_seconds)


def rss_cell(timing: Timing | None) -> str:
    return "" if timing is None else f"{timing.peak_rss_mb:.0f} MB"


def rate_cell(timing: Timing | None, amount: float, unit: str) -> str:
    return "" if timing is None else rate(amount, timing.seconds, unit)


def with_once_note(table: Table) -> Table:
    """``table``, with a note explaining the mark of commands that were run only once."""
    if any(cell.endswith(ONCE) for row in table.rows for cell in row):
        table.notes.append(
            f"{ONCE.strip()}: the first run took longer than {LONG_RUN_SECONDS:.0f} s, so it "
            "was not repeated."
        )
    return table


# Startup ---------------------------------------------------------------------------------


def startup(ctx: Context) -> Table:
    """How long cjm takes to answer at all, against bare Python and Python with Typer."""
    python = ctx.python
    commands = [
        ("python -c pass", [python, "-c", "pass"]),
        ("python -c 'import typer'", [python, "-c", "import typer"]),
        ("cjm --version", [*ctx.cjm, "--version"]),
        ("cjm --help", [*ctx.cjm, "--help"]),
    ]
    table = Table(
        f"Startup (best of {ctx.settings.runs})",
        ["command", "time", "over python -c pass", "peak RSS"],
    )
    baseline: float | None = None
    for label, command in commands:
        timing = ctx.time(label, command)
        if timing is None:
            table.add(label, "failed", "", "")
            continue
        baseline = timing.seconds if baseline is None else baseline
        extra = f"+{(timing.seconds - baseline) * 1000:.0f} ms" if label != commands[0][0] else ""
        table.add(label, f"{timing.seconds * 1000:.0f} ms", extra, rss_cell(timing))
    table.notes.append(f"cjm is started as `{' '.join(ctx.cjm)}`; Python is {python}.")
    return with_once_note(table)


# Commands on one workspace ---------------------------------------------------------------


class _Command(NamedTuple):
    label: str
    arguments: list[str]
    cwd: Path
    input_bytes: int


def _command_rows(ctx: Context, workspace: Workspace, revised: Workspace) -> list[_Command]:
    """The commands measured on the workspace, with what each reads."""
    out = ctx.folder / "out"
    root, size = workspace.root, workspace.bytes
    return [
        _Command("cjm validate", ["validate"], root, size),
        _Command(
            "cjm render --format svg",
            ["render", "--format", "svg", "--out", str(out / "svg")],
            root,
            size,
        ),
        _Command(
            "cjm render --format html",
            ["render", "--format", "html", "--out", str(out / "html")],
            root,
            size,
        ),
        _Command(
            "cjm diff OLD NEW",
            ["diff", str(root), str(revised.root)],
            ctx.folder,
            size + revised.bytes,
        ),
        _Command("cjm fmt --check", ["fmt", "--check"], root, size),
    ]


def commands(ctx: Context) -> Table:
    """The everyday commands on a workspace of the default size."""
    s = ctx.settings
    workspace = ctx.default_workspace()
    revised = ctx.workspace("workspace-revised", ctx.default_spec(revision=1), check=False)
    size_mb = workspace.bytes / 1_000_000
    table = Table(
        f"Commands on a workspace of {s.maps} maps of {s.steps} steps, {s.personas} personas "
        f"({megabytes(size_mb)}, best of {s.runs})",
        ["command", "time", "CPU", "peak RSS", "input", "maps"],
    )
    for command in _command_rows(ctx, workspace, revised):
        timing = ctx.time(
            f"workspace: {command.label}", [*ctx.cjm, *command.arguments], command.cwd
        )
        table.add(
            command.label,
            time_cell(timing),
            cpu_cell(timing),
            rss_cell(timing),
            rate_cell(timing, command.input_bytes / 1_000_000, "MB"),
            rate_cell(timing, len(workspace.maps), "maps"),
        )
    table.notes += [
        "Each command runs on the whole workspace (cjm.yaml, shared personas, touchpoints "
        "and evidence, and the maps), from its root folder.",
        "render svg draws the journey view of every map with the bundled Graphviz; render "
        "html writes a report page per map and an index page.",
        "diff compares the workspace with a copy after an edit round (a third of the maps: "
        "emotions raised, pain points resolved, KPIs moved, a step added); its input is both "
        "sides.",
        "fmt --check reads every file and reformats it in memory; the files are already in "
        "the canonical layout.",
    ]
    return with_once_note(table)


# Validation scaling and check-jsonschema --------------------------------------------------


def _size_label(size: int) -> str:
    return f"{size / 1_000_000:g} MB" if size >= 1_000_000 else f"{size / 1000:g} KB"


@dataclass(frozen=True)
class _SchemaInput:
    label: str
    files: list[Path]
    cwd: Path
    size: int
    steps: int


def _single_maps(ctx: Context) -> list[_SchemaInput]:
    inputs = []
    for target in ctx.settings.map_sizes:
        path = ctx.folder / "single" / f"map-{_size_label(target).replace(' ', '')}.yaml"
        steps = ctx.single_map(path, target)
        size = path.stat().st_size
        inputs.append(
            _SchemaInput(f"one map, {_size_label(target)}", [path], path.parent, size, steps)
        )
    return inputs


def _validate(ctx: Context, item: _SchemaInput, no_lint: bool = False) -> Timing | None:
    select = ["--select", ""] if no_lint else []
    label = f"{item.label}: cjm validate" + (" --select ''" if no_lint else "")
    return ctx.time(label, [*ctx.cjm, "validate", *select, *map(str, item.files)], item.cwd)


def _schema_peer(ctx: Context, peer: Peer, item: _SchemaInput) -> Timing | None:
    if not peer.available:
        return None
    command = [*peer.command, "--schemafile", str(MAP_SCHEMA), *map(str, item.files)]
    return ctx.time(f"{item.label}: {peer.name}", command, item.cwd)


def scaling(ctx: Context) -> Table:
    """`cjm validate` on one map of growing size: constant MB/s means linear growth."""
    table = Table(
        f"Validation of one map by size (cjm validate, best of {ctx.settings.runs})",
        ["map", "size", "steps", "time", "CPU", "MB/s", "marginal MB/s (CPU)", "peak RSS"],
    )
    previous: tuple[int, float] | None = None
    for item in _single_maps(ctx):
        timing = _validate(ctx, item)
        table.add(
            item.label,
            megabytes(item.size / 1_000_000),
            str(item.steps),
            time_cell(timing),
            cpu_cell(timing),
            rate_cell(timing, item.size / 1_000_000, "MB").removesuffix(" MB/s"),
            _marginal(previous, item.size, timing),
            rss_cell(timing),
        )
        previous = None if timing is None else (item.size, timing.cpu_seconds)
    table.notes += [
        "Each map is self-contained (personas, teams, touchpoints and evidence inline), with "
        "3 personas, 6 lifecycle stages and a full set of emotions, pain points, "
        "opportunities and KPIs; it passes every lint rule.",
        "Time includes starting Python and importing cjm, which dominates small maps. "
        "Marginal MB/s is the extra size over the extra CPU time against the row above: the "
        "speed of the work that grows with the map, without the fixed start-up cost and "
        "less disturbed than wall time by other work on the machine. Steady means linear "
        "growth.",
    ]
    return with_once_note(table)


def _marginal(previous: tuple[int, float] | None, size: int, timing: Timing | None) -> str:
    """(size - previous size) / (CPU time - previous CPU time), in MB/s."""
    if previous is None or timing is None or timing.cpu_seconds <= previous[1]:
        return ""
    return f"{(size - previous[0]) / 1_000_000 / (timing.cpu_seconds - previous[1]):.2f}"


def _workspace_maps_input(ctx: Context) -> _SchemaInput:
    workspace = ctx.default_workspace()
    map_bytes = sum(path.stat().st_size for path in workspace.maps)
    return _SchemaInput(
        f"{len(workspace.maps)} maps of a workspace",
        workspace.maps,
        workspace.root,
        map_bytes,
        ctx.settings.steps * len(workspace.maps),
    )


def schema_peers(ctx: Context) -> Table:
    """cjm and check-jsonschema on the same files against the same JSON Schema."""
    plain = ctx.peer(check_jsonschema())
    fast = ctx.peer(check_jsonschema("venv-libyaml", "check-jsonschema (with ruamel.yaml.clib)"))
    peers_named = [p for p in (plain, fast) if p.available]
    table = Table(
        f"Schema validation: cjm and check-jsonschema on the same files (best of "
        f"{ctx.settings.runs})",
        [
            "input",
            "size",
            "cjm validate",
            "cjm, no lint rules",
            "check-jsonschema",
            "check-jsonschema + libyaml",
            "cjm RSS",
            "check-jsonschema RSS",
        ],
    )
    for item in [*_single_maps(ctx), _workspace_maps_input(ctx)]:
        full = _validate(ctx, item)
        no_lint = _validate(ctx, item, no_lint=True)
        peer = _schema_peer(ctx, plain, item)
        peer_fast = _schema_peer(ctx, fast, item)
        table.add(
            item.label,
            megabytes(item.size / 1_000_000),
            time_cell(full),
            time_cell(no_lint),
            time_cell(peer) if plain.available else "not installed",
            time_cell(peer_fast) if fast.available else "not installed",
            rss_cell(full),
            rss_cell(peer),
        )
    table.notes += [
        f"check-jsonschema runs as `check-jsonschema --schemafile {MAP_SCHEMA.relative_to(REPO)}"
        " FILE...`: it parses the YAML and checks it against cjm's published schema. cjm "
        "validate also resolves references and runs every lint rule; with `--select ''` "
        "it runs none, which is the closest to what check-jsonschema does.",
        "check-jsonschema as pip installs it uses ruamel.yaml's pure-Python parser (ruamel.yaml "
        "0.19 no longer pulls in its C extension); the libyaml column is the same version "
        "with ruamel.yaml.clib added, the parser cjm uses.",
        "For the workspace, cjm reads its cjm.yaml and shared files too (a few KB more).",
    ]
    table.notes += [f"Not measured: {p.missing}" for p in (plain, fast) if not p.available]
    if not peers_named:
        table.notes.append("No peer installed: only cjm's columns are filled.")
    return with_once_note(table)


# Many maps -------------------------------------------------------------------------------


def workspaces(ctx: Context) -> Table:
    """`cjm validate` on workspaces of growing map count, whole and for one map of them."""
    s = ctx.settings
    table = Table(
        f"Validation of workspaces by map count ({s.steps} steps a map, best of {s.runs})",
        [
            "workspace",
            "files",
            "size",
            "time",
            "CPU",
            "MB/s",
            "maps/s",
            "peak RSS",
            "one map of it",
        ],
    )
    counts = sorted({s.maps, *s.workspace_maps})
    for count in counts:
        name = "workspace" if count == s.maps else f"workspace-{count}"
        workspace = ctx.workspace(name, ctx.default_spec(maps=count))
        label = "workspace: cjm validate" if count == s.maps else f"{count} maps: cjm validate"
        timing = ctx.time(label, [*ctx.cjm, "validate"], workspace.root)
        one_map = str(workspace.maps[0].relative_to(workspace.root))
        single = ctx.time(f"{label} {one_map}", [*ctx.cjm, "validate", one_map], workspace.root)
        size_mb = workspace.bytes / 1_000_000
        table.add(
            f"{count} maps",
            str(len(workspace.files)),
            megabytes(size_mb),
            time_cell(timing),
            cpu_cell(timing),
            rate_cell(timing, size_mb, "MB").removesuffix(" MB/s"),
            rate_cell(timing, count, "maps").removesuffix(" maps/s"),
            rss_cell(timing),
            time_cell(single),
        )
    table.notes.append(
        "One map of it: `cjm validate maps/journey-0001.yaml` run in the workspace, as a "
        "pre-commit hook does when one map changed."
    )
    return with_once_note(table)


# Mermaid ---------------------------------------------------------------------------------


def _output_size(folder: Path, suffix: str) -> str:
    files = sorted(folder.glob(f"*{suffix}"))
    if not files:
        return ""
    return f"{files[0].stat().st_size / 1000:.0f} KB"


def _mermaid_maps(ctx: Context) -> list[tuple[str, Path, Path]]:
    """(label, map file, folder to run in) for a workspace map and a bigger one."""
    first = ctx.default_workspace().maps[0]
    bigger = ctx.folder / "mermaid" / "map-150KB.yaml"
    bigger_steps = ctx.single_map(bigger, 150_000)
    return [
        (f"{first.stem} ({ctx.settings.steps} steps)", first, first.parent.parent),
        (f"one map, 150 KB ({bigger_steps} steps)", bigger, bigger.parent),
    ]


def _render(
    ctx: Context, label: str, path: Path, cwd: Path, out: Path, *formats: str
) -> Timing | None:
    command = [*ctx.cjm, "render", str(path), "--format", *formats, "--out", str(out)]
    return ctx.time(label, command, cwd)


def mermaid(ctx: Context) -> Table:
    """cjm's own SVG journey against exporting Mermaid and drawing it with the Mermaid CLI."""
    mmdc = ctx.peer(mermaid_cli())
    table = Table(
        f"Journey diagrams: cjm and the Mermaid CLI (best of {ctx.settings.runs})",
        ["map", "pipeline", "time", "peak RSS", "output"],
        text_columns=2,
    )
    for number, (label, path, cwd) in enumerate(_mermaid_maps(ctx)):
        out = ctx.folder / "mermaid" / f"out-{number}"
        svg = _render(ctx, f"{label}: cjm svg", path, cwd, out / "cjm", "svg", "--view", "journey")
        pipeline = "cjm render --format svg --view journey"
        svg_size = _output_size(out / "cjm", ".svg")
        table.add(label, pipeline, time_cell(svg), rss_cell(svg), svg_size)
        export = _render(ctx, f"{label}: cjm mermaid", path, cwd, out / "mmd", "mermaid")
        mmd_size = _output_size(out / "mmd", ".mmd")
        table.add("", "cjm render --format mermaid", time_cell(export), rss_cell(export), mmd_size)
        mmd = next(iter(sorted((out / "mmd").glob("*.mmd"))), None)
        if mmd is None:
            continue
        if not mmdc.available:
            table.add("", "mmdc -i MAP.mmd -o MAP.svg", "not installed", "", "")
            continue
        command = [*mmdc.command, "-i", str(mmd), "-o", str(out / "mmdc.svg")]
        drawn = ctx.time(f"{label}: mmdc", command, cwd)
        mmdc_size = _output_size(out, "mmdc.svg")
        table.add("", "mmdc -i MAP.mmd -o MAP.svg", time_cell(drawn), rss_cell(drawn), mmdc_size)
        if export is not None and drawn is not None:
            total = seconds(export.seconds + drawn.seconds)
            table.add("", "cjm mermaid export + mmdc", total, "", "")
    table.notes += [
        "The Mermaid pipeline draws the journey that `cjm render --format mermaid` exports "
        "(sections are stages; one task per step and persona, scored 1 to 5), with "
        "@mermaid-js/mermaid-cli driving headless Chromium (bench/puppeteer-config.json).",
        "Peak RSS is the largest single process: for mmdc, the biggest of node and "
        "Chromium's processes, not their sum.",
    ]
    if not mmdc.available:
        table.notes.append(f"Not measured: {mmdc.missing}")
    return with_once_note(table)


SECTIONS = {
    "startup": [startup],
    "commands": [commands],
    "scaling": [scaling, schema_peers],
    "workspaces": [workspaces],
    "mermaid": [mermaid],
}
