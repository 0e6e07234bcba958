"""Syntax errors are worded in plain words, with a hint, at the mistake.

Each case of :mod:`tests.unit.syntax_cases` is checked with both parsers (libyaml and the
pure-Python YAML 1.2 one) and through ``read_yaml``, where the pure-Python parser has the
final word.
"""

from __future__ import annotations

import pytest

from cjm.diagnostics import YAML_SYNTAX, Diagnostic
from cjm.load.yamlread import _read, read_yaml
from tests.unit.syntax_cases import (
    CASES,
    ONE_PARSER_ONLY,
    REFUSED_BY_PURE_PYTHON_ONLY,
    Expected,
)


def _seen(diagnostic: Diagnostic) -> Expected:
    found = (diagnostic.line, diagnostic.column, diagnostic.message, diagnostic.hint or "")
    if diagnostic.related:
        location = diagnostic.related[0][1]
        return (*found, (location.line, location.column))
    return found


def _only(diagnostics: list[Diagnostic]) -> Diagnostic:
    assert len(diagnostics) == 1, diagnostics
    assert diagnostics[0].code == YAML_SYNTAX
    return diagnostics[0]


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure"])
@pytest.mark.parametrize("name", list(CASES))
def test_each_mistake_is_worded_where_it_is(name: str, fast: bool) -> None:
    case = CASES[name]
    document = _read(case.text, "f.yaml", fast=fast)
    assert document.data is None
    expected = case.libyaml if fast and case.libyaml is not None else case.expected
    assert _seen(_only(document.diagnostics)) == expected


@pytest.mark.parametrize("name", list(CASES))
def test_the_pure_python_parser_has_the_final_word(name: str) -> None:
    case = CASES[name]
    assert _seen(_only(read_yaml(case.text, "f.yaml").diagnostics)) == case.expected


JARGON = ("<block end>", "<scalar>", "did not find", "token", "node", "simple key", "flow")


@pytest.mark.parametrize("name", list(CASES))
def test_messages_use_the_authors_words_not_the_parsers(name: str) -> None:
    case = CASES[name]
    for message, hint in (case.expected[2:4], (case.libyaml or case.expected)[2:4]):
        assert hint, "every message has a hint"
        for word in JARGON:
            assert word not in message and word not in hint, word
        assert "scalar" not in message


@pytest.mark.parametrize("name", list(ONE_PARSER_ONLY))
def test_what_one_parser_refuses_is_worded_and_read_yaml_reads_it(name: str) -> None:
    case = ONE_PARSER_ONLY[name]
    libyaml_refuses = name not in REFUSED_BY_PURE_PYTHON_ONLY
    refused = _read(case.text, "f.yaml", fast=libyaml_refuses)
    assert _seen(_only(refused.diagnostics)) == case.expected
    assert _read(case.text, "f.yaml", fast=not libyaml_refuses).diagnostics == []
    document = read_yaml(case.text, "f.yaml")
    assert document.diagnostics == []
    assert document.data is not None
