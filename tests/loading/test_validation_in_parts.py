"""A map's stages and opportunities are validated one at a time before the whole map (to
free the parsed tree as its models are made); the loaded document is exactly what
validating the whole tree at once gives, for valid and invalid maps alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import cjm.load.document as loading
from cjm.load.document import Document, parse_document
from cjm.model import DefinitionsFile, JourneyMap, WorkspaceConfig

REPOSITORY = Path(__file__).resolve().parents[2]
MAP_FILES = sorted(
    [*REPOSITORY.glob("examples/*/maps/**/*.yaml"), *REPOSITORY.glob("tests/fixtures/maps/*.yaml")]
)

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
    steps: [{id: fill, action: Fills the form, x-note: kept}]
  - id: sign
    name: Sign
    steps: [{id: sign, action: Signs}]
"""


def _load(text: str, name: str = "map.yaml") -> Document[JourneyMap]:
    return parse_document(Path(name), name, text, JourneyMap)


def _load_whole(text: str, monkeypatch: pytest.MonkeyPatch) -> Document[JourneyMap]:
    with monkeypatch.context() as patch:
        patch.setattr(loading, "_parts_validated_first", lambda *_: False)
        return _load(text)


def _same(in_parts: Document[Any], whole: Document[Any]) -> None:
    assert in_parts.diagnostics == whole.diagnostics
    assert in_parts.model == whole.model
    assert in_parts.partial == whole.partial
    assert in_parts.unloaded == whole.unloaded
    assert in_parts.unloaded_mentions == whole.unloaded_mentions
    assert in_parts.shifts == whole.shifts
    for mine, theirs in ((in_parts.model, whole.model), (in_parts.partial, whole.partial)):
        if mine is not None and theirs is not None:
            assert mine.model_dump(exclude_unset=True) == theirs.model_dump(exclude_unset=True)


def test_a_map_s_lists_of_models_are_validated_in_parts() -> None:
    names = [name for name, _ in loading._separate_parts(JourneyMap)]
    assert "stages" in names
    assert "opportunities" in names
    assert "personas" not in names  # references or definitions: a union, not a model
    assert loading._separate_parts(WorkspaceConfig) == ()
    assert loading._separate_parts(DefinitionsFile) == ()


@pytest.mark.parametrize("path", MAP_FILES, ids=lambda p: p.relative_to(REPOSITORY).as_posix())
def test_every_map_loads_as_when_validated_whole(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = path.read_text(encoding="utf-8")
    _same(_load(text), _load_whole(text, monkeypatch))


@pytest.mark.parametrize(
    "change",
    [
        ("    name: Sign\n", "    name: Sign\n    colour: red\n"),  # in the second stage
        ("owner: ops\n", "owner: Ops Team\n"),  # in the map itself, after the stages
        ("stages:\n", "opportunities: [{id: x}]\nstages:\n"),  # an opportunity
        ("  - id: sign\n    name: Sign\n", "  - 3\n"),  # a stage that is no mapping
    ],
)
def test_an_invalid_map_is_reported_as_when_validated_whole(
    change: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = MAP.replace(*change)
    in_parts = _load(text)
    assert in_parts.model is None
    assert in_parts.diagnostics
    _same(in_parts, _load_whole(text, monkeypatch))


def test_a_valid_map_keeps_its_extensions_and_given_fields() -> None:
    journey = _load(MAP).model
    assert journey is not None
    fill = journey.stages[0].steps[0]
    assert fill.extensions == {"x-note": "kept"}
    assert fill.model_fields_set == {"id", "action"}


def test_a_map_with_aliases_is_validated_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    text = MAP.replace("stages:\n", "stages: &stages\n") + "x-stages: *stages\n"
    document = _load(text)
    assert document.model is not None
    copied = document.model.extensions["x-stages"]
    assert [type(stage) for stage in copied] == [dict, dict]
    _same(document, _load_whole(text, monkeypatch))
