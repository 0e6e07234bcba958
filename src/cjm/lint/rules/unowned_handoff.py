"""PLACEHOLDER: to be written (rationale, examples and check)."""

from cjm.diagnostics import Severity

CODE = "CJM113"
NAME = "unowned-handoff"
SEVERITY = Severity.WARNING
SUMMARY = ""
FAILING = ""
PASSING = ""


def check(context: object) -> tuple[()]:
    return ()
