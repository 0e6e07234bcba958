"""No command loses data.

* Every file cjm writes is written atomically: whatever interrupts the write (Ctrl-C at
  the rename, a full disk halfway through, an I/O error when flushing), the older file is
  left byte for byte, and no temporary file is left behind.
* Only ``cjm fmt`` and ``cjm migrate`` write into a source file, and only when asked:
  every other command leaves every input with the same bytes and the same modification
  time. The one folder a reading command may fill is the validation cache,
  ``.cjm-cache/``, which holds no input: these tests leave it out of their comparisons
  and check instead that it holds nothing but its ``.gitignore`` and whole entries (no
  temporary file, whatever interrupted the run).
* ``cjm render`` never writes over an input, wherever ``--out`` points and whatever
  symlinks the output folder holds.
* ``cjm import mermaid``, ``cjm new map`` and ``cjm init`` never replace an existing file
  unless ``--force`` says so (where there is a ``--force``).

The writers, found with ``grep -rn "write_\\|open(\\|os.link\\|replace(" src/cjm``: the
render pipeline (diagrams, Mermaid, HTML and Markdown reports, the index page),
``cjm schema``, ``cjm fmt``, ``cjm migrate``, ``cjm import mermaid``, ``cjm validate --output``, the
generated reference pages (``python -m cjm.reference``, ``python -m cjm.lint.docs``): all
through :mod:`cjm.writing`; and ``cjm init`` / ``cjm new map``, through ``cjm.scaffold``.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from cjm import reference
from cjm.cache import CACHE_FOLDER, ENTRIES, FINDINGS, FORMATTED
from cjm.cli import app
from cjm.lint import docs as rule_docs
from tests.samples import PLAIN_ENV

from .conftest import MAP, Snapshot, make_workspace, snapshot, write

DIAGRAM = """\
journey
    title Coffee to go
    section Order
      Queues at the counter: 2: Busy Sam
"""


def workspace(root: Path, skip: Sequence[str] = ()) -> Snapshot:
    """Every file under ``root`` but those of the cache folder, which is checked to hold
    only whole entries."""
    assert_the_cache_holds_only_entries(root)
    return snapshot(root, skip=[CACHE_FOLDER, *skip])


def assert_the_cache_holds_only_entries(root: Path) -> None:
    cache = root / CACHE_FOLDER
    if not cache.exists():
        return
    for path in cache.rglob("*"):
        name = path.relative_to(cache).as_posix()
        if path.is_dir():
            assert name in (ENTRIES, FINDINGS, FORMATTED), name
        else:
            entry = f"({ENTRIES}|{FINDINGS}|{FORMATTED})/[0-9a-f]{{64}}"
            assert name == ".gitignore" or re.fullmatch(entry, name), name


def cjm(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=PLAIN_ENV)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small workspace in ``tmp_path``, which is also the working folder."""
    make_workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- (a) interrupted writes ---------------------------------------------------------------

Hits = list[str]
Interruption = Callable[[pytest.MonkeyPatch, Hits], None]


def ctrl_c_at_the_rename(monkeypatch: pytest.MonkeyPatch, hits: Hits) -> None:
    def replace(*args: Any, **kwargs: Any) -> None:
        hits.append("replace")
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace)


def disk_full_halfway(monkeypatch: pytest.MonkeyPatch, hits: Hits) -> None:
    """Writes into files stop halfway with "No space left on device"; pipes (to
    Graphviz) are left alone."""
    real_write = os.write

    def write_half(descriptor: int, data: Any) -> int:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return real_write(descriptor, data)
        hits.append("write")
        real_write(descriptor, bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", write_half)


def io_error_at_the_flush(monkeypatch: pytest.MonkeyPatch, hits: Hits) -> None:
    def fsync(descriptor: int) -> None:
        hits.append("fsync")
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", fsync)


def ctrl_c_at_the_link(monkeypatch: pytest.MonkeyPatch, hits: Hits) -> None:
    def link(*args: Any, **kwargs: Any) -> None:
        hits.append("link")
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "link", link)


INTERRUPTIONS = [
    pytest.param(ctrl_c_at_the_rename, id="ctrl-c-at-the-rename"),
    pytest.param(disk_full_halfway, id="disk-full-halfway"),
    pytest.param(io_error_at_the_flush, id="io-error-at-the-flush"),
]


def rendered_before(output_format: str) -> Callable[[Path], None]:
    """Render once, then change the map so that a second render would change the files."""

    def prepare(root: Path) -> None:
        done = cjm("render", "--format", output_format, "--out", "out")
        assert done.exit_code == 0, done.output
        trial = root / "maps" / "trial.yaml"
        trial.write_text(MAP.replace("Trial to paid", "Trial to paying"), encoding="utf-8")

    return prepare


def older_file(name: str, text: str) -> Callable[[Path], None]:
    def prepare(root: Path) -> None:
        write(root / name, text)

    return prepare


def older_map_and_diagram(root: Path) -> None:
    write(root / "coffee.mmd", DIAGRAM)
    write(root / "coffee-to-go.yaml", "# my own map, replaced only with --force\n")


@dataclass(frozen=True)
class Writer:
    """A command that writes over an older file, and how to put that file in place."""

    args: list[str]
    prepare: Callable[[Path], None]


WRITERS = {
    "validate-output": Writer(
        ["validate", "--output", "report.txt"], older_file("report.txt", "an older report\n")
    ),
    "render-dot": Writer(["render", "--format", "dot", "--out", "out"], rendered_before("dot")),
    "render-svg": Writer(["render", "--format", "svg", "--out", "out"], rendered_before("svg")),
    "render-mermaid": Writer(
        ["render", "--format", "mermaid", "--out", "out"], rendered_before("mermaid")
    ),
    "render-html": Writer(["render", "--format", "html", "--out", "out"], rendered_before("html")),
    "render-markdown": Writer(
        ["render", "--format", "markdown", "--out", "out"], rendered_before("markdown")
    ),
    "fmt": Writer(["fmt"], older_file("notes.txt", "nothing to prepare\n")),
    "migrate": Writer(["migrate"], older_file("notes.txt", "nothing to prepare\n")),
    "schema": Writer(
        ["schema", "--out", "schemas"], older_file("schemas/1.0/map.schema.json", "{}\n")
    ),
    "import-mermaid-force": Writer(
        ["import", "mermaid", "coffee.mmd", "--force"], older_map_and_diagram
    ),
}


@pytest.mark.parametrize("interrupt", INTERRUPTIONS)
@pytest.mark.parametrize("writer", list(WRITERS.values()), ids=list(WRITERS))
def test_an_interrupted_write_leaves_the_older_file_and_no_temporary_file(
    here: Path, monkeypatch: pytest.MonkeyPatch, writer: Writer, interrupt: Interruption
) -> None:
    writer.prepare(here)
    before = workspace(here)
    hits: Hits = []
    interrupt(monkeypatch, hits)
    result = cjm(*writer.args)
    assert hits, "the write was never interrupted"
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert workspace(here) == before


def test_the_interrupted_fmt_had_something_to_write(here: Path) -> None:
    """The fmt case above is not vacuous: the map is not in the canonical layout."""
    assert cjm("fmt", "--check").exit_code == 1


def test_the_interrupted_migrate_had_something_to_write(here: Path) -> None:
    """The migrate case above is not vacuous: the files are in the 0.x format."""
    assert cjm("migrate", "--check").exit_code == 1


SCAFFOLDERS = {
    "init": ["init", "fresh"],
    "new-map": ["new", "map", "--id", "second"],
}


@pytest.mark.parametrize(
    "interrupt",
    [
        pytest.param(ctrl_c_at_the_link, id="ctrl-c-at-the-link"),
        pytest.param(io_error_at_the_flush, id="io-error-at-the-flush"),
    ],
)
@pytest.mark.parametrize("args", list(SCAFFOLDERS.values()), ids=list(SCAFFOLDERS))
def test_an_interrupted_scaffold_creates_nothing(
    here: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], interrupt: Interruption
) -> None:
    before = workspace(here)
    hits: Hits = []
    interrupt(monkeypatch, hits)
    result = cjm(*args)
    assert hits, "the write was never interrupted"
    assert result.exit_code != 0
    assert workspace(here) == before


def fail_at_the_third_file(
    monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> Callable[[], int]:
    """Let ``cjm init`` write two files, then fail as it flushes the third."""
    real_fsync = os.fsync
    calls: list[int] = []

    def fsync(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 3:
            raise error
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    return lambda: len(calls)


def test_init_that_fails_halfway_removes_what_it_created(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = workspace(here)
    flushes = fail_at_the_third_file(monkeypatch, OSError(errno.EIO, os.strerror(errno.EIO)))
    result = cjm("init", "fresh")
    assert flushes() == 3
    assert result.exit_code == 2
    assert workspace(here) == before


def test_init_interrupted_halfway_removes_what_it_created(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = workspace(here)
    flushes = fail_at_the_third_file(monkeypatch, KeyboardInterrupt())
    cjm("init", "fresh")
    assert flushes() == 3
    assert workspace(here) == before


@pytest.mark.parametrize(
    "generate",
    [
        pytest.param(lambda path: reference.main([path]), id="format"),
        pytest.param(lambda path: rule_docs.main([path]), id="rules"),
    ],
)
@pytest.mark.parametrize("interrupt", INTERRUPTIONS)
def test_an_interrupted_reference_page_keeps_the_older_one(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    generate: Callable[[str], int],
    interrupt: Interruption,
) -> None:
    page = write(tmp_path / "docs" / "page.md", "# The older page\n")
    before = workspace(tmp_path)
    hits: Hits = []
    interrupt(monkeypatch, hits)
    with pytest.raises((KeyboardInterrupt, OSError)):
        generate(str(page))
    assert hits
    assert workspace(tmp_path) == before


# -- (b) only fmt and migrate write into source files, and only when asked -------------------


def make_git_repository(root: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "maps"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


READ_ONLY_COMMANDS = [
    pytest.param(["validate"], id="validate"),
    pytest.param(["validate", "--format", "json"], id="validate-json"),
    pytest.param(["validate", "--format", "sarif"], id="validate-sarif"),
    pytest.param(["validate", "--format", "github"], id="validate-github"),
    pytest.param(["validate", "--format", "junit"], id="validate-junit"),
    pytest.param(["validate", "maps/trial.yaml"], id="validate-one-file"),
    pytest.param(["diff", "maps/trial.yaml", "old/trial.yaml"], id="diff-files"),
    pytest.param(["diff", "old", "maps", "--format", "markdown"], id="diff-folders"),
    pytest.param(["diff", "--base", "HEAD", "--format", "json"], id="diff-base"),
    pytest.param(["fmt", "--check"], id="fmt-check"),
    pytest.param(["fmt", "--diff"], id="fmt-diff"),
    pytest.param(["fmt", "--check", "--diff", "maps/trial.yaml"], id="fmt-check-one-file"),
    pytest.param(["migrate", "--check"], id="migrate-check"),
    pytest.param(["migrate", "--diff"], id="migrate-diff"),
    pytest.param(["schema", "--check", "--out", "schemas"], id="schema-check"),
    pytest.param(["rules"], id="rules"),
    pytest.param(["rule", "stale-map"], id="rule"),
    pytest.param(["new", "--list"], id="new-list"),
]


@pytest.fixture
def repository(here: Path) -> Path:
    """The workspace, with an older copy of the map in ``old/``, committed to git."""
    write(here / "old" / "trial.yaml", MAP.replace("emotion: 1", "emotion: -1"))
    make_git_repository(here)
    (here / "maps" / "trial.yaml").write_text(MAP.replace("Sign-up", "Sign up"), encoding="utf-8")
    return here


@pytest.mark.parametrize("args", READ_ONLY_COMMANDS)
def test_reading_commands_write_nothing(repository: Path, args: list[str]) -> None:
    before = workspace(repository)
    result = cjm(*args)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output
    assert workspace(repository) == before


def test_the_cache_left_out_above_is_filled_by_validate(repository: Path) -> None:
    """The comparisons above leave the cache folder out; it is where validate writes."""
    result = cjm("validate")
    assert result.exit_code in (0, 1), result.output
    entries = list((repository / CACHE_FOLDER / ENTRIES).iterdir())
    assert entries
    assert_the_cache_holds_only_entries(repository)


def test_render_in_every_format_writes_only_into_its_output_folder(repository: Path) -> None:
    before = workspace(repository)
    result = cjm("render", "--format", "all", "--view", "all", "--out", "out")
    assert result.exit_code == 0, result.output
    assert workspace(repository, skip=["out"]) == before
    names = sorted(p.name for p in (repository / "out").iterdir())
    site = ["channels.html", "index.html", "kpis.html", "opportunities.html", "pain-points.html"]
    site += ["personas.html", "search.html", "teams.html"]
    assert set(site) <= set(names)  # the workspace site, beside the map's files
    names = [n for n in names if n not in site and not n.startswith(("team-", "persona-"))]
    assert names == [
        "trial-blueprint.dot",
        "trial-blueprint.pdf",
        "trial-blueprint.png",
        "trial-blueprint.svg",
        "trial-emotions.dot",
        "trial-emotions.pdf",
        "trial-emotions.png",
        "trial-emotions.svg",
        "trial-journey.dot",
        "trial-journey.pdf",
        "trial-journey.png",
        "trial-journey.svg",
        "trial-report.html",
        "trial.md",
        "trial.mmd",
    ]


def test_fmt_writes_the_maps_it_is_asked_to_format(here: Path) -> None:
    """The positive control: without --check or --diff, fmt rewrites the map."""
    before = workspace(here)
    result = cjm("fmt")
    assert result.exit_code == 0, result.output
    after = workspace(here)
    assert after["maps/trial.yaml"] != before["maps/trial.yaml"]
    assert {k: v for k, v in after.items() if k != "maps/trial.yaml"} == {
        k: v for k, v in before.items() if k != "maps/trial.yaml"
    }


# -- (c) render output never lands on an input ----------------------------------------------

INPUTS = ["cjm.yaml", "shared/personas.yaml", "maps/trial.yaml"]


def inputs_of(root: Path) -> dict[str, Any]:
    files = workspace(root)
    return {name: files[name] for name in INPUTS}


@pytest.mark.parametrize("out", ["maps", ".", "shared"])
def test_render_into_an_input_folder_leaves_the_inputs_alone(here: Path, out: str) -> None:
    before = inputs_of(here)
    result = cjm("render", "--format", "all", "--view", "all", "--out", out)
    assert result.exit_code == 0, result.output
    assert inputs_of(here) == before
    assert (here / out / "trial-report.html").is_file()


def test_render_refuses_a_target_that_is_an_input(here: Path) -> None:
    """A map kept in a file named like its Markdown report, rendered next to itself."""
    source = here / "maps" / "trial.md"
    (here / "maps" / "trial.yaml").rename(source)
    before = workspace(here)
    result = cjm("render", "maps/trial.md", "--format", "markdown,mermaid", "--out", "maps")
    assert result.exit_code == 1
    assert "maps/trial.md is an input file; choose another --out" in result.output
    assert workspace(here)["maps/trial.md"] == before["maps/trial.md"]
    assert (here / "maps" / "trial.mmd").is_file()


def test_render_refuses_an_index_page_that_is_an_input(here: Path) -> None:
    write(here / "index.html", MAP.replace("id: trial", "id: home"))
    before = workspace(here)
    result = cjm("render", "index.html", "maps", "--format", "html", "--out", ".")
    assert result.exit_code == 1
    assert "index.html is an input file; choose another --out" in result.output
    assert workspace(here)["index.html"] == before["index.html"]


def test_render_never_writes_through_a_symlink_to_an_input(here: Path) -> None:
    (here / "out").mkdir()
    link = here / "out" / "trial-journey.dot"
    link.symlink_to(here / "maps" / "trial.yaml")
    before = workspace(here)
    result = cjm("render", "--format", "dot", "--view", "all", "--out", "out")
    assert result.exit_code == 1
    assert "out/trial-journey.dot is an input file; choose another --out" in result.output
    assert inputs_of(here) == {name: before[name] for name in INPUTS}
    assert link.is_symlink()
    assert (here / "out" / "trial-emotions.dot").is_file()


def test_render_replaces_a_symlink_in_its_folder_instead_of_writing_through_it(
    here: Path,
) -> None:
    notes = write(here / "notes.txt", "kept as it is\n")
    (here / "out").mkdir()
    link = here / "out" / "trial-journey.dot"
    link.symlink_to(notes)
    result = cjm("render", "--format", "dot", "--out", "out")
    assert result.exit_code == 0, result.output
    assert notes.read_text(encoding="utf-8") == "kept as it is\n"
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8").startswith("digraph")


def test_render_replaces_a_looping_symlink_in_its_folder(here: Path) -> None:
    (here / "out").mkdir()
    link = here / "out" / "trial-journey.dot"
    link.symlink_to(link.name)
    result = cjm("render", "--format", "dot", "--out", "out")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8").startswith("digraph")


def test_render_into_a_symlink_to_the_maps_folder_leaves_the_inputs_alone(here: Path) -> None:
    (here / "out").symlink_to(here / "maps", target_is_directory=True)
    before = inputs_of(here)
    result = cjm("render", "--format", "dot,mermaid,markdown,html", "--out", "out")
    assert result.exit_code == 0, result.output
    assert inputs_of(here) == before
    assert (here / "maps" / "trial.mmd").is_file()


def test_render_out_naming_an_input_file_is_a_usage_error(here: Path) -> None:
    before = workspace(here)
    result = cjm("render", "--out", "maps/trial.yaml")
    assert result.exit_code == 2
    assert workspace(here) == before


@pytest.mark.parametrize("output", ["maps/trial.yaml", "cjm.yaml"])
def test_validate_output_never_replaces_an_input(here: Path, output: str) -> None:
    before = workspace(here)
    result = cjm("validate", "--output", output)
    assert result.exit_code == 2
    assert workspace(here) == before


# -- (d) no file replaced without --force ---------------------------------------------------


@pytest.fixture
def diagram(here: Path) -> Path:
    return write(here / "coffee.mmd", DIAGRAM)


def test_import_never_replaces_a_map_without_force(here: Path, diagram: Path) -> None:
    write(here / "maps" / "coffee.yaml", "# mine\n")
    before = workspace(here)
    result = cjm("import", "mermaid", "coffee.mmd", "--out", "maps/coffee.yaml")
    assert result.exit_code == 2
    assert "maps/coffee.yaml already exists; pass --force to replace it" in result.output
    assert workspace(here) == before


def test_import_replaces_a_map_with_force(here: Path, diagram: Path) -> None:
    target = write(here / "maps" / "coffee.yaml", "# mine\n")
    result = cjm("import", "mermaid", "coffee.mmd", "--out", "maps/coffee.yaml", "--force")
    assert result.exit_code == 0, result.output
    assert "Queues at the counter" in target.read_text(encoding="utf-8")


def test_import_never_writes_over_its_own_source_even_with_force(here: Path, diagram: Path) -> None:
    before = workspace(here)
    result = cjm("import", "mermaid", "coffee.mmd", "--out", "coffee.mmd", "--force")
    assert result.exit_code == 2
    assert workspace(here) == before


def test_import_never_replaces_a_map_reached_through_a_symlink(here: Path, diagram: Path) -> None:
    (here / "link.yaml").symlink_to(here / "maps" / "trial.yaml")
    before = workspace(here)
    result = cjm("import", "mermaid", "coffee.mmd", "--out", "link.yaml")
    assert result.exit_code == 2
    assert workspace(here) == before


def test_import_never_replaces_a_dangling_symlink_without_force(here: Path, diagram: Path) -> None:
    # In a workspace the map goes to its maps folder, where `cjm new map` puts maps.
    (here / "maps" / "coffee-to-go.yaml").symlink_to("not-yet.yaml")
    before = workspace(here)
    result = cjm("import", "mermaid", "coffee.mmd")
    assert result.exit_code == 2
    assert workspace(here) == before


@pytest.mark.parametrize(
    "existing",
    [
        pytest.param("# my notes, not a map\n", id="not-a-map"),
        pytest.param(MAP.replace("id: trial", "id: second"), id="a-map-with-that-id"),
    ],
)
def test_new_map_never_replaces_a_file(here: Path, existing: str) -> None:
    write(here / "maps" / "second.yaml", existing)
    before = workspace(here)
    result = cjm("new", "map", "--id", "second")
    assert result.exit_code == 2
    assert "maps/second.yaml" in result.output
    assert workspace(here) == before


def test_init_never_touches_an_existing_workspace(here: Path) -> None:
    before = workspace(here)
    result = cjm("init", ".")
    assert result.exit_code == 2
    assert workspace(here) == before


def test_init_stops_at_an_existing_ci_file_without_force(tmp_path: Path) -> None:
    hook = write(tmp_path / "fresh" / ".pre-commit-config.yaml", "repos: []\n")
    before = workspace(tmp_path)
    result = cjm("init", str(tmp_path / "fresh"))
    assert result.exit_code == 2
    assert workspace(tmp_path) == before
    assert hook.read_text(encoding="utf-8") == "repos: []\n"


def test_init_with_force_keeps_an_existing_ci_file(tmp_path: Path) -> None:
    hook = write(tmp_path / "fresh" / ".pre-commit-config.yaml", "repos: []\n")
    before = workspace(tmp_path)
    result = cjm("init", str(tmp_path / "fresh"), "--force")
    assert result.exit_code == 0, result.output
    hook_name = "fresh/.pre-commit-config.yaml"
    assert workspace(tmp_path)[hook_name] == before[hook_name]
    assert (tmp_path / "fresh" / "cjm.yaml").is_file()
    assert hook.read_text(encoding="utf-8") == "repos: []\n"
