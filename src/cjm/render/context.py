"""What a view needs to draw a map: the map, and names for the ids it references."""

from __future__ import annotations

from dataclasses import dataclass, field

from cjm.load.resolve import Scope
from cjm.model import JourneyMap, Persona, Team, Touchpoint
from cjm.render.style import PERSONA_FILL, PERSONA_TEXT, initials


@dataclass(frozen=True)
class PersonaMark:
    """How a persona is drawn: initials on a colour."""

    persona_id: str
    name: str
    initials: str
    fill: str
    text: str


@dataclass
class RenderContext:
    """A map with its references resolved for drawing."""

    journey: JourneyMap
    scope: Scope
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

    def mark(self, persona_id: str) -> PersonaMark | None:
        return next((m for m in self.marks if m.persona_id == persona_id), None)
