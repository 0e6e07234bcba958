"""The findings of a check as the terminal shows them, for the page.

The text is :class:`~cjm.reporters.text.TextReporter`'s, the formatter of
``cjm validate``: the same ``file:line:col: error CJMxxx message`` lines, source lines,
carets, hints and summary, in the same colours, turned into HTML by rich (which escapes
every character of the maps' text).
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.terminal_theme import TerminalTheme
from rich.text import Text

from cjm.check import CheckResult
from cjm.reporters.text import TextReporter

# A dark terminal: the panel reads like the terminal the findings also go to.
PANEL_THEME = TerminalTheme(
    (24, 26, 31),
    (226, 228, 233),
    [
        (24, 26, 31),
        (255, 107, 107),
        (120, 220, 140),
        (250, 204, 90),
        (110, 168, 254),
        (214, 140, 250),
        (90, 215, 230),
        (226, 228, 233),
    ],
    [
        (110, 115, 125),
        (255, 140, 140),
        (150, 235, 165),
        (255, 220, 130),
        (150, 190, 255),
        (230, 170, 255),
        (130, 230, 240),
        (255, 255, 255),
    ],
)
# Wide enough that rich never wraps a line itself; the page wraps long lines.
WIDTH = 10_000


def findings_text(result: CheckResult) -> Text:
    """The report ``cjm validate`` prints for ``result``."""
    return TextReporter().render(result)


def text_html(text: Text) -> str:
    """``text`` as HTML: escaped, each style an inline ``<span style>``, in no wrapper."""
    console = Console(
        file=io.StringIO(),
        record=True,
        width=WIDTH,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        emoji=False,
    )
    console.print(text, end="", soft_wrap=True)
    return console.export_html(theme=PANEL_THEME, inline_styles=True, code_format="{code}")
