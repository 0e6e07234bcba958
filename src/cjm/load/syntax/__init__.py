"""Say what is wrong with YAML that does not parse, in plain words, where the mistake is.

The two parsers cjm reads with (libyaml through ruamel.yaml.clib, and ruamel.yaml's
pure-Python YAML 1.2 parser) stop at the first syntax error with a message in their own
terms (``did not find expected key``, ``expected <block end>, but found '<scalar>'``) at
the place where they gave up, which is often past the mistake: a quote that is never closed
is reported at the end of the file, a bracket that is never closed on the next line. Each of
their messages is sorted here into one kind of mistake (:data:`KINDS`), and each kind is
worded for a map's author, with a hint, at the place to fix: the quote or bracket that was
opened, the key that lacks its ``:``, the line that is indented wrongly.

:func:`runaway` also serves the reader after a successful parse: both parsers let quoted
text and bracketed lists run on into lines that are not indented under their key, which
YAML 1.2 does not allow; when such a line looks like the next ``key:`` or ``- `` entry, a
quote or bracket was left open and closed only later.
"""

from __future__ import annotations

from collections.abc import Callable

from ruamel.yaml.error import MarkedYAMLError

from cjm.diagnostics import YAML_SYNTAX, Diagnostic, Location, Severity
from cjm.load.syntax import layout, markers, unclosed
from cjm.load.syntax.layout import MAX_SIMPLE_KEY
from cjm.load.syntax.refusals import (
    PARSER_SLIPS,
    reader_diagnostic,
    slip_diagnostic,
    surrogate,
)
from cjm.load.syntax.stop import Stop, Wording, after_properties, split_lines
from cjm.load.syntax.unclosed import runaway, runs_on

# Each kind of mistake: words by which either parser names it in its message (problem) or
# in what it was doing (context), and its wording. The first kind that matches applies.
KINDS: tuple[tuple[tuple[str, ...], tuple[str, ...], Callable[[Stop], Wording]], ...] = (
    ((), ("quoted scalar",), unclosed.quote),
    ((), ("flow sequence", "flow mapping"), unclosed.brackets),
    (("node content",), (), unclosed.missing_value),
    (("<block end>", "expected key", "'-' indicator"), (), layout.block_end),
    (("mapping values are not allowed",), (), layout.stray_colon),
    (("sequence entries are not allowed",), (), layout.list_item),
    (("mapping keys are not allowed",), (), layout.question_mark),
    (("could not find expected ':'",), (), layout.missing_colon),
    (("cannot start any token",), (), layout.cannot_start),
    (("found unexpected ':'",), (), layout.colon_in_value),
    ((), ("an anchor", "an alias"), markers.anchor),
    (("incompatible", "directive", "duplicate tag handle"), ("directive",), markers.directive),
    (("tag handle",), ("tag",), markers.tag),
    ((), ("block scalar", "follow up line"), markers.block_scalar),
    (("document start", "document end"), (), markers.document),
)


def word(stop: Stop) -> Wording | None:
    """The wording of where and why a parser stopped; None for a message neither parser
    is known to give."""
    if stop.char == "\t" or "tab character" in stop.problem:
        return layout.tab(stop)
    for in_problem, in_context, wording in KINDS:
        if any(w in stop.problem for w in in_problem) or any(w in stop.context for w in in_context):
            return wording(stop)
    return None


def syntax_diagnostic(path: str, text: str, error: MarkedYAMLError) -> Diagnostic:
    """The diagnostic of a syntax error either parser raised while reading ``text``."""
    stop = Stop(text, error)
    wording = word(stop)
    if wording is None:
        message = stop.problem or "invalid YAML"
        if stop.context:
            message += f" ({stop.context})"
        wording = Wording(message, stop.here)
    related: tuple[tuple[str, Location], ...] = ()
    if wording.related is not None:
        related = ((path, _within(stop.lines, *wording.related)),)
    return Diagnostic(
        YAML_SYNTAX,
        Severity.ERROR,
        wording.message,
        path,
        _within(stop.lines, *wording.where),
        wording.hint,
        related,
    )


def _within(lines: list[str], line: int, column: int) -> Location:
    """A 1-based location, pulled back onto the last line that holds text when it is past
    the end of the file."""
    if line < len(lines) - 1 or (line < len(lines) and (lines[line] or line == 0)):
        return Location(line + 1, column + 1)
    last = min(line, len(lines) - 1)
    while last > 0 and not lines[last]:
        last -= 1
    return Location(last + 1, len(lines[last]) + 1)


__all__ = [
    "MAX_SIMPLE_KEY",
    "PARSER_SLIPS",
    "after_properties",
    "reader_diagnostic",
    "runaway",
    "runs_on",
    "slip_diagnostic",
    "split_lines",
    "surrogate",
    "syntax_diagnostic",
]
