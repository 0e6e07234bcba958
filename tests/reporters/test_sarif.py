"""`cjm validate --format sarif`: valid SARIF 2.1.0 that GitHub code scanning can place."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from jsonschema.protocols import Validator

from cjm import __version__
from cjm.diagnostics import LOAD_CODES, Code, Diagnostic, Location, Severity
from cjm.lint.registry import RULES
from cjm.reporters.sarif import SarifReporter

from .conftest import (
    ONE_ERROR,
    ONE_WARNING,
    STAGE_WITHOUT_TOUCHPOINTS,
    TYPO_MAP,
    diagnostic,
    result_of,
    validate,
    write,
)

SCHEMA_FILE = Path("/work/shared/reference/sarif-schema-2.1.0.json")


@pytest.fixture(scope="module")
def sarif_validator() -> Validator:
    if not SCHEMA_FILE.is_file():
        pytest.skip(f"the SARIF schema is not at {SCHEMA_FILE}")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    # The official schema declares draft 4 (and names itself with `id`, not `$id`).
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def assert_valid(validator: Validator, log: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def sarif(*args: str) -> tuple[int, dict[str, Any]]:
    result = validate("sarif", *args)
    assert result.stderr == ""
    return result.exit_code, json.loads(result.stdout)


def test_report_is_valid_sarif_with_the_tool_and_every_rule(
    repo: Path, sarif_validator: Validator
) -> None:
    exit_code, log = sarif("maps")
    assert exit_code == 1
    assert_valid(sarif_validator, log)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "cjm"
    assert driver["version"] == __version__
    assert "informationUri" not in driver
    expected = [(c.code, c.name) for c in LOAD_CODES] + [(r.code, r.name) for r in RULES]
    assert [(rule["id"], rule["name"]) for rule in driver["rules"]] == expected


def test_rule_descriptors_carry_the_documentation(repo: Path) -> None:
    _, log = sarif("maps")
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for rule in RULES:
        descriptor = rules[rule.code]
        assert descriptor["shortDescription"]["text"] == (rule.summary or rule.name)
        assert descriptor["fullDescription"]["text"] == (
            rule.rationale or rule.summary or rule.name
        )
        assert descriptor["help"]["text"] == descriptor["fullDescription"]["text"]
        assert descriptor["help"]["markdown"].startswith(f"### {rule.code} {rule.name}")
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity]
        assert descriptor["properties"]["tags"] == ["lint"]
    for code in LOAD_CODES:
        descriptor = rules[code.code]
        assert descriptor["shortDescription"]["text"] == code.summary
        assert descriptor["defaultConfiguration"]["level"] == "error"
        assert descriptor["properties"]["tags"] == ["input"]
    # Every text is non-empty: viewers show them as they are.
    for descriptor in rules.values():
        assert descriptor["shortDescription"]["text"]
        assert descriptor["fullDescription"]["text"]


def test_results_are_located_relative_to_the_repository_root(repo: Path) -> None:
    _, log = sarif(*ONE_ERROR, "maps")
    run = log["runs"][0]
    [found] = run["results"]
    assert found["ruleId"] == "CJM103"
    assert run["tool"]["driver"]["rules"][found["ruleIndex"]]["id"] == "CJM103"
    assert found["level"] == "error"
    assert found["message"]["text"] == (
        "unknown team 'grwoth'; did you mean 'growth'?\n"
        "hint: define it under `teams` in this map or in a shared definitions file"
    )
    [location] = found["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "journeys/maps/trial.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 4, "startColumn": 8, "endColumn": 14},
    }


def test_a_warning_without_an_end_column_has_a_start_only(repo: Path) -> None:
    exit_code, log = sarif(*ONE_WARNING, "maps/clean.yaml")
    assert exit_code == 0
    [found] = log["runs"][0]["results"]
    assert (found["ruleId"], found["level"]) == ("CJM101", "warning")
    region = found["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 9, "startColumn": 5}


def test_without_a_repository_paths_are_relative_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sarif_validator: Validator
) -> None:
    write(tmp_path / "maps" / "trial.yaml", TYPO_MAP)
    monkeypatch.chdir(tmp_path / "maps")
    exit_code, log = sarif(*ONE_ERROR, "trial.yaml")
    assert exit_code == 1
    assert_valid(sarif_validator, log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    # Unless some folder above tmp_path happens to be a git repository.
    assert uri["uri"].endswith("trial.yaml")
    assert uri["uriBaseId"] == "%SRCROOT%"


def test_a_clean_check_has_no_results(repo: Path, sarif_validator: Validator) -> None:
    exit_code, log = sarif(*ONE_ERROR, "maps/clean.yaml")
    assert exit_code == 0
    assert log["runs"][0]["results"] == []
    assert_valid(sarif_validator, log)


def test_output_is_deterministic(repo: Path) -> None:
    first = validate("sarif", "maps").stdout
    assert validate("sarif", "maps").stdout == first
    assert "%SRCROOT%" in first
    assert str(repo) not in first  # nothing of the machine it ran on


# -- unit tests on hand-made results ------------------------------------------------------


def render(tmp_path: Path, *diagnostics: Diagnostic, cwd: Path | None = None) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(
        SarifReporter(cwd=cwd or tmp_path).render(result_of(*diagnostics))
    )
    return log


def test_levels_follow_severities(tmp_path: Path, sarif_validator: Validator) -> None:
    (tmp_path / ".git").mkdir()
    log = render(
        tmp_path,
        diagnostic(severity=Severity.ERROR),
        diagnostic(
            "no touchpoint",
            severity=Severity.WARNING,
            code=STAGE_WITHOUT_TOUCHPOINTS,
            location=Location(9, 5),
            hint=None,
        ),
        diagnostic(
            "no touchpoint",
            severity=Severity.INFO,
            code=STAGE_WITHOUT_TOUCHPOINTS,
            location=Location(10, 5),
            hint=None,
        ),
    )
    assert_valid(sarif_validator, log)
    results = log["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    assert results[0]["message"]["text"] == (
        "unknown team 'grwoth'; did you mean 'growth'?\nhint: define it under `teams`"
    )
    assert results[1]["message"]["text"] == "no touchpoint"


def test_related_locations_and_escaped_uris(tmp_path: Path, sarif_validator: Validator) -> None:
    (tmp_path / ".git").mkdir()
    with_related = dataclasses.replace(
        diagnostic(path="my maps/ünïcode #1.yaml"),
        related=(("my maps/other.yaml", Location(2, 3)),),
    )
    log = render(tmp_path, with_related)
    assert_valid(sarif_validator, log)
    [found] = log["runs"][0]["results"]
    artifact = found["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact["uri"] == "my%20maps/%C3%BCn%C3%AFcode%20%231.yaml"
    assert found["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {
                "artifactLocation": {"uri": "my%20maps/other.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 2, "startColumn": 3},
            },
        }
    ]


def test_a_file_outside_the_repository_gets_an_absolute_uri(
    tmp_path: Path, sarif_validator: Validator
) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    log = render(tmp_path, diagnostic(path="../elsewhere/map.yaml"), cwd=tmp_path / "repo")
    assert_valid(sarif_validator, log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert artifact["artifactLocation"] == {
        "uri": (tmp_path / "elsewhere" / "map.yaml").resolve().as_uri()
    }


def test_an_unknown_code_still_gets_a_descriptor(
    tmp_path: Path, sarif_validator: Validator
) -> None:
    odd = Code("CJM999", "made-up", "Not in any table.")
    log = render(tmp_path, diagnostic(code=odd))
    assert_valid(sarif_validator, log)
    run = log["runs"][0]
    [found] = run["results"]
    assert run["tool"]["driver"]["rules"][found["ruleIndex"]]["id"] == "CJM999"


def test_the_schema_check_is_not_vacuous(tmp_path: Path, sarif_validator: Validator) -> None:
    log = render(tmp_path, diagnostic())
    log["runs"][0]["results"][0]["level"] = "info"  # not a SARIF level
    assert not sarif_validator.is_valid(log)
