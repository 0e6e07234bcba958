"""Telling, line by line, that a text is already in the canonical layout.

Most files ``cjm fmt`` meets are already formatted (CI runs ``cjm fmt --check`` on every
push). Building the layout tree to find that out costs more than validating the file, so a
text in the plain shape most maps have is first read here, one line at a time, without a
tree: if every line is of a form the formatter writes back as it stands, and every mapping
whose model is known has its keys in the model's order, the formatter would return the
text unchanged, and so does :func:`cjm.fmt.format_text`, without building anything.

The shape accepted is deliberately narrow; anything else (a tab, a comment after a lone
dash or a block scalar's header, an anchor or tag, a flow collection over several lines,
a quoted key, two blank lines in a row...) answers "not known" and the text is
formatted in full, as before. The forms:

* ``key: value`` and ``key:`` with the key at the column of its mapping; a plain key of
  letters, digits, ``_``, ``.`` and ``-``;
* ``- value``, ``-`` and ``- key: value`` (a mapping in a sequence, on the dash line);
* what a ``key:`` or ``- key:`` holds is two columns deeper than the key, a block
  sequence included (``key:`` then ``  - item``);
* a value is a plain, single-quoted or double-quoted scalar on one line, or a flow
  collection on one line written as the emitter writes one: ``[a, b]``, ``{k: v}``,
  nested as deep as it goes (``{k: [a, {l: b}]}``), one space after ``,`` and ``:``
  and none elsewhere, plain keys, scalars as above with none of ``,[]{}#`` in a plain
  one and ``:`` only inside a word;
* a plain value may go on over the next lines, each two columns deeper than its key or
  dash, holding more words (none starting with an indicator), at most one blank line
  between two of them, a comment ending the last (the emitter re-indents these lines
  to that column and copies their words);
* a quoted value may go on over the next lines likewise, blank or starting with text at
  that column, none ending with a space (:func:`_quoted_lines`);
* or block text, ``|``, ``|-``, ``>`` or ``>-`` alone on the line, whose lines are two
  columns deeper than the key or dash, the first one starting with text, no line of
  spaces alone, and at most one blank line after it (the formatter writes the lines as
  they are, re-indented to where they already stand);
* a comment at the end of a ``key: value``, ``key:``, ``- value`` or ``- key: ...``
  line, after one space or more;
* a comment line where the formatter puts it: at the column of the line that follows
  it, which is an entry, or, after the last entry of blocks that end there (or at the
  end of the file), at the column of the innermost of them not deeper than the comment
  (see :meth:`_Reader.comments_kept`);
* single blank lines between other lines.

Every such line is written by the emitter exactly as it stands (scalars are copied from
the text; one space after ``:`` and ``-``; two spaces per level), and a comment line or
blank line goes with the entry after it, at that entry's column, or to the end of the
block it closes, at that block's column (:mod:`cjm.fmt.comments`). Key order follows
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
# In a flow collection: none of ``,[]{}#`` at all, ``?`` not first, ``:`` only inside
# a word (``https://...``), and spaces only between words.
_FLOW_WORD = r"[^\s,\[\]{}:#]*(?::[^\s,\[\]{}:#]+)*"  # the rest of a word
_FLOW_PLAIN = (
    r"(?:[^\s\-,\[\]{}:#?&*!|>'\"%@`]|-[^\s,\[\]{}:#?])"
    rf"{_FLOW_WORD}(?:[ ]+:?[^\s,\[\]{{}}:#]{_FLOW_WORD})*"
)
_DOUBLE = r'"(?:[^"\\]|\\.)*"'
_SINGLE = r"'(?:[^']|'')*'"
# A line that continues a plain scalar: its next words, starting with no indicator at
# all, then as ``_PLAIN``; maybe a comment, which ends the scalar.
_CONTINUATION = re.compile(
    r"(?P<indent> *)[^\s\-?:,\[\]{}#&*!|>'\"%@`]"
    r"[^\s:]*(?:(?::(?=\S)|[ ]+(?=[^\s#]))[^\s:]*)*"
    r"(?P<comment>[ ]+#(?:.*\S)?)?"
)
_SCALAR_IN_FLOW = f"(?:{_DOUBLE}|{_SINGLE}|{_FLOW_PLAIN})"
_FLOW_SCALAR = re.compile(_SCALAR_IN_FLOW)
# The first line of a quoted scalar that goes on over the next lines.
_OPEN_QUOTED = re.compile(rf"(?P<head> *(?:- )?(?:{_KEY}: )?)(?P<quote>[\"']).*")
_QUOTED = {'"': re.compile(_DOUBLE), "'": re.compile(_SINGLE)}
_FLOW_KEY = re.compile(f"({_KEY}): ")
# A flow collection of scalars alone, most of them: read in one step.
_FLAT_PAIR = f"{_KEY}: {_SCALAR_IN_FLOW}"
_FLAT_FLOW = re.compile(
    rf"\[(?:{_SCALAR_IN_FLOW}(?:, {_SCALAR_IN_FLOW})*)?\]"
    rf"|\{{(?:{_FLAT_PAIR}(?:, {_FLAT_PAIR})*)?\}}"
)
_FLAT_PAIRS = re.compile(f"({_KEY}): {_SCALAR_IN_FLOW}")
# A flow collection, with the rest of its line: :func:`_flow_kept` reads it exactly.
_FLOW = r"[\[{].*"
_COMMENT = r"[ ]+#(?:.*\S)?"
_END_COMMENT = re.compile(_COMMENT)
# Flow collections nested deeper than this are left to the formatter (no deep recursion).
_FLOW_DEPTH = 32
# A block scalar's header: literal or folded, clipped or stripped, nothing after it.
_BLOCK = r"[|>]-?"
_VALUE = f"(?:{_DOUBLE}|{_SINGLE}|{_FLOW}|{_PLAIN})"

# One line: its indentation, a dash (``- `` or a lone ``-``), then a key with or without
# an inline value, or a value alone, and maybe a comment at its end.
_LINE = re.compile(
    rf"(?P<indent> *)(?:(?P<dash>-)(?:$| (?=\S)))?"
    rf"(?:(?P<key>{_KEY}):(?: (?:(?P<block>{_BLOCK})|(?P<value>{_VALUE})))?"
    rf"|(?P<item_block>{_BLOCK})|(?P<item>{_VALUE}))?"
    rf"(?P<comment>{_COMMENT})?"
)
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
        # The last entry, while the lines after it may continue its plain text.
        plain: tuple[re.Match[str], int] | None = None
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
                quoted = _quoted_lines(lines, index - 1)
                if quoted is None:
                    return False
                found, index = quoted
            column = len(found["indent"])
            if plain is not None and column >= plain[1] + 2 and not comment_columns:
                more = column == _continuation_column(*plain) and _CONTINUATION.fullmatch(line)
                if more:
                    # More words of the plain text above; a comment ends them.
                    plain = plain if more["comment"] is None else None
                    continue
            plain = None
            if comment_columns:
                if not self.comments_kept(comment_columns, column):
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
            else:
                plain = (found, column)
        footer_kept = self.comments_kept(comment_columns, None)
        return not blank and footer_kept and bool(self.stack)

    def comments_kept(self, columns: list[int], column: int | None) -> bool:
        """Whether comment lines at ``columns``, then a line at ``column`` (None: the end
        of the file), stay where they stand. As the formatter places them, each goes to
        the end of the first block closed there, innermost first and none before the
        one the comment above went to, that is not deeper than the comment, and is
        written at that block's column; failing that, above the line, at its column."""
        closing = [c.column for c in reversed(self.stack) if column is None or c.column > column]
        floor = 0
        for comment in columns:
            rank = next((r for r in range(floor, len(closing)) if closing[r] <= comment), -1)
            if rank < 0:
                floor = len(closing)
                if comment != (column or 0):
                    return False
            elif closing[rank] != comment:
                return False
            else:
                floor = rank
        return True

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
        if item is not None and item[0] in "[{":
            return 0 if _flow_kept(item, parent.items) else -1
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
        elif value[0] in "[{":
            return 0 if _flow_kept(value, child) else -1
        return 0

    @staticmethod
    def key_in_order(mapping: _Mapping, key: str) -> tuple[bool, Shape | None]:
        """Whether ``key`` comes in order after the keys above it, and the shape of what
        it holds (``None``: nothing in it is ordered)."""
        rank, child = _field(mapping.shape, key)
        if rank < 0:
            return True, child
        if rank < mapping.last:
            return False, None
        mapping.last = rank
        return True, child


def _quoted_lines(lines: list[str], start: int) -> tuple[re.Match[str], int] | None:
    """A ``key: "...``, ``- "...`` or ``- key: "...`` line at ``lines[start]`` whose
    quoted text goes on over the next lines as the emitter writes it (re-indented, ends
    of lines trimmed): each next line blank or starting with text two columns deeper
    than the key or lone dash, no line ending with a space, nothing or a comment after
    the closing quote. The line read as if the text were ``""`` on it, and the index of
    the line after the text; None if it is not such a line."""
    opening = _OPEN_QUOTED.fullmatch(lines[start])
    if opening is None:
        return None
    head = opening["head"]
    column = len(head) - len(head.lstrip(" "))
    deeper = column + (4 if head.lstrip(" ").startswith("- ") and head.endswith(": ") else 2)
    end = start + 1
    while end < len(lines) and _holds_more(lines[end], deeper):
        end += 1
    text = "\n".join(lines[start:end])
    quoted = _QUOTED[opening["quote"]].match(text, len(head))
    if quoted is None or "\n" not in quoted[0]:
        return None
    last = start + quoted[0].count("\n")
    if any(line.endswith(" ") for line in lines[start:last]):
        return None
    line_end = text.find("\n", quoted.end())
    rest = text[quoted.end() : line_end if line_end >= 0 else len(text)]
    found = _LINE.fullmatch(head + '""' + rest)
    return None if found is None else (found, last + 1)


def _holds_more(line: str, column: int) -> bool:
    """Whether ``line`` may go on with a quoted text: blank, or text from ``column``."""
    return not line or (line[:column].isspace() and line[column : column + 1] not in ("", " "))


def _continuation_column(found: re.Match[str], column: int) -> int:
    """The column of the lines that may continue the plain scalar ending the line
    ``found`` at ``column`` (0: none may): two deeper than its key, or than its dash if
    it is an item. A comment or any other value ends on its line."""
    key = found["key"]
    value = found["value"] if key is not None else found["item"]
    if value is None or found["comment"] is not None or value[0] in "'\"[{":
        return 0
    return column + (4 if key is not None and found["dash"] is not None else 2)


def _field(shape: Shape | None, key: str) -> tuple[int, Shape | None]:
    """The rank of ``key`` in a mapping of ``shape`` (-1: its keys keep their order) and
    the shape of what it holds, as :func:`cjm.fmt.order.order_keys` sees them: keys the
    model names by their place in it, any other after them."""
    if shape is None:
        return -1, None
    fields = fields_of(shape.model) if shape.model is not None else {}
    found = fields.get(key)
    rank = (found[0] if found is not None else len(fields)) if fields else -1
    if shape.values is not None:
        return rank, shape.values
    return rank, found[1] if found is not None else None


def _flow_kept(flow: str, shape: Shape | None) -> bool:
    """Whether ``flow``, the rest of a line from a ``[`` or ``{`` that starts a value, is
    a flow collection written as the emitter writes it, with the keys of its mappings in
    ``shape``'s order, then nothing or a comment."""
    flat = _FLAT_FLOW.match(flow)
    if flat is None:
        end = _flow_end(flow, 0, shape, 0)
    elif flow[0] == "{" and not _flat_in_order(flat[0], shape):
        return False
    else:
        end = flat.end()
    return end == len(flow) or (end > 0 and _END_COMMENT.fullmatch(flow, end) is not None)


def _flat_in_order(flow: str, shape: Shape | None) -> bool:
    """Whether the keys of ``flow``, a flow mapping of scalars, follow ``shape``'s model
    (what its scalars hold is not ordered)."""
    last = -2
    for pair in _FLAT_PAIRS.finditer(flow):
        rank, _ = _field(shape, pair[1])
        if rank < last:
            return False
        last = rank
    return True


def _flow_end(text: str, start: int, shape: Shape | None, depth: int) -> int:
    """Where the flow node starting at ``text[start]`` ends if it is written as the
    emitter writes it (a scalar as it stands, ``, `` between entries, ``: `` after a
    plain key, no other space) and its mappings follow ``shape``; -1 if not."""
    opener = text[start : start + 1]
    if opener in ("[", "{"):
        if depth == _FLOW_DEPTH:
            return -1
        if opener == "[":
            items = shape.items if shape is not None else None
            return _flow_items_end(text, start + 1, items, depth + 1)
        return _flow_pairs_end(text, start + 1, shape, depth + 1)
    scalar = _FLOW_SCALAR.match(text, start)
    return scalar.end() if scalar is not None else -1


def _flow_items_end(text: str, start: int, items: Shape | None, depth: int) -> int:
    """As :func:`_flow_end`, for the items of a flow sequence and its ``]``, from
    ``start`` just after its ``[``."""
    position = start
    if text.startswith("]", position):
        return position + 1
    while True:
        position = _flow_end(text, position, items, depth)
        if position < 0:
            return -1
        if not text.startswith(", ", position):
            return position + 1 if text.startswith("]", position) else -1
        position += 2


def _flow_pairs_end(text: str, start: int, shape: Shape | None, depth: int) -> int:
    """As :func:`_flow_end`, for the pairs of a flow mapping and its ``}``, from
    ``start`` just after its ``{``: each a plain key, ``: `` and a value, the keys in
    order."""
    position, last = start, -2
    if text.startswith("}", position):
        return position + 1
    while True:
        key = _FLOW_KEY.match(text, position)
        if key is None:
            return -1
        rank, child = _field(shape, key[1])
        if rank < last:
            return -1
        last = rank
        position = _flow_end(text, key.end(), child, depth)
        if position < 0:
            return -1
        if not text.startswith(", ", position):
            return position + 1 if text.startswith("}", position) else -1
        position += 2


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
