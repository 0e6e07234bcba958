"""Key order: every mapping whose model is known follows the model's field order.

Keys the model does not name (``x-`` extensions, the only ones a valid file can have)
follow the known keys in the order they were written, and their values are not sorted.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from cjm.fmt.tree import Alias, Entry, Mapping, Node, Pair, Scalar, Sequence, TreeDocument

# -- key order -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """What the model expects of a value: a mapping of a model, a list or a dict of..."""

    model: type[BaseModel] | None = None
    items: Shape | None = None
    values: Shape | None = None


def _shape_of(annotation: Any) -> Shape:
    origin = get_origin(annotation)
    arguments = get_args(annotation)
    if origin is Annotated:
        return _shape_of(arguments[0])
    if origin is Union or origin is types.UnionType:
        shapes = [_shape_of(argument) for argument in arguments]
        return Shape(
            next((s.model for s in shapes if s.model), None),
            next((s.items for s in shapes if s.items), None),
            next((s.values for s in shapes if s.values), None),
        )
    if origin in (list, tuple, set, frozenset) and arguments:
        return Shape(items=_shape_of(arguments[0]))
    if origin is dict and len(arguments) == 2:
        return Shape(values=_shape_of(arguments[1]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape(model=annotation)
    return Shape()


_FIELDS: dict[type[BaseModel], dict[str, tuple[int, Shape]]] = {}


def fields_of(model: type[BaseModel]) -> dict[str, tuple[int, Shape]]:
    if model not in _FIELDS:
        _FIELDS[model] = {
            name: (rank, _shape_of(info.annotation))
            for rank, (name, info) in enumerate(model.model_fields.items())
        }
    return _FIELDS[model]


def _key_name(pair: Pair) -> str | None:
    return pair.key.value if isinstance(pair.key, Scalar) else None


def order_keys(document: TreeDocument, model: type[BaseModel]) -> None:
    root = document.root
    if root is None:
        return
    _sort(root, Shape(model=model))
    # An alias must follow its anchor: where moving keys broke that, the mapping where
    # the two part ways keeps its written order.
    while document.has_aliases and (alias := _misplaced_alias(root)) is not None:
        mapping = _parting_mapping(alias, alias.target)
        if mapping is None or mapping.pairs == mapping.written:
            for node in _walk(root):
                if isinstance(node, Mapping):
                    node.pairs = list(node.written)
            return
        mapping.pairs = list(mapping.written)


def _sort(node: Node, shape: Shape) -> None:
    if isinstance(node, Mapping):
        fields = fields_of(shape.model) if shape.model is not None else {}
        if fields:
            last = len(fields)

            def rank(pair: Pair) -> int:
                name = _key_name(pair)
                if name == "<<":
                    return -1
                return fields[name][0] if name in fields else last

            ordered = sorted(node.written, key=rank)
            if ordered != node.written:  # else ``pairs`` stays the written list itself
                node.pairs = ordered
        for pair in node.pairs:
            name = _key_name(pair)
            child = fields[name][1] if name in fields else None
            if shape.values is not None:
                child = shape.values
            if child is not None:
                _sort(pair.value, child)
    elif isinstance(node, Sequence) and shape.items is not None:
        for item in node.items:
            _sort(item.value, shape.items)


def _walk(node: Node) -> Iterator[Node]:
    """``node`` and everything in it, in the order they are written out."""
    yield node
    if isinstance(node, Mapping):
        for pair in node.pairs:
            if pair.key is not None:
                yield from _walk(pair.key)
            yield from _walk(pair.value)
    elif isinstance(node, Sequence):
        for item in node.items:
            yield from _walk(item.value)


def _misplaced_alias(root: Node) -> Alias | None:
    """The first alias that no longer follows the anchor it refers to."""
    latest: dict[str, Node] = {}
    for node in _walk(root):
        if isinstance(node, Alias):
            if latest.get(node.name) is not node.target:
                return node
        elif node.anchor is not None:
            latest[node.anchor] = node
    return None


def _path(node: Node) -> list[Entry]:
    """The entries that lead from the root to ``node``."""
    path = []
    entry = node.owner
    while entry is not None:
        path.append(entry)
        entry = entry.parent.owner
    return path[::-1]


def _parting_mapping(one: Node, other: Node | None) -> Mapping | None:
    """The mapping whose different keys hold ``one`` and ``other``."""
    if other is None:
        return None
    for mine, theirs in zip(_path(one), _path(other), strict=False):
        if mine is not theirs:
            parent = mine.parent
            return parent if isinstance(parent, Mapping) and parent is theirs.parent else None
    return None
