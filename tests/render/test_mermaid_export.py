"""Mermaid export: exact text, a strict line grammar, and export -> import round trips."""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.display import reveal_bidi_controls
from cjm.load.document import parse_document
from cjm.load.project import load_workspace
from cjm.mermaid_import import import_mermaid
from cjm.model import JourneyMap
from cjm.render.mermaid import (
    KEYWORDS,
    NEXT_STEP_COMMENT,
    NO_EMOTION_COMMENT,
    escape_description,
    escape_text,
    to_mermaid,
    unescape_text,
)
from tests.tools import require

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE_MAPS = sorted(
    path for path in REPO.glob("examples/*/maps/*.yaml") if not path.name.endswith(".measures.yaml")
)
TODAY = datetime.date(2026, 11, 1)

# ---------------------------------------------------------------------------------------
# Helpers


def load_map(text: str) -> tuple[JourneyMap, dict[str, str]]:
    """A standalone map and its inline persona names."""
    document = parse_document(Path("map.yaml"), "map.yaml", text, JourneyMap)
    assert not document.diagnostics, document.diagnostics
    assert document.model is not None
    return document.model, {p.id: p.name for p in document.model.inline_personas}


def build_map(
    title: str,
    stages: list[dict[str, Any]],
    personas: list[dict[str, str]],
    description: str | None = None,
) -> Any:
    return JourneyMap.model_validate(
        {
            "id": "hostile",
            "title": title,
            "type": "current-state",
            "owner": "growth",
            "reviewed": "2026-10-01",
            "description": description,
            "personas": personas,
            "stages": stages,
        }
    )


Summary = tuple[str, list[tuple[str, list[tuple[str, list[tuple[str, int | None]]]]]]]


def summary(journey: JourneyMap, names: dict[str, str]) -> Summary:
    """What a Mermaid journey can hold: title, stage names, step actions in order, and for
    every step the personas (by name) that take it with their emotion scores."""
    return (
        journey.title,
        [
            (
                stage.name,
                [
                    (
                        step.action,
                        sorted(
                            (names[pid], _score(step.emotion_for(pid)))
                            for pid in journey.persona_ids
                            if step.involves(pid)
                        ),
                    )
                    for step in stage.steps
                ],
            )
            for stage in journey.stages
        ],
    )


def _score(emotion: Any) -> int | None:
    return None if emotion is None else emotion.score


def round_trip(text: str) -> tuple[JourneyMap, dict[str, str]]:
    """Import Mermaid ``text``; the YAML must load as a map without any diagnostic."""
    result = import_mermaid(text, "diagram.mmd", TODAY)
    assert result.problems == []
    document = parse_document(Path("imported.yaml"), "imported.yaml", result.yaml_text, JourneyMap)
    assert document.diagnostics == []
    assert document.model is not None
    return document.model, {p.id: p.name for p in document.model.inline_personas}


def normalise(text: str) -> str:
    """What an export and import leaves of ``text``: whitespace runs become one space, and
    bidirectional controls visible codes."""
    text = reveal_bidi_controls(text)
    return re.sub(r"[\s\ufeff\x00-\x1f\x7f-\x9f]+", " ", text).strip() or "(blank)"


def normalise_description(text: str) -> str | None:
    """What an export and import leaves of a description: its lines, normalised, without
    the empty ones."""
    lines = [normalise(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line != "(blank)") or None


# ---------------------------------------------------------------------------------------
# A strict grammar of the lines the exporter may write. It is the subset of Mermaid's
# journey lexer (packages/mermaid/src/diagrams/user-journey/parser/journey.jison) that the
# exporter uses, with none of the ambiguous corners: no `#`, `;`, `%%`, leading keyword,
# leading or trailing whitespace (as JavaScript's `\s` sees it) inside any text.

JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
TEXT = rf"[^#:;\n{JS_SPACE}](?:[^#:;\n]*[^#:;\n{JS_SPACE}])?"
ACTOR = rf"[^#:;,\n{JS_SPACE}](?:[^#:;,\n]*[^#:;,\n{JS_SPACE}])?"
# A line of a description: no `}` (it would close `accDescr {`) and no blank at either end.
DESCRIPTION = rf"[^}}\n{JS_SPACE}](?:[^}}\n]*[^}}\n{JS_SPACE}])?"
LINE_GRAMMAR = [
    ("title", re.compile(rf"    title (?P<text>{TEXT})")),
    ("acc_title", re.compile(rf"    accTitle: (?P<text>{TEXT})")),
    ("acc_descr", re.compile(rf"    accDescr: (?P<text>{DESCRIPTION})")),
    ("acc_descr_open", re.compile(r"    accDescr \{")),
    ("section", re.compile(rf"    section (?P<text>{TEXT})")),
    ("comment", re.compile(r"(?:    |      )%% (?P<text>cjm: [^\n]*)")),
    (
        "task",
        re.compile(
            rf"      (?P<text>{TEXT}): (?P<score>[1-5])(?:: (?P<actors>{ACTOR}(?:, {ACTOR})*))?"
        ),
    ),
]


def check_text(text: str, *, actor: bool = False) -> None:
    """Text that reads as itself; an actor never starts a line, so it may start with a
    keyword."""
    assert "%%" not in text
    assert not set("<>&") & set(text)
    assert actor or not text.casefold().startswith(KEYWORDS), text
    for char in text:
        assert unicodedata.category(char) not in ("Cc", "Zl", "Zp"), repr(char)


def parse_lines(mermaid: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every line checked against the strict grammar, as ``(kind, groups)``."""
    assert mermaid.endswith("\n") and not mermaid.endswith("\n\n")
    lines = mermaid[:-1].split("\n")
    assert lines[0] == "journey"
    parsed: list[tuple[str, dict[str, str | None]]] = []
    description: list[str] | None = None
    for line in lines[1:]:
        assert line == line.rstrip(" "), f"trailing space: {line!r}"
        if description is not None:  # inside `accDescr {`, up to `}`
            if line == "    }":
                parsed.append(("acc_descr", {"text": "\n".join(description)}))
                description = None
                continue
            match = re.fullmatch(rf"      (?P<text>{DESCRIPTION})", line)
            assert match is not None, f"line outside the description grammar: {line!r}"
            check_text(match["text"], actor=True)
            description.append(match["text"])
            continue
        found = [(kind, p.fullmatch(line)) for kind, p in LINE_GRAMMAR if p.fullmatch(line)]
        if not found:
            pytest.fail(f"line outside the journey grammar: {line!r}")
        [(kind, match)] = found
        assert match is not None
        if kind == "acc_descr_open":
            description = []
            continue
        groups = match.groupdict()
        if kind != "comment":
            check_text(groups["text"] or "", actor=kind == "acc_descr")
        for actor in (groups.get("actors") or "").split(", "):
            if actor:
                check_text(actor, actor=True)
        parsed.append((kind, groups))
    assert description is None, "`accDescr {` is not closed"
    kinds = [kind for kind, _ in parsed]
    assert kinds.count("title") == 1
    assert kinds.count("acc_title") == kinds.count("acc_descr") <= 1
    return parsed


# ---------------------------------------------------------------------------------------
# The exact text of a small map

SMALL_MAP = """\
id: small
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas:
  - {id: olivia, name: Ops Olivia}
  - {id: farid, name: Finance Farid}
stages:
  - id: discover
    name: Discover
    steps:
      - id: reads-reviews
        action: Reads peer reviews
        emotion: 1
      - id: compares-plans
        action: "Compares plans: monthly or annual"
        emotions: {olivia: -1, farid: 0}
  - id: trial
    name: Trial
    steps:
      - id: signs-up
        action: Signs up
        personas: [olivia]
        emotion: {score: 2, label: happy}
      - id: waits
        action: Waits for IT
      - id: pays
        action: Pays
        emotions: {farid: -2}
      - id: pays-again
        action: Pays
        emotion: 0
"""

SMALL_MERMAID = """\
journey
    title Trial to paid
    section Discover
      Reads peer reviews: 4: Ops Olivia, Finance Farid
      Compares plans\ua789 monthly or annual: 2: Ops Olivia
      Compares plans\ua789 monthly or annual: 3: Finance Farid
    section Trial
      Signs up: 5: Ops Olivia
      %% cjm: no emotion recorded, the score 3 below is a placeholder
      Waits for IT: 3: Ops Olivia, Finance Farid
      %% cjm: no emotion recorded, the score 3 below is a placeholder
      Pays: 3: Ops Olivia
      Pays: 1: Finance Farid
      %% cjm: next step
      Pays: 3: Ops Olivia, Finance Farid
"""


def test_small_map_exact_text() -> None:
    journey, names = load_map(SMALL_MAP)
    assert to_mermaid(journey, names) == SMALL_MERMAID
    assert NO_EMOTION_COMMENT in SMALL_MERMAID and NEXT_STEP_COMMENT in SMALL_MERMAID


def test_small_map_round_trips_with_missing_emotions() -> None:
    journey, names = load_map(SMALL_MAP)
    mermaid = to_mermaid(journey, names)
    parse_lines(mermaid)
    imported, imported_names = round_trip(mermaid)
    assert summary(imported, imported_names) == summary(journey, names)


def test_a_description_adds_the_accessible_title_and_description() -> None:
    journey, names = load_map(
        SMALL_MAP.replace("type:", "description: From a visit to a plan.\ntype:")
    )
    assert to_mermaid(journey, names).startswith(
        "journey\n"
        "    title Trial to paid\n"
        "    accTitle: Trial to paid\n"
        "    accDescr: From a visit to a plan.\n"
        "    section Discover\n"
    )
    journey, names = load_map(
        SMALL_MAP.replace("type:", "description: |\n  Two lines: {a}\n\n    and }\ntype:")
    )
    assert to_mermaid(journey, names).startswith(
        "journey\n"
        "    title Trial to paid\n"
        "    accTitle: Trial to paid\n"
        "    accDescr {\n"
        "      Two lines: {a\uff5d\n"
        "      and \uff5d\n"
        "    }\n"
    )


def test_steps_name_their_actors_in_their_own_order() -> None:
    journey, names = load_map(
        SMALL_MAP.replace(
            "        emotion: 1\n", "        personas: [farid, olivia]\n        emotion: 1\n", 1
        )
    )
    assert "      Reads peer reviews: 4: Finance Farid, Ops Olivia\n" in to_mermaid(journey, names)


def test_a_step_that_names_no_persona_is_a_task_without_actors() -> None:
    journey, names = load_map(
        SMALL_MAP.replace("        emotion: 1\n", "        personas: []\n        emotion: 1\n", 1)
    )
    assert "      Reads peer reviews: 4\n" in to_mermaid(journey, names)
    # Unless its personas feel differently: then their names say who feels what.
    journey, names = load_map(
        SMALL_MAP.replace(
            "        emotions: {olivia: -1, farid: 0}\n",
            "        personas: []\n        emotions: {olivia: -1, farid: 0}\n",
        )
    )
    assert "monthly or annual: 2: Ops Olivia\n" in to_mermaid(journey, names)


def test_output_is_deterministic() -> None:
    journey, names = load_map(SMALL_MAP)
    assert to_mermaid(journey, names) == to_mermaid(journey, dict(reversed(names.items())))


def test_persona_missing_from_names_shows_its_id() -> None:
    journey, _ = load_map(SMALL_MAP)
    assert "Reads peer reviews: 4: olivia, farid\n" in to_mermaid(journey, {})


def test_personas_with_one_name_get_their_ids() -> None:
    journey = build_map(
        "Twins",
        [{"id": "s", "name": "S", "steps": [{"id": "a", "action": "Acts", "emotion": 0}]}],
        [{"id": "alex", "name": "Alex"}, {"id": "alex-b", "name": "Alex"}],
    )
    names = {"alex": "Alex", "alex-b": "Alex"}
    mermaid = to_mermaid(journey, names)
    assert "      Acts: 3: Alex, Alex (alex-b)\n" in mermaid
    _, imported_names = round_trip(mermaid)
    assert sorted(imported_names.values()) == ["Alex", "Alex (alex-b)"]


# ---------------------------------------------------------------------------------------
# Bundled examples


def example_ids() -> list[str]:
    return [path.relative_to(REPO / "examples").as_posix() for path in EXAMPLE_MAPS]


def load_example(path: Path) -> tuple[JourneyMap, dict[str, str]]:
    folder = path.parent.parent
    project = load_workspace(folder, folder)
    [document] = [d for d in project.maps if d.path == path]
    assert document.model is not None, document.diagnostics
    scope = project.scopes[document.display]
    names = {pid: scope.get("persona", pid).name for pid in document.model.persona_ids}
    return document.model, names


def test_there_are_examples() -> None:
    assert len(EXAMPLE_MAPS) >= 3


@pytest.mark.parametrize("path", EXAMPLE_MAPS, ids=example_ids())
def test_example_exports_parse_and_round_trip(path: Path) -> None:
    journey, names = load_example(path)
    mermaid = to_mermaid(journey, names)
    lines = parse_lines(mermaid)
    # A stage is a section, and so is each of its branches (Mermaid has no branches).
    branches = sum(len(stage.branches) for stage in journey.stages)
    assert sum(kind == "section" for kind, _ in lines) == len(journey.stages) + branches
    imported, imported_names = round_trip(mermaid)
    assert summary(imported, imported_names) == summary(journey, names)
    used = {
        names[p] for _, _, s in journey.iter_steps() for p in journey.persona_ids if s.involves(p)
    }
    assert set(imported_names.values()) == used


# ---------------------------------------------------------------------------------------
# Hostile text

HOSTILE = [
    "Pays: 5: Everyone",
    "#1 priority; then more # and more",
    "a, b, and c",
    "%% not a comment",
    "50%% off %%{init: {'theme': 'dark'}}%% }%%",
    "100%",
    "title Page review",
    "Section 3 done",
    "journey planning",
    "JOURNEY",
    "accTitle: hijack",
    "accDescr { never closed",
    "accdescr: lower",
    "She said \"hi\" and 'bye'",
    "<script>alert(1)</script>",
    "Use <br> here & <b>there</b> &amp;",
    "x" * 500,
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd",  # Hebrew
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",  # Arabic
    "\u202eevil override\u202c and \u200fRTL mark",
    "\u9867\u5ba2\u306e\u65c5\uff1a\u958b\u59cb",  # Japanese, with a fullwidth colon
    "\U0001f389 party \U0001f469\u200d\U0001f4bb coder",
    "line one\nline two\r\nline three\ttab",
    "  padded  ",
    "\u2028separators\u2029\x85",
    "\ufefftitle behind a byte order mark",
    "\u00a0title behind a no-break space",
    "\u200btitle already broken",
    "control\x00\x07\x1b[31m chars",
    ": leading colon",
    "trailing colon:",
    "- looks like YAML: [1, 2] {a: b} *alias &anchor !tag",
    "null",
    "2026-01-01",
    " ",
    "\n",
]


def hostile_map(text: str) -> tuple[JourneyMap, dict[str, str]]:
    names = {"first": text, "second": f"B, {text}"}
    journey = build_map(
        text,
        [
            {
                "id": "one",
                "name": text,
                "steps": [
                    {"id": "a", "action": text, "emotions": {"first": 2, "second": -2}},
                    {"id": "b", "action": f"Then {text}", "emotion": 0},
                ],
            },
            {"id": "two", "name": f"section {text}", "steps": []},
        ],
        [{"id": pid, "name": name} for pid, name in names.items()],
        description=f"{text}\n  }} and {text} {{\n\n%% {text}",
    )
    return journey, names


@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile-{i}" for i in range(len(HOSTILE))])
def test_hostile_text_parses_and_round_trips(text: str) -> None:
    journey, names = hostile_map(text)
    mermaid = to_mermaid(journey, names)
    parse_lines(mermaid)
    imported, imported_names = round_trip(mermaid)
    expected = summary(journey, names)
    normalised = (
        normalise(expected[0]),
        [
            (
                normalise(stage),
                [
                    (normalise(action), sorted((normalise(n), s) for n, s in scores))
                    for action, scores in steps
                ],
            )
            for stage, steps in expected[1]
        ],
    )
    assert summary(imported, imported_names) == normalised
    assert imported.description == normalise_description(journey.description)


ESCAPED = [
    ("Plain text, kept", False, "Plain text, kept"),
    ("a:b#c;d", False, "a\ua789b\uff03c\uff1bd"),
    ("<b> & </b>", False, "\uff1cb\uff1e \uff06 \uff1c/b\uff1e"),
    ("50%% and 5%", False, "50\uff05% and 5%"),
    ("%%%", False, "\uff05\uff05%"),
    ("Doe, Jane", True, "Doe\u201a Jane"),
    ("title: x", True, "title\ua789 x"),
    ("Title page", False, "\u200bTitle page"),
    ("SECTION", False, "\u200bSECTION"),
    ("accDescr {", False, "\u200baccDescr {"),
    ("journeys", False, "\u200bjourneys"),
    ("The journey", False, "The journey"),
    ("  a\n\tb  ", False, "a b"),
    ("\u00a0\ufeff", False, "(blank)"),
]


@pytest.mark.parametrize(("text", "actor", "escaped"), ESCAPED)
def test_escape_table(text: str, actor: bool, escaped: str) -> None:
    assert escape_text(text, actor=actor) == escaped
    assert unescape_text(escaped, actor=actor) == normalise(text)


LOOKALIKES = "\ua789\uff03\uff1b\uff1c\uff1e\uff06\uff05\u201a"
TRICKY = [*":#;,<>&%{} \n\t\u200b\ufeff\u00a0\u2028", "title", "section", "journey", "acc"]
hostile_text = st.lists(
    st.one_of(
        st.sampled_from(TRICKY),
        st.characters(blacklist_characters=LOOKALIKES, blacklist_categories=("Cs",)),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(hostile_text, st.booleans())
def test_escape_round_trips_any_text(text: str, actor: bool) -> None:
    escaped = escape_text(text, actor=actor)
    check_text(escaped, actor=actor)
    assert not set(":#;") & set(escaped)
    if actor:
        assert "," not in escaped
    assert unescape_text(escaped, actor=actor) == normalise(text)


@settings(max_examples=60, deadline=None)
@given(hostile_text, hostile_text, hostile_text)
def test_any_map_text_round_trips(title: str, stage: str, action: str) -> None:
    journey = build_map(
        title or "t",
        [
            {
                "id": "s",
                "name": stage or "s",
                "steps": [{"id": "a", "action": action or "a", "emotions": {"p": 1, "q": -1}}],
            }
        ],
        [{"id": "p", "name": action or "a"}, {"id": "q", "name": f"Q {title}"}],
    )
    names = {"p": action or "a", "q": f"Q {title}"}
    mermaid = to_mermaid(journey, names)
    parse_lines(mermaid)
    imported, imported_names = round_trip(mermaid)
    [(_, [(_, scores)])] = summary(imported, imported_names)[1]
    assert summary(imported, imported_names)[0] == normalise(title or "t")
    assert imported.stages[0].name == normalise(stage or "s")
    assert imported.stages[0].steps[0].action == normalise(action or "a")
    assert sorted(scores) == sorted([(normalise(names["p"]), 1), (normalise(names["q"]), -1)])


# ---------------------------------------------------------------------------------------
# Mermaid's own parser, also for a map with branches (see test_mermaid_branches). Set
# CJM_MERMAID_NODE_MODULES to a node_modules folder holding `mermaid` (11.x) and `jsdom`
# to run it (.ci/run does); skipped locally otherwise.

NODE_MODULES = os.environ.get("CJM_MERMAID_NODE_MODULES")
PARSE_SCRIPT = REPO / "tests" / "fixtures" / "mermaid" / "mermaid_parse.mjs"


def test_mermaid_itself_reads_what_we_meant(tmp_path: Path) -> None:
    require(
        bool(NODE_MODULES) and shutil.which("node") is not None,
        "Mermaid's own parser",
        "set CJM_MERMAID_NODE_MODULES to a node_modules with mermaid 11 and jsdom "
        "(.ci/run installs them)",
    )
    diagrams = [to_mermaid(*load_example(path)) for path in EXAMPLE_MAPS]
    from tests.render.test_mermaid_branches import BRANCHED  # it imports this module

    diagrams += [to_mermaid(*load_map(BRANCHED))]
    diagrams += [to_mermaid(*hostile_map(text)) for text in HOSTILE]
    files = []
    for index, diagram in enumerate(diagrams):
        files.append(tmp_path / f"{index}.mmd")
        files[-1].write_text(diagram, encoding="utf-8")
    run = subprocess.run(
        ["node", str(PARSE_SCRIPT), str(NODE_MODULES), *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    results = json.loads(run.stdout)
    for diagram, seen in zip(diagrams, results, strict=True):
        assert "error" not in seen, (diagram, seen)
        expected_tasks = []
        sections = []
        accessible = {"accTitle": "", "accDescr": ""}
        for kind, groups in parse_lines(diagram):
            if kind == "title":
                assert seen["title"] == groups["text"]
            elif kind == "acc_title":
                accessible["accTitle"] = groups["text"] or ""
            elif kind == "acc_descr":
                accessible["accDescr"] = groups["text"] or ""
            elif kind == "section":
                sections.append(groups["text"])
            elif kind == "task":
                actors = groups["actors"].split(", ") if groups["actors"] else []
                expected_tasks.append([sections[-1], groups["text"], int(groups["score"]), actors])
        assert seen["sections"] == sections
        assert seen["tasks"] == expected_tasks
        assert {key: seen[key] for key in accessible} == accessible


def test_bidirectional_controls_are_written_as_visible_codes() -> None:
    """A right-to-left override would make the exported line read backwards."""
    assert (
        escape_text("Pays \u202eeciovni\u202c now")
        == "Pays \u27e8U+202E\u27e9eciovni\u27e8U+202C\u27e9 now"
    )
    assert escape_description("Line \u2066one\u2069") == [
        "Line \u27e8U+2066\u27e9one\u27e8U+2069\u27e9"
    ]
