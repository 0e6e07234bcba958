"""Mermaid import: the YAML it writes, how task lines become steps, ids, and problems."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.diagnostics import Diagnostic, Severity
from cjm.load.document import parse_document
from cjm.mermaid_import import MERMAID_SYNTAX, import_mermaid, slugify
from cjm.model import JourneyMap
from cjm.render.mermaid import NO_EMOTION_COMMENT

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "mermaid"
TODAY = datetime.date(2026, 11, 1)


def imported(text: str, source: str = "diagram.mmd") -> JourneyMap:
    """The map imported from ``text``; its YAML must load without any diagnostic."""
    result = import_mermaid(text, source, TODAY)
    assert result.problems == []
    document = parse_document(Path(source), source, result.yaml_text, JourneyMap)
    assert document.diagnostics == []
    assert document.model is not None
    return document.model


def problems(text: str) -> list[tuple[int, int, str]]:
    result = import_mermaid(text, "diagram.mmd", TODAY)
    assert result.yaml_text == ""
    assert all(p.code is MERMAID_SYNTAX and p.severity is Severity.ERROR for p in result.problems)
    assert all(p.path == "diagram.mmd" for p in result.problems)
    return [(p.line, p.column, p.message) for p in result.problems]


# ---------------------------------------------------------------------------------------
# The YAML text


MINIMAL = """\
journey
    title Trial to paid
    section Discover
      Reads peer reviews: 4: Ops Olivia, Finance Farid
      Compares plans: 2: Ops Olivia
      Compares plans: 3: Finance Farid
    section Trial
      Signs up: 5: Ops Olivia
"""

MINIMAL_YAML = """\
# Imported from diagram.mmd by cjm import mermaid
id: trial-to-paid
title: Trial to paid
type: current-state
owner: unassigned
reviewed: 2026-11-01
personas:
  - id: ops-olivia
    name: Ops Olivia
  - id: finance-farid
    name: Finance Farid
teams:
  - id: unassigned
    name: Unassigned
stages:
  - id: discover
    name: Discover
    steps:
      - id: reads-peer-reviews
        action: Reads peer reviews
        emotion: 1
      - id: compares-plans
        action: Compares plans
        emotions:
          ops-olivia: -1
          finance-farid: 0
  - id: trial
    name: Trial
    steps:
      - id: signs-up
        action: Signs up
        personas:
          - ops-olivia
        emotion: 2
"""


def test_minimal_diagram_exact_yaml() -> None:
    result = import_mermaid(MINIMAL, "diagram.mmd", TODAY)
    assert result.problems == []
    assert result.yaml_text == MINIMAL_YAML
    imported(MINIMAL)


def test_review_date_defaults_to_today() -> None:
    result = import_mermaid(MINIMAL, "diagram.mmd")
    assert f"reviewed: {datetime.date.today().isoformat()}\n" in result.yaml_text


def test_source_with_newlines_stays_on_the_comment_line() -> None:
    result = import_mermaid(MINIMAL, "evil\nname:\ttab.mmd", TODAY)
    assert result.yaml_text.startswith("# Imported from evil name: tab.mmd by cjm import mermaid\n")
    assert result.yaml_text.split("\n")[1] == "id: trial-to-paid"


def test_hand_written_diagram() -> None:
    text = (FIXTURES / "hand-written.mmd").read_text(encoding="utf-8")
    journey = imported(text, "hand-written.mmd")
    assert journey.title == "Weekend cake order"
    assert [(p.id, p.name) for p in journey.inline_personas] == [("sam", "Sam"), ("priya", "Priya")]
    assert [(s.id, s.name) for s in journey.stages] == [
        ("weekend-cake-order", "Weekend cake order"),  # tasks before any section
        ("find", "Find"),
        ("order", "Order"),
        ("find-2", "Find"),
    ]
    steps = {step.id: step for _, _, step in journey.iter_steps()}
    assert list(steps) == [
        "hears-about-the-bakery",
        "searches-for-bakeries-nearby",
        "reads-reviews",
        "calls-the-bakery",
        "pays-a-deposit",
        "picks-the-cake-up",
    ]
    # A task without actors: every persona, no one named (`personas: []`), through `emotion`.
    hears = steps["hears-about-the-bakery"]
    assert hears.personas == [] and "personas" in hears.model_fields_set
    assert hears.emotion is not None and hears.emotion.score == 1
    # Two lines of one task with different actors: one step, an emotion per persona.
    reviews = steps["reads-reviews"]
    assert {p: e.score for p, e in reviews.emotions.items()} == {"sam": 2, "priya": -1}
    assert reviews.emotion is None
    # Some actors only: the step names its personas.
    assert steps["calls-the-bakery"].personas == ["sam"]
    # Every actor, in the map's order: nothing to say; in another order: the step says it.
    assert "personas" not in steps["pays-a-deposit"].model_fields_set
    assert steps["picks-the-cake-up"].personas == ["priya", "sam"]
    # accTitle differs from the title: the map keeps the title; accDescr is the description.
    assert journey.description == (
        "How a customer orders a cake for the weekend:\n"
        "from finding the bakery to picking the cake up."
    )


def test_diagram_without_title_or_actors() -> None:
    journey = imported("journey\n  Walks in: 3\n  Buys bread: 4\n")
    assert (journey.id, journey.title) == ("journey", "Journey")
    assert [(p.id, p.name) for p in journey.inline_personas] == [("customer", "Customer")]
    [stage] = journey.stages
    assert (stage.id, stage.name) == ("journey", "Journey")
    assert [s.emotion.score for s in stage.steps if s.emotion] == [0, 1]


def test_title_given_after_the_tasks_still_names_the_first_stage() -> None:
    journey = imported("journey\n  Walks in: 3\n  title Bakery visit\n")
    assert journey.stages[0].name == "Bakery visit"


def test_last_title_wins_as_in_mermaid() -> None:
    assert imported("journey\ntitle One\ntitle Two\nA: 3\n").title == "Two"


def test_section_without_tasks_is_a_stage_without_steps() -> None:
    journey = imported("journey\nsection Empty\nsection Full\n  A: 3\n")
    assert [(s.name, len(s.steps)) for s in journey.stages] == [("Empty", 0), ("Full", 1)]


@pytest.mark.parametrize(
    "title",
    ["null", "123", "yes", "2026-01-01", "- item", "[list]", "{a}", "&a *b !c", "'q'", '"q"'],
)
def test_titles_that_look_like_yaml_stay_text(title: str) -> None:
    journey = imported(f"journey\ntitle {title}\n{title}: 3: {title}\n")
    assert journey.title == title
    assert journey.stages[0].steps[0].action == title
    assert journey.inline_personas[0].name == title


def test_escaped_text_is_restored() -> None:
    journey = imported(
        "journey\n"
        "  title R\uff06D\ua789 plans \uff03 2\n"
        "  section \u200bSection\uff1b one\n"
        "    \u200btitle \uff1cb\uff1e 50\uff05%: 3: Doe\u201a Jane, Roe\n"
    )
    assert journey.title == "R&D: plans # 2"
    assert journey.stages[0].name == "Section; one"
    assert journey.stages[0].steps[0].action == "title <b> 50%%"
    assert [p.name for p in journey.inline_personas] == ["Doe, Jane", "Roe"]


# ---------------------------------------------------------------------------------------
# Task lines and steps


def test_same_text_with_overlapping_actors_is_a_second_step() -> None:
    text = "journey\nsection S\n  Starts: 3: Kim\n  Waits: 2: Sam\n  Waits: 4: Sam\n  Waits: 5\n"
    steps = imported(text).stages[0].steps
    assert [s.id for s in steps] == ["starts", "waits", "waits-2", "waits-3"]
    assert [s.personas for s in steps] == [["kim"], ["sam"], ["sam"], []]


def test_same_text_in_another_section_is_another_step() -> None:
    journey = imported("journey\nsection A\n  Waits: 2: Sam\nsection B\n  Waits: 4: Kim\n")
    assert [s.id for _, _, s in journey.iter_steps()] == ["waits", "waits-2"]


def test_blank_lines_and_comments_do_not_split_a_step() -> None:
    journey = imported("journey\n  Waits: 2: Sam\n\n  %% note\n  # other\n  Waits: 4: Kim\n")
    [step] = journey.stages[0].steps
    assert {p: e.score for p, e in step.emotions.items()} == {"sam": -1, "kim": 1}


def test_next_step_comment_splits_same_text_steps() -> None:
    text = "journey\n  Waits: 2: Sam\n  %% cjm: next step\n  Waits: 4: Kim\n"
    journey = imported(text)
    assert [(s.id, s.personas) for s in journey.stages[0].steps] == [
        ("waits", ["sam"]),
        ("waits-2", ["kim"]),
    ]


def test_no_emotion_comment_means_no_emotion() -> None:
    text = (
        "journey\n"
        "  Waits: 4: Sam\n"
        "  %% cjm: no emotion recorded, the score 3 below is a placeholder\n"
        "  Waits: 3: Kim\n"
        "  %% cjm: no emotion recorded, the score 3 below is a placeholder\n"
        "  Leaves: 3: Sam, Kim\n"
        "  Pays: 3: Sam, Kim\n"
    )
    waits, leaves, pays = imported(text).stages[0].steps
    assert waits.personas == [] and {p: e.score for p, e in waits.emotions.items()} == {"sam": 1}
    assert waits.emotion is None
    assert leaves.emotion is None and leaves.emotions == {} and leaves.personas == []
    assert pays.emotion is not None and pays.emotion.score == 0  # the comment covers one line


def test_actor_lists_are_trimmed_and_deduplicated() -> None:
    journey = imported("journey\n  A: 3:  Sam ,, Kim, Sam ,\n  B: 3: Sam: ignored by Mermaid\n")
    assert [p.name for p in journey.inline_personas] == ["Sam", "Kim"]


def test_accessibility_lines_are_the_title_and_the_description() -> None:
    text = (
        "journey\n"
        "accTitle: Title: with # and ;\n"
        "accDescr: one line; with # too\n"
        "accDescr {\n"
        "  section Not a section\n"
        "  %% a comment Mermaid drops }\n"
        "\n"
        "     Not a task\n"
        "}\n"
        "A: 3\n"
    )
    journey = imported(text)
    assert [s.name for s in journey.stages] == ["Title: with # and ;"]
    assert journey.title == "Title: with # and ;"  # no `title`: the accessible one
    assert journey.description == "section Not a section\nNot a task"  # the last one wins


@pytest.mark.parametrize(
    ("lines", "description"),
    [
        ("accDescr: one line   ", "one line"),
        ("accDescr { all on one line }", "all on one line"),
        ("accDescr {  first\n  second  }", "first\nsecond"),
        ("accDescr {\n  R\uff06D \uff5d done\n}", "R&D } done"),
        ("accDescr: R\uff06D \uff5d done", "R&D } done"),
        ("ACCDESCR : upper case", "upper case"),
    ],
)
def test_accessible_descriptions(lines: str, description: str) -> None:
    assert imported(f"journey\n{lines}\nA: 3\n").description == description


def test_text_after_a_closed_description_is_a_statement() -> None:
    journey = imported("journey\naccDescr { Short } section After\n  A: 3\n")
    assert journey.description == "Short"
    assert [s.name for s in journey.stages] == ["After"]


def test_title_and_accessible_title() -> None:
    same = import_mermaid("journey\ntitle T\naccTitle: T\nA: 3\n", "d.mmd", TODAY)
    assert same.notes == []
    differs = import_mermaid("journey\ntitle T\naccTitle: Other\nA: 3\n", "d.mmd", TODAY)
    assert "title: T\n" in differs.yaml_text
    assert differs.notes == [
        "the accessible title (accTitle) 'Other' is not kept: a map has one title, 'T'"
    ]


def test_front_matter_and_directives_are_skipped() -> None:
    text = (
        '---\ntitle: Front\nconfig: {theme: dark}\n---\n%%{init: {"theme": "dark"}}%%\n'
        "journey\nA: 3\n"
    )
    assert imported(text).stages[0].steps[0].action == "A"


def test_tabs_crlf_and_indentation_are_tolerated() -> None:
    text = "\r\n  journey  \r\n\ttitle\tT\r\n\t\tsection\tS\r\n\t\t\tA\t:\t3\t:\tSam\t\r\n"
    journey = imported(text)
    assert (journey.title, journey.stages[0].name) == ("T", "S")
    assert journey.stages[0].steps[0].action == "A"
    assert journey.inline_personas[0].name == "Sam"


# ---------------------------------------------------------------------------------------
# Ids


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Reads peer reviews", "reads-peer-reviews"),
        ("Last quarter's plan", "last-quarters-plan"),
        ("Café & crème brûlée", "cafe-creme-brulee"),
        ("  --Hello--  ", "hello"),
        ("\u9867\u5ba2\u306e\u65c5", "step"),
        ("\U0001f389", "step"),
        ("word " * 30, "-".join(["word"] * 13)),  # 64 characters
        ("x" * 80, "x" * 64),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text, "step") == slug


def test_ids_are_unique_and_valid() -> None:
    long = "word " * 30
    text = (
        "journey\n"
        "title \u9867\u5ba2\n"
        "section \u9867\n"
        "  \u65c5: 3: \u592a\u90ce, \u82b1\u5b50\n"
        "section \u5ba2\n"
        "  \u5ba2: 3\n"
        f"section {long}\n"
        f"  {long}: 3: Sam\n"
        f"  {long}: 3: Sam\n"
        "section Sam\n"
        "  Sam: 3: sam, SAM\n"
    )
    journey = imported(text)
    assert journey.id == "journey"
    assert [s.id for s in journey.stages] == ["stage", "stage-2", "-".join(["word"] * 13), "sam"]
    assert [s.id for _, _, s in journey.iter_steps()] == [
        "step",
        "step-2",
        "-".join(["word"] * 13),
        "-".join(["word"] * 12) + "-2",
        "sam",
    ]
    assert [p.id for p in journey.inline_personas] == [
        "persona",
        "persona-2",
        "sam",
        "sam-2",
        "sam-3",
    ]
    assert [p.name for p in journey.inline_personas][2:] == ["Sam", "sam", "SAM"]


# ---------------------------------------------------------------------------------------
# Problems


def test_not_a_journey() -> None:
    text = (FIXTURES / "not-a-journey.mmd").read_text(encoding="utf-8")
    assert problems(text) == [
        (2, 1, "not a journey diagram: it starts with `flowchart LR` instead of `journey`")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (1, 1, "not a journey diagram: it is empty")),
        ("\n  %% only a comment\n\n", (4, 1, "not a journey diagram: it is empty")),
        (
            "---\ntitle: x\n",
            (1, 1, "not a journey diagram: its front matter is not closed with `---`"),
        ),
        (
            "  sequenceDiagram with a very long first line that goes on and on\n",
            (
                1,
                3,
                "not a journey diagram: it starts with "
                "`sequenceDiagram with a very long first…` instead of `journey`",
            ),
        ),
        (
            "journey title T\n",
            (1, 1, "not a journey diagram: it starts with `journey title T` instead of `journey`"),
        ),
        ("journey\n", (1, 1, "the journey has no section and no task")),
        ("journey\ntitle T\n", (1, 1, "the journey has no section and no task")),
    ],
)
def test_not_a_journey_cases(text: str, expected: tuple[int, int, str]) -> None:
    assert problems(text) == [expected]


def test_every_problem_is_reported_with_its_place() -> None:
    text = (FIXTURES / "errors.mmd").read_text(encoding="utf-8")
    assert problems(text) == [
        (4, 5, "the task `Opens the app` has no score"),
        (5, 15, "the score of the task `Signs in` must be a whole number from 1 to 5, not `6`"),
        (6, 12, "the score of the task `Waits` must be a whole number from 1 to 5, not `x`"),
        (7, 9, "`;` cannot appear in a statement"),
        (8, 14, "a section name cannot hold `:`"),
    ]


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("Waits", 3, "the task `Waits` has no score"),
        ("Waits:", 3, "the task `Waits` has no score"),
        ("Waits:   : Sam", 3, "the task `Waits` has no score"),
        (
            "Waits: 0",
            10,
            "the score of the task `Waits` must be a whole number from 1 to 5, not `0`",
        ),
        (
            "Waits:  -1: Sam",
            11,
            "the score of the task `Waits` must be a whole number from 1 to 5, not `-1`",
        ),
        (
            "Waits: 4.5",
            10,
            "the score of the task `Waits` must be a whole number from 1 to 5, not `4.5`",
        ),
        ("Waits: 3 # comment", None, None),
        (": 3: Sam", 3, "a task needs a name before `:`"),
        ("section", 3, "a section needs a name"),
        ("section \t ", 3, "a section needs a name"),
        ("title", None, None),
        ("title  ", None, None),
        ("section A: B", 12, "a section name cannot hold `:`"),
        ("title T; U", 10, "`;` cannot appear in a statement"),
        ("journey", 3, "`journey` may only start the diagram"),
        ("Journeys end: 3", 3, "`journey` may only start the diagram"),
        ("accDescr {", 1, "`accDescr {` is not closed with `}`"),
    ],
)
def test_line_problems(line: str, column: int | None, message: str | None) -> None:
    text = f"journey\nsection S\n  Fine: 3\n  {line}\n"
    found = import_mermaid(text, "diagram.mmd", TODAY)
    if message is None:
        assert found.problems == []
        return
    line_number = 5 if message.startswith("`accDescr {`") else 4
    assert [(p.line, p.column, p.message) for p in found.problems] == [
        (line_number, column, message)
    ]
    assert found.yaml_text == ""


def test_problem_hints() -> None:
    result = import_mermaid("journey\n  Waits\n  Pays: 9\n  A;B: 3\n", "d.mmd", TODAY)
    hints = [p.hint for p in result.problems]
    assert hints == [
        "write `Waits: 3`; a score is 1 (very negative), 2, 3 (neutral), 4 or 5 (very positive)",
        "a score is 1 (very negative), 2, 3 (neutral), 4 or 5 (very positive)",
        "write `\uff1b` (U+FF1B), which looks alike",
    ]
    assert all(isinstance(p, Diagnostic) for p in result.problems)
    assert MERMAID_SYNTAX.code == "CJM010" and MERMAID_SYNTAX.name == "mermaid-syntax"


# ---------------------------------------------------------------------------------------
# Any input: problems or a map that loads, never an exception

LINE_PARTS = st.sampled_from(
    [
        "journey",
        "title ",
        "section ",
        "accDescr {",
        "}",
        "accTitle: ",
        "%% ",
        "%%{",
        "#",
        ":",
        ": 3",
        ": 3: Sam",
        ", Kim",
        "; ",
        "\t",
        "  ",
        "\r",
        "\u2028",
        "\x85",
        "\ufeff",
        "\x00",
        "\x1b",
        "\u200b",
        "---",
        "null",
        "- ",
        "'",
        '"',
        "{",
        "&a",
        "*b",
        "!c",
    ]
)
ANY_TEXT = st.lists(
    st.one_of(LINE_PARTS, st.characters(blacklist_categories=("Cs",))), max_size=8
).map("".join)


# Text that Mermaid reads as one name: no line break, `:`, `#` or `;`.
NAME = st.lists(
    st.one_of(
        st.sampled_from(["null", "- ", "'", '"', "{", "&a", "*b", "!c", "%%", "\u2028", "\x85"]),
        st.sampled_from(["\ufeff", "\x00", "\x1b", "\u200b", "title", "section", "  ", "\t"]),
        st.characters(blacklist_categories=("Cs",), blacklist_characters=":#;\n\r"),
    ),
    min_size=1,
    max_size=8,
).map("".join)
STATEMENT = st.one_of(
    NAME.map(lambda name: f"title {name}"),
    NAME.map(lambda name: f"section {name}"),
    st.tuples(NAME, st.integers(1, 5), st.lists(NAME, max_size=3)).map(
        lambda task: f"  {task[0]}: {task[1]}" + (f": {', '.join(task[2])}" if task[2] else "")
    ),
    st.sampled_from(["", "%% cjm: next step", NO_EMOTION_COMMENT, "  # comment", "accTitle: x"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(ANY_TEXT, STATEMENT), max_size=8), st.booleans())
def test_any_input_gives_problems_or_a_valid_map(lines: list[str], header: bool) -> None:
    text = "\n".join((["journey"] if header else []) + lines)
    result = import_mermaid(text, "any.mmd", TODAY)
    if result.problems:
        assert result.yaml_text == ""
        for problem in result.problems:
            assert 1 <= problem.line <= text.count("\n") + 1 + text.count("\r")
            assert problem.column >= 1
        return
    document = parse_document(Path("any.yaml"), "any.yaml", result.yaml_text, JourneyMap)
    assert document.diagnostics == []


@settings(max_examples=300, deadline=None)
@given(st.lists(STATEMENT, min_size=1, max_size=10))
def test_well_formed_diagrams_import(lines: list[str]) -> None:
    text = "journey\n" + "\n".join(lines)
    result = import_mermaid(text, "any.mmd", TODAY)
    for problem in result.problems:  # only what Mermaid's grammar refuses too
        assert problem.message.startswith(
            ("`journey`", "the journey has no", "`;`", "a task", "a section")
        )
    if not result.problems:
        document = parse_document(Path("any.yaml"), "any.yaml", result.yaml_text, JourneyMap)
        assert document.diagnostics == []
