"""Lines and keys out of place: indentation, a missing ':', a stray ':', a list item where
a key belongs, a character that cannot start a value, a tab, a key too long."""

from __future__ import annotations

import re

from cjm.load.syntax.stop import Stop, Wording, content_column, indentation, quoted, value_from

# YAML limits a key written without '?' to this many characters.
MAX_SIMPLE_KEY = 1024


def tab(stop: Stop) -> Wording:
    if stop.line_text()[: stop.column].strip(" \t-"):
        return Wording(
            "a tab character where YAML expects a space", stop.here, "replace it with a space"
        )
    return Wording(
        "a tab character: YAML indentation must use spaces",
        stop.here,
        "replace the tab with spaces",
    )


def block_end(stop: Stop) -> Wording:
    """The parser expected the next entry of a block mapping or list, or its end."""
    text = stop.line_text()
    if stop.column > indentation(text):
        return _after_value(stop, text)
    in_list = "collection" in stop.context or "'-' indicator" in stop.problem
    in_line = stop.opened is not None and stop.column == stop.opened[1]
    if stop.char == "-" and not in_list and in_line:
        return Wording(
            "a list item ('- ') where the mapping above expects 'key: value'",
            stop.here,
            "a mapping cannot hold list items: if the lines above belong to the list, start "
            "each with '- '; otherwise put the list under a key of its own",
        )
    if in_list and stop.char != "-" and in_line:
        hint = "start every item of a list with '- ', at the same indentation"
        previous = stop.previous_line(stop.line)
        column = content_column(stop.lines[previous]) if previous is not None else 0
        above = _what_starts(stop.lines[previous], column) if previous is not None else ""
        if previous is not None and column > stop.column and above.startswith("`"):
            hint = (
                f"if this line belongs to the item above, indent it by {column} spaces to "
                f"line up with {above} on line {previous + 1}; otherwise {hint}"
            )
        return Wording("'key: value' where the list above expects an item ('- ')", stop.here, hint)
    return Wording(
        "the indentation here does not line up with the lines above",
        stop.here,
        _line_up_hint(stop),
    )


def _after_value(stop: Stop, text: str) -> Wording:
    before = text[: stop.column].rstrip()
    ended = before[-1:]
    if ended in ("'", '"'):
        hint = (
            "a value that starts with a quote ends at its closing quote: quote the whole "
            f"value, or remove the quotes ({ended} is then part of the text)"
        )
    elif ended in ("]", "}"):
        hint = (
            "a value that starts with '[' or '{' is a list or a mapping: quote the whole "
            "value to keep it as text"
        )
    else:
        hint = "quote the whole value"
    return Wording("unexpected text after the end of the value", stop.here, hint)


def _line_up_hint(stop: Stop) -> str:
    """Where the line could go: in line with the entries the parser was reading, or with
    the line above."""
    options: list[tuple[int, int]] = []  # (column, line)
    if stop.opened is not None:
        options.append((stop.opened[1], stop.opened[0]))
    previous = stop.previous_line(stop.line)
    if previous is not None:
        above = stop.lines[previous]
        dashes = stop.char == "-" and above.lstrip().startswith("-")
        column = indentation(above) if dashes else content_column(above)
        if all(column != known for known, _ in options):
            options.append((column, previous))
    own = indentation(stop.line_text())
    worded = [
        f"by {column} {'space' if column == 1 else 'spaces'} to line up with "
        f"{_what_starts(stop.lines[line], column)} on line {line + 1}"
        for column, line in options
        if column != own
    ]
    if not worded:
        return "indent entries of one mapping or list by the same number of spaces"
    return "indent it " + ", or ".join(worded)


def _what_starts(line: str, column: int) -> str:
    if line[column : column + 1] == "-":
        return "the '- '"
    key = re.match(r"[^:#]*?(?=:(?:\s|$))", line[column:])
    return f"`{key.group().strip()}`" if key and key.group().strip() else "the text"


def stray_colon(stop: Stop) -> Wording:
    """A ':' where no key may end: in a value, or after text that began on a line above."""
    too_long = long_key(stop)
    if too_long is not None:
        return too_long
    text = stop.line_text()
    starts_line = ": " not in text[: stop.column] and stop.column > content_column(text)
    previous = stop.previous_line(stop.line)
    if not starts_line or previous is None:
        hint = "a value that contains ': ' must be quoted"
        return Wording("unexpected ':' here", stop.here, hint)
    above = stop.lines[previous]
    if indentation(text) > content_column(above) and ":" in above:
        hint = (
            f"this line is indented deeper than line {previous + 1}, so it reads as more of "
            f"that line's value: indent it by {content_column(above)} spaces like the key "
            "above, or quote a value that contains ': '"
        )
    else:
        hint = (
            f"line {previous + 1} has no ':' after its key, so this line reads as more of "
            f"it: add the ':' on line {previous + 1}, or quote a value that contains ': '"
        )
    return Wording(
        f"unexpected ':' here: YAML reads this line as more of line {previous + 1}",
        stop.here,
        hint,
    )


def long_key(stop: Stop) -> Wording | None:
    """A key over the length YAML allows, if the ':' where the parser stopped ends one."""
    if stop.char != ":":
        return None
    key = stop.key_before(stop.line, stop.column)
    if len(key) <= MAX_SIMPLE_KEY:
        return None
    start = stop.line_text().find(key)
    return Wording(
        f"this key is {len(key):,} characters long: YAML allows at most "
        f"{MAX_SIMPLE_KEY:,} in a key",
        (stop.line, max(start, 0)),
        "shorten the key; long text belongs in a value",
    )


def list_item(stop: Stop) -> Wording:
    before = stop.line_text()[: stop.column].rstrip()
    if before.endswith(":"):
        message = "a list cannot start on the same line as its key"
    else:
        message = "a list item ('- ') cannot start here"
    return Wording(
        message,
        stop.here,
        "start the list on the next line, indented under its key, or write it in brackets: "
        "[a, b]; quote a value that starts with '- '",
    )


def question_mark(stop: Stop) -> Wording:
    return Wording("a '?' key cannot start here", stop.here, "quote a value that starts with '? '")


def missing_colon(stop: Stop) -> Wording:
    return Wording(
        "expected 'key: value' here: this line has no ':'",
        stop.opened or stop.here,
        "add ': ' after the key, or indent the line if it goes on with the value above it",
    )


def cannot_start(stop: Stop) -> Wording:
    value = value_from(stop.line_text(), stop.column)
    return Wording(
        f"'{stop.char}' cannot start a value",
        stop.here,
        f"quote the value: {quoted(value)}" if value else "quote the value",
    )


def colon_in_value(stop: Stop) -> Wording:
    return Wording("unexpected ':' here", stop.here, "quote the value")
