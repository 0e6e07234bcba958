"""Option and argument values converted as Typer converts them, without pydantic.

Typer converts every value given on the command line through a pydantic ``TypeAdapter``
that it builds for the parameter when the command runs: importing Typer's adapters,
building one per parameter and, with the first, loading pydantic's plugins cost tens of
milliseconds on every command, for values that are plain words, numbers and file names.
:class:`PlainConversion` converts the kinds of parameter cjm has (text, flags, whole
numbers, choices, paths, and lists of these) with Typer's own helpers and no adapter. It
gives exactly what Typer would: whenever it is not sure (a value of an unexpected type,
a number it does not read the same way, a value that is refused), it hands the value to
Typer's own converter, built then, so that a refusal is worded by Typer as it always
was.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, get_args, get_origin

from typer._click.exceptions import BadParameter
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer._param_types import (
    coerce_cli_choice,
    coerce_cli_path,
    lenient_issubclass,
    routes_to_path,
)

if TYPE_CHECKING:
    from typer._click import Context
    from typer.core import _TyperParameter
    from typer.models import ParameterInfo


class _Undecided:
    """What a conversion gives when Typer's converter must decide."""


UNDECIDED: Final = _Undecided()


class PlainConversion(RuntimeParam):
    """Converts one parameter's values (see the module's docstring). Typer's
    :class:`RuntimeParam` turns a missing value into None (or ``()`` for a parameter
    taking many) and refuses a lone word for a list before this is reached. (A plain
    subclass, not a dataclass of its own: every command line run defines it, and the
    parameter converted carries its type descriptor.)"""

    @classmethod
    def of(cls, descriptor: TypeDescriptor) -> PlainConversion:
        return cls(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        descriptor = param.type_descriptor
        converted = convert(descriptor, value, param, ctx)
        if converted is UNDECIDED:
            typer_conversion = build_runtime_param(descriptor)
            return typer_conversion._coerce_value(value, param=param, ctx=ctx)
        return converted


def convert(descriptor: TypeDescriptor, value: Any, param: Any, ctx: Any) -> Any:
    """``value`` converted for the parameter ``descriptor`` describes, or UNDECIDED."""
    if descriptor.file_annotation is not None:
        return UNDECIDED  # Typer opens files without pydantic already
    annotation = descriptor.annotation
    info = descriptor.parameter_info
    origin: Any = get_origin(annotation)
    if origin is list:
        (item_type,) = get_args(annotation)
        items = value if isinstance(value, (list, tuple)) else [value]
        converted = [_convert_one(item_type, info, item, param, ctx) for item in items]
        return UNDECIDED if any(item is UNDECIDED for item in converted) else converted
    return _convert_one(annotation, info, value, param, ctx)


def _convert_one(annotation: Any, info: ParameterInfo, value: Any, param: Any, ctx: Any) -> Any:
    """One value, tried in the order Typer tries the kinds of parameter."""
    if info.parser is not None or get_origin(annotation) is not None:
        return UNDECIDED
    if lenient_issubclass(annotation, Enum):
        return _choice(annotation, info, value, ctx)
    if annotation is int:
        return _whole_number(info, value)
    if annotation is bool:
        return value if isinstance(value, bool) else UNDECIDED
    if annotation is str:
        return value if type(value) is str else UNDECIDED
    if routes_to_path(annotation, info):
        return _path(annotation, info, value, param, ctx)
    return UNDECIDED


def _choice(annotation: type[Enum], info: ParameterInfo, value: Any, ctx: Any) -> Any:
    try:
        return coerce_cli_choice(
            value, choices=list(annotation), case_sensitive=info.case_sensitive, ctx=ctx
        )
    except ValueError:  # not one of the choices: Typer words the refusal
        return UNDECIDED


def _whole_number(info: ParameterInfo, value: Any) -> Any:
    if info.clamp:
        return UNDECIDED
    if type(value) is int:  # a default
        number = value
    elif type(value) is str and _plain_whole_number(value):
        number = int(value)
    else:
        return UNDECIDED
    if info.min is not None and number < info.min:
        return UNDECIDED
    if info.max is not None and number > info.max:
        return UNDECIDED
    return number


def _plain_whole_number(text: str) -> bool:
    """Whether ``text`` is a whole number written plainly (an optional minus sign, then
    up to 18 ASCII digits without a leading zero), as int() and pydantic read alike."""
    digits = text[1:] if text.startswith("-") else text
    return (
        0 < len(digits) <= 18
        and digits.isascii()
        and digits.isdigit()
        and (digits == "0" or not digits.startswith("0"))
    )


def _path(annotation: Any, info: ParameterInfo, value: Any, param: Any, ctx: Any) -> Any:
    """A path, checked by Typer's own path checks (existence, file or folder, ...).

    Typer first makes the Path (through pydantic, which calls ``Path(value)``), then
    checks it; here the Path is made directly. A check that fails is left to Typer,
    whose message names the value as it was typed."""
    path_type: Any = info.path_type
    if path_type is None and lenient_issubclass(annotation, Path):
        path_type = annotation
    if not lenient_issubclass(path_type, Path):
        return UNDECIDED
    if type(value) is not str and not isinstance(value, path_type):
        return UNDECIDED
    try:
        checked = coerce_cli_path(path_type(value), info, path_type=None, param=param, ctx=ctx)
    except (BadParameter, ValueError):
        return UNDECIDED
    return checked if isinstance(checked, path_type) else path_type(checked)
