"""format_text: the canonical layout, what it keeps, and what it refuses."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cjm.fmt import FormatError, Kind, format_text, same_data
from cjm.load.yamlread import read_yaml

ROOT = Path(__file__).resolve().parents[2]

HEAD = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
personas: [olivia]
"""


def fmt(text: str, kind: Kind = "map") -> str:
    """Format ``text`` (dedented) and check what every result must satisfy."""
    text = textwrap.dedent(text)
    formatted = format_text(text, kind)
    assert same_data(read_yaml(text, "in").data, read_yaml(formatted, "out").data)
    assert format_text(formatted, kind) == formatted, "formatting twice changed the text"
    return formatted


def stage(body: str) -> str:
    """A map whose only stage is ``body`` (written at the stage's indentation)."""
    return (
        HEAD
        + "stages:\n  - id: signup\n    name: Sign-up\n"
        + textwrap.indent(textwrap.dedent(body), "    ")
    )


# -- key order ------------------------------------------------------------------------------------


def test_keys_follow_the_model_order_at_every_level() -> None:
    text = """\
        stages:
          - steps:
              - emotion: {note: Fine, score: 1}
                action: Starts a trial
                id: start
            name: Sign-up
            id: signup
        personas: [olivia]
        reviewed: 2026-10-01
        owner: growth
        type: current-state
        title: Trial to paid
        id: trial
    """
    assert fmt(text) == HEAD + textwrap.dedent("""\
        stages:
          - id: signup
            name: Sign-up
            steps:
              - id: start
                action: Starts a trial
                emotion: {score: 1, note: Fine}
    """)


def test_comments_move_with_their_keys() -> None:
    text = """\
        # The map of the trial.

        title: Trial to paid  # shown in reports
        # The stable id
        # (never change it).
        id: trial
        type: current-state
        owner: growth
        reviewed: 2026-10-01
        stages:
          - id: signup
            name: Sign-up
        personas: [olivia]   # one persona
    """
    assert fmt(text) == textwrap.dedent("""\
        # The map of the trial.

        # The stable id
        # (never change it).
        id: trial
        title: Trial to paid  # shown in reports
        type: current-state
        owner: growth
        reviewed: 2026-10-01
        personas: [olivia]   # one persona
        stages:
          - id: signup
            name: Sign-up
    """)


def test_the_schema_comment_stays_first() -> None:
    text = (
        "# yaml-language-server: $schema=../schemas/map.schema.json\ntitle: T\n"
        + HEAD.replace("title: Trial to paid\n", "")
        + "stages: [{id: s, name: S}]\n"
    )
    formatted = fmt(text)
    assert formatted.splitlines()[:3] == [
        "# yaml-language-server: $schema=../schemas/map.schema.json",
        "id: trial",
        "title: T",
    ]


@pytest.mark.parametrize("blank", ["", "\n"])
def test_comments_at_the_top_stay_first_when_the_first_key_moves(blank: str) -> None:
    """A schema line and a licence above the first key are the file's header, with or
    without a blank line before the key; they do not follow `title` down the file."""
    top = (
        "# yaml-language-server: $schema=../schemas/map.schema.json\n"
        "# SPDX-License-Identifier: CC-BY-4.0\n"
        "# Copyright 2026 Acme\n"
    )
    text = top + blank + "title: T  # the shown name\n" + HEAD.replace("title: Trial to paid\n", "")
    text += "stages: [{id: s, name: S}]\n"
    formatted = fmt(text)
    assert formatted.startswith(top + blank + "id: trial\ntitle: T  # the shown name\n")


def test_comments_above_a_directive_stay_above_it() -> None:
    text = (
        "# about the file\n%YAML 1.2\n# about the version\n---\n# after the marker\n"
        "title: T\n" + HEAD.replace("title: Trial to paid\n", "") + "stages: [{id: s, name: S}]\n"
    )
    assert fmt(text).startswith(
        "# about the file\n%YAML 1.2\n# about the version\n---\n# after the marker\n"
        "id: trial\ntitle: T\n"
    )


def test_quotes_and_collection_styles_stay_as_written() -> None:
    """What `cjm fmt --help` promises: quoting and list styles are not normalised."""
    text = HEAD.replace("title: Trial to paid", "title: 'Trial to paid'") + (
        "tags: [\"a\", 'b', c]\n"
        "stages:\n"
        '  - name: "Sign-up"\n'
        "    id: signup\n"
        "    steps:\n"
        "      - {action: 'Starts', id: \"start\"}\n"
    )
    formatted = fmt(text)
    assert "title: 'Trial to paid'\n" in formatted
    assert "tags: [\"a\", 'b', c]\n" in formatted
    assert '  - id: signup\n    name: "Sign-up"\n' in formatted
    assert "      - {id: \"start\", action: 'Starts'}\n" in formatted


def test_free_mappings_keep_their_order() -> None:
    text = stage("""\
        steps:
          - id: start
            action: Starts a trial
            emotions: {zoe: -1, adam: 2}
    """).replace(
        "personas: [olivia]\n",
        "personas:\n  - {name: Olivia, id: olivia, demographics: {role: COO, age: 40}}\n",
    )
    formatted = fmt(text)
    assert "emotions: {zoe: -1, adam: 2}" in formatted
    assert "- {id: olivia, name: Olivia, demographics: {role: COO, age: 40}}" in formatted


def test_workspace_and_definition_files_follow_their_models() -> None:
    workspace = """\
        lint:
          ignore: [stale-map]
          fail_on: warning
          select: [ALL]
        teams: [{name: Growth, id: growth}]
        maps: ["maps/*.yaml"]
        name: Tessera
    """
    assert fmt(workspace, "workspace") == textwrap.dedent("""\
        name: Tessera
        maps: ["maps/*.yaml"]
        teams: [{id: growth, name: Growth}]
        lint:
          select: [ALL]
          ignore: [stale-map]
          fail_on: warning
    """)
    definitions = """\
        teams:
          - {name: Growth, id: growth}
        personas:
          - name: Olivia
            id: olivia
    """
    assert fmt(definitions, "definitions") == textwrap.dedent("""\
        personas:
          - id: olivia
            name: Olivia
        teams:
          - {id: growth, name: Growth}
    """)


def test_a_merge_key_comes_first_and_aliases_stay_after_their_anchors() -> None:
    text = """\
        personas:
          - &base
            name: Base
            id: base
          - name: Copy
            <<: *base
            id: copy
    """
    assert fmt(text, "definitions") == textwrap.dedent("""\
        personas:
          - &base
            id: base
            name: Base
          - <<: *base
            id: copy
            name: Copy
    """)
    # Moving `title` above `stages` would put the alias before its anchor.
    text = """\
        stages:
          - name: &name Sign-up
            id: signup
        title: *name
        id: trial
        type: current-state
        owner: growth
        reviewed: 2026-10-01
        personas: [olivia]
    """
    formatted = fmt(text)
    assert formatted.startswith("stages:\n  - id: signup\n    name: &name Sign-up\ntitle: *name\n")


# -- layout ---------------------------------------------------------------------------------------


def test_indentation_and_spacing_are_normalised() -> None:
    text = HEAD + textwrap.dedent("""\
        stages:
        -   id:    signup
            name: Sign-up
            steps:
            -     id: start
                  action: Starts a trial
                  thoughts:
                        - Is it free?
                  emotion:
                      -1
    """)
    assert fmt(text) == HEAD + textwrap.dedent("""\
        stages:
          - id: signup
            name: Sign-up
            steps:
              - id: start
                action: Starts a trial
                thoughts:
                  - Is it free?
                emotion: -1
    """)


def test_scalars_keep_their_style_and_spelling() -> None:
    text = stage("""\
        description: 'single ''quoted'''
        customer_goal: "double \\u00e9 \\"quoted\\""
        business_goal: yes
        kpis:
          - id: conversion
            name: >-
              Trials that
              convert
            target: 0x1F
            actual: 1e3
            unit: ~
            source: |
              Line one
                indented
    """)
    formatted = fmt(text)
    for kept in (
        "description: 'single ''quoted'''",
        'customer_goal: "double \\u00e9 \\"quoted\\""',
        "business_goal: yes",
        "name: >-\n          Trials that\n          convert\n",
        "target: 0x1F",
        "actual: 1e3",
        "unit: ~",
        "source: |\n          Line one\n            indented\n",
    ):
        assert kept in formatted
    data = read_yaml(formatted, "f").data["stages"][0]
    assert data["business_goal"] == "yes"
    assert data["kpis"][0]["target"] == 31


def test_dates_keep_their_quoting_and_text_stays_text() -> None:
    formatted = fmt(
        HEAD.replace("title: Trial to paid", "title: '2026-01-01'")
        + "stages: [{id: s, name: 'no', description: 2026-01-02}]\n"
    )
    assert "title: '2026-01-01'" in formatted
    assert "reviewed: 2026-10-01\n" in formatted
    assert "description: 2026-01-02}" in formatted
    data = read_yaml(formatted, "f").data
    assert data["title"] == "2026-01-01"
    assert data["reviewed"] == "2026-10-01"  # YAML 1.2 has no dates: the model reads the text
    assert data["stages"][0]["name"] == "no"
    assert data["stages"][0]["description"] == "2026-01-02"


def test_text_over_several_lines_keeps_its_line_breaks() -> None:
    text = stage("""\
        description: A plain text
                that goes on
          over three lines
        customer_goal: "quoted, \\
             with an escaped break"
    """)
    formatted = fmt(text)
    assert (
        "    description: A plain text\n      that goes on\n      over three lines\n" in formatted
    )
    assert '    customer_goal: "quoted, \\\n      with an escaped break"\n' in formatted


def test_block_text_is_reindented_with_an_indicator_only_when_needed() -> None:
    text = HEAD + (
        "stages:\n"
        "    - id: s\n"
        "      name: S\n"
        "      description: |4\n"  # the text starts 4 columns right of the key
        "            starts with spaces\n"
        "          second line\n"
        "      customer_goal: >8-\n"
        "              no indicator needed\n"
    )
    formatted = fmt(text)
    assert "    description: |2\n        starts with spaces\n      second line\n" in formatted
    assert "    customer_goal: >-\n      no indicator needed\n" in formatted


def test_flow_collections_stay_on_one_line_unless_they_hold_comments() -> None:
    text = stage("""\
        steps: [{id: start,
                 action: Starts a trial}]
        kpis: [
          {id: k, name: K},  # the only KPI
        ]
    """)
    formatted = fmt(text)
    assert "    steps: [{id: start, action: Starts a trial}]\n" in formatted
    assert "    kpis:\n      - {id: k, name: K}  # the only KPI\n" in formatted


def test_text_over_several_lines_in_flow_style_keeps_its_invisible_characters_escaped() -> None:
    # Joined onto one line, the text is written double-quoted; a character that is not
    # printable stays an escape (U+FFFF may not even stand in YAML text as it is).
    text = stage("""\
        steps: [{id: start, action: "Starts
                 a trial\\u200b\\uffff\\U000e0001"}]
    """)
    one_line = '"Starts a trial\\u200b\\uffff\\U000e0001"'
    assert f"    steps: [{{id: start, action: {one_line}}}]\n" in fmt(text)


def test_a_map_written_in_flow_style_with_comments_becomes_block_style() -> None:
    text = (
        "{title: Trial to paid, id: trial,  # the id\n"
        " type: current-state, owner: growth, reviewed: 2026-10-01,\n"
        " personas: [olivia], stages: [{id: s, name: S}]}  # the end\n"
    )
    assert fmt(text) == (
        "id: trial  # the id\n"
        "title: Trial to paid\n"
        "type: current-state\n"
        "owner: growth\n"
        "reviewed: 2026-10-01\n"
        "personas: [olivia]\n"
        "stages: [{id: s, name: S}]\n"
        "# the end\n"
    )
    # Without comments it stays on one line.
    assert fmt(
        "{title: T, id: t, type: current-state, owner: g, reviewed: 2026-01-01, "
        "personas: [p], stages: [{id: s, name: S}]}\n"
    ).startswith("{id: t, title: T,")


def test_comments_end_of_block_and_end_of_file() -> None:
    text = (
        stage("""\
        steps:
          - id: start
            action: Starts a trial
            # more to come in this step
          # more steps to come
        # end of the sign-up stage
    """)
        + "# end of the file\n"
    )
    formatted = fmt(text)
    assert formatted.endswith(
        "        action: Starts a trial\n"
        "        # more to come in this step\n"
        "      # more steps to come\n"
        "    # end of the sign-up stage\n"
        "# end of the file\n"
    )


def test_comments_after_a_key_or_a_dash_and_on_a_block_header() -> None:
    text = stage("""\
        steps:  # in order
          -   # the first step
            id: start
            action: |  # verbatim
              Starts a trial
            emotion:  # shared by all
              score: 1
    """)
    formatted = fmt(text)
    assert "    steps:  # in order\n      -   # the first step\n        id: start\n" in formatted
    assert "        action: |  # verbatim\n" in formatted
    assert "        emotion:  # shared by all\n          score: 1\n" in formatted


def test_blank_lines_markers_and_trailing_spaces() -> None:
    text = (
        "---\n\n\n"
        + HEAD.replace("owner: growth\n", "owner: growth   \n\n\n\n")
        + ("stages: [{id: s, name: S}]   # note   \n\n\n...\n")
    )
    formatted = fmt(text)
    assert formatted == HEAD.replace("owner: growth\n", "owner: growth\n\n") + (
        "stages: [{id: s, name: S}]   # note\n"
    )


def test_a_blank_line_never_joins_text_that_keeps_its_final_breaks() -> None:
    text = stage("""\
        description: |+
          kept

        name: Sign-up
    """).replace("    name: Sign-up\n    description", "    description", 1)
    formatted = fmt(text)
    assert read_yaml(formatted, "f").data["stages"][0]["description"] == "kept\n\n"


def test_text_at_the_end_of_a_file_without_a_final_line_break() -> None:
    formatted = fmt(HEAD + "stages: [{id: s, name: S}]\ndescription: |\n  no final break")
    assert formatted.endswith(
        "description: |-\n  no final break\npersonas: [olivia]\nstages: [{id: s, name: S}]\n"
    )


def test_directives_keep_their_document_marker() -> None:
    formatted = fmt("%YAML 1.2\n---\n" + HEAD + "stages: [{id: s, name: S}]\n")
    assert formatted.startswith("%YAML 1.2\n---\nid: trial\n")


def test_empty_and_comment_only_files() -> None:
    assert fmt("", "definitions") == ""
    assert fmt("\n\n# nothing yet   \n\n", "workspace") == "# nothing yet\n"


# -- line breaks and encoding ---------------------------------------------------------------------


def test_crlf_stays_crlf() -> None:
    text = (
        HEAD + "stages:\n    - name: S\n      id: s\n      description: |\n        a\n"
    ).replace("\n", "\r\n")
    formatted = format_text(text, "map")
    assert formatted == (
        HEAD + "stages:\n  - id: s\n    name: S\n    description: |\n      a\n"
    ).replace("\n", "\r\n")
    assert format_text(formatted, "map") == formatted


def test_a_byte_order_mark_is_dropped() -> None:
    assert format_text("\ufeff" + HEAD + "stages: [{id: s, name: S}]\n", "map") == (
        HEAD + "stages: [{id: s, name: S}]\n"
    )


# -- refusals -------------------------------------------------------------------------------------


def test_refuses_text_that_does_not_parse_with_its_location() -> None:
    with pytest.raises(FormatError) as caught:
        format_text(HEAD + "stages:\n  - id: s\n   name: S\n", "map", path="maps/x.yaml")
    assert str(caught.value).startswith("maps/x.yaml:9:")
    assert caught.value.diagnostics[0].code.name == "yaml-syntax"


def test_refuses_a_document_with_schema_errors_with_every_diagnostic() -> None:
    with pytest.raises(FormatError) as caught:
        format_text(HEAD + "stages: [{id: s, name: S, titel: x}]\ncolour: red\n", "map")
    found = [(d.code.name, d.line) for d in caught.value.diagnostics]
    assert ("unknown-key", 7) in found and ("unknown-key", 8) in found


def test_refuses_a_file_of_the_wrong_kind() -> None:
    with pytest.raises(FormatError):
        format_text("maps: [a]\n", "map")


# -- the bundled files ----------------------------------------------------------------------------


def _kind(path: Path) -> Kind:
    if path.name == "cjm.yaml":
        return "workspace"
    return "definitions" if "shared" in path.parts else "map"


def _whole_block_placeholders(path: Path) -> bool:
    """Templates whose placeholders stand for whole blocks are not YAML until filled in;
    the files `cjm init` makes from them are checked in tests/scaffold."""
    text = path.read_text(encoding="utf-8")
    for placeholder in PLACEHOLDERS:
        text = text.replace(placeholder, "")
    return "{{" in text or "{%" in text


# Values for the one-word placeholders of the templates.
PLACEHOLDERS = {
    "{{ schema }}": "../schemas/map.schema.json",
    "{{ map_id }}": "a-map",
    "{{ title }}": "A map",
    "{{ today }}": "2026-01-01",
    "{{ name }}": "A workspace",
}

BUNDLED = sorted(
    path
    for path in [*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("templates/**/*.yaml")]
    if not path.name.endswith(".measures.yaml") and path.parent.name != "measurements"
    if not any(part.startswith(".") for part in path.relative_to(ROOT).parts)
    and not _whole_block_placeholders(path)
)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: str(p.relative_to(ROOT)))
def test_bundled_files_format_losslessly_and_idempotently(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for placeholder, value in PLACEHOLDERS.items():
        text = text.replace(placeholder, value)
    formatted = format_text(text, _kind(path), path=str(path))
    assert same_data(read_yaml(text, "in").data, read_yaml(formatted, "out").data)
    assert format_text(formatted, _kind(path)) == formatted
    comments = [line.strip() for line in text.splitlines() if line.strip().startswith("#")]
    assert all(comment in formatted for comment in comments)
    first = next(line for line in text.splitlines() if "yaml-language-server" in line)
    assert formatted.startswith(text[: text.index(first) + len(first)])


# -- format 1.0: the version first, the new keys in model order, x- keys kept --------------------


def test_the_format_version_comes_first_after_the_header() -> None:
    text = """\
        # yaml-language-server: $schema=../schemas/1.0/map.schema.json
        id: trial
        title: Trial to paid
        type: current-state
        owner: growth
        reviewed: 2026-10-01
        personas: [olivia]
        stages: [{id: s, name: S}]
        format: "1.0"   # the format this file is written in
    """
    assert fmt(text).startswith(
        "# yaml-language-server: $schema=../schemas/1.0/map.schema.json\n"
        'format: "1.0"   # the format this file is written in\nid: trial\n'
    )
    config = 'name: Acme\nformat: "1.0"\n'
    assert fmt(config, "workspace") == 'format: "1.0"\nname: Acme\n'
    assert fmt("personas: []\nformat: '1.0'\n", "definitions") == "format: '1.0'\npersonas: []\n"


def test_the_keys_of_format_1_0_follow_the_model_order() -> None:
    text = stage("""\
        branches:
          - steps:
              - {action: Calls support, id: call}
            rejoin: pay
            after: card
            condition: The card is declined
            id: declined
        steps:
          - moment_of_truth: The first charge
            fail_point: true
            wait: 2 days
            duration: 10 min
            policies: [PSD2 strong customer authentication]
            artifacts: [Receipt email]
            by_persona:
              olivia: {quotes: [Finally], questions: [Is it safe?], thoughts: [Hm]}
            quotes: [It just worked]
            questions: [What does it cost?]
            optional: false
            action: Enters a card
            id: card
            pain_points:
              - spans: [pay]
                severity: high
                summary: The wait for approval
                id: wait
          - {action: Pays, id: pay}
        kpis:
          - evidence: [survey]
            source: https://dash.example.com/conversion
            better: higher
            unit: "%"
            actual_period: {end: 2026-09-30, start: 2026-09-01}
            actual: 12
            target_date: 2027-03-31
            target: 20
            baseline_date: 2026-01-31
            baseline: 10
            name: Conversion
            id: conversion
    """)
    text = textwrap.dedent(text) + textwrap.dedent("""\
        opportunities:
          - links:
              - {title: Epic, key: PAY-123, url: "https://tracker.example.com/PAY-123"}
            release: "2027.1"
            due: 2027-03-01
            kpis: [conversion]
            evidence: [survey]
            summary: Faster approval
            id: faster
    """)
    formatted = fmt(text)
    kpi = (
        "    kpis:\n"
        "      - id: conversion\n"
        "        name: Conversion\n"
        "        baseline: 10\n"
        "        baseline_date: 2026-01-31\n"
        "        target: 20\n"
        "        target_date: 2027-03-31\n"
        "        actual: 12\n"
        "        actual_period: {start: 2026-09-01, end: 2026-09-30}\n"
        '        unit: "%"\n'
        "        better: higher\n"
        "        source: https://dash.example.com/conversion\n"
        "        evidence: [survey]\n"
    )
    assert kpi in formatted
    assert (
        textwrap.indent(
            textwrap.dedent("""\
                steps:
                  - id: card
                    action: Enters a card
                    optional: false
                    questions: [What does it cost?]
                    quotes: [It just worked]
                    by_persona:
                      olivia: {thoughts: [Hm], questions: [Is it safe?], quotes: [Finally]}
                    artifacts: [Receipt email]
                    policies: [PSD2 strong customer authentication]
                    duration: 10 min
                    wait: 2 days
                    fail_point: true
                    moment_of_truth: The first charge
                    pain_points:
                      - id: wait
                        summary: The wait for approval
                        severity: high
                        spans: [pay]
    """),
            "    ",
        )
        in formatted
    )
    assert (
        textwrap.indent(
            textwrap.dedent("""\
            branches:
              - id: declined
                condition: The card is declined
                after: card
                rejoin: pay
                steps:
    """),
            "    ",
        )
        in formatted
    )
    assert (
        textwrap.indent(
            textwrap.dedent("""\
          - id: faster
            summary: Faster approval
            evidence: [survey]
            kpis: [conversion]
            due: 2027-03-01
            release: "2027.1"
            links:
              - {url: "https://tracker.example.com/PAY-123", key: PAY-123, title: Epic}
    """),
            "  ",
        )
        in formatted
    )
    # The stage's keys: kpis, steps, then branches, as the model has them.
    assert formatted.index("    kpis:") < formatted.index("    steps:")
    assert formatted.index("    steps:") < formatted.index("    branches:")


def test_x_keys_stay_after_the_known_keys_with_their_comments_and_content() -> None:
    text = """\
        # yaml-language-server: $schema=../schemas/1.0/map.schema.json
        x-source: workshop 2026-09   # where the map comes from
        id: trial
        # Team fields, not checked by cjm.
        x-jira:
          project: PAY
          components: [web, app]   # as in the tracker
        title: Trial to paid
        type: current-state
        owner: growth
        reviewed: 2026-10-01
        personas: [olivia]
        stages:
          - x-order: 1
            name: Sign-up
            # about the stage
            x-colour: {z: 1, a: 2}
            id: signup
            steps:
              - x-screen: signup-form
                action: Signs up
                id: start
                pain_points:
                  - {x-ticket: 7, summary: Slow, id: slow, severity: low}
        format: "1.0"
    """
    assert fmt(text) == textwrap.dedent("""\
        # yaml-language-server: $schema=../schemas/1.0/map.schema.json
        format: "1.0"
        id: trial
        title: Trial to paid
        type: current-state
        owner: growth
        reviewed: 2026-10-01
        personas: [olivia]
        stages:
          - id: signup
            name: Sign-up
            steps:
              - id: start
                action: Signs up
                pain_points:
                  - {id: slow, summary: Slow, severity: low, x-ticket: 7}
                x-screen: signup-form
            x-order: 1
            # about the stage
            x-colour: {z: 1, a: 2}
        x-source: workshop 2026-09   # where the map comes from
        # Team fields, not checked by cjm.
        x-jira:
          project: PAY
          components: [web, app]   # as in the tracker
    """)


def test_x_keys_in_cjm_yaml_and_definitions_files_are_kept() -> None:
    config = """\
        x-owner: cx-team
        vocabulary:
          channels:
            - {mode: offline, id: branch-desk, x-note: counter}
          severities:
            - {counts_as: high, id: blocker}
        format: "1.0"
    """
    assert fmt(config, "workspace") == textwrap.dedent("""\
        format: "1.0"
        vocabulary:
          channels:
            - {id: branch-desk, mode: offline, x-note: counter}
          severities:
            - {id: blocker, counts_as: high}
        x-owner: cx-team
    """)
    definitions = """\
        personas:
          - x-crm-segment: 12   # from the CRM
            role: Office manager
            name: Ops Olivia
            id: olivia
    """
    assert fmt(definitions, "definitions") == textwrap.dedent("""\
        personas:
          - id: olivia
            name: Ops Olivia
            role: Office manager
            x-crm-segment: 12   # from the CRM
    """)


def test_a_comment_on_a_directive_line_is_kept() -> None:
    text = "%YAML 1.2  # the version cjm reads\n---\n" + HEAD + "stages: [{id: s, name: S}]\n"
    formatted = fmt(text)
    assert formatted.startswith("%YAML 1.2  # the version cjm reads\n---\nid: trial\n")
    assert fmt(formatted) == formatted
