"""migrate_text: what it adds and repoints, what it keeps byte for byte, what it refuses."""

from __future__ import annotations

import pytest

from cjm.diagnostics import INVALID_VALUE, WRONG_TYPE, YAML_SYNTAX
from cjm.migrate import MigrateError, Version, migrate_text, written_version
from cjm.migrate.edit import upgraded_reference

MAP = """\
# yaml-language-server: $schema=../schemas/map.schema.json
# Trial to paid: owned by growth.

id: trial   # keep this id stable
title: 'Trial to paid'
type: current-state
owner: growth
reviewed: 2026-10-01
personas: [olivia]
stages:
  - id: signup
    name: "Sign-up"   # quoted on purpose
"""

MIGRATED = """\
# yaml-language-server: $schema=../schemas/1.0/map.schema.json
# Trial to paid: owned by growth.

format: "1.0"
id: trial   # keep this id stable
title: 'Trial to paid'
type: current-state
owner: growth
reviewed: 2026-10-01
personas: [olivia]
stages:
  - id: signup
    name: "Sign-up"   # quoted on purpose
"""


def test_adds_the_version_after_the_header_and_repoints_the_schema_line() -> None:
    migration = migrate_text(MAP)
    assert migration.text == MIGRATED
    assert migration.changes == [
        'add `format: "1.0"`',
        "point $schema at ../schemas/1.0/map.schema.json",
    ]
    assert migration.schema == "../schemas/1.0/map.schema.json"


def test_a_migrated_file_is_left_alone() -> None:
    migration = migrate_text(MIGRATED)
    assert migration.text == MIGRATED
    assert not migration.changed


def test_a_file_without_header_gets_the_version_on_its_first_line() -> None:
    assert migrate_text("id: trial\ntitle: T\n").text == 'format: "1.0"\nid: trial\ntitle: T\n'


def test_a_file_without_schema_line_only_gets_the_version() -> None:
    migration = migrate_text("# notes\nid: trial\n")
    assert migration.text == '# notes\nformat: "1.0"\nid: trial\n'
    assert migration.changes == ['add `format: "1.0"`']
    assert migration.schema is None


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("../schemas/map.schema.json", "../schemas/1.0/map.schema.json"),
        ("schemas/workspace.schema.json", "schemas/1.0/workspace.schema.json"),
        (
            "../../schemas/0.x/definitions.schema.json",
            "../../schemas/1.0/definitions.schema.json",
        ),
        (
            "https://example.com/cjm/schemas/map.schema.json",
            "https://example.com/cjm/schemas/1.0/map.schema.json",
        ),
        ("../schemas/1.0/map.schema.json", None),
        ("../my-schemas/map.schema.json", None),
        ("map.schema.json", None),
        ("../schemas/other.schema.json", None),
    ],
)
def test_which_schema_references_are_repointed(before: str, after: str | None) -> None:
    assert upgraded_reference(before, "1.0") == after


def test_a_schema_line_naming_another_schema_stays_as_it_is() -> None:
    text = "# yaml-language-server: $schema=https://example.com/ours.json\nid: trial\n"
    migration = migrate_text(text)
    assert migration.text == text.replace("id:", 'format: "1.0"\nid:')
    assert migration.schema is None


def test_a_schema_line_below_the_first_key_is_not_a_header() -> None:
    text = "id: trial\n# yaml-language-server: $schema=../schemas/map.schema.json\ntitle: T\n"
    migration = migrate_text(text)
    assert migration.text == 'format: "1.0"\n' + text


def test_crlf_line_breaks_are_kept() -> None:
    text = "# yaml-language-server: $schema=../schemas/map.schema.json\r\nid: trial\r\ntitle: T\r\n"
    assert migrate_text(text).text == (
        "# yaml-language-server: $schema=../schemas/1.0/map.schema.json\r\n"
        'format: "1.0"\r\nid: trial\r\ntitle: T\r\n'
    )


def test_an_indented_top_level_mapping_gets_the_version_at_its_indentation() -> None:
    assert migrate_text("  id: trial\n  title: T\n").text == (
        '  format: "1.0"\n  id: trial\n  title: T\n'
    )


def test_a_flow_mapping_gets_the_version_as_its_first_entry() -> None:
    assert migrate_text("{id: trial, title: T}\n").text == '{format: "1.0", id: trial, title: T}\n'
    assert migrate_text("{}\n").text == '{format: "1.0"}\n'
    assert migrate_text("{\n  id: trial,\n  title: T\n}\n").text == (
        '{\n  format: "1.0", id: trial,\n  title: T\n}\n'
    )


def test_directives_document_markers_anchors_and_tags_are_kept() -> None:
    text = "%YAML 1.2\n---\n# about\n&root !!map\nid: trial\ntitle: T\n...\n"
    assert migrate_text(text).text == (
        '%YAML 1.2\n---\n# about\n&root !!map\nformat: "1.0"\nid: trial\ntitle: T\n...\n'
    )


def test_a_first_key_with_an_anchor_gets_the_version_before_it() -> None:
    text = "&owner owner: growth\nid: trial\n"
    assert migrate_text(text).text == 'format: "1.0"\n' + text


def test_the_version_written_as_a_number_counts_as_current() -> None:
    for text in ("format: 1.0\nid: trial\n", "id: trial\nformat: '1.0'\n"):
        assert not migrate_text(text).changed


@pytest.mark.parametrize(
    ("value", "state"),
    [
        (None, Version.LEGACY),
        ("1.0", Version.CURRENT),
        (1.0, Version.CURRENT),
        (1, Version.CURRENT),
        ("1.1", Version.NEWER),
        ("2.0", Version.NEWER),
        (2, Version.NEWER),
        ("0.9", Version.INVALID),
        ("latest", Version.INVALID),
        (True, Version.INVALID),
        ([1], Version.INVALID),
    ],
)
def test_written_version(value: object, state: Version) -> None:
    data = {"id": "trial"} if value is None else {"format": value, "id": "trial"}
    assert written_version(data).state is state


def test_a_newer_format_is_refused_at_the_value() -> None:
    with pytest.raises(MigrateError) as caught:
        migrate_text('id: trial\nformat: "2.0"\n', path="maps/trial.yaml")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code is INVALID_VALUE
    assert (diagnostic.path, diagnostic.line, diagnostic.column) == ("maps/trial.yaml", 2, 9)
    assert diagnostic.message == (
        "the file is in format 2.0, newer than format 1.0, the newest this cjm reads"
    )
    assert diagnostic.hint == "upgrade cjm to read and migrate it"


def test_a_format_that_is_no_version_is_refused() -> None:
    with pytest.raises(MigrateError) as caught:
        migrate_text("format: 0.9\nid: trial\n", path="m.yaml")
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.column) == (1, 9)
    assert "`format` says '0.9', which is no format version" in diagnostic.message


def test_a_syntax_error_is_refused_with_its_place() -> None:
    with pytest.raises(MigrateError) as caught:
        migrate_text("id: trial\ntitle: [T\n", path="m.yaml")
    assert caught.value.diagnostics[0].code is YAML_SYNTAX
    assert caught.value.message.startswith("m.yaml:")


def test_a_duplicate_key_is_refused() -> None:
    with pytest.raises(MigrateError) as caught:
        migrate_text("id: a\nid: b\n", path="m.yaml")
    assert caught.value.diagnostics[0].line == 2


@pytest.mark.parametrize("text", ["", "# only a comment\n", "- a\n- b\n", "just text\n"])
def test_a_file_that_is_no_mapping_is_refused(text: str) -> None:
    with pytest.raises(MigrateError) as caught:
        migrate_text(text, path="m.yaml")
    assert caught.value.diagnostics[0].code is WRONG_TYPE


def test_a_first_key_written_as_a_complex_key_is_refused_with_advice() -> None:
    with pytest.raises(MigrateError) as caught:
        migrate_text("? id\n: trial\n", path="m.yaml")
    assert caught.value.message == (
        "m.yaml: cannot be migrated: cannot add a key before the first one, written after "
        "'?' on its line; run `cjm fmt` on the file first"
    )
