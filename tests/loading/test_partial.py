"""One run, every problem: the parts of a file that load are still checked.

A schema error in one place must not hide the findings everywhere else, and a check that
cannot be made soundly (because something did not load) says so instead of going quiet.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cjm.check import CheckResult
from cjm.cli import app
from cjm.load.partial import Cuts, salvage
from cjm.model import JourneyMap, WorkspaceConfig
from tests.samples import PLAIN_ENV

from ..lint.conftest import LintFiles

CONFIG = """\
name: Partial
definitions: ["shared/*.yaml"]
teams: [{id: growth, name: Growth}]
"""

SHARED = """\
personas:
  - {id: olivia, name: Olivia, goals: [Pay fast], frustrations: [Forms]}
touchpoints:
  - {id: web, name: Website, channel: web, owner: growth}
  - {id: mail, name: Receipt email, channel: email, owner: growth}
"""

HEAD = """\
id: trial
title: Trial
type: day-in-the-life
owner: growth
reviewed: 2026-10-01
personas: [olivia]
"""


def _found(result: CheckResult) -> list[tuple[str, int, int, str]]:
    return [(d.path, d.line, d.column, d.code.code) for d in result.diagnostics]


def test_an_unknown_key_in_one_step_does_not_hide_an_unknown_touchpoint_in_the_next(
    lint_files: LintFiles,
) -> None:
    journey = HEAD + (
        "stages:\n"
        "  - id: visit\n"
        "    name: Visit\n"
        "    steps:\n"
        "      - {id: look, action: Looks around, touchpoints: [web], emotion: 0, colour: red}\n"
        "      - {id: buy, action: Buys, touchpoints: [wbe], emotion: 1}\n"
    )
    result = lint_files(
        {"cjm.yaml": CONFIG, "shared/defs.yaml": SHARED, "maps/trial.yaml": journey},
        select=["CJM103", "CJM111"],
    )
    assert _found(result) == [
        ("maps/trial.yaml", 11, 74, "CJM003"),
        ("maps/trial.yaml", 12, 47, "CJM103"),
        ("shared/defs.yaml", 5, 5, "CJM111"),
    ]
    assert "did you mean 'web'?" in result.diagnostics[1].message
    assert result.notes == []


def test_a_step_without_its_required_action_is_left_out_but_what_it_defines_is_known(
    lint_files: LintFiles,
) -> None:
    journey = HEAD + (
        "stages:\n"
        "  - id: pay\n"
        "    name: Pay\n"
        "    steps:\n"
        "      - id: card\n"
        "        touchpoints: [web, mail]\n"
        "        pain_points:\n"
        "          - {id: card-wall, summary: Card asked up front, severity: high}\n"
        "      - {id: confirm, action: Confirms}\n"
        "  - id: use\n"
        "    name: Use\n"
        "    steps:\n"
        "      - {id: invoice, action: Gets the invoice, touchpoints: [maill]}\n"
        "opportunities:\n"
        "  - {id: no-card, summary: No card for the trial, addresses: [card-wall, crad-wall]}\n"
    )
    result = lint_files(
        {"cjm.yaml": CONFIG, "shared/defs.yaml": SHARED, "maps/trial.yaml": journey},
        select=["CJM103", "CJM111", "CJM101"],
    )
    # The step that lacks its action is reported; a typo further on is still found;
    # 'card-wall' is defined in the step that did not load, so it is not called unknown,
    # but 'crad-wall' is; 'mail', used only by the step left out, is not called unused.
    assert _found(result) == [
        ("maps/trial.yaml", 11, 9, "CJM006"),
        ("maps/trial.yaml", 19, 63, "CJM103"),
        ("maps/trial.yaml", 21, 74, "CJM103"),
    ]
    assert result.diagnostics[2].message == "unknown pain point 'crad-wall'"
    # Stage 'pay' lost a step, so whether it has touchpoints cannot be said: held back.
    assert result.notes == [
        "maps/trial.yaml: stage-without-touchpoints could not check the parts that hold "
        "what did not load; fix the errors above and run again"
    ]


def test_a_map_without_a_title_is_still_checked_step_by_step(lint_files: LintFiles) -> None:
    journey = HEAD.replace("title: Trial\n", "").replace("day-in-the-life", "current-state") + (
        "stages:\n"
        "  - id: buy\n"
        "    name: Buy\n"
        "    steps:\n"
        "      - {id: pay, action: Pays, touchpoints: [wbe]}\n"
    )
    result = lint_files(
        {"cjm.yaml": CONFIG, "shared/defs.yaml": SHARED, "maps/trial.yaml": journey},
        select=["CJM103", "lifecycle-gap"],
    )
    assert _found(result) == [
        ("maps/trial.yaml", 1, 1, "CJM006"),
        ("maps/trial.yaml", 10, 47, "CJM103"),
    ]
    # lifecycle-gap judges the map as a whole, whose top level did not load whole.
    assert result.notes == [
        "maps/trial.yaml: lifecycle-gap could not check the parts that hold what did not "
        "load; fix the errors above and run again"
    ]


def test_a_broken_type_is_never_read_as_another_type(lint_files: LintFiles) -> None:
    journey = HEAD.replace("day-in-the-life", "curent-state") + (
        "stages:\n  - id: buy\n    name: Buy\n    steps:\n"
        "      - {id: pay, action: Pays, touchpoints: [web]}\n"
    )
    result = lint_files(
        {"cjm.yaml": CONFIG, "shared/defs.yaml": SHARED, "maps/trial.yaml": journey},
        select=["lifecycle-gap", "blueprint-without-backstage", "future-state-without-change"],
    )
    assert _found(result) == [("maps/trial.yaml", 3, 7, "CJM005")]
    # A stand-in type stops the checks that depend on the type: said, not hidden.
    assert result.notes == [
        "maps/trial.yaml: the checks that depend on its `type` were not made; fix the "
        "errors above and run again"
    ]


def test_a_file_that_does_not_parse_stops_only_the_checks_that_need_it(
    lint_files: LintFiles,
) -> None:
    journey = HEAD + (
        "stages:\n  - id: buy\n    name: Buy\n    steps:\n"
        "      - {id: pay, action: Pays, touchpoints: [wbe]}\n"
    )
    result = lint_files(
        {
            "cjm.yaml": CONFIG,
            "shared/defs.yaml": SHARED,
            "maps/trial.yaml": journey,
            "maps/draft.yaml": 'id: draft\ntitle: "never closed\n',
        },
        select=["CJM103", "unused-definition"],
    )
    assert [(path, code) for path, _, _, code in _found(result)] == [
        ("maps/draft.yaml", "CJM001"),
        ("maps/trial.yaml", "CJM103"),
    ]
    assert result.notes == [
        "unused-definition (CJM111) did not check the shared definitions: maps/draft.yaml "
        "does not load, and what they use is unknown"
    ]


def test_a_problem_in_cjm_yaml_lint_settings_leaves_the_maps_checked(
    lint_files: LintFiles,
) -> None:
    config = CONFIG + "lint:\n  fail_on: errors\n"
    journey = HEAD + (
        "stages:\n  - id: buy\n    name: Buy\n    steps:\n"
        "      - {id: pay, action: Pays, touchpoints: [wbe]}\n"
    )
    result = lint_files(
        {"cjm.yaml": config, "shared/defs.yaml": SHARED, "maps/trial.yaml": journey},
        select=["CJM103"],
    )
    assert _found(result) == [("cjm.yaml", 5, 12, "CJM005"), ("maps/trial.yaml", 11, 47, "CJM103")]
    assert result.config_failed


def test_a_problem_that_may_change_which_files_are_maps_stops_before_the_maps(
    lint_files: LintFiles,
) -> None:
    config = CONFIG.replace('definitions: ["shared/*.yaml"]', 'definitons: ["shared/*.yaml"]')
    result = lint_files(
        {"cjm.yaml": config, "shared/defs.yaml": SHARED, "maps/trial.yaml": "id: [\n"},
        select=["CJM103"],
    )
    assert _found(result) == [("cjm.yaml", 2, 1, "CJM003")]
    assert result.notes == [
        "the maps were not checked: cjm.yaml says which files they are, and it must be fixed first"
    ]


def test_validate_prints_what_it_could_not_check(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "shared").mkdir()
    (tmp_path / "cjm.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "shared" / "defs.yaml").write_text(SHARED, encoding="utf-8")
    (tmp_path / "maps" / "draft.yaml").write_text("id: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner(env=PLAIN_ENV).invoke(app, ["validate"])
    assert result.exit_code == 1
    assert (
        "note: unused-definition (CJM111) did not check the shared definitions: "
        "maps/draft.yaml does not load, and what they use is unknown"
    ) in result.stderr


def test_salvage_records_left_out_parts_as_paths_of_the_file() -> None:
    data = {
        "id": "m",
        "title": "M",
        "type": "current-state",
        "owner": "growth",
        "reviewed": "2026-10-01",
        "personas": [{"id": "p", "name": "P"}],
        "stages": [
            {
                "id": "s",
                "name": "S",
                "steps": [
                    {"id": "a"},
                    {"id": "b", "action": "B", "emotion": {"score": 9}},
                    {"id": "c"},
                    {"id": "d", "action": "D", "touchpoints": ["ok", "Not An Id"]},
                ],
            }
        ],
    }
    salvaged = salvage(JourneyMap, data)
    assert salvaged.model is not None
    assert [step.id for step in salvaged.model.stages[0].steps] == ["b", "d"]
    assert salvaged.model.stages[0].steps[1].touchpoints == ["ok"]
    assert salvaged.unloaded == (
        ("stages", 0, "steps", 0),
        ("stages", 0, "steps", 1, "emotion"),
        ("stages", 0, "steps", 2),
        ("stages", 0, "steps", 3, "touchpoints", 1),
    )
    assert {"a", "c"} <= salvaged.mentions


def test_salvage_gives_up_when_nothing_can_stand_in() -> None:
    salvaged = salvage(
        JourneyMap,
        {"id": "m", "title": "M", "type": "current-state", "owner": "o", "reviewed": "2026-10-01"},
    )
    assert salvaged.model is None


def test_salvage_of_a_workspace_config_keeps_its_other_settings() -> None:
    salvaged = salvage(WorkspaceConfig, {"name": "W", "lint": {"fail_on": "never"}})
    assert salvaged.model is not None
    assert salvaged.model.name == "W"
    assert salvaged.unloaded == (("lint", "fail_on"),)


def test_paths_within_and_around_left_out_parts() -> None:
    cuts = Cuts((("stages", 0, "steps", 1), ("stages", 2)))
    assert cuts.covers(("stages", 0, "steps", 1, "emotion"))
    assert cuts.covers(("stages", 2))
    assert not cuts.covers(("stages", 0, "steps", 2))
    assert cuts.surround(("stages", 0))
    assert cuts.surround(())
    assert not cuts.surround(("stages", 0, "steps", 1))
    assert not cuts.surround(("stages", 1))
