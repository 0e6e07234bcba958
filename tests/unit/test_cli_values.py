"""cjm's conversion of option and argument values gives exactly what Typer's gives.

Every parameter of every command and group of the command line is tried with the same
values through :class:`PlainConversion` and through Typer's own converter (the pydantic
adapter Typer builds): both must return equal values of the same type, or refuse with
the same error and message.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer._click import Context
from typer._click.exceptions import BadParameter, ClickException
from typer._coercion import build_runtime_param
from typer.core import TyperArgument, TyperOption

from cjm.cli import app
from cjm.cli_values import UNDECIDED, PlainConversion, convert

Parameter = TyperArgument | TyperOption


def _parameters() -> Iterator[tuple[str, Parameter, Context]]:
    """Every Typer parameter of the command line, with a context of its command."""
    root = typer.main.get_command(app)

    def walk(command: Any, words: list[str]) -> Iterator[tuple[str, Parameter, Context]]:
        context = Context(command, info_name=" ".join(["cjm", *words]))
        for param in command.get_params(context):
            if isinstance(param, (TyperArgument, TyperOption)):
                yield f"{' '.join(['cjm', *words])} {param.name}", param, context
        for name, child in sorted((getattr(command, "commands", None) or {}).items()):
            yield from walk(child, [*words, name])

    return walk(root, [])


PARAMETERS = list(_parameters())
IDS = [label for label, _, _ in PARAMETERS]


def _outcome(conversion: Any, value: Any, param: Parameter, context: Context) -> Any:
    """What converting ``value`` gives: the value and its type, or the refusal."""
    try:
        converted = conversion.coerce(value, param=param, ctx=context)
    except ClickException as refused:
        return ("refused", type(refused).__name__, refused.format_message())
    if isinstance(converted, list):
        return ("list", [(type(item), item) for item in converted])
    return (type(converted), converted)


def _same_as_typer(value: Any, param: Parameter, context: Context) -> None:
    descriptor = param.type_descriptor
    plain = _outcome(PlainConversion.of(descriptor), value, param, context)
    typer_own = _outcome(build_runtime_param(descriptor), value, param, context)
    assert plain == typer_own, f"{value!r}: {plain!r} != {typer_own!r}"


def _leaf_type(param: Parameter) -> Any:
    annotation = param.type_descriptor.annotation
    return get_args(annotation)[0] if get_origin(annotation) is list else annotation


WORDS = [
    "", "0", "7", "-3", "-0", "007", "1_000", " 5", "5 ", "+5", "1e3", "99999", "65535",
    "65536", "17", "18", "1200", "1201", "123456789012345678901234", "x", "svg", "SVG",
    "Svg", "-", "é", "a//b/", "exists.yaml", "exists.yaml/", "folder", "folder/", "missing",
    "null\0byte", "True", "false",
]  # fmt: skip


def _values_for(param: Parameter) -> list[Any]:
    """Words of every kind, the parameter's choices in several cases, its default, and
    values of other types (as defaults and callers pass them)."""
    leaf = _leaf_type(param)
    words: list[Any] = list(WORDS)
    if isinstance(leaf, type) and issubclass(leaf, Enum):
        for choice in leaf:
            words += [choice, str(choice.value), str(choice.value).upper(), choice.name]
    others = [None, 5, True, False, Path("exists.yaml"), Path("missing"), 1.5, b"bytes"]
    values = words + others
    if param.multiple or param.nargs == -1:
        values = [(), ("exists.yaml", "folder"), tuple(words[:6]), *[(word,) for word in words]]
        values += [None, ["a", "b"], "a lone word"]
    default = param.default
    if default is not None and not callable(default):
        values.append(default)
    return values


@pytest.fixture
def in_a_folder(tmp_path: Path) -> Iterator[Path]:
    """A working folder holding a file and a folder, for the path checks."""
    (tmp_path / "exists.yaml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(before)


@pytest.mark.parametrize(("label", "param", "context"), PARAMETERS, ids=IDS)
def test_every_parameter_converts_as_typer_does(
    label: str, param: Parameter, context: Context, in_a_folder: Path
) -> None:
    for value in _values_for(param):
        _same_as_typer(value, param, context)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(min_value=0, max_value=len(PARAMETERS) - 1),
    word=st.one_of(st.text(max_size=12), st.from_regex(r"[-+ ]?[0-9_]{0,20} ?", fullmatch=True)),
)
def test_any_word_converts_as_typer_does(index: int, word: str) -> None:
    _, param, context = PARAMETERS[index]
    value: Any = (word,) if param.multiple or param.nargs == -1 else word
    _same_as_typer(value, param, context)


def test_the_command_line_has_the_kinds_of_parameter_converted_here() -> None:
    """Each kind is converted without Typer's adapter for its usual values, so that a
    run of cjm builds none (a new kind of parameter lands here to be covered)."""
    usual = {str: "x", bool: True, int: "3", Path: "missing"}
    for label, param, context in PARAMETERS:
        leaf = _leaf_type(param)
        value = usual.get(leaf)
        if isinstance(leaf, type) and issubclass(leaf, Enum):
            value = next(iter(leaf))
        if leaf is int and param.type_descriptor.parameter_info.min is not None:
            value = str(param.type_descriptor.parameter_info.min)
        assert value is not None, f"{label}: a parameter of type {leaf!r} is new here"
        if param.multiple or param.nargs == -1:
            value = (value,)
        converted = convert(param.type_descriptor, value, param, context)
        assert converted is not UNDECIDED, label


def test_a_refusal_is_worded_by_typer(in_a_folder: Path) -> None:
    label, param, context = next(
        entry for entry in PARAMETERS if entry[1].type_descriptor.annotation is int
    )
    with pytest.raises(BadParameter) as refused:
        PlainConversion.of(param.type_descriptor).coerce("many", param=param, ctx=context)
    assert "valid integer" in refused.value.format_message(), label
