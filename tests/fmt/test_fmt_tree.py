"""The tree shares what it can: a mapping whose keys are already in order keeps one list
of pairs, and only block scalars carry the slots of their header and lines."""

from __future__ import annotations

from cjm.fmt.order import order_keys
from cjm.fmt.source import Source
from cjm.fmt.tree import BlockScalar, Mapping, Scalar, TreeBuilder, TreeDocument
from cjm.model import JourneyMap


def _tree(text: str) -> TreeDocument:
    document = TreeBuilder(Source.parse(text)).build()
    order_keys(document, JourneyMap)
    return document


def _keys(mapping: Mapping, pairs: str) -> list[str]:
    return [pair.key.value for pair in getattr(mapping, pairs) if isinstance(pair.key, Scalar)]


def test_keys_in_order_keep_the_written_list() -> None:
    root = _tree("id: a\ntitle: A\n").root
    assert isinstance(root, Mapping)
    assert root.pairs is root.written


def test_moved_keys_get_a_list_of_their_own() -> None:
    root = _tree("title: A\nid: a\n").root
    assert isinstance(root, Mapping)
    assert _keys(root, "pairs") == ["id", "title"]
    assert _keys(root, "written") == ["title", "id"]


def test_only_block_scalars_are_block_scalars() -> None:
    root = _tree("id: a\ndescription: |\n  Two\n  lines\ntitle: 'A'\n").root
    assert isinstance(root, Mapping)
    kinds = {
        pair.key.value: type(pair.value) for pair in root.pairs if isinstance(pair.key, Scalar)
    }
    assert kinds == {"id": Scalar, "title": Scalar, "description": BlockScalar}


def test_a_document_with_aliases_says_so() -> None:
    """Only then are aliases looked for after keys move (an alias must follow its anchor)."""
    assert not _tree("id: a\ntitle: A\n").has_aliases
    document = _tree("description: &t A\nid: a\ntitle: *t\n")
    assert document.has_aliases
    assert isinstance(document.root, Mapping)
    # Ordered, `title: *t` would come before its anchor: the mapping keeps its order.
    assert _keys(document.root, "pairs") == ["description", "id", "title"]
