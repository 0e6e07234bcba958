"""Pieces of table cells the site writes in Python for its long tables (the register,
the backlog, the KPI board): a Jinja macro call per cell is too slow for thousands of rows.

Every user text passes :func:`shown` (escaped, its bidirectional controls made visible,
as the templates' ``finalize`` does); the strings returned are markup, to be joined and
marked safe once by the caller.
"""

from __future__ import annotations

import functools
from typing import Any

from markupsafe import escape

from cjm.display import reveal_bidi_controls
from cjm.site.environment import environment


def shown(text: str) -> str:
    """User text, escaped, its bidirectional controls made visible."""
    return str(escape(text if text.isascii() else reveal_bidi_controls(text)))


def isolated(text: str) -> str:
    """User text in a ``<bdi>``: it keeps its own direction beside the text around it."""
    return f"<bdi>{shown(text)}</bdi>"


def linked(href: str | None, text: str) -> str:
    """A link to ``href`` reading ``text`` (the text alone when there is no target).
    In a ``lean`` table the stylesheet gives links and cells the direction of their own
    text, so neither needs a ``dir``."""
    if href is None:
        return shown(text)
    return f'<a href="{escape(href)}">{shown(text)}</a>'


@functools.cache
def macros() -> Any:
    """The report's template macros."""
    return environment().get_template("macros.j2").module


@functools.cache
def severity_chip(severity: str, level: str) -> str:
    """The report's severity chip."""
    return str(macros().severity_chip(severity, level))


def status_classes(status: str) -> str:
    """The register's short status classes: ``st`` styles a status as the report's
    ``status`` does, ``st-open`` and the like draw its icon (see ``site.css``)."""
    return f"st st-{escape(status)}"


def status_words(status: str) -> str:
    return str(escape(status.replace("-", " ")))


@functools.cache
def status_word(status: str) -> str:
    """The status as a word, with its icon."""
    return f'<span class="{status_classes(status)}">{status_words(status)}</span>'
