"""New values written in ``cjm fmt``'s canonical block layout, or on one line in brackets."""

from __future__ import annotations

from typing import Any

from cjm.yamledit.scalars import Block, key_text, scalar

INDENT = 2


def render_scalar(
    value: Any, style: str | None, *, fresh: bool, flow: bool, old_text: str = ""
) -> str | Block:
    """A scalar value; raises ``TypeError`` for a value YAML cannot hold."""
    return scalar(value, style=style, was_empty=fresh, flow=flow, old_text=old_text)


def _value_lines(head: str, value: Any, column: int) -> list[str]:
    """``head`` (``key:`` or ``-``, indented) followed by ``value``; what the value holds
    goes at ``column``."""
    if isinstance(value, dict) and value:
        return [head] + [line for k, v in value.items() for line in block_pair(k, v, column)]
    if isinstance(value, list) and value:
        return [head] + [line for item in value for line in block_item(item, column)]
    if isinstance(value, dict | list):
        return [head + (" {}" if isinstance(value, dict) else " []")]
    rendered = scalar(value, was_empty=True)
    if isinstance(rendered, Block):
        return [head + " " + rendered.header] + [
            " " * column + line if line else "" for line in rendered.content(column)
        ]
    return [head + " " + rendered]


def block_pair(key: str, value: Any, column: int) -> list[str]:
    """``key: value`` at ``column``, as lines without line breaks."""
    return _value_lines(" " * column + key_text(key) + ":", value, column + INDENT)


def block_item(value: Any, column: int) -> list[str]:
    """``- value`` at ``column``; a mapping or list starts on the dash line."""
    if isinstance(value, dict | list) and value:
        lines = _value_lines("", value, column + INDENT)[1:]
        return [" " * column + "- " + lines[0][column + INDENT :], *lines[1:]]
    return _value_lines(" " * column + "-", value, column + INDENT)


def flow_text(value: Any) -> str:
    """``value`` on one line: ``[a, b]``, ``{k: v}``."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key_text(k)}: {flow_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow_text(item) for item in value) + "]"
    rendered = scalar(value, was_empty=True, flow=True)
    assert isinstance(rendered, str)
    return rendered
