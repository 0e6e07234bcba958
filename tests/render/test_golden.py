"""Golden DOT files pin every view of every example: a change to a diagram shows up in
review as a change to a readable text file. Accept intended changes with
``CJM_UPDATE_GOLDEN=1 python -m pytest tests/render/test_golden.py``."""

from __future__ import annotations

import os

import pytest

from cjm.render.context import RenderContext
from cjm.render.pipeline import VIEWS

from .conftest import GOLDEN, example_contexts

UPDATE = os.environ.get("CJM_UPDATE_GOLDEN") == "1"
CASES = [(name, context, view) for name, context in example_contexts() for view in VIEWS]


@pytest.mark.parametrize(("name", "context", "view"), CASES, ids=[f"{n}--{v}" for n, _, v in CASES])
def test_dot_matches_the_golden_file(name: str, context: RenderContext, view: str) -> None:
    source = VIEWS[view](context).source
    golden = GOLDEN / f"{name}--{view}.dot"
    if UPDATE:
        golden.write_text(source, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden.name}: run with CJM_UPDATE_GOLDEN=1"
    assert golden.read_text(encoding="utf-8") == source, (
        f"{golden.name} differs; if the change is intended, rerun with CJM_UPDATE_GOLDEN=1"
    )


def test_every_golden_file_belongs_to_a_case() -> None:
    expected = {f"{name}--{view}.dot" for name, _, view in CASES}
    assert {p.name for p in GOLDEN.glob("*.dot")} == expected
