"""`say` prints a line exactly as rich's console prints it, loading rich only when the
line is not plain text."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cjm.commands.output import say, stdout
from tests.tools import SRC

MESSAGES = [
    "Rendered 1 file into out.",
    "Rendered 3 files into /tmp/a folder [with] brackets.",
    "[bold red]not markup[/]",
    "maps/x.yaml:100:5 :smile:",
    "",
    "tab\there",
    "carriage\rreturn and bell\a",
    "two\nlines",
    "café ünïcode ✓",
    "trailing spaces   ",
]


@pytest.mark.parametrize("message", MESSAGES)
def test_say_prints_what_rich_prints(message: str, capsys: pytest.CaptureFixture[str]) -> None:
    stdout().print(message, markup=False)
    by_rich = capsys.readouterr()
    say(message)
    assert capsys.readouterr() == by_rich


@pytest.mark.parametrize("setting", ["FORCE_COLOR=1", "NO_COLOR=1", "TERM=dumb", "TERM=xterm"])
def test_say_prints_what_rich_prints_whatever_the_colours(setting: str) -> None:
    """Through a pipe, with the settings that make rich colour its output or not."""
    name, value = setting.split("=")
    script = (
        "import sys\n"
        "from cjm.commands.output import say, stdout\n"
        "for message in sys.argv[1:]:\n"
        "    stdout().print(message, markup=False)\n"
        "sys.stdout.write('=====\\n')\n"
        "for message in sys.argv[1:]:\n"
        "    say(message)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *MESSAGES],
        capture_output=True,
        check=True,
        env={"PYTHONPATH": str(SRC), name: value, "PYTHONIOENCODING": "utf-8"},
    )
    by_rich, by_say = done.stdout.split(b"=====\n")
    assert by_say == by_rich
    assert b"Rendered 1 file into out.\n" in by_say


def test_a_plain_line_does_not_load_rich() -> None:
    script = (
        "import sys\n"
        "from cjm.commands.output import say\n"
        "say('Rendered 1 file into out.')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC)},
    )
    assert done.stdout == "Rendered 1 file into out.\n[]\n"


@pytest.mark.parametrize("printer", ["stdout().print(message, markup=False)", "say(message)"])
def test_a_closed_pipe_exits_with_one_quietly(printer: str) -> None:
    """As rich does: exit code 1 and nothing on stderr when the reader has gone."""
    script = (
        "from cjm.commands.output import say, stdout\n"
        "message = 'Rendered 1 file into out.'\n"
        f"{printer}\n"
    )
    reading, writing = os.pipe()
    os.close(reading)
    try:
        done = subprocess.run(
            [sys.executable, "-c", script],
            stdout=writing,
            stderr=subprocess.PIPE,
            check=False,
            env={"PYTHONPATH": str(SRC)},
        )
    finally:
        os.close(writing)
    assert (done.returncode, done.stderr) == (1, b"")
