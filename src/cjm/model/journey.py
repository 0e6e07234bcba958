"""The journey map itself: stages, steps, emotions, pain points, opportunities and KPIs."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    Tag,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
)
from pydantic_core import PydanticCustomError

from cjm.model.base import (
    SLUG_KEYS_SCHEMA,
    WHOLE_FLOAT_AS_INT,
    CalendarDate,
    CjmModel,
    Level,
    Number,
    Slug,
    Text,
    id_field,
    reference,
    references,
    texts,
)
from cjm.model.definitions import Evidence, Persona, Team, Touchpoint

SCORE_MIN, SCORE_MAX = -2, 2

Score = Annotated[int, Strict(), Field(ge=SCORE_MIN, le=SCORE_MAX), WHOLE_FLOAT_AS_INT]


class Emotion(CjmModel):
    """How the customer feels at a step, from -2 (very negative) to +2 (very positive)."""

    score: Score = Field(
        description="-2 very negative, -1 negative, 0 neutral, +1 positive, +2 very positive.",
    )
    label: str | None = Field(default=None, description="One word, for example `anxious`.")
    note: str | None = Field(default=None, description="Why the customer feels this way.")


def _score_shorthand(value: Any) -> Any:
    """Accept a bare score (``emotion: -1``, or ``-1.0`` as JSON Schema allows) as shorthand
    for ``{score: -1}``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return {"score": value}
    if isinstance(value, float) and value.is_integer():
        return {"score": int(value)}
    return value


EmotionValue = Annotated[
    Emotion,
    BeforeValidator(_score_shorthand, json_schema_input_type=Score | Emotion),
]


class Activity(CjmModel):
    """Something staff or systems do for a step of a service blueprint."""

    action: Text = Field(description="What is done, for example `Kitchen confirms the order`.")
    owner: Slug | None = reference("team", "The team that does it.")


def _action_shorthand(value: Any) -> Any:
    """Accept plain text as shorthand for ``{action: text}``."""
    return {"action": value} if isinstance(value, str) else value


ActivityValue = Annotated[
    Activity,
    BeforeValidator(_action_shorthand, json_schema_input_type=Text | Activity),
]


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class PainPointStatus(StrEnum):
    OPEN = "open"
    MITIGATED = "mitigated"
    RESOLVED = "resolved"


class PainPoint(CjmModel):
    """A friction at a step: where the customer gets stuck, drops off or is frustrated."""

    id: Slug = id_field("pain point")
    summary: Text = Field(description="The friction in one line, from the customer's side.")
    description: str | None = Field(default=None, description="Details and impact.")
    severity: Severity = Field(description="How much it hurts: low, medium, high or critical.")
    owner: Slug | None = reference("team", "The team accountable for fixing it.")
    status: PainPointStatus = Field(
        default=PainPointStatus.OPEN, description="open, mitigated or resolved."
    )
    personas: list[Slug] = references(
        "personas", "Who suffers from it. Empty means every persona of the map."
    )
    evidence: list[Slug] = references("evidence entries", "What shows that it is real.")


class KpiDirection(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Kpi(CjmModel):
    """A metric that tells whether a stage or step works."""

    id: Slug = id_field("KPI")
    name: Text = Field(description="What is measured, for example `Trial activation rate`.")
    target: Number | None = Field(default=None, description="The value the team aims for.")
    actual: Number | None = Field(default=None, description="The latest measured value.")
    unit: str | None = Field(default=None, description="The unit, for example `%` or `days`.")
    better: KpiDirection | None = Field(
        default=None,
        description="Which way is good: `higher` (conversion) or `lower` (time to value). "
        "Without it, no report or diff judges whether the KPI meets its target or moved "
        "the right way: the direction is unknown.",
    )
    source: str | None = Field(
        default=None, description="Where the number comes from, for example a dashboard."
    )


def _text_or_false(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """One message for a handoff that is neither text nor ``false``."""
    if value is False or isinstance(value, str):
        return handler(value)
    raise PydanticCustomError(
        "handoff_type", "Input should be text, or false when no handoff is needed"
    )


HandoffValue = Annotated[str | Literal[False], WrapValidator(_text_or_false)]
"""How the customer is handed over, or ``false``: the change of owner needs no handoff."""


class Step(CjmModel):
    """One thing the customer does, with what they use, think and feel."""

    id: Slug = id_field("step")
    action: Text = Field(description="What the customer does, for example `Starts a trial`.")
    description: str | None = Field(default=None, description="Details of the step.")
    personas: list[Slug] = references(
        "personas of the map",
        "Who takes this step, when not every persona of the map does. Empty means all.",
    )
    touchpoints: list[Slug] = references("touchpoints", "What the customer uses here.")
    thoughts: list[Text] = texts("What the customer thinks or asks at this step.")
    emotion: EmotionValue | None = Field(
        default=None,
        description="How every persona of the map feels: a score from -2 to +2, or a mapping "
        "with `score`, `label` and `note`.",
    )
    emotions: dict[Slug, EmotionValue] = Field(
        default_factory=dict,
        description="How each persona feels where they differ: persona id to score or "
        "mapping. Overrides `emotion` for the personas it names.",
        json_schema_extra=SLUG_KEYS_SCHEMA,
    )
    actors: list[Text] = texts("Who else takes part: a partner, an influencer, a third party.")
    owner: Slug | None = reference("team", "The team that owns this step.")
    handoff: HandoffValue | None = Field(
        default=None,
        description="How responsibility passes to this step's owner from the owner of the "
        "customer's previous step; `false` when the change of owner needs no handoff (the "
        "customer does not notice it, nothing is passed on).",
    )
    frontstage: list[ActivityValue] = texts(
        "What staff or systems do in view of the customer (service blueprints)."
    )
    backstage: list[ActivityValue] = texts(
        "What staff do out of the customer's view (service blueprints)."
    )
    support: list[ActivityValue] = texts(
        "Systems, partners and processes that support the step (service blueprints)."
    )
    pain_points: list[PainPoint] = texts("Frictions that occur at this step.")
    kpis: list[Kpi] = texts("Metrics for this step.")
    evidence: list[Slug] = references(
        "evidence entries", "Research that this step's description is based on."
    )

    def involves(self, persona_id: str) -> bool:
        """Whether ``persona_id`` takes this step."""
        return not self.personas or persona_id in self.personas

    def emotion_for(self, persona_id: str) -> Emotion | None:
        """The emotion of ``persona_id`` here: its own entry, else the shared one."""
        return self.emotions.get(persona_id, self.emotion)


class Stage(CjmModel):
    """A phase of the journey, such as awareness, consideration or retention."""

    id: Slug = id_field("stage")
    name: Text = Field(description="The phase as the team calls it, for example `Onboarding`.")
    description: str | None = Field(default=None, description="What happens in this phase.")
    customer_goal: str | None = Field(
        default=None, description="What the customer wants to get done in this phase."
    )
    business_goal: str | None = Field(
        default=None, description="What the business wants from this phase."
    )
    kpis: list[Kpi] = texts("Metrics for this stage.")
    steps: list[Step] = texts("What the customer does in this phase, in order.")


class OpportunityStatus(StrEnum):
    IDEA = "idea"
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


class Opportunity(CjmModel):
    """An improvement idea, linked to the pain points it addresses."""

    id: Slug = id_field("opportunity")
    summary: Text = Field(description="The idea in one line.")
    description: str | None = Field(default=None, description="Details, hypotheses, links.")
    addresses: list[Slug] = references("pain points", "The pain points it would relieve.")
    stage: Slug | None = reference("stage", "Where it belongs when it addresses no pain point.")
    owner: Slug | None = reference("team", "The team that would deliver it.")
    impact: Level | None = Field(default=None, description="Expected impact: low, medium, high.")
    effort: Level | None = Field(default=None, description="Expected effort: low, medium, high.")
    status: OpportunityStatus = Field(
        default=OpportunityStatus.IDEA,
        description="idea, planned, in-progress, done or dropped.",
    )


class MapType(StrEnum):
    CURRENT_STATE = "current-state"
    FUTURE_STATE = "future-state"
    DAY_IN_THE_LIFE = "day-in-the-life"
    SERVICE_BLUEPRINT = "service-blueprint"


class ReviewCadence(StrEnum):
    """How often the map must be reviewed to stay trustworthy."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half-yearly"
    YEARLY = "yearly"

    @property
    def days(self) -> int:
        return {"monthly": 31, "quarterly": 92, "half-yearly": 183, "yearly": 366}[self.value]


def _persona_entry_kind(value: Any) -> str:
    return "reference" if isinstance(value, str) else "definition"


PersonaEntry = Annotated[
    Annotated[Slug, Tag("reference")] | Annotated[Persona, Tag("definition")],
    Discriminator(_persona_entry_kind),
]


class JourneyMap(CjmModel):
    """One customer journey, from the customer's point of view."""

    model_config = ConfigDict(
        # What `_current_state_only_for_future_maps` checks, said in the JSON Schema too.
        json_schema_extra={
            "if": {"properties": {"type": {"const": "future-state"}}},
            "else": {"properties": {"current_state": {"type": "null"}}},
        }
    )

    id: Slug = id_field("journey map")
    title: Text = Field(description="The journey's name, for example `Trial to paid`.")
    type: MapType = Field(
        description="current-state, future-state, day-in-the-life or service-blueprint."
    )
    owner: Slug = Field(description="The team accountable for this map. The id of a team.")
    reviewed: CalendarDate = Field(
        description="When the map was last checked against reality (YYYY-MM-DD)."
    )
    review_cadence: ReviewCadence | None = Field(
        default=None,
        description="How often it must be reviewed: monthly, quarterly, half-yearly or yearly.",
    )
    current_state: Slug | None = reference(
        "journey map", "For a future-state map: the current-state map it improves on."
    )
    description: str | None = Field(default=None, description="What the journey covers.")
    tags: list[Text] = texts("Free labels for finding maps, for example `b2b`.")
    personas: list[PersonaEntry] = Field(
        min_length=1,
        description="The personas this journey covers: ids of shared personas, or persona "
        "definitions written inline.",
    )
    teams: list[Team] = texts("Teams defined in this map only.")
    touchpoints: list[Touchpoint] = texts("Touchpoints defined in this map only.")
    evidence: list[Evidence] = texts("Evidence defined in this map only.")
    stages: list[Stage] = Field(min_length=1, description="The phases of the journey, in order.")
    opportunities: list[Opportunity] = texts("Improvement ideas for this journey.")

    @field_validator("current_state")
    @classmethod
    def _current_state_only_for_future_maps(
        cls, value: str | None, info: ValidationInfo
    ) -> str | None:
        if value is not None and info.data.get("type") not in (None, MapType.FUTURE_STATE):
            raise ValueError("`current_state` is only for future-state maps")
        return value

    @property
    def persona_ids(self) -> list[str]:
        return [entry if isinstance(entry, str) else entry.id for entry in self.personas]

    @property
    def inline_personas(self) -> list[Persona]:
        return [entry for entry in self.personas if isinstance(entry, Persona)]

    def iter_steps(self) -> list[tuple[int, int, Step]]:
        """Every step with its stage index and step index, in journey order."""
        return [
            (stage_index, step_index, step)
            for stage_index, stage in enumerate(self.stages)
            for step_index, step in enumerate(stage.steps)
        ]
