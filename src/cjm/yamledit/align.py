"""Which old sequence items the new ones are: by ``id``, or by a longest common subsequence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from cjm.yamledit.scalars import freeze


@dataclass(frozen=True)
class Op:
    """One step of the new order: keep old item ``old`` as new item ``new`` (editing it
    if it differs), drop old item ``old``, or write new item ``new``. ``key`` names a new
    mapping key."""

    kind: Literal["keep", "drop", "new"]
    old: int
    new: int
    key: str | None = None


def _ids(items: list[Any]) -> list[str] | None:
    ids = [item.get("id") if isinstance(item, dict) else None for item in items]
    if not all(isinstance(i, str) for i in ids) or len(set(ids)) != len(ids):
        return None
    return [str(i) for i in ids]


def align_items(old: list[Any], new: list[Any]) -> list[Op]:
    """The steps that turn ``old`` into ``new``, in the new order (dropped items where
    they stood among the kept ones)."""
    old_ids, new_ids = _ids(old), _ids(new)
    if old and new and old_ids is not None and new_ids is not None:
        return _by_id(old_ids, new_ids)
    return _by_lcs(old, new)


def _by_id(old_ids: list[str], new_ids: list[str]) -> list[Op]:
    where = {item_id: index for index, item_id in enumerate(old_ids)}
    ops = [
        Op("keep", where[item_id], j) if item_id in where else Op("new", -1, j)
        for j, item_id in enumerate(new_ids)
    ]
    kept = {op.old for op in ops if op.kind == "keep"}
    for index in reversed(range(len(old_ids))):
        if index in kept:
            continue
        # Before the first kept item that came after it, or at the end.
        position = next(
            (p for p, op in enumerate(ops) if op.kind == "keep" and op.old > index), len(ops)
        )
        ops.insert(position, Op("drop", index, -1))
    # An item dropped where a new one comes is that item with its id changed.
    return _pair_runs(ops)


def _by_lcs(old: list[Any], new: list[Any]) -> list[Op]:
    a, b = [freeze(x) for x in old], [freeze(x) for x in new]
    n, m = len(a), len(b)
    # Common ends first: most edits touch a few items in the middle.
    head = 0
    while head < n and head < m and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < n - head and tail < m - head and a[n - 1 - tail] == b[m - 1 - tail]:
        tail += 1
    mid_a, mid_b = a[head : n - tail], b[head : m - tail]
    table = [[0] * (len(mid_b) + 1) for _ in range(len(mid_a) + 1)]
    for i in range(len(mid_a) - 1, -1, -1):
        for j in range(len(mid_b) - 1, -1, -1):
            table[i][j] = (
                table[i + 1][j + 1] + 1
                if mid_a[i] == mid_b[j]
                else max(table[i + 1][j], table[i][j + 1])
            )
    raw = [Op("keep", k, k) for k in range(head)]
    i = j = 0
    while i < len(mid_a) or j < len(mid_b):
        if i < len(mid_a) and j < len(mid_b) and mid_a[i] == mid_b[j]:
            raw.append(Op("keep", head + i, head + j))
            i += 1
            j += 1
        elif j >= len(mid_b) or (i < len(mid_a) and table[i + 1][j] >= table[i][j + 1]):
            raw.append(Op("drop", head + i, -1))
            i += 1
        else:
            raw.append(Op("new", -1, head + j))
            j += 1
    raw.extend(Op("keep", n - tail + k, m - tail + k) for k in range(tail))
    ops = _pair_runs(_moves(raw, a, b))
    # What is left unpaired: a mapping that moved and changed is the one with its id.
    return _moves(ops, [_id_of(x) for x in old], [_id_of(x) for x in new])


def _id_of(item: Any) -> Any:
    """A mapping's ``id`` text, which names the item through its edits; None otherwise."""
    item_id = item.get("id") if isinstance(item, dict) else None
    return ("id", item_id) if isinstance(item_id, str) else None


def _moves(ops: list[Op], a: list[Any], b: list[Any]) -> list[Op]:
    """A dropped item written again elsewhere (the same data, or the same non-None
    stand-in) moves there, with its text, and is edited there."""
    dropped: dict[Any, list[int]] = {}
    for op in ops:
        if op.kind == "drop" and a[op.old] is not None:
            dropped.setdefault(a[op.old], []).append(op.old)
    moved: set[int] = set()
    out: list[Op] = []
    for op in ops:
        if op.kind == "new" and b[op.new] is not None and dropped.get(b[op.new]):
            old = dropped[b[op.new]].pop(0)
            moved.add(old)
            out.append(Op("keep", old, op.new))
        else:
            out.append(op)
    return [op for op in out if not (op.kind == "drop" and op.old in moved)]


def _pair_runs(ops: list[Op]) -> list[Op]:
    """A run of dropped and new items side by side: the first ones pair up and are edited
    in place, the rest are dropped or written."""
    out: list[Op] = []
    drops: list[int] = []
    news: list[int] = []

    def flush() -> None:
        pairs = min(len(drops), len(news))
        out.extend(Op("keep", drops[k], news[k]) for k in range(pairs))
        out.extend(Op("drop", d, -1) for d in drops[pairs:])
        out.extend(Op("new", -1, w) for w in news[pairs:])
        drops.clear()
        news.clear()

    for op in ops:
        if op.kind == "drop":
            drops.append(op.old)
        elif op.kind == "new":
            news.append(op.new)
        else:
            flush()
            out.append(op)
    flush()
    return out
