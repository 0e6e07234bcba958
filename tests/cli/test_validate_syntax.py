"""`cjm validate` on maps that do not parse: the report points at the mistake (the quote or
bracket left open, the key indented out of its mapping), says what to do, and fails."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .conftest import MINIMAL_MAP, run, run_json


def edit(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def test_a_quote_left_open_is_shown_where_it_opens(
    map_with: Callable[[str], Path], parser: str
) -> None:
    map_with(edit(MINIMAL_MAP, "title: Trial to paid", 'title: "Trial to paid'))
    result = run(["validate"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:5] == [
        "maps/trial.yaml:2:8: error CJM001 the double quote opened here is never closed",
        "   |",
        ' 2 | title: "Trial to paid',
        "   |        ^",
        '   = hint: close it with `"` on the same line, or use a block scalar `|` for text '
        "over several lines",
    ]


def test_a_bracket_left_open_is_reported_at_the_bracket_not_on_the_next_line(
    map_with: Callable[[str], Path], parser: str
) -> None:
    map_with(edit(MINIMAL_MAP, "personas: [olivia]", "personas: [olivia"))
    result, report = run_json([])
    assert result.exit_code == 1
    (found,) = report["diagnostics"]
    assert (found["line"], found["column"], found["code"]) == (6, 11, "CJM001")
    assert found["message"] == "the list opened here with '[' is never closed"
    assert found["hint"] == (
        "close it with `]` on the same line, or write the list with one '- ' item per line"
    )


def test_a_key_indented_out_of_its_step_points_at_both_places(
    map_with: Callable[[str], Path], parser: str
) -> None:
    map_with(
        edit(
            MINIMAL_MAP,
            "      - id: start-trial\n        action:",
            "      - action:",
        )
        + "    id: start-trial\n"
    )
    result, report = run_json([])
    assert result.exit_code == 1
    duplicate = next(d for d in report["diagnostics"] if d["code"] == "CJM002")
    assert (duplicate["line"], duplicate["column"]) == (13, 5)
    assert duplicate["message"] == (
        "duplicate key 'id' (first defined on line 8): this one is probably indented wrongly"
    )
    assert duplicate["hint"].startswith(
        "to put it in the mapping that starts on line 11, indent it by 8 spaces like `action`"
    )
    assert duplicate["related"] == [{"path": "maps/trial.yaml", "line": 8, "column": 5}]
