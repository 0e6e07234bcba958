"""PLACEHOLDER: to be written (rationale, examples and check)."""

from cjm.diagnostics import Severity

CODE = "CJM118"
NAME = "blueprint-without-backstage"
SEVERITY = Severity.WARNING
SUMMARY = ""
FAILING = ""
PASSING = ""


def check(context: object) -> tuple[()]:
    return ()
