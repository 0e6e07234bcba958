"""Mermaid -> cjm -> Mermaid: a journey comes back unchanged but for its layout.

The fixtures `tests/fixtures/mermaid/docs-*.mmd` follow the journey syntax that Mermaid's
documentation shows: a title, the accessible title and description (one line, or a block
over several lines), sections, and tasks with a score and actors, some with several
actors, some with none. Each is imported as a cjm map, exported again and compared line
by line once indentation and blanks are set aside; Mermaid's own parser must read the
same title, accessible texts, sections and tasks (actors in order) from both.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cjm.mermaid_import import import_mermaid
from cjm.render.mermaid import to_mermaid
from tests.render.test_mermaid_export import (
    NODE_MODULES,
    PARSE_SCRIPT,
    TODAY,
    build_map,
    parse_lines,
    round_trip,
)
from tests.tools import require

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "mermaid"
DOCUMENTED = sorted(FIXTURES.glob("docs-*.mmd"))


def without_layout(text: str) -> list[str]:
    """The lines of a diagram without indentation, blank lines or runs of blanks."""
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]


def exported_again(text: str) -> str:
    journey, names = round_trip(text)
    return to_mermaid(journey, names)


def test_there_are_documented_journeys() -> None:
    assert len(DOCUMENTED) >= 4
    texts = "\n".join(path.read_text(encoding="utf-8") for path in DOCUMENTED)
    for statement in ("title ", "accTitle: ", "accDescr: ", "accDescr {", "section "):
        assert statement in texts, statement


@pytest.mark.parametrize("path", DOCUMENTED, ids=lambda path: path.stem)
def test_documented_journey_comes_back_unchanged(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    again = exported_again(text)
    parse_lines(again)
    assert without_layout(again) == without_layout(text)


def test_mermaid_itself_reads_the_same_journey_back(tmp_path: Path) -> None:
    require(
        bool(NODE_MODULES) and shutil.which("node") is not None,
        "Mermaid's own parser",
        "set CJM_MERMAID_NODE_MODULES to a node_modules with mermaid 11 and jsdom "
        "(.ci/run installs them)",
    )
    files = []
    for path in DOCUMENTED:
        files.append(path)
        files.append(tmp_path / path.name)
        files[-1].write_text(exported_again(path.read_text(encoding="utf-8")), encoding="utf-8")
    run = subprocess.run(
        ["node", str(PARSE_SCRIPT), str(NODE_MODULES), *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    results = json.loads(run.stdout)
    for path, original, again in zip(DOCUMENTED, results[::2], results[1::2], strict=True):
        assert "error" not in original, (path.name, original)
        assert again == original, path.name
        assert original["tasks"], path.name


# -- scores, actors, titles --------------------------------------------------------------------


@pytest.mark.parametrize("score", [1, 2, 3, 4, 5])
def test_scores_map_to_emotions_and_back(score: int) -> None:
    text = f"journey\n    title T\n    section S\n      Waits: {score}: Sam\n"
    journey, names = round_trip(text)
    [step] = journey.stages[0].steps
    assert step.emotion is not None and step.emotion.score == score - 3
    assert to_mermaid(journey, names) == text


@pytest.mark.parametrize("emotion", [-2, -1, 0, 1, 2])
def test_emotions_map_to_scores_and_back(emotion: int) -> None:
    journey = build_map(
        "T",
        [{"id": "s", "name": "S", "steps": [{"id": "a", "action": "Acts", "emotion": emotion}]}],
        [{"id": "sam", "name": "Sam"}],
    )
    text = to_mermaid(journey, {"sam": "Sam"})
    assert f"      Acts: {emotion + 3}: Sam\n" in text
    back, _ = round_trip(text)
    assert back.stages[0].steps[0].emotion is not None
    assert back.stages[0].steps[0].emotion.score == emotion


def test_actors_keep_their_order() -> None:
    text = (
        "journey\n    title T\n    section S\n"
        "      Meets: 3: Kim, Sam\n      Leaves: 3: Sam, Lee, Kim\n      Waves: 4: Lee\n"
    )
    journey, names = round_trip(text)
    assert [p.name for p in journey.inline_personas] == ["Kim", "Sam", "Lee"]
    meets, leaves, waves = journey.stages[0].steps
    assert meets.personas == ["kim", "sam"]  # some of the actors
    assert leaves.personas == ["sam", "lee", "kim"]  # all of them, in another order
    assert waves.personas == ["lee"]
    assert to_mermaid(journey, names) == text


def test_a_task_without_actors_stays_without_actors() -> None:
    text = "journey\n    title T\n    section S\n      Waits: 2\n      Pays: 4: Sam, Kim\n"
    result = import_mermaid(text, "d.mmd", TODAY)
    assert "personas: []  # the Mermaid task names no actor: every persona\n" in result.yaml_text
    journey, names = round_trip(text)
    waits = journey.stages[0].steps[0]
    assert waits.personas == [] and all(waits.involves(p) for p in journey.persona_ids)
    assert to_mermaid(journey, names) == text


def test_accessible_title_alone_names_the_map_and_comes_back_as_the_title() -> None:
    journey, names = round_trip("journey\naccTitle: Only for screen readers\nA: 3\n")
    assert journey.title == "Only for screen readers"
    assert to_mermaid(journey, names).startswith("journey\n    title Only for screen readers\n")
