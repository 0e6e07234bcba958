"""A date written unquoted in a text field is text, to cjm, to the JSON Schemas and to fmt.

YAML 1.2 has no date type, so ``title: 2026-10-01`` holds the text ``2026-10-01``. The
cases are found by walking the models: every field that takes text (alone, in a list or as
the values of a mapping) of every model reachable from a map, a definitions file and
``cjm.yaml``. Each case puts an unquoted date into a complete valid file at such a field and
checks that ``cjm`` loads it as that text, that the published schema accepts the file, and
that ``cjm fmt`` keeps the value unquoted and the file's meaning unchanged.
"""

from __future__ import annotations

import datetime
import enum
import io
import types
import typing
from collections.abc import Iterator
from copy import deepcopy
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel, BeforeValidator, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from ruamel.yaml import YAML

from cjm.fmt import format_text, same_data
from cjm.load.document import parse_document
from cjm.load.yamlread import read_yaml
from cjm.model import DefinitionsFile, JourneyMap, WorkspaceConfig
from cjm.schema import DIALECT

ROOT = Path(__file__).resolve().parents[2]
DATE = "2031-05-17"  # appears nowhere in the base files
PLACEHOLDER = "datewillbewrittenhere"

MAP_TEXT = (ROOT / "tests" / "fixtures" / "maps" / "valid" / "everything.yaml").read_text(
    encoding="utf-8"
)
DEFINITIONS_TEXT = """\
format: "1.0"
personas:
  - id: olivia
    name: Olivia
    role: Operations manager
    segment: SMB
    description: Runs operations.
    quote: I need this to just work.
    demographics: {age: 34}
    goals: [Ship faster]
    frustrations: [Slow tools]
    behaviours: [Reads reviews]
    decision_habits: [Asks peers]
    motivations: [Recognition]
    churn_risks: [Price increase]
    evidence: [interviews]
teams:
  - {id: growth, name: Growth, description: Acquisition, contact: "#growth"}
touchpoints:
  - {id: site, name: Website, channel: web, owner: growth, description: Pricing page}
evidence:
  - id: interviews
    kind: interview
    title: Customer interviews
    date: 2026-09-01
    quotes: [It took ages]
    link: https://example.com/research
    summary: People want faster answers.
"""
WORKSPACE_TEXT = """\
format: "1.0"
name: Acme journeys
maps: ["maps/**/*.yaml"]
definitions: ["shared/*.yaml"]
teams:
  - {id: growth, name: Growth, description: Acquisition, contact: "#growth"}
vocabulary:
  channels: [{id: kiosk-app, name: Kiosk app, mode: offline, description: In the lobby}]
  severities: [{id: blocker, counts_as: critical, description: Stops the journey}]
lint:
  select: [ALL]
  ignore: [stale-map]
  overrides:
    - files: ["maps/legacy/*.yaml"]
      select: [CJM101]
      ignore: [kpi-without-target]
measure:
  snapshots: measurements
  sources:
    - id: events
      kind: events
      files: data/events.parquet
      shape: generic
      columns: {user: uid, account: {property: account_id}, properties: props}
    - id: warehouse
      kind: events
      warehouse: postgres
      table: analytics.events
      columns: {session: {column: sid}}
    - id: survey
      kind: feedback
      files: data/feedback.csv
      feedback_columns: {step: step, persona: segment, rating: csat, comment: text}
"""

BASES: dict[str, tuple[type[BaseModel], str]] = {
    "map": (JourneyMap, MAP_TEXT),
    "definitions": (DefinitionsFile, DEFINITIONS_TEXT),
    "workspace": (WorkspaceConfig, WORKSPACE_TEXT),
}


# -- reading the models -------------------------------------------------------------------


def _members(annotation: Any) -> list[Any]:
    """What an annotation may hold, Annotated and unions flattened. A shorthand declared
    with a BeforeValidator (an activity written as text) counts as its declared input."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        declared = [
            m.json_schema_input_type
            for m in metadata
            if isinstance(m, BeforeValidator) and m.json_schema_input_type is not Any
        ]
        return [t for d in declared for t in _members(d)] + _members(base)
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _members(arg)]
    return [annotation]


def _is_text(annotation: Any) -> bool:
    return any(
        isinstance(t, type) and issubclass(t, str) and not issubclass(t, enum.Enum)
        for t in _members(annotation)
    )


def _shape(annotation: Any) -> str | None:
    """How a field takes text: ``value``, ``list item``, ``mapping value`` or not at all."""
    if _is_text(annotation):
        return "value"
    for member in _members(annotation):
        origin, args = typing.get_origin(member), typing.get_args(member)
        if origin is list and _is_text(args[0]):
            return "list item"
        if origin is dict and _is_text(args[1]):
            return "mapping value"
    return None


def _takes_the_date_as_text(field: FieldInfo) -> bool:
    """Whether the field takes the date's text at all: a text of a set form (a duration,
    a web address, the format version) refuses it whether it is read as text or not."""
    annotation = field.annotation
    if field.metadata:  # constraints Pydantic took out of the annotation, put back
        annotation = typing.Annotated[annotation, *field.metadata]
    adapter = TypeAdapter(annotation)
    candidates = [DATE, [DATE], {"key": DATE}]
    for candidate in candidates:
        try:
            adapter.validate_python(candidate)
        except ValidationError:
            continue
        return True
    return False


def _models(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation holds, directly or in lists and mappings."""
    found = []
    for member in _members(annotation):
        if isinstance(member, type) and issubclass(member, BaseModel):
            found.append(member)
        elif typing.get_origin(member) in (list, dict):
            found.extend(_models(typing.get_args(member)[-1]))
    return found


def _text_fields(root: type[BaseModel]) -> Iterator[tuple[type[BaseModel], str, str]]:
    seen: set[type[BaseModel]] = set()
    queue = [root]
    while queue:
        model = queue.pop(0)
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            shape = _shape(field.annotation)
            if shape is not None and _takes_the_date_as_text(field):
                yield model, name, shape
            queue.extend(_models(field.annotation))


def _instances(data: Any, annotation: Any, path: tuple[Any, ...] = ()) -> Iterator[Any]:
    """(model, path) of every mapping in ``data`` that ``annotation`` types as a model."""
    if isinstance(data, dict):
        for model in _models_for_mapping(annotation, data):
            yield model, path
            for key, value in data.items():
                field = model.model_fields.get(key)
                if field is not None:
                    yield from _instances(value, field.annotation, (*path, key))
        for member in _members(annotation):
            if typing.get_origin(member) is dict:
                for key, value in data.items():
                    yield from _instances(value, typing.get_args(member)[1], (*path, key))
    elif isinstance(data, list):
        for member in _members(annotation):
            if typing.get_origin(member) is list:
                for index, item in enumerate(data):
                    yield from _instances(item, typing.get_args(member)[0], (*path, index))


def _models_for_mapping(annotation: Any, data: dict[str, Any]) -> list[type[BaseModel]]:
    members = _members(annotation)
    candidates = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
    return [m for m in candidates if set(data) <= set(m.model_fields)][:1]


CASES = [
    pytest.param(kind, model, name, shape, id=f"{kind}-{model.__name__}.{name}")
    for kind, (root, _) in BASES.items()
    for model, name, shape in _text_fields(root)
]


# -- writing a file with the date in it -----------------------------------------------------


def _round_trip() -> YAML:
    yaml = YAML()  # round trip: keeps flow and block styles
    yaml.width = 4096
    return yaml


def _node(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _with_date(kind: str, model: type[BaseModel], name: str, shape: str) -> str:
    root, text = BASES[kind]
    yaml = _round_trip()
    data = yaml.load(text)
    found = [path for m, path in _instances(deepcopy(dict(data)), root) if m is model]
    assert found, f"the base {kind} file holds no {model.__name__}: extend it"
    # A field that only some instances may have (a source's `table` is for warehouse
    # sources) is tested where the base file already writes it.
    found.sort(key=lambda path: name not in _node(data, path))
    node = data
    for part in found[0]:
        node = node[part]
    if shape == "value":
        node[name] = PLACEHOLDER
    elif shape == "list item":
        node.setdefault(name, []).append(PLACEHOLDER)
    else:
        node.setdefault(name, {})["since"] = PLACEHOLDER
    out = io.StringIO()
    yaml.dump(data, out)
    written = out.getvalue()
    assert written.count(PLACEHOLDER) == 1
    return written.replace(PLACEHOLDER, DATE)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _validator(kind: str) -> Any:
    """The JSON Schema the models publish for ``kind`` (whether the committed copies are
    current is checked where they are generated)."""
    root, _ = BASES[kind]
    schema = {"$schema": DIALECT, **root.model_json_schema(mode="validation")}
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_the_walk_finds_the_text_fields_of_every_kind_of_file() -> None:
    ids = {case.id for case in CASES}
    assert {
        "map-JourneyMap.title",
        "map-JourneyMap.tags",
        "map-Step.thoughts",
        "map-Step.frontstage",
        "map-Step.handoff",
        "map-Persona.demographics",
        "map-Activity.action",
        "map-Emotion.label",
        "map-Evidence.summary",
        "definitions-Team.contact",
        "workspace-WorkspaceConfig.maps",
        "workspace-RuleOverride.files",
    } <= ids
    assert len(CASES) > 60


@pytest.mark.parametrize(("kind", "model", "name", "shape"), CASES)
def test_an_unquoted_date_in_a_text_field_is_text(
    kind: str, model: type[BaseModel], name: str, shape: str
) -> None:
    root, _ = BASES[kind]
    text = _with_date(kind, model, name, shape)
    assert f'"{DATE}"' not in text and f"'{DATE}'" not in text

    document = parse_document(Path("file.yaml"), "file.yaml", text, root)
    assert document.diagnostics == []
    assert document.model is not None
    assert DATE in list(_strings(document.model.model_dump(mode="python")))

    data = read_yaml(text, "file.yaml").data
    errors = [error.message for error in _validator(kind).iter_errors(data)]
    assert errors == []

    formatted = format_text(text, kind)  # type: ignore[arg-type]
    assert f'"{DATE}"' not in formatted and f"'{DATE}'" not in formatted
    assert DATE in formatted
    assert same_data(read_yaml(formatted, "file.yaml").data, data)
    again = parse_document(Path("file.yaml"), "file.yaml", formatted, root)
    assert again.model == document.model


# -- the fields that hold dates ---------------------------------------------------------------

REVIEWED = "reviewed: 2026-10-01"


@pytest.mark.parametrize("written", ["2026-10-01", '"2026-10-01"', "'2026-10-01'"])
def test_a_date_field_reads_its_date_from_text_quoted_or_not(written: str) -> None:
    text = MAP_TEXT.replace(REVIEWED, f"reviewed: {written}")
    document = parse_document(Path("file.yaml"), "file.yaml", text, JourneyMap)
    assert document.diagnostics == []
    assert document.model is not None
    assert document.model.reviewed == datetime.date(2026, 10, 1)
    assert _validator("map").is_valid(read_yaml(text, "file.yaml").data)
    assert f"\nreviewed: {written}\n" in format_text(text, "map")


@pytest.mark.parametrize(
    ("written", "expected", "hint"),
    [
        (
            "2026-13-45",
            "CJM005 reviewed '2026-13-45' is not a valid date: month value is outside "
            "expected range of 1-12",
            "write the date as YYYY-MM-DD, for example 2026-09-14",
        ),
        (
            "2026-1-5",
            "CJM004 reviewed must be a date (YYYY-MM-DD), not the text '2026-1-5'",
            "write the month and the day with two digits each: 2026-01-05",
        ),
        (
            "2026-10-01T10:00:00Z",
            "CJM004 reviewed must be a date without a time (YYYY-MM-DD), not the date and "
            "time 2026-10-01T10:00:00Z",
            "write the day only: 2026-10-01",
        ),
        (
            "2026-10-01 10:00",
            "CJM004 reviewed must be a date without a time (YYYY-MM-DD), not the date and "
            "time 2026-10-01 10:00",
            "write the day only: 2026-10-01",
        ),
        (
            "2026-02-30T10:00",
            "CJM004 reviewed must be a date without a time (YYYY-MM-DD), not the date and "
            "time 2026-02-30T10:00",
            "write the day only, as YYYY-MM-DD",
        ),
        (
            "20261001",
            "CJM004 reviewed must be a date (YYYY-MM-DD), not the number 20261001",
            None,
        ),
    ],
)
def test_a_date_that_is_not_one_is_refused_by_cjm_and_by_the_schema(
    written: str, expected: str, hint: str | None
) -> None:
    text = MAP_TEXT.replace(REVIEWED, f"reviewed: {written}")
    document = parse_document(Path("file.yaml"), "file.yaml", text, JourneyMap)
    found = [(d.line, d.column, f"{d.code.code} {d.message}", d.hint) for d in document.diagnostics]
    assert found == [(7, 11, expected, hint)]
    assert not _validator("map").is_valid(read_yaml(text, "file.yaml").data)
