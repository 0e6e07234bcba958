"""The hash a snapshot records of what it was computed from.

It covers the meaning of the binding (not its comments or layout), the sources it reads
(as cjm.yaml describes them) and the funnel's line through the map, so a snapshot shows
as out of step when any of them changes and stays in step through a reformat.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Sequence
from enum import Enum
from typing import Any

from pydantic import BaseModel

from cjm.measure.line import FunnelLine, funnel_line
from cjm.model import JourneyMap
from cjm.model.binding import Binding
from cjm.model.sources import Source

PREFIX = "sha256:"


def json_form(value: Any) -> Any:
    """``value`` as ``model_dump(mode="json", by_alias=True)`` writes it, for the values a
    binding and a source hold: models (every field, under its alias), enums, days,
    lists, mappings with text keys, text, numbers, booleans and None, each as it is.

    Snapshots in users' repositories record a hash of this form, so it must stay what
    Pydantic writes; a test compares the two on every binding and source of the
    examples and fixtures and on generated ones. It is cjm's own rather than
    ``model_dump`` because a run that takes its models from the validation cache would
    otherwise build the classes' serializers and validators (and load Pydantic's plugins)
    for this one use; keeping the dump made at validation instead would go stale when a
    model is changed after loading. Any other kind of value raises TypeError rather than
    be written in a form Pydantic might not write."""
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        return {
            field.serialization_alias or name: json_form(getattr(value, name))
            for name, field in fields.items()
        }
    if isinstance(value, Enum):
        return value.value
    if value is None or type(value) in (str, bool, int, float):
        return value
    if type(value) is datetime.date:
        return value.isoformat()
    if type(value) is list:
        return [json_form(item) for item in value]
    if type(value) is dict and all(type(key) is str for key in value):
        return {key: json_form(item) for key, item in value.items()}
    raise TypeError(f"no JSON form for a {type(value).__name__} in a binding or a source")


def _binding_form(binding: Binding) -> dict[str, Any]:
    """The binding as its hash reads it: its meaning, without the format version."""
    form: dict[str, Any] = json_form(binding)
    del form["format"]
    return form


def binding_hash(binding: Binding, sources: list[Source], line: FunnelLine) -> str:
    """``sha256:<hex>`` of the binding, its sources and the funnel's line, canonically."""
    described: dict[str, Any] = {
        "binding": _binding_form(binding),
        "sources": sorted(
            (json_form(source) for source in sources),
            key=lambda source: str(source["id"]),
        ),
        "line": [[entry.step, entry.stage] for entry in line.steps],
        "side": [[entry.step, entry.stage, entry.why] for entry in line.side_steps],
    }
    text = json.dumps(described, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


def binding_sources(binding: Binding, sources: Sequence[Source]) -> list[Source]:
    """The sources ``binding`` reads: its events source and its feedback source, as
    ``cjm.yaml`` declares them (a source it names that is not declared is left out)."""
    wanted = {binding.source}
    if binding.feedback is not None:
        wanted.add(binding.feedback.source)
    return [source for source in sources if source.id in wanted]


def expected_hash(journey: JourneyMap, binding: Binding, sources: Sequence[Source]) -> str:
    """The hash a snapshot of ``journey`` measured under ``binding`` now would record;
    ``sources`` are every source cjm.yaml declares."""
    line = funnel_line(journey, frozenset(binding.steps))
    return binding_hash(binding, binding_sources(binding, sources), line)
