"""Shared building blocks of the map vocabulary: the base model, ids and small enums."""

from __future__ import annotations

import datetime
import math
import re
import sys
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)
from pydantic.config import JsonDict
from pydantic.json_schema import WithJsonSchema
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MAX_LENGTH = 64

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH),
]
"""A stable identifier: lowercase letters, digits and single hyphens (``trial-signup``)."""

SLUG_KEYS_SCHEMA: JsonDict = {
    "propertyNames": {"pattern": SLUG_PATTERN, "maxLength": SLUG_MAX_LENGTH}
}
"""JSON Schema for a mapping whose keys are ids: every key, not only those that look right."""

Text = Annotated[str, StringConstraints(min_length=1)]
"""Human-readable text that may not be empty."""

# Numbers and dates are checked the way the published JSON Schema checks them, so that an
# editor and `cjm validate` agree: Pydantic's lax mode would also take `true` or the text
# "3" for a number, and a date and time, a number of seconds or a timestamp text for a date.


def _whole_float_as_int(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """``3.0`` -> ``3``: JSON Schema counts a number without a fraction as an integer."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return handler(value)


WHOLE_FLOAT_AS_INT = WrapValidator(_whole_float_as_int)


FLOAT_MAX = sys.float_info.max


def not_finite(value: float) -> PydanticCustomError:
    """The error for ``.nan``, ``.inf`` or a number too large to be anything but infinite."""
    written = "not a number (.nan)" if math.isnan(value) else "infinite"
    return PydanticCustomError(
        "finite_number",
        "Input should be a finite number, but this one is {written}",
        {"written": written},
    )


def _within_float_range(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A number a float can hold: a whole number too large for one is out of range, not a
    value of the wrong kind; ``.nan``, ``.inf`` and numbers such as ``1e999`` that only
    read as infinity are no numbers at all."""
    if isinstance(value, float) and not math.isfinite(value):
        raise not_finite(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > FLOAT_MAX:
        if value > 0:
            raise PydanticCustomError(
                "less_than_equal", "Input should be less than or equal to {le}", {"le": FLOAT_MAX}
            )
        raise PydanticCustomError(
            "greater_than_equal",
            "Input should be greater than or equal to {ge}",
            {"ge": -FLOAT_MAX},
        )
    return handler(value)


# JSON Schema has no word for "finite". The bounds refuse the infinities. NaN passes every
# comparison (they are all false), so it is refused by asking for a number that is below 0,
# above 0 or 0 itself: NaN is none of them.
FINITE_SCHEMA: JsonDict = {
    "minimum": -FLOAT_MAX,
    "maximum": FLOAT_MAX,
    "anyOf": [{"not": {"minimum": 0}}, {"not": {"maximum": 0}}, {"const": 0}],
    "$comment": "A finite number: the bounds refuse infinities, the anyOf refuses NaN.",
}

Number = Annotated[
    float,
    Strict(),
    WrapValidator(_within_float_range),
    WithJsonSchema({"type": "number", **FINITE_SCHEMA}),
]
"""A finite number, whole or not; never a boolean, text, ``.nan`` or ``.inf``."""

StrictInt = Annotated[int, Strict()]
"""A whole number written without a fraction; never a boolean or text."""

DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _calendar_date_only(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """Let a date through, or text in the form YYYY-MM-DD (whose day is checked next);
    refuse a date with a time, a number and any other text."""
    if isinstance(value, datetime.datetime):
        raise PydanticCustomError(
            "date_from_datetime_inexact", "Input should be a date without a time"
        )
    if isinstance(value, datetime.date) or (isinstance(value, str) and DATE_TEXT.fullmatch(value)):
        return handler(value)
    raise PydanticCustomError("date_type", "Input should be a valid date (YYYY-MM-DD)")


CalendarDate = Annotated[datetime.date, WrapValidator(_calendar_date_only)]
"""A day: a YAML date, or text in the form YYYY-MM-DD, as JSON Schema's ``format: date``."""


class CjmModel(BaseModel):
    """Base of every model: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid")


def id_field(kind: str) -> Any:
    return Field(
        description=(
            f"Stable id of this {kind}: lowercase letters, digits and hyphens. References, "
            "diffs and suppressions use it, so it survives changes to the visible text."
        ),
    )


def reference(kind: str, description: str) -> Any:
    """A field holding the id of one other entity; the id must exist."""
    return Field(default=None, description=f"{description} The id of a {kind}.")


def references(plural: str, description: str) -> Any:
    """A field holding ids of other entities; every id must exist."""
    return Field(default_factory=list, description=f"{description} Ids of {plural}.")


def texts(description: str) -> Any:
    return Field(default_factory=list, description=description)


class Level(StrEnum):
    """A three-step scale used for impact and effort."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
