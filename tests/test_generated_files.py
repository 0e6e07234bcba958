"""Committed files generated from the code must match what the code generates now."""

from __future__ import annotations

import re
from pathlib import Path

from cjm.lint.docs import catalogue_markdown
from cjm.model import FORMAT_VERSION, Branch, Period, PersonaDetail, Vocabulary, WorkLink
from cjm.model.workspace import ChannelTerm, SeverityTerm
from cjm.reference import render_format_reference
from cjm.schema import stale_files

REPO = Path(__file__).resolve().parent.parent


def test_format_reference_is_current() -> None:
    committed = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    assert committed == render_format_reference(), (
        "docs/format.md is stale: run `python -m cjm.reference docs/format.md`"
    )


def test_committed_schemas_are_current() -> None:
    assert stale_files(REPO / "schemas" / FORMAT_VERSION) == [], "run `cjm schema --out schemas`"


def test_format_reference_covers_every_part_of_the_format() -> None:
    reference = render_format_reference()
    for model in (Branch, PersonaDetail, WorkLink, Period, Vocabulary, ChannelTerm, SeverityTerm):
        assert f"\n### {model.__name__}\n" in reference, model.__name__
    for heading in (
        "### Durations",
        "### Flags",
        "### Extensions (`x-` keys)",
        "## Versions and changelog",
        "### Migrating from 0.x",
        f"### {FORMAT_VERSION}",
    ):
        assert f"\n{heading}\n" in reference, heading
    assert f'| `format` | one of: `"{FORMAT_VERSION}"`, `{FORMAT_VERSION}` |' in reference
    assert "`urn:cjm:format:1.0:map`" in reference
    assert "not an address" in reference
    assert "CJM126" in reference and "cjm migrate --check" in reference
    assert "typing." not in reference  # every type is described in words


def test_every_link_inside_the_format_reference_has_its_heading() -> None:
    reference = render_format_reference()
    headings = {
        "-".join(
            "".join(c for c in line.lstrip("#").strip().lower() if c.isalnum() or c in " -").split(
                " "
            )
        )
        for line in reference.splitlines()
        if line.startswith("#")
    }
    links = set(re.findall(r"\]\(#([^)]+)\)", reference))
    assert links - headings == set()


def test_rules_reference_is_current() -> None:
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == catalogue_markdown(), (
        "docs/rules.md is stale: run `python -m cjm.lint.docs docs/rules.md`"
    )
