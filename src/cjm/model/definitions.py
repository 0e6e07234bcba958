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
    PrivateAttr,
    Strict,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)
from pydantic.json_schema import WithJsonSchema
from pydantic_core import PydanticCustomError

from cjm.model.base import (
    SLUG_MAX_LENGTH,
    SLUG_PATTERN,
    WHOLE_FLOAT_AS_INT,
    CalendarDate,
    CjmModel,
    Level,
    Number,
    Period,
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
    role: str | None = Field(
        default=None, description="What the persona does, for example `Operations manager`."
    )
    image: str | None = Field(
        default=None,
        description="A picture of the persona: the path of a PNG, JPEG, GIF, WebP or SVG "
        "file, relative to the file that defines the persona. The report embeds it.",
    )
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
    ATM = "atm"
    KIOSK = "kiosk"
    BRANCH = "branch"
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
        Channel.ATM,
        Channel.KIOSK,
        Channel.BRANCH,
    }
)

ChannelId = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": [channel.value for channel in Channel]},
                {"type": "string", "pattern": SLUG_PATTERN, "maxLength": SLUG_MAX_LENGTH},
            ],
            "$comment": "A built-in channel, or one the workspace adds in cjm.yaml "
            "(vocabulary.channels); cjm validate checks which.",
        }
    ),
]
"""A channel id: one of :class:`Channel`, or one the workspace's vocabulary adds."""


class Mode(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"


class Touchpoint(CjmModel):
    """A point of contact between the customer and the business."""

    id: Slug = id_field("touchpoint")
    name: Text = Field(description="What the customer meets, for example `Pricing page`.")
    channel: ChannelId = Field(
        description="The medium: web, email, phone, in-store, branch, atm... or a channel "
        "the workspace adds in cjm.yaml (`vocabulary.channels`)."
    )
    mode: Mode | None = Field(
        default=None,
        description="Online or offline. When absent it follows from the channel.",
    )
    owner: Slug | None = reference("team", "The team that owns this touchpoint.")
    description: str | None = Field(default=None, description="Details worth knowing.")

    _vocabulary_mode: Mode | None = PrivateAttr(default=None)

    @property
    def effective_mode(self) -> Mode:
        if self.mode is not None:
            return self.mode
        if self._vocabulary_mode is not None:
            return self._vocabulary_mode
        return Mode.OFFLINE if self.channel in OFFLINE_CHANNELS else Mode.ONLINE

    def follow_vocabulary(self, mode: Mode | None) -> None:
        """Take the mode the workspace gives this touchpoint's channel (set on loading)."""
        self._vocabulary_mode = mode


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


class SampleUnit(StrEnum):
    """What a sample size counts."""

    PEOPLE = "people"
    SESSIONS = "sessions"
    TICKETS = "tickets"
    RESPONSES = "responses"
    REVIEWS = "reviews"
    ACCOUNTS = "accounts"
    EVENTS = "events"
    VISITS = "visits"


class Evidence(CjmModel):
    """A source of insight that personas, steps and pain points cite."""

    id: Slug = id_field("evidence entry")
    kind: EvidenceKind = Field(description="The kind of research, or `assumption`.")
    title: Text = Field(description="What it is, for example `Churned-customer interviews Q2`.")
    date: CalendarDate | None = Field(
        default=None,
        description="When the research was done (YYYY-MM-DD); for research that ran over "
        "days or months, use `period`.",
    )
    period: Period | None = Field(
        default=None, description="The days the research ran over: `start` and `end`."
    )
    sample_size: Count | None = Field(
        default=None, description="How many people, sessions or tickets it covers."
    )
    sample_unit: SampleUnit | None = Field(
        default=None,
        description="What `sample_size` counts: people, sessions, tickets, responses, "
        "reviews, accounts, events or visits.",
    )
    confidence: Level | None = Field(
        default=None,
        description="How far the team trusts it: low, medium or high. Low-confidence "
        "evidence counts as half in the report's evidence coverage.",
    )
    quotes: list[Text] = texts("What customers said, word for word.")
    link: str | None = Field(
        default=None, description="Where to find it: a URL or a path in the repository."
    )
    summary: str | None = Field(default=None, description="The main findings.")

    @property
    def is_assumption(self) -> bool:
        return self.kind is EvidenceKind.ASSUMPTION

    @property
    def strength(self) -> float:
        """How much it backs what cites it, from 0 (an assumption) to 1: research of
        unknown, medium or high confidence counts 1, low confidence 0.5."""
        if self.is_assumption:
            return 0.0
        return 0.5 if self.confidence is Level.LOW else 1.0
