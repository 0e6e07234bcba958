"""What the checks that look across maps read from a map: a map's summary.

Checking one map of a large workspace still needs a few facts of every other map (its
id, what it uses, which current-state map it improves on). The cache keeps them beside
each map's document, so that a map not asked for is read as its summary alone; its whole
document is read only when something asks for more (see :class:`cjm.cache.LazyDocument`).

Each fact has one function, used both to make the summary and, for a document read
whole, to read it: the two cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cjm.diagnostics import Location
from cjm.load.document import Document
from cjm.load.resolve import Reference, map_references
from cjm.model import JourneyMap
from cjm.model.journey import MapType, OpportunityStatus

Used = set[tuple[str, str]]


@dataclass(frozen=True)
class MapSummary:
    """The facts of one map that the checks of other maps read."""

    loaded: bool
    model_id: str | None
    checked_id: str | None
    id_location: Location | None
    uses: frozenset[tuple[str, str]] | None
    future: tuple[str, frozenset[str]] | None


def used(references: Iterable[Reference]) -> Used:
    """``(kind, id)`` of every shared-kind entity that ``references`` name."""
    found: Used = set()
    for reference in references:
        kind = "persona" if reference.kind == "map persona" else reference.kind
        found.add((kind, reference.target))
    return found


def live_addresses(journey: JourneyMap) -> set[str]:
    """Ids that an opportunity of ``journey`` still on the table addresses."""
    return {
        pain_id
        for opportunity in journey.opportunities
        if opportunity.status is not OpportunityStatus.DROPPED
        for pain_id in opportunity.addresses
    }


def summarize(document: Document[JourneyMap]) -> MapSummary:
    """The summary of a map read whole."""
    return MapSummary(
        loaded=_loaded(document),
        model_id=_model_id(document),
        checked_id=_checked_id(document),
        id_location=_id_location(document),
        uses=_uses(document),
        future=_future(document),
    )


def _loaded(document: Document[JourneyMap]) -> bool:
    return document.checked is not None


def _model_id(document: Document[JourneyMap]) -> str | None:
    return document.model.id if document.model is not None else None


def _checked_id(document: Document[JourneyMap]) -> str | None:
    journey = document.checked
    if journey is None or ("id",) in document.unloaded:
        return None
    return journey.id


def _id_location(document: Document[JourneyMap]) -> Location | None:
    if _checked_id(document) is None:
        return None
    return document.index.value(("id",))


def _uses(document: Document[JourneyMap]) -> frozenset[tuple[str, str]] | None:
    journey = document.checked
    return frozenset(used(map_references(journey))) if journey is not None else None


def _future(document: Document[JourneyMap]) -> tuple[str, frozenset[str]] | None:
    journey = document.model
    if journey is None or journey.type is not MapType.FUTURE_STATE:
        return None
    if journey.current_state is None:
        return None
    return journey.current_state, frozenset(live_addresses(journey))


def stored(document: Document[Any]) -> MapSummary | None:
    """The summary a map not read whole stands on, or None for a document read whole."""
    summary: MapSummary | None = document.__dict__.get("_summary")
    return summary


def loaded(document: Document[JourneyMap]) -> bool:
    """Whether the map loaded enough to be checked (``document.checked`` is not None)."""
    summary = stored(document)
    return summary.loaded if summary is not None else _loaded(document)


def model_id(document: Document[JourneyMap]) -> str | None:
    """``document.model.id``, or None without a model."""
    summary = stored(document)
    return summary.model_id if summary is not None else _model_id(document)


def checked_id(document: Document[JourneyMap]) -> str | None:
    """The map's id as references resolve it: None unless it loaded, id included."""
    summary = stored(document)
    return summary.checked_id if summary is not None else _checked_id(document)


def id_location(document: Document[JourneyMap]) -> Location | None:
    """Where the map's id is written, when :func:`checked_id` is not None."""
    summary = stored(document)
    return summary.id_location if summary is not None else _id_location(document)


def uses(document: Document[JourneyMap]) -> frozenset[tuple[str, str]] | None:
    """``(kind, id)`` of the shared-kind entities the map refers to; None unless it
    loaded."""
    summary = stored(document)
    return summary.uses if summary is not None else _uses(document)


def future(document: Document[JourneyMap]) -> tuple[str, frozenset[str]] | None:
    """For a future-state map naming its current state: that id and the pain point ids
    its live opportunities address."""
    summary = stored(document)
    return summary.future if summary is not None else _future(document)
