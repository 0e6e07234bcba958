"""Shared building blocks of the map vocabulary: the base model, ids and small enums."""

from __future__ import annotations

import copy
import datetime
import math
import re
import sys
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any, NoReturn, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    Strict,
    StringConstraints,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_validator,
)
from pydantic.config import JsonDict
from pydantic.json_schema import JsonSchemaValue, WithJsonSchema
from pydantic_core import CoreSchema, PydanticCustomError, PydanticUndefined

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


EXTENSION_PREFIX = "x-"
"""Keys that start with it are a team's own fields: allowed on every mapping, never checked,
kept by every command that writes files (the extension convention of OpenAPI)."""

EXTENSION_PATTERN = "^x-"
_EXTENSIONS = "_extensions"


def is_extension_key(key: object) -> bool:
    return isinstance(key, str) and key.startswith(EXTENSION_PREFIX)


class SharedFieldSet(set[str]):
    """The names of the fields a model was given, one object for all the models given the
    same names: Pydantic makes a set for every model (about 200 to 700 bytes each, a third
    of what a loaded map's models take), though a file's thousands of models are given
    only a few different sets of fields.

    Being shared, it cannot be changed: every method that would change it raises
    :class:`TypeError`. A copy of it (``copy.copy``, ``.copy()``, as Pydantic's
    ``model_copy`` makes) is a plain set of the copied model's own, and
    :meth:`CjmModel.__setattr__` gives a model its own set before a field is assigned.
    It pickles as a reference to the shared one (see :func:`shared_field_set`)."""

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError(
            "the set of a model's fields is shared with other models and cannot be "
            "changed; copy it first"
        )

    add = discard = remove = pop = clear = _refuse
    update = difference_update = intersection_update = symmetric_difference_update = _refuse
    __ior__ = __iand__ = __isub__ = __ixor__ = _refuse

    def copy(self) -> set[str]:
        return set(self)

    def __copy__(self) -> set[str]:
        return set(self)

    def __deepcopy__(self, memo: dict[int, object]) -> set[str]:
        return set(self)

    def __reduce__(self) -> tuple[Any, tuple[frozenset[str]]]:
        return shared_field_set, (frozenset(self),)


_SHARED_FIELD_SETS: dict[frozenset[str], SharedFieldSet] = {}


def shared_field_set(names: Iterable[str]) -> SharedFieldSet:
    """The one :class:`SharedFieldSet` holding ``names``."""
    key = frozenset(names)
    shared = _SHARED_FIELD_SETS.get(key)
    if shared is None:
        shared = _SHARED_FIELD_SETS[key] = SharedFieldSet(key)
    return shared


def _share_field_set(model: Any) -> Any:
    """``model`` with its set of given fields swapped for the shared one (the model's own
    set is then freed)."""
    names = getattr(model, "__pydantic_fields_set__", None)
    if type(names) is set:
        object.__setattr__(model, "__pydantic_fields_set__", shared_field_set(names))
    return model


def private_value(model: BaseModel, name: str) -> Any:
    """What ``model`` keeps under ``name`` in Pydantic's slot for private attributes, or
    None. cjm keeps there what only some models have (a mapping's extensions, a pain
    point's counted-as severity), so that the others carry no dict of their own."""
    private = model.__pydantic_private__
    return private.get(name) if private else None


def keep_private(model: BaseModel, name: str, value: Any) -> None:
    """Keep ``value`` under ``name`` in ``model``'s slot for private attributes (see
    :func:`private_value`); None removes it, and the slot is emptied when nothing is
    left in it."""
    private = model.__pydantic_private__
    if value is not None:
        if private is None:
            object.__setattr__(model, "__pydantic_private__", {name: value})
        else:
            private[name] = value
    elif private is not None:
        private.pop(name, None)
        if not private:
            object.__setattr__(model, "__pydantic_private__", None)


ModelT = TypeVar("ModelT", bound=BaseModel)


def unvalidated_default(model_class: type[ModelT]) -> ModelT:
    """What ``model_class()`` makes, made without validating: every field its default.

    Validating builds the class's validator and serializer (and, for the first class, has
    Pydantic scan every installed package for plugins): tens of milliseconds that a run
    taking its documents from the validation cache never needs otherwise, only to fill
    in defaults. Pydantic's own ``model_construct()`` asks each default factory for its
    signature, about 3 ms for a builtin such as ``list``; here the factories are called
    as they are, taking no argument. The result is equal to the validated one (a test
    checks every rule's options and the empty vocabulary), for a class whose fields all
    have defaults that need no validation and whose validators leave defaults alone."""
    values: dict[str, Any] = {}
    for name, field in model_class.model_fields.items():
        if field.default_factory is not None:
            values[name] = field.default_factory()  # type: ignore[call-arg]
        elif field.default is PydanticUndefined:
            raise TypeError(f"{model_class.__name__}.{name} has no default")
        else:
            values[name] = copy.deepcopy(field.default)
    return model_class.model_construct(_fields_set=set(), **values)


def _share_keys(model_class: type[BaseModel]) -> None:
    """Give ``model_class``'s instances the names of its fields as shared dict keys.

    CPython keeps one table of attribute names per class, shared by the ``__dict__`` of
    its instances, which then hold only their values: a third of the memory of a dict
    of their own for a model of 27 fields. The table takes a name when an instance is
    first given it as an attribute, and takes fewer and fewer new names as instances are
    made (Pydantic makes them without giving them attributes), so the names are given
    here, once, before any instance of the class exists."""
    instance = object.__new__(model_class)
    for name in model_class.model_fields:
        object.__setattr__(instance, name, None)


def _with_shared_keys(model: Any) -> Any:
    """``model`` with its field values moved from the dict Pydantic made to one that
    shares its keys with the other instances of its class (see :func:`_share_keys`).
    The dict holds the same items in the same order; only its layout in memory differs.
    An instance the class's table cannot take all the names of gets an ordinary dict,
    as before."""
    twin = object.__new__(type(model))
    set_value = object.__setattr__
    for name, value in model.__dict__.items():
        set_value(twin, name, value)
    set_value(model, "__dict__", twin.__dict__)
    return _share_field_set(model)


class CjmModel(BaseModel):
    """Base of every model: unknown keys are errors, so typos never pass silently, except
    keys starting with ``x-``, which are a team's own extensions and are kept aside.

    A model class builds its validator and serializer when first used, not when it is
    defined (``defer_build``): importing the model then costs a fraction of building
    every class, and a run that takes its maps from the validation cache builds none but
    those of the files it still reads."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    # Validation runs this for every mapping of a file, so it is kept cheap: one look at
    # the keys, and nothing stored on the model unless it has extensions. They go in
    # Pydantic's slot for private attributes (a declared private attribute would cost a
    # Python call for every model made, extensions or not). Every model made leaves with
    # a shared set of its given fields (see SharedFieldSet), and one made from a mapping
    # with its values in a dict of shared keys (see _with_shared_keys).
    @model_validator(mode="wrap")
    @classmethod
    def _set_extensions_aside(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        if type(value) is dict:
            for key in value:
                if type(key) is str and key.startswith(EXTENSION_PREFIX):
                    break
            else:
                return _with_shared_keys(handler(value))
            extensions = {k: v for k, v in value.items() if is_extension_key(k)}
            model = handler({k: v for k, v in value.items() if not is_extension_key(k)})
            keep_private(model, _EXTENSIONS, extensions)
            return _with_shared_keys(model)
        return _share_field_set(handler(value))

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        _share_keys(cls)

    def __setattr__(self, name: str, value: Any) -> None:
        """Assign as Pydantic does, a field on a set of given fields of this model's own.
        A private attribute is no field: the shared set stays (loading sets one on every
        pain point, for the severity it counts as)."""
        if (
            name not in self.__private_attributes__
            and type(self.__pydantic_fields_set__) is SharedFieldSet
        ):
            object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        super().__setattr__(name, value)

    @property
    def extensions(self) -> dict[str, Any]:
        """The ``x-`` keys written on this mapping, with their values as read."""
        found: dict[str, Any] = private_value(self, _EXTENSIONS) or {}
        return found

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        target = handler.resolve_ref_schema(schema)
        target.setdefault("patternProperties", {})[EXTENSION_PATTERN] = {
            "description": "A team's own field: any value, kept by every command."
        }
        return schema


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


FORMAT_VERSION = "1.0"
"""The version of the file format this cjm reads and writes."""

SUPPORTED_FORMATS = (FORMAT_VERSION,)


def _format_as_text(value: Any) -> Any:
    """``format: 1.0`` (a number in YAML) is read as the text ``"1.0"``."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{float(value):.1f}"
    return value


def _known_format(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    value = _format_as_text(value)  # this wrap runs before the BeforeValidator
    if value == FORMAT_VERSION:
        return handler(value)
    raise PydanticCustomError(
        "format_version",
        "This cjm reads format {supported}; the file says {written}: "
        "upgrade cjm, or correct the version",
        {"supported": FORMAT_VERSION, "written": repr(value)},
    )


FormatVersion = Annotated[
    str,
    BeforeValidator(_format_as_text),
    WrapValidator(_known_format),
    WithJsonSchema({"enum": [FORMAT_VERSION, float(FORMAT_VERSION)]}),
]
"""The format a file is written in; a file without it is in the 0.x format."""


def format_field(kind: str) -> Any:
    return Field(
        default=None,
        description=f'The format version this {kind} is written in: `"{FORMAT_VERSION}"`. '
        "A file without it is in the 0.x format; `cjm migrate` upgrades it.",
    )


DURATION_PATTERN = (
    r"^(?:[0-9]+(?:\.[0-9]+)?) ?(?:s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|hours?"
    r"|d|days?|w|wks?|weeks?)$"
)
_DURATION = re.compile(DURATION_PATTERN)
_UNIT_SECONDS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400,
    "w": 604800, "wk": 604800, "wks": 604800, "week": 604800, "weeks": 604800,
}  # fmt: skip

Duration = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=DURATION_PATTERN),
]
"""A length of time: a number and a unit, for example ``10 min``, ``2 h``, ``3 days``."""


def duration_seconds(text: str) -> float:
    """The seconds a :data:`Duration` text stands for."""
    match = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?) ?([a-z]+)", text)
    if match is None or not _DURATION.fullmatch(text):
        raise ValueError(f"not a duration: {text!r}")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]


class Period(CjmModel):
    """A span of days, both ends included."""

    start: CalendarDate = Field(description="The first day (YYYY-MM-DD).")
    end: CalendarDate = Field(description="The last day (YYYY-MM-DD).")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise PydanticCustomError(
                "period_order",
                "A period must end on or after the day it starts: it starts on {start} "
                "and ends on {end}",
                {"start": self.start.isoformat(), "end": self.end.isoformat()},
            )
        return self


WEB_LINK_PATTERN = r"^https?://[^\s]+$"

WebLink = Annotated[str, StringConstraints(pattern=WEB_LINK_PATTERN)]
"""An http or https address."""
