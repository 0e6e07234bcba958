"""The form a snapshot's hash reads of a binding and its sources: cjm's own, written as
``model_dump(mode="json", by_alias=True)`` writes it, so that every recorded hash stays as
it was, and made without building any model class."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from cjm.cache import DocumentCache
from cjm.load.project import Project, load_workspace
from cjm.measure.fingerprint import PREFIX, binding_hash, expected_hash, json_form
from cjm.measure.line import FunnelLine
from cjm.model import JourneyMap
from cjm.model.binding import Binding
from cjm.model.sources import Source
from tests.measure.funnel_support import binding, source

REPOSITORY = Path(__file__).resolve().parents[2]
WORKSPACES = [
    REPOSITORY / "examples" / "b2b-saas-trial",
    REPOSITORY / "tests" / "fixtures" / "measured",
    REPOSITORY / "tests" / "report" / "fixtures" / "funnel",
]
NO_LINE = FunnelLine(steps=(), side_steps=())


def _text(value: Any) -> str:
    """As the hash writes it (NaN is not equal to itself, its text is)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def dumped_hash(bound: Binding, sources: list[Source], line: FunnelLine) -> str:
    """The hash as Pydantic's dumps make it, as it was written before."""
    described: dict[str, Any] = {
        "binding": bound.model_dump(mode="json", by_alias=True, exclude={"format"}),
        "sources": sorted(
            (each.model_dump(mode="json", by_alias=True) for each in sources),
            key=lambda each: str(each["id"]),
        ),
        "line": [[entry.step, entry.stage] for entry in line.steps],
        "side": [[entry.step, entry.stage, entry.why] for entry in line.side_steps],
    }
    return PREFIX + hashlib.sha256(_text(described).encode("utf-8")).hexdigest()


def _assert_as_dumped(model: BaseModel) -> None:
    assert _text(json_form(model)) == _text(model.model_dump(mode="json", by_alias=True))


def _measured(project: Project) -> list[tuple[JourneyMap, Binding, list[Source]]]:
    assert project.config is not None and project.config.checked is not None
    sources = project.config.checked.measure.sources
    journeys = {doc.checked.id: doc.checked for doc in project.maps if doc.checked is not None}
    return [
        (journeys[map_id], attached.binding, sources)
        for map_id, attached in project.measurements.items()
        if attached.binding is not None and map_id in journeys
    ]


@pytest.mark.parametrize("workspace", WORKSPACES, ids=lambda path: path.name)
def test_every_example_binding_and_source_is_written_as_dumped(workspace: Path) -> None:
    measured = _measured(load_workspace(workspace, workspace))
    assert measured
    for journey, bound, sources in measured:
        _assert_as_dumped(bound)
        for each in sources:
            _assert_as_dumped(each)
        assert binding_hash(bound, sources, NO_LINE) == dumped_hash(bound, sources, NO_LINE)
        assert expected_hash(journey, bound, sources).startswith(PREFIX)


@pytest.mark.parametrize("workspace", WORKSPACES, ids=lambda path: path.name)
def test_the_hash_from_the_cache_is_the_hash_from_the_files(
    workspace: Path, tmp_path: Path
) -> None:
    root = tmp_path / workspace.name
    shutil.copytree(workspace, root, ignore=shutil.ignore_patterns(".cjm-cache"))
    cold = load_workspace(root, root, cache=DocumentCache(root))
    warm_cache = DocumentCache(root)
    warm = load_workspace(root, root, cache=warm_cache)
    assert warm_cache.hits > 0
    assert [expected_hash(*each) for each in _measured(warm)] == [
        expected_hash(*each) for each in _measured(cold)
    ]


def test_a_recorded_hash_is_unchanged() -> None:
    """The measured fixture's snapshot records the hash of its binding as it stands."""
    root = WORKSPACES[1]
    project = load_workspace(root, root)
    [(journey, bound, sources)] = _measured(project)
    snapshot = project.measurements[journey.id].snapshot
    assert snapshot is not None
    assert expected_hash(journey, bound, sources) == snapshot.binding_hash


def test_a_binding_changed_after_loading_hashes_as_changed() -> None:
    bound = binding({"s0": {"event": "e0"}})
    before = binding_hash(bound, [source()], NO_LINE)
    bound.funnel.window = "7 days"
    assert binding_hash(bound, [source()], NO_LINE) == dumped_hash(bound, [source()], NO_LINE)
    assert binding_hash(bound, [source()], NO_LINE) != before


def test_a_value_of_another_kind_is_refused() -> None:
    bound = binding({"s0": {"event": "e0"}})
    object.__setattr__(bound, "source", ("a", "tuple"))
    with pytest.raises(TypeError, match="no JSON form for a tuple"):
        json_form(bound)


def _models_reached(model_class: type[BaseModel]) -> set[type[BaseModel]]:
    """``model_class`` and every model class its fields can hold, at any depth."""
    found: set[type[BaseModel]] = set()
    waiting: list[Any] = [model_class]
    while waiting:
        annotation = waiting.pop()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in found:
                continue
            found.add(annotation)
            waiting.extend(field.annotation for field in annotation.model_fields.values())
        else:
            waiting.extend(get_args(annotation))
    return found


@pytest.mark.parametrize("hashed", [Binding, Source], ids=lambda model: model.__name__)
def test_the_hashed_models_write_every_field_as_it_is(hashed: type[BaseModel]) -> None:
    """json_form writes every field under its alias; a field left out of dumps, a
    computed field or a serializer of its own would make the dumps differ from it (and
    every recorded hash with them) on values the other tests may not generate."""
    reached = _models_reached(hashed)
    assert len(reached) > 1
    for model_class in reached:
        decorators = model_class.__pydantic_decorators__
        assert not decorators.field_serializers, model_class
        assert not decorators.model_serializers, model_class
        assert not model_class.model_computed_fields, model_class
        for name, field in model_class.model_fields.items():
            assert not field.exclude, f"{model_class.__name__}.{name}"


FILTER_VALUES = st.one_of(
    st.text(max_size=4),
    st.integers(),
    st.floats(),
    st.booleans(),
)
FILTERS = st.one_of(
    st.builds(lambda value: {"property": "plan", "equals": value}, FILTER_VALUES),
    st.builds(lambda values: {"column": "plan", "in": values}, st.lists(FILTER_VALUES, min_size=1)),
    st.builds(
        lambda values: {"property": "p", "not_in": values}, st.lists(FILTER_VALUES, min_size=1)
    ),
    st.builds(lambda value: {"column": "c", "exists": value}, st.booleans()),
)
STEPS = st.dictionaries(
    st.sampled_from(["s0", "s1", "s2", "opt"]),
    st.fixed_dictionaries(
        {"event": st.one_of(st.just("e0"), st.lists(st.sampled_from(["e1", "e2"]), min_size=1))},
        optional={"where": st.lists(FILTERS, max_size=2)},
    ),
    min_size=1,
)
PERIODS = st.one_of(
    st.just({"start": "2026-03-28", "end": "2026-03-29"}),
    st.builds(lambda days: {"last_days": days}, st.integers(1, 3660)),
)
KPIS = st.dictionaries(
    st.sampled_from(["reach", "conversion", "wait"]),
    st.sampled_from(
        [
            {"measure": "reach", "step": "s0", "as": "count"},
            {"measure": "conversion", "from": "s0", "to": "s2", "as": "percent"},
            {"measure": "drop-off", "step": "s1", "as": "ratio"},
            {"measure": "time-to-next", "step": "s0", "statistic": "p90", "as": "hours"},
        ]
    ),
    max_size=3,
)
FEEDBACK = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {"source": st.just("answers")},
        optional={
            "scale": st.sampled_from(["csat", "ces", "nps"]),
            "text_sentiment": st.booleans(),
            "min_responses": st.integers(1, 100),
            "segments": st.dictionaries(st.sampled_from(["smb", "é"]), st.just("olivia")),
            "quotes": st.booleans(),
            "max_quotes": st.integers(1, 20),
        },
    ),
)
SOURCES = st.one_of(
    st.builds(source, st.sampled_from(["events/*.parquet", "e.csv"])),
    st.builds(
        lambda shape, column, file_format: source(
            shape=shape,
            file_format=file_format,
            columns={"user": column, "time": {"column": "t"}, "properties": "props"},
        ),
        st.sampled_from(["generic", "segment", "snowplow", "posthog"]),
        st.one_of(st.just("uid"), st.just({"property": "user"})),
        st.sampled_from([None, "parquet", "csv", "jsonl"]),
    ),
    st.builds(
        lambda warehouse: Source.model_validate(
            {
                "id": "events",
                "kind": "events",
                "warehouse": warehouse,
                "table": "analytics.events",
                "connection": {"dsn": "CJM_PG_DSN"},
            }
        ),
        st.sampled_from(["postgres", "spark", "bigquery", "snowflake", "trino"]),
    ),
    st.just(
        Source.model_validate(
            {
                "id": "answers",
                "kind": "feedback",
                "files": "answers.csv",
                "feedback_columns": {"rating": "score", "step": None, "comment": "text"},
            }
        )
    ),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    steps=STEPS,
    unit=st.sampled_from(["user", "account", "session"]),
    order=st.sampled_from(["in-order", "strict", "any"]),
    window=st.sampled_from(["1 day", "30 min", "2 weeks"]),
    period=PERIODS,
    anonymous=st.sampled_from(["stitch", "separate", "drop"]),
    kpis=KPIS,
    feedback=FEEDBACK,
    with_format=st.booleans(),
    sources=st.lists(SOURCES, max_size=3),
)
def test_a_generated_binding_hashes_as_its_dumps_do(
    steps: dict[str, Any],
    unit: str,
    order: str,
    window: str,
    period: dict[str, Any],
    anonymous: str,
    kpis: dict[str, Any],
    feedback: dict[str, Any] | None,
    with_format: bool,
    sources: list[Source],
) -> None:
    written = binding(
        steps, unit=unit, order=order, window=window, period=period, anonymous=anonymous
    ).model_dump(mode="json", by_alias=True)
    written["kpis"] = kpis
    written["feedback"] = feedback
    written["format"] = "1.0" if with_format else None
    bound = Binding.model_validate(written)
    _assert_as_dumped(bound)
    for each in sources:
        _assert_as_dumped(each)
    assert binding_hash(bound, sources, NO_LINE) == dumped_hash(bound, sources, NO_LINE)
