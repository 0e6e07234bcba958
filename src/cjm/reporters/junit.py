"""JUnit XML for CI test reports (GitLab, Jenkins, GitHub test-reporter actions).

Each checked file is one test case, and its verdict is the check's: a file fails when it
has a finding at or above the failing severity (``--fail-on``, else ``lint.fail_on`` of
its workspace, else error), so that a dashboard shows red exactly when ``cjm validate``
exits 1 for that file. The ``<failure>`` lists those findings; the file's other findings
(below the failing severity) go to its ``<system-out>``, which CI test reports show with
the test case (GitLab shows it for failed cases only). No timings: the same input gives
the same bytes.

    <testsuites name="cjm" tests="2" failures="1" errors="0">
      <testsuite name="cjm validate" tests="2" failures="1" errors="0" skipped="0">
        <testcase classname="cjm" name="maps/trial.yaml">
          <failure message="1 error" type="CJM103">maps/trial.yaml:4:8: error CJM103 ...
          <system-out>maps/trial.yaml:9:5: warning CJM101 ...
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from cjm.check import CheckResult
from cjm.diagnostics import Diagnostic, Severity
from cjm.reporters.base import failing_severities
from cjm.reporters.escape import neutralize
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


def _counted(found: list[Diagnostic]) -> str:
    """``1 error, 2 warnings``: how many findings of each severity, worst first."""
    counts = Counter(d.severity for d in found)
    return ", ".join(
        plural(counts[severity], severity.value) for severity in Severity if counts[severity]
    )


def _testcase(path: str, found: list[Diagnostic], fails_at: Severity) -> tuple[ET.Element, bool]:
    """The test case of one file, and whether it failed."""
    case = ET.Element("testcase", classname="cjm", name=_xml_safe(path))
    failing = [d for d in found if d.severity.rank >= fails_at.rank]
    passing = [d for d in found if d.severity.rank < fails_at.rank]
    if failing:
        failure = ET.SubElement(
            case,
            "failure",
            message=_counted(failing),
            type=" ".join(sorted({d.code.code for d in failing})),
        )
        failure.text = "\n".join(_line(d) for d in failing) + "\n"
    if passing:
        ET.SubElement(case, "system-out").text = "\n".join(_line(d) for d in passing) + "\n"
    return case, bool(failing)


class JunitReporter:
    # get_reporter builds it with the failing severity given on the command line.
    gives_verdicts = True

    def __init__(self, fail_on: Severity | None = None) -> None:
        self.fail_on = fail_on

    def render(self, result: CheckResult) -> str:
        by_file: dict[str, list[Diagnostic]] = {path: [] for path in result.files}
        for diagnostic in result.diagnostics:
            # A file that could not be read may be missing from ``files``: it still counts.
            by_file.setdefault(diagnostic.path, []).append(diagnostic)
        thresholds = failing_severities(result, self.fail_on)
        default = self.fail_on or Severity.ERROR
        cases = [
            _testcase(path, by_file[path], thresholds.get(path, default))
            for path in sorted(by_file)
        ]
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
