"""What keeps a loaded map small in memory, and that none of it changes what a model is:
field values in dicts of shared keys, no field set copied for a private attribute, a
pain point's counted-as severity kept only when known, libyaml fed a text in pieces,
and the allocator's threshold fixed."""

from __future__ import annotations

import copy
import pickle
import sys
from pathlib import Path

import pytest
from _ruamel_yaml import CParser

from cjm.load.allocator import keep_mmap_threshold
from cjm.load.document import parse_document
from cjm.load.yamlevents import HAS_LIBYAML, TextPieces
from cjm.model import JourneyMap, PainPoint, Step
from cjm.model.base import SharedFieldSet
from cjm.model.journey import Severity

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
      - {id: fill, action: Fills the form, x-note: kept aside}
      - id: send
        action: Sends the form
        pain_points: [{id: slow, summary: It is slow, severity: blocker}]
"""


@pytest.fixture
def journey() -> JourneyMap:
    document = parse_document(Path("open.yaml"), "open.yaml", MAP, JourneyMap)
    assert document.model is not None, document.diagnostics
    return document.model


def test_a_loaded_model_holds_its_values_in_a_smaller_dict_of_the_same_items(
    journey: JourneyMap,
) -> None:
    fill, send = journey.stages[0].steps
    own = dict(send.__dict__)  # an ordinary dict of the same items
    assert list(send.__dict__.items()) == list(own.items())
    assert list(send.__dict__) == list(Step.model_fields)
    assert sys.getsizeof(send.__dict__) < sys.getsizeof(own) / 2
    assert fill.extensions == {"x-note": "kept aside"}
    made = Step(**{k: v for k, v in own.items() if k in send.model_fields_set})
    assert made == send
    assert repr(made) == repr(send)
    assert made.model_dump() == send.model_dump()


def test_a_model_with_shared_keys_copies_pickles_and_assigns_as_before(
    journey: JourneyMap,
) -> None:
    send = journey.stages[0].steps[1]
    for copied in (
        copy.copy(send),
        copy.deepcopy(send),
        send.model_copy(),
        pickle.loads(pickle.dumps(send)),
    ):
        assert copied == send
        assert list(copied.__dict__) == list(send.__dict__)
    changed = send.model_copy(update={"action": "Posts the form"})
    assert changed.action == "Posts the form" and send.action == "Sends the form"
    send.action = "Mails the form"
    send.__dict__["description"] = "By post"
    assert send.action == "Mails the form" and send.description == "By post"
    assert send.model_dump()["description"] == "By post"


def test_a_private_attribute_leaves_the_shared_field_set(journey: JourneyMap) -> None:
    pain = journey.stages[0].steps[1].pain_points[0]
    assert type(pain.model_fields_set) is SharedFieldSet
    journey._coverage_kept = None  # a private attribute of the map
    assert type(journey.model_fields_set) is SharedFieldSet
    pain.summary = "It is very slow"  # a field: the model gets a set of its own
    assert type(pain.model_fields_set) is set


def test_a_pain_point_keeps_what_its_severity_counts_as_only_when_known() -> None:
    pain = PainPoint(id="slow", summary="Slow", severity="blocker")
    other = PainPoint(id="slow", summary="Slow", severity="blocker")
    assert pain.__pydantic_private__ is None
    assert pain.level is Severity.MEDIUM
    pain.follow_vocabulary(None)
    assert pain.__pydantic_private__ is None and pain == other
    pain.follow_vocabulary(Severity.CRITICAL)
    assert pain.level is Severity.CRITICAL and pain != other
    assert pickle.loads(pickle.dumps(pain)).level is Severity.CRITICAL
    assert pain.model_copy().level is Severity.CRITICAL
    pain.follow_vocabulary(None)
    assert pain.level is Severity.MEDIUM and pain == other
    built_in = PainPoint(id="slow", summary="Slow", severity="high")
    built_in.follow_vocabulary(Severity.LOW)  # a built-in severity is what it says
    assert built_in.level is Severity.HIGH


def test_a_pain_point_with_extensions_keeps_them_beside_its_severity() -> None:
    pain = PainPoint.model_validate(
        {"id": "slow", "summary": "Slow", "severity": "blocker", "x-team": "ops"}
    )
    pain.follow_vocabulary(Severity.HIGH)
    assert pain.extensions == {"x-team": "ops"} and pain.level is Severity.HIGH
    pain.follow_vocabulary(None)
    assert pain.extensions == {"x-team": "ops"} and pain.level is Severity.MEDIUM


def _events(source: object) -> list[object]:
    parser = CParser(source)
    found: list[object] = []
    try:
        while True:
            event = parser.get_event()
            marks = [
                (m.name, m.index, m.line, m.column) for m in (event.start_mark, event.end_mark)
            ]
            found.append((type(event).__name__, getattr(event, "value", None), marks))
            if type(event).__name__ == "StreamEndEvent":
                return found
    except Exception as error:  # the error is what is compared
        found.append((type(error).__name__, str(error)))
        return found


@pytest.mark.skipif(not HAS_LIBYAML, reason="libyaml is not installed")
@pytest.mark.parametrize(
    ("text", "last"),
    [
        (MAP, "StreamEndEvent"),
        ("a: " + "é😀" * 30_000 + "\nb: [1, 2]\n", "StreamEndEvent"),
        ("a: [1, 2\nb: 3\n", "ParserError"),
        ("a: b\x01c\n", "ReaderError"),
        ("\ufeffa: 1\n", "StreamEndEvent"),
        ("", "StreamEndEvent"),
    ],
    ids=["map", "long-multibyte", "syntax-error", "control-character", "bom", "empty"],
)
def test_libyaml_reads_a_text_in_pieces_as_it_reads_it_whole(text: str, last: str) -> None:
    whole = _events(text)
    assert _events(TextPieces(text)) == whole
    assert whole[-1][0] == last


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_the_mmap_threshold_is_fixed_on_linux() -> None:
    assert keep_mmap_threshold()
    assert keep_mmap_threshold()  # again: harmless
