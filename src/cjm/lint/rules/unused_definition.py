"""PLACEHOLDER: to be written (rationale, examples and check)."""

from cjm.diagnostics import Severity

CODE = "CJM111"
NAME = "unused-definition"
SEVERITY = Severity.WARNING
SUMMARY = ""
FAILING = ""
PASSING = ""


def check(context: object) -> tuple[()]:
    return ()
