"""Markdown as the reports write it: user text escaped so that it shows literally, and
the few blocks they are made of (tables, fenced code, links).

:func:`md` shows bidirectional controls as visible codes (a right-to-left override would
otherwise reverse the text after it), collapses the text onto one line and
backslash-escapes the characters that Markdown (and the HTML that Markdown allows) would
read as markup, so that text never becomes a link, a tag or a table cell boundary. Links
are made only for addresses that :func:`cjm.report.links.safe_href` allows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cjm.display import reveal_bidi_controls
from cjm.render.style import clean

# Characters that start markup anywhere in a line: emphasis, code, links and images
# (``[``), HTML (``<``, ``&``), table cells, strikethrough, headings, GitHub math (``$``)
# and mentions (``@``, which would notify people from a pull request).
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$@])")
_LINE_START = re.compile(r"^(\d*)([-+=>.)])")


def md(text: str | None) -> str:
    """``text`` on one line with every Markdown-special character escaped."""
    if not text:
        return ""
    return _SPECIAL.sub(r"\\\1", clean(reveal_bidi_controls(text)))


def md_block(text: str | None) -> str:
    """:func:`md` for text that starts a line, where ``-``, ``+``, ``>`` or ``1.`` would
    start a list or a quote."""
    text = md(text)
    match = _LINE_START.match(text)
    if match is None or (not match.group(1) and match.group(2) in ".)"):
        return text
    return f"{match.group(1)}\\{text[len(match.group(1)) :]}"


def link(text: str, href: str | None) -> str:
    """``[text](href)`` when ``href`` is a safe address, else the escaped text."""
    if href is None:
        return md(text)
    return f"[{md(text)}](<{href}>)"


def table(headers: list[str], rows: Iterable[list[str]]) -> list[str]:
    """A GitHub-flavoured Markdown table; cells must already be escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return [*lines, ""]


def fence(text: str, info: str) -> list[str]:
    """``text`` in a fenced code block longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    marks = "`" * max(3, longest + 1)
    return [f"{marks}{info}", text.rstrip("\n"), marks, ""]


def code(text: str) -> str:
    """Our own text as inline code (``text`` holds no backtick)."""
    return f"`{text}`"
