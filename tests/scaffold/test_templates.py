"""Every template makes a map that validates clean, wherever it is made.

The workspace comes from `init_workspace`; maps from `new_map`, in that workspace, next to
maps from the same template, and outside any workspace. "Clean" means no error and no
warning: infos are allowed.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from cjm.check import CheckResult, check_paths
from cjm.cli import app
from cjm.diagnostics import Severity
from cjm.load.workspace import matches
from cjm.model import MapType
from cjm.scaffold import (
    WORKSPACE_FILES_PATTERN,
    FileConflictError,
    InvalidNameError,
    ScaffoldError,
    TemplateError,
    UnknownTemplateError,
    fill,
    init_workspace,
    list_templates,
    load_map_template,
    new_map,
    parse_map_template,
    slugify,
    template_names,
    templates_folder,
    yaml_scalar,
)
from tests.samples import PLAIN_ENV

TODAY = datetime.date(2026, 11, 23)
TEMPLATES = [
    "b2b-saas",
    "b2c-service",
    "current-state",
    "day-in-the-life",
    "e-commerce",
    "future-state",
    "service-blueprint",
]


def serious(result: CheckResult) -> list[str]:
    """Errors and warnings, one line each, for a readable assertion message."""
    return [
        f"{d.path}:{d.line}:{d.column}: {d.code.code} {d.message}"
        for d in result.diagnostics
        if d.severity is not Severity.INFO
    ]


def check(folder: Path) -> CheckResult:
    return check_paths([folder], folder, today=TODAY)


def test_the_seven_templates_ship() -> None:
    assert template_names() == TEMPLATES


def test_every_map_type_has_a_template() -> None:
    types = {info.map_type for info in list_templates()}
    assert types == {map_type.value for map_type in MapType}


@pytest.mark.parametrize("template", TEMPLATES)
def test_init_workspace_validates_clean(tmp_path: Path, template: str) -> None:
    workspace = tmp_path / "journeys"
    init_workspace(workspace, name="Acme journeys", template=template, today=TODAY)
    result = check(workspace)
    assert serious(result) == []
    assert not result.failed
    info = load_map_template(template).info
    assert f"maps/{info.map_id}.yaml" in result.files


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("first", TEMPLATES)
def test_new_map_validates_in_an_init_workspace(tmp_path: Path, first: str, template: str) -> None:
    init_workspace(tmp_path, name="Acme", template=first, today=TODAY)
    made = new_map(
        tmp_path / "maps", template=template, map_id="added", title="Added map", today=TODAY
    )
    assert made == tmp_path / "maps" / "added.yaml"
    assert serious(check(tmp_path)) == []


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_template_can_make_several_maps(tmp_path: Path, template: str) -> None:
    init_workspace(tmp_path, name="Acme", template="b2b-saas", today=TODAY)
    for number in (1, 2):
        new_map(
            tmp_path / "maps", template=template, map_id=f"map-{number}", title="T", today=TODAY
        )
    assert serious(check(tmp_path)) == []


@pytest.mark.parametrize("template", TEMPLATES)
def test_new_map_outside_a_workspace_stands_alone(tmp_path: Path, template: str) -> None:
    made = new_map(tmp_path, template=template, map_id="alone", title="Alone", today=TODAY)
    text = made.read_text(encoding="utf-8")
    assert "$schema" not in text  # no schema to point at
    assert serious(check(made)) == []


@pytest.mark.parametrize("template", TEMPLATES)
def test_rendered_map_fills_every_placeholder(tmp_path: Path, template: str) -> None:
    made = new_map(
        tmp_path, template=template, map_id="my-map", title='Checkout: "mobile" #2', today=TODAY
    )
    text = made.read_text(encoding="utf-8")
    assert "{{" not in text
    assert "#:" not in text
    assert "\nid: my-map\n" in text
    assert '\ntitle: "Checkout: \\"mobile\\" #2"\n' in text
    assert "\nreviewed: 2026-11-23\n" in text


def test_init_map_refers_to_shared_definitions(tmp_path: Path) -> None:
    init_workspace(tmp_path, name="Acme", template="b2b-saas", today=TODAY)
    text = (tmp_path / "maps" / "trial-to-team-plan.yaml").read_text(encoding="utf-8")
    assert "\npersonas: [" in text
    assert "\nteams:" not in text and "\ntouchpoints:" not in text and "\nevidence:" not in text
    assert text.startswith("# yaml-language-server: $schema=../schemas/1.0/map.schema.json\n")
    assert (
        (tmp_path / "shared" / "personas.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../schemas/1.0/definitions.schema.json\n")
    )


MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")


def schema_named_by(path: Path) -> dict[str, object]:
    """The JSON Schema the ``$schema`` line at the top of ``path`` points at."""
    match = MODELINE.match(path.read_text(encoding="utf-8"))
    assert match is not None, f"{path} has no $schema line first"
    schema = (path.parent / match.group(1)).resolve()
    assert schema.is_file(), f"{path} points at {schema}, which does not exist"
    document: dict[str, object] = json.loads(schema.read_text(encoding="utf-8"))
    return document


@pytest.mark.parametrize("template", TEMPLATES)
def test_init_writes_the_schemas_of_the_format_and_every_file_points_at_its_own(
    tmp_path: Path, template: str
) -> None:
    created = init_workspace(tmp_path, name="Acme", template=template, today=TODAY)
    schemas = tmp_path / "schemas"
    assert [p.name for p in schemas.iterdir()] == ["1.0"]
    assert sorted(p.name for p in (schemas / "1.0").iterdir()) == [
        "definitions.schema.json",
        "map.schema.json",
        "measures.schema.json",
        "snapshot.schema.json",
        "workspace.schema.json",
    ]
    kinds = {"cjm.yaml": "workspace", "maps": "map", "shared": "definitions"}
    yaml_files = [p for p in created if p.suffix == ".yaml" and p.is_relative_to(tmp_path)]
    for path in yaml_files:
        first = path.relative_to(tmp_path).parts[0]
        if first not in kinds:
            continue
        assert schema_named_by(path)["$id"] == f"urn:cjm:format:1.0:{kinds[first]}", path


@pytest.mark.parametrize("template", TEMPLATES)
def test_new_map_points_at_the_map_schema_of_the_format(tmp_path: Path, template: str) -> None:
    init_workspace(tmp_path, name="Acme", template="current-state", today=TODAY)
    made = new_map(
        tmp_path / "maps" / "deeper", template=template, map_id="next", title="Next", today=TODAY
    )
    assert made.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/1.0/map.schema.json\n"
    )
    assert schema_named_by(made)["$id"] == "urn:cjm:format:1.0:map"


def test_new_map_in_a_workspace_made_before_versioned_schemas(tmp_path: Path) -> None:
    """A workspace whose schemas/ holds the files themselves (as `cjm init` made them
    before the format had versions) keeps getting maps that point at them."""
    init_workspace(tmp_path, name="Acme", template="current-state", today=TODAY)
    schemas = tmp_path / "schemas"
    for path in (schemas / "1.0").iterdir():
        path.rename(schemas / path.name)
    (schemas / "1.0").rmdir()
    made = new_map(tmp_path / "maps", template="b2b-saas", map_id="b", title="B", today=TODAY)
    assert made.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schemas/map.schema.json\n"
    )


def test_new_map_in_a_workspace_without_schemas_has_no_schema_line(tmp_path: Path) -> None:
    init_workspace(tmp_path, name="Acme", template="current-state", today=TODAY)
    shutil.rmtree(tmp_path / "schemas")
    made = new_map(tmp_path / "maps", template="b2b-saas", map_id="b", title="B", today=TODAY)
    assert "yaml-language-server" not in made.read_text(encoding="utf-8")


def test_new_map_reuses_what_the_workspace_shares(tmp_path: Path) -> None:
    init_workspace(tmp_path, name="Acme", template="current-state", today=TODAY)
    made = new_map(
        tmp_path / "maps", template="future-state", map_id="next", title="Next", today=TODAY
    )
    text = made.read_text(encoding="utf-8")
    assert "\npersonas: [commuter-chloe, career-karim]\n" in text
    assert "\nteams:" not in text  # every team of the template is shared already
    # Touchpoints the workspace lacks stay in the map, the shared ones are left out.
    assert "  - id: pause-screen\n" in text
    assert "  - id: app-store-page\n" not in text


@pytest.mark.parametrize("template", TEMPLATES)
def test_template_round_trips_when_nothing_is_shared(template: str) -> None:
    source = templates_folder() / "maps" / f"{template}.yaml"
    text = source.read_text(encoding="utf-8")
    body = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#:"))
    assert load_map_template(template).render_text({}) == body


def _content(text: str) -> str:
    """The YAML of a definition without its comment lines."""
    return "".join(
        line for line in text.splitlines(keepends=True) if not line.lstrip().startswith("#")
    )


def test_templates_that_share_an_id_define_it_identically() -> None:
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    for template in TEMPLATES:
        for kind, items in load_map_template(template).definitions().items():
            for item in items:
                content = _content(item.text).strip("\n")
                first = seen.setdefault((kind, item.id), (template, content))
                assert first[1] == content, (
                    f"{kind} '{item.id}' differs in {first[0]} and {template}"
                )


@pytest.mark.parametrize("template", TEMPLATES)
def test_templates_guide_the_author(template: str) -> None:
    text = (templates_folder() / "maps" / f"{template}.yaml").read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.lstrip().startswith("# ")]
    assert len(comments) >= 15
    assert "EXAMPLE" in text
    assert "owner:" in text and re.search(r"# Replace with the team accountable", text)


def test_pre_commit_files_pattern_matches_the_workspace_files(tmp_path: Path) -> None:
    created = init_workspace(tmp_path, name="Acme", template="current-state", today=TODAY)
    pattern = re.compile(f"^{WORKSPACE_FILES_PATTERN}$")
    relative = {path.relative_to(tmp_path).as_posix() for path in created}
    assert {name for name in relative if pattern.match(name)} == set(check(tmp_path).files)
    # The same as the patterns of the workspace's cjm.yaml, for other names too.
    config = YAML(typ="safe").load(tmp_path / "cjm.yaml")
    patterns = [*config["maps"], *config["definitions"]]
    names = ["maps/a/b/c.yaml", "maps/c.yml", "shared/x.yaml", "shared/a/b.yaml", "maps.yaml"]
    for name in [*names, "cjm.yaml", "cjm.yml", "schemas/1.0/map.schema.json"]:
        expected = name == "cjm.yaml" or matches(name, patterns)
        assert bool(pattern.match(name)) == expected, name


# -- refusals -----------------------------------------------------------------------------


def test_init_refuses_an_existing_workspace(tmp_path: Path) -> None:
    init_workspace(tmp_path, name="Acme", template="current-state", today=TODAY)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    with pytest.raises(FileConflictError, match="already is a cjm workspace"):
        init_workspace(tmp_path, name="Other", template="b2b-saas", today=TODAY)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_init_refuses_to_overwrite_any_file_and_writes_nothing(tmp_path: Path) -> None:
    personas = tmp_path / "shared" / "personas.yaml"
    personas.parent.mkdir()
    personas.write_text("mine\n", encoding="utf-8")
    with pytest.raises(FileConflictError) as raised:
        init_workspace(tmp_path, name="Acme", template="current-state", today=TODAY)
    assert raised.value.paths == [personas]
    assert personas.read_text(encoding="utf-8") == "mine\n"
    assert sorted(
        p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()
    ) == ["shared/personas.yaml"]


def test_init_can_keep_existing_ci_files(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    hooks = tmp_path / ".pre-commit-config.yaml"
    hooks.write_text("repos: []\n", encoding="utf-8")
    with pytest.raises(FileConflictError, match="--force"):
        init_workspace(tmp_path / "journeys", name="Acme", template="current-state", today=TODAY)
    created = init_workspace(
        tmp_path / "journeys",
        name="Acme",
        template="current-state",
        today=TODAY,
        keep_existing_ci=True,
    )
    assert hooks.read_text(encoding="utf-8") == "repos: []\n"
    assert hooks not in created
    assert tmp_path / ".github" / "workflows" / "journeys.yml" in created


def test_ci_files_go_to_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    created = init_workspace(
        tmp_path / "cx" / "journeys", name="Acme", template="e-commerce", today=TODAY
    )
    workflow = tmp_path / ".github" / "workflows" / "journeys.yml"
    hooks = tmp_path / ".pre-commit-config.yaml"
    assert workflow in created and hooks in created
    assert "CJM_WORKSPACE: cx/journeys\n" in workflow.read_text(encoding="utf-8")
    config = hooks.read_text(encoding="utf-8")
    assert "args: [cx/journeys]" in config
    assert r"files: '^cx/journeys/(cjm\.yaml|" in config


def test_new_map_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "checkout.yaml"
    target.write_text("mine\n", encoding="utf-8")
    with pytest.raises(FileConflictError):
        new_map(tmp_path, template="e-commerce", map_id="checkout", title="Checkout", today=TODAY)
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_new_map_refuses_a_map_id_the_workspace_has(tmp_path: Path) -> None:
    init_workspace(tmp_path, name="Acme", template="current-state", today=TODAY)
    with pytest.raises(InvalidNameError, match="already has a map with id 'learner-journey'"):
        new_map(
            tmp_path / "maps" / "sub",
            template="current-state",
            map_id="learner-journey",
            title="T",
            today=TODAY,
        )
    assert not (tmp_path / "maps" / "sub").exists()


def test_unknown_template_lists_the_available_ones(tmp_path: Path) -> None:
    with pytest.raises(UnknownTemplateError) as raised:
        new_map(tmp_path, template="ecommerce", map_id="x", title="X", today=TODAY)
    assert raised.value.available == TEMPLATES
    assert "unknown template 'ecommerce': choose one of b2b-saas, b2c-service" in str(raised.value)
    with pytest.raises(UnknownTemplateError):
        init_workspace(tmp_path, name="Acme", template="nope", today=TODAY)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("bad", "suggestion"),
    [
        ("Checkout Flow", "checkout-flow"),
        ("checkout_flow", "checkout-flow"),
        ("-checkout", "checkout"),
        ("check--out", "check-out"),
        ("", None),
        ("x" * 65, "x" * 64),
    ],
)
def test_bad_map_id(tmp_path: Path, bad: str, suggestion: str | None) -> None:
    with pytest.raises(InvalidNameError) as raised:
        new_map(tmp_path, template="e-commerce", map_id=bad, title="T", today=TODAY)
    message = str(raised.value)
    assert "is not a valid map id" in message
    if suggestion:
        assert f"did you mean '{suggestion}'?" in message
    else:
        assert "did you mean" not in message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("title", ["", "   ", "two\nlines"])
def test_bad_title(tmp_path: Path, title: str) -> None:
    with pytest.raises(InvalidNameError, match="title must be one line"):
        new_map(tmp_path, template="e-commerce", map_id="x", title=title, today=TODAY)


def test_scaffold_errors_share_one_type() -> None:
    for error in (FileConflictError, InvalidNameError, UnknownTemplateError, TemplateError):
        assert issubclass(error, ScaffoldError)


# -- the small pieces ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Trial to paid", "Trial to paid"),
        ("Checkout (mobile), 2027", "Checkout (mobile), 2027"),
        ("Checkout: mobile", '"Checkout: mobile"'),
        ("yes", '"yes"'),
        ("Null", '"Null"'),
        ("2027", '"2027"'),
        ("#1 journey", '"#1 journey"'),
        ("Café", '"Café"'),
        ("[draft]", '"[draft]"'),
    ],
)
def test_yaml_scalar(text: str, written: str) -> None:
    assert yaml_scalar(text) == written


def test_slugify() -> None:
    assert slugify("Buying running shoes, online!") == "buying-running-shoes-online"
    assert slugify("***") == ""


def test_fill_leaves_github_expressions_alone() -> None:
    text = "a: {{ x }}\nb: ${{ github.sha }}\n{{ block }}\n"
    assert fill(text, {"x": "1", "block": "  - one\n  - two\n"}, "t") == (
        "a: 1\nb: ${{ github.sha }}\n  - one\n  - two\n"
    )
    with pytest.raises(TemplateError, match="no value for placeholder"):
        fill("{{ nope }}", {}, "t")


def test_malformed_template_is_reported() -> None:
    text = "#: title: T\n#: id: t\n#: summary: S\ntype: current-state\nteams:\n  - name: X\n"
    with pytest.raises(TemplateError, match=re.escape("must start with `  - id: ...`")):
        parse_map_template("broken", text)
    with pytest.raises(TemplateError, match="lacks"):
        parse_map_template("broken", "type: current-state\n")


# -- canonical formatting --------------------------------------------------------------------


@pytest.mark.parametrize("first", TEMPLATES)
def test_made_files_are_already_formatted(tmp_path: Path, first: str) -> None:
    """`cjm fmt` (the pre-commit hook) leaves everything a template makes as it is."""
    init_workspace(tmp_path, name="Acme", template=first, today=TODAY)
    for template in TEMPLATES:
        new_map(
            tmp_path / "maps", template=template, map_id=f"x-{template}", title="X", today=TODAY
        )
    new_map(tmp_path / "alone", template=first, map_id="alone", title="Alone", today=TODAY)
    result = CliRunner().invoke(app, ["fmt", "--check", str(tmp_path)], env=PLAIN_ENV)
    assert result.exit_code == 0, result.output
