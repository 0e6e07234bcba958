"""Bad input never crashes a command.

Generated maps, and nasty mutations of them (see :mod:`tests.fuzz.mutations`), go through
``validate`` in every report format, ``render`` in every output format, ``diff`` in every
format and ``fmt`` in each mode, both through the Typer app and through ``cjm.cli.main``,
the console script. Every run must end with a documented exit code (0, 1 or 2) and print
no traceback and no "internal error". Where a run succeeds, its output must also be what
it claims to be: JSON that parses, SVG that is well-formed XML, an HTML report with no
live markup from the map, a file that ``fmt`` left alone when it was not asked to write.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from cjm.reporters import REPORTERS
from tests.fuzz.budget import examples
from tests.fuzz.maps import journey_maps, to_yaml
from tests.fuzz.mutations import (
    GENTLE,
    hostile_text,
    mutate,
    mutated_data,
    mutated_documents,
    mutated_workspaces,
    other_level,
    other_score,
)
from tests.fuzz.running import RUNNERS, Run, assert_no_crash, run_app, run_entry_point

runners = st.sampled_from(sorted(RUNNERS))
DIFF_FORMATS = ("text", "markdown", "json")
TEXT_FORMATS = "dot,mermaid,html,markdown"
# Hostile strings of the generator as they would appear if a report let them through as
# markup instead of text.
LIVE_MARKUP = ("<script>alert(1)</script>", "<img src=x onerror")


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    """A fresh folder, outside any workspace, as the current folder."""
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        yield Path(folder)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def run(runner: str, *args: str | Path) -> Run:
    """Run ``cjm ARGS`` with ``runner`` and check that it did not crash."""
    done = RUNNERS[runner](list(args))
    assert_no_crash(done)
    return done


# -- validate ----------------------------------------------------------------------------------


@examples(200)
@given(mutated_documents(), st.sampled_from(sorted(REPORTERS)), runners)
def test_validate_survives_any_map(
    case: tuple[str, bytes], output_format: str, runner: str
) -> None:
    _, mutated = case
    with scratch() as folder:
        write(folder / "map.yaml", mutated)
        done = run(runner, "validate", "--format", output_format, "map.yaml")
    if output_format == "json":
        report = json.loads(done.stdout)
        errors = [d for d in report["diagnostics"] if d["severity"] == "error"]
        assert done.exit_code == (1 if errors else 0)


# -- render ------------------------------------------------------------------------------------


def assert_reports_are_inert(out: Path) -> None:
    for page in out.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not [markup for markup in LIVE_MARKUP if markup in html]


@examples(130)
@given(mutated_documents(), runners)
def test_render_without_graphviz_survives_any_map(case: tuple[str, bytes], runner: str) -> None:
    """Formats that need no drawing: DOT source, Mermaid, the HTML and Markdown reports."""
    _, mutated = case
    with scratch() as folder:
        write(folder / "map.yaml", mutated)
        done = run(runner, "render", "map.yaml", "-f", TEXT_FORMATS, "--view", "all", "-o", "out")
        written = sorted(path.suffix for path in (folder / "out").glob("*"))
        if done.exit_code == 0:
            assert written == [".dot", ".dot", ".dot", ".html", ".md", ".mmd"]
        assert_reports_are_inert(folder / "out")


def loadable_maps() -> st.SearchStrategy[str]:
    """Maps that load, with hostile text and odd references: Graphviz gets to draw them."""
    edits = [*GENTLE, hostile_text, hostile_text]  # more often: hostile text is the point
    return mutated_data(edits).map(lambda pair: to_yaml(pair[1]))


def assert_drawing_is_whole(path: Path) -> None:
    content = path.read_bytes()
    if path.suffix == ".svg":
        ElementTree.fromstring(content)
    elif path.suffix == ".png":
        assert content.startswith(b"\x89PNG\r\n\x1a\n")
    else:
        assert content.startswith(b"%PDF-")


EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
EXAMPLE_MAPS = sorted(EXAMPLES.glob("*/maps/*.yaml"))


@st.composite
def example_variants(draw: st.DrawFn) -> tuple[Path, str]:
    """A bundled example map (all of them pass validation) with hostile text, other
    scores and other levels: ``(its path in the examples, its new YAML)``. Its references
    still resolve in its workspace, so it usually still passes."""
    path = draw(st.sampled_from(EXAMPLE_MAPS))
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    edits = [hostile_text, hostile_text, other_score, other_level]
    return path, to_yaml(mutate(draw, data, edits, most=3))


@examples(15)
@given(
    case=example_variants(),
    view=st.sampled_from(["journey", "blueprint", "emotions"]),
    runner=runners,
    force=st.booleans(),
)
def test_whatever_validate_accepts_render_draws(
    case: tuple[Path, str], view: str, runner: str, force: bool
) -> None:
    """A map without errors is drawn in every diagram format (each example in one view,
    to keep to the time budget); a map with errors is drawn only when forced, and
    otherwise gets no file."""
    example, text = case
    with scratch() as folder:
        workspace = folder / "workspace"
        shutil.copytree(example.parent.parent, workspace)
        target = workspace / "maps" / example.name
        write(target, text)
        report = json.loads(run(runner, "validate", "--format", "json", target).stdout)
        errors = [d for d in report["diagnostics"] if d["severity"] == "error"]
        event("map with errors" if errors else "map without errors")
        flags = ["--force"] if force else []
        done = run(
            runner, "render", target, "-f", "svg,png,pdf", "--view", view, "-o", "out", *flags
        )
        drawings = sorted((folder / "out").glob("*.*"))
        if errors and not force:
            assert done.exit_code == 1, done.output
            assert drawings == []
        else:
            assert done.exit_code == 0, done.output
            assert len(drawings) == 3
        for path in drawings:
            assert_drawing_is_whole(path)


# -- diff --------------------------------------------------------------------------------------


def diff(runner: str, old: Path, new: Path, output_format: str, exit_code: bool) -> Run:
    flags = ["--exit-code"] if exit_code else []
    done = run(runner, "diff", old.name, new.name, "--format", output_format, *flags)
    if output_format == "json" and done.stdout:
        json.loads(done.stdout)
    return done


@examples(130)
@given(mutated_documents(), st.sampled_from(DIFF_FORMATS), st.booleans(), st.booleans(), runners)
def test_diff_of_a_map_and_its_mutation_survives(
    case: tuple[str, bytes], output_format: str, mutation_is_new: bool, exit_code: bool, runner: str
) -> None:
    original, mutated = case
    with scratch() as folder:
        valid = write(folder / "valid.yaml", original)
        changed = write(folder / "changed.yaml", mutated)
        old, new = (valid, changed) if mutation_is_new else (changed, valid)
        diff(runner, old, new, output_format, exit_code)


@examples(60)
@given(journey_maps(), journey_maps(), st.sampled_from(DIFF_FORMATS), st.booleans(), runners)
def test_diff_of_two_random_maps_survives(
    old_map: dict[str, Any],
    new_map: dict[str, Any],
    output_format: str,
    exit_code: bool,
    runner: str,
) -> None:
    with scratch() as folder:
        old = write(folder / "old.yaml", to_yaml(old_map))
        new = write(folder / "new.yaml", to_yaml(new_map))
        done = diff(runner, old, new, output_format, exit_code)
        # Both maps load, so the diff is made: 0, or 1 for "they differ" when asked.
        assert done.exit_code in ((0, 1) if exit_code else (0,)), done.output


# -- fmt ---------------------------------------------------------------------------------------


@examples(120)
@given(mutated_documents(), st.sampled_from(["write", "--check", "--diff"]), runners)
def test_fmt_survives_any_map(case: tuple[str, bytes], mode: str, runner: str) -> None:
    _, mutated = case
    with scratch() as folder:
        path = write(folder / "map.yaml", mutated)
        flags = [] if mode == "write" else [mode]
        done = run(runner, "fmt", *flags, "map.yaml")
        if mode != "write" or done.exit_code != 0:
            # A dry run, or a file that cannot be formatted: nothing is written.
            assert path.read_bytes() == mutated
        else:
            assert run(runner, "fmt", "--check", "map.yaml").exit_code == 0


# -- a whole workspace -------------------------------------------------------------------------


def write_workspace(folder: Path, files: dict[str, bytes]) -> Path:
    for name, content in files.items():
        write(folder / name, content)
    return folder


@examples(40)
@given(mutated_workspaces(), runners)
def test_workspace_commands_survive(
    case: tuple[dict[str, bytes], dict[str, bytes]], runner: str
) -> None:
    """A workspace whose ``cjm.yaml``, shared definitions or map is mutated. None of the
    commands is asked to change it, and none does."""
    valid, mutated = case
    with scratch() as folder:
        before = write_workspace(folder / "before", valid)
        after = write_workspace(folder / "after", mutated)
        json.loads(run(runner, "validate", "--format", "json", "after").stdout)
        run(runner, "render", "after", "-f", "html,markdown,mermaid", "-o", "out")
        assert_reports_are_inert(folder / "out")
        run(runner, "diff", before.name, after.name, "--format", "markdown")
        run(runner, "fmt", "--check", "after")
        assert {name: (after / name).read_bytes() for name in mutated} == mutated


# -- the harness itself ------------------------------------------------------------------------


@pytest.mark.parametrize("runner", [run_app, run_entry_point], ids=["app", "main"])
def test_a_crash_is_caught_by_the_harness(
    runner: Callable[[list[str | Path]], Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The properties above would pass vacuously if a crash went unnoticed."""

    def explode(*args: object, **kwargs: object) -> int:
        raise RuntimeError("kaboom")

    monkeypatch.setattr("cjm.commands.validate.run_validate", explode)
    monkeypatch.chdir(tmp_path)
    done = runner(["validate", "map.yaml"])
    with pytest.raises(AssertionError, match="kaboom"):
        assert_no_crash(done)
