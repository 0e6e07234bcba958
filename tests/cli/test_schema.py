"""`cjm schema`: the committed schemas are current, written files are valid JSON Schemas
in a folder per format version with stable ids, the 0.x schemas stay frozen, `--check`
names stale files, and the map schema agrees with the loader on simple cases."""

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
VERSION = "1.0"
PUBLISHED = REPO / "schemas" / VERSION
LEGACY_SCHEMA_NAMES = ["definitions.schema.json", "map.schema.json", "workspace.schema.json"]
# Format 1.0 added the binding of a map to data and the snapshot `cjm measure` writes.
SCHEMA_NAMES = sorted([*LEGACY_SCHEMA_NAMES, "measures.schema.json", "snapshot.schema.json"])
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
    schema = json.loads((PUBLISHED / "map.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_committed_schemas_are_current() -> None:
    result = run(["schema", "--check", "--out", str(REPO / "schemas")])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Schemas in {PUBLISHED} are up to date.\n"


def test_schemas_are_published_per_version_and_nowhere_else() -> None:
    folder = REPO / "schemas"
    assert sorted(p.name for p in folder.iterdir()) == ["0.x", VERSION]
    assert sorted(p.name for p in (folder / "0.x").iterdir()) == LEGACY_SCHEMA_NAMES
    assert sorted(p.name for p in (folder / VERSION).iterdir()) == SCHEMA_NAMES


@pytest.mark.parametrize("name", LEGACY_SCHEMA_NAMES)
def test_the_0x_schemas_are_frozen(name: str) -> None:
    """The schemas of the format before 1.0, as they were published: editors of files not
    yet migrated keep pointing at them, so they never change."""
    frozen = json.loads((REPO / "schemas" / "0.x" / name).read_text(encoding="utf-8"))
    assert "$id" not in frozen
    assert "format" not in frozen["properties"]
    assert "patternProperties" not in frozen
    jsonschema.Draft202012Validator.check_schema(frozen)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("map.schema.json", "map"),
        ("workspace.schema.json", "workspace"),
        ("definitions.schema.json", "definitions"),
    ],
)
def test_each_published_schema_has_a_stable_id_and_the_format_key(name: str, kind: str) -> None:
    document = json.loads((PUBLISHED / name).read_text(encoding="utf-8"))
    assert document["$id"] == f"urn:cjm:format:{VERSION}:{kind}"
    assert document["properties"]["format"]["anyOf"][0] == {"enum": [VERSION, float(VERSION)]}
    assert "^x-" in document["patternProperties"]


def test_schema_writes_three_json_schema_files_into_the_version_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(["schema", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == [VERSION]
    assert sorted(p.name for p in (out / VERSION).iterdir()) == SCHEMA_NAMES
    for name in SCHEMA_NAMES:
        assert f"wrote {out / VERSION / name}" in result.stdout
        document = json.loads((out / VERSION / name).read_text(encoding="utf-8"))
        assert document["$schema"] == DRAFT_2020_12
        jsonschema.Draft202012Validator.check_schema(document)


def test_schema_writes_into_schemas_by_default(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["schema"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "schemas" / VERSION).iterdir()) == SCHEMA_NAMES


def test_written_schemas_equal_the_committed_ones(tmp_path: Path) -> None:
    run(["schema", "--out", str(tmp_path)])
    for name in SCHEMA_NAMES:
        committed = (PUBLISHED / name).read_text(encoding="utf-8")
        assert (tmp_path / VERSION / name).read_text(encoding="utf-8") == committed


def test_schema_second_run_changes_nothing(tmp_path: Path) -> None:
    run(["schema", "--out", str(tmp_path)])
    result = run(["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stdout == f"Schemas in {tmp_path / VERSION} are up to date.\n"


def test_check_names_the_modified_file_and_exits_1(tmp_path: Path) -> None:
    run(["schema", "--out", str(tmp_path)])
    schema_file = tmp_path / VERSION / "map.schema.json"
    schema_file.write_text(schema_file.read_text(encoding="utf-8") + " ", encoding="utf-8")
    result = run(["schema", "--check", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert f"out of date in {tmp_path / VERSION}: map.schema.json;" in result.stderr
    assert f"run `cjm schema --out {tmp_path}`" in result.stderr
    assert "workspace.schema.json" not in result.stderr
    assert schema_file.read_text(encoding="utf-8").endswith(" ")  # --check writes nothing


def test_check_on_an_empty_folder_names_every_file(tmp_path: Path) -> None:
    result = run(["schema", "--check", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert (
        "map.schema.json, workspace.schema.json, definitions.schema.json, "
        "measures.schema.json, snapshot.schema.json;" in result.stderr
    )
    assert list(tmp_path.iterdir()) == []


def test_a_file_where_the_version_folder_goes_is_reported(tmp_path: Path) -> None:
    (tmp_path / VERSION).write_text("not a folder", encoding="utf-8")
    result = run(["schema", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert f"cannot write schemas to {tmp_path / VERSION}:" in result.stderr
    assert "Traceback" not in result.output


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
    assert "'titel' does not match any of the regexes: '^x-'" in messages
    assert "'title' is a required property" in messages


def test_map_schema_accepts_x_keys_anywhere(map_validator) -> None:
    data = load_yaml(
        MINIMAL_MAP.replace("title: Trial to paid", "title: Trial to paid\nx-team-code: 7")
    )
    data["stages"][0]["x-notes"] = {"any": ["value"]}
    assert list(map_validator.iter_errors(data)) == []


def test_map_schema_accepts_both_emotion_forms(map_validator) -> None:
    data = load_yaml(MINIMAL_MAP.replace("emotion: 1", "emotion: {score: -2, label: lost}"))
    assert list(map_validator.iter_errors(data)) == []


def test_map_schema_rejects_an_out_of_range_emotion(map_validator) -> None:
    data = load_yaml(MINIMAL_MAP.replace("emotion: 1", "emotion: 5"))
    errors = list(map_validator.iter_errors(data))
    assert [list(error.absolute_path) for error in errors] == [["stages", 0, "steps", 0, "emotion"]]
