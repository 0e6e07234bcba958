"""YAML's own markers used wrongly: anchors and aliases, tags, block scalar headers,
directives and document markers. Maps need none of them but anchors, so each hint also
says how to write a value that merely starts with the marker's character."""

from __future__ import annotations

import re

from cjm.load.syntax.stop import Stop, Wording, char_at, indentation, quoted, value_from

DIRECTIVE_VERSION = re.compile(r"%YAML[ \t]+(\S+)")
NO_DIRECTIVES = "maps need no directives"


def anchor(stop: Stop) -> Wording:
    where = stop.opened or stop.here
    sign = char_at(stop.lines, *where) or ("*" if "alias" in stop.context else "&")
    value = value_from(stop.line_text(where[0]), where[1])
    what = "the name of an anchor" if sign == "*" else "an anchor name"
    return Wording(
        f"'{sign}' must be followed by {what} (letters, digits, '-' or '_')",
        where,
        f"quote a value that starts with '{sign}': {quoted(value)}",
    )


def tag(stop: Stop) -> Wording:
    where = stop.opened or stop.here
    handle = re.search(r"undefined tag handle '?([^']*)'?", stop.problem)
    if handle and handle.group(1):
        message = f"the tag handle '{handle.group(1)}' is not defined"
    else:
        message = "this YAML tag is not valid"
    return Wording(
        message, where, "maps use no tags: remove it, or quote a value that starts with '!'"
    )


def block_scalar(stop: Stop) -> Wording:
    if "more indented follow up line" in stop.context:
        return _blank_lines_deeper(stop)
    where = stop.opened or stop.here
    sign = char_at(stop.lines, *where) or "|"
    return Wording(
        f"'{sign}' starts a block of text: on its line it may be followed only by '-' or "
        "'+', an indentation digit from 1 to 9, and a comment",
        where,
        "start the text on the next line, indented under the key; quote a value that "
        "starts with '|' or '>'",
    )


def _blank_lines_deeper(stop: Stop) -> Wording:
    """Blank lines at the start of a block scalar hold more spaces than its first line of
    text (the pure-Python parser's complaint; libyaml takes the deepest as the indentation)."""
    first_text = stop.opened[0] if stop.opened else stop.line
    depth = indentation(stop.line_text(first_text))
    line = first_text
    for number in range(first_text - 1, -1, -1):
        text = stop.lines[number]
        if text.strip():
            break
        if len(text) > depth:
            line = number
    return Wording(
        f"this blank line holds more spaces than the first line of text below it "
        f"(line {first_text + 1})",
        (line, depth),
        "remove the spaces at the end of the blank lines, or give the indentation as a digit "
        "after '|' or '>' (for example `|2`)",
    )


def directive(stop: Stop) -> Wording:
    """A line that starts with '%': a directive that is not valid, asks for another YAML
    version, is given twice, or is not a directive at all but a value inside the document."""
    if "incompatible" in stop.problem:
        return _version(stop)
    if "duplicate" in stop.problem:
        name = "%TAG" if "tag" in stop.problem.lower() else "%YAML"
        return Wording(
            f"the {name} directive is given twice",
            (stop.line, 0),
            f"remove one of them: {NO_DIRECTIVES}",
        )
    misplaced = _misplaced_directive(stop)
    if misplaced is not None:
        return misplaced
    line = stop.opened[0] if stop.opened else stop.line
    return Wording(
        "a line that starts with '%' is a YAML directive, and this one is not valid",
        (line, 0),
        f"remove it ({NO_DIRECTIVES}), or quote a value that starts with '%'",
    )


def _version(stop: Stop) -> Wording:
    line = next(
        (n for n, text in enumerate(stop.lines) if DIRECTIVE_VERSION.match(text)), stop.line
    )
    version = DIRECTIVE_VERSION.match(stop.line_text(line))
    asked = f"YAML {version.group(1)}" if version else "another YAML version"
    return Wording(
        f"this file asks for {asked}; cjm reads YAML 1.2",
        (line, 0),
        f"remove the %YAML line: {NO_DIRECTIVES}",
    )


def _misplaced_directive(stop: Stop) -> Wording | None:
    """A line starting with '%' after the document began, if there is one before where the
    parser stopped: both parsers read it as a directive for a next document."""
    seen_content = False
    for number, text in enumerate(stop.lines[: stop.line + 1]):
        if text.startswith("%") and seen_content:
            return Wording(
                "a line inside the document cannot start with '%': YAML reads it as a directive",
                (number, 0),
                f"quote the value: {quoted(value_from(text, 0))}",
            )
        stripped = text.strip()
        if stripped and not stripped.startswith(("#", "%")):
            seen_content = True
    return None


def document(stop: Stop) -> Wording:
    """Text after the end-of-document marker, or directives without a start marker."""
    if stop.line_text().startswith("...") or "after document end" in stop.problem:
        return Wording(
            "unexpected text after '...', the end of the document",
            stop.here,
            "remove the '...' line, or what follows it: a map is one document",
        )
    misplaced = _misplaced_directive(stop)
    if misplaced is not None:
        return misplaced
    return Wording(
        "the directives above must be followed by '---', the start of the document",
        stop.here,
        f"add a line '---' before the first key, or remove the directives ({NO_DIRECTIVES})",
    )
