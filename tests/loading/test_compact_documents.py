"""A loaded document holds its text compressed and its positions in the narrowest
integers that fit, and gives back exactly what was read."""

from __future__ import annotations

import pickle
from array import array
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjm.check import SourceTexts, check_paths
from cjm.load.document import Document, load_document
from cjm.load.positions import PositionTable, SourceIndex
from cjm.load.yamlread import read_yaml
from cjm.model import JourneyMap
from tests.cache.workspaces import map_text, reports, write_workspace

TEXTS = ["", "id: m\n", "titre: été\r\n\u2028x: 😀\n", "lone: \ud800\n", "a: 1\n" * 5_000]


def _document(text: str | None) -> Document[JourneyMap]:
    return Document(Path("m.yaml"), "m.yaml", text, None, SourceIndex())


@pytest.mark.parametrize("text", TEXTS)
def test_the_text_is_given_back_exactly(text: str) -> None:
    document = _document(text)
    assert document.text == text
    assert document.has_text
    assert "text" not in document.__dict__


@given(st.text())
def test_any_text_is_given_back_exactly(text: str) -> None:
    assert _document(text).text == text


def test_no_text_stays_none() -> None:
    document = _document(None)
    assert document.text is None
    assert not document.has_text


def test_a_pickled_document_holds_its_text_compressed() -> None:
    text = "stages:\n" + "  - {id: s, name: Stage}\n" * 2_000
    document = _document(text)
    data = pickle.dumps(document)
    assert len(data) < len(text) / 10
    assert pickle.loads(data).text == text


def test_a_text_can_be_replaced() -> None:
    document = _document("a: 1\n")
    document.text = "b: 2\n"
    assert document.text == "b: 2\n"


def _table(text: str) -> PositionTable:
    return read_yaml(text, "m.yaml").index._entries


def test_positions_of_a_usual_file_are_16_bit() -> None:
    assert _table("id: m\nstages:\n  - {id: s, name: S}\n").cells.typecode == "H"


def test_positions_past_16_bits_stay_32_bit_and_answer_the_same() -> None:
    lines = 70_000
    text = "a: 1\n" + "#\n" * lines + "b: [x, y]\n"
    index = read_yaml(text, "m.yaml").index
    assert index._entries.cells.typecode == "I"
    assert index.value(("b", 1)).line == lines + 2
    assert index.key(("a",)).line == 1


def test_narrowing_keeps_every_cell() -> None:
    text = "id: m\nstages:\n" + "  - {id: s, name: S, steps: [{id: a, action: Do}]}\n" * 300
    narrow = _table(text)
    wide = PositionTable(array("I", narrow.cells), narrow.keys, narrow.columns)
    assert narrow.cells.typecode == "H"
    assert list(narrow.items()) == list(wide.items())
    assert len(list(wide.items())) > 1000
    assert pickle.loads(pickle.dumps(narrow)).cells == narrow.cells


def test_source_texts_unpack_on_reading(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(map_text("m1", "plain"), encoding="utf-8")
    document = load_document(path, "m.yaml", JourneyMap)
    missing = _document(None)
    missing.display = "gone.yaml"
    texts = SourceTexts([document, missing])
    assert list(texts) == ["m.yaml"]
    assert texts["m.yaml"] == path.read_text(encoding="utf-8")
    assert texts.get("gone.yaml") is None
    texts["other.yaml"] = "x: 1\n"
    assert dict(texts) == {"m.yaml": texts["m.yaml"], "other.yaml": "x: 1\n"}
    assert texts.pop("m.yaml") and len(texts) == 1


# Findings in several maps: an unknown persona, a step without touchpoints, a pain point,
# a suppression, a map that does not parse.
MAPS = {
    "m0": "pain",
    "m1": "unknown-persona",
    "m2": "no-touchpoint",
    "m3": "suppressed",
    "m4": "broken-yaml",
    "m5": "plain",
}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    write_workspace(tmp_path, {stem: map_text(stem, variant) for stem, variant in MAPS.items()})
    return tmp_path


def test_reports_are_the_same_with_and_without_the_cache(workspace: Path) -> None:
    baseline = reports(workspace, [], use_cache=False)
    first = reports(workspace, [], use_cache=True)
    warm = reports(workspace, [], use_cache=True, every_scope=False)
    assert first == baseline
    assert {k: v for k, v in warm.items() if k != "notes"} == {
        k: v for k, v in baseline.items() if k != "notes"
    }
    assert str(baseline["text"]).count("maps/m") > 4  # findings in several maps


@pytest.mark.parametrize("use_cache", [False, True])
def test_a_check_keeps_every_text_compressed(workspace: Path, use_cache: bool) -> None:
    for _ in range(2):  # with the cache: the run that fills it, then one that reads it
        result = check_paths([], workspace, use_cache=use_cache, every_scope=False)
        documents = [doc for project in result.projects for doc in project.documents()]
        assert documents
        assert all("text" not in doc.__dict__ for doc in documents)
        assert isinstance(result.sources, SourceTexts)
        for display, text in result.sources.items():
            assert (workspace / display).read_text(encoding="utf-8") == text
