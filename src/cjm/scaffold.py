"""New workspaces and new maps from the templates that ship with cjm.

Templates are plain files in the repository's top-level ``templates/`` folder, which the
wheel carries as ``cjm/templates``:

- ``templates/maps/NAME.yaml``: one journey map per template (``cjm new map --template``).
- ``templates/workspace/``: the other files of a new workspace (``cjm init``).

**Placeholders** are ``{{ name }}`` and are filled by plain string replacement, nothing
else: no loops, no conditions. GitHub expressions (``${{ github.sha }}``) are left as they
are. Map templates use ``{{ map_id }}``, ``{{ title }}``, ``{{ today }}`` and
``{{ schema }}``; a line holding only ``{{ teams }}`` (or personas, touchpoints,
evidence) in a workspace file receives the definitions of the first map. Lines starting
with ``#:`` at the top of a map template describe it (title, id, summary) and are not
written out.

**Definitions.** A map template stands on its own: it defines every persona, team,
touchpoint and evidence entry it uses, in its ``personas``, ``teams``, ``touchpoints`` and
``evidence`` sections, one list item per entity starting with ``  - id: ...``. What
happens to them depends on where the map goes:

- ``cjm init`` moves them all to the new workspace's shared files (teams to ``cjm.yaml``,
  the rest to ``shared/``), and the map refers to them by id.
- ``cjm new map`` inside a workspace leaves out every definition whose id the workspace
  already shares (the map uses the shared one) and keeps the others in the map, where
  they exist for that map only. Outside a workspace the map keeps them all.

So a new map validates in the workspace it is made in, however many maps the same
template already made there. Templates that define the same id define it identically.

Nothing here prints or overwrites a file: every function either writes only new files or
raises a :class:`ScaffoldError` and writes nothing.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from cjm import __version__
from cjm.load.workspace import CONFIG_NAME, find_workspace_root
from cjm.model.base import FORMAT_VERSION, SLUG_MAX_LENGTH, SLUG_PATTERN
from cjm.writing import write_text_atomic

# The CI files that `cjm init` writes install cjm from the package index, by its
# distribution name (cjm-cli) and the version that wrote them, so they need nothing else.
# The GitHub repository that is to publish cjm's composite GitHub Action (action.yml) and
# its pre-commit hooks (.pre-commit-hooks.yaml): the one place that names it. The guide
# (docs/ci-and-review.md) and the hooks manifest refer to it; a test keeps them in step.
CJM_GITHUB_REPOSITORY = "cjm-cli/cjm"

MAPS_FOLDER = "maps"
SCHEMAS_FOLDER = "schemas"

# Section key of a map -> the kind of entity its items define.
SECTION_KINDS = {
    "personas": "persona",
    "teams": "team",
    "touchpoints": "touchpoint",
    "evidence": "evidence",
}
KINDS = tuple(SECTION_KINDS.values())


class ScaffoldError(Exception):
    """A workspace or map cannot be created as asked (a usage error, exit code 2)."""


class UnknownTemplateError(ScaffoldError):
    """No template has the name asked for."""

    def __init__(self, name: str, available: Iterable[str]) -> None:
        self.name = name
        self.available = sorted(available)
        super().__init__(f"unknown template '{name}': choose one of {', '.join(self.available)}")


class InvalidNameError(ScaffoldError):
    """A map id, title or workspace name that cannot be used."""


class FileConflictError(ScaffoldError):
    """Files that would be written already exist; cjm never overwrites a file."""

    def __init__(self, paths: Iterable[Path], advice: str = "") -> None:
        self.paths = list(paths)
        listed = ", ".join(str(path) for path in self.paths)
        super().__init__(f"already exists, not overwritten: {listed}{advice}")


class TemplateError(ScaffoldError):
    """A template file is malformed: a bug in cjm's templates, not in the user's input."""


# -- where the templates are ---------------------------------------------------------------


def templates_folder() -> Path:
    """The folder holding ``maps/`` and ``workspace/``: ``cjm/templates`` inside an
    installed package, else the top-level ``templates/`` of a source checkout (an
    editable install)."""
    packaged = resources.files("cjm") / "templates"
    if isinstance(packaged, Path) and (packaged / "maps").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if (checkout / "maps").is_dir():
        return checkout
    raise TemplateError(
        "cjm's templates are missing from this installation "
        f"(looked in {packaged} and {checkout}); reinstall cjm"
    )


# -- reading map templates -----------------------------------------------------------------

_META = re.compile(r"^#: (?P<key>[a-z_]+): (?P<value>.+?)\s*$")
_SECTION = re.compile(r"^(?P<key>[a-z_]+):\s*$")
_ITEM = re.compile(r"^  - (?:\{ ?)?id: (?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)(?=[\s,}]|$)")
_ITEM_LEAD = re.compile(r"^  #|^\s*$")
_PLACEHOLDER = re.compile(r"(?<!\$)\{\{ ?(?P<name>[a-z_]+) ?\}\}")
_BLOCK_PLACEHOLDER = re.compile(r"^\{\{ ?(?P<name>[a-z_]+) ?\}\}\n", re.MULTILINE)
_MAP_TYPE = re.compile(r"^type: (?P<type>[a-z-]+)\s*$", re.MULTILINE)


@dataclass
class _Item:
    """One definition of a map template: its id and its lines, comments above included."""

    id: str
    lines: list[str]

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass
class _Section:
    """A ``personas``/``teams``/``touchpoints``/``evidence`` section of a map template."""

    key: str
    header: list[str]  # the comment lines just above the key, and the key line
    items: list[_Item]
    trailer: list[str] = field(default_factory=list)  # comments after the last item

    @property
    def kind(self) -> str:
        return SECTION_KINDS[self.key]


@dataclass(frozen=True)
class TemplateInfo:
    """What ``cjm new --list`` shows about a map template."""

    name: str
    map_type: str
    title: str
    map_id: str
    summary: str


@dataclass
class MapTemplate:
    """A parsed map template: its description, and its text cut into plain lines and
    definition sections."""

    info: TemplateInfo
    parts: list[str | _Section]

    def definitions(self) -> dict[str, list[_Item]]:
        """Kind -> the items this template defines, in order."""
        found: dict[str, list[_Item]] = {kind: [] for kind in KINDS}
        for part in self.parts:
            if isinstance(part, _Section):
                found[part.kind].extend(part.items)
        return found

    def render_text(self, shared: Mapping[str, set[str]]) -> str:
        """The map's text (placeholders not yet filled) with the definitions whose id
        ``shared`` holds left out: personas become references by id."""
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            else:
                out.extend(_render_section(part, shared.get(part.kind, set())))
        return "".join(out)


def _render_section(section: _Section, shared: set[str]) -> list[str]:
    kept = [item for item in section.items if item.id not in shared]
    if section.key == "personas":
        if not kept:
            ids = ", ".join(item.id for item in section.items)
            return [*section.header[:-1], f"personas: [{ids}]\n"]
        lines = list(section.header)
        for item in section.items:
            lines.extend(item.lines if item in kept else [f"  - {item.id}\n"])
        return [*lines, *section.trailer]
    if not kept:
        return []
    return [*section.header, *(line for item in kept for line in item.lines), *section.trailer]


def _split_items(name: str, key: str, body: list[str], first_line: int) -> _Section:
    items: list[_Item] = []
    lead: list[str] = []
    for offset, line in enumerate(body):
        match = _ITEM.match(line)
        if match:
            items.append(_Item(match["id"], [*lead, line]))
            lead = []
        elif _ITEM_LEAD.match(line):
            lead.append(line)
        elif items and line.startswith("    "):
            items[-1].lines.extend([*lead, line])
            lead = []
        else:
            raise TemplateError(
                f"template '{name}', line {first_line + offset}: every item of `{key}` "
                "must start with `  - id: ...`"
            )
    return _Section(key, [], items, lead)


def parse_map_template(name: str, text: str) -> MapTemplate:
    """Cut ``text`` into plain lines and definition sections, and read its ``#:`` lines."""
    lines = text.splitlines(keepends=True)
    meta: dict[str, str] = {}
    while lines and (found := _META.match(lines[0])):
        meta[found["key"]] = found["value"]
        lines.pop(0)
    missing = {"title", "id", "summary"} - meta.keys()
    map_type = _MAP_TYPE.search(text)
    if missing or map_type is None:
        raise TemplateError(f"template '{name}' lacks {sorted(missing) or ['type:']}")
    info = TemplateInfo(name, map_type["type"], meta["title"], meta["id"], meta["summary"])

    parts: list[str | _Section] = []
    pending: list[str] = []  # comment lines at column 0 that may lead a section
    index = 0
    while index < len(lines):
        line = lines[index]
        section = _SECTION.match(line)
        if section and section["key"] in SECTION_KINDS:
            start = index + 1
            index = start
            while index < len(lines) and (lines[index].startswith(" ") or not lines[index].strip()):
                index += 1
            body = lines[start:index]
            trailing: list[str] = []
            while body and not body[-1].strip():
                trailing.insert(0, body.pop())
            parsed = _split_items(name, section["key"], body, start + 1 + len(meta))
            parsed.header = [*pending, line]
            pending = []
            parts.append(parsed)
            parts.extend(trailing)
            continue
        if line.startswith("#"):
            pending.append(line)
        else:
            parts.extend(pending)
            pending = []
            parts.append(line)
        index += 1
    parts.extend(pending)
    return MapTemplate(info, parts)


def _map_templates_folder() -> Path:
    return templates_folder() / "maps"


def template_names() -> list[str]:
    """The names of the map templates, sorted."""
    return sorted(path.stem for path in _map_templates_folder().glob("*.yaml"))


def load_map_template(name: str) -> MapTemplate:
    """The map template called ``name``; :class:`UnknownTemplateError` if there is none."""
    names = template_names()
    if name not in names:
        raise UnknownTemplateError(name, names)
    path = _map_templates_folder() / f"{name}.yaml"
    return parse_map_template(name, path.read_text(encoding="utf-8"))


def list_templates() -> list[TemplateInfo]:
    """What every map template is for, sorted by name."""
    return [load_map_template(name).info for name in template_names()]


# -- filling placeholders --------------------------------------------------------------------

# A plain YAML scalar that no YAML 1.2 reader takes for anything but this text.
_PLAIN_SCALAR = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'()&/+-]*")
_YAML_WORDS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})


def yaml_scalar(text: str) -> str:
    """``text`` written as a YAML scalar: as it is when that is safe, else double-quoted."""
    if _PLAIN_SCALAR.fullmatch(text) and not text.endswith(" ") and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def fill(text: str, values: Mapping[str, str], source: str) -> str:
    """Replace every ``{{ name }}`` of ``text``; a line that holds only a placeholder
    takes a block of lines. Unknown names are a :class:`TemplateError`."""

    def value(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in values:
            raise TemplateError(f"{source}: no value for placeholder {{{{ {name} }}}}")
        return values[name]

    text = _BLOCK_PLACEHOLDER.sub(lambda m: value(m).rstrip("\n") + "\n", text)
    text = _PLACEHOLDER.sub(value, text)
    return _tidy(text)


def _tidy(text: str) -> str:
    """At most one blank line in a row (a left-out definition leaves its blank line
    behind), no blank line at the start and exactly one newline at the end."""
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


# -- ids and names ---------------------------------------------------------------------------


def slugify(text: str) -> str:
    """A map id made from ``text``: ``Checkout, mobile`` -> ``checkout-mobile``."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:SLUG_MAX_LENGTH].rstrip("-")


def check_map_id(map_id: str) -> None:
    """Raise :class:`InvalidNameError` unless ``map_id`` is a valid id (a slug)."""
    if re.fullmatch(SLUG_PATTERN, map_id) and len(map_id) <= SLUG_MAX_LENGTH:
        return
    suggestion = slugify(map_id)
    hint = f"; did you mean '{suggestion}'?" if suggestion else ""
    raise InvalidNameError(
        f"'{map_id}' is not a valid map id: use lowercase letters, digits and single "
        f"hyphens, at most {SLUG_MAX_LENGTH} characters{hint}"
    )


def _check_text(what: str, text: str) -> str:
    stripped = text.strip()
    if not stripped or any(ord(char) < 32 for char in stripped):
        raise InvalidNameError(f"the {what} must be one line of text, not {text!r}")
    return stripped


# -- writing files ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedFile:
    """A file to create and its text."""

    path: Path
    text: str
    # Whether the file configures CI (a workflow, pre-commit): `cjm init --force` keeps
    # such a file when it exists instead of stopping.
    ci: bool = False


def _write_new(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, failing if ``path`` exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, text, overwrite=False)


def write_files(planned: list[PlannedFile]) -> list[Path]:
    """Create every planned file, or none: files created before a failure are removed."""
    conflicts = [entry.path for entry in planned if entry.path.exists()]
    if conflicts:
        raise FileConflictError(conflicts)
    created: list[Path] = []
    try:
        for entry in planned:
            _write_new(entry.path, entry.text)
            created.append(entry.path)
    except FileExistsError as clash:
        _remove(created)
        raise FileConflictError([Path(str(clash.filename))]) from None
    except BaseException:
        _remove(created)
        raise
    return created


def _remove(paths: list[Path]) -> None:
    for path in reversed(paths):
        path.unlink(missing_ok=True)


# -- the workspace around a folder -----------------------------------------------------------


def find_repository(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` with a ``.git`` entry (a folder, or a file
    in worktrees and submodules)."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


@dataclass
class WorkspaceIndex:
    """What a new map must know about the workspace it joins."""

    root: Path
    shared: dict[str, set[str]]  # kind -> ids defined in cjm.yaml and shared files
    maps: dict[str, str]  # map id -> the file (relative to root) that defines it
    map_patterns: list[str]
    persona_names: dict[str, str] = field(default_factory=dict)  # shared persona id -> name


def index_workspace(root: Path) -> WorkspaceIndex:
    """Read the workspace at ``root``: its shared ids, its maps and its map patterns.
    Files that do not load contribute nothing; `cjm validate` reports them."""
    from cjm.load.project import load_workspace
    from cjm.model.workspace import DEFAULT_MAP_PATTERNS

    project = load_workspace(root, root)
    shared: dict[str, set[str]] = {kind: set() for kind in KINDS}
    patterns = list(DEFAULT_MAP_PATTERNS)
    config = project.config.model if project.config is not None else None
    if config is not None:
        shared["team"].update(team.id for team in config.teams)
        patterns = list(config.maps)
    names: dict[str, str] = {}
    for document in project.definitions:
        if document.model is not None:
            for key, kind in SECTION_KINDS.items():
                shared[kind].update(entity.id for entity in getattr(document.model, key))
            names.update((persona.id, persona.name) for persona in document.model.personas)
    maps = {
        document.model.id: document.display
        for document in project.maps
        if document.model is not None
    }
    return WorkspaceIndex(root, shared, maps, patterns, names)


def default_map_folder(index: WorkspaceIndex) -> Path:
    """Where new maps go: the fixed part of the first ``maps`` pattern (``maps`` for
    ``maps/**/*.yaml``), inside the workspace."""
    fixed: list[str] = []
    for part in (
        index.map_patterns[0].replace("\\", "/").split("/")[:-1] if index.map_patterns else []
    ):
        if any(char in part for char in "*?["):
            break
        if part not in ("", "."):
            fixed.append(part)
    return index.root.joinpath(*fixed)


# -- rendering maps --------------------------------------------------------------------------


def _schema_reference(target: Path, schemas: Path, name: str) -> str | None:
    """The path from ``target``'s folder to the schema file ``name`` in ``schemas``, or
    None when that file does not exist."""
    schema = schemas / name
    if not schema.is_file():
        return None
    return Path(os.path.relpath(schema.resolve(), target.parent.resolve())).as_posix()


def _schema_line(text: str, schema: str | None) -> tuple[str, dict[str, str]]:
    """Drop the ``$schema`` line when there is no schema to point at."""
    if schema is not None:
        return text, {"schema": schema}
    kept = [line for line in text.splitlines(keepends=True) if "{{ schema }}" not in line]
    return "".join(kept), {}


def render_map(
    template: MapTemplate,
    *,
    map_id: str,
    title: str,
    today: datetime.date,
    shared: Mapping[str, set[str]],
    schema: str | None,
) -> str:
    """The text of a map made from ``template``, leaving out the definitions ``shared``
    holds. ``schema`` is the path of ``map.schema.json`` from the map's folder."""
    text, values = _schema_line(template.render_text(shared), schema)
    values.update(map_id=map_id, title=yaml_scalar(title), today=today.isoformat())
    return fill(text, values, f"template '{template.info.name}'")


def map_schema_reference(target: Path, root: Path) -> str | None:
    """The path from ``target``'s folder to the map schema of the workspace at ``root``:
    ``schemas/<version>/map.schema.json``, else (a workspace made before schemas had a
    folder per version) ``schemas/map.schema.json``; None when it has neither."""
    schemas = root / SCHEMAS_FOLDER
    return _schema_reference(target, schemas / FORMAT_VERSION, "map.schema.json") or (
        _schema_reference(target, schemas, "map.schema.json")
    )


def map_path_in(folder: Path, map_id: str, index: WorkspaceIndex | None) -> Path:
    """``folder/<map_id>.yaml``, or ``.yml`` when only that matches the map patterns."""
    from cjm.load.workspace import matches

    path = folder / f"{map_id}.yaml"
    if index is None:
        return path
    for candidate in (path, path.with_suffix(".yml")):
        try:
            relative = candidate.resolve().relative_to(index.root).as_posix()
        except ValueError:
            return path
        if matches(relative, index.map_patterns):
            return candidate
    return path


def new_map(folder: Path, *, template: str, map_id: str, title: str, today: datetime.date) -> Path:
    """Create ``folder/<map_id>.yaml`` from the map template ``template`` and return it.

    Inside a workspace, the definitions the workspace already shares are used rather than
    repeated. Raises :class:`ScaffoldError` (and writes nothing) for an unknown template,
    an invalid id, a map id the workspace already has, or a file that exists.
    """
    parsed = load_map_template(template)
    check_map_id(map_id)
    title = _check_text("title", title)
    root = find_workspace_root(folder)
    index = index_workspace(root) if root is not None else None
    if index is not None and map_id in index.maps:
        raise InvalidNameError(
            f"the workspace already has a map with id '{map_id}' "
            f"({index.maps[map_id]}); choose another id"
        )
    path = map_path_in(folder, map_id, index)
    schema = map_schema_reference(path, root) if root is not None else None
    text = render_map(
        parsed,
        map_id=map_id,
        title=title,
        today=today,
        shared=index.shared if index is not None else {},
        schema=schema,
    )
    write_files([PlannedFile(path, text)])
    return path


# -- new workspaces --------------------------------------------------------------------------

WORKSPACE = "workspace"
REPOSITORY = "repository"

# Template file under templates/workspace/ -> (where it goes, relative to what, the kind of
# entity it holds). A definitions file is written only when the first map defines
# something of its kind.
WORKSPACE_FILES: tuple[tuple[str, str, str, str | None], ...] = (
    ("cjm.yaml", "cjm.yaml", WORKSPACE, None),
    ("shared/personas.yaml", "shared/personas.yaml", WORKSPACE, "persona"),
    ("shared/touchpoints.yaml", "shared/touchpoints.yaml", WORKSPACE, "touchpoint"),
    ("shared/research.yaml", "shared/research.yaml", WORKSPACE, "evidence"),
    (".github/workflows/journeys.yml", ".github/workflows/journeys.yml", REPOSITORY, None),
    (".pre-commit-config.yaml", ".pre-commit-config.yaml", REPOSITORY, None),
)
# What `maps` and `definitions` in templates/workspace/cjm.yaml match, as a regular
# expression for pre-commit's `files:` (relative to the workspace). A test keeps the two
# in step.
WORKSPACE_FILES_PATTERN = r"(cjm\.yaml|maps/.+\.yaml|shared/[^/]+\.yaml)"


def _single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def ci_values(workspace: Path, repository: Path) -> dict[str, str]:
    """Placeholders of the CI files: where the workspace is, seen from the repository."""
    relative = Path(os.path.relpath(workspace.resolve(), repository.resolve())).as_posix()
    prefix = "" if relative == "." else f"{re.escape(relative)}/"
    return {
        "workspace": '"."' if relative == "." else yaml_scalar(relative),
        "files": _single_quoted(f"^{prefix}{WORKSPACE_FILES_PATTERN}$"),
        "version": __version__,
    }


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


def ci_files(folder: Path) -> list[Path]:
    """Where ``cjm init`` puts the CI files for a workspace in ``folder``."""
    repository = find_repository(folder) or folder.absolute()
    return [
        repository / destination
        for _, destination, base, _ in WORKSPACE_FILES
        if base == REPOSITORY
    ]


def plan_workspace(
    folder: Path, *, name: str, template: str, today: datetime.date
) -> list[PlannedFile]:
    """Every file ``cjm init`` would create, with its text, in the order to write them.
    Nothing is written."""
    from cjm.schema import generate

    parsed = load_map_template(template)
    name = _check_text("workspace name", name)
    folder = folder.absolute()
    repository = find_repository(folder) or folder
    schemas = folder / SCHEMAS_FOLDER / FORMAT_VERSION
    definitions = parsed.definitions()
    values = {
        "name": yaml_scalar(name),
        **{
            key: "".join(item.text for item in definitions[kind])
            for key, kind in SECTION_KINDS.items()
        },
        **ci_values(folder, repository),
    }
    planned: list[PlannedFile] = []
    source = templates_folder() / "workspace"
    for template_file, destination, base, kind in WORKSPACE_FILES:
        if kind is not None and not definitions[kind]:
            continue
        target = (folder if base == WORKSPACE else repository) / destination
        schema = "workspace" if destination == CONFIG_NAME else "definitions"
        text = (source / template_file).read_text(encoding="utf-8")
        file_values = {
            **values,
            "schema": _relative(schemas / f"{schema}.schema.json", target.parent),
        }
        planned.append(
            PlannedFile(target, fill(text, file_values, template_file), base == REPOSITORY)
        )
    first_map = folder / MAPS_FOLDER / f"{parsed.info.map_id}.yaml"
    map_text = render_map(
        parsed,
        map_id=parsed.info.map_id,
        title=parsed.info.title,
        today=today,
        shared={kind: {item.id for item in items} for kind, items in definitions.items()},
        schema=_relative(schemas / "map.schema.json", first_map.parent),
    )
    planned.append(PlannedFile(first_map, map_text))
    planned.extend(PlannedFile(schemas / file, text) for file, text in generate().items())
    # cjm.yaml, the shared files, the map and the schemas first; the CI files last.
    return sorted(planned, key=lambda entry: entry.ci)


def init_workspace(
    folder: Path,
    *,
    name: str,
    template: str,
    today: datetime.date,
    keep_existing_ci: bool = False,
) -> list[Path]:
    """Create a workspace in ``folder`` whose first map comes from ``template``; return
    the files created.

    The workflow and the pre-commit configuration go to the root of the git repository
    that holds ``folder`` (``folder`` itself outside any repository), since that is the
    only place where GitHub and pre-commit read them. Raises :class:`ScaffoldError` and
    writes nothing when ``folder`` already is a workspace or a file exists; with
    ``keep_existing_ci``, existing CI files are kept as they are and the rest is created.
    """
    if (folder / CONFIG_NAME).exists():
        raise FileConflictError(
            [folder / CONFIG_NAME],
            f"; {folder} already is a cjm workspace: add maps with `cjm new map`",
        )
    planned = plan_workspace(folder, name=name, template=template, today=today)
    existing = [entry for entry in planned if entry.path.exists()]
    blocking = [entry.path for entry in existing if not (entry.ci and keep_existing_ci)]
    if blocking:
        advice = ""
        if all(entry.ci for entry in existing):
            advice = "; keep them and create the rest with --force"
        raise FileConflictError(blocking, advice)
    return write_files([entry for entry in planned if not entry.path.exists()])
