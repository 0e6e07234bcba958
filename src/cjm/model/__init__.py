"""Pydantic models of the journey-map vocabulary. Imports nothing else of cjm."""

from cjm.model.definitions import Channel, Evidence, EvidenceKind, Mode, Persona, Team, Touchpoint
from cjm.model.journey import (
    Activity,
    Emotion,
    JourneyMap,
    Kpi,
    MapType,
    Opportunity,
    OpportunityStatus,
    PainPoint,
    PainPointStatus,
    ReviewCadence,
    Severity,
    Stage,
    Step,
)
from cjm.model.workspace import DefinitionsFile, WorkspaceConfig

__all__ = [
    "Activity",
    "Channel",
    "DefinitionsFile",
    "Emotion",
    "Evidence",
    "EvidenceKind",
    "JourneyMap",
    "Kpi",
    "MapType",
    "Mode",
    "Opportunity",
    "OpportunityStatus",
    "PainPoint",
    "PainPointStatus",
    "Persona",
    "ReviewCadence",
    "Severity",
    "Stage",
    "Step",
    "Team",
    "Touchpoint",
    "WorkspaceConfig",
]
