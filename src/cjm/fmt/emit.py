"""Writing the tree out in the canonical layout."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cjm.fmt.common import BREAK_RE, INDENT
from cjm.fmt.source import Source
from cjm.fmt.tree import (
    Alias,
    BlockScalar,
    Collection,
    Comment,
    Entry,
    Item,
    Mapping,
    Node,
    Pair,
    Scalar,
    Sequence,
    TreeDocument,
    is_bare_empty,
)
from cjm.quoting import double_quoted

# -- writing --------------------------------------------------------------------------------------


class Emitter:
    """Write the tree in the canonical layout."""

    def __init__(self, source: Source) -> None:
        self.text = source.text
        self.out: list[str] = []
        self.comments: Counter[str] = Counter()  # every comment written, for the check
        self.blank_wanted = False
        # After a block scalar that keeps its final line breaks (``|+``), a blank line
        # would become part of its text.
        self.after_kept = False

    def put(self, line: str) -> None:
        if self.blank_wanted and self.out:
            self.out.append("")
        self.blank_wanted = self.after_kept = False
        self.out.append(line)

    def end_comment(self, comment: Comment | None) -> str:
        if comment is None:
            return ""
        self.comments[comment.text] += 1
        return " " * comment.gap + comment.text

    def lines(self, lines: Iterable[str], column: int) -> None:
        for line in lines:
            if line:
                self.comments[line] += 1
                self.put(" " * column + line)
            elif not self.after_kept:
                self.blank_wanted = True

    def document(self, document: TreeDocument) -> str:
        for directive in document.directives:
            self.lines(directive.leading, 0)
            self.put(directive.text)
        if document.directives:
            self.lines(document.prologue, 0)
            self.put("---")
        self.lines(document.header, 0)
        root = document.root
        if isinstance(root, Collection) and root.block and root.entries():
            if root.props:
                self.put(root.props)
            self.block(root, 0)
            if document.root_eol is not None:  # after a flow collection now in block style
                self.lines([document.root_eol.text], 0)
        elif root is not None and not is_bare_empty(root):
            holder = Item(Sequence(0, 0, "", None), 0, root, eol=document.root_eol)
            self.value("", holder, 0)
        elif document.root_eol is not None:
            self.put(self.end_comment(document.root_eol).lstrip())
        self.lines(document.footer, 0)
        return "\n".join(self.out) + "\n" if self.out else ""

    def block(self, node: Collection, column: int) -> None:
        if isinstance(node, Mapping):
            for pair in node.pairs:
                self.pair(pair, column)
        else:
            assert isinstance(node, Sequence)
            for item in node.items:
                self.item(item, column)
        self.lines(node.trailing, column)

    def pair(self, pair: Pair, column: int, indent: str | None = None) -> None:
        """Write ``pair`` with its key at ``column``; ``indent`` replaces the spaces
        before the key (``- `` when the pair starts a mapping in a sequence)."""
        if indent is None:
            self.lines(pair.leading, column)
            indent = " " * column
        assert pair.key is not None
        self.value(indent + self.key(pair.key) + ":", pair, column)
        self.lines(pair.after, column)

    def item(self, item: Item, column: int, indent: str | None = None) -> None:
        node = item.value
        if indent is None:
            indent = " " * column
            leading = item.leading
        else:
            leading = []
        compact = (
            isinstance(node, Collection)
            and node.block
            and bool(node.entries())
            and not node.props
            and item.head is None
        )
        if not compact:
            self.lines(leading, column)
            self.value(indent + "-", item, column)
            self.lines(item.after, column)
            return
        assert isinstance(node, Collection)
        entries = node.entries()
        # The comments above the first entry move above the dash.
        self.lines([*leading, *entries[0].leading], column)
        inner = column + INDENT
        if isinstance(node, Mapping):
            self.pair(node.pairs[0], inner, indent + "- ")
            for pair in node.pairs[1:]:
                self.pair(pair, inner)
        else:
            assert isinstance(node, Sequence)
            self.item(node.items[0], inner, indent + "- ")
            for other in node.items[1:]:
                self.item(other, inner)
        self.lines(node.trailing, inner)
        self.lines([*([item.eol.text] if item.eol else []), *item.after], column)

    def value(self, prefix: str, entry: Entry, column: int) -> None:
        """Write ``entry.value`` after ``prefix`` (``key:`` or ``-``); what it holds
        goes one level deeper than ``column``."""
        node = entry.value
        deeper = column + INDENT
        space = " " if prefix else ""
        head, eol = entry.head, entry.eol
        below: list[str] = []  # comments that cannot stay where they were
        if isinstance(node, Collection) and node.block and node.entries():
            line = prefix + (space + node.props if node.props else "")
            self.put(line + self.end_comment(head))
            if eol is not None:
                below.append(eol.text)
            self.block(node, deeper)
        elif isinstance(node, BlockScalar):
            comment = node.header_comment
            if head is not None:
                if comment is None:
                    comment = head
                else:
                    below.append(head.text)
            if eol is not None:
                below.append(eol.text)
            header = (node.props + " " if node.props else "") + _block_header(node)
            self.put(prefix + space + header + self.end_comment(comment))
            self.block_text(node, deeper)
        elif isinstance(node, Scalar) and node.empty:
            comments = [c for c in (head, eol) if c is not None]
            line = prefix + (space + node.props if node.props else "")
            self.put(line + (self.end_comment(comments[0]) if comments else ""))
            below.extend(c.text for c in comments[1:])
        else:
            parts = self.inline(node, deeper)
            if head is not None:
                self.put(prefix + self.end_comment(head))
                parts[0] = " " * deeper + parts[0]
            else:
                parts[0] = prefix + space + parts[0]
            parts[-1] += self.end_comment(eol)
            for part in parts:
                self.put(part)
        self.lines(below, column)

    def block_text(self, node: BlockScalar, column: int) -> None:
        kept = _block_header(node).endswith("+")
        if node.block_lines:
            if self.blank_wanted and self.out:
                self.out.append("")
            self.blank_wanted = False
            lines = [" " * column + line if line else "" for line in node.block_lines]
            text = lines[0] + "".join(
                b + line for b, line in zip(node.block_breaks, lines[1:], strict=True)
            )
            self.out.extend(text.split("\n"))
        self.after_kept = kept

    def inline(self, node: Node, column: int) -> list[str]:
        """A value written in line: the first line, then the following lines indented to
        ``column`` (only a scalar written over several lines has them)."""
        if not isinstance(node, Scalar) or "\n" not in self.scalar_text(node):
            return [self.flow(node)]
        pieces = BREAK_RE.split(self.scalar_text(node))
        separators = BREAK_RE.findall(self.scalar_text(node))
        lines = [_trim_end(pieces[0], node.style)]
        for position, piece in enumerate(pieces[1:], start=1):
            piece = piece.lstrip(" \t")
            if position < len(pieces) - 1:
                piece = _trim_end(piece, node.style)
            lines.append(" " * column + piece if piece else "")
        out = [lines[0]]
        for separator, line in zip(separators, lines[1:], strict=True):
            if separator == "\n":
                out.append(line)
            else:
                out[-1] += separator + line
        if node.props:
            out[0] = node.props + " " + out[0]
        return out

    def scalar_text(self, node: Scalar) -> str:
        return self.text[node.token_start : node.token_end]

    def flow(self, node: Node) -> str:
        """``node`` on one line, as in a flow collection."""
        props = node.props + " " if node.props else ""
        if isinstance(node, Alias):
            return "*" + node.name
        if isinstance(node, Scalar):
            if node.empty:
                return node.props
            return props + self.one_line(node)
        if isinstance(node, Sequence):
            return props + "[" + ", ".join(self.flow(item.value) for item in node.items) + "]"
        assert isinstance(node, Mapping)
        pairs = []
        for pair in node.pairs:
            assert pair.key is not None
            key = self.key(pair.key)
            pairs.append(key if is_bare_empty(pair.value) else f"{key}: {self.flow(pair.value)}")
        return props + "{" + ", ".join(pairs) + "}"

    def one_line(self, node: Scalar) -> str:
        text = self.scalar_text(node)
        if not BREAK_RE.search(text):
            return text
        value = node.value
        if node.style is None and not BREAK_RE.search(value) and value == value.strip():
            return value
        if node.style == "'" and not BREAK_RE.search(value) and value.isprintable():
            return "'" + value.replace("'", "''") + "'"
        return double_quoted(value)

    def key(self, node: Node) -> str:
        if isinstance(node, Alias):
            return "*" + node.name + " "  # an anchor name may end with ':'
        if isinstance(node, Scalar) and node.empty:
            return node.props + " " if node.props else ""
        return self.flow(node)


def _block_header(node: BlockScalar) -> str:
    chomp = node.chomp
    if node.value and not node.value.endswith("\n"):
        chomp = "-"  # the text ended the file without a line break
    first = next((line for line in node.block_lines if line), "")
    digit = str(INDENT) if first.startswith(" ") else ""
    return (node.style or "|") + digit + chomp


def _trim_end(line: str, style: str | None) -> str:
    """``line`` without the trailing blanks that a line break folds away (in double
    quotes, an escaped blank is text and stays)."""
    trimmed = line.rstrip(" \t")
    if style == '"' and len(trimmed) < len(line):
        backslashes = len(trimmed) - len(trimmed.rstrip("\\"))
        if backslashes % 2:
            trimmed = line[: len(trimmed) + 1]
    return trimmed
