"""cjm fmt reads with libyaml where it can, and gets exactly what the pure-Python parser gets.

The formatter scans the text with libyaml (through ruamel.yaml.clib) and builds its tree
from libyaml's events, falling back to ruamel.yaml's pure-Python parser for the few texts
libyaml refuses. These tests hold the two readings to each other: the same tokens,
comments and result on every example and fixture, and on generated maps in odd layouts.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from ruamel.yaml.error import YAMLError

from cjm.fmt import FormatError, format_text
from cjm.fmt.source import CParser, Source
from tests.fmt.test_fmt_properties import EXAMPLES, commented_maps, dumped_maps, written_maps

ROOT = Path(__file__).resolve().parents[2]
YAML_FILES = sorted(
    path
    for folder in ("examples", "tests/fixtures")
    for path in (ROOT / folder).rglob("*")
    if path.suffix in (".yaml", ".yml")
)

# Fewer than the lossless properties run: each example is formatted twice more here.
SOME = settings(
    max_examples=int(EXAMPLES or 60),
    deadline=None,
    derandomize=EXAMPLES is None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

pytestmark = pytest.mark.skipif(CParser is None, reason="ruamel.yaml.clib is not installed")


def outcome(text: str, kind: str, *, fast: bool) -> str:
    try:
        return format_text(text, kind, path="in.yaml", fast=fast)  # type: ignore[arg-type]
    except FormatError as error:
        return "error: " + error.message


def same_reading(text: str) -> None:
    """Both readings find the same tokens and comments, and format ``text`` the same, if
    the pure-Python parser reads it (libyaml may read more)."""
    try:
        pure = Source.parse(text, fast=False)
    except YAMLError:
        return
    fast = Source.parse(text)
    if not fast.fast:
        return
    assert list(fast.kinds) == list(pure.kinds)
    assert list(fast.starts) == list(pure.starts)
    assert list(fast.ends) == list(pure.ends)
    assert fast.comments == pure.comments
    assert fast.header_comments == pure.header_comments
    assert fast.marked == pure.marked
    assert outcome(text, "map", fast=True) == outcome(text, "map", fast=False)


def test_the_examples_and_fixtures_format_the_same_either_way() -> None:
    assert len(YAML_FILES) > 20
    for path in YAML_FILES:
        text = path.read_text(encoding="utf-8", errors="replace")
        for kind in ("map", "definitions", "workspace"):
            assert outcome(text, kind, fast=True) == outcome(text, kind, fast=False), path


@SOME
@given(written_maps())
def test_odd_layouts_are_read_the_same_either_way(case: tuple[str, list[str]]) -> None:
    same_reading(case[0])


@SOME
@given(dumped_maps())
def test_dumped_maps_are_read_the_same_either_way(case: tuple[str, list[str]]) -> None:
    same_reading(case[0])


@SOME
@given(commented_maps())
def test_commented_maps_are_read_the_same_either_way(case: tuple[str, object, list[str]]) -> None:
    same_reading(case[0])


def test_comments_are_found_between_tokens_and_on_block_headers_only() -> None:
    text = "# top\na: 'x # y'  # one\nb: |  # two\n  text # text\nc: [p, q]  # three\n"
    source = Source.parse(text)
    assert source.fast
    found = [text[start:end] for start, end in source.comments]
    assert found == ["# top", "# one", "# two", "# three"]
    assert [text[start] for start in source.header_comments] == ["#"]
    same_reading(text)


VALID = (
    "title: T\nid: m\ntype: current-state\nowner: o\nreviewed: 2026-01-01\npersonas: [p]\n"
    "stages:\n- id: s\n  name: S\n  steps:\n  - id: a\n    action: A\n"
)


def test_a_text_libyaml_refuses_is_read_by_the_pure_parser() -> None:
    text = VALID + "    questions: [Is it safe?]  # kept\n"
    formatted = format_text(text, "map")
    assert "    questions: [Is it safe?]  # kept\n" in formatted
    assert formatted == format_text(text, "map", fast=False)


def test_the_collector_is_paused_while_formatting_and_restored_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []
    original = Source.parse

    def spy(text: str, *, fast: bool = True) -> Source:
        seen.append(gc.isenabled())
        return original(text, fast=fast)

    monkeypatch.setattr(Source, "parse", spy)
    assert gc.isenabled()
    assert format_text(VALID, "map").startswith("id: m\n")
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.parametrize(
    "text",
    ["a: [x?]\n", "a: {note: 0?}\n", "a: [x?, y]\n", "a: [x ?]\n", "a: [x\n  ?]\n", "? a\n: b\n"],
)
def test_a_question_mark_is_read_as_yaml_1_2_reads_it(text: str) -> None:
    """libyaml (YAML 1.1) ends a plain scalar at a `?` in a flow collection; YAML 1.2
    keeps it in the scalar. A text with a `?` indicator is scanned by the pure scanner."""
    same_reading(text)
    assert not Source.parse(text).fast
