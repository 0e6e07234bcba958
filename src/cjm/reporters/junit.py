"""JUnit XML for CI test reports (GitLab, Jenkins, GitHub test-reporter actions).

Each checked file is one test case. A file with errors or warnings fails, with one
``<failure>`` that lists every finding; info findings never fail a file and go to its
``<system-out>``. No timings: the same input gives the same bytes.

    <testsuites name="cjm" tests="2" failures="1" errors="0">
      <testsuite name="cjm validate" tests="2" failures="1" errors="0" skipped="0">
        <testcase classname="cjm" name="maps/trial.yaml">
          <failure message="1 problem" type="CJM103">maps/trial.yaml:4:8: error CJM103 ...
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from cjm.check import CheckResult
from cjm.diagnostics import Diagnostic, Severity
from cjm.reporters.base import neutralize
from cjm.wording import plural

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

# Characters XML 1.0 cannot carry at all, even as references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(text: str) -> str:
    text = neutralize(text)
    return _NOT_XML.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def _line(diagnostic: Diagnostic) -> str:
    location = diagnostic.location
    line = (
        f"{diagnostic.path}:{location.line}:{location.column}: "
        f"{diagnostic.severity.value} {diagnostic.code.code} {diagnostic.message}"
    )
    if diagnostic.hint:
        line += f"\n    hint: {diagnostic.hint}"
    return _xml_safe(line)


def _testcase(path: str, found: list[Diagnostic]) -> tuple[ET.Element, bool]:
    """The test case of one file, and whether it failed."""
    case = ET.Element("testcase", classname="cjm", name=_xml_safe(path))
    problems = [d for d in found if d.severity is not Severity.INFO]
    notes = [d for d in found if d.severity is Severity.INFO]
    if problems:
        failure = ET.SubElement(
            case,
            "failure",
            message=plural(len(problems), "problem"),
            type=" ".join(sorted({d.code.code for d in problems})),
        )
        failure.text = "\n".join(_line(d) for d in problems) + "\n"
    if notes:
        ET.SubElement(case, "system-out").text = "\n".join(_line(d) for d in notes) + "\n"
    return case, bool(problems)


class JunitReporter:
    def render(self, result: CheckResult) -> str:
        by_file: dict[str, list[Diagnostic]] = {path: [] for path in result.files}
        for diagnostic in result.diagnostics:
            # A file that could not be read may be missing from ``files``: it still counts.
            by_file.setdefault(diagnostic.path, []).append(diagnostic)
        cases = [_testcase(path, by_file[path]) for path in sorted(by_file)]
        counts = {
            "tests": str(len(cases)),
            "failures": str(sum(failed for _, failed in cases)),
            "errors": "0",
        }
        suites = ET.Element("testsuites", {"name": "cjm", **counts})
        suite = ET.SubElement(
            suites, "testsuite", {"name": "cjm validate", **counts, "skipped": "0"}
        )
        suite.extend(case for case, _ in cases)
        ET.indent(suites)
        return DECLARATION + ET.tostring(suites, encoding="unicode") + "\n"
