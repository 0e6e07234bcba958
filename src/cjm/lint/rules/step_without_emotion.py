"""PLACEHOLDER: to be written (rationale, examples and check)."""

from cjm.diagnostics import Severity

CODE = "CJM109"
NAME = "step-without-emotion"
SEVERITY = Severity.WARNING
SUMMARY = ""
FAILING = ""
PASSING = ""


def check(context: object) -> tuple[()]:
    return ()
