"""The text edits of a migration: a key added first, a ``$schema`` line repointed.

Both work on the text as written, so that nothing else in the file changes: positions
come from ruamel.yaml's pure-Python parser (YAML 1.2), whose marks count characters of
the text it was given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
)


class EditError(Exception):
    """The text cannot be edited safely; the message says why."""


@dataclass(frozen=True)
class _Root:
    """Where the top-level mapping's content starts."""

    flow: bool
    # Character offset and column of the first key (with its anchor or tag), or, for an
    # empty flow mapping, of its closing brace.
    offset: int
    column: int
    empty: bool


def _root(text: str) -> _Root:
    events = YAML(typ="rt", pure=True).parse(text)
    for event in events:
        if isinstance(event, CollectionStartEvent | NodeEvent):
            if not isinstance(event, MappingStartEvent):
                raise EditError("the top level of the file is not a mapping of keys")
            flow = bool(event.flow_style)
            first = next(events)
            mark = first.start_mark
            return _Root(flow, mark.index, mark.column, isinstance(first, MappingEndEvent))
    raise EditError("the file is empty")


def newline_of(text: str) -> str:
    """The line break the file uses (its first one), LF for a file of one line."""
    match = re.search("\r\n|\r|\n", text)
    return match.group() if match else "\n"


def header_end(text: str) -> int:
    """The offset where the file's top-level content starts: the header comments (a
    ``$schema`` line, a licence) are the lines before it."""
    root = _root(text)
    return root.offset - root.column


def insert_first_key(text: str, line: str) -> str:
    """``text`` with ``line`` (``key: value``) added as the first key of its top-level
    mapping, at the indentation of the key that was first, after the header comments."""
    root = _root(text)
    at = root.offset
    if root.flow:
        return text[:at] + (line if root.empty else line + ", ") + text[at:]
    start = at - root.column
    before = text[start:at]
    newline = newline_of(text)
    if not before.strip():
        return text[:start] + before + line + newline + text[start:]
    raise EditError(
        f"cannot add a key before the first one, written after {before.strip()!r} on its "
        "line; run `cjm fmt` on the file first"
    )


MODELINE = re.compile(
    r"(?P<head>[ \t]*#[ \t]*yaml-language-server[ \t]*:[ \t]*\$schema=)(?P<ref>\S+)"
)
LEGACY_SCHEMA = re.compile(
    r"(?P<folder>(?:.*/)?schemas/)(?:0\.x/)?(?P<name>map|workspace|definitions)\.schema\.json"
)


def upgraded_reference(reference: str, version: str) -> str | None:
    """The schema ``reference`` of a ``$schema`` line pointed at ``version``'s schema next to
    it, or None when it names no schema of the 0.x format."""
    match = LEGACY_SCHEMA.fullmatch(reference)
    if match is None:
        return None
    return f"{match['folder']}{version}/{match['name']}.schema.json"


def repoint_modeline(text: str, version: str) -> tuple[str, str | None]:
    """``text`` with the ``$schema`` line among its header comments pointed at the
    ``version`` schema, and the new reference (None when there was nothing to repoint)."""
    end = header_end(text)
    offset = 0
    for line in text[:end].splitlines(keepends=True):
        match = MODELINE.match(line)
        if match is not None:
            new = upgraded_reference(match["ref"], version)
            if new is not None:
                start, stop = offset + match.start("ref"), offset + match.end("ref")
                return text[:start] + new + text[stop:], new
        offset += len(line)
    return text, None
