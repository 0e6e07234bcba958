"""What `cjm measure` measured for one map: ``<snapshots>/<map-id>.yaml``.

A snapshot is generated and committed. `cjm validate`, `cjm render` and `cjm diff` read
only snapshots, so CI needs no data, no warehouse and no credentials. A snapshot holds
counts, shares and durations, with the definition they were computed under: never a user
id, and comment text only when the binding opts in to quotes (redacted).

Rates are fractions between 0 and 1; durations are seconds. A value that could not be
computed is ``null`` with a ``reason`` beside it where one applies.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from cjm.model.base import CalendarDate, CjmModel, FormatVersion, Period, Slug, Text, texts
from cjm.model.binding import (
    Anonymous,
    Measure,
    Order,
    RatingScale,
    Statistic,
    Unit,
    ValueAs,
)


class Engine(CjmModel):
    """What computed the numbers."""

    name: Text = Field(description="`duckdb`, or the warehouse (`postgres`, `spark`, ...).")
    version: Text | None = Field(default=None, description="Its version, when it says.")
    dialect: Text = Field(description="The SQL dialect the funnel query was written in.")


class FunnelDefinition(CjmModel):
    """The definition every number of the funnel was computed under."""

    source: Slug = Field(description="The events source.")
    unit: Unit
    order: Order
    window: Text = Field(description="The conversion window, as the binding writes it.")
    window_seconds: float = Field(description="The conversion window in seconds.")
    timezone: Text = Field(description="The time zone of the period's days.")
    anonymous: Anonymous
    period: Period = Field(description="The days counted, resolved to dates.")
    period_written: Text = Field(
        description="The period as the binding writes it, for example `last 28 days`."
    )
    steps: list[Slug] = texts("The funnel's steps, in order.")
    side_steps: list[Slug] = texts(
        "Bound steps outside the funnel's line (optional steps and branch steps): their "
        "reach is counted among the units that entered the funnel, with no drop-off."
    )


class TimeToNext(CjmModel):
    """How long units took from a step to the next funnel step."""

    median: float | None = Field(default=None, description="Seconds; null with no converter.")
    p90: float | None = Field(default=None, description="Seconds; null with no converter.")
    units: int = Field(ge=0, description="How many durations the statistics are over.")


class StepResult(CjmModel):
    """One funnel step, for one group of units."""

    step: Slug
    stage: Slug
    reach: int = Field(ge=0, description="Units that reached this step of the funnel.")
    conversion: float | None = Field(
        default=None, description="Share of them that reached the next funnel step."
    )
    drop_off: float | None = Field(
        default=None, description="Share of them that did not reach the next funnel step."
    )
    time_to_next: TimeToNext | None = Field(
        default=None, description="Time to the next funnel step (not for order `any`)."
    )


class StageResult(CjmModel):
    """A stage of the funnel, counted at its first funnel step."""

    stage: Slug
    reach: int = Field(ge=0)
    conversion: float | None = Field(
        default=None, description="Share that reached the next stage's first funnel step."
    )
    drop_off: float | None = None


class SideStepResult(CjmModel):
    """A bound step outside the funnel's line."""

    step: Slug
    stage: Slug
    reach: int = Field(ge=0, description="Units that entered the funnel and did this step.")
    why: Text = Field(description="Why the step is outside the line: `optional` or `branch`.")


class Segment(CjmModel):
    """The funnel for one group of units: everyone, or one persona's customers."""

    persona: Slug | None = Field(default=None, description="Null for every unit.")
    entered: int = Field(ge=0, description="Units that did the first funnel step.")
    steps: list[StepResult] = texts("Each funnel step.")
    stages: list[StageResult] = texts("Each stage with a funnel step.")
    side_steps: list[SideStepResult] = texts("Each bound step outside the funnel's line.")


class EventMatch(CjmModel):
    """How much of the data a step's binding matched in the period."""

    step: Slug
    events: int = Field(ge=0, description="Matching events in the period.")
    units: int = Field(ge=0, description="Units with at least one matching event.")


class DataSummary(CjmModel):
    """What the period held, to tell a quiet period from a broken binding."""

    events: int = Field(ge=0, description="Events in the period.")
    units: int = Field(ge=0, description="Units with an event in the period.")
    events_without_unit: int = Field(
        ge=0, description="Events in the period that could not be given a unit, left out."
    )


class KpiResult(CjmModel):
    """A KPI computed from the funnel."""

    kpi: Slug
    measure: Measure
    persona: Slug | None = None
    statistic: Statistic | None = None
    as_: ValueAs = Field(alias="as")
    value: float | None = Field(default=None, description="Null when it cannot be computed.")
    reason: Text | None = Field(default=None, description="Why there is no value.")

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class FeedbackDefinition(CjmModel):
    """How the feedback was read."""

    source: Slug
    scale: RatingScale | None = None
    positive: Text | None = Field(default=None, description="The ratings counted positive.")
    negative: Text | None = Field(default=None, description="The ratings counted negative.")
    text_sentiment: bool
    scorer: Text | None = Field(
        default=None, description="The text scorer and its thresholds, when comments are read."
    )
    min_responses: int = Field(ge=1)
    quotes: bool
    period: Period | None = Field(
        default=None,
        description="The days whose answers are counted; null when the feedback source has "
        "no time column, so every answer it holds is counted.",
    )


class FeedbackGroup(CjmModel):
    """The answers about one step, from everyone or from one persona."""

    step: Slug
    persona: Slug | None = None
    responses: int = Field(ge=0, description="Answers counted (rated or scored from text).")
    positive: int = Field(ge=0)
    negative: int = Field(ge=0)
    neutral: int = Field(ge=0)
    from_text: int = Field(ge=0, description="Answers scored from their comment's words.")
    suppressed: bool = Field(
        default=False,
        description="Fewer answers than `min_responses`: `responses` stays, the other "
        "counts are withheld (zero) and there are no quotes.",
    )
    quotes: list[Text] = texts("Redacted comments, when the binding opts in.")


class FeedbackResult(CjmModel):
    definition: FeedbackDefinition
    groups: list[FeedbackGroup] = texts("Per step, and per step and persona.")
    unplaced: int = Field(
        default=0,
        ge=0,
        description="Answers about a step or touchpoint this map does not have, or a "
        "touchpoint on several steps: not counted.",
    )
    unreadable: int = Field(
        default=0,
        ge=0,
        description="Answers with no usable rating (missing, not a whole number, or off the "
        "scale) and no comment that could be scored: not counted.",
    )


class Snapshot(CjmModel):
    """``<snapshots>/<map-id>.yaml``, generated by `cjm measure`."""

    format: FormatVersion | None = Field(default=None, description='`"1.0"`.')
    map: Slug = Field(description="The id of the map measured.")
    measured_on: CalendarDate = Field(description="The day of the measurement.")
    binding_hash: Text = Field(
        description="`sha256:` and the hash of what the binding and its sources say; a "
        "binding changed since shows as out of step."
    )
    engine: Engine
    definition: FunnelDefinition
    data: DataSummary
    funnel: list[Segment] = texts("Everyone first, then each bound persona.")
    matches: list[EventMatch] = texts("Each bound step's matches.")
    kpis: list[KpiResult] = texts("Each bound KPI.")
    feedback: FeedbackResult | None = None
