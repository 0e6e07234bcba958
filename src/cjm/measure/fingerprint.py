"""The hash a snapshot records of what it was computed from.

It covers the meaning of the binding (not its comments or layout), the sources it reads
(as cjm.yaml describes them) and the funnel's line through the map, so a snapshot shows
as out of step when any of them changes and stays in step through a reformat.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from cjm.measure.line import FunnelLine, funnel_line
from cjm.model import JourneyMap
from cjm.model.binding import Binding
from cjm.model.sources import Source

PREFIX = "sha256:"


def binding_hash(binding: Binding, sources: list[Source], line: FunnelLine) -> str:
    """``sha256:<hex>`` of the binding, its sources and the funnel's line, canonically."""
    described: dict[str, Any] = {
        "binding": binding.model_dump(mode="json", by_alias=True, exclude={"format"}),
        "sources": sorted(
            (source.model_dump(mode="json", by_alias=True) for source in sources),
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
