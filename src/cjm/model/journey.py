"""The journey map itself: stages, steps, emotions, pain points, opportunities and KPIs."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Strict,
    StringConstraints,
    Tag,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
)
from pydantic.json_schema import WithJsonSchema
from pydantic_core import PydanticCustomError

from cjm.model.base import (
    SLUG_KEYS_SCHEMA,
    SLUG_MAX_LENGTH,
    SLUG_PATTERN,
    WHOLE_FLOAT_AS_INT,
    CalendarDate,
    CjmModel,
    Duration,
    FormatVersion,
    Level,
    Number,
    Period,
    Slug,
    Text,
    WebLink,
    format_field,
    id_field,
    keep_private,
    private_value,
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

    @property
    def rank(self) -> int:
        """0 for low up to 3 for critical."""
        return list(Severity).index(self)


SeverityId = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": [severity.value for severity in Severity]},
                {"type": "string", "pattern": SLUG_PATTERN, "maxLength": SLUG_MAX_LENGTH},
            ],
            "$comment": "A built-in severity, or one the workspace adds in cjm.yaml "
            "(vocabulary.severities); cjm validate checks which.",
        }
    ),
]
"""A severity id: one of :class:`Severity`, or one the workspace's vocabulary adds."""


class PainPointStatus(StrEnum):
    OPEN = "open"
    MITIGATED = "mitigated"
    RESOLVED = "resolved"


_COUNTS_AS = "_counts_as"


class PainPoint(CjmModel):
    """A friction at a step: where the customer gets stuck, drops off or is frustrated."""

    id: Slug = id_field("pain point")
    summary: Text = Field(description="The friction in one line, from the customer's side.")
    description: str | None = Field(default=None, description="Details and impact.")
    severity: SeverityId = Field(
        description="How much it hurts: low, medium, high or critical, or a severity the "
        "workspace adds in cjm.yaml (`vocabulary.severities`)."
    )
    owner: Slug | None = reference("team", "The team accountable for fixing it.")
    status: PainPointStatus = Field(
        default=PainPointStatus.OPEN, description="open, mitigated or resolved."
    )
    personas: list[Slug] = references(
        "personas", "Who suffers from it. Empty means every persona of the map."
    )
    evidence: list[Slug] = references("evidence entries", "What shows that it is real.")
    spans: list[Slug] = references(
        "steps",
        "Further steps it covers, for a friction that lasts (a wait from application to "
        "approval). It is written once, under its first step, and shown at every step it "
        "covers.",
    )

    # The built-in severity a workspace's own severity counts as is kept in Pydantic's
    # slot for private attributes, as a model's extensions are, and only when known: a
    # declared private attribute would give every pain point a dict of its own (a large
    # map has thousands) and cost a Python call for each one made. Not known and not
    # there are the same, so that pain points compare equal as they did with a declared
    # attribute whose default is None.

    @property
    def level(self) -> Severity:
        """The built-in severity this one is, or counts as (a workspace's own severity says
        which in cjm.yaml); ``medium`` until the workspace's vocabulary is known."""
        try:
            return Severity(self.severity)
        except ValueError:
            counts_as: Severity | None = private_value(self, _COUNTS_AS)
            return counts_as or Severity.MEDIUM

    def follow_vocabulary(self, counts_as: Severity | None) -> None:
        """Take the built-in severity a workspace's own severity counts as (on loading)."""
        keep_private(self, _COUNTS_AS, counts_as)


class KpiDirection(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Kpi(CjmModel):
    """A metric that tells whether a stage or step works."""

    id: Slug = id_field("KPI")
    name: Text = Field(description="What is measured, for example `Trial activation rate`.")
    baseline: Number | None = Field(
        default=None, description="The value before the work started, to measure movement."
    )
    baseline_date: CalendarDate | None = Field(
        default=None, description="When the baseline was measured (YYYY-MM-DD)."
    )
    target: Number | None = Field(default=None, description="The value the team aims for.")
    target_date: CalendarDate | None = Field(
        default=None, description="When the target should be reached (YYYY-MM-DD)."
    )
    actual: Number | None = Field(default=None, description="The latest measured value.")
    actual_date: CalendarDate | None = Field(
        default=None, description="The day the actual value was measured (YYYY-MM-DD)."
    )
    actual_period: Period | None = Field(
        default=None,
        description="The days the actual value was measured over, `start` and `end`, "
        "when it is not one day's value.",
    )
    unit: str | None = Field(default=None, description="The unit, for example `%` or `days`.")
    better: KpiDirection | None = Field(
        default=None,
        description="Which way is good: `higher` (conversion) or `lower` (time to value). "
        "Without it, no report or diff judges whether the KPI meets its target or moved "
        "the right way: the direction is unknown.",
    )
    source: str | None = Field(
        default=None,
        description="Where the number comes from: a dashboard link or a few words.",
    )
    evidence: list[Slug] = references("evidence entries", "Research the numbers come from.")


def _text_or_false(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """One message for a handoff that is neither text nor ``false``."""
    if value is False or isinstance(value, str):
        return handler(value)
    raise PydanticCustomError(
        "handoff_type", "Input should be text, or false when no handoff is needed"
    )


HandoffValue = Annotated[str | Literal[False], WrapValidator(_text_or_false)]
"""How the customer is handed over, or ``false``: the change of owner needs no handoff."""


class PersonaDetail(CjmModel):
    """What one persona thinks, asks and says at a step."""

    thoughts: list[Text] = texts("What this persona thinks here.")
    questions: list[Text] = texts("What this persona asks here.")
    quotes: list[Text] = texts("What customers like this persona said here, word for word.")


def _flag_type(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    if isinstance(value, bool | str):
        return handler(value)
    raise PydanticCustomError("flag_type", "Input should be true, false or text saying why")


Flag = Annotated[bool | Text, WrapValidator(_flag_type)]
"""``true``, ``false``, or text that says why (which also means true)."""


class Step(CjmModel):
    """One thing the customer does, with what they use, think and feel."""

    id: Slug = id_field("step")
    action: Text = Field(description="What the customer does, for example `Starts a trial`.")
    description: str | None = Field(default=None, description="Details of the step.")
    personas: list[Slug] = references(
        "personas of the map",
        "Who takes this step, when not every persona of the map does. Empty means all.",
    )
    optional: Annotated[bool, Strict()] = Field(
        default=False,
        description="Whether customers may skip this step; paths are worked out with and "
        "without it.",
    )
    touchpoints: list[Slug] = references("touchpoints", "What the customer uses here.")
    thoughts: list[Text] = texts("What the customer thinks at this step.")
    questions: list[Text] = texts("What the customer asks at this step.")
    quotes: list[Text] = texts("What customers said at this step, word for word.")
    by_persona: dict[Slug, PersonaDetail] = Field(
        default_factory=dict,
        description="Thoughts, questions and quotes of each persona where they differ: "
        "persona id to a mapping with `thoughts`, `questions` and `quotes`, added to the "
        "step's own.",
        json_schema_extra=SLUG_KEYS_SCHEMA,
    )
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
    artifacts: list[Text] = texts(
        "What the customer sees or holds here: a letter, a receipt, a screen (the physical "
        "evidence lane of a service blueprint)."
    )
    policies: list[Text] = texts(
        "Policies and regulations that govern the step, for example `KYC: verify identity "
        "before opening (AMLD5)`."
    )
    duration: Duration | None = Field(
        default=None,
        description="How long the step takes the customer: a number and a unit, for example "
        "`10 min`, `2 h` or `3 days`.",
    )
    wait: Duration | None = Field(
        default=None,
        description="How long the customer waits at this step for the business (a wait "
        "point): a number and a unit.",
    )
    fail_point: Flag | None = Field(
        default=None,
        description="Whether the service often fails here (a fail point): `true`, or text "
        "saying how it fails.",
    )
    moment_of_truth: Flag | None = Field(
        default=None,
        description="Whether this step makes or breaks the customer's trust (a moment of "
        "truth): `true`, or text saying why.",
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

    def detail_for(self, persona_id: str) -> PersonaDetail:
        """The thoughts, questions and quotes ``persona_id`` has here: the step's own and
        those written for that persona."""
        own = self.by_persona.get(persona_id)
        if own is None:
            return PersonaDetail(
                thoughts=self.thoughts, questions=self.questions, quotes=self.quotes
            )
        return PersonaDetail(
            thoughts=[*self.thoughts, *own.thoughts],
            questions=[*self.questions, *own.questions],
            quotes=[*self.quotes, *own.quotes],
        )

    @property
    def is_fail_point(self) -> bool:
        return self.fail_point is not None and self.fail_point is not False

    @property
    def is_moment_of_truth(self) -> bool:
        return self.moment_of_truth is not None and self.moment_of_truth is not False

    @property
    def is_wait_point(self) -> bool:
        return self.wait is not None


class Branch(CjmModel):
    """An alternative path through a stage: the steps some customers take instead of, or
    on top of, the stage's main line, and the condition that sends them there."""

    id: Slug = id_field("branch")
    condition: str | None = Field(
        default=None,
        description="When customers take this branch, for example `Card declined`.",
    )
    after: Slug | None = Field(
        default=None,
        description="The step of the stage's main line after which the branch leaves it. "
        "Without it, the branch starts the stage.",
    )
    rejoin: Slug | None = Field(
        default=None,
        description="The step of the stage's main line where the branch comes back; the "
        "main-line steps in between are skipped by customers on the branch. Without it, "
        "the branch comes back at the step after `after` (a detour), or goes on to the "
        "next stage when `after` is the stage's last step.",
    )
    steps: list[Step] = texts("The steps of the branch, in order.")


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
    pain_points: list[PainPoint] = texts(
        "Frictions that last through the whole stage, shown at each of its steps."
    )
    steps: list[Step] = texts("What the customer does in this phase, in order (the main line).")
    branches: list[Branch] = texts(
        "Alternative paths through the stage, each with its condition. Branches that leave "
        "the main line at the same step are alternatives to each other and to the main line."
    )

    def ordered_steps(self) -> list[tuple[tuple[str | int, ...], Step, Branch | None]]:
        """Every step of the stage with its data path inside the stage and its branch, in
        reading order: each branch's steps come right after the main-line step it leaves
        from (those that start the stage, first), branches in the order written. Each
        step is listed once, even when two main-line steps share an id (an error the
        resolver reports): a branch leaves from the first of them."""
        leaving: dict[str | None, list[tuple[int, Branch]]] = {}
        main_ids = {step.id for step in self.steps}
        for b, branch in enumerate(self.branches):
            after = branch.after if branch.after in main_ids else None
            leaving.setdefault(after, []).append((b, branch))
        ordered: list[tuple[tuple[str | int, ...], Step, Branch | None]] = []

        def add_branches(after: str | None) -> None:
            for b, branch in leaving.pop(after, []):
                for t, step in enumerate(branch.steps):
                    ordered.append((("branches", b, "steps", t), step, branch))

        add_branches(None)
        for t, step in enumerate(self.steps):
            ordered.append((("steps", t), step, None))
            add_branches(step.id)
        return ordered

    def all_steps(self) -> list[Step]:
        """Every step of the stage, main line and branches, in reading order."""
        return [step for _, step, _ in self.ordered_steps()]


class OpportunityStatus(StrEnum):
    IDEA = "idea"
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def settled(self) -> bool:
        """Done or dropped: nothing is left to deliver."""
        return self in (OpportunityStatus.DONE, OpportunityStatus.DROPPED)


class WorkLink(CjmModel):
    """Where the work on an opportunity is tracked: an issue, an epic, a ticket."""

    url: WebLink = Field(description="The address of the issue or epic (http or https).")
    key: str | None = Field(default=None, description="Its key in the tracker, e.g. `PAY-123`.")
    title: str | None = Field(default=None, description="Its title, when it helps.")


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
    evidence: list[Slug] = references("evidence entries", "What shows it is worth doing.")
    kpis: list[Slug] = references("KPIs of this map", "The metrics it is meant to move.")
    due: CalendarDate | None = Field(
        default=None, description="When it should be delivered (YYYY-MM-DD)."
    )
    release: str | None = Field(
        default=None, description="The release it is planned for, for example `2027.2`."
    )
    links: list[WorkLink] = texts(
        "Where the work is tracked: mappings with `url` and an optional `key` (`PAY-123`)."
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

    format: FormatVersion | None = format_field("map")
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

    _coverage_kept: tuple[int, dict[int, list[Step]]] | None = PrivateAttr(default=None)

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
        """Every step (main lines and branches) with its stage index and its place among
        the stage's steps in reading order, in journey order."""
        return [
            (stage_index, step_index, step)
            for stage_index, stage in enumerate(self.stages)
            for step_index, step in enumerate(stage.all_steps())
        ]

    def located_steps(self) -> list[tuple[tuple[str | int, ...], Step]]:
        """Every step with its data path in the map (``("stages", 0, "steps", 2)`` or
        ``("stages", 0, "branches", 1, "steps", 0)``), in journey order."""
        return list(self.each_located_step())

    def each_located_step(self) -> Iterator[tuple[tuple[str | int, ...], Step]]:
        """What :meth:`located_steps` lists, one step at a time: for a caller that looks
        at each step once, a large map's thousands of paths are not all held at once."""
        for s, stage in enumerate(self.stages):
            for inner, step, _ in stage.ordered_steps():
                yield ("stages", s, *inner), step

    def located_pain_points(self) -> list[tuple[tuple[str | int, ...], PainPoint]]:
        """Every pain point with its data path: those of stages, then those of steps, in
        journey order."""
        found: list[tuple[tuple[str | int, ...], PainPoint]] = []
        for s, stage in enumerate(self.stages):
            found.extend(
                (("stages", s, "pain_points", p), pain) for p, pain in enumerate(stage.pain_points)
            )
            for inner, step, _ in stage.ordered_steps():
                found.extend(
                    (("stages", s, *inner, "pain_points", p), pain)
                    for p, pain in enumerate(step.pain_points)
                )
        return found

    def pain_points(self) -> list[PainPoint]:
        return [pain for _, pain in self.located_pain_points()]

    def covered_steps(self, pain: PainPoint) -> list[Step]:
        """The steps ``pain`` covers, in journey order: every step of its stage for a
        stage's pain point; for a step's, that step and those its ``spans`` names."""
        return self._coverage().get(id(pain), [])

    def pain_points_at(self) -> dict[str, list[PainPoint]]:
        """Step id to every pain point that covers the step, each once, in the order the
        map writes them."""
        found: dict[str, list[PainPoint]] = {}
        for pain in self.pain_points():
            for step in self.covered_steps(pain):
                found.setdefault(step.id, []).append(pain)
        return found

    def _coverage(self) -> dict[int, list[Step]]:
        """id of each pain point to the steps it covers. Worked out in one pass the first
        time it is asked and kept: the report, the diagrams and the lint rules ask for every
        pain point of a map, which would otherwise cost a pass over the map each. A loaded
        map is not changed afterwards; a copy of the map works its own out again."""
        kept = self._coverage_kept
        if kept is not None and kept[0] == id(self):
            return kept[1]
        coverage = self._work_out_coverage()
        self._coverage_kept = (id(self), coverage)
        return coverage

    def _work_out_coverage(self) -> dict[int, list[Step]]:
        steps = [step for _, _, step in self.iter_steps()]
        order = {step.id: number for number, step in reversed(list(enumerate(steps)))}
        coverage: dict[int, list[Step]] = {}
        for stage in self.stages:
            stage_steps = stage.all_steps()
            for pain in stage.pain_points:
                coverage[id(pain)] = stage_steps
        for number, step in enumerate(steps):
            for pain in step.pain_points:
                numbers = {number} | {order[i] for i in pain.spans if i in order}
                coverage[id(pain)] = [steps[n] for n in sorted(numbers)]
        return coverage

    def branch_of(self, step: Step) -> Branch | None:
        """The branch ``step`` belongs to; None for a step of a stage's main line."""
        for stage in self.stages:
            for _, candidate, branch in stage.ordered_steps():
                if candidate is step:
                    return branch
        return None

    def all_kpis(self) -> list[Kpi]:
        """Every KPI of the map: each stage's, then those of its steps."""
        return [
            kpi
            for stage in self.stages
            for kpi in [*stage.kpis, *(k for step in stage.all_steps() for k in step.kpis)]
        ]
