"""Canonical formatting of maps, shared definition files and ``cjm.yaml`` (``cjm fmt``).

``format_text`` rewrites the layout of a file and nothing else: the data read back is
equal to the data before (same keys, values and types), every comment is kept, and
formatting the result again changes nothing. A file that does not parse, or that is not
a valid document of its kind, is refused with the loader's diagnostics.

The canonical layout
--------------------

Key order
    Every mapping whose model is known follows the field order of that model
    (:class:`~cjm.model.JourneyMap`, stages, steps, pain points, KPIs, emotions,
    activities, opportunities, personas, teams, touchpoints, evidence, ``cjm.yaml`` and
    its lint settings, and every part format 1.0 added: branches, KPIs with baselines,
    work links, per-persona detail, the workspace vocabulary). ``format``, the version a
    file is written in, is the first field of every file's model, so it comes first
    (after the header comments). A merge key ``<<`` comes first. Keys starting with
    ``x-`` (a team's own fields) follow the known keys, in the order they were written,
    with their comments; what they hold is left in its written order. Mappings of free
    keys (``demographics``, ``emotions`` by persona, lint ``options`` and ``severity``)
    keep the order they were written in. If moving keys would put an alias before its
    anchor, mappings that hold anchors or aliases keep their order.

Indentation and spacing
    Two spaces per level. A block sequence is indented under its key (``key:`` then
    ``  - item``); a mapping in a sequence starts on the dash line (``- id: x``). One
    space after ``:`` and ``-``; flow collections are written ``[a, b]`` and
    ``{k: v}`` on one line. A value written on the line after its key moves up to the
    key's line. Tabs between tokens become spaces.

Styles
    Each collection keeps its flow or block style, except that a flow collection holding
    a comment is written in block style (a comment cannot live inside one line). Each
    scalar keeps its text exactly as written: plain stays plain, quotes and escapes stay
    as they are, ``~`` stays ``~``, ``0x1F`` stays ``0x1F``, ``2026-10-01`` stays
    unquoted and ``yes`` stays text. A scalar written over several lines keeps its line
    breaks (continuation lines are re-indented; nothing is ever re-wrapped), except inside
    a flow collection, where it is joined onto one line. Block scalars (``|``, ``>``) keep
    their content lines, re-indented; the indentation indicator is written only when the
    text starts with a space. Anchors, tags, aliases and merge keys stay as written.
    Quoting is never normalised on purpose: the same file is often read by other YAML
    tools, and a YAML 1.1 reader takes an unquoted ``yes``, ``on`` or ``0777`` for
    something else than cjm (YAML 1.2) does, so dropping or changing quotes could change
    their data.

Comments and blank lines
    The comment lines above the first key of the file (a
    ``# yaml-language-server: $schema=...`` line, a licence, a note on the whole file)
    are its header and stay first, whichever key comes first. A comment at the end of a
    line stays at the end of that entry's line, with the spacing it had. Comment lines
    above any other entry belong to it and move with it when keys are reordered; comment
    lines after the last entry of a block, indented at least as deep as that block, stay
    at its end. Comment lines are re-indented to their entry; comments above a ``%``
    directive stay above it, and a comment after a directive stays on its line. Runs of
    blank lines become one blank line; blank lines at the start and end of the file are
    dropped.

The file
    No document start or end markers (``---`` is kept only after ``%`` directives). No
    trailing spaces, except inside a block scalar where they are text. One final newline.
    A byte order mark is dropped; line breaks are written in the style of the first one
    in the input (CRLF stays CRLF).

Before returning, the result is read back: if its data or its comments differ from the
input, :class:`FormatError` is raised instead, so the formatter can never lose anything.
"""

from __future__ import annotations

import re
from pathlib import Path

from ruamel.yaml.error import YAMLError

from cjm.fmt.canonical import is_canonical
from cjm.fmt.comments import attach_comments
from cjm.fmt.common import MODELS, FormatError, Kind
from cjm.fmt.emit import Emitter
from cjm.fmt.order import order_keys
from cjm.fmt.safety import BUG_MESSAGE, check_unchanged, same_data
from cjm.fmt.source import Source
from cjm.fmt.tree import TreeBuilder, TreeDocument
from cjm.load.collector import collector_paused
from cjm.load.document import parse_document


def format_text(text: str, kind: Kind, *, path: str = "<text>", fast: bool = True) -> str:
    """The canonical layout of ``text``, a document of ``kind``; ``path`` names it in errors.

    With ``fast``, a text already in the canonical layout in the plain shape most maps
    have is recognised line by line (:mod:`cjm.fmt.canonical`), and any other is scanned
    by libyaml where it can be; without, every text is scanned by ruamel.yaml's
    pure-Python parser and formatted in full. Both give the same result; ``fast`` takes a
    fraction of the time and memory.

    Raises :class:`FormatError` when the text is not a valid document of that kind, or
    (a bug) when the result would not hold the same data and comments.
    """
    newline = _newline_style(text)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    with collector_paused():
        return _format(text, kind, path, newline, fast)


def _format(text: str, kind: Kind, path: str, newline: str, fast: bool) -> str:
    diagnostics = parse_document(Path(path), path, text, MODELS[kind]).diagnostics
    if diagnostics:
        first = diagnostics[0]
        raise FormatError(f"{path}:{first.line}:{first.column}: {first.message}", diagnostics)
    if fast and is_canonical(text, MODELS[kind]):
        # Known to be written back as it stands: the usual case, told without a tree.
        return text.replace("\n", newline) if newline != "\n" else text
    try:
        source, tree = _read(text, fast)
    except YAMLError as error:
        # libyaml accepted what the pure-Python parser, which cjm fmt needs, does not.
        mark = getattr(error, "problem_mark", None)
        place = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else path
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise FormatError(f"{place}: cannot be formatted: {problem}") from None
    attach_comments(tree, source)
    order_keys(tree, MODELS[kind])
    emitter = Emitter(source)
    result = emitter.document(tree)
    del tree
    if result != text:  # a text the formatter leaves as it is holds the same data
        check_unchanged(text, result, path)
    if emitter.comments != source.comment_texts():
        raise FormatError(f"{path}: {BUG_MESSAGE} (comments would be lost); please report this")
    return result.replace("\n", newline) if newline != "\n" else result


def _read(text: str, fast: bool) -> tuple[Source, TreeDocument]:
    """The scanned text and its tree. libyaml refuses a few texts that ruamel.yaml's
    pure-Python parser (YAML 1.2) reads: those are read again with that one."""
    source = Source.parse(text, fast=fast)
    try:
        return source, TreeBuilder(source).build()
    except YAMLError:
        if not source.fast:
            raise
    source = Source.parse(text, fast=False)
    return source, TreeBuilder(source).build()


def _newline_style(text: str) -> str:
    match = re.search("\r\n|\r|\n", text)
    return match.group() if match else "\n"


__all__ = ["FormatError", "Kind", "format_text", "same_data"]
