"""Terminal output shared by the commands: consoles for stdout and stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.text import Text


# No emoji codes: `maps/x.yaml:100:5` must not print as `maps/x.yaml💯5`.
def stdout() -> Console:
    return Console(highlight=False, soft_wrap=True, emoji=False)


def stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def error(message: str) -> None:
    """Print a usage or configuration error the way every command does."""
    console = stderr()
    console.print("[bold red]error:[/] ", end="")
    console.print(message, markup=False)


def note(message: str) -> None:
    """Print something worth knowing that is not a problem in a file."""
    console = stderr()
    console.print("[bold cyan]note:[/] ", end="")
    console.print(message, markup=False)


# How many lines of a styled report are rendered at a time.
REPORT_PIECE_LINES = 1000


def _line_breaks(text: str, every: int) -> list[int]:
    """The offsets just after every ``every``-th line break of ``text``, before its end."""
    offsets: list[int] = []
    position = 0
    while True:
        for _ in range(every):
            position = text.find("\n", position) + 1
            if position == 0:
                return offsets
        if position >= len(text):
            return offsets
        offsets.append(position)


def write_report(report: Text | str) -> None:
    """Print a report: styled text through rich, machine formats byte for byte."""
    if isinstance(report, Text):
        console = stdout()
        # A piece at a time: rich renders what it prints whole, and a long report whole
        # takes several times its size in memory. The output is the same.
        for piece in report.divide(_line_breaks(report.plain, REPORT_PIECE_LINES)):
            console.print(piece, end="")
    else:
        sys.stdout.write(report)
        sys.stdout.flush()


def write_report_pieces(pieces: Iterable[Text]) -> None:
    """Print a styled report given in pieces that each end at the end of a line, as
    :func:`write_report` prints them joined; each piece is let go once printed.

    Without colours (output to a file or a pipe, as in CI, or ``TERM=dumb``) the pieces
    are written as their plain text: rich would print the same characters, after
    rendering every span. The pieces must hold only printable text (the text reporter
    writes every control character as an escape), which is what makes the two equal.
    """
    console = stdout()
    if console.color_system is None:
        for piece in pieces:
            sys.stdout.write(piece.plain)
        sys.stdout.flush()
        return
    for piece in pieces:
        console.print(piece, end="")


def shown_path(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it, else absolute."""
    absolute = path.absolute()
    here = Path.cwd()
    if absolute.is_relative_to(here):
        return absolute.relative_to(here).as_posix() or "."
    return absolute.as_posix()
