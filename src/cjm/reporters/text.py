"""Compiler-style text for people: the location, the message, the line and a caret.

    maps/trial.yaml:12:5: error CJM003 unknown key 'titel' in stage; did you mean 'title'?
       |
    12 |     titel: Sign up
       |     ^^^^^
       = hint: ...

Diagnostics are grouped by file (they arrive sorted) and a summary line closes the report.
Styles are attached as rich markup spans; a plain rendering drops them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.text import Text

from cjm.check import CheckResult
from cjm.diagnostics import Diagnostic, Severity
from cjm.reporters.base import count_by_severity
from cjm.reporters.escape import UNSAFE, printable
from cjm.wording import plural

SEVERITY_STYLES = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "bold cyan",
}
# A source line longer than this is shown as a window around the column.
MAX_SHOWN = 120
# How many diagnostics go into one piece of a report printed as it is made.
PIECE_DIAGNOSTICS = 200
# What ends a line for str.splitlines, which numbers the lines that excerpts show.
LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def source_lines(text: str, wanted: set[int]) -> dict[int, str]:
    """The lines of ``text`` numbered in ``wanted`` (1-based), as ``text.splitlines()``
    numbers and cuts them; a number past the last line is left out.

    Only the wanted lines are made: splitting a large file whole takes several times
    its size, for the few lines a report shows.
    """
    found: dict[int, str] = {}
    if not wanted:
        return found
    last = max(wanted)
    number, start = 1, 0
    for match in LINE_BREAK.finditer(text):
        if number in wanted:
            found[number] = text[start : match.start()]
        number, start = number + 1, match.end()
        if number > last:
            return found
    if start < len(text) and number in wanted:
        found[number] = text[start:]
    return found


def printable_source(line: str) -> str:
    """A source line with each unsafe character shown as one replacement character,
    so that the caret below still lines up."""
    return UNSAFE.sub("\ufffd", line)


def _window(line: str, column: int) -> tuple[str, int]:
    """Clip a long ``line`` around 1-based ``column``; return it and the shifted column."""
    line = printable_source(line.replace("\t", " ").rstrip("\r\n"))
    if len(line) <= MAX_SHOWN:
        return line, column
    start = max(0, min(column - MAX_SHOWN // 2, len(line) - MAX_SHOWN))
    shown = line[start : start + MAX_SHOWN]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + MAX_SHOWN < len(line) else ""
    return prefix + shown + suffix, column - start + len(prefix)


class TextReporter:
    def render(self, result: CheckResult) -> Text:
        out = Text()
        for piece in self.pieces(result):
            out.append_text(piece)
        return out

    def pieces(self, result: CheckResult, *, release: bool = False) -> Iterator[Text]:
        """The report in pieces, each ending at the end of a line, made as they are
        asked for; joined, they are :meth:`render`. A file's lines are taken from
        ``result.sources`` when its first finding comes, and only the lines shown.
        ``release`` takes each file's entry out of ``result.sources`` after its last
        finding, so that its text can be freed while the rest is printed."""
        wanted: dict[str, set[int]] = {}
        remaining: dict[str, int] = {}
        for diagnostic in result.diagnostics:
            wanted.setdefault(diagnostic.path, set()).add(diagnostic.location.line)
            remaining[diagnostic.path] = remaining.get(diagnostic.path, 0) + 1
        lines: dict[str, dict[int, str]] = {}
        out = Text()
        for count, diagnostic in enumerate(result.diagnostics, start=1):
            path = diagnostic.path
            if path not in lines:
                text = result.sources.get(path)
                lines[path] = source_lines(text, wanted.pop(path)) if text is not None else {}
            self._diagnostic(out, diagnostic, lines[path])
            remaining[path] -= 1
            if not remaining[path]:
                del lines[path]
                if release:
                    result.sources.pop(path, None)
            if count % PIECE_DIAGNOSTICS == 0:
                yield out
                out = Text()
        out.append(self._summary(result))
        out.append("\n")
        yield out

    def _diagnostic(self, out: Text, diagnostic: Diagnostic, lines: dict[int, str]) -> None:
        location = diagnostic.location
        out.append(
            f"{printable(diagnostic.path)}:{location.line}:{location.column}: ", style="bold"
        )
        out.append(diagnostic.severity.value, style=SEVERITY_STYLES[diagnostic.severity])
        out.append(f" {diagnostic.code.code}", style="dim")
        out.append(f" {printable(diagnostic.message)}\n")
        line = lines.get(location.line)
        if line is not None:
            number = str(location.line)
            gutter = " " * len(number)
            shown, column = _window(line, location.column)
            width = 1
            if location.end_column is not None:
                width = max(1, min(location.end_column - location.column, len(shown)))
            out.append(f" {gutter} |\n", style="blue")
            out.append(f" {number} | ", style="blue")
            out.append(f"{shown}\n")
            out.append(f" {gutter} | ", style="blue")
            out.append(" " * (column - 1) + "^" * width + "\n", style="bold red")
            indent = f" {gutter} "
        else:
            indent = "  "
        if diagnostic.hint:
            out.append(f"{indent}= hint: ", style="bold cyan")
            out.append(f"{printable(diagnostic.hint)}\n")
        for path, related in diagnostic.related:
            place = f"{printable(path)}:{related.line}:{related.column}"
            out.append(f"{indent}= see: {place}\n", style="dim")
        out.append("\n")

    def _summary(self, result: CheckResult) -> Text:
        checked = plural(len(result.files), "file")
        if not result.diagnostics:
            return Text(f"No problems found in {checked}.", style="bold green")
        counts = count_by_severity(result)
        parts = [plural(count, severity.value) for severity, count in counts.items() if count]
        with_problems = len({d.path for d in result.diagnostics})
        return Text(
            f"Found {', '.join(parts)} in {plural(with_problems, 'file')} ({checked} checked).",
            style="bold",
        )
