"""Every message either YAML parser can give has a case that makes it give that message,
and so a wording in plain words with a hint (:mod:`tests.unit.test_syntax_errors` checks
each case's wording). The lists are checked against the parsers themselves: a message that
a new version of either adds fails here until it has a case."""

from __future__ import annotations

import ast
import re
import warnings
from pathlib import Path

import _ruamel_yaml
import pytest
import ruamel.yaml
from ruamel.yaml.error import MarkedYAMLError

from cjm.load.yamlevents import ParserSlip, events
from tests.unit.syntax_cases import CASES, ONE_PARSER_ONLY


def _raw(text: str, fast: bool) -> str:
    """What the parser itself says about ``text``: its message and what it was doing."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for _ in events(text, fast):
                pass
    except MarkedYAMLError as error:
        return f"{error.problem or ''} ({error.context or ''})"
    except ParserSlip as slip:
        return str(slip.error)
    return ""


def _text_of(name: str) -> str:
    return (CASES.get(name) or ONE_PARSER_ONLY[name]).text


# The start of each message of the pure-Python parser (ruamel.yaml's scanner.py and
# parser.py), with a case that makes it give that message.
PURE_MESSAGES = {
    "could not find expected ':'": "line-without-colon",
    "duplicate tag handle ": "tag-directive-twice",
    "expected ' ', but found ": "verbatim-tag-with-text-after",
    "expected '!' but found ": "tag-directive-handle-not-closed",
    "expected '!', but found ": "tag-directive-bad-handle",
    "expected ',' or ']', but got ": "list-never-closed",
    "expected ',' or '}', but got ": "mapping-never-closed",
    "expected '<document start>', but found ": "directives-without-document-start",
    "expected '>' but found ": "verbatim-tag-not-closed",
    "expected <block end>, but found ": "key-indented-between-levels",
    "expected URI escape sequence of 2 hexdecimal numbers, but found ": "tag-with-a-bad-escape",
    "expected URI, but found ": "empty-verbatim-tag",
    "expected a comment or a line break, but found ": "block-scalar-header-with-text-after-a-space",
    "expected a digit or '.', but found ": "yaml-directive-bad-minor",
    "expected a digit, but found ": "yaml-directive-not-a-number",
    "expected alphabetic or numeric character, but found ": "anchor-without-a-name",
    "expected chomping or indentation indicators, but found ": "block-scalar-header-with-text",
    "expected escape sequence of ": "short-hex-escape",
    "expected indentation indicator in the range 1-9, but found 0": "block-scalar-header-with-zero",
    "expected the node content, but found ": "double-comma",
    "found character ": "percent-sign",
    "found duplicate YAML directive": "yaml-directive-twice",
    "found incompatible YAML document (version 1.* is required)": "yaml-version-2",
    "found non-comment content after document end marker, ": "text-after-the-document-end",
    "found undefined tag handle ": "undefined-tag-handle",
    "found unexpected document separator": "quote-running-into-a-document-marker",
    "found unexpected end of stream": "double-quote-never-closed",
    "found unknown escape character ": "unknown-escape-character",
    "mapping keys are not allowed here": "question-mark-in-a-value",
    "mapping values are not allowed here": "colon-in-a-value",
    "more indented follow up line than first in a block scalar": "block-scalar-blank-lines-deeper",
    "sequence entries are not allowed here": "list-on-the-key-line",
    # decoding a %-escape of a tag that is not UTF-8 (its message comes from Python)
    "codec can't decode": "tag-with-a-bad-utf8-escape",
    # the same messages as above in another context
    "while parsing a block collection": "key-among-list-items",
    "while scanning an alias": "alias-without-a-name",
    "while scanning a directive": "directive-without-a-name",
    "version minor part can only be 2 or 1": "yaml-version-1-3",
    "chr() arg not in range": "code-point-too-large",
}
PURE_NEVER = {
    # Its check comes after one that lets a ':' followed by more text go on as text.
    "found unexpected ':'",
}

# Each message libyaml's scanner and parser can give, with a case that makes it give it.
LIBYAML_MESSAGES = {
    "block sequence entries are not allowed in this context": "list-on-the-key-line",
    "could not find expected ':'": "line-without-colon",
    "could not find expected directive name": "directive-without-a-name",
    "did not find URI escaped octet": "tag-with-a-bad-escape",
    "did not find expected '!'": "tag-directive-bad-handle",
    "did not find expected ',' or ']'": "list-never-closed",
    "did not find expected ',' or '}'": "mapping-never-closed",
    "did not find expected '-' indicator": "key-among-list-items",
    "did not find expected <document start>": "directives-without-document-start",
    "did not find expected alphabetic or numeric character": "anchor-without-a-name",
    "did not find expected comment or line break": "block-scalar-header-with-text",
    "did not find expected digit or '.' character": "yaml-directive-bad-minor",
    "did not find expected hexdecimal number": "short-hex-escape",
    "did not find expected key": "key-indented-between-levels",
    "did not find expected node content": "double-comma",
    "did not find expected tag URI": "empty-verbatim-tag",
    "did not find expected version number": "yaml-directive-not-a-number",
    "did not find expected whitespace": "tag-directive-without-a-space",
    "did not find expected whitespace or line break": "verbatim-tag-with-text-after",
    "did not find the expected '>'": "verbatim-tag-not-closed",
    "found a tab character that violates indentation": "tab-in-a-later-line",
    "found a tab character where an indentation space is expected": "tab-in-a-block-scalar",
    "found an incorrect leading UTF-8 octet": "tag-with-a-bad-utf8-escape",
    "found an incorrect trailing UTF-8 octet": "tag-with-a-bad-utf8-sequence",
    "found an indentation indicator equal to 0": "block-scalar-header-with-zero",
    "found character that cannot start any token": "percent-sign",
    "found duplicate %TAG directive": "tag-directive-twice",
    "found duplicate %YAML directive": "yaml-directive-twice",
    "found extremely long version number": "yaml-version-too-long",
    "found incompatible YAML document": "yaml-version-2",
    "found invalid Unicode character escape code": "code-point-too-large",
    "found undefined tag handle": "undefined-tag-handle",
    "found unexpected ':'": "colon-ending-a-key-in-brackets",
    "found unexpected document indicator": "quote-running-into-a-document-marker",
    "found unexpected end of stream": "double-quote-never-closed",
    "found unexpected non-alphabetical character": "percent-line-inside-the-document",
    "found unknown directive name": "unknown-directive",
    "found unknown escape character": "unknown-escape-character",
    "mapping keys are not allowed in this context": "question-mark-in-a-value",
    "mapping values are not allowed in this context": "colon-in-a-value",
}
LIBYAML_ELSEWHERE = {
    # A reader error, worded by cjm.load.syntax.refusals (tests/unit/test_yamlread.py).
    "control characters are not allowed",
    # The parser starts each stream itself.
    "did not find expected <stream-start>",
    # The composer's and the emitter's: cjm builds its data from the parser's events.
    "found duplicate anchor; first occurrence",
    "found undefined alias",
    "incompatible %YAML directive",
}


@pytest.mark.parametrize(
    ("fast", "message", "name"),
    [
        *((False, message, name) for message, name in PURE_MESSAGES.items()),
        *((True, message, name) for message, name in LIBYAML_MESSAGES.items()),
    ],
)
def test_the_case_listed_for_a_parser_message_gives_that_message(
    fast: bool, message: str, name: str
) -> None:
    assert message in _raw(_text_of(name), fast)


def _literal_start(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value)
    return None


def test_every_message_of_the_pure_python_parser_is_listed() -> None:
    folder = Path(ruamel.yaml.__file__).parent
    messages = set()
    for name in ("scanner.py", "parser.py"):
        for node in ast.walk(ast.parse((folder / name).read_text(encoding="utf-8"))):
            called = getattr(node, "func", None)
            if isinstance(node, ast.Call) and getattr(called, "id", "") in (
                "ScannerError",
                "ParserError",
            ):
                # (context, context_mark, problem, problem_mark): the problem, or the
                # context when there is no problem.
                args = [*node.args, None, None, None][:3]
                problem = _literal_start(args[2]) if args[2] is not None else None
                context = _literal_start(args[0]) if args[0] is not None else None
                if problem is not None or args[2] is None:
                    messages.add(problem or context)
    assert messages, "no messages found: has ruamel.yaml changed its layout?"
    unlisted = {m for m in messages if m not in PURE_MESSAGES and m not in PURE_NEVER}
    assert unlisted == set()


def test_every_message_of_libyaml_is_listed() -> None:
    library = Path(_ruamel_yaml.__file__)
    strings = re.findall(
        rb"\x00((?:found|did not find|could not find|block sequence entries|mapping keys|"
        rb"mapping values|control characters|incompatible) [ -~]+?)\x00",
        library.read_bytes(),
    )
    messages = {s.decode() for s in strings}
    assert "did not find expected key" in messages
    unlisted = messages - set(LIBYAML_MESSAGES) - LIBYAML_ELSEWHERE
    assert unlisted == set()
