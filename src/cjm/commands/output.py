"""Terminal output shared by the commands: consoles for stdout and stderr.

rich is imported when something is printed through it, not with this module: a command
that prints one plain line (``Rendered 1 file into out.``) writes it itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


# No emoji codes: `maps/x.yaml:100:5` must not print as `maps/x.yaml💯5`.
def stdout() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, emoji=False)


def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def say(message: str) -> None:
    """Print ``message`` and a line break on stdout, as ``stdout().print(message,
    markup=False)`` prints it, without loading rich when that is plain writing.

    It is when the message is printable ASCII (no control character, tab or character
    the terminal's encoding could lack) on a POSIX system: rich then writes the unstyled
    text as it is and flushes, and on a closed pipe exits with 1 as rich does. Any other
    message goes through rich, which strips control codes and expands tabs."""
    if not (message.isascii() and message.isprintable()) or sys.platform == "win32":
        stdout().print(message, markup=False)
        return
    try:
        sys.stdout.write(message + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        raise SystemExit(1) from None


def _quiet_stdout() -> None:
    """Send what is left of stdout to the null device, as rich does on a closed pipe (so
    that Python's flush at exit does not report the pipe again)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


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
    if isinstance(report, str):
        sys.stdout.write(report)
        sys.stdout.flush()
        return
    console = stdout()
    # A piece at a time: rich renders what it prints whole, and a long report whole
    # takes several times its size in memory. The output is the same.
    for piece in report.divide(_line_breaks(report.plain, REPORT_PIECE_LINES)):
        console.print(piece, end="")


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
