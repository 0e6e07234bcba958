"""Where things are in the text: lines, the ends of values, and applying edits."""

from __future__ import annotations

import re

from cjm.yamledit.tree import Collection, Entry, Node, Scalar

# Replace the text from the first offset to the second with the string.
Edit = tuple[int, int, str]


class EditProblem(Exception):
    """The edit cannot be made; ``at`` is the offset of the place at fault (or -1)."""

    def __init__(self, message: str, at: int = -1) -> None:
        super().__init__(message)
        self.message, self.at = message, at


class Layout:
    """Positions in ``text`` (character offsets, as the parsers' marks count them)."""

    def __init__(self, text: str, newline: str) -> None:
        self.text = text
        self.nl = newline
        self.bom = 1 if text.startswith("\ufeff") else 0

    def line_start(self, at: int) -> int:
        return max(self.text.rfind("\n", 0, at) + 1, self.bom)

    def line_end(self, at: int) -> int:
        """Where the line holding ``at`` ends, after its line break."""
        found = self.text.find("\n", at)
        return len(self.text) if found < 0 else found + 1

    def end_of(self, content_end: int) -> int:
        """Where the lines of a value that ends at ``content_end`` end: after the line
        break of its last line (a block scalar's text ends after it already)."""
        if content_end > self.bom and self.text[content_end - 1] == "\n":
            return content_end
        return self.line_end(content_end)

    def content_line_end(self, at: int) -> int:
        """Where the text of the line holding ``at`` ends, before its line break."""
        end = self.line_end(at)
        if end > at and self.text[end - 1] == "\n":
            end -= 1
            if end > at and self.text[end - 1] == "\r":
                end -= 1
        return end

    def column(self, at: int) -> int:
        return at - self.line_start(at)

    def content_end(self, node: Node, entry: Entry | None) -> int:
        """Where the text of a value ends (a block collection's end mark is where what
        follows it starts, after blank and comment lines)."""
        if isinstance(node, Scalar):
            if node.empty:
                if entry is not None and entry.indicator >= 0:
                    return entry.indicator + 1
                if entry is not None and entry.key is not None:
                    return entry.key.end
                return node.start
            if node.style in ("|", ">"):
                return self.block_scalar_end(node)
            return node.end
        if isinstance(node, Collection) and not node.flow and node.entries:
            last = node.entries[-1]
            return self.content_end(last.value, last)
        return node.end

    def block_scalar_end(self, node: Scalar) -> int:
        header = self.text.find(node.style or "|", node.start)
        rest = self.text[header + 1 : header + 4]
        if "+" in rest[: len(rest) - len(rest.lstrip("+-0123456789"))]:
            return node.end  # kept final line breaks are its text
        stripped = self.text[node.start : node.end].rstrip(" \t\r\n")
        return self.line_end(node.start + len(stripped))

    def entry_end(self, entry: Entry) -> int:
        return self.end_of(self.content_end(entry.value, entry))

    def block_layout(self, node: Scalar, end: int, default: int) -> tuple[int, str]:
        """The indentation of a block scalar's text, and what follows its header (a
        comment), to write a new text in its place."""
        text = self.text
        at = node.start
        while at < len(text) and text[at] not in "|>":
            at += 1  # past an anchor or a tag
        at += 1
        while at < len(text) and text[at] in "+-0123456789":
            at += 1
        rest = text[at : self.content_line_end(at)]
        line = self.line_end(at)
        while line < end:
            following = self.line_end(line)
            content = text[line:following].rstrip("\r\n")
            if content.strip():
                return len(content) - len(content.lstrip(" ")), rest
            line = following
        return default, rest

    def comments_below(self, end: int, indent: int, column: int) -> tuple[int, str]:
        """Comment lines right after ``end`` indented ``indent`` or deeper would become
        text of a block scalar that ends there: they move to ``column``. Returns where
        the lines so taken end and their new text."""
        text = self.text
        at, taken, deep_end = end, [], end
        while at < len(text):
            following = self.line_end(at)
            line = text[at:following]
            stripped = line.lstrip(" ")
            if stripped.strip() and not stripped.startswith("#"):
                break
            if stripped.startswith("#") and len(line) - len(stripped) < indent:
                break  # a comment line less indented ends the block scalar
            taken.append(line)
            if stripped.startswith("#"):
                deep_end = following
            at = following
        if deep_end == end:
            return end, ""
        kept = []
        for line in text[end:deep_end].splitlines(keepends=True):
            stripped = line.lstrip(" ")
            kept.append(" " * column + stripped if stripped.startswith("#") else line)
        return deep_end, "".join(kept)


def apply_text(text: str, start: int, end: int, edits: list[Edit]) -> str:
    out, at = [], start
    for edit_start, edit_end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        if edit_start < at or edit_end > end:
            raise EditProblem("edits overlap (a bug)")
        out.append(text[at:edit_start])
        out.append(replacement)
        at = edit_end
    out.append(text[at:end])
    return "".join(out)


def apply_edits(text: str, edits: list[Edit]) -> str:
    return apply_text(text, 0, len(text), edits)


_BLOCK_HEADER = re.compile(r"(^|[ :-])[|>][+-]?$")


def ends_with_block(lines: list[str]) -> bool:
    """Whether new lines end with the text of a block scalar (what follows them, indented
    as deep, would be taken into it)."""
    for index in range(len(lines) - 1, -1, -1):
        if _BLOCK_HEADER.search(lines[index]):
            depth = _indent(lines[index])
            return all(_indent(line) > depth or not line for line in lines[index + 1 :])
    return False


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def reindent_deeper(lines: str, column: int, indent: int | None = None) -> str:
    """Comment lines indented ``indent`` or deeper (deeper than ``column`` by default)
    moved to ``column``."""
    least = column + 1 if indent is None else indent
    out = []
    for line in lines.splitlines(keepends=True):
        stripped = line.lstrip(" ")
        deeper = stripped.startswith("#") and len(line) - len(stripped) >= least
        out.append(" " * column + stripped if deeper else line)
    return "".join(out)


def comment_deeper(line: str, column: int) -> bool:
    stripped = line.lstrip(" ")
    return stripped.startswith("#") and len(line) - len(stripped) > column


def _blank(line: str) -> bool:
    return not line.strip()


def starts_blank(text: str) -> bool:
    lines = text.splitlines()
    return bool(lines) and _blank(lines[0])


def ends_blank(text: str) -> bool:
    if not text:
        return False
    lines = text.splitlines()
    return text.endswith("\n") and bool(lines) and _blank(lines[-1])


def strip_blank_lines(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and _blank(lines[0]):
        lines.pop(0)
    return "".join(lines)
