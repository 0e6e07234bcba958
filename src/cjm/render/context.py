"""What a view needs to draw a map: the map, and names for the ids it references.

A map drawn despite its errors (``cjm render --force``) may reference ids that name
nothing. Such a reference is never drawn as if it were fine: :class:`Named` keeps the id
with a flag, and the views show it as ``⚠ pricng-page (unknown touchpoint)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cjm.load import summary
from cjm.load.resolve import Scope
from cjm.model import JourneyMap, Persona, Team, Touchpoint
from cjm.render.measured import Measured
from cjm.render.style import PERSONA_FILL, PERSONA_TEXT, initials
from cjm.render.text import clip

if TYPE_CHECKING:
    from cjm.load.document import Document
    from cjm.load.project import Project

WARNING_SIGN = "\u26a0"


@dataclass(frozen=True)
class Named:
    """What a reference is called in a diagram: the name of what it names, or, when it
    names nothing, its id and the kind of thing it should have named."""

    text: str
    kind: str = ""
    broken: bool = False

    @property
    def shown(self) -> str:
        """The text to draw: the name, or ``⚠ <id> (unknown <kind>)``."""
        return self.within(None)

    def within(self, limit: int | None) -> str:
        """:attr:`shown` with the name cut to ``limit`` characters, to go inside a
        sentence; the warning is never cut."""
        text = self.text if limit is None else clip(self.text, limit)
        return f"{WARNING_SIGN} {text} (unknown {self.kind})" if self.broken else text


@dataclass(frozen=True)
class PersonaMark:
    """How a persona is drawn: initials on a colour."""

    persona_id: str
    name: str
    initials: str
    fill: str
    text: str
    known: bool = True

    @property
    def named(self) -> Named:
        return Named(self.name, "persona", not self.known)


@dataclass
class RenderContext:
    """A map with its references resolved for drawing.

    ``maps`` are the other maps of the workspace by id, when the caller has them: a
    future-state map's opportunities may address pain points of the current-state map it
    names, and the diagram then says which pain point of which map. ``measured`` is what
    the workspace measured of the map (:mod:`cjm.render.measured`): the journey view and
    the reports show its funnel when there is a snapshot.
    """

    journey: JourneyMap
    scope: Scope
    maps: Mapping[str, JourneyMap] = field(default_factory=dict)
    measured: Measured | None = None
    marks: list[PersonaMark] = field(init=False)

    def __post_init__(self) -> None:
        taken: set[str] = set()
        self.marks = []
        for index, persona_id in enumerate(self.journey.persona_ids):
            name = self.persona_name(persona_id)
            colour = index % len(PERSONA_FILL)
            self.marks.append(
                PersonaMark(
                    persona_id,
                    name,
                    initials(name, taken),
                    PERSONA_FILL[colour],
                    PERSONA_TEXT[colour],
                    self.scope.get("persona", persona_id) is not None,
                )
            )

    def persona_name(self, persona_id: str) -> str:
        persona: Persona | None = self.scope.get("persona", persona_id)
        return persona.name if persona is not None else persona_id

    def touchpoint(self, touchpoint_id: str) -> Touchpoint | None:
        found: Touchpoint | None = self.scope.get("touchpoint", touchpoint_id)
        return found

    def team_name(self, team_id: str | None) -> str | None:
        if team_id is None:
            return None
        team: Team | None = self.scope.get("team", team_id)
        return team.name if team is not None else team_id

    def team(self, team_id: str | None) -> Named | None:
        """The team ``team_id`` as drawn, or None when there is no reference."""
        if team_id is None:
            return None
        team: Team | None = self.scope.get("team", team_id)
        return Named(team.name, "team") if team is not None else Named(team_id, "team", True)

    def touchpoint_named(self, touchpoint_id: str) -> Named:
        """``Pricing page (web)``, or the id marked as unknown."""
        found = self.touchpoint(touchpoint_id)
        if found is None:
            return Named(touchpoint_id, "touchpoint", True)
        return Named(f"{found.name} ({found.channel})", "touchpoint")

    def mark(self, persona_id: str) -> PersonaMark | None:
        return next((m for m in self.marks if m.persona_id == persona_id), None)

    @property
    def current_state(self) -> JourneyMap | None:
        """The current-state map this future-state map names, when the caller gave it."""
        named = self.journey.current_state
        return self.maps.get(named) if named is not None else None


class MapsById(Mapping[str, JourneyMap]):
    """The valid maps of a project by id (the last of two with one id, as a dict made
    from them would keep). A map kept as its cached summary (see
    :mod:`cjm.load.summary`) is read whole only when it is looked up: drawing one map
    reads only the current-state map it names, not every map of its workspace."""

    def __init__(self, documents: Iterable[Document[JourneyMap]]) -> None:
        self._documents: dict[str, Document[JourneyMap]] = {}
        for document in documents:
            map_id = summary.model_id(document)
            if map_id is not None:
                self._documents[map_id] = document

    def __getitem__(self, map_id: str) -> JourneyMap:
        model = self._documents[map_id].model
        assert model is not None, "a map with an id has a model"
        return model

    def __iter__(self) -> Iterator[str]:
        return iter(self._documents)

    def __len__(self) -> int:
        return len(self._documents)


def maps_of(project: Project) -> Mapping[str, JourneyMap]:
    """The valid maps of ``project`` by id, each read when looked up."""
    return MapsById(project.maps)


def context_of(
    document: Document[JourneyMap],
    project: Project,
    maps: Mapping[str, JourneyMap] | None = None,
) -> RenderContext:
    """The map of ``document`` with what it references, and the valid maps of its
    workspace by id (a future-state map reads the pain points of its current state);
    ``maps``: those maps (:func:`maps_of`), when the caller has them already, so that the
    maps of a workspace share one table rather than each building its own."""
    assert document.model is not None
    if maps is None:
        maps = maps_of(project)
    return RenderContext(document.model, project.scopes[document.display], maps)
