"""``cjm rules`` and ``cjm rule NAME``: the catalogue and one rule's documentation."""

from __future__ import annotations

from rich.table import Table

from cjm.commands.output import error, stdout, write_report
from cjm.lint.config import suggest
from cjm.lint.docs import rule_markdown
from cjm.lint.registry import RULES, find_rule


def run_rules() -> int:
    table = Table(box=None, show_edge=False, pad_edge=False)
    for column in ("code", "name", "severity", "flags"):
        table.add_column(column, no_wrap=column != "flags")
    for rule in RULES:
        table.add_row(rule.code, rule.name, rule.severity.value, rule.summary)
    console = stdout()
    console.soft_wrap = False
    console.print(table)
    console.print("\n`cjm rule NAME` explains one rule.", markup=False)
    return 0


def run_rule(name: str) -> int:
    rule = find_rule(name)
    if rule is None:
        error(f"unknown rule '{name}'{suggest(name)}; `cjm rules` lists them all")
        return 2
    # Plain Markdown, as written: readable in a terminal, and never clips an example.
    write_report(rule_markdown(rule, heading="#"))
    return 0
