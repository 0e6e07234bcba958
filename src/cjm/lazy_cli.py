"""The Click command tree of a Typer app, built one command at a time, when it is used.

Typer builds every command of an app before running any: it reads each command
function's signature and evaluates its annotations, twice. For a command line of twenty
commands that costs more than the command asked for. :func:`lazy_command` builds the
same tree, with Typer's own functions, but a command only when it runs or shows its help;
the listing of ``cjm --help`` reads each command's name and docstring, nothing more.

:class:`LazyGroup` is the group class of every Typer app of the command line (their
``cls=``), and :class:`PlainValuesCommand` the class of every command it builds. Besides
listing without building, both convert the values of their options and arguments with
:class:`cjm.cli_values.PlainConversion`, which gives what Typer's conversion gives
without building a pydantic adapter for each parameter (and importing pydantic's
adapters) on every run. Both are only about when and how work is done: the commands,
their help and their behaviour are Typer's.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from cjm.cli_values import PlainConversion

if TYPE_CHECKING:
    from typer._click import Command, Context, HelpFormatter, Parameter
    from typer.models import CommandInfo, TyperInfo


class LazyCommands(MutableMapping[str, "Command"]):
    """A group's commands by name, in the order they were registered; each is built the
    first time it is looked up, and then kept.

    While :meth:`listing`, a command not built yet that has a *summary* is looked up as
    it: a command without parameters that has the real one's name, help and flags, which
    is all a help listing reads.
    """

    def __init__(self) -> None:
        self._builders: dict[str, tuple[Callable[[], Command], Callable[[], Command] | None]] = {}
        self._built: dict[str, Command] = {}
        self._listing = False

    def add(
        self,
        name: str,
        build: Callable[[], Command],
        summary: Callable[[], Command] | None = None,
    ) -> None:
        self._builders[name] = (build, summary)

    def built(self) -> list[str]:
        """The names of the commands built so far (for tests of laziness)."""
        return list(self._built)

    @contextmanager
    def listing(self) -> Iterator[None]:
        self._listing = True
        try:
            yield
        finally:
            self._listing = False

    def __getitem__(self, name: str) -> Command:
        if name in self._built:
            return self._built[name]
        build, summary = self._builders[name]
        if self._listing and summary is not None:
            return summary()
        command = self._built[name] = build()
        return command

    def __setitem__(self, name: str, command: Command) -> None:
        self._builders.setdefault(name, (lambda: command, None))
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._builders[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._builders)

    def __len__(self) -> int:
        return len(self._builders)

    def __contains__(self, name: object) -> bool:
        return name in self._builders


class LazyGroup(TyperGroup):
    """Typer's group, listing its commands without building them, and converting its own
    options' values only when one needs converting (see the module's docstring)."""

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        commands = self.commands
        if isinstance(commands, LazyCommands):
            with commands.listing():
                super().format_commands(ctx, formatter)
        else:
            super().format_commands(ctx, formatter)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        convert_plainly(self.get_params(ctx))
        return super().parse_args(ctx, args)


class PlainValuesCommand(TyperCommand):
    """Typer's command, converting its values as :class:`LazyGroup` does."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        convert_plainly(self.get_params(ctx))
        return super().parse_args(ctx, args)


def convert_plainly(params: list[Parameter]) -> None:
    """Give each of Typer's parameters among ``params`` a :class:`PlainConversion`
    (Typer keeps a parameter's converter in ``_runtime_param``, None until it is
    first needed, and builds it then)."""
    for param in params:
        if getattr(param, "_runtime_param", False) is None:
            conversion = PlainConversion.of(param.type_descriptor)  # type: ignore[attr-defined]
            param._runtime_param = conversion  # type: ignore[attr-defined]


def lazy_command(app: typer.Typer) -> TyperGroup:
    """The Click group Typer makes of ``app`` (``typer.main.get_command``), whose commands
    and sub-groups' commands are built when first used. ``app`` must have a callback."""
    bare = _without_commands(app)
    group = typer.main.get_command(bare)
    assert isinstance(group, TyperGroup), "the app needs a callback to be a group"
    settings: dict[str, Any] = {
        "pretty_exceptions_short": app.pretty_exceptions_short,
        "rich_markup_mode": app.rich_markup_mode,
    }
    group.commands = _commands_of(app, settings, app.suggest_commands)
    return group


def _without_commands(app: typer.Typer) -> typer.Typer:
    bare = copy.copy(app)
    bare.registered_commands = []
    bare.registered_groups = []
    return bare


def _commands_of(app: typer.Typer, settings: dict[str, Any], suggest: bool) -> LazyCommands:
    """``app``'s commands, then its groups, as ``typer.main.get_group_from_info`` orders
    them; ``settings`` and ``suggest`` are the root app's, as Typer passes them down."""
    commands = LazyCommands()
    for info in app.registered_commands:
        assert info.callback is not None, "a command needs a function"
        name = info.name or typer.main.get_command_name(info.callback.__name__)
        commands.add(
            name,
            _builder(typer.main.get_command_from_info, info, settings),
            _summary(name, info, settings),
        )
    for group_info in app.registered_groups:
        sub_app = group_info.typer_instance
        assert sub_app is not None and group_info.name, "a sub-app needs a name"
        build = _group_builder(group_info, sub_app, settings, suggest)
        commands.add(group_info.name, build)
    return commands


def _builder(
    build: Callable[..., Command], info: CommandInfo, settings: dict[str, Any]
) -> Callable[[], Command]:
    """Builds the command of ``info`` as Typer does, as a :class:`PlainValuesCommand`
    unless it names a class of its own (Typer's own class is the default it records)."""

    def built() -> Command:
        plain = copy.copy(info)
        if info.cls in (None, TyperCommand):
            plain.cls = PlainValuesCommand
        return build(plain, **settings)

    return built


def _summary(name: str, info: CommandInfo, settings: dict[str, Any]) -> Callable[[], Command]:
    """A command with ``info``'s name, help and flags, as Typer would set them, and no
    parameters: what a help listing shows of it."""

    def summary() -> Command:
        assert info.callback is not None
        if info.help is None:
            help_text = inspect.getdoc(info.callback)
        else:
            help_text = inspect.cleandoc(info.help)
        return TyperCommand(
            name=name,
            help=help_text,
            short_help=info.short_help,
            hidden=info.hidden,
            deprecated=info.deprecated,
            rich_markup_mode=settings["rich_markup_mode"],
        )

    return summary


def _group_builder(
    group_info: TyperInfo,
    sub_app: typer.Typer,
    settings: dict[str, Any],
    suggest_commands: bool,
) -> Callable[[], Command]:
    """Builds the group of ``sub_app`` as Typer does, its options and all, with its
    commands left to be built when used. (A group is cheap: its own options only.)"""

    def build() -> Command:
        info = copy.copy(group_info)
        info.typer_instance = _without_commands(sub_app)
        group = typer.main.get_group_from_info(info, suggest_commands=suggest_commands, **settings)
        group.commands = _commands_of(sub_app, settings, suggest_commands)
        return group

    return build
