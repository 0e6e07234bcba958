"""Inline suppressions: ``# cjm: ignore[stale-map]`` silences one finding where it stands.

A suppression comment at the end of a line covers that line; on a line of its own it
covers the next line that holds YAML. It names rules by code or name, separated by
commas. A suppression that silences nothing is itself reported (``unused-suppression``),
so that stale ones do not pile up.

Comments are found by scanning the text: a ``#`` that starts a line or follows a space
begins a comment, as in YAML. (A ``# cjm: ignore[...]`` written inside a quoted string
would be read as a suppression too; nobody writes that by accident.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from cjm.diagnostics import Location

DIRECTIVE = re.compile(r"(?:^|(?<=\s))#\s*cjm:\s*ignore\[(?P<names>[^\]]*)\]")


@dataclass
class Suppression:
    """One ``# cjm: ignore[...]`` comment."""

    location: Location
    target_line: int
    names: list[tuple[str, int]]  # each name with its column
    used: set[str] = field(default_factory=set)


def find_suppressions(text: str | Iterable[str]) -> list[Suppression]:
    """Every suppression comment of ``text``, or of the text whose lines are given (as
    :meth:`str.splitlines` gives them), with the line each one covers."""
    lines = text.splitlines() if isinstance(text, str) else text
    found: list[Suppression] = []
    pending: list[Suppression] = []
    for number, line in enumerate(lines, start=1):
        if pending:
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                for waiting in pending:
                    waiting.target_line = number
                pending = []
        if "cjm:" not in line:  # the usual line: no directive can be in it
            continue
        match = DIRECTIVE.search(line)
        if match is None:
            continue
        names = []
        offset = match.start("names")
        for part in re.finditer(r"[^,\s]+", match["names"]):
            names.append((part.group(), offset + part.start() + 1))
        suppression = Suppression(Location(number, match.start() + 1), number, names)
        found.append(suppression)
        if line.lstrip().startswith("#"):
            pending.append(suppression)
    return found
