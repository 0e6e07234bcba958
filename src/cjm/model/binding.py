"""A map's binding to data: ``<map>.measures.yaml``, next to the map.

The binding says which events mean "the customer did this step", which customers each
persona stands for, how each KPI is computed, and how feedback is read. It lives in its
own file so that data people can own it without touching the map.

Every knob that analytics tools disagree on (the unit counted, the ordering, the
conversion window, the period, the time zone of its days, what to do with anonymous
visitors) has no default: the binding writes it down, and every snapshot records it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from cjm.model.base import (
    CalendarDate,
    CjmModel,
    Duration,
    FormatVersion,
    Slug,
    Text,
    format_field,
    texts,
)

FilterValue = Annotated[str, StringConstraints(min_length=0)] | int | float | bool
"""A value to compare with. Values are compared as text, as the JSON properties hold it:
``true``, ``3``, ``pro``."""


class Unit(StrEnum):
    """What the funnel counts."""

    USER = "user"
    ACCOUNT = "account"
    SESSION = "session"


class Order(StrEnum):
    """How the steps of the funnel must follow each other."""

    IN_ORDER = "in-order"
    STRICT = "strict"
    ANY = "any"


class Anonymous(StrEnum):
    """What to do with events of visitors who are not identified."""

    STITCH = "stitch"
    SEPARATE = "separate"
    DROP = "drop"


class Filter(CjmModel):
    """One condition an event must meet: a property or column compared with values."""

    property: Text | None = Field(
        default=None, description="A key of the event's JSON properties, for example `plan`."
    )
    column: Text | None = Field(default=None, description="A column of the event table.")
    equals: FilterValue | None = Field(default=None, description="The value it must have.")
    in_: list[FilterValue] | None = Field(
        default=None, alias="in", min_length=1, description="Values it may have."
    )
    not_in: list[FilterValue] | None = Field(
        default=None, min_length=1, description="Values it may not have (a missing value passes)."
    )
    exists: bool | None = Field(
        default=None, description="`true`: it must have a value; `false`: it must have none."
    )

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _one_target_one_test(self) -> Filter:
        if (self.property is None) == (self.column is None):
            raise PydanticCustomError(
                "filter_target", "Write exactly one of `property` and `column`"
            )
        tests = [self.equals, self.in_, self.not_in, self.exists]
        if sum(test is not None for test in tests) != 1:
            raise PydanticCustomError(
                "filter_test", "Write exactly one of `equals`, `in`, `not_in` and `exists`"
            )
        return self


class StepBinding(CjmModel):
    """The events that mean the customer did a step."""

    event: Text | list[Text] = Field(
        description="The event's name, or a list of names any of which counts."
    )
    where: list[Filter] = texts("Conditions every matching event must meet, all of them.")


class PersonaBinding(CjmModel):
    """The customers a persona stands for: a unit belongs to the persona when any of its
    events in the period meets every condition."""

    where: list[Filter] = Field(min_length=1, description="The conditions, all of them.")


class MeasurePeriod(CjmModel):
    """The days counted: `start` and `end` (both included), or the last N days."""

    start: CalendarDate | None = Field(default=None, description="The first day (YYYY-MM-DD).")
    end: CalendarDate | None = Field(default=None, description="The last day (YYYY-MM-DD).")
    last_days: int | None = Field(
        default=None,
        ge=1,
        le=3660,
        description="The last N whole days, ending the day before the measurement date.",
    )

    @model_validator(mode="after")
    def _one_form(self) -> MeasurePeriod:
        fixed = self.start is not None or self.end is not None
        if fixed == (self.last_days is not None) or (
            fixed and (self.start is None or self.end is None)
        ):
            raise PydanticCustomError(
                "period_form", "Write either `start` and `end`, or `last_days`"
            )
        if self.start is not None and self.end is not None and self.end < self.start:
            raise PydanticCustomError(
                "period_order",
                "A period must end on or after the day it starts: it starts on {start} "
                "and ends on {end}",
                {"start": self.start.isoformat(), "end": self.end.isoformat()},
            )
        return self


class FunnelSettings(CjmModel):
    """How the funnel is counted. Every setting is required: tools disagree on each."""

    unit: Unit = Field(description="What is counted: `user`, `account` or `session`.")
    order: Order = Field(
        description="`in-order`: each step at or after the one before, other events allowed "
        "between; `strict`: no event of another bound step between two steps; `any`: the "
        "steps in any order after the first."
    )
    window: Duration = Field(
        description="How long after entering the funnel (the first step) later steps count, "
        "for example `14 days`."
    )
    period: MeasurePeriod = Field(description="The days whose events are counted.")
    timezone: Text = Field(
        description="The IANA time zone the period's days are in, for example `Europe/Berlin` "
        "or `UTC`."
    )
    anonymous: Anonymous = Field(
        description="Events of visitors not yet identified: `stitch` (count them as the user "
        "they later identify as), `separate` (count each visitor as a unit of its own) or "
        "`drop` (leave them out)."
    )


class Measure(StrEnum):
    """What a KPI is computed as."""

    REACH = "reach"
    CONVERSION = "conversion"
    DROP_OFF = "drop-off"
    TIME_TO_NEXT = "time-to-next"


class Statistic(StrEnum):
    MEDIAN = "median"
    P90 = "p90"


class ValueAs(StrEnum):
    """How a computed value is written into the KPI."""

    COUNT = "count"
    PERCENT = "percent"
    RATIO = "ratio"
    SECONDS = "seconds"
    MINUTES = "minutes"
    HOURS = "hours"
    DAYS = "days"


RATE_UNITS = (ValueAs.PERCENT, ValueAs.RATIO)
TIME_UNITS = (ValueAs.SECONDS, ValueAs.MINUTES, ValueAs.HOURS, ValueAs.DAYS)


class KpiBinding(CjmModel):
    """How a KPI of the map is computed from the funnel."""

    measure: Measure = Field(
        description="`reach` (units reaching `step`), `conversion` (from `from` to `to`), "
        "`drop-off` (at `step`, to the next funnel step) or `time-to-next` (from `step` to "
        "the next funnel step)."
    )
    step: Slug | None = Field(default=None, description="The step, for reach, drop-off and time.")
    from_: Slug | None = Field(
        default=None, alias="from", description="For conversion: the step counted from."
    )
    to: Slug | None = Field(default=None, description="For conversion: the step counted to.")
    persona: Slug | None = Field(
        default=None, description="Compute it for this persona's customers only."
    )
    statistic: Statistic | None = Field(
        default=None, description="For time-to-next: `median` or `p90`."
    )
    as_: ValueAs = Field(
        alias="as",
        description="How the value is written: `count` (reach), `percent` or `ratio` "
        "(conversion, drop-off), `seconds`, `minutes`, `hours` or `days` (time-to-next).",
    )

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _fits_measure(self) -> KpiBinding:
        measure = self.measure
        if measure is Measure.CONVERSION:
            if self.from_ is None or self.to is None or self.step is not None:
                raise PydanticCustomError(
                    "kpi_measure", "A conversion needs `from` and `to` (and no `step`)"
                )
        elif self.step is None or self.from_ is not None or self.to is not None:
            raise PydanticCustomError(
                "kpi_measure",
                "A {measure} needs `step` (and no `from` or `to`)",
                {"measure": measure.value},
            )
        if (measure is Measure.TIME_TO_NEXT) != (self.statistic is not None):
            raise PydanticCustomError(
                "kpi_statistic", "`statistic` (median or p90) is for time-to-next, and needed there"
            )
        allowed = {
            Measure.REACH: (ValueAs.COUNT,),
            Measure.CONVERSION: RATE_UNITS,
            Measure.DROP_OFF: RATE_UNITS,
            Measure.TIME_TO_NEXT: TIME_UNITS,
        }[measure]
        if self.as_ not in allowed:
            raise PydanticCustomError(
                "kpi_as",
                "A {measure} is written as {allowed}, not {written}",
                {
                    "measure": measure.value,
                    "allowed": " or ".join(unit.value for unit in allowed),
                    "written": self.as_.value,
                },
            )
        return self


class RatingScale(StrEnum):
    """The rating a feedback source asks for."""

    CSAT = "csat"
    CES = "ces"
    NPS = "nps"


class FeedbackBinding(CjmModel):
    """How the feedback about this map's steps is read."""

    source: Slug = Field(description="The feedback source, the id of a source in cjm.yaml.")
    scale: RatingScale | None = Field(
        default=None,
        description="The rating's scale: `csat` (1 to 5; 4 and 5 positive, 1 and 2 negative), "
        "`ces` (1 to 7; 5 to 7 positive, 1 to 3 negative) or `nps` (0 to 10; 9 and 10 "
        "positive, 0 to 6 negative). Without it, ratings are not read.",
    )
    text_sentiment: bool = Field(
        default=False,
        description="Score the comment's words (offline, English) when a row has no rating.",
    )
    min_responses: int = Field(
        default=10,
        ge=1,
        description="Groups (a step, or a step and a persona) with fewer answers are not shown.",
    )
    segments: dict[Text, Slug] = Field(
        default_factory=dict,
        description="Values of the feedback's persona column that stand for a persona: "
        "`smb: olivia`. A value equal to a persona id needs no entry.",
    )
    quotes: bool = Field(
        default=False,
        description="Put a few comments in the snapshot and the report, with e-mail "
        "addresses, phone numbers and long digit runs blacked out.",
    )
    max_quotes: int = Field(default=3, ge=1, le=20, description="At most this many per step.")


class Binding(CjmModel):
    """``<map>.measures.yaml``: how one map is measured."""

    format: FormatVersion | None = format_field("binding file")
    map: Slug = Field(description="The id of the map this file binds.")
    source: Slug = Field(description="The events source, the id of a source in cjm.yaml.")
    funnel: FunnelSettings = Field(description="How the funnel is counted.")
    steps: dict[Slug, StepBinding] = Field(
        default_factory=dict,
        description="Step id to the events that mean the customer did that step.",
    )
    personas: dict[Slug, PersonaBinding] = Field(
        default_factory=dict, description="Persona id to the customers it stands for."
    )
    kpis: dict[Slug, KpiBinding] = Field(
        default_factory=dict, description="KPI id to how it is computed."
    )
    feedback: FeedbackBinding | None = Field(
        default=None, description="How feedback about the steps is read."
    )


__all__ = [
    "Anonymous",
    "Binding",
    "FeedbackBinding",
    "Filter",
    "FunnelSettings",
    "KpiBinding",
    "Measure",
    "MeasurePeriod",
    "Order",
    "PersonaBinding",
    "RatingScale",
    "Statistic",
    "StepBinding",
    "Unit",
    "ValueAs",
]
