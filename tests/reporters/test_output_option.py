"""`cjm validate --output FILE`: the report goes to the file, whatever the format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cjm.reporters import REPORTERS
from tests.samples import PLAIN_ENV

from .conftest import ONE_ERROR, ONE_WARNING, run, validate


def test_json_report_goes_to_the_file(repo: Path) -> None:
    result = validate("json", *ONE_ERROR, "--output", "report.json", "maps")
    assert result.exit_code == 1
    assert result.stdout == ""
    report = json.loads((repo / "journeys" / "report.json").read_text(encoding="utf-8"))
    assert [d["code"] for d in report["diagnostics"]] == ["CJM103"]
    assert (repo / "journeys" / "report.json").read_text(encoding="utf-8") == validate(
        "json", *ONE_ERROR, "maps"
    ).stdout


def test_sarif_report_goes_to_the_file(repo: Path) -> None:
    result = validate("sarif", *ONE_ERROR, "-o", "out/cjm.sarif", "maps")
    assert result.exit_code == 2  # `out/` does not exist yet
    (repo / "journeys" / "out").mkdir()
    result = validate("sarif", *ONE_ERROR, "-o", "out/cjm.sarif", "maps")
    assert result.exit_code == 1
    assert result.stdout == ""
    written = (repo / "journeys" / "out" / "cjm.sarif").read_text(encoding="utf-8")
    assert written == validate("sarif", *ONE_ERROR, "maps").stdout
    log = json.loads(written)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "journeys/maps/trial.yaml"


def test_text_report_in_a_file_is_plain(repo: Path) -> None:
    colour = {**PLAIN_ENV, "NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    on_screen = run(["validate", *ONE_ERROR, "maps"], env=colour)
    assert "\x1b[" in on_screen.stdout  # the terminal gets colour...
    result = run(["validate", *ONE_ERROR, "--output", "report.txt", "maps"], env=colour)
    assert result.exit_code == 1
    assert result.stdout == ""
    written = (repo / "journeys" / "report.txt").read_text(encoding="utf-8")
    assert "\x1b" not in written  # ...the file does not
    assert written.startswith("maps/trial.yaml:4:8: error CJM103 unknown team 'grwoth'")
    assert written.endswith("Found 1 error in 1 file (2 files checked).\n")


@pytest.mark.parametrize("output_format", sorted(REPORTERS))
def test_an_existing_file_is_replaced(repo: Path, output_format: str) -> None:
    target = repo / "journeys" / "report.out"
    target.write_text("old report\n" * 100, encoding="utf-8")
    result = validate(output_format, *ONE_ERROR, "-o", str(target), "maps")
    assert result.exit_code == 1
    assert result.stdout == ""
    written = target.read_text(encoding="utf-8")
    assert "old report" not in written
    # Plain terminal output (no colour, no wrapping) is what the file gets.
    assert written == validate(output_format, *ONE_ERROR, "maps").stdout
    assert "CJM103" in written


def test_junit_report_in_a_file_parses(repo: Path) -> None:
    result = validate("junit", *ONE_ERROR, "-o", "junit.xml", "maps")
    assert result.exit_code == 1
    root = ET.parse(repo / "journeys" / "junit.xml").getroot()
    assert root.get("failures") == "1"


def test_a_missing_folder_is_a_usage_error(repo: Path) -> None:
    result = validate("json", *ONE_ERROR, "--output", "missing/report.json", "maps")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "error: cannot write missing/report.json: No such file or directory" in result.stderr
    assert not (repo / "journeys" / "missing").exists()
    assert not list((repo / "journeys").glob(".report.json.*"))


# -- exit codes do not depend on the format ------------------------------------------------


@pytest.mark.parametrize("output_format", sorted(REPORTERS))
@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        pytest.param([*ONE_ERROR, "maps"], 1, id="error"),
        pytest.param([*ONE_WARNING, "maps/clean.yaml"], 0, id="warning"),
        pytest.param([*ONE_WARNING, "--fail-on", "warning", "maps/clean.yaml"], 1, id="fail-on"),
        pytest.param([*ONE_ERROR, "maps/clean.yaml"], 0, id="clean"),
        pytest.param([*ONE_ERROR, "maps/absent.yaml"], 2, id="usage"),
    ],
)
def test_exit_codes_are_the_same_in_every_format(
    repo: Path, output_format: str, args: list[str], exit_code: int
) -> None:
    assert validate(output_format, *args).exit_code == exit_code


def test_every_ci_format_is_offered() -> None:
    assert {"sarif", "github", "junit"} <= set(REPORTERS)
    result = run(["validate", "--help"])
    for name in ("sarif", "github", "junit"):
        assert name in result.stdout
