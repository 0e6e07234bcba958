"""Committed files generated from the code must match what the code generates now."""

from __future__ import annotations

from pathlib import Path

from cjm.lint.docs import catalogue_markdown
from cjm.reference import render_format_reference
from cjm.schema import stale_files

REPO = Path(__file__).resolve().parent.parent


def test_format_reference_is_current() -> None:
    committed = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    assert committed == render_format_reference(), (
        "docs/format.md is stale: run `python -m cjm.reference docs/format.md`"
    )


def test_committed_schemas_are_current() -> None:
    assert stale_files(REPO / "schemas") == [], "run `cjm schema --out schemas`"


def test_rules_reference_is_current() -> None:
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == catalogue_markdown(), (
        "docs/rules.md is stale: run `python -m cjm.lint.docs docs/rules.md`"
    )
