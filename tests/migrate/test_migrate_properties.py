"""cjm migrate changes nothing but the version line and the ``$schema`` line, shown on
generated 0.x maps in random layouts (the generators of the fmt properties: ruamel.yaml's
dumper, a writer of odd but valid layouts, and block maps with comments everywhere).

For every generated file that parses: the migrated text is the input with one line
``format: "1.0"`` added after the header comments (or ``format: "1.0", `` at the start of
a flow mapping) and the schema line pointed at ``schemas/1.0/``; it reads back as the same
data plus the version; cjm accepts it exactly when it accepted the input; and migrating
it again changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import assume, given, note
from hypothesis import strategies as st

from cjm.fmt import same_data
from cjm.load.document import parse_document
from cjm.load.yamlread import read_yaml
from cjm.migrate import migrate_text
from cjm.model import JourneyMap
from tests.fmt.test_fmt_properties import (
    PROPERTY,
    commented_maps,
    dumped_maps,
    written_maps,
)

OLD_SCHEMA = "$schema=../schemas/map.schema.json"
NEW_SCHEMA = "$schema=../schemas/1.0/map.schema.json"
VERSION_LINE = 'format: "1.0"'


def _problems(text: str) -> list[tuple[str, str]]:
    document = parse_document(Path("in.yaml"), "in.yaml", text, JourneyMap)
    return [(d.code.code, d.message) for d in document.diagnostics]


def _is_header(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith(("#", "%", "---"))


def check_only_the_version_changes(text: str) -> None:
    note(text)
    before = read_yaml(text, "in.yaml")
    assume(not before.diagnostics and isinstance(before.data, dict))
    migrated = migrate_text(text).text
    note(migrated)

    expected = text
    if text.startswith("# yaml-language-server: "):
        expected = text.replace(OLD_SCHEMA, NEW_SCHEMA, 1)
    old, new = expected.splitlines(keepends=True), migrated.splitlines(keepends=True)
    at = next(i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b)
    if new[at].strip() == VERSION_LINE:  # a block mapping: one line more
        assert new[:at] + new[at + 1 :] == old
        assert all(_is_header(line) for line in new[:at])
        assert new[at] == new[at + 1][: len(new[at + 1]) - len(new[at + 1].lstrip(" "))] + (
            VERSION_LINE + new[at][len(new[at].rstrip("\r\n")) :]
        )
    else:  # a flow mapping: the entry goes first inside the brace
        assert len(new) == len(old)
        entry = VERSION_LINE + ", " if new[at].count(VERSION_LINE + ", ") else VERSION_LINE
        assert new[at].replace(entry, "", 1) == old[at]
        assert new[at + 1 :] == old[at + 1 :]

    after = read_yaml(migrated, "out.yaml")
    assert after.diagnostics == []
    assert same_data({"format": "1.0", **before.data}, after.data)
    assert next(iter(after.data)) == "format"
    assert _problems(migrated) == _problems(text)
    again = migrate_text(migrated)
    assert again.text == migrated and not again.changed


def _crlf(draw: st.DrawFn, text: str) -> str:
    return text.replace("\n", "\r\n") if draw(st.integers(1, 4)) == 1 else text


@st.composite
def dumped(draw: st.DrawFn) -> str:
    return _crlf(draw, draw(dumped_maps())[0])


@st.composite
def written(draw: st.DrawFn) -> str:
    return _crlf(draw, draw(written_maps())[0])


@st.composite
def commented(draw: st.DrawFn) -> str:
    return draw(commented_maps())[0]


@PROPERTY
@given(dumped())
def test_migrate_changes_only_the_version_on_dumped_maps(text: str) -> None:
    check_only_the_version_changes(text)


@PROPERTY
@given(written())
def test_migrate_changes_only_the_version_on_odd_layouts(text: str) -> None:
    check_only_the_version_changes(text)


@PROPERTY
@given(commented())
def test_migrate_changes_only_the_version_on_commented_maps(text: str) -> None:
    check_only_the_version_changes(text)
