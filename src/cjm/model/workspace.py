"""The workspace configuration (``cjm.yaml``) and shared definition files."""

from __future__ import annotations

from pydantic import Field

from cjm.model.base import CjmModel, Text, texts
from cjm.model.definitions import Evidence, Persona, Team, Touchpoint

DEFAULT_MAP_PATTERNS = ("maps/**/*.yaml", "maps/**/*.yml")


class WorkspaceConfig(CjmModel):
    """`cjm.yaml` at the root of a workspace: where maps and shared definitions live."""

    name: Text | None = Field(default=None, description="The workspace's name, for reports.")
    maps: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_MAP_PATTERNS),
        description="Glob patterns, relative to this file, of the map files.",
    )
    definitions: list[Text] = texts(
        "Glob patterns, relative to this file, of shared definition files "
        "(personas, teams, touchpoints, evidence used by several maps)."
    )
    teams: list[Team] = texts("Teams shared by every map of the workspace.")


class DefinitionsFile(CjmModel):
    """A shared definition file: entities that several maps reference by id."""

    personas: list[Persona] = texts("Personas shared by the workspace's maps.")
    teams: list[Team] = texts("Teams shared by the workspace's maps.")
    touchpoints: list[Touchpoint] = texts("Touchpoints shared by the workspace's maps.")
    evidence: list[Evidence] = texts("Evidence shared by the workspace's maps.")
