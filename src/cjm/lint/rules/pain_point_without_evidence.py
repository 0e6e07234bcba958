"""PLACEHOLDER: to be written (rationale, examples and check)."""

from cjm.diagnostics import Severity

CODE = "CJM105"
NAME = "pain-point-without-evidence"
SEVERITY = Severity.WARNING
SUMMARY = ""
FAILING = ""
PASSING = ""


def check(context: object) -> tuple[()]:
    return ()
