"""The Markdown report: the same content as tables, a Mermaid curve, escaped text."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from cjm.diagnostics import Diagnostic
from cjm.render.context import RenderContext
from cjm.report import markdown_report
from cjm.report.markdown_text import fence, link, md, md_block

from .conftest import (
    HOSTILE_TEXTS,
    JAVASCRIPT_LINK,
    SMALL_MAP,
    TODAY,
    context_of,
    example_reports,
    hostile_context,
)

HEADINGS = [
    "## At a glance",
    "## Personas",
    "## Journey",
    "## Emotional curve",
    "## Pain points",
    "## Opportunities",
    "## KPIs",
    "## Evidence coverage",
    "## Teams",
    "## Lint findings",
]
EXAMPLES = example_reports()


def _tables(text: str) -> list[list[str]]:
    """Every table of ``text``: its lines, header first."""
    tables: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


def _cells(row: str) -> list[str]:
    """The cells of a table row, split on pipes that are not escaped."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


@pytest.mark.parametrize(("name", "context", "findings"), EXAMPLES, ids=[n for n, *_ in EXAMPLES])
def test_examples_have_every_section_and_well_formed_tables(
    name: str, context: RenderContext, findings: list[Diagnostic]
) -> None:
    text = markdown_report(context, findings, TODAY, None)
    positions = [text.index(f"\n{h}\n") for h in HEADINGS]
    assert positions == sorted(positions)
    for table in _tables(text):
        width = len(_cells(table[0]))
        assert table[1] == "|" + "|".join(["---"] * width) + "|"
        assert all(len(_cells(row)) == width for row in table), table[0]


def test_small_map_in_markdown(tmp_path: Path) -> None:
    context, findings = context_of(SMALL_MAP, tmp_path)
    text = markdown_report(context, findings, TODAY, None)
    assert text.startswith("# Small journey\n")
    assert "```mermaid\njourney\n    title Small journey\n" in text
    assert "      Calls the help desk: 1: Ops Olivia\n" in text
    # The register, most severe first, with owners, evidence and what addresses it.
    register = next(t for t in _tables(text) if t[0].startswith("| Severity | Pain point"))
    assert [_cells(r)[0] for r in register[2:]] == [
        "**CRITICAL**",
        "**HIGH**",
        "**MEDIUM**",
        "**LOW**",
    ]
    long_wait = _cells(register[3])
    assert long_wait[3] == "Support desk"
    assert long_wait[6] == "O1 Offer a call-back (planned)"
    # The matrix: impact rows, effort columns.
    matrix = next(t for t in _tables(text) if "Low effort" in t[0])
    assert "Offer a call-back" in _cells(matrix[2])[1]
    assert "Add wallets" in _cells(matrix[2])[3]
    assert "Tidy the menu" in _cells(matrix[4])[2]
    assert "Not sized yet: O4 Loyalty scheme (idea)" in text
    # KPIs with which way is better.
    kpis = next(t for t in _tables(text) if t[0].startswith("| Stage | KPI"))
    bounce = next(_cells(r) for r in kpis if "Bounce rate" in r)
    assert bounce[2:8] == [
        "not set",  # no baseline
        "55%",
        "no baseline to compare with",
        "40%",
        "lower",
        "**✗ missed, 15 pts short**",
    ]
    # Coverage, links by policy, findings with rule codes.
    assert "| Pain points | 2 (50%) | 0 (0%) | 1 (25%) | 1 (25%) | 4 | **50%** |" in text
    assert "[https://example.com/s](<https://example.com/s>)" in text
    assert "[mailto:research\\@example.com](<mailto:research@example.com>)" in text
    assert "(<javascript:" not in text and "`javascript:alert(1)`" in text
    assert "| warning | `CJM116` | kpi-without-target | 45:13 |" in text
    assert "### Growth (owns this map)" in text


def test_stale_maps_say_so(tmp_path: Path) -> None:
    context, findings = context_of(SMALL_MAP, tmp_path)
    assert "Review overdue" not in markdown_report(context, findings, TODAY, None)
    late = markdown_report(context, findings, datetime.date(2027, 2, 1), None)
    assert "> ⚠️ **Review overdue by 31 days.**" in late


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    context, findings = hostile_context(tmp_path)
    text = markdown_report(context, findings, TODAY, None)
    before, rest = text.split("```mermaid\n", 1)
    mermaid, after = rest.split("\n```\n", 1)
    prose = re.sub(r"(?m)^> |\]\(<https://[^>]*>\)", "", before + after)
    assert not re.search(r"(?<!\\)[<>]", prose), "an unescaped < or >"
    assert not re.search(r"(?<!\\)\]\(", prose), "a link made from user text"
    assert f"(<{JAVASCRIPT_LINK}>)" not in text
    assert not re.search(r"(?<!\\)@mention", prose)
    for table in _tables(text):  # no text opened a new cell
        width = len(_cells(table[0]))
        assert all(len(_cells(row)) == width for row in table)
    # Mermaid's own escaping: no markup characters and nothing that closes the fence.
    assert not re.search(r"[<>#;]", mermaid) and "```" not in mermaid.replace("`ticks`", "")
    for hostile in HOSTILE_TEXTS:  # unescaped, every text is there
        assert " ".join(hostile.split()) in re.sub(r"\\(.)", r"\1", prose), hostile


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<b>bold</b>", "\\<b\\>bold\\</b\\>"),
        ("a | b", "a \\| b"),
        ("[x](javascript:y)", "\\[x\\](javascript:y)"),
        ("*em* _em_ `code` ~~s~~", "\\*em\\* \\_em\\_ \\`code\\` \\~\\~s\\~\\~"),
        ("line\nbreak\ttab", "line break tab"),
        ("&amp; $x$ @team #1", "\\&amp; \\$x\\$ \\@team \\#1"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_md_escapes_markup(text: str, escaped: str) -> None:
    assert md(text) == escaped


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("- item", "\\- item"),
        ("1. first", "1\\. first"),
        ("> quote", "\\> quote"),
        ("plain", "plain"),
    ],
)
def test_md_block_escapes_line_starts(text: str, escaped: str) -> None:
    assert md_block(text) == escaped


def test_links_and_fences() -> None:
    assert link("Survey", "https://example.com/a_(b)") == "[Survey](<https://example.com/a_(b)>)"
    assert link("<x>", None) == "\\<x\\>"
    assert fence("a ``` b", "mermaid") == ["````mermaid", "a ``` b", "````", ""]


def test_markdown_is_deterministic(tmp_path: Path) -> None:
    context, findings = context_of(SMALL_MAP, tmp_path)
    assert markdown_report(context, findings, TODAY, None) == markdown_report(
        context, findings, TODAY, None
    )
