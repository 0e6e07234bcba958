"""``cjm init`` and ``cjm new map``: a workspace or a map from a template, and what to do
next."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from cjm import __version__
from cjm.commands.output import error, note, shown_path, stdout
from cjm.load.workspace import find_workspace_root
from cjm.scaffold import (
    ScaffoldError,
    check_map_id,
    ci_files,
    default_map_folder,
    index_workspace,
    init_workspace,
    list_templates,
    load_map_template,
    new_map,
    slugify,
)

EXIT_OK, EXIT_USAGE = 0, 2
DEFAULT_TEMPLATE = "current-state"
CI_GUIDE = "docs/ci-and-review.md in the cjm repository"


def default_name(folder: Path) -> str:
    """A workspace name from its folder: ``acme-journeys`` -> ``Acme journeys``."""
    words = folder.absolute().name.replace("-", " ").replace("_", " ").strip()
    return (words[:1].upper() + words[1:]) if words else "Customer journeys"


def run_init(
    folder: Path,
    *,
    name: str | None,
    template: str,
    force: bool,
    today: datetime.date | None = None,
) -> int:
    """Create a workspace in ``folder``; ``force`` keeps existing CI files instead of
    stopping. Nothing is ever overwritten."""
    outer = find_workspace_root(folder.absolute().parent)
    kept = [path for path in ci_files(folder) if path.exists()] if force else []
    try:
        created = init_workspace(
            folder,
            name=name or default_name(folder),
            template=template,
            today=today or datetime.date.today(),
            keep_existing_ci=force,
        )
    except ScaffoldError as problem:
        error(str(problem))
        return EXIT_USAGE
    except OSError as problem:
        error(f"cannot create the workspace in {shown_path(folder)}: {problem.strerror or problem}")
        return EXIT_USAGE
    console = stdout()
    where = shown_path(folder)
    console.print(f"Created a cjm workspace in {where} from the {template} template:", markup=False)
    for path in created:
        console.print(f"  {shown_path(path)}", markup=False)
    for path in kept:
        note(f"kept {shown_path(path)} as it is: add cjm to it by hand (see {CI_GUIDE})")
    if outer is not None:
        note(
            f"{where} is inside the workspace at {shown_path(outer)}; commands run in {where} "
            "use the new workspace"
        )
    first = "cjm validate" if folder.absolute() == Path.cwd() else f"cd {where} && cjm validate"
    console.print(
        "\nNext:\n"
        f"  {first}\n"
        "  Replace the example content, starting with shared/personas.yaml, then the map.\n"
        "  `cjm new map --template NAME` adds a map; `cjm new --list` shows the templates.\n"
        "  Commit .pre-commit-config.yaml and .github/workflows/journeys.yml to check maps "
        f"on every commit and pull request (both install cjm-cli=={__version__} from PyPI).",
        markup=False,
    )
    return EXIT_OK


def run_new_map(
    *,
    template: str,
    map_id: str | None,
    title: str | None,
    folder: Path | None,
    today: datetime.date | None = None,
) -> int:
    """Create a map from ``template`` in ``folder``; by default in the first `maps`
    folder of the workspace around the current folder."""
    try:
        info = load_map_template(template).info
        title = title if title is not None else info.title
        if map_id is None:
            map_id = info.map_id if title == info.title else slugify(title)
            if not map_id:
                error(f"cannot make a map id from the title {title!r}: pass one with --id")
                return EXIT_USAGE
        check_map_id(map_id)
        root = find_workspace_root(folder if folder is not None else Path.cwd())
        index = index_workspace(root) if root is not None else None
        if folder is None:
            folder = default_map_folder(index) if index is not None else Path.cwd()
        path = new_map(
            folder,
            template=template,
            map_id=map_id,
            title=title,
            today=today or datetime.date.today(),
        )
    except ScaffoldError as problem:
        error(str(problem))
        return EXIT_USAGE
    except OSError as problem:
        error(f"cannot create the map: {problem.strerror or problem}")
        return EXIT_USAGE
    shown = shown_path(path)
    stdout().print(f"Created {shown} from the {template} template.", markup=False)
    if index is None:
        note("no cjm.yaml found: the map defines everything it uses and is checked on its own")
    elif not _in_patterns(path, index.root, index.map_patterns):
        config = shown_path(index.root / "cjm.yaml")
        note(
            f"{shown} matches none of the `maps` patterns of {config}: "
            "`cjm validate` checks it only when you name it"
        )
    stdout().print(
        f"\nNext:\n  Replace the example content, then run `cjm validate {shown}`.",
        markup=False,
    )
    return EXIT_OK


def _in_patterns(path: Path, root: Path, patterns: list[str]) -> bool:
    from cjm.load.workspace import matches

    relative = Path(os.path.relpath(path.resolve(), root)).as_posix()
    return not relative.startswith("../") and matches(relative, patterns)


def run_list_templates() -> int:
    """Print every map template: name, map type and what it is for."""
    try:
        infos = list_templates()
    except ScaffoldError as problem:
        error(str(problem))
        return EXIT_USAGE
    rows = [("template", "type", "what it holds")]
    rows += [(info.name, info.map_type, info.summary) for info in infos]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    console = stdout()
    for row in rows:
        console.print(
            f"{row[0].ljust(widths[0])}  {row[1].ljust(widths[1])}  {row[2]}", markup=False
        )
    console.print(
        "\n`cjm new map --template NAME` adds a map; `cjm init --template NAME` starts a "
        "workspace with it.",
        markup=False,
    )
    return EXIT_OK
