"""`cjm validate --format junit`: one test case per checked file, for CI test reports."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import pytest

from cjm.check import CheckResult
from cjm.diagnostics import Diagnostic, Location, Severity
from cjm.reporters.junit import JunitReporter

from .conftest import (
    MAP,
    ONE_ERROR,
    ONE_WARNING,
    STAGE_WITHOUT_TOUCHPOINTS,
    diagnostic,
    result_of,
    validate,
    write,
)


def junit(*args: str) -> tuple[int, str, ET.Element]:
    result = validate("junit", *args)
    assert result.stderr == ""
    return result.exit_code, result.stdout, ET.fromstring(result.stdout.encode("utf-8"))


def cases(root: ET.Element) -> dict[str, ET.Element]:
    [suite] = root.findall("testsuite")
    return {case.get("name", ""): case for case in suite.findall("testcase")}


def test_one_test_case_per_file_and_only_files_with_problems_fail(repo: Path) -> None:
    exit_code, output, root = junit(*ONE_ERROR, "maps")
    assert exit_code == 1
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    assert root.tag == "testsuites"
    assert root.attrib == {"name": "cjm", "tests": "2", "failures": "1", "errors": "0"}
    [suite] = root.findall("testsuite")
    assert suite.attrib == {
        "name": "cjm validate",
        "tests": "2",
        "failures": "1",
        "errors": "0",
        "skipped": "0",
    }
    found = cases(root)
    assert list(found) == ["maps/clean.yaml", "maps/trial.yaml"]
    assert all(case.get("classname") == "cjm" for case in found.values())
    assert list(found["maps/clean.yaml"]) == []
    [failure] = found["maps/trial.yaml"]
    assert failure.tag == "failure"
    assert failure.attrib == {"message": "1 error", "type": "CJM103"}
    assert failure.text == (
        "maps/trial.yaml:4:8: error CJM103 unknown team 'grwoth'; did you mean 'growth'?\n"
        "    hint: define it under `teams` in this map or in a shared definitions file\n"
    )


def test_warnings_alone_pass_as_the_exit_code_does(repo: Path) -> None:
    """By default only errors fail: a file with warnings only is a passing test case whose
    output lists them, as `cjm validate` exits 0 for it."""
    exit_code, _, root = junit(*ONE_WARNING, "maps/clean.yaml")
    assert exit_code == 0
    assert root.get("failures") == "0"
    clean = cases(root)["maps/clean.yaml"]
    assert clean.find("failure") is None
    out = clean.find("system-out")
    assert out is not None
    assert (out.text or "").startswith("maps/clean.yaml:9:5: warning CJM101 stage 'signup'")


def test_errors_fail_their_file_and_warnings_stay_in_its_output(repo: Path) -> None:
    exit_code, _, root = junit("--select", "CJM101,CJM103", "maps")
    assert exit_code == 1  # the error in trial.yaml
    assert root.get("failures") == "1"
    found = cases(root)
    assert found["maps/clean.yaml"].find("failure") is None
    trial = found["maps/trial.yaml"]
    assert [child.tag for child in trial] == ["failure", "system-out"]
    assert trial[0].attrib == {"message": "1 error", "type": "CJM103"}
    assert (trial[0].text or "").startswith("maps/trial.yaml:4:8: error CJM103 unknown team")
    assert (trial[1].text or "").startswith("maps/trial.yaml:9:5: warning CJM101 stage")


def test_fail_on_warning_fails_files_with_warnings(repo: Path) -> None:
    exit_code, _, root = junit("--select", "CJM101,CJM103", "--fail-on", "warning", "maps")
    assert exit_code == 1
    assert root.get("failures") == "2"
    found = cases(root)
    clean = found["maps/clean.yaml"].find("failure")
    assert clean is not None
    assert clean.attrib == {"message": "1 warning", "type": "CJM101"}
    trial = found["maps/trial.yaml"]
    assert [child.tag for child in trial] == ["failure"]
    assert trial[0].attrib == {"message": "1 error, 1 warning", "type": "CJM101 CJM103"}
    assert [line.split(" ")[:3] for line in (trial[0].text or "").splitlines()[::2]] == [
        ["maps/trial.yaml:4:8:", "error", "CJM103"],
        ["maps/trial.yaml:9:5:", "warning", "CJM101"],
    ]


def test_each_workspace_fails_at_its_own_severity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`lint.fail_on` of each workspace decides for its files, as it does for the exit code;
    `--fail-on` decides for all."""
    for name, fail_on in (("strict", "warning"), ("lenient", "error")):
        write(
            tmp_path / name / "cjm.yaml",
            f'maps: ["maps/*.yaml"]\nlint:\n  select: [CJM101]\n  fail_on: {fail_on}\n',
        )
        write(tmp_path / name / "maps" / "trial.yaml", MAP)
    monkeypatch.chdir(tmp_path)
    exit_code, _, root = junit("strict", "lenient")
    assert exit_code == 1
    found = cases(root)
    assert found["strict/maps/trial.yaml"].find("failure") is not None
    assert found["lenient/maps/trial.yaml"].find("failure") is None
    assert found["lenient/maps/trial.yaml"].find("system-out") is not None
    exit_code, _, root = junit("--fail-on", "error", "strict", "lenient")
    assert exit_code == 0
    assert root.get("failures") == "0"


def test_a_clean_check_has_passing_cases(repo: Path) -> None:
    exit_code, _, root = junit(*ONE_ERROR, "maps/clean.yaml")
    assert exit_code == 0
    assert root.get("tests") == "1"
    assert root.get("failures") == "0"
    assert list(cases(root)["maps/clean.yaml"]) == []


def test_info_findings_go_to_system_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path / "cjm.yaml",
        'maps: ["maps/*.yaml"]\n'
        "lint:\n"
        "  select: [stage-without-touchpoints]\n"
        "  severity: {stage-without-touchpoints: info}\n",
    )
    write(tmp_path / "maps" / "trial.yaml", MAP)
    monkeypatch.chdir(tmp_path)
    exit_code, _, root = junit()
    assert exit_code == 0
    assert root.get("failures") == "0"
    trial = cases(root)["maps/trial.yaml"]
    assert trial.find("failure") is None
    out = trial.find("system-out")
    assert out is not None
    assert (out.text or "").startswith("maps/trial.yaml:9:5: info CJM101 stage 'signup'")


def test_output_is_deterministic(repo: Path) -> None:
    assert validate("junit", "maps").stdout == validate("junit", "maps").stdout


# -- unit tests on hand-made results ------------------------------------------------------


def render(*diagnostics: Diagnostic, files: Sequence[str] = ()) -> ET.Element:
    output = JunitReporter().render(result_of(*diagnostics, files=files))
    return ET.fromstring(output.encode("utf-8"))


def test_info_alongside_a_warning() -> None:
    root = render(
        diagnostic("w", severity=Severity.WARNING, code=STAGE_WITHOUT_TOUCHPOINTS, hint=None),
        diagnostic(
            "i",
            severity=Severity.INFO,
            code=STAGE_WITHOUT_TOUCHPOINTS,
            location=Location(9, 5),
            hint=None,
        ),
        files=["maps/other.yaml"],
    )
    assert root.get("tests") == "2"
    assert root.get("failures") == "0"  # nothing at the failing severity, error
    case = cases(root)["maps/trial.yaml"]
    assert [child.tag for child in case] == ["system-out"]
    assert (
        case[0].text
        == "maps/trial.yaml:4:8: warning CJM101 w\nmaps/trial.yaml:9:5: info CJM101 i\n"
    )


@pytest.mark.parametrize(
    ("fail_on", "message", "out"),
    [
        (Severity.ERROR, None, "w\ni\n"),
        (Severity.WARNING, "1 warning", "i\n"),
        (Severity.INFO, "1 warning, 1 info", None),
    ],
)
def test_the_failing_severity_splits_failure_and_output(
    fail_on: Severity, message: str | None, out: str | None
) -> None:
    findings = [
        diagnostic("w", severity=Severity.WARNING, code=STAGE_WITHOUT_TOUCHPOINTS, hint=None),
        diagnostic("i", severity=Severity.INFO, location=Location(9, 5), hint=None),
    ]
    output = JunitReporter(fail_on).render(result_of(*findings))
    case = cases(ET.fromstring(output.encode("utf-8")))["maps/trial.yaml"]
    failure, system_out = case.find("failure"), case.find("system-out")
    assert (failure.get("message") if failure is not None else None) == message
    shown = (
        None
        if system_out is None
        else re.sub(r"maps/trial.yaml:\S+ \S+ CJM\d+ ", "", system_out.text or "")
    )
    assert shown == out


def test_plural_and_singular_counts_in_failure_messages() -> None:
    errors = [diagnostic(f"e{n}", location=Location(n + 1, 1), hint=None) for n in range(2)]
    warning = diagnostic("w", severity=Severity.WARNING, hint=None)
    root = ET.fromstring(JunitReporter(Severity.WARNING).render(result_of(*errors, warning)))
    failure = cases(root)["maps/trial.yaml"].find("failure")
    assert failure is not None and failure.get("message") == "2 errors, 1 warning"


def test_user_text_is_escaped_and_control_characters_survive() -> None:
    message = "unknown team '<b>&\"x\"</b>' \x00\x1b[2J\ufffe"
    root = render(diagnostic(message, path="maps/a&<b>.yaml", hint=None))
    [name] = cases(root)
    assert name == "maps/a&<b>.yaml"
    failure = cases(root)[name].find("failure")
    assert failure is not None
    assert failure.text == (
        "maps/a&<b>.yaml:4:8: error CJM103 unknown team '<b>&\"x\"</b>' \\x00\\x1b[2J\\ufffe\n"
    )


def test_no_files_is_an_empty_suite() -> None:
    root = render()
    assert root.get("tests") == "0"
    assert cases(root) == {}


def test_a_finding_in_a_file_not_listed_still_has_a_case() -> None:
    result = CheckResult(diagnostics=[diagnostic(path="gone.yaml")], files=["maps/a.yaml"])
    root = ET.fromstring(JunitReporter().render(result).encode("utf-8"))
    assert list(cases(root)) == ["gone.yaml", "maps/a.yaml"]
    assert root.get("failures") == "1"
