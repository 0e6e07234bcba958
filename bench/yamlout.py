"""A small YAML writer for the benchmark's generated files.

The generator builds plain dicts and lists in the key order of cjm's models, and this
module writes them in the layout `cjm fmt` produces (two-space indents, block sequences
under their key, short lists and emotions in flow style), so that `cjm fmt --check`
measures a workspace that is already tidy, as a maintained one would be.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any


class Flow(dict[str, Any]):
    """A mapping to write on one line, ``{score: -1, label: wary}``."""


class Block(list[Any]):
    """A list of text to write one item a line, for long sentences such as thoughts."""


# Text that YAML would read as something other than a plain string, or that breaks a line.
_SPECIAL_START = tuple("-?:,[]{}#&*!|>'\"%@`")
_NOT_TEXT = re.compile(
    r"^(?:~|null|true|false|yes|no|on|off|[-+]?\d[\d_.:eE+-]*|\.inf|\.nan)$", re.IGNORECASE
)


def scalar(value: Any, *, in_flow: bool = False) -> str:
    """``value`` as a YAML scalar: plain when that reads back as the same text, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    needs_quotes = (
        text == ""
        or text != text.strip()
        or text.startswith(_SPECIAL_START)
        or ": " in text
        or " #" in text
        or text.endswith(":")
        or _NOT_TEXT.match(text) is not None
        or (in_flow and any(c in text for c in ",[]{}"))
    )
    return json.dumps(text, ensure_ascii=False) if needs_quotes else text


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        items = ", ".join(f"{key}: {_flow(item)}" for key, item in value.items())
        return "{" + items + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return scalar(value, in_flow=True)


def _is_inline(value: Any) -> bool:
    """Whether ``value`` goes on its key's line: scalars, flow mappings, scalar lists."""
    if isinstance(value, Flow):
        return True
    if isinstance(value, Block):
        return False
    if isinstance(value, list):
        return all(not isinstance(item, dict | list) for item in value)
    return not isinstance(value, dict)


def _mapping(mapping: dict[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in mapping.items():
        if not isinstance(value, dict | list):
            lines.append(f"{pad}{key}: {scalar(value)}")
        elif _is_inline(value):
            lines.append(f"{pad}{key}: {_flow(value)}")
        elif isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines += _mapping(value, indent + 2)
        else:
            lines.append(f"{pad}{key}:")
            lines += _sequence(value, indent + 2)
    return lines


def _sequence(items: list[Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if isinstance(item, dict) and not isinstance(item, Flow):
            body = _mapping(item, indent + 2)
            lines.append(f"{pad}- {body[0].lstrip()}")
            lines += body[1:]
        elif isinstance(item, dict | list):
            lines.append(f"{pad}- {_flow(item)}")
        else:
            lines.append(f"{pad}- {scalar(item)}")
    return lines


def dump(document: dict[str, Any], header: str | None = None) -> str:
    """The YAML text of ``document``, with an optional first comment line."""
    lines = [header] if header else []
    lines += _mapping(document, 0)
    return "\n".join(lines) + "\n"
