"""`cjm schema`: the committed schemas are current, written files are valid JSON Schemas,
`--check` names stale files, and the map schema agrees with the loader on simple cases."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from .conftest import MINIMAL_MAP, run

REPO = Path(__file__).resolve().parents[2]
SCHEMA_NAMES = ["definitions.schema.json", "map.schema.json", "workspace.schema.json"]
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


def iso_dates(value: Any) -> Any:
    """YAML dates as ISO strings, the way an editor's JSON view of the file holds them."""
    if isinstance(value, dict):
        return {key: iso_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [iso_dates(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def load_yaml(text: str) -> Any:
    return iso_dates(YAML(typ="safe", pure=True).load(text))


@pytest.fixture(scope="module")
def map_validator() -> jsonschema.protocols.Validator:
    schema = json.loads((REPO / "schemas" / "map.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_committed_schemas_are_current() -> None:
    result = run(["schema", "--check", "--out", str(REPO / "schemas")])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Schemas in {REPO / 'schemas'} are up to date.\n"


def test_schema_writes_three_json_schema_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(["schema", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == SCHEMA_NAMES
    for name in SCHEMA_NAMES:
        assert f"wrote {out / name}" in result.stdout
        document = json.loads((out / name).read_text(encoding="utf-8"))
        assert document["$schema"] == DRAFT_2020_12
        jsonschema.Draft202012Validator.check_schema(document)


def test_written_schemas_equal_the_committed_ones(tmp_path: Path) -> None:
    run(["schema", "--out", str(tmp_path)])
    for name in SCHEMA_NAMES:
        committed = (REPO / "schemas" / name).read_text(encoding="utf-8")
        assert (tmp_path / name).read_text(encoding="utf-8") == committed


def test_schema_second_run_changes_nothing(tmp_path: Path) -> None:
    run(["schema", "--out", str(tmp_path)])
    result = run(["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stdout == f"Schemas in {tmp_path} are up to date.\n"


def test_check_names_the_modified_file_and_exits_1(tmp_path: Path) -> None:
    run(["schema", "--out", str(tmp_path)])
    schema_file = tmp_path / "map.schema.json"
    schema_file.write_text(schema_file.read_text(encoding="utf-8") + " ", encoding="utf-8")
    result = run(["schema", "--check", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert f"out of date in {tmp_path}: map.schema.json;" in result.stderr
    assert "workspace.schema.json" not in result.stderr
    assert schema_file.read_text(encoding="utf-8").endswith(" ")  # --check writes nothing


def test_check_on_an_empty_folder_names_every_file(tmp_path: Path) -> None:
    result = run(["schema", "--check", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "map.schema.json, workspace.schema.json, definitions.schema.json;" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_out_pointing_at_a_file_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "schemas.json"
    target.write_text("{}", encoding="utf-8")
    result = run(["schema", "--out", str(target)])
    assert result.exit_code == 2
    assert "Invalid value for '--out'" in result.output
    assert target.read_text(encoding="utf-8") == "{}"


def test_map_schema_accepts_the_minimal_map(map_validator) -> None:
    errors = list(map_validator.iter_errors(load_yaml(MINIMAL_MAP)))
    assert errors == []


def test_map_schema_rejects_an_unknown_key(map_validator) -> None:
    data = load_yaml(MINIMAL_MAP.replace("title: Trial to paid", "titel: Trial to paid"))
    messages = sorted(error.message for error in map_validator.iter_errors(data))
    assert "Additional properties are not allowed ('titel' was unexpected)" in messages
    assert "'title' is a required property" in messages


def test_map_schema_accepts_both_emotion_forms(map_validator) -> None:
    data = load_yaml(MINIMAL_MAP.replace("emotion: 1", "emotion: {score: -2, label: lost}"))
    assert list(map_validator.iter_errors(data)) == []


def test_map_schema_rejects_an_out_of_range_emotion(map_validator) -> None:
    data = load_yaml(MINIMAL_MAP.replace("emotion: 1", "emotion: 5"))
    errors = list(map_validator.iter_errors(data))
    assert [list(error.absolute_path) for error in errors] == [["stages", 0, "steps", 0, "emotion"]]
