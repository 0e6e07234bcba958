"""Models given the same fields share one set of their names (see SharedFieldSet), and what
cjm and Pydantic do with that set still works: dumps of what was written, copies,
assignments and pickles. A shared set can never be changed through one model."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path
from typing import Any

import pytest

from cjm.cache import DocumentCache
from cjm.load.document import parse_document
from cjm.load.source import DEFAULT_MAX_BYTES
from cjm.model import JourneyMap, Step
from cjm.model.base import SharedFieldSet, shared_field_set

MAP = """\
format: "1.0"
id: open
title: Opening an account
type: current-state
owner: ops
reviewed: 2026-10-01
personas: [{id: ann, name: Ann}]
stages:
  - id: apply
    name: Apply
    steps:
      - {id: fill, action: Fills the form}
      - {id: send, action: Sends the form}
      - {id: wait, action: Waits, x-note: kept aside}
      - {id: sign, action: Signs, description: With a pen}
"""


@pytest.fixture
def journey() -> JourneyMap:
    document = parse_document(Path("open.yaml"), "open.yaml", MAP, JourneyMap)
    assert document.model is not None, document.diagnostics
    return document.model


def _steps(journey: JourneyMap) -> list[Step]:
    return journey.stages[0].steps


def test_models_given_the_same_fields_share_one_set(journey: JourneyMap) -> None:
    fill, send, wait, sign = _steps(journey)
    assert type(fill.model_fields_set) is SharedFieldSet
    assert fill.model_fields_set == {"id", "action"}
    assert fill.model_fields_set is send.model_fields_set
    assert wait.model_fields_set is send.model_fields_set  # the x- key is kept aside
    assert sign.model_fields_set == {"id", "action", "description"}
    assert sign.model_fields_set is not fill.model_fields_set
    assert wait.extensions == {"x-note": "kept aside"}


def test_a_model_made_in_code_shares_its_set_too() -> None:
    made = Step(id="fill", action="Fills the form")
    assert made.model_fields_set is shared_field_set({"id", "action"})


def test_dumps_of_what_was_written_are_unchanged(journey: JourneyMap) -> None:
    dumped = journey.model_dump(exclude_unset=True, mode="json")
    assert dumped["stages"][0]["steps"][0] == {"id": "fill", "action": "Fills the form"}
    assert dumped["stages"][0]["steps"][3] == {
        "id": "sign",
        "action": "Signs",
        "description": "With a pen",
    }
    assert '"steps":[{"id":"fill","action":"Fills the form"}' in journey.model_dump_json(
        exclude_unset=True
    )


def test_assigning_a_field_gives_the_model_a_set_of_its_own(journey: JourneyMap) -> None:
    fill, send, *_ = _steps(journey)
    fill.description = "Online"
    assert fill.model_fields_set == {"id", "action", "description"}
    assert type(fill.model_fields_set) is set
    assert send.model_fields_set == {"id", "action"}
    assert shared_field_set({"id", "action"}) == {"id", "action"}


def test_a_copy_with_updates_marks_them_set_on_the_copy_only(journey: JourneyMap) -> None:
    fill = _steps(journey)[0]
    changed = fill.model_copy(update={"description": "Online"})
    assert changed.model_fields_set == {"id", "action", "description"}
    assert fill.model_fields_set == {"id", "action"}
    assert fill.model_fields_set is _steps(journey)[1].model_fields_set


def test_a_deep_copy_can_be_changed_without_touching_the_original(journey: JourneyMap) -> None:
    twin = journey.model_copy(deep=True)
    twin_fill = _steps(twin)[0]
    assert type(twin_fill.model_fields_set) is set
    twin_fill.optional = True
    assert "optional" in twin_fill.model_fields_set
    assert "optional" not in _steps(journey)[1].model_fields_set
    assert copy.deepcopy(journey) == journey


def test_a_pickled_model_comes_back_equal_with_the_shared_sets(journey: JourneyMap) -> None:
    back = pickle.loads(pickle.dumps(journey))
    assert back == journey
    assert back.model_dump(exclude_unset=True) == journey.model_dump(exclude_unset=True)
    assert _steps(back)[0].model_fields_set is _steps(journey)[0].model_fields_set
    assert _steps(back)[2].extensions == {"x-note": "kept aside"}


@pytest.mark.parametrize(
    ("method", "arguments"),
    [
        ("add", ("optional",)),
        ("discard", ("id",)),
        ("remove", ("id",)),
        ("pop", ()),
        ("clear", ()),
        ("update", ({"optional"},)),
        ("difference_update", ({"id"},)),
        ("intersection_update", ({"id"},)),
        ("symmetric_difference_update", ({"id"},)),
        ("__ior__", ({"optional"},)),
        ("__iand__", ({"id"},)),
        ("__isub__", ({"id"},)),
        ("__ixor__", ({"id"},)),
    ],
)
def test_a_shared_set_cannot_be_changed(
    journey: JourneyMap, method: str, arguments: tuple[Any, ...]
) -> None:
    shared = _steps(journey)[0].model_fields_set
    with pytest.raises(TypeError, match="shared"):
        getattr(shared, method)(*arguments)
    assert shared == {"id", "action"}


def test_a_copy_of_a_shared_set_is_a_plain_set() -> None:
    shared = shared_field_set({"id"})
    for copied in (shared.copy(), copy.copy(shared), copy.deepcopy(shared)):
        assert type(copied) is set
        copied.add("action")
    assert shared == {"id"}


def test_a_document_from_the_cache_comes_back_with_the_shared_sets(tmp_path: Path) -> None:
    path = tmp_path / "open.yaml"
    path.write_text(MAP, encoding="utf-8")
    document = parse_document(path, "open.yaml", MAP, JourneyMap)
    cache = DocumentCache(tmp_path)
    key = cache.key(path, "open.yaml", JourneyMap, DEFAULT_MAX_BYTES)
    assert key is not None
    cache.put(key, document, JourneyMap)
    back = DocumentCache(tmp_path).get(key)
    assert back is not None and back.model is not None and document.model is not None
    assert back.model == document.model
    assert _steps(back.model)[0].model_fields_set is _steps(document.model)[1].model_fields_set
    assert _steps(back.model)[2].extensions == {"x-note": "kept aside"}
