"""``cjm rules`` and ``cjm rule NAME``: the catalogue and one rule's documentation."""

from __future__ import annotations

from cjm.commands.output import error, write_report
from cjm.lint.config import suggest
from cjm.lint.docs import rule_markdown
from cjm.lint.registry import RULES, find_rule


def run_rules() -> int:
    rows = [("code", "name", "severity", "flags")]
    rows += [(r.code, r.name, r.severity.value, r.summary) for r in RULES]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        + "  "
        + row[3]
        for row in rows
    ]
    write_report("\n".join(lines) + "\n\n`cjm rule RULE` explains one rule.\n")
    return 0


def run_rule(name: str) -> int:
    rule = find_rule(name)
    if rule is None:
        error(f"unknown rule '{name}'{suggest(name)} (`cjm rules` lists every rule)")
        return 2
    # Plain Markdown, as written: readable in a terminal, and never clips an example.
    write_report(rule_markdown(rule, heading="#"))
    return 0
