"""Each command loads only what its output needs: help loads no library cjm works with,
`cjm validate` no drawing code, `cjm render --format svg` no report, site, spreadsheet,
slide or query library. And the command tree that `cjm` runs, built a command at a time
when it is used, is the tree Typer builds: the same commands, help and options."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import typer

from cjm import cli
from cjm.cli import app
from cjm.lazy_cli import LazyCommands, lazy_command
from tests.tools import run_cjm

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "b2b-saas-trial"

# What no help needs: the libraries the commands work with, and cjm's own heavy parts.
NOT_FOR_HELP = (
    "pydantic",
    "pydantic_core",
    "jinja2",
    "rich",
    "ruamel",
    "graphviz",
    "openpyxl",
    "pptx",
    "duckdb",
    "sqlglot",
    "cjm.diagnostics",
    "cjm.load",
    "cjm.model",
    "cjm.lint",
    "cjm.render",
    "cjm.report",
    "cjm.site",
    "cjm.portfolio",
)
# What a diagram does not need: reports, the site, exports, measuring, the other views,
# and, for maps without errors, the text reporter and rich (one plain line is printed).
NOT_FOR_SVG = (
    "jinja2",
    "openpyxl",
    "pptx",
    "duckdb",
    "sqlglot",
    "rich",
    "cjm.reporters.text",
    "cjm.report",
    "cjm.site",
    "cjm.portfolio",
    "cjm.compare",
    "cjm.diff",
    "cjm.deck",
    "cjm.export",
    "cjm.render.blueprint_view",
    "cjm.render.emotions_view",
    "cjm.render.compare_view",
    "cjm.render.mermaid",
    "cjm.render.pdf",
)
# What a check does not need: any drawing, report or export.
NOT_FOR_VALIDATE = (
    "jinja2",
    "graphviz",
    "openpyxl",
    "pptx",
    "duckdb",
    "sqlglot",
    "cjm.render",
    "cjm.report",
    "cjm.site",
    "cjm.portfolio",
    "cjm.compare",
    "cjm.deck",
    "cjm.export",
)


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    """The modules of ``modules`` that are, or are inside, one of ``names``."""
    return sorted(
        {
            name
            for name in names
            for module in modules
            if module == name or module.startswith(f"{name}.")
        }
    )


def _command_paths() -> list[list[str]]:
    """Every command and group of the command line, as the words after `cjm`."""
    paths: list[list[str]] = []

    def walk(command: Any, prefix: list[str]) -> None:
        paths.append(prefix)
        for name, child in (getattr(command, "commands", None) or {}).items():
            walk(child, [*prefix, name])

    walk(typer.main.get_command(app), [])
    return paths


COMMAND_PATHS = _command_paths()


def test_every_command_and_group_is_listed() -> None:
    # The walk reaches the subcommands: a new command is checked without a new line here.
    assert ["validate"] in COMMAND_PATHS
    assert ["export", "deck"] in COMMAND_PATHS
    assert len(COMMAND_PATHS) > 15


@pytest.mark.parametrize("words", COMMAND_PATHS, ids=lambda words: " ".join(words) or "cjm")
def test_help_loads_no_library_cjm_works_with(words: list[str], tmp_path: Path) -> None:
    code, modules = run_cjm([*words, "--help"], tmp_path)
    assert code == 0
    assert _loaded(modules, NOT_FOR_HELP) == []


def test_the_size_limit_shown_in_help_is_the_one_applied() -> None:
    from cjm.load.source import DEFAULT_MAX_BYTES, DEFAULT_MAX_MEGABYTES

    assert cli.DEFAULT_MAX_MEGABYTES == DEFAULT_MAX_MEGABYTES
    assert cli._bytes(cli.DEFAULT_MAX_MEGABYTES) == DEFAULT_MAX_BYTES


def test_validate_loads_no_drawing_code() -> None:
    code, modules = run_cjm(["validate"], EXAMPLE)
    assert code == 0
    assert "cjm.lint.engine" in modules  # it did check
    assert _loaded(modules, NOT_FOR_VALIDATE) == []


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--select", "CJM101", "--fail-on", "error", "--max-file-size", "5", "maps"],
        [
            "render",
            "maps/trial-to-paid.yaml",
            "--format",
            "svg",
            "--view",
            "journey",
            "--dpi",
            "96",
            "--paper",
            "a4",
        ],
    ],
    ids=["validate", "render"],
)
def test_option_values_are_converted_without_pydantic_adapters(
    args: list[str], tmp_path: Path
) -> None:
    """Typer would build a pydantic adapter for each parameter (see cjm.cli_values)."""
    workspace = tmp_path / "example"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns(".cjm-cache"))
    if args[0] == "render":
        args = [*args, "--out", str(tmp_path / "out")]
    code, modules = run_cjm(args, workspace)
    assert code == 0
    assert _loaded(modules, ("typer._adapters", "pydantic.type_adapter")) == []


def test_svg_render_loads_no_report_site_or_export(tmp_path: Path) -> None:
    code, modules = run_cjm(["render", "--format", "svg", "--out", str(tmp_path)], EXAMPLE)
    assert code == 0
    assert (tmp_path / "trial-to-paid-journey.svg").is_file()
    assert "cjm.render.journey_view" in modules
    assert _loaded(modules, NOT_FOR_SVG) == []


def test_the_other_views_load_when_asked_for(tmp_path: Path) -> None:
    args = ["render", "--format", "dot", "--view", "blueprint,emotions", "--out", str(tmp_path)]
    code, modules = run_cjm(args, EXAMPLE)
    assert code == 0
    assert {"cjm.render.blueprint_view", "cjm.render.emotions_view"} <= set(modules)
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "trial-to-paid-blueprint.dot",
        "trial-to-paid-emotions.dot",
    ]


# The lazily built tree against Typer's --------------------------------------------------


def _help(command: Any, words: list[str]) -> str:
    """The help of the command at ``words`` below the root ``command``."""
    context = command.make_context("cjm", [], resilient_parsing=True)
    for word in words:
        command = command.get_command(context, word)
        context = command.make_context(word, [], parent=context, resilient_parsing=True)
    return str(command.get_help(context))


@pytest.mark.parametrize("words", COMMAND_PATHS, ids=lambda words: " ".join(words) or "cjm")
def test_the_lazy_tree_gives_the_help_typer_gives(words: list[str]) -> None:
    assert _help(lazy_command(app), words) == _help(typer.main.get_command(app), words)


def test_the_lazy_tree_builds_only_the_command_used() -> None:
    group = lazy_command(app)
    commands = group.commands
    assert isinstance(commands, LazyCommands)
    assert list(commands) == list(typer.main.get_command(app).commands)  # in the same order
    _help(group, [])  # the listing of `cjm --help`
    assert commands.built() == ["new", "import", "export"]  # groups: their own options only
    _help(group, ["validate"])
    assert commands.built() == ["new", "import", "export", "validate"]
    export = commands["export"]
    assert isinstance(export.commands, LazyCommands)  # type: ignore[attr-defined]
    assert export.commands.built() == []  # type: ignore[attr-defined]


def _rule_modules() -> list[str]:
    """The names of the rule modules under cjm.lint.rules (helpers start with _)."""
    import cjm.lint.rules

    folder = Path(cjm.lint.rules.__file__).parent
    return sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_"))


def test_the_catalogue_lists_what_each_rule_module_says() -> None:
    from cjm.lint.registry import CATALOGUE, RULES

    assert sorted(entry.module for entry in CATALOGUE) == _rule_modules()
    assert [entry.code for entry in CATALOGUE] == sorted(entry.code for entry in CATALOGUE)
    for entry, rule in zip(CATALOGUE, RULES, strict=True):
        assert rule.module == f"cjm.lint.rules.{entry.module}"
        assert (entry.code, entry.name, entry.severity, entry.scope) == (
            rule.code,
            rule.name,
            rule.severity,
            rule.scope,
        )


def test_a_rule_is_one_object_however_it_is_found() -> None:
    from cjm.lint.registry import CATALOGUE, RULES, UNUSED_SUPPRESSION, find_rule, load_rule

    for entry, rule in zip(CATALOGUE, RULES, strict=True):
        assert find_rule(entry.name) is rule
        assert find_rule(entry.code.lower()) is rule
        assert load_rule(entry) is rule
    assert find_rule("CJM100") is UNUSED_SUPPRESSION


def test_a_warm_check_imports_the_map_rules_only_to_run_them(tmp_path: Path) -> None:
    """Their findings on an unchanged map come from the validation cache."""
    from cjm.lint.registry import CATALOGUE

    workspace = tmp_path / "example"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns(".cjm-cache"))
    map_rules = {f"cjm.lint.rules.{e.module}" for e in CATALOGUE if e.scope == "map"}
    workspace_rules = {f"cjm.lint.rules.{e.module}" for e in CATALOGUE if e.scope == "workspace"}

    code, cold = run_cjm(["validate"], workspace)
    assert code == 0
    assert map_rules | workspace_rules <= set(cold)
    code, warm = run_cjm(["validate"], workspace)
    assert code == 0
    assert workspace_rules <= set(warm)
    # One map rule's helper is also used to key the cache (cjm.lint.reuse).
    assert set(warm) & map_rules <= {"cjm.lint.rules.pain_point_without_opportunity"}
    code, uncached = run_cjm(["validate", "--no-cache"], workspace)
    assert map_rules <= set(uncached)


def test_a_warm_render_loads_no_yaml_parser_or_worker_pool(tmp_path: Path) -> None:
    """Every file comes from the validation cache: nothing is parsed, no pool started."""
    workspace = tmp_path / "example"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns(".cjm-cache"))
    render = ["render", "--format", "svg", "--out", str(tmp_path / "out")]
    not_needed = ("ruamel", "cjm.load.yamlread", "multiprocessing", "concurrent.futures")
    code, cold = run_cjm(render, workspace)
    assert code == 0
    assert "cjm.load.yamlread" in cold
    code, warm = run_cjm(render, workspace)
    assert code == 0
    assert _loaded(warm, not_needed) == []
