"""The ``cjm`` command line: a thin Typer app over the core.

Each command parses its options and hands over to a function in :mod:`cjm.commands`,
which returns an exit code.

Registering a command (the same for every command here):

    @app.command()                      # or @export_app.command("name") in a group
    def name(paths: Annotated[...] = None, ...) -> None:
        # The docstring: its first sentence is the command's line in `cjm --help`.
        from cjm.commands.name import run_name    # imported here, never at the top

        raise typer.Exit(run_name(...))

A group is ``typer.Typer(cls=LazyGroup, ...)`` added with ``app.add_typer``. The
command line runs through :func:`cjm.lazy_cli.lazy_command`, which builds a command
only when it runs or shows its help, so that every command starts as fast as the
smallest: keep this module's top-level imports to Typer and a few constants, and import
a command's implementation inside its function. tests/cli/test_startup_imports.py checks
which libraries each command's help and the common commands load.
"""

from __future__ import annotations

import datetime
import enum
import os
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from cjm import __version__
from cjm.lazy_cli import LazyGroup, lazy_command
from cjm.reporters import REPORTERS

# cjm.load.source.DEFAULT_MAX_MEGABYTES, written out so that help loads no reading code
# (tests/cli/test_startup_imports.py keeps the two equal).
DEFAULT_MAX_MEGABYTES = 20

app = typer.Typer(
    name="cjm",
    cls=LazyGroup,
    help="Customer journey maps as code: validate, lint, render and diff journey maps in YAML.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

OutputFormat = enum.Enum(  # type: ignore[misc]
    "OutputFormat", {name.upper(): name for name in REPORTERS}, type=str
)


# Every command that reads maps takes the same size limit, from the option or the
# environment (one setting for a pre-commit hook, CI and the terminal alike).
MaxFileSize = Annotated[
    int,
    typer.Option(
        "--max-file-size",
        envvar="CJM_MAX_FILE_SIZE",
        min=1,
        metavar="MB",
        help="Refuse files larger than this many megabytes.",
    ),
]
NoCache = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Read every file again instead of taking unchanged ones from .cjm-cache/.",
    ),
]


def _bytes(megabytes: int) -> int:
    return megabytes * 1024 * 1024


class FailOn(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class GraphvizChoice(enum.StrEnum):
    BUNDLED = "bundled"
    SYSTEM = "system"


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"cjm {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Customer journey maps as code.

    Keep journey maps in YAML next to your other work; check them in CI with precise
    file:line:col errors. Run `cjm COMMAND --help` for the options of one command.
    """


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Map files or folders to check. Default: the workspace around the "
            "current folder (found by walking up to a cjm.yaml).",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = OutputFormat.TEXT,  # type: ignore[attr-defined]
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="RULES",
            help="Run only these rules (codes or names, comma-separated; ALL for every "
            "rule). Replaces `select` in cjm.yaml.",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="RULES",
            help="Do not run these rules (codes or names, comma-separated).",
        ),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            case_sensitive=False,
            help="Exit with 1 on findings of this severity or worse. Default: `fail_on` "
            "in cjm.yaml, else error.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", dir_okay=False, help="Write the report to this file."),
    ] = None,
    max_file_size: MaxFileSize = DEFAULT_MAX_MEGABYTES,
    no_cache: NoCache = False,
) -> None:
    """Check maps: YAML syntax, the schema, references, and the lint rules.

    Every problem is reported as path:line:col with a code and a hint.
    Exit status: 0 clean, 1 findings at or above the failing severity,
    2 usage or configuration error.
    """
    from cjm.commands.validate import run_validate
    from cjm.diagnostics import Severity
    from cjm.lint.config import LintRequest

    request = LintRequest(
        select=_split(select) if select else None,
        ignore=_split(ignore or []),
        fail_on=Severity(fail_on.value) if fail_on else None,
    )
    code = run_validate(
        paths or [],
        output_format=output_format.value,
        max_bytes=_bytes(max_file_size),
        lint=request,
        output=output,
        use_cache=not no_cache,
    )
    raise typer.Exit(code)


def _split(values: list[str]) -> list[str]:
    """``["a,b", "c"]`` -> ``["a", "b", "c"]``: options may be repeated or comma-separated."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


VIEW_NAMES = ("journey", "blueprint", "emotions", "compare")
RENDER_FORMATS = ("svg", "png", "pdf", "dot", "mermaid", "html", "markdown")


def _choices(
    values: list[str] | None, allowed: tuple[str, ...], default: str, what: str
) -> list[str]:
    chosen = _split(values or [default])
    if "all" in chosen:
        return list(allowed)
    unknown = [value for value in chosen if value not in allowed]
    if unknown:
        raise typer.BadParameter(
            f"unknown {what} '{unknown[0]}': choose from {', '.join(allowed)} or all"
        )
    return list(dict.fromkeys(chosen))


class PaperSize(enum.StrEnum):
    A4 = "a4"
    LETTER = "letter"
    A3 = "a3"


@app.command()
def render(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Map files or folders to render. Default: the workspace around the "
            "current folder.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    output_format: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMATS",
            help="Output formats, comma-separated: svg, png, pdf, dot (diagrams, one per "
            "view); mermaid (a Mermaid journey), html (a self-contained report page, plus "
            "the workspace site for a folder), markdown (the report for wikis and pull requests), "
            "one per map; or all. Default: svg.",
        ),
    ] = None,
    view: Annotated[
        list[str] | None,
        typer.Option(
            "--view",
            metavar="VIEWS",
            help="Views, comma-separated: journey (stages by lanes), blueprint (service "
            "blueprint lanes), emotions (the emotional curve), compare (a future-state map "
            "against the current state it names), or all (compare only for maps that name "
            "a current state). Default: journey.",
        ),
    ] = None,
    out: Annotated[
        Path,
        typer.Option("--out", "-o", file_okay=False, help="Folder to write the files into."),
    ] = Path("out"),
    graphviz: Annotated[
        GraphvizChoice | None,
        typer.Option(
            "--graphviz",
            case_sensitive=False,
            help="Which Graphviz lays the diagrams out: the bundled one, or the system `dot` "
            "(also CJM_GRAPHVIZ=system; CJM_DOT names the command). Default: bundled.",
        ),
    ] = None,
    paper: Annotated[
        PaperSize,
        typer.Option(
            "--paper",
            case_sensitive=False,
            help="Paper for PDF pages: a4, letter or a3; each diagram is scaled down to fit "
            "within the margins, never up, and centred.",
        ),
    ] = PaperSize.A4,
    portrait: Annotated[
        bool,
        typer.Option("--portrait", help="PDF pages upright instead of landscape."),
    ] = False,
    dpi: Annotated[
        int,
        typer.Option(
            "--dpi",
            min=18,
            max=1200,
            help="Resolution of PNG images, in dots per inch.",
        ),
    ] = 144,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Draw maps that have errors too (by default a map with errors gets no file).",
        ),
    ] = False,
    max_file_size: MaxFileSize = DEFAULT_MAX_MEGABYTES,
    no_cache: NoCache = False,
) -> None:
    """Draw maps as diagrams and reports: files named after the map ids.

    Diagrams are <map-id>-<view>.<format>; the per-map exports are <map-id>.mmd,
    <map-id>-report.html and <map-id>.md. Files are written atomically into --out and
    never over an input file. Maps are checked first: their errors are printed as
    `cjm validate` prints them, and a map with errors is not drawn unless --force.
    """
    from cjm.commands.render import run_render
    from cjm.render.formats import DrawOptions
    from cjm.render.paper import page_setup

    code = run_render(
        paths or [],
        views=_choices(view, VIEW_NAMES, "journey", "view"),
        compare_if_paired="all" in _split(view or []),
        formats=_choices(output_format, RENDER_FORMATS, "svg", "format"),
        out=out,
        graphviz=graphviz.value if graphviz else None,
        max_bytes=_bytes(max_file_size),
        options=DrawOptions(dpi, page_setup(paper.value, portrait)),
        force=force,
        use_cache=not no_cache,
    )
    raise typer.Exit(code)


@app.command()
def serve(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="The workspace folder, a folder of maps or one map file to preview. "
            "Default: the workspace around the current folder.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="The address to listen on. Anything but this machine (127.0.0.1, ::1, "
            "localhost) lets anyone on the network read the maps.",
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option(
            "--port",
            "-p",
            min=0,
            max=65535,
            help="The port to listen on; when it is taken, a free one is used (0: any).",
        ),
    ] = 8000,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the preview in the default browser.")
    ] = False,
    max_file_size: MaxFileSize = DEFAULT_MAX_MEGABYTES,
) -> None:
    """Preview maps live in the browser: the HTML site and reports, updated on every save.

    Renders what `cjm render PATH --format html` renders into a temporary folder (never
    into the workspace), serves it, and watches the workspace: when a map, cjm.yaml, a
    definition file, a binding or a snapshot changes, the open pages update in place,
    without a reload. Findings show on the page as `cjm validate` prints them; while a
    file is broken, the last good rendering stays, marked stale. Ctrl-C stops it.
    """
    from cjm.commands.serve import run_serve

    code = run_serve(
        path, host=host, port=port, max_bytes=_bytes(max_file_size), open_browser=open_browser
    )
    raise typer.Exit(code)


class DiffFormat(enum.StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


@app.command()
def diff(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="OLD NEW: two map files or two folders to compare (two map files are two "
            "versions of one journey, even with different ids: a current-state map and its "
            "future state). With --base: the files or folders to compare with the revision "
            "(default: the workspace).",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="REV",
            help="Compare the working tree with this git revision (a branch, tag or "
            "commit), read through git: nothing is checked out.",
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="text for a terminal, markdown for a pull-request comment, json for tools.",
        ),
    ] = DiffFormat.TEXT,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit with 1 when the maps differ, 0 when they do not."),
    ] = False,
    max_file_size: MaxFileSize = DEFAULT_MAX_MEGABYTES,
) -> None:
    """Show what changed between two versions of maps, in journey terms.

    Stages, steps, touchpoints and personas added, removed, renamed or changed; emotions
    that rose or fell; pain points opened, resolved, re-graded or re-owned; opportunities;
    KPIs (judged only when they say which way is `better`); and the lint findings the
    change introduced and fixed. Each map is resolved against its workspace's shared
    definitions.

    Exit status: 0 compared (with --exit-code: no changes), 1 changes (with --exit-code),
    2 usage or configuration error, 3 a side does not load (nothing was compared).
    """
    from cjm.commands.diff import run_diff

    given = list(paths or [])
    old = given[0] if given else None
    new = given[1] if len(given) > 1 else None
    code = run_diff(
        old,
        new,
        base=base,
        paths=given[2:],
        output_format=output_format.value,
        exit_code=exit_code,
        max_bytes=_bytes(max_file_size),
    )
    raise typer.Exit(code)


@app.command()
def measure(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Map files or folders to measure. Default: the workspace around the current "
            "folder. Only maps with a binding file (<map>.measures.yaml) are measured.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="The day of the measurement, recorded in the snapshot; a `last_days` period "
            "ends the day before it. Default: today.",
        ),
    ] = None,
    write_actuals: Annotated[
        bool,
        typer.Option(
            "--write-actuals",
            help="Also write each bound KPI's value into its `actual` and `actual_period` "
            "in the map, keeping every comment.",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Compute and print; write no file."),
    ] = False,
    sql: Annotated[
        bool,
        typer.Option(
            "--sql",
            help="Print each map's funnel query instead of running it, for a data team to "
            "run in its warehouse (see --dialect and --import).",
        ),
    ] = False,
    dialect: Annotated[
        str | None,
        typer.Option(
            "--dialect",
            metavar="NAME",
            help="With --sql: the SQL dialect to print (duckdb, postgres, spark, bigquery, "
            "snowflake, trino). Default: the source's own. With --import: the dialect the "
            "result was computed in, recorded in the snapshot.",
        ),
    ] = None,
    imported: Annotated[
        Path | None,
        typer.Option(
            "--import",
            metavar="FILE",
            help="Read the funnel result from this CSV (the --sql query's result, with its "
            "header row) instead of running the query. One map at a time.",
            dir_okay=False,
        ),
    ] = None,
    max_file_size: MaxFileSize = DEFAULT_MAX_MEGABYTES,
) -> None:
    """Measure maps against data: funnels from product events, feedback against emotions.

    Each map's binding file says which events mean each step, which customers each persona
    stands for, how KPIs are computed and how feedback is read; cjm.yaml's `measure`
    section says where the data is (local Parquet, CSV or JSON lines files, computed with
    an embedded DuckDB, or a warehouse). The result is a snapshot per map,
    `measurements/<map-id>.yaml`, to commit: validate, render and diff read only it.

    Exit status: 0 measured, 1 a map could not be measured, 2 usage error.
    """
    from cjm.commands.measure import run_measure, run_print_sql

    day = _date_option(as_of, "--as-of")
    if sql and imported is not None:
        _usage_error("--sql prints the query and --import reads its result: use one of them")
    if sql:
        raise typer.Exit(
            run_print_sql(paths or [], dialect=dialect, as_of=day, max_bytes=_bytes(max_file_size))
        )
    if dialect is not None and imported is None:
        _usage_error("--dialect goes with --sql or --import")
    code = run_measure(
        paths or [],
        as_of=day,
        write_actuals=write_actuals,
        dry_run=dry_run,
        imported=imported,
        dialect=dialect,
        max_bytes=_bytes(max_file_size),
    )
    raise typer.Exit(code)


def _date_option(value: str | None, option: str) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value) if len(value) == 10 else _bad_date(option, value)
    except ValueError:
        return _bad_date(option, value)


def _bad_date(option: str, value: str) -> datetime.date:
    _usage_error(f"{option} takes a date as YYYY-MM-DD, not {value!r}")
    raise AssertionError  # unreachable: _usage_error exits


def _usage_error(message: str) -> None:
    from cjm.commands.output import error

    error(message)
    raise typer.Exit(2)


@app.command()
def fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to format. Default: the workspace around the current folder.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; list the files that would change."),
    ] = False,
    show_diff: Annotated[
        bool,
        typer.Option("--diff", help="Write nothing; print the changes as a unified diff."),
    ] = False,
    max_file_size: MaxFileSize = DEFAULT_MAX_MEGABYTES,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Format every file again instead of skipping those .cjm-cache/ knows are "
            "formatted.",
        ),
    ] = False,
) -> None:
    """Rewrite maps in one canonical layout: key order, indentation and spacing.

    Quotes stay as written, and so does the style of each list or mapping ([a, b] or one
    item a line), except that one holding a comment is written one item a line. Every
    comment and value is kept: the comments at the top of a file stay first, the others
    move with their keys. Formatting twice changes nothing; a file that does not parse is
    left alone. In a workspace, a file whose exact content was found formatted before
    (recorded in .cjm-cache/) is skipped. Exit status: 0 done, 1 files would change
    (--check) or could not be formatted, 2 usage error.
    """
    from cjm.commands.fmt import run_fmt

    code = run_fmt(
        paths or [],
        check=check,
        show_diff=show_diff,
        max_bytes=_bytes(max_file_size),
        use_cache=not no_cache,
    )
    raise typer.Exit(code)


@app.command()
def migrate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to migrate. Default: the workspace around the current folder.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; list the files that would change."),
    ] = False,
    show_diff: Annotated[
        bool,
        typer.Option("--diff", help="Write nothing; print the changes as a unified diff."),
    ] = False,
    max_file_size: MaxFileSize = DEFAULT_MAX_MEGABYTES,
) -> None:
    """Upgrade maps, definition files and cjm.yaml from the 0.x format to the current one.

    Adds `format: "1.0"` as the first key (after the comments at the top) and points a
    `# yaml-language-server: $schema=` line that names a 0.x schema at the 1.0 schema next
    to it; every other comment, key and value stays byte for byte. Files already at 1.0
    are left alone; a file that does not parse, or says a newer format, is reported and
    left alone. Exit status: 0 done, 1 files would change (--check) or could not be
    migrated, 2 usage error.
    """
    from cjm.commands.migrate import run_migrate

    code = run_migrate(
        paths or [], check=check, show_diff=show_diff, max_bytes=_bytes(max_file_size)
    )
    raise typer.Exit(code)


@app.command()
def init(
    folder: Annotated[
        Path,
        typer.Argument(help="Where to create the workspace.", file_okay=False),
    ] = Path(),
    name: Annotated[
        str | None,
        typer.Option("--name", help="The workspace name. Default: from the folder name."),
    ] = None,
    template: Annotated[
        str,
        typer.Option(
            "--template", "-t", metavar="NAME", help="The first map's template (cjm new --list)."
        ),
    ] = "current-state",
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Go on when the CI or pre-commit files exist already (they are kept).",
        ),
    ] = False,
) -> None:
    """Start a workspace: cjm.yaml, a persona file, a first map, a CI workflow and a
    pre-commit config. Existing files are never overwritten."""
    from cjm.commands.scaffold import run_init

    raise typer.Exit(run_init(folder, name=name, template=template, force=force))


new_app = typer.Typer(
    cls=LazyGroup,
    help="Add to a workspace from a template.",
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(new_app, name="new")


@new_app.callback()
def new(
    ctx: typer.Context,
    list_templates: Annotated[
        bool, typer.Option("--list", help="List the map templates and exit.")
    ] = False,
) -> None:
    """Add to a workspace from a template: `cjm new map --template NAME`."""
    if list_templates:
        from cjm.commands.scaffold import run_list_templates

        raise typer.Exit(run_list_templates())
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(2)


@new_app.command("map")
def new_map(
    template: Annotated[
        str,
        typer.Option(
            "--template", "-t", metavar="NAME", help="The template (cjm new --list shows them)."
        ),
    ] = "current-state",
    map_id: Annotated[
        str | None,
        typer.Option("--id", help="The map id. Default: from the title."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="The map title. Default: the template's.")
    ] = None,
    folder: Annotated[
        Path | None,
        typer.Option(
            "--folder",
            file_okay=False,
            help="Where to put the map. Default: the workspace's maps folder.",
        ),
    ] = None,
) -> None:
    """Add a map from a template; it validates clean as created."""
    from cjm.commands.scaffold import run_new_map

    raise typer.Exit(run_new_map(template=template, map_id=map_id, title=title, folder=folder))


import_app = typer.Typer(
    cls=LazyGroup,
    help="Turn journeys kept in other tools' formats into cjm maps.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(import_app, name="import")


@import_app.command("mermaid")
def import_mermaid(
    source: Annotated[
        Path,
        typer.Argument(help="A Mermaid file holding a `journey` diagram.", dir_okay=False),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            dir_okay=False,
            help="Where to write the map. Default: <map-id>.yaml in the maps folder of the "
            "workspace around the current folder (where `cjm new map` writes), else in the "
            "current folder; - prints it.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
) -> None:
    """Turn a Mermaid journey diagram into a cjm map: sections become stages, tasks become
    steps, actors become personas and scores 1..5 become emotions -2..+2; title (or
    accTitle) and accDescr become the map's title and description."""
    from cjm.commands.import_mermaid import run_import_mermaid

    raise typer.Exit(run_import_mermaid(source, out, force=force))


@import_app.command("workbook")
def import_workbook(
    book: Annotated[
        Path,
        typer.Argument(
            help="The edited workbook (.xlsx), a CSV table (pain-points.csv, "
            "opportunities.csv, kpis.csv) or a folder of them."
        ),
    ],
    into: Annotated[
        Path, typer.Option("--into", dir_okay=False, help="The map file to carry the edits into.")
    ],
    allow_deletes: Annotated[
        bool,
        typer.Option(
            "--allow-deletes",
            help="Delete the steps whose column, and the items whose row, was deleted "
            "(by default they are kept and named).",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change, as a diff; write nothing.")
    ] = False,
) -> None:
    """Carry the edits of a workbook made by `cjm export workbook` back into the map,
    changing only what changed (comments, key order and ids kept).

    A cell that cannot be placed (an unknown id or persona, an emotion that is not a
    label of the scale, a bad number) is reported at its sheet and cell, like
    `Journey!F7: ...`, and nothing is written (exit 1). So is a result that would not
    validate. See docs/spreadsheets.md.
    """
    from cjm.commands.workbook import run_import_workbook

    raise typer.Exit(run_import_workbook(book, into, allow_deletes=allow_deletes, dry_run=dry_run))


export_app = typer.Typer(
    cls=LazyGroup,
    help="Write what the maps hold for the tools where the work happens: spreadsheets, "
    "trackers and slide decks.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(export_app, name="export")


@export_app.command("deck")
def export_deck(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Map files or folders to export. Default: the workspace around the "
            "current folder.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    out: Annotated[
        Path,
        typer.Option("--out", "-o", file_okay=False, help="Folder to write the decks into."),
    ] = Path("out"),
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Export maps that have errors too (by default a map with errors gets no deck).",
        ),
    ] = False,
    max_file_size: MaxFileSize = DEFAULT_MAX_MEGABYTES,
) -> None:
    """Write a slide deck (PPTX, 16:9) per map, for a quarterly review: <map-id>.pptx.

    Slides: the title with the review's state and the numbers at a glance, the personas,
    the journey stage by stage, the emotional curve as a chart, the top pain points and
    opportunities, the KPIs against their targets and the lint findings; long texts are
    cut on the slide and given in full in the speaker notes. Maps are checked first as
    `cjm render` checks them: a map with errors gets no deck unless --force. Files are
    written atomically and never over an input file. Exit status: 0 written, 1 some map
    got no deck, 2 usage error.
    """
    from cjm.commands.deck import run_export_deck

    code = run_export_deck(paths or [], out=out, force=force, max_bytes=_bytes(max_file_size))
    raise typer.Exit(code)


TABLE_FORMATS = ("csv", "xlsx")


@export_app.command("tables")
def export_tables(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Map files or folders to export. Default: the workspace around the "
            "current folder.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    output_format: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMATS",
            help="Formats, comma-separated: csv (pain-points.csv, opportunities.csv, "
            "kpis.csv), xlsx (portfolio.xlsx: an About sheet and the three tables), or all. "
            "Default: csv,xlsx.",
        ),
    ] = None,
    out: Annotated[
        Path,
        typer.Option("--out", "-o", file_okay=False, help="Folder to write the files into."),
    ] = Path("tables"),
    bom: Annotated[
        bool,
        typer.Option(
            "--bom/--no-bom",
            help="Start the CSV files with a UTF-8 byte order mark, so that Excel reads "
            "accented and non-Latin text right.",
        ),
    ] = True,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Include maps that have errors too (by default they are left out).",
        ),
    ] = False,
    max_file_size: MaxFileSize = DEFAULT_MAX_MEGABYTES,
) -> None:
    """Write the pain-point register, the opportunity backlog and the KPI board of every
    map as CSV files and an Excel workbook, one row per item, keyed <map-id>/<id>.

    Maps are checked first: their errors are printed as `cjm validate` prints them, and a
    map with errors is left out unless --force (exit 1; the other maps are still written).
    Files are written atomically into --out, never over an input file.
    """
    from cjm.commands.export_tables import run_export_tables

    code = run_export_tables(
        paths or [],
        formats=_choices(output_format, TABLE_FORMATS, "csv,xlsx", "format"),
        out=out,
        force=force,
        bom=bom,
        max_bytes=_bytes(max_file_size),
    )
    raise typer.Exit(code)


class WorkbookFormat(enum.StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


@export_app.command("workbook")
def export_workbook(
    map_file: Annotated[
        Path, typer.Argument(help="The map to export.", dir_okay=False, metavar="MAP")
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="The workbook to write (default: <map-id>.xlsx), or with --format csv the "
            "folder of the tables (default: <map-id>-tables).",
        ),
    ] = None,
    output_format: Annotated[
        WorkbookFormat, typer.Option("--format", "-f", help="xlsx (a workbook) or csv (tables).")
    ] = WorkbookFormat.XLSX,
) -> None:
    """Write a map as a workbook to edit in a spreadsheet: the journey grid (stages and
    steps across, lanes down) and the pain points, opportunities, KPIs and personas, one
    row each. `cjm import workbook` carries the edits back. See docs/spreadsheets.md."""
    from cjm.commands.workbook import run_export_workbook

    raise typer.Exit(run_export_workbook(map_file, out, output_format=output_format.value))


class IssueTarget(enum.StrEnum):
    GITHUB = "github"
    GITHUB_JSON = "github-json"
    JIRA = "jira"


@export_app.command("issues")
def export_issues(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Map files or folders to export. Default: the workspace around the "
            "current folder.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    to: Annotated[
        IssueTarget,
        typer.Option(
            "--to",
            case_sensitive=False,
            help="github: write the issues of --repo through the REST API; github-json: "
            "write the request bodies to --out without sending; jira: write a CSV file for "
            "Jira's importer to --out.",
        ),
    ] = IssueTarget.GITHUB,
    repo: Annotated[
        str | None,
        typer.Option("--repo", metavar="OWNER/NAME", help="The GitHub repository."),
    ] = None,
    api_url: Annotated[
        str,
        typer.Option(
            "--api-url",
            metavar="URL",
            help="GitHub's API root; https://HOST/api/v3 for GitHub Enterprise Server.",
        ),
    ] = "https://api.github.com",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", dir_okay=False, help="The file to write (jira, github-json)."),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Read the issues and print what would change; send nothing."
        ),
    ] = False,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only",
            metavar="MAP-ID/OPP-ID",
            help="Export only these opportunities (a map id: all of its own); repeatable.",
        ),
    ] = None,
    issue_type: Annotated[
        str, typer.Option("--issue-type", metavar="TYPE", help="The Jira issue type.")
    ] = "Task",
    force: Annotated[
        bool,
        typer.Option("--force", help="Export maps that have errors too."),
    ] = False,
    max_file_size: MaxFileSize = DEFAULT_MAX_MEGABYTES,
) -> None:
    """Turn the maps' opportunities into tracker issues; running it again updates them.

    Each issue carries a hidden marker with the opportunity's key (<map-id>/<opp-id>), by
    which the next export finds it: changed issues are updated, unchanged ones left alone,
    and a done or dropped opportunity closes its issue. The token comes from GITHUB_TOKEN
    or GH_TOKEN. Maps are checked first; a map with errors is left out unless --force.
    Exit status: 0 done, 1 maps left out or requests failed, 2 usage error.
    """
    from cjm.commands.export_issues import run_export_issues

    code = run_export_issues(
        paths or [],
        to=to.value,
        repo=repo,
        api_url=api_url,
        out=out,
        dry_run=dry_run,
        only=_split(only or []),
        force=force,
        issue_type=issue_type,
        max_bytes=_bytes(max_file_size),
    )
    raise typer.Exit(code)


@app.command()
def rules() -> None:
    """List the lint rules: code, name, default severity and what each one flags."""
    from cjm.commands.rules import run_rules

    raise typer.Exit(run_rules())


@app.command()
def rule(
    name: Annotated[
        str, typer.Argument(metavar="RULE", help="A rule code (CJM115) or name (stale-map).")
    ],
) -> None:
    """Explain one lint rule: why it matters, its settings, a failing and a passing example."""
    from cjm.commands.rules import run_rule

    raise typer.Exit(run_rule(name))


@app.command()
def schema(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Folder of the schemas: they are written into its subfolder named after "
            "the format version (schemas/1.0/).",
            file_okay=False,
        ),
    ] = Path("schemas"),
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 when the files are out of date."),
    ] = False,
) -> None:
    """Write the JSON Schemas of maps, cjm.yaml and definition files of the current format
    version into OUT/<version>/ (map.schema.json, workspace.schema.json,
    definitions.schema.json; each has a stable $id such as urn:cjm:format:1.0:map).

    Point your editor at them (a `# yaml-language-server: $schema=...` first line) for
    completion and hover help while writing maps.
    """
    from cjm.commands.schema import run_schema

    raise typer.Exit(run_schema(out, check=check))


EXIT_USAGE = 2
EXIT_INTERNAL_ERROR = 70
# What pathlib raises, before Python 3.13, when Path.resolve() meets a symlink loop.
_SYMLINK_LOOP = re.compile(r"Symlink loop from '(?P<path>.*)'")


def main() -> None:
    """The command line, where a bug ends with a short report, not a traceback.

    The installed ``cjm`` and ``python -m cjm`` reach it through :func:`cjm.program.main`,
    which also sets up the process; called directly, it leaves the process as it is."""
    try:
        lazy_command(app)()
    except Exception as bug:
        if os.environ.get("CJM_DEBUG"):
            raise
        loop = _symlink_loop(bug)
        if loop is not None:
            _report_symlink_loop(loop)
            raise SystemExit(EXIT_USAGE) from None
        sys.stderr.write(
            f"cjm: internal error: {type(bug).__name__}: {bug}\n"
            "This is a bug in cjm. Please report it with the input that caused it; "
            "set CJM_DEBUG=1 to see the traceback.\n"
        )
        raise SystemExit(EXIT_INTERNAL_ERROR) from None


def _symlink_loop(problem: Exception) -> Path | None:
    """The file named by pathlib's symlink-loop error; None for any other exception.

    A symlink loop among the user's files (``a.yaml -> b.yaml -> a.yaml``) is a problem
    with the input, so it is reported as one, like an unreadable file, not as a bug.
    """
    if type(problem) is not RuntimeError:
        return None
    found = _SYMLINK_LOOP.fullmatch(str(problem))
    return Path(found["path"]) if found else None


def _report_symlink_loop(path: Path) -> None:
    from cjm.commands.output import error

    here = Path.cwd()
    shown = path.relative_to(here) if path.is_relative_to(here) else path
    error(
        f"cannot read {shown.as_posix()}: it is a symlink loop: its links lead back to themselves"
    )
