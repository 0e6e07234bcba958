"""The compact position table answers every lookup as a dict of paths to spans would.

The reference below is the index as it was before the table: every recorded path in a
dict, the nearest recorded ancestor found by stripping the path's last part. It is fed
with the paths and spans the table itself lists (``SourceIndex.items``), and those are
checked against the data: every value of the document has its path listed.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from cjm.load.positions import (
    COLUMNS,
    NO_KEY,
    ROW,
    DataPath,
    PathPart,
    PositionTable,
    SpanPair,
    index_code,
    key_code,
)
from cjm.load.yamlread import read_yaml

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").rglob("*.yaml"))
# Bytes the table may spend on one node: its row of 32-bit integers and its 16-bit
# columns, with the arrays' room to grow.
MAX_BYTES_PER_NODE = (ROW * 4 + COLUMNS * 2) * 1.15 + 1


def _nearest(spans: dict[DataPath, SpanPair], path: Sequence[PathPart]) -> SpanPair | None:
    probe = tuple(path)
    while probe:
        found = spans.get(probe)
        if found is not None:
            return found
        probe = probe[:-1]
    return spans.get(())


def _value_paths(data: Any, path: DataPath = ()) -> list[DataPath]:
    """The path of every value of ``data`` (aliases share values: each path counts)."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _value_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _value_paths(value, (*path, index))
    return found


def _probes(spans: dict[DataPath, SpanPair]) -> list[DataPath]:
    paths = list(spans)
    return [
        *paths,
        *((*p, "missing") for p in paths),
        *((*p, 0) for p in paths),
        *((*p, 10**6) for p in paths),
        *((*p[:-1], "id") for p in paths if p),
        *((*p[:-1], -1) for p in paths if p),
        ("no", "such", "path"),
    ]


def assert_equivalent(text: str) -> None:
    for fast in (True, False):
        document = read_yaml(text, "map.yaml", fast=fast)
        index = document.index
        spans = index.items()
        if document.data is not None:
            missing = [p for p in _value_paths(document.data) if p not in spans]
            # Values reached through an alias or a merge are not where the path says.
            assert all(_through_alias(text, p) for p in missing), missing
        for probe in _probes(spans):
            expected = _nearest(spans, probe)
            assert index._nearest(probe) == expected, probe
            assert (probe in index) == (probe in spans), probe
            entry = index.exact(probe)
            assert (entry is not None) == (probe in spans), probe
            if expected is None:
                assert index.value(probe).line == 1 and index.value(probe).column == 1
            else:
                value = index.value(probe)
                assert (value.line, value.column, value.end_column) == expected[3:]
        for prefix in list(spans)[:20]:
            view = index.within(prefix)
            for probe in _probes(spans)[:50]:
                assert view._nearest(probe) == _nearest(spans, (*prefix, *probe))
        restored = pickle.loads(pickle.dumps(index))
        assert restored.items() == spans


def _through_alias(text: str, path: DataPath) -> bool:
    return "*" in text or "<<" in text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_maps(path: Path) -> None:
    assert_equivalent(path.read_text(encoding="utf-8"))


def test_paths_match_the_data_and_positions_the_text() -> None:
    text = "id: a\nstages:\n  - id: s\n    steps: [x, {id: y}]\n  - name: T\n"
    index = read_yaml(text, "map.yaml").index
    assert index.items() == {
        (): (0, 0, None, 1, 1, None),
        ("id",): (1, 1, 3, 1, 5, 6),
        ("stages",): (2, 1, 7, 3, 3, None),
        ("stages", 0): (0, 0, None, 3, 5, None),
        ("stages", 0, "id"): (3, 5, 7, 3, 9, 10),
        ("stages", 0, "steps"): (4, 5, 10, 4, 12, None),
        ("stages", 0, "steps", 0): (0, 0, None, 4, 13, 14),
        ("stages", 0, "steps", 1): (0, 0, None, 4, 16, None),
        ("stages", 0, "steps", 1, "id"): (4, 17, 19, 4, 21, 22),
        ("stages", 1): (0, 0, None, 5, 5, None),
        ("stages", 1, "name"): (5, 5, 9, 5, 11, 12),
    }
    assert index.key(("stages", 0, "steps", 1, "title")).line == 4
    assert index.value(("stages", 7)).line == 3


def test_two_merges_in_one_mapping_count_both() -> None:
    text = "a: &a {x: 1, y: 2}\nb: &b {x: 3}\nc:\n  <<: {x: 5, y: 6}\n  <<: {x: 7}\n"
    assert_equivalent(text)
    index = read_yaml(text, "map.yaml").index
    assert index.value(("c", "<<", "x")).line == 5
    assert index.value(("c", "<<", "y")).line == 4


def test_a_document_cut_short_keeps_what_was_read() -> None:
    text = "id: a\nstages:\n  - id: s\n    steps: [x, {id: y\n  - name: T\n"
    assert_equivalent(text)


def test_size_per_node() -> None:
    steps = "".join(
        f"  - id: s{n}\n    name: Step {n}\n    emotion: {{score: 1, label: ok}}\n"
        for n in range(2000)
    )
    index = read_yaml(f"id: big\nsteps:\n{steps}", "map.yaml").index
    table = index._entries
    assert table.nodes == len(index.items()) == 2000 * 6 + 3
    assert table.columns.itemsize == 2
    assert sys.getsizeof(table.cells) + sys.getsizeof(table.columns) <= (
        table.nodes * MAX_BYTES_PER_NODE
    )
    assert sum(sys.getsizeof(k) for k in table.keys) < 1000  # each key once


def test_columns_too_large_for_16_bits_widen_the_columns() -> None:
    wide = "x" * 70_000
    text = f"a: 1\nlong: [{wide}, {{k: v}}]\nb: {{c: {wide}}}\nend: 2\n"
    assert_equivalent(text)
    index = read_yaml(text, "map.yaml").index
    assert index._entries.columns.itemsize == 4
    assert index.value(("long", 1, "k")).column == len("long: [") + len(wide) + 3 + 4
    assert index.value(("b", "c")).column == len("b: {c: ") + 1
    assert index.value(("end",)).column == 6


def test_a_collection_placed_past_16_bits_widens_the_columns() -> None:
    table = PositionTable()
    node = table.open(key_code(0), (1, 1, 2))
    table.leaf(index_code(0), NO_KEY, (1, 5, 6))
    table.close(node)
    table.place(node, (1, 70_000, 70_001))
    assert table.columns.itemsize == 4
    assert table.spans(node) == (1, 1, 2, 1, 70_000, 70_001)
    assert table.spans(node + 1) == (0, 0, None, 1, 5, 6)
    restored = pickle.loads(pickle.dumps(table))
    assert restored.spans(node) == table.spans(node)


_KEYS = st.sampled_from(["id", "name", "steps", "a", "b", "1", "null", "true", "<<", "x y"])
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.sampled_from(["text", "é", "a: b", ""])
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=25,
)


def _dump(data: Any, flow: bool) -> str:
    from io import StringIO

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    out = StringIO()
    yaml.dump(data, out)
    return out.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_DATA, flow=st.booleans(), duplicate=st.booleans())
def test_generated_documents(data: Any, flow: bool, duplicate: bool) -> None:
    text = _dump(data, flow)
    if duplicate and isinstance(data, dict) and data and not flow:
        text += text.splitlines()[0] + "\n"  # a key given twice
    assert_equivalent(text)
