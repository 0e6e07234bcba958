"""The lazily built command tree of a Typer app behaves as the tree Typer builds: options
of a group are converted (or refused) as Typer converts them, missing ones stay missing,
and commands are found, listed and suggested alike."""

from __future__ import annotations

import re
from typing import Annotated, Any

import pytest
import typer
import typer.testing
from typer.testing import CliRunner

from cjm.lazy_cli import LazyCommands, LazyGroup, lazy_command

seen: dict[str, Any] = {}

app = typer.Typer(cls=LazyGroup, rich_markup_mode=None, add_completion=False)
tools = typer.Typer(cls=LazyGroup, help="Tools of the toy app.")
app.add_typer(tools, name="tools")


@app.callback()
def root(
    level: Annotated[int, typer.Option("--level", min=1)] = 3,
    tag: Annotated[str | None, typer.Option("--tag")] = None,
    names: Annotated[list[str] | None, typer.Option("--name")] = None,
) -> None:
    """A toy app."""
    seen.update(level=level, tag=tag, names=names)


@app.command()
def hello(who: str = "world") -> None:
    """Say hello to someone, politely and at some length, so that the listing cuts it."""
    typer.echo(f"hello {who}")


@app.command(hidden=True)
def secret() -> None:
    """Not listed."""


@tools.command("count")
def count(number: int) -> None:
    """Count up to a number."""
    typer.echo(" ".join(str(n) for n in range(1, number + 1)))


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args, prog_name="toy")
    return result.exit_code, result.output


def _lazy(args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """Run the lazy tree through the same runner (which otherwise builds Typer's)."""
    with monkeypatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", lazy_command)
        return _run(args)


CASES = [
    ["--help"],
    ["hello"],
    ["hello", "--who", "you"],
    ["--level", "5", "hello"],
    ["--level", "0", "hello"],
    ["--level", "x", "hello"],
    ["--tag", "a", "--name", "b", "--name", "c", "hello"],
    ["helo"],
    ["tools", "--help"],
    ["tools", "count", "3"],
    ["tools", "count", "three"],
    ["secret"],
]


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_the_lazy_tree_answers_as_typer_does(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen.clear()
    eager = _run(args)
    eager_seen = dict(seen)
    seen.clear()
    lazy = _lazy(args, monkeypatch)
    assert lazy == eager
    assert seen == eager_seen


def test_group_options_are_converted_when_given(monkeypatch: pytest.MonkeyPatch) -> None:
    seen.clear()
    assert _lazy(["--level", "5", "--name", "b", "hello"], monkeypatch)[0] == 0
    assert seen == {"level": 5, "tag": None, "names": ["b"]}
    seen.clear()
    assert _lazy(["hello"], monkeypatch)[0] == 0
    assert seen == {"level": 3, "tag": None, "names": None}


def test_commands_are_built_when_used() -> None:
    group = lazy_command(app)
    commands = group.commands
    assert isinstance(commands, LazyCommands)
    assert list(commands) == ["hello", "secret", "tools"]
    assert commands.built() == []
    context = group.make_context("toy", [], resilient_parsing=True)
    help_text = group.get_help(context)
    assert re.search(r"hello +Say hello to someone, politely", help_text)
    assert "secret" not in help_text
    assert commands.built() == ["tools"]  # a group is built to list it: its options only
    assert group.get_command(context, "hello") is group.get_command(context, "hello")
    assert commands.built() == ["tools", "hello"]
