"""The text reporter reads only the source lines it shows, numbered as str.splitlines
numbers them, and makes its report a piece at a time."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from cjm.check import CheckResult, check_paths
from cjm.diagnostics import Location
from cjm.reporters.text import PIECE_DIAGNOSTICS, TextReporter, source_lines

from .conftest import MAP, diagnostic, validate, write

# Every character str.splitlines breaks at, and some it does not.
BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
TEXTS = st.text(alphabet=st.sampled_from([*BREAKS, "a", " ", "\t", "\x1b", "é"]), max_size=60)


@given(TEXTS, st.sets(st.integers(min_value=0, max_value=70), max_size=12))
def test_source_lines_are_splitlines(text: str, wanted: set[int]) -> None:
    lines = text.splitlines()
    expected = {n: lines[n - 1] for n in wanted if 0 < n <= len(lines)}
    assert source_lines(text, wanted) == expected


def test_no_lines_wanted() -> None:
    assert source_lines("a\nb\n", set()) == {}


def test_crlf_is_one_break() -> None:
    assert source_lines("a\r\nb\r\n\r\nc", {1, 2, 3, 4, 5}) == {1: "a", 2: "b", 3: "", 4: "c"}


def many_findings(files: int, each: int) -> CheckResult:
    found = [
        diagnostic(f"finding {n}", path=f"maps/{f}.yaml", location=Location(n + 1, 2))
        for f in range(files)
        for n in range(each)
    ]
    sources = {
        f"maps/{f}.yaml": "".join(f"line {n} of {f}\n" for n in range(each)) for f in range(files)
    }
    sources["maps/clean.yaml"] = "clean\n"
    return CheckResult(found, sorted(sources), sources=sources)


def test_pieces_join_to_the_report() -> None:
    result = many_findings(files=3, each=PIECE_DIAGNOSTICS)
    whole = TextReporter().render(result)
    pieces = list(TextReporter().pieces(result))
    assert len(pieces) == 4
    assert all(piece.plain.endswith("\n") for piece in pieces)
    assert "".join(piece.plain for piece in pieces) == whole.plain
    joined = [piece.markup for piece in pieces]
    assert "".join(joined) == whole.markup
    assert "line 5 of 2" in whole.plain


def test_render_leaves_the_sources() -> None:
    result = many_findings(files=2, each=3)
    TextReporter().render(result)
    list(TextReporter().pieces(result))
    assert len(result.sources) == 3


def test_release_lets_each_text_go_after_its_last_finding() -> None:
    result = many_findings(files=2, each=3)
    seen: list[set[str]] = []
    for _ in TextReporter().pieces(result, release=True):
        seen.append(set(result.sources))
    assert seen == [{"maps/clean.yaml"}]


def test_validate_prints_the_rendered_report(repo: Path) -> None:
    steps = "".join(
        f"      - {{id: s{n}, action: Step {n}, emotion: 1, colour: red}}\n" for n in range(250)
    )
    path = write(repo / "journeys" / "maps" / "long.yaml", MAP + steps)
    result = validate("text", "maps/long.yaml")
    rendered = TextReporter().render(check_paths([path], path.parent.parent)).plain
    assert rendered.count(": error ") > PIECE_DIAGNOSTICS
    assert result.stdout == rendered
    assert validate("text", "-o", "report.txt", "maps/long.yaml").stdout == ""
    assert (repo / "journeys" / "report.txt").read_text(encoding="utf-8") == rendered


# Any text at all: control characters, tabs, line breaks, wide and combining characters,
# right-to-left marks, surrogate-free astral characters.
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@given(
    message=ANY_TEXT,
    path=ANY_TEXT,
    hint=st.none() | ANY_TEXT,
    line=ANY_TEXT,
    column=st.integers(1, 60),
    end=st.none() | st.integers(1, 80),
)
def test_the_plain_report_is_what_rich_prints_without_colours(
    message: str, path: str, hint: str | None, line: str, column: int, end: int | None
) -> None:
    """Without colours the report is written as its plain text, not through rich: the
    reporter escapes every control character, so the two are the same characters."""
    found = diagnostic(message, path=path or "m.yaml", hint=hint, location=Location(2, column, end))
    result = CheckResult([found], [found.path], sources={found.path: f"first\n{line}\nlast\n"})
    out = io.StringIO()
    console = Console(file=out, color_system=None, highlight=False, soft_wrap=True, emoji=False)
    pieces = list(TextReporter().pieces(result))
    for piece in pieces:
        console.print(piece, end="")
    assert out.getvalue() == "".join(piece.plain for piece in pieces)
