"""Entities that maps share: personas, teams, touchpoints and evidence.

They may be defined inline in a map or once in a workspace's shared definition files.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Any

from annotated_types import Gt
from pydantic import (
    Field,
    Strict,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)
from pydantic_core import PydanticCustomError

from cjm.model.base import (
    WHOLE_FLOAT_AS_INT,
    CalendarDate,
    CjmModel,
    Number,
    Slug,
    StrictInt,
    Text,
    id_field,
    not_finite,
    reference,
    references,
    texts,
)

Count = Annotated[int, Strict(), Gt(0), WHOLE_FLOAT_AS_INT]
"""A positive whole number (``12`` or ``12.0``); never a boolean or text."""


def _one_error(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """Report a value that is neither text nor a number once, not once per kind tried."""
    if isinstance(value, float) and not math.isfinite(value):
        raise not_finite(value)
    try:
        return handler(value)
    except ValidationError:
        raise PydanticCustomError("string_type", "Input should be text or a number") from None


TextOrNumber = Annotated[str | StrictInt | Number, WrapValidator(_one_error)]
"""A demographic fact: text, a whole number or a number; never a boolean, a list or null."""


class Team(CjmModel):
    """A team that owns touchpoints, steps, pain points and opportunities."""

    id: Slug = id_field("team")
    name: Text = Field(description="The team's name as people say it, for example `Growth`.")
    description: str | None = Field(default=None, description="What the team does.")
    contact: str | None = Field(
        default=None,
        description="How to reach the team: a chat channel, an email address or a page.",
    )


class Persona(CjmModel):
    """Who the customer is: a research-based archetype that maps can share."""

    id: Slug = id_field("persona")
    name: Text = Field(description="A memorable name, for example `Ops Olivia`.")
    segment: str | None = Field(
        default=None, description="The market segment, for example `Mid-market SaaS`."
    )
    description: str | None = Field(default=None, description="A short portrait.")
    quote: str | None = Field(default=None, description="A sentence in the persona's voice.")
    demographics: dict[str, TextOrNumber] = Field(
        default_factory=dict,
        description="Facts such as age, role, company size or location, as `key: value` pairs.",
    )
    goals: list[Text] = texts("What the persona wants to achieve.")
    frustrations: list[Text] = texts("What annoys or blocks the persona today.")
    behaviours: list[Text] = texts("What the persona habitually does.")
    decision_habits: list[Text] = texts("How the persona decides: who they ask, what they compare.")
    motivations: list[Text] = texts("Why the persona acts: the needs behind the goals.")
    churn_risks: list[Text] = texts("What might make the persona leave.")
    evidence: list[Slug] = references("evidence entries", "Research this persona is based on.")


class Channel(StrEnum):
    """The medium through which a touchpoint reaches the customer."""

    WEB = "web"
    APP = "app"
    EMAIL = "email"
    SMS = "sms"
    PUSH = "push"
    CHAT = "chat"
    PHONE = "phone"
    VIDEO = "video"
    SOCIAL = "social"
    ADS = "ads"
    SEARCH = "search"
    IN_STORE = "in-store"
    IN_PERSON = "in-person"
    EVENT = "event"
    MAIL = "mail"
    PRINT = "print"
    PACKAGING = "packaging"
    PRODUCT = "product"
    PARTNER = "partner"
    WORD_OF_MOUTH = "word-of-mouth"
    OTHER = "other"


OFFLINE_CHANNELS = frozenset(
    {
        Channel.PHONE,
        Channel.IN_STORE,
        Channel.IN_PERSON,
        Channel.EVENT,
        Channel.MAIL,
        Channel.PRINT,
        Channel.PACKAGING,
        Channel.WORD_OF_MOUTH,
    }
)


class Mode(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"


class Touchpoint(CjmModel):
    """A point of contact between the customer and the business."""

    id: Slug = id_field("touchpoint")
    name: Text = Field(description="What the customer meets, for example `Pricing page`.")
    channel: Channel = Field(description="The medium: web, email, phone, in-store...")
    mode: Mode | None = Field(
        default=None,
        description="Online or offline. When absent it follows from the channel.",
    )
    owner: Slug | None = reference("team", "The team that owns this touchpoint.")
    description: str | None = Field(default=None, description="Details worth knowing.")

    @property
    def effective_mode(self) -> Mode:
        if self.mode is not None:
            return self.mode
        return Mode.OFFLINE if self.channel in OFFLINE_CHANNELS else Mode.ONLINE


class EvidenceKind(StrEnum):
    """Where an insight comes from. `assumption` marks a belief nobody has checked yet."""

    INTERVIEW = "interview"
    SURVEY = "survey"
    ANALYTICS = "analytics"
    SUPPORT_TICKETS = "support-tickets"
    REVIEWS = "reviews"
    USABILITY_TEST = "usability-test"
    OBSERVATION = "observation"
    ASSUMPTION = "assumption"


class Evidence(CjmModel):
    """A source of insight that personas, steps and pain points cite."""

    id: Slug = id_field("evidence entry")
    kind: EvidenceKind = Field(description="The kind of research, or `assumption`.")
    title: Text = Field(description="What it is, for example `Churned-customer interviews Q2`.")
    date: CalendarDate | None = Field(
        default=None, description="When the research was done (YYYY-MM-DD)."
    )
    sample_size: Count | None = Field(
        default=None, description="How many people, sessions or tickets it covers."
    )
    link: str | None = Field(
        default=None, description="Where to find it: a URL or a path in the repository."
    )
    summary: str | None = Field(default=None, description="The main findings.")

    @property
    def is_assumption(self) -> bool:
        return self.kind is EvidenceKind.ASSUMPTION
