"""Telling, line by line, that a text is already in the canonical layout.

Most files ``cjm fmt`` meets are already formatted (CI runs ``cjm fmt --check`` on every
push). Building the layout tree to find that out costs more than validating the file, so a
text in the plain shape most maps have is first read here, one line at a time, without a
tree: if every line is of a form the formatter writes back as it stands, and every mapping
whose model is known has its keys in the model's order, the formatter would return the
text unchanged, and so does :func:`cjm.fmt.format_text`, without building anything.

The shape accepted is deliberately narrow; anything else (a tab, a comment after a lone
dash or a block scalar's header, an anchor or tag, a text over several lines other than
block text, a nested or multi-line flow collection, a quoted key, two blank lines in a
row...) answers "not known" and the text is formatted in full, as before. The forms:

* ``key: value`` and ``key:`` with the key at the column of its mapping; a plain key of
  letters, digits, ``_``, ``.`` and ``-``;
* ``- value``, ``-`` and ``- key: value`` (a mapping in a sequence, on the dash line);
* what a ``key:`` or ``- key:`` holds is two columns deeper than the key, a block
  sequence included (``key:`` then ``  - item``);
* a value is a plain, single-quoted or double-quoted scalar on one line, or a flow
  collection of such scalars written ``[a, b]`` or ``{k: v}`` on one line;
* or block text, ``|``, ``|-``, ``>`` or ``>-`` alone on the line, whose lines are two
  columns deeper than the key or dash, the first one starting with text, no line of
  spaces alone, and at most one blank line after it (the formatter writes the lines as
  they are, re-indented to where they already stand);
* a comment at the end of a ``key: value``, ``key:``, ``- value`` or ``- key: ...``
  line, after one space or more;
* a comment line at the column of the line that follows it, which is an entry (comments
  at the end of a block, or at the end of the file, are not accepted);
* single blank lines between other lines.

Every such line is written by the emitter exactly as it stands (scalars are copied from
the text; one space after ``:`` and ``-``; two spaces per level), and a comment line or
blank line goes with the entry after it, at that entry's column. Key order follows
:func:`cjm.fmt.order.order_keys`: ranks in the model's field order, keys the model does not
name last, a stable sort, so a mapping is in order when its ranks never go down.

The caller has already checked that the text is a valid document of its kind (which rules
out, for instance, ``key: a: b`` or a duplicate key).
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from cjm.fmt.order import Shape, fields_of

_KEY = r"[A-Za-z0-9_][A-Za-z0-9_.\-]*"
# A plain scalar in block context, on one line: not starting with an indicator (``-``,
# ``?`` and ``:`` only before a character that is not a space), no ``: `` or `` #`` in it,
# not ending with ``:`` or a space.
_PLAIN = (
    r"(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`]|[-?:][^\s:#])"
    r"[^\s:]*(?:(?::(?=\S)|[ ]+(?=[^\s#]))[^\s:]*)*"
)
# In a flow collection: none of ``,[]{}:#?`` at all, and spaces only between words.
_FLOW_PLAIN = (
    r"(?:[^\s\-,\[\]{}:#?&*!|>'\"%@`]|-[^\s,\[\]{}:#?])"
    r"[^\s,\[\]{}:#?]*(?:[ ]+[^\s,\[\]{}:#?]+)*"
)
_DOUBLE = r'"(?:[^"\\]|\\.)*"'
_SINGLE = r"'(?:[^']|'')*'"
_FLOW_SCALAR = f"(?:{_DOUBLE}|{_SINGLE}|{_FLOW_PLAIN})"
_FLOW_SEQUENCE = rf"\[(?:{_FLOW_SCALAR}(?:, {_FLOW_SCALAR})*)?\]"
_FLOW_PAIR = f"{_KEY}: {_FLOW_SCALAR}"
_FLOW_MAPPING = rf"\{{(?:{_FLOW_PAIR}(?:, {_FLOW_PAIR})*)?\}}"
# A block scalar's header: literal or folded, clipped or stripped, nothing after it.
_BLOCK = r"[|>]-?"
_VALUE = f"(?:{_DOUBLE}|{_SINGLE}|{_FLOW_SEQUENCE}|{_FLOW_MAPPING}|{_PLAIN})"

# One line: its indentation, a dash (``- `` or a lone ``-``), then a key with or without
# an inline value, or a value alone, and maybe a comment at its end.
_LINE = re.compile(
    rf"(?P<indent> *)(?:(?P<dash>-)(?:$| (?=\S)))?"
    rf"(?:(?P<key>{_KEY}):(?: (?:(?P<block>{_BLOCK})|(?P<value>{_VALUE})))?"
    rf"|(?P<item_block>{_BLOCK})|(?P<item>{_VALUE}))?"
    r"(?P<comment>[ ]+#(?:.*\S)?)?"
)
_FLOW_PAIRS = re.compile(f"({_KEY}): {_FLOW_SCALAR}")
# Characters that only the full formatter handles: tabs, other line breaks, a byte
# order mark.
_AWKWARD = re.compile("[\t\r\x85\u2028\u2029\ufeff]")


class _Mapping:
    """A block mapping being read: its column, what its model says of its keys, and the
    rank of the last key (``None`` fields: its keys are not ordered)."""

    __slots__ = ("column", "last", "shape")

    def __init__(self, column: int, shape: Shape | None) -> None:
        self.column, self.shape, self.last = column, shape, -2


class _Sequence:
    __slots__ = ("column", "items")

    def __init__(self, column: int, items: Shape | None) -> None:
        self.column, self.items = column, items


def is_canonical(text: str, model: type[BaseModel]) -> bool:
    """Whether ``text`` (line breaks made LF) is known to be in the canonical layout of a
    ``model`` document. False means "not known", not "not canonical"."""
    if not text.endswith("\n") or _AWKWARD.search(text):
        return False
    reader = _Reader(Shape(model=model))
    lines = text.split("\n")
    lines.pop()  # the empty piece after the final line break
    return reader.read(lines)


class _Reader:
    def __init__(self, root: Shape) -> None:
        self.root = root
        self.stack: list[_Mapping | _Sequence] = []
        # After ``key:``: the column and shape of what it may hold on the next lines.
        self.expected: tuple[int, Shape | None] | None = None

    def read(self, lines: list[str]) -> bool:
        comment_columns: list[int] = []
        blank = True  # no blank line first
        match_line = _LINE.fullmatch
        index, count = 0, len(lines)
        while index < count:
            line = lines[index]
            index += 1
            if not line:
                if blank:
                    return False
                blank = True
                continue
            blank = False
            body = line.lstrip(" ")
            if body.startswith("#"):
                if line.endswith(" "):
                    return False
                comment_columns.append(len(line) - len(body))
                continue
            found = match_line(line)
            if found is None:
                return False
            column = len(found["indent"])
            if comment_columns:
                if any(c != column for c in comment_columns):
                    return False
                comment_columns.clear()
            content = self.entry(found, column)
            if content < 0:
                return False
            if content:
                index = _block_end(lines, index, content)
                if index < 0:
                    return False
                blank = not lines[index - 1]
        return not blank and not comment_columns and bool(self.stack)

    def entry(self, found: re.Match[str], column: int) -> int:
        """Place one line at ``column``: -1 if it is not of a form kept as it is, else
        the indentation of the block scalar it starts (0: none)."""
        dash, key = found["dash"], found["key"]
        if not self.open(column, dash is not None):
            return -1
        if found["comment"] is not None and not self.keeps_comment(found):
            return -1
        if dash is None:
            if key is None:
                return -1
            return self.pair(key, found["value"], found["block"], column)
        parent = self.stack[-1]
        assert isinstance(parent, _Sequence)
        if key is not None:  # a mapping on the dash line
            self.stack.append(_Mapping(column + 2, parent.items))
            return self.pair(key, found["value"], found["block"], column + 2)
        if found["item_block"] is not None:
            return column + 2
        item = found["item"]
        if item is not None and item.startswith("{"):
            return 0 if self.flow_in_order(item, parent.items) else -1
        return 0

    @staticmethod
    def keeps_comment(found: re.Match[str]) -> bool:
        """Whether the comment at the end of the line stays there with its spacing: after
        a value it ends its entry's line, after ``key:`` it follows the key (then what the
        key holds starts below), as the formatter writes them. Not after a lone dash or
        a block scalar's header, which the formatter treats apart."""
        if found["block"] is not None or found["item_block"] is not None:
            return False
        return found["key"] is not None or found["item"] is not None

    def open(self, column: int, dashed: bool) -> bool:
        """Close the collections deeper than ``column``, open the one a ``key:`` above
        starts; whether the line continues a collection of its kind at its column."""
        stack, expected = self.stack, self.expected
        self.expected = None
        if expected is not None and column > expected[0]:
            return False
        if expected is not None and column == expected[0]:
            shape = expected[1]
            if dashed:
                stack.append(_Sequence(column, shape.items if shape is not None else None))
            else:
                stack.append(_Mapping(column, shape))
            return True
        if not stack:
            if column != 0 or dashed:
                return False
            stack.append(_Mapping(0, self.root))
            return True
        while stack and stack[-1].column > column:
            stack.pop()
        if not stack or stack[-1].column != column:
            return False
        return isinstance(stack[-1], _Sequence) == dashed

    def pair(self, key: str, value: str | None, block: str | None, column: int) -> int:
        """A ``key:`` line at ``column``, as :meth:`entry` answers."""
        mapping = self.stack[-1]
        assert isinstance(mapping, _Mapping)
        in_order, child = self.key_in_order(mapping, key)
        if not in_order:
            return -1
        if block is not None:
            return column + 2
        if value is None:
            self.expected = (column + 2, child)
        elif value.startswith("{"):
            return 0 if self.flow_in_order(value, child) else -1
        return 0

    @staticmethod
    def key_in_order(mapping: _Mapping, key: str) -> tuple[bool, Shape | None]:
        """Whether ``key`` comes in order after the keys above it, and the shape of what
        it holds (``None``: nothing in it is ordered)."""
        shape = mapping.shape
        if shape is None:
            return True, None
        fields = fields_of(shape.model) if shape.model is not None else {}
        if fields:
            rank = fields[key][0] if key in fields else len(fields)
            if rank < mapping.last:
                return False, None
            mapping.last = rank
        child = fields[key][1] if key in fields else None
        return True, shape.values if shape.values is not None else child

    @staticmethod
    def flow_in_order(flow: str, shape: Shape | None) -> bool:
        """Whether the keys of a one-line flow mapping follow ``shape``'s model."""
        if shape is None or shape.model is None:
            return True
        fields = fields_of(shape.model)
        if not fields:
            return True
        last = -2
        for pair in _FLOW_PAIRS.finditer(flow):
            key = pair[1]
            rank = fields[key][0] if key in fields else len(fields)
            if rank < last:
                return False
            last = rank
        return True


def _block_end(lines: list[str], index: int, indent: int) -> int:
    """Where the content of a block scalar starting at ``lines[index]`` and indented by
    ``indent`` ends (the index of the next line to read, after at most one blank line),
    or -1 if it is not written as the formatter writes it: its first line at exactly
    ``indent`` (else the header would need an indentation indicator), no line of spaces
    alone (the formatter empties those), no blank lines after it but one, and not the
    end of the file (where trailing blank lines are dropped)."""
    count = len(lines)
    margin = " " * indent
    first = lines[index] if index < count else ""
    if not first.startswith(margin) or first[indent : indent + 1] in ("", " "):
        return -1
    index += 1
    blanks = 0
    while index < count:
        line = lines[index]
        if not line:
            blanks += 1
        elif line.startswith(margin):
            if not line.strip(" "):
                return -1
            blanks = 0
        else:
            break
        index += 1
    if blanks > 1 or (index == count and blanks):
        return -1
    return index
