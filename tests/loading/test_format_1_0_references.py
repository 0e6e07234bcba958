"""What the resolver checks in the parts of format 1.0: steps a pain point spans, where
branches leave and rejoin the main line, step ids across branches, per-persona detail,
a workspace's own channels and severities, persona images, and the KPIs and evidence that
opportunities and KPIs cite. Each problem is an error at the place it is written."""

from __future__ import annotations

from pathlib import Path

from cjm.model import JourneyMap, Mode, Severity

from ..lint.conftest import LintFiles, findings

CONFIG = 'format: "1.0"\nname: Bank\nteams: [{id: ops, name: Operations}]\n'

MAP = """\
format: "1.0"
id: open
title: Opening an account
type: current-state
owner: ops
reviewed: 2026-10-01
personas: [{id: ann, name: Ann}, {id: bob, name: Bob}]
touchpoints: [{id: app, name: App, channel: app, owner: ops}]
evidence: [{id: calls, kind: support-tickets, title: Calls}]
stages:
  - id: apply
    name: Apply
    kpis: [{id: completion, name: Completion, evidence: [calls]}]
    steps:
      - id: fill
        action: Fills the form
        touchpoints: [app]
        pain_points:
          - {id: kyc-wait, summary: Long wait, severity: high, spans: [check, approve]}
      - id: check
        action: Identity is checked
        personas: [ann]
      - id: approve
        action: Is approved
    branches:
      - id: declined
        condition: Identity check fails
        after: fill
        rejoin: approve
        steps:
          - {id: visit, action: Visits a branch}
opportunities:
  - {id: faster, summary: Faster checks, kpis: [completion], evidence: [calls]}
"""


def _check(lint_files: LintFiles, text: str, config: str = CONFIG) -> list[tuple[object, ...]]:
    result = lint_files({"cjm.yaml": config, "maps/open.yaml": text}, ["CJM103", "CJM104"])
    return [(*found, d.hint) for found, d in zip(findings(result), result.diagnostics, strict=True)]


def _line(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def _at(text: str, fragment: str, value: str | None = None) -> tuple[int, int]:
    """Line and column of ``value`` (else ``fragment``) on the first line holding
    ``fragment``."""
    line = _line(text, fragment)
    return line, text.splitlines()[line - 1].index(value or fragment) + 1


def test_the_map_resolves(lint_files: LintFiles) -> None:
    assert _check(lint_files, MAP) == []


def test_a_pain_point_spanning_an_unknown_step(lint_files: LintFiles) -> None:
    text = MAP.replace("spans: [check, approve]", "spans: [check, aprove]")
    line = _line(text, "aprove")
    assert _check(lint_files, text) == [
        (
            line,
            text.splitlines()[line - 1].index("aprove") + 1,
            "CJM103",
            "unknown step 'aprove'; did you mean 'approve'?",
            "use the id of a step of this map",
        )
    ]


def test_a_branch_leaving_after_a_step_that_does_not_exist(lint_files: LintFiles) -> None:
    text = MAP.replace("after: fill", "after: fil")
    assert _check(lint_files, text) == [
        (
            _line(text, "after: fil"),
            16,
            "CJM103",
            "'fil' is not a step of the main line of stage 'apply'; did you mean 'fill'?",
            "use the id of a step under `steps` of stage 'apply' (fill, check, approve)",
        )
    ]


def test_a_branch_rejoining_at_a_step_of_a_branch(lint_files: LintFiles) -> None:
    text = MAP.replace("rejoin: approve", "rejoin: visit")
    assert _check(lint_files, text) == [
        (
            _line(text, "rejoin: visit"),
            17,
            "CJM103",
            "step 'visit' is on branch 'declined', not on the main line of stage 'apply': "
            "a branch leaves and rejoins the main line",
            "use the id of a step under `steps` of stage 'apply' (fill, check, approve)",
        )
    ]


def test_a_step_of_another_stage_is_not_on_this_main_line(lint_files: LintFiles) -> None:
    text = MAP.replace(
        "opportunities:",
        "  - id: use\n    name: Use\n    steps: [{id: login, action: Logs in}]\nopportunities:",
    ).replace("rejoin: approve", "rejoin: login")
    found = _check(lint_files, text)
    assert [item[:4] for item in found] == [
        (
            _line(text, "rejoin: login"),
            17,
            "CJM103",
            "'login' is not a step of the main line of stage 'apply'",
        )
    ]


def test_a_step_id_used_on_the_main_line_and_in_a_branch(lint_files: LintFiles) -> None:
    text = MAP.replace("{id: visit, action: Visits a branch}", "{id: check, action: Calls}")
    # In reading order the branch leaving after `fill` comes first: the main-line step
    # `check` is the second definition.
    assert _check(lint_files, text) == [
        (
            *_at(text, "- id: check", "check"),
            "CJM104",
            "duplicate step id 'check': also defined on line "
            + str(_line(text, "{id: check, action: Calls}")),
            "give one of them another id",
        )
    ]


def test_two_branches_with_one_id(lint_files: LintFiles) -> None:
    text = MAP.replace(
        "opportunities:",
        "      - {id: declined, after: check, steps: [{id: call, action: Calls}]}\nopportunities:",
    )
    found = _check(lint_files, text)
    print(text, found)
    assert [item[2:4] for item in found] == [
        (
            "CJM104",
            f"duplicate branch id 'declined': also defined on line {_line(text, 'id: declined')}",
        )
    ]


def test_detail_for_a_persona_not_in_the_map_or_not_taking_the_step(
    lint_files: LintFiles,
) -> None:
    text = MAP.replace(
        "        personas: [ann]\n",
        "        personas: [ann]\n        by_persona:\n"
        "          ann: {thoughts: [Is my passport enough?]}\n"
        "          bob: {questions: [Why again?]}\n"
        "          zoe: {quotes: [Slow]}\n",
    )
    assert _check(lint_files, text) == [
        (
            _line(text, "bob: {questions"),
            11,
            "CJM103",
            "persona 'bob' does not take step 'check': only 'ann' takes it",
            "add 'bob' to the step's `personas`, or remove this persona's thoughts, "
            "questions and quotes",
        ),
        (
            _line(text, "zoe:"),
            11,
            "CJM103",
            "'zoe' is not one of this map's personas",
            "add it to the map's `personas` list",
        ),
    ]


def test_an_opportunity_naming_an_unknown_kpi_or_evidence(lint_files: LintFiles) -> None:
    text = MAP.replace(
        "kpis: [completion], evidence: [calls]", "kpis: [complete], evidence: [call]"
    )
    assert _check(lint_files, text) == [
        (
            *_at(text, "kpis: [complete]", "complete"),
            "CJM103",
            "unknown KPI 'complete'; did you mean 'completion'?",
            "use the id of a KPI of this map",
        ),
        (
            *_at(text, "kpis: [complete]", "call]"),
            "CJM103",
            "unknown evidence 'call'; did you mean 'calls'?",
            "define it under `evidence` in this map or in a shared definitions file",
        ),
    ]


def test_a_kpi_citing_unknown_evidence(lint_files: LintFiles) -> None:
    text = MAP.replace("evidence: [calls]}]", "evidence: [surveys]}]")
    assert _check(lint_files, text) == [
        (
            *_at(text, "surveys"),
            "CJM103",
            "unknown evidence 'surveys'",
            "define it under `evidence` in this map or in a shared definitions file",
        )
    ]


def test_an_opportunity_may_name_a_kpi_of_a_step(lint_files: LintFiles) -> None:
    text = MAP.replace(
        "        personas: [ann]\n",
        "        personas: [ann]\n        kpis: [{id: check-time, name: Time to check}]\n",
    ).replace("kpis: [completion]", "kpis: [completion, check-time]")
    assert _check(lint_files, text) == []


# -- a workspace's own vocabulary -------------------------------------------------------------

VOCABULARY = """\
vocabulary:
  channels:
    - {id: video-call, name: Video call, mode: online}
    - {id: courier, mode: offline}
  severities:
    - {id: blocker, counts_as: critical}
    - {id: annoyance, counts_as: low}
"""


def _validate(lint_files: LintFiles, text: str, config: str) -> list[tuple[object, ...]]:
    result = lint_files({"cjm.yaml": config, "maps/open.yaml": text}, ["CJM103", "CJM104"])
    return [(*found, d.hint) for found, d in zip(findings(result), result.diagnostics, strict=True)]


def test_a_workspace_adds_channels_and_severities(lint_files: LintFiles) -> None:
    text = (
        MAP.replace("channel: app", "channel: courier")
        .replace("severity: high", "severity: blocker")
        .replace(
            "- id: check\n",
            "- id: check\n        pain_points: [{id: meh, summary: Meh, severity: annoyance}]\n",
        )
    )
    result = lint_files({"cjm.yaml": CONFIG + VOCABULARY, "maps/open.yaml": text}, ["CJM103"])
    assert result.diagnostics == []
    (project,) = result.projects
    journey = project.maps[0].model
    assert isinstance(journey, JourneyMap)
    assert journey.touchpoints[0].effective_mode is Mode.OFFLINE
    levels = {pain.id: pain.level for pain in journey.pain_points()}
    assert levels == {"kyc-wait": Severity.CRITICAL, "meh": Severity.LOW}
    assert Severity.CRITICAL.rank == 3


def test_built_in_channels_for_banks_are_offline(lint_files: LintFiles) -> None:
    text = MAP.replace(
        "touchpoints: [{id: app, name: App, channel: app, owner: ops}]",
        "touchpoints:\n"
        "  - {id: app, name: App, channel: app, owner: ops}\n"
        "  - {id: atm, name: ATM, channel: atm, owner: ops}\n"
        "  - {id: kiosk, name: Kiosk, channel: kiosk, owner: ops}\n"
        "  - {id: branch, name: Branch, channel: branch, owner: ops}\n",
    )
    result = lint_files({"cjm.yaml": CONFIG, "maps/open.yaml": text}, ["CJM103"])
    assert result.diagnostics == []
    journey = result.projects[0].maps[0].model
    assert isinstance(journey, JourneyMap)
    modes = [touchpoint.effective_mode for touchpoint in journey.touchpoints]
    assert modes == [Mode.ONLINE, Mode.OFFLINE, Mode.OFFLINE, Mode.OFFLINE]


def test_an_unknown_channel_or_severity_suggests_and_names_the_vocabulary(
    lint_files: LintFiles,
) -> None:
    text = MAP.replace("channel: app", "channel: courrier").replace(
        "severity: high", "severity: bloker"
    )
    result = lint_files({"cjm.yaml": CONFIG + VOCABULARY, "maps/open.yaml": text}, ["CJM103"])
    found = [(d.line, d.column, d.code.code, d.message, d.hint) for d in result.diagnostics]
    assert found == [
        (
            *_at(text, "courrier"),
            "CJM005",
            "'courrier' is not a valid channel; did you mean 'courier'?",
            "use one of cjm's channels (web, app, email, sms, push, chat, phone, video, "
            "social, ads, search, in-store, in-person, event, mail, print, packaging, "
            "product, partner, word-of-mouth, atm, kiosk, branch, other, video-call, "
            "courier), or add 'courrier' to `vocabulary.channels` in cjm.yaml",
        ),
        (
            *_at(text, "bloker"),
            "CJM005",
            "'bloker' is not a valid severity; did you mean 'blocker'?",
            "use one of cjm's severities (low, medium, high, critical, blocker, annoyance), "
            "or add 'bloker' to `vocabulary.severities` in cjm.yaml",
        ),
    ]
    assert result.failed


def test_a_workspace_channel_is_unknown_without_its_workspace(lint_files: LintFiles) -> None:
    text = MAP.replace("channel: app", "channel: courier")
    result = lint_files({"cjm.yaml": CONFIG, "maps/open.yaml": text}, ["CJM103"])
    assert [(d.line, d.column, d.code.code, d.message) for d in result.diagnostics] == [
        (*_at(text, "courier"), "CJM005", "'courier' is not a valid channel")
    ]
    assert result.failed


def test_an_uppercase_channel_is_refused_by_the_schema_with_a_suggestion(
    lint_files: LintFiles,
) -> None:
    text = MAP.replace("channel: app", "channel: ATM")
    result = lint_files({"cjm.yaml": CONFIG, "maps/open.yaml": text}, ["CJM103"])
    assert [(d.line, d.column, d.code.code, d.message) for d in result.diagnostics] == [
        (*_at(text, "ATM"), "CJM005", "'ATM' is not a valid channel; did you mean 'atm'?")
    ]


def test_a_vocabulary_word_repeating_a_built_in_or_listed_twice(lint_files: LintFiles) -> None:
    config = CONFIG + (
        "vocabulary:\n"
        "  channels: [{id: branch, mode: offline}, {id: courier, mode: offline},"
        " {id: courier, mode: online}]\n"
        "  severities: [{id: critical, counts_as: critical}]\n"
    )
    result = lint_files({"cjm.yaml": config, "maps/open.yaml": MAP}, ["CJM104"])
    assert [(d.path, d.line, d.column, d.message, d.hint) for d in result.diagnostics] == [
        (
            "cjm.yaml",
            5,
            19,
            "'branch' is already one of cjm's own channels",
            "remove it from `vocabulary.channels`",
        ),
        (
            "cjm.yaml",
            5,
            78,
            "'courier' is listed twice in `vocabulary.channels`",
            "remove one of them",
        ),
        (
            "cjm.yaml",
            6,
            21,
            "'critical' is already one of cjm's own severities",
            "remove it from `vocabulary.severities`",
        ),
    ]


def test_a_vocabulary_term_needs_its_mode_or_rank(lint_files: LintFiles) -> None:
    config = CONFIG + "vocabulary:\n  channels: [{id: courier}]\n"
    result = lint_files({"cjm.yaml": config, "maps/open.yaml": MAP}, ["CJM103"])
    assert [(d.path, d.line, d.code.code, d.message) for d in result.diagnostics] == [
        ("cjm.yaml", 5, "CJM006", "channel term 'courier' is missing the required field 'mode'")
    ]


# -- persona images ---------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _with_image(image: str) -> str:
    return MAP.replace("{id: ann, name: Ann}", f"{{id: ann, name: Ann, image: {image}}}")


IMAGE_AT = _at(_with_image("PICTURE"), "PICTURE")
"""Where the image's path is written."""


def _image_findings(lint_files: LintFiles, tmp_path: Path, image: str) -> list[tuple[object, ...]]:
    result = lint_files({"cjm.yaml": CONFIG, "maps/open.yaml": _with_image(image)}, ["CJM103"])
    return [(d.line, d.column, d.code.code, d.message, d.hint) for d in result.diagnostics]


def test_a_persona_image_next_to_the_map_is_accepted(lint_files: LintFiles, tmp_path: Path) -> None:
    (tmp_path / "maps" / "people").mkdir(parents=True)
    (tmp_path / "maps" / "people" / "ann.png").write_bytes(PNG)
    assert _image_findings(lint_files, tmp_path, "people/ann.png") == []


def test_a_missing_persona_image(lint_files: LintFiles, tmp_path: Path) -> None:
    """A wrong value: validation fails (exit code 1), not a file cjm cannot read (2)."""
    result = lint_files({"cjm.yaml": CONFIG, "maps/open.yaml": _with_image("ann.png")})
    assert result.failed and not result.unreadable
    found = _image_findings(lint_files, tmp_path, "ann.png")
    assert found == [
        (
            *IMAGE_AT,
            "CJM005",
            "persona image 'ann.png' does not exist",
            f"the path is relative to the file that defines the persona ({tmp_path / 'maps'})",
        )
    ]


def test_a_persona_image_that_is_no_picture(lint_files: LintFiles, tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "ann.pdf").write_bytes(b"%PDF-1.7")
    assert _image_findings(lint_files, tmp_path, "ann.pdf") == [
        (
            *IMAGE_AT,
            "CJM005",
            "persona image 'ann.pdf' is not a picture cjm embeds",
            "use one of: gif, jpeg, jpg, png, svg, webp",
        )
    ]


def test_a_persona_image_too_large_to_embed(lint_files: LintFiles, tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "ann.jpg").write_bytes(b"\xff" * (2 * 1024 * 1024 + 1))
    found = _image_findings(lint_files, tmp_path, "ann.jpg")
    assert found == [
        (
            *IMAGE_AT,
            "CJM005",
            "persona image 'ann.jpg' is 2049 KB; at most 2048 KB is embedded",
            "make the picture smaller: it is embedded in every report that shows the persona",
        )
    ]


def test_a_persona_image_given_as_an_address(lint_files: LintFiles, tmp_path: Path) -> None:
    found = _image_findings(lint_files, tmp_path, "https://example.com/ann.png")
    assert found == [
        (
            *IMAGE_AT,
            "CJM005",
            "persona image 'https://example.com/ann.png' is not a file path",
            "save the picture next to the map and give its path: reports work offline",
        )
    ]


def test_a_persona_image_that_is_a_folder(lint_files: LintFiles, tmp_path: Path) -> None:
    (tmp_path / "maps" / "ann.png").mkdir(parents=True)
    found = _image_findings(lint_files, tmp_path, "ann.png")
    assert [item[2:4] for item in found] == [("CJM005", "persona image 'ann.png' is not a file")]


def test_a_shared_persona_image_is_relative_to_its_definitions_file(
    lint_files: LintFiles, tmp_path: Path
) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "ann.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    config = CONFIG + 'definitions: ["shared/*.yaml"]\n'
    shared = (
        'format: "1.0"\npersonas:\n'
        "  - {id: cy, name: Cy, image: ann.svg}\n"
        "  - {id: di, name: Di, image: ann.png}\n"
    )
    text = MAP.replace("{id: bob, name: Bob}", "cy, di")
    result = lint_files(
        {"cjm.yaml": config, "shared/people.yaml": shared, "maps/open.yaml": text}, ["CJM103"]
    )
    assert [(d.path, d.line, d.message) for d in result.diagnostics] == [
        ("shared/people.yaml", 4, "persona image 'ann.png' does not exist")
    ]


def test_every_later_definition_of_a_map_id_names_the_first(lint_files: LintFiles) -> None:
    # A step `fill` in the branch and one in a second stage with a KPI named `fill`: only
    # the steps clash, and each later one names where the first is written.
    text = MAP.replace(
        "{id: visit, action: Visits a branch}\n",
        "{id: visit, action: Visits a branch}\n          - {id: fill, action: Once more}\n",
    ).replace(
        "opportunities:",
        "  - id: use\n    name: Use\n    steps:\n"
        "      - {id: fill, action: Again, kpis: [{id: fill, name: Filled}]}\nopportunities:",
    )
    first = f"duplicate step id 'fill': also defined on line {_line(text, '- id: fill')}"
    assert [item[:4] for item in _check(lint_files, text)] == [
        (_line(text, "{id: fill, action: Once more}"), 18, "CJM104", first),
        (_line(text, "{id: fill, action: Again"), 14, "CJM104", first),
    ]
