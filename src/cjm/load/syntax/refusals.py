"""Text the parsers refuse, or trip over, before any question of syntax: characters no
YAML text may hold, escapes that name no character, a YAML version cjm does not read."""

from __future__ import annotations

import re

from ruamel.yaml.reader import ReaderError

from cjm.diagnostics import INPUT_REFUSED, YAML_SYNTAX, Diagnostic, Location, Severity
from cjm.load.syntax.markers import DIRECTIVE_VERSION, NO_DIRECTIVES
from cjm.load.syntax.stop import split_lines

# The pure-Python parser trips over two inputs with errors that are not YAML errors: a
# %YAML directive asking for a version other than 1.1 or 1.2 (AssertionError), and an
# escape naming a code point past U+10FFFF (ValueError or OverflowError from chr()).
PARSER_SLIPS = (AssertionError, ValueError, OverflowError)
_LONG_ESCAPE = re.compile(r"\\U[0-9A-Fa-f]{8}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def reader_diagnostic(path: str, text: str, error: ReaderError) -> Diagnostic:
    """The diagnostic of a character no YAML text may hold."""
    offset = max(0, min(int(error.position), len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    character = error.character
    shown = f"U+{character:04X}" if isinstance(character, int) else repr(character)
    return Diagnostic(
        INPUT_REFUSED,
        Severity.ERROR,
        f"control character {shown} is not allowed in YAML text",
        path,
        Location(line, column),
        "remove it; binary data does not belong in a map",
    )


def slip_diagnostic(path: str, text: str, error: Exception) -> Diagnostic:
    """The diagnostic of one of :data:`PARSER_SLIPS`, placed by finding its cause."""
    for number, line in enumerate(split_lines(text)):
        version = DIRECTIVE_VERSION.match(line)
        if isinstance(error, AssertionError) and version is not None:
            return Diagnostic(
                YAML_SYNTAX,
                Severity.ERROR,
                f"this file asks for YAML {version.group(1)}; cjm reads YAML 1.2",
                path,
                Location(number + 1, 1),
                f"remove the %YAML line: {NO_DIRECTIVES}",
            )
        for escape in _LONG_ESCAPE.finditer(line):
            if int(escape.group()[2:], 16) > 0x10FFFF:
                return Diagnostic(
                    YAML_SYNTAX,
                    Severity.ERROR,
                    f"'{escape.group()}' is not a valid escape in double-quoted text: it "
                    "names no Unicode character",
                    path,
                    Location(number + 1, escape.start() + 1),
                    "`\\U` escapes go up to \\U0010FFFF; write the character itself, or the "
                    "code of a character",
                )
    return Diagnostic(
        YAML_SYNTAX, Severity.ERROR, f"the YAML parser could not read this file: {error}", path
    )


def surrogate(value: str) -> tuple[str, str] | None:
    """Message and hint for double-quoted text whose escapes make half of a UTF-16
    surrogate pair (``"\\ud800"``): it is no character, libyaml refuses it, and no file can
    hold it. None when ``value`` has none."""
    found = _SURROGATE.search(value)
    if found is None:
        return None
    return (
        f"'\\u{ord(found.group()):04x}' in double-quoted text is half of a UTF-16 surrogate "
        "pair, not a character",
        "write the character itself, or its code as `\\U` and 8 hexadecimal digits (\\U0001F600)",
    )
