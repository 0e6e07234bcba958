"""Comparing the old data with the new along the node tree, and the text edits that follow."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from cjm.load.core_schema import MERGE_KEY
from cjm.yamledit.align import Op, align_items
from cjm.yamledit.layout import (
    Edit,
    EditProblem,
    Layout,
    apply_text,
    comment_deeper,
    ends_blank,
    ends_with_block,
    reindent_deeper,
    starts_blank,
    strip_blank_lines,
)
from cjm.yamledit.render import block_item, block_pair, flow_text, render_scalar
from cjm.yamledit.scalars import Block, key_text, same
from cjm.yamledit.tree import Alias, Collection, Entry, Mapping, Node, Scalar, Sequence, key_name


class _Rewrite(Exception):
    """A flow collection changed shape (or an empty value in it changed): it is written
    anew."""


@dataclass(frozen=True)
class Slot:
    """Where a value stands: after a key's ``:``, after a ``-``, or at the top."""

    kind: Literal["pair", "item", "root"]
    column: int  # of the key or the dash
    indicator: int  # offset of the ``:`` or ``-``; -1 when there is none
    flow: bool  # inside brackets


@dataclass
class _Piece:
    """One entry of a block collection as text: the lines above it that stay where they
    are when it goes (``detached``: blank lines, comments set apart by a blank line), the
    comment lines directly above it, and its own lines."""

    detached: str
    attached: str
    body_start: int
    body_end: int


ROOT = Slot("root", 0, -1, False)


class Editor(Layout):
    """The edits that turn the old data's text into the new data's."""

    def __init__(self, text: str, aliases: set[str], newline: str) -> None:
        super().__init__(text, newline)
        self.aliases = aliases

    # -- comparing -------------------------------------------------------------------------

    def edit(self, node: Node, entry: Entry | None, old: Any, new: Any, slot: Slot) -> list[Edit]:
        if same(old, new):
            return []
        if isinstance(node, Alias):
            raise EditProblem(
                f"this value is the alias *{node.name}, a copy of a value written elsewhere: "
                "change it where the anchor is, or write it out in full",
                node.start,
            )
        if node.anchor is not None:
            raise EditProblem(
                f"this value carries the anchor &{node.anchor}, which other places may "
                "repeat: change it by hand",
                node.start,
            )
        if isinstance(node, Mapping) and isinstance(old, dict) and isinstance(new, dict):
            if node.flow:
                return self.flow_collection(node, entry, old, new, slot)
            if not new:
                return self.empty_block(node, slot, "{}")
            return self.block_mapping(node, old, new, slot)
        if isinstance(node, Sequence) and isinstance(old, list) and isinstance(new, list):
            if node.flow:
                return self.flow_collection(node, entry, old, new, slot)
            if not new:
                return self.empty_block(node, slot, "[]")
            return self.block_sequence(node, old, new, slot)
        if slot.flow:
            if isinstance(node, Scalar) and not node.empty and not isinstance(new, dict | list):
                rendered = render_scalar(
                    new, node.style, fresh=False, flow=True, old_text=node.value
                )
                assert isinstance(rendered, str)
                return [(node.start, node.end, rendered)]
            if not (isinstance(node, Scalar) and node.empty):
                self.refuse_shared(node, "rewrite")
                return [(node.start, node.end, flow_text(new))]
            raise _Rewrite  # an empty value has no place to write into
        return self.replace_value(node, entry, new, slot)

    def flow_collection(
        self, node: Collection, entry: Entry | None, old: Any, new: Any, slot: Slot
    ) -> list[Edit]:
        if not slot.flow and not node.entries and new:
            return self.replace_value(node, entry, new, slot)  # `[]` filled: block style
        try:
            if isinstance(node, Mapping):
                return self.mapping_entries(node, old, new, slot)
            assert isinstance(node, Sequence)
            return self.sequence_items(node, old, new, slot)
        except _Rewrite:
            return [(node.start, node.end, self.flow_rewrite(node, old, new))]

    def flow_rewrite(self, node: Node, old: Any, new: Any) -> str:
        """``new`` on one line, reusing the text of the entries of ``node`` that hold the
        same data and were on one line."""
        if isinstance(node, Collection) and node.anchor is None:
            if isinstance(node, Sequence) and isinstance(old, list) and isinstance(new, list):
                parts = []
                for op in align_items(old, new):
                    if op.kind == "keep":
                        parts.append(self.flow_part(node.entries[op.old], old[op.old], new[op.new]))
                    elif op.kind == "new":
                        parts.append(flow_text(new[op.new]))
                    else:
                        self.refuse_shared(node.entries[op.old].value, "remove")
                return "[" + ", ".join(parts) + "]"
            if isinstance(node, Mapping) and isinstance(old, dict) and isinstance(new, dict):
                named = self.named_entries(node, old, new)
                written = {name: entry for name, entry in named if name is not MERGE_KEY}
                parts = [
                    self.text[entry.start : self.content_end(entry.value, entry)]
                    for name, entry in named
                    if name is MERGE_KEY
                ]
                for name, entry in written.items():
                    if name not in new:
                        self.refuse_shared(entry.value, "remove")
                for key, value in new.items():
                    found = written.get(key)
                    if found is None:
                        if key not in old:  # not a merged key, which stays merged
                            parts.append(f"{key_text(key)}: {flow_text(value)}")
                        continue
                    start, end = found.start, self.content_end(found.value, found)
                    if same(old[key], value) and "\n" not in self.text[start:end]:
                        parts.append(self.text[start:end])
                    else:
                        rest = self.flow_part(found, old[key], value)
                        parts.append(f"{key_text(key)}: {rest}")
                return "{" + ", ".join(parts) + "}"
        self.refuse_shared(node, "rewrite")
        return flow_text(new)

    def flow_part(self, entry: Entry, old: Any, new: Any) -> str:
        """The value of ``entry`` as ``new``, on one line."""
        node = entry.value
        text = self.text[node.start : node.end]
        if same(old, new) and "\n" not in text and not (isinstance(node, Scalar) and node.empty):
            return text
        if isinstance(node, Alias) or node.anchor is not None:
            raise EditProblem(
                "this value is an alias or carries an anchor: change it by hand", node.start
            )
        return self.flow_rewrite(node, old, new)

    def mapping_entries(
        self, node: Mapping, old: dict[str, Any], new: dict[str, Any], slot: Slot
    ) -> list[Edit]:
        """The edits inside a flow mapping whose keys stay; raises _Rewrite otherwise."""
        named = self.named_entries(node, old, new)
        edits: list[Edit] = []
        kept = [(name, e) for name, e in named if name is not MERGE_KEY and name in new]
        if len(kept) != len([n for n, _ in named if n is not MERGE_KEY]) or any(
            k not in old for k in new
        ):
            raise _Rewrite
        for name, child in kept:
            edits += self.edit(
                child.value, child, old[name], new[name], self.pair_slot(node, child)
            )
        return edits

    def sequence_items(
        self, node: Sequence, old: list[Any], new: list[Any], slot: Slot
    ) -> list[Edit]:
        """The edits inside a flow sequence whose items stay; raises _Rewrite otherwise."""
        if len(old) != len(new):
            raise _Rewrite
        edits: list[Edit] = []
        for index, child in enumerate(node.entries):
            edits += self.edit(
                child.value, child, old[index], new[index], self.item_slot(node, child)
            )
        return edits

    def pair_slot(self, node: Collection, entry: Entry) -> Slot:
        return Slot("pair", self.column(entry.start), entry.indicator, node.flow)

    def item_slot(self, node: Collection, entry: Entry) -> Slot:
        indicator = -1 if node.flow else entry.indicator
        return Slot("item", self.column(entry.start), indicator, node.flow)

    def named_entries(
        self, node: Mapping, old: dict[str, Any], new: dict[str, Any]
    ) -> list[tuple[Any, Entry]]:
        """The mapping's entries with the keys they name; refuses a change to a key that
        comes from a merge (``<<``)."""
        named = [(key_name(e.key) if e.key is not None else None, e) for e in node.entries]
        written = {name for name, _ in named}
        merges = [e for name, e in named if name is MERGE_KEY]
        for key in old:
            if key not in written and (key not in new or not same(old[key], new[key])):
                at = merges[0].start if merges else node.start
                raise EditProblem(
                    f"'{key}' comes from the merge ('<<') here: change it where it is written",
                    at,
                )
        return named

    # -- block mappings and sequences ----------------------------------------------------

    def block_mapping(
        self, node: Mapping, old: dict[str, Any], new: dict[str, Any], slot: Slot
    ) -> list[Edit]:
        named = self.named_entries(node, old, new)
        child_edits: dict[int, list[Edit]] = {}
        ops: list[Op] = []
        for index, (name, entry) in enumerate(named):
            if name is MERGE_KEY or name in new:
                if name is not MERGE_KEY:
                    child_edits[index] = self.edit(
                        entry.value, entry, old[name], new[name], self.pair_slot(node, entry)
                    )
                ops.append(Op("keep", index, -1))
            else:
                if entry.indicator < 0 or entry.key is None:
                    raise EditProblem("this entry cannot be removed (a complex key)", entry.start)
                self.refuse_shared(entry.value, "remove")
                ops.append(Op("drop", index, -1))
        added = [key for key in new if key not in old]
        if not added and all(op.kind == "keep" for op in ops):
            return [edit for index in sorted(child_edits) for edit in child_edits[index]]
        names = [name for name, _ in named]
        keys = list(new)
        new_lines: dict[int, list[str]] = {}
        column = self.column(node.entries[0].start)
        for position, key in enumerate(keys):
            if key not in added:
                continue
            new_lines[position] = block_pair(key, new[key], column)
            after = -1
            for previous in reversed(keys[:position]):
                after = self.op_position(ops, previous, names)
                if after >= 0:
                    break
            ops.insert(after + 1, Op("new", -1, position, key))
        return self.rebuild(node, slot, ops, child_edits, new_lines)

    @staticmethod
    def op_position(ops: list[Op], key: str, names: list[Any]) -> int:
        for position, op in enumerate(ops):
            if op.kind == "keep" and names[op.old] == key:
                return position
            if op.kind == "new" and op.key == key:
                return position
        return -1

    def block_sequence(
        self, node: Sequence, old: list[Any], new: list[Any], slot: Slot
    ) -> list[Edit]:
        ops = align_items(old, new)
        child_edits: dict[int, list[Edit]] = {}
        new_lines: dict[int, list[str]] = {}
        column = self.column(node.entries[0].start)
        for op in ops:
            if op.kind == "keep":
                entry = node.entries[op.old]
                child_edits[op.old] = self.edit(
                    entry.value, entry, old[op.old], new[op.new], self.item_slot(node, entry)
                )
            elif op.kind == "new":
                new_lines[op.new] = block_item(new[op.new], column)
            else:
                self.refuse_shared(node.entries[op.old].value, "remove")
        if len(old) == len(new) and all(op.kind == "keep" and op.old == op.new for op in ops):
            return [edit for index in sorted(child_edits) for edit in child_edits[index]]
        return self.rebuild(node, slot, ops, child_edits, new_lines)

    def pieces(self, node: Collection, slot: Slot) -> tuple[int, bool, list[_Piece]]:
        """Where the entries' text starts, whether the first entry shares the line of a
        ``-`` (``- id: x``), and the entries as pieces of text."""
        text = self.text
        first = node.entries[0]
        compact = bool(text[self.line_start(first.start) : first.start].strip())
        if slot.kind == "root":
            bound = self.line_start(first.start)
        elif compact:
            bound = first.start
        elif slot.indicator >= 0:
            bound = self.line_end(slot.indicator)
        else:
            bound = self.line_start(first.start)
        pieces: list[_Piece] = []
        previous_end = bound
        for index, entry in enumerate(node.entries):
            start = self.line_start(entry.start)
            end = self.entry_end(entry)
            if index == 0 and (compact or slot.kind == "root"):
                body = first.start if compact else start
                pieces.append(_Piece("", "", body, end))
                previous_end = end
                continue
            if start < previous_end:
                raise EditProblem("entries share a line here; cannot edit them", entry.start)
            gap = text[previous_end:start].splitlines(keepends=True)
            column = entry.start - start
            if pieces:
                # Comment lines right below the entry before, indented deeper than the
                # entries, are its own last lines.
                trail = 0
                while trail < len(gap) and comment_deeper(gap[trail], column):
                    trail += 1
                pieces[-1].body_end += sum(len(line) for line in gap[:trail])
                gap = gap[trail:]
            split = len(gap)
            while split > 0:
                line = gap[split - 1]
                stripped = line.lstrip(" ")
                if not stripped.startswith("#") or len(line) - len(stripped) > column:
                    break
                split -= 1
            pieces.append(_Piece("".join(gap[:split]), "".join(gap[split:]), start, end))
            previous_end = end
        return bound, compact, pieces

    def rebuild(
        self,
        node: Collection,
        slot: Slot,
        ops: list[Op],
        child_edits: dict[int, list[Edit]],
        new_lines: dict[int, list[str]],
    ) -> list[Edit]:
        """The block collection's text with its entries in the order of ``ops``."""
        text, nl = self.text, self.nl
        bound, compact, pieces = self.pieces(node, slot)
        region_end = pieces[-1].body_end
        column = self.column(node.entries[0].start)
        spaced = len(pieces) > 1 and all(starts_blank(p.detached) for p in pieces[1:])
        before_blank = slot.kind == "root" and (
            bound <= self.bom or not text[self.line_start(bound - 1) : bound].strip()
        )
        out: list[str] = []
        extra: list[Edit] = []
        last_kept = -2
        # The entry just written ends with a block scalar: comment lines written after it
        # indented ``tail`` or deeper would be its text. None when it does not, and once
        # a comment line has ended it. ``follower``: the old entry whose lines came right
        # after it in the text (they are known to fit), or -1.
        tail: int | None = None
        follower = -1
        for op in ops:
            if op.kind == "drop":
                piece = pieces[op.old]
                comments = [
                    line for line in piece.detached.splitlines(keepends=True) if line.strip()
                ]
                if comments:
                    text_of = "".join(comments)
                    if tail is not None and op.old != follower:
                        text_of = reindent_deeper(text_of, column, tail)
                    self.put(out, text_of, blanks_ok=False)
                    tail = None
                follower = -1
                continue
            if op.kind == "keep":
                piece = pieces[op.old]
                lead = piece.detached + piece.attached
                if tail is not None and op.old != follower:
                    lead = reindent_deeper(lead, column, tail)
                changes = child_edits.get(op.old, [])
                body = apply_text(text, piece.body_start, piece.body_end, changes)
                if compact and op.old == 0:
                    body = " " * column + body
                adjacent = op.old == last_kept + 1
                last_kept = op.old
                entry = node.entries[op.old]
                if "#" in text[self.entry_end(entry) : piece.body_end]:
                    tail = None  # its own comment lines below it end a block scalar
                elif changes:  # it may end with a new block scalar: deeper comments move
                    tail = column + 1
                else:
                    tail = self.block_tail(entry, column + 1)
                follower = op.old + 1
            else:
                lines = new_lines[op.new]
                lead = nl if spaced else ""
                body = nl.join(lines) + nl
                adjacent = False
                tail = column + 1 if ends_with_block(lines) else None
                follower = -1
            first_out = not out
            if first_out and compact:
                if lead.strip():
                    extra.append((self.line_start(bound), self.line_start(bound), lead))
                lead = ""
                body = body[column:]
            elif first_out:
                original = pieces[0].detached + pieces[0].attached
                if not adjacent and (before_blank or not starts_blank(original)):
                    lead = strip_blank_lines(lead)
            elif not adjacent and ends_blank("".join(out[-4:])):
                lead = strip_blank_lines(lead)
            self.put(out, lead + body, blanks_ok=True)
        if tail is not None and follower != len(pieces):
            region_end, below = self.comments_below(region_end, tail, column)
            if below:
                self.put(out, below, blanks_ok=True)
        result = "".join(out)
        if not text[bound:region_end].endswith("\n") and result.endswith(nl):
            result = result[: -len(nl)]
        return [*extra, (bound, region_end, result)]

    def block_tail(self, entry: Entry, default: int) -> int | None:
        """The indentation of the text of the block scalar the entry's lines end with
        (``default`` when it cannot be told), or None when they do not end with one."""
        node = entry.value
        while isinstance(node, Collection) and not node.flow and node.entries:
            entry = node.entries[-1]
            node = entry.value
        if not (isinstance(node, Scalar) and node.style in ("|", ">")):
            return None
        header = self.text.find(node.style, node.start)
        indicators = self.text[header + 1 : header + 3]
        if any(char.isdigit() for char in indicators):
            return default
        end = self.end_of(self.content_end(node, entry))
        indent, _ = self.block_layout(node, end, default)
        return indent

    def put(self, out: list[str], piece: str, *, blanks_ok: bool) -> None:
        if out and not out[-1].endswith("\n"):
            out.append(self.nl)
        if not blanks_ok and ends_blank("".join(out[-4:])):
            piece = strip_blank_lines(piece)
        out.append(piece)

    def empty_block(self, node: Collection, slot: Slot, token: str) -> list[Edit]:
        """A block collection emptied: ``key: []`` (``{}``), its detached comments kept."""
        bound, compact, pieces = self.pieces(node, slot)
        region_end = pieces[-1].body_end
        kept = "".join(
            line
            for piece in pieces
            for line in piece.detached.splitlines(keepends=True)
            if line.strip()
        )
        if slot.kind == "root":
            return [(bound, region_end, token + self.nl + kept)]
        start = slot.indicator + 1
        rest = "" if compact else self.text[start : self.content_line_end(start)]
        return [(start, region_end, " " + token + rest + self.nl + kept)]

    # -- replacing a value -----------------------------------------------------------------

    def replace_value(self, node: Node, entry: Entry | None, new: Any, slot: Slot) -> list[Edit]:
        """``node`` replaced by ``new`` of another kind, or a scalar changed, in block
        context."""
        text, nl = self.text, self.nl
        inner = slot.column + 2
        style = node.style if isinstance(node, Scalar) else None
        fresh = not isinstance(node, Scalar) or node.empty
        if isinstance(new, dict | list) and new:
            lines: list[str] | None = (
                block_item(new, slot.column) if slot.kind == "item" else _children(new, inner)
            )
            rendered: str | Block | None = None
        else:
            lines = None
            old_text = node.value if isinstance(node, Scalar) else ""
            rendered = render_scalar(new, style, fresh=fresh, flow=False, old_text=old_text)
        if slot.kind == "root":
            return self.replace_root(node, new, rendered)
        if slot.indicator < 0:
            raise EditProblem("cannot find the ':' or '-' of this value", node.start)
        start = slot.indicator + 1
        inline_old = (isinstance(node, Scalar) and node.style not in ("|", ">")) or (
            isinstance(node, Collection) and node.flow
        )
        if inline_old:
            old_end = start if isinstance(node, Scalar) and node.empty else node.end
            if isinstance(rendered, str):
                if isinstance(node, Scalar) and node.empty:
                    return [(start, start, " " + rendered)]
                return [(node.start, node.end, rendered)]
            rest = text[old_end : self.content_line_end(old_end)]
            end = self.line_end(old_end)
            if isinstance(rendered, Block):
                end, below = self.comments_below(end, inner, slot.column)
                return [(start, end, " " + rendered.text(inner, nl, rest) + below)]
            assert lines is not None
            return [(start, end, self.lines_after(slot, lines, rest))]
        end = self.end_of(self.content_end(node, entry))
        if isinstance(rendered, str):
            return [(start, end, " " + rendered + nl)]
        if isinstance(rendered, Block):
            indent, rest, at, space = inner, "", start, " "
            if isinstance(node, Scalar) and node.style in ("|", ">"):
                indent, rest = self.block_layout(node, end, inner)
                at, space = node.start, ""
            end, below = self.comments_below(end, indent, slot.column)
            return [(at, end, space + rendered.text(indent, nl, rest) + below)]
        assert lines is not None
        return [(start, end, self.lines_after(slot, lines, ""))]

    def lines_after(self, slot: Slot, lines: list[str], rest: str) -> str:
        nl = self.nl
        if slot.kind == "item":
            first = lines[0][slot.column + 2 :]
            return " " + first + rest + nl + "".join(line + nl for line in lines[1:])
        return rest + nl + "".join(line + nl for line in lines)

    def replace_root(self, node: Node, new: Any, rendered: str | Block | None) -> list[Edit]:
        nl = self.nl
        if isinstance(rendered, Block):
            body = rendered.text(2, nl)
        elif isinstance(rendered, str):
            body = rendered + nl
        else:
            body = "".join(line + nl for line in _children(new, 0))
        if isinstance(node, Collection) and not node.flow and node.entries:
            bound, _, pieces = self.pieces(node, ROOT)
            return [(bound, pieces[-1].body_end, body)]
        if isinstance(node, Scalar) and node.empty:
            start = len(self.text)
            prefix = "" if not self.text or self.text.endswith("\n") else nl
            return [(start, start, prefix + body)]
        end = self.end_of(self.content_end(node, None))
        return [(node.start, end, body)]

    def refuse_shared(self, node: Node, doing: str) -> None:
        """Refuse to remove or rewrite ``node`` when it holds an anchor an alias uses."""
        stack = [node]
        while stack:
            current = stack.pop()
            if current.anchor is not None and current.anchor in self.aliases:
                raise EditProblem(
                    f"cannot {doing} this: it holds the anchor &{current.anchor}, which an "
                    "alias repeats elsewhere",
                    current.start,
                )
            if isinstance(current, Collection):
                for entry in current.entries:
                    stack.append(entry.value)
                    if entry.key is not None:
                        stack.append(entry.key)


def _children(value: dict[str, Any] | list[Any], column: int) -> list[str]:
    if isinstance(value, dict):
        return [line for key, item in value.items() for line in block_pair(key, item, column)]
    return [line for item in value for line in block_item(item, column)]
