"""Writing edited data back into its YAML text, changing only what changed.

``read_data(text)`` gives the plain data of a document exactly as cjm's loader reads it
(YAML 1.2 core schema: ``yes`` and ``2026-10-01`` are text, not a boolean and a date).
A caller copies it, edits the copy and hands it to ``rewrite(text, new_data)``, which
returns the text with those edits made and everything else left as it was written:
comments, blank lines, key order, quoting, flow or block style, CRLF line breaks and a
byte order mark. ``rewrite(text, read_data(text)) == text`` for every document.

How
---

The text is parsed into nodes that know their character offsets
(:mod:`cjm.yamledit.tree`), with libyaml when it reads the text and ruamel.yaml's
pure-Python YAML 1.2 parser otherwise (or when libyaml's positions give a result that
does not read back). The old data and the new are compared along that tree
(:mod:`cjm.yamledit.engine`, positions in :mod:`cjm.yamledit.layout`), and each
difference becomes an edit of a range of the text; the document is never dumped again.

* A changed scalar is replaced where it stands, in its old style when that still reads
  back as the new value (plain stays plain, quotes stay the same quotes, a ``|`` block
  stays a block); otherwise it is quoted as needed (:mod:`cjm.yamledit.scalars`): text
  that would read as another type, to cjm or to a YAML 1.1 reader (``yes``, ``1.0``,
  ``2026-01-01``, ``null``, ``~``), or that holds ``: `` or `` #``, starts with an
  indicator or has blanks at either end, gets single quotes (double quotes with escapes
  when it has characters a single-quoted string cannot hold). Text with line breaks
  becomes a literal block (``|``, ``|-``, ``|+``); a folded block (``>-``) stays folded,
  its text wrapped at spaces before column 96. Numbers and booleans are written
  plainly; a ``datetime.date`` (or a ``datetime`` at midnight, as spreadsheets give
  dates) is written as plain ``YYYY-MM-DD`` and counts as that text, which is what it
  reads back as.
* A block mapping or sequence whose entries change is rebuilt from the text of its
  entries: each entry takes its own lines and the comment lines directly above it
  (blank lines and comments set apart by a blank line stay where they are). A removed
  entry's text goes; a kept one is copied with its own edits made; a new one is written
  in ``cjm fmt``'s canonical block layout (two-space indentation, ``- id: x`` with the
  mapping on the dash line, sequences indented under their key) at its siblings'
  indentation. A new mapping key goes after the key that precedes it in the new data
  (first when none does); existing keys keep their places. So a file in ``cjm fmt``'s
  layout stays in it when new keys come in the order of the model's fields (a team's
  ``x-`` keys last); blank lines never pile up where entries go.
* Sequence items that are all mappings with distinct ``id`` text are matched by id, so
  that reordering moves their text (and comments) and an edit inside one item touches
  only that item. Other sequences are matched by a longest common subsequence, and an
  equal item that moves takes its text along, as does a mapping that moves with its
  ``id`` while other values in it change. In both, a run of dropped and new items side
  by side is paired up and edited in place (an item whose id changed stays where it
  was, comments and all).
* A list or mapping emptied becomes ``[]`` or ``{}``; an empty ``[]`` or ``{}`` that
  gets entries becomes a block. Inside brackets, a changed value is replaced in place;
  a flow collection (``[a, b]``) that gains or loses entries is written again on one
  line, its unchanged entries as they were written.
* Comment lines indented deeper than an entry, right below it, stay with it. Comment
  lines that would come right below a block scalar's text (one just written, or one
  that ends the entry left before them when entries are removed or reordered) and are
  indented as deep as that text, which would take them in, move to the entries' column.
* The result is read back; if it does not hold exactly the new data, :class:`EditError`
  is raised (a bug) and nothing is returned.

Limits
------

A change to a value that is an alias (``*name``), carries an anchor (``&name``), or
comes from a merge (``<<``) is refused with the place at fault, as is removing or
rewriting text that holds an anchor some alias repeats. Comments inside a flow
collection that is written again are lost, as are the comments inside a value replaced
by one of another kind (a list that becomes text). Explicit keys (``? key``) cannot be
removed. Only one document per file, as cjm reads it. The ``\\r``-only line breaks
of old Mac files are not supported. Parsing and reading back cost about a second per
100 kB of YAML.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.error import YAMLError

from cjm.load.yamlread import read_yaml
from cjm.yamledit.engine import ROOT, Editor
from cjm.yamledit.layout import EditProblem, apply_edits
from cjm.yamledit.scalars import normalize, same
from cjm.yamledit.tree import Scalar, parse

__all__ = ["EditError", "read_data", "rewrite"]

BUG = "could not write the change without altering something else; please report this"


class EditError(Exception):
    """The text cannot be read or edited safely; the message says why and, where a place
    in the text is at fault, where (``path:line:column: ...``)."""


def read_data(text: str, *, path: str = "<text>") -> Any:
    """The plain data of a YAML document as cjm reads it: dicts, lists, text, int, float,
    bool and None (YAML 1.2: dates are text). Raises :class:`EditError` when the text is
    not a document cjm reads (a syntax error, a duplicate key, a refused tag...)."""
    document = read_yaml(text.removeprefix("\ufeff"), path)
    if document.diagnostics:
        first = document.diagnostics[0]
        raise EditError(f"{path}:{first.line}:{first.column}: {first.message}")
    return document.data


def rewrite(text: str, new_data: Any, *, path: str = "<text>") -> str:
    """``text`` changed so that ``read_data(result) == new_data``, touching only the
    parts whose data changed. Raises :class:`EditError` when that cannot be done safely."""
    old = read_data(text, path=path)
    try:
        new = normalize(new_data)
    except TypeError as error:
        raise EditError(f"{path}: cannot write a value of type {error} in YAML") from None
    if same(old, new):
        return text
    # libyaml's positions first (fast); if anything goes wrong with them, the pure-Python
    # parser's, which are the reference.
    try:
        result = _rewritten(text, old, new, path, fast=True)
    except EditError:
        result = None
    if result is None:
        result = _rewritten(text, old, new, path, fast=False)
    if result is None:
        raise EditError(f"{path}: {BUG}")
    return result


def _rewritten(text: str, old: Any, new: Any, path: str, *, fast: bool) -> str | None:
    """The edited text, or None when it does not read back as ``new``."""
    try:
        tree = parse(text, fast=fast)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = _place(path, text, mark.index) if mark is not None else path
        raise EditError(f"{place}: cannot be edited: {getattr(error, 'problem', error)}") from None
    editor = Editor(text, tree.aliases, _newline(text))
    try:
        root = tree.root or Scalar(len(text), len(text), None, empty=True)
        result = apply_edits(text, editor.edit(root, None, old, new, ROOT))
    except EditProblem as problem:
        place = _place(path, text, problem.at) if problem.at >= 0 else path
        raise EditError(f"{place}: {problem.message}") from None
    except TypeError as error:
        raise EditError(f"{path}: cannot write a value of type {error} in YAML") from None
    try:
        back = read_data(result, path=path)
    except EditError:
        return None
    return result if same(back, new) else None


def _newline(text: str) -> str:
    match = re.search("\r\n|\n", text)
    return match.group() if match else "\n"


def _place(path: str, text: str, at: int) -> str:
    line_start = text.rfind("\n", 0, at) + 1
    column = at - line_start + (0 if line_start or not text.startswith("\ufeff") else -1)
    return f"{path}:{text.count(chr(10), 0, at) + 1}:{column + 1}"
