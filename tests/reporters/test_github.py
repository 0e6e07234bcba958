"""`cjm validate --format github`: one workflow command per diagnostic, escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cjm.diagnostics import Location, Severity
from cjm.reporters.github import GithubReporter, escape_data, escape_property

from .conftest import (
    ONE_ERROR,
    ONE_WARNING,
    STAGE_WITHOUT_TOUCHPOINTS,
    diagnostic,
    result_of,
    validate,
)

COMMAND = re.compile(r"::(?P<command>error|warning|notice) (?P<properties>[^:]*)::(?P<data>.*)")


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def parse(output: str) -> list[tuple[str, dict[str, str], str]]:
    """Each line back into ``(command, properties, message)``; fails on any other line."""
    commands = []
    for line in output.splitlines():
        match = COMMAND.fullmatch(line)
        assert match, f"not a workflow command: {line!r}"
        properties = {}
        for part in match["properties"].split(","):
            name, _, value = part.partition("=")
            properties[name] = unescape_property(value)
        commands.append((match["command"], properties, unescape_data(match["data"])))
    return commands


def test_each_diagnostic_is_one_command_with_a_repository_path(repo: Path) -> None:
    result = validate("github", *ONE_ERROR, "maps")
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout == (
        "::error file=journeys/maps/trial.yaml,line=4,col=8,endColumn=14,"
        "title=CJM103 unknown-reference::unknown team 'grwoth'; did you mean 'growth'?"
        "%0Ahint: define it under `teams` in this map or in a shared definitions file\n"
    )


def test_commands_match_the_json_report(repo: Path) -> None:
    selected = ["--select", "CJM101,CJM103"]
    output = validate("github", *selected, "maps")
    report = json.loads(validate("json", *selected, "maps").stdout)
    commands = parse(output.stdout)
    assert len(commands) == len(report["diagnostics"]) == 3
    kinds = {"error": "error", "warning": "warning", "info": "notice"}
    for (command, properties, message), expected in zip(
        commands, report["diagnostics"], strict=True
    ):
        assert command == kinds[expected["severity"]]
        assert properties["file"] == f"journeys/{expected['path']}"
        assert properties["line"] == str(expected["line"])
        assert properties["col"] == str(expected["column"])
        assert properties.get("endColumn") == (
            None if expected["end_column"] is None else str(expected["end_column"])
        )
        assert properties["title"] == f"{expected['code']} {expected['name']}"
        assert message == f"{expected['message']}\nhint: {expected['hint']}"


def test_a_clean_check_prints_nothing(repo: Path) -> None:
    result = validate("github", *ONE_ERROR, "maps/clean.yaml")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_warnings_alone_do_not_fail(repo: Path) -> None:
    result = validate("github", *ONE_WARNING, "maps/clean.yaml")
    assert result.exit_code == 0
    [(command, properties, _)] = parse(result.stdout)
    assert command == "warning"
    assert "endColumn" not in properties


# -- unit tests on hand-made results ------------------------------------------------------


def test_escaping_follows_the_workflow_command_rules() -> None:
    assert escape_data("100% a:b,c\r\nd") == "100%25 a:b,c%0D%0Ad"
    assert escape_property("100% a:b,c\r\nd") == "100%25 a%3Ab%2Cc%0D%0Ad"
    # `%` goes first, so an escape already in the text is not taken for one.
    assert escape_data("%0A") == "%250A"


TRICKY = "50% off: a, b,\nthen c\r\nand %0A literally"


@pytest.mark.parametrize(
    "path",
    ["maps/trial.yaml", "maps/a,b.yaml", "maps/odd: name%.yaml", "maps/two\nlines.yaml"],
)
def test_messages_and_paths_round_trip(tmp_path: Path, path: str) -> None:
    (tmp_path / ".git").mkdir()
    found = diagnostic(TRICKY, path=path, hint="see: x, y")
    output = GithubReporter(cwd=tmp_path).render(result_of(found))
    assert output.count("\n") == 1  # one command, on one line
    [(command, properties, message)] = parse(output)
    assert command == "error"
    assert properties == {
        "file": path,
        "line": "4",
        "col": "8",
        "endColumn": "14",
        "title": "CJM103 unknown-reference",
    }
    assert message == f"{TRICKY}\nhint: see: x, y"


def test_a_comma_in_the_path_is_escaped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    output = GithubReporter(cwd=tmp_path).render(result_of(diagnostic(path="a,b:c.yaml")))
    assert output.startswith("::error file=a%2Cb%3Ac.yaml,line=4,")


def test_commands_follow_severities(tmp_path: Path) -> None:
    output = GithubReporter(cwd=tmp_path).render(
        result_of(
            diagnostic(severity=Severity.ERROR),
            diagnostic(
                "w",
                severity=Severity.WARNING,
                code=STAGE_WITHOUT_TOUCHPOINTS,
                location=Location(9, 5),
            ),
            diagnostic(
                "i",
                severity=Severity.INFO,
                code=STAGE_WITHOUT_TOUCHPOINTS,
                location=Location(10, 5),
            ),
        )
    )
    assert [command for command, _, _ in parse(output)] == ["error", "warning", "notice"]


def test_paths_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".git").write_text("gitdir: elsewhere\n")  # a worktree or submodule
    (tmp_path / "a" / "b").mkdir(parents=True)
    reporter = GithubReporter(cwd=tmp_path / "a" / "b")
    output = reporter.render(result_of(diagnostic(path="../maps/trial.yaml")))
    assert parse(output)[0][1]["file"] == "a/maps/trial.yaml"


def test_terminal_escape_sequences_are_neutralized(tmp_path: Path) -> None:
    output = GithubReporter(cwd=tmp_path).render(
        result_of(diagnostic("unknown team '\x1b[2J\u202e'", hint=None))
    )
    assert "\x1b" not in output
    assert "\u202e" not in output
    assert parse(output)[0][2] == "unknown team '\\x1b[2J\\u202e'"


def test_an_absolute_path_inside_the_repository_is_made_relative(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "here").mkdir()
    absolute = (tmp_path / "elsewhere" / "map.yaml").resolve().as_posix()
    output = GithubReporter(cwd=tmp_path / "here").render(result_of(diagnostic(path=absolute)))
    assert parse(output)[0][1]["file"] == "elsewhere/map.yaml"
