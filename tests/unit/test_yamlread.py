"""The event-based YAML reader: data, positions, and refusals."""

from __future__ import annotations

import pytest

from cjm.diagnostics import Location
from cjm.load import yamlread
from cjm.load.yamlread import MAX_DEPTH, YamlDocument


@pytest.fixture(autouse=True, params=[True, False], ids=["libyaml", "pure"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test with both the libyaml parser and the pure-Python one."""
    fast = request.param
    original = yamlread.read_yaml
    monkeypatch.setattr(
        "tests.unit.test_yamlread.read_yaml",
        lambda text, path: original(text, path, fast=fast),
    )


def read_yaml(text: str, path: str) -> YamlDocument:  # replaced by the fixture above
    raise AssertionError("the parser fixture did not run")


def _problems(text: str) -> list[tuple[int, int, str, str]]:
    document = read_yaml(text, "f.yaml")
    return [(d.line, d.column, d.code.name, d.message) for d in document.diagnostics]


def test_libyaml_is_available_on_cpython() -> None:
    assert yamlread.HAS_LIBYAML


def test_plain_data_with_yaml_1_2_core_schema_semantics() -> None:
    document = read_yaml(
        "a: yes\nb: no\nc: 0o17\nd: 1_000\ne: 2026-09-14\nf: ~\ng: 1.5\nh: true\n", "f"
    )
    assert document.diagnostics == []
    assert document.data == {
        "a": "yes",
        "b": "no",
        "c": 15,
        "d": "1_000",
        "e": "2026-09-14",
        "f": None,
        "g": 1.5,
        "h": True,
    }


def test_positions_of_keys_values_and_list_items() -> None:
    document = read_yaml("# c\nstages:\n  - id: one\n    steps: [a, bb]\n", "f")
    index = document.index
    assert index.key(("stages",)) == Location(2, 1, 7)
    assert index.value(("stages", 0)) == Location(3, 5)
    assert index.key(("stages", 0, "id")) == Location(3, 5, 7)
    assert index.value(("stages", 0, "id")) == Location(3, 9, 12)
    assert index.value(("stages", 0, "steps", 1)) == Location(4, 16, 18)


def test_lookup_of_a_missing_path_falls_back_to_the_nearest_ancestor() -> None:
    index = read_yaml("a:\n  b: 1\n", "f").index
    assert index.value(("a", "b", "c", 3)) == Location(2, 6, 7)
    assert index.value(("zzz",)) == Location(1, 1)


def test_every_duplicate_key_is_reported_and_the_first_value_kept() -> None:
    document = read_yaml("a: 1\nb: 2\na: 3\nc:\n  d: 1\n  d: 2\n", "f")
    assert document.data == {"a": 1, "b": 2, "c": {"d": 1}}
    assert [(d.line, d.column, d.message) for d in document.diagnostics] == [
        (3, 1, "duplicate key 'a' (first defined on line 1)"),
        (6, 3, "duplicate key 'd' (first defined on line 5)"),
    ]
    assert document.diagnostics[0].related == (("f", Location(1, 1, 2)),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a:\n\tb: 1\n",
            (2, 1, "yaml-syntax", "a tab character: YAML indentation must use spaces"),
        ),
        ("a: b: c\n", (1, 5, "yaml-syntax", "unexpected ':' here")),
        ("a: 'open\n", (1, 4, "yaml-syntax", "the single quote opened here is never closed")),
        (
            "a:\n  b: 1\n c: 2\n",
            (3, 2, "yaml-syntax", "the indentation here does not line up with the lines above"),
        ),
        (
            "a: 1\n---\nb: 2\n",
            (
                2,
                1,
                "yaml-syntax",
                "the file holds more than one YAML document; put one map per file",
            ),
        ),
        ("a: *nope\n", (1, 4, "yaml-syntax", "alias '*nope' names no anchor")),
        ("? [a, b]\n: c\n", (1, 3, "yaml-syntax", "a mapping key must be plain text")),
        (
            "a: !!python/object/apply:os.system ['true']\n",
            (
                1,
                4,
                "input-refused",
                "unsupported YAML tag '!!python/object/apply:os.system': "
                "maps use plain YAML values only",
            ),
        ),
        (
            "a: !custom x\n",
            (
                1,
                4,
                "input-refused",
                "unsupported YAML tag '!custom': maps use plain YAML values only",
            ),
        ),
        (
            "a: \x07\n",
            (1, 4, "input-refused", "control character U+0007 is not allowed in YAML text"),
        ),
    ],
)
def test_bad_yaml_is_reported_at_its_position(
    text: str, expected: tuple[int, int, str, str]
) -> None:
    assert _problems(text) == [expected]
    assert read_yaml(text, "f").data is None


def test_alias_bomb_is_refused_without_expanding_it() -> None:
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"l{level}: &l{level} [{refs}]")
    problems = _problems("\n".join(lines) + "\n")
    assert len(problems) == 1
    line, _, name, message = problems[0]
    assert name == "input-refused"
    assert "alias bomb" in message
    assert line < 10


def test_modest_alias_use_is_allowed_and_shares_the_value() -> None:
    document = read_yaml("base: &b {x: 1}\none: *b\ntwo: *b\n", "f")
    assert document.diagnostics == []
    assert document.data["one"] == {"x": 1}
    assert document.data["one"] is document.data["two"]


def test_yaml_1_2_plain_scalars_with_colons_in_flow_mappings() -> None:
    document = read_yaml("a: {note: Weekly 1:1 with the CSM, at: 10:30}\n", "f")
    assert document.diagnostics == []
    assert document.data == {"a": {"note": "Weekly 1:1 with the CSM", "at": "10:30"}}


def test_merge_keys_fill_in_missing_keys_only() -> None:
    document = read_yaml("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n", "f")
    assert document.data["m"] == {"x": 1, "y": 3}


def test_deep_nesting_is_refused_without_recursion() -> None:
    depth = 10_000
    problems = _problems("[" * depth + "]" * depth)
    assert problems == [
        (1, MAX_DEPTH + 1, "input-refused", f"the document nests deeper than {MAX_DEPTH} levels")
    ]


def test_empty_text_gives_no_data_and_no_problem() -> None:
    document = read_yaml("# only a comment\n", "f")
    assert document.data is None
    assert document.diagnostics == []


def test_non_string_keys_become_text() -> None:
    assert read_yaml("1: a\ntrue: b\nnull: c\n", "f").data == {"1": "a", "true": "b", "null": "c"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a:\n", None),
        ("a: ~\n", None),
        ("a: true\n", True),
        ("a: yes\n", "yes"),
        ("a: .inf\n", float("inf")),
        ("a: -1\n", -1),
        ("a: 0x1F\n", 31),
        ("a: 2026-01-02\n", "2026-01-02"),
        ("a: 2026-02-30\n", "2026-02-30"),
        ("a: 2026-10-01T10:00:00Z\n", "2026-10-01T10:00:00Z"),
        ("a: 1_000\n", "1_000"),
        ("a: 0b101\n", "0b101"),
        ("a: =\n", "="),
        ("a: <<\n", "<<"),
        ("a: 1e3\n", 1000.0),
        ("a: synthetic\n", "synthetic"),
        ("a: Null\n", None),
    ],
)
def test_plain_scalars_resolve_as_yaml_1_2_says(text: str, value: object) -> None:
    assert read_yaml(text, "f.yaml").data == {"a": value}


def test_a_key_indented_out_of_its_mapping_is_pointed_at_as_misindented() -> None:
    text = (
        "stages:\n"
        "  - id: signup\n"
        "    name: Sign-up\n"
        "    steps:\n"
        "      - action: Starts a trial\n"
        "        emotion: 1\n"
        "    id: start-trial\n"
    )
    document = read_yaml(text, "f.yaml")
    assert [(d.line, d.column, d.message, d.hint) for d in document.diagnostics] == [
        (
            7,
            5,
            "duplicate key 'id' (first defined on line 2): this one is probably indented wrongly",
            "to put it in the mapping that starts on line 5, indent it by 8 spaces like "
            "`action`; if it is a real duplicate, remove it (the first one is used)",
        )
    ]
    assert document.diagnostics[0].related == (("f.yaml", Location(2, 5, 7)),)
    assert document.data["stages"][0]["id"] == "signup"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("id: a\nname: n\nid: b\n", id="next-to-each-other"),
        pytest.param("id: a\ntags:\n  - x\n  - y\nid: b\n", id="after-a-list-of-text"),
        pytest.param("id: a\nteams: [{id: g}]\nid: b\n", id="after-brackets"),
        pytest.param("id: a\nmeta:\n  x: 1\nname: n\nid: b\n", id="not-right-after-it"),
        pytest.param("id: a\nsteps:\n- id: s\n  x: 1\nid: b\n", id="already-in-the-mapping"),
    ],
)
def test_a_real_duplicate_key_is_not_blamed_on_indentation(text: str) -> None:
    (problem,) = read_yaml(text, "f.yaml").diagnostics
    assert problem.message.endswith("(first defined on line 1)")
    assert problem.hint == "remove one of them; the first one is used"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "%YAML 1.3\n---\na: 1\n",
            (1, 1, "this file asks for YAML 1.3; cjm reads YAML 1.2"),
            id="yaml-version",
        ),
        pytest.param(
            'a: "\\U00110000"\n',
            (
                1,
                5,
                "'\\U00110000' is not a valid escape in double-quoted text: it names no "
                "Unicode character",
            ),
            id="code-point-too-large",
        ),
        pytest.param(
            '"\\udc00 key": 1\n',
            (
                1,
                1,
                "'\\udc00' in double-quoted text is half of a UTF-16 surrogate pair, "
                "not a character",
            ),
            id="surrogate-in-a-key",
        ),
    ],
)
def test_text_the_pure_python_parser_trips_over_is_refused_cleanly(
    text: str, expected: tuple[int, int, str]
) -> None:
    assert _problems(text) == [(*expected[:2], "yaml-syntax", expected[2])]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('tags: &t # c\n  - "one\n    two: three"\n', id="anchored-list"),
        pytest.param('m: !!map\n  k: "one\n    z: 2"\n', id="tagged-mapping"),
        pytest.param('a: "one\n  b: two"\n', id="indented-under-its-key"),
        pytest.param('a: "one\ntwo"\n', id="not-like-an-entry"),
        pytest.param("a: [1,\n2]\n", id="brackets-not-like-an-entry"),
        pytest.param("a:\n  b: [\n    1,\n  ]\n", id="closing-bracket-under-the-key"),
    ],
)
def test_text_over_several_lines_that_takes_in_no_entry_is_read(text: str) -> None:
    assert read_yaml(text, "f.yaml").diagnostics == []


def test_a_quote_left_open_in_an_anchored_list_is_found_under_the_anchor_line() -> None:
    problems = _problems('tags: &t\n  - "one\n  two: three"\n')
    assert problems == [
        (
            2,
            5,
            "yaml-syntax",
            "the double quote opened here is not closed on its line: the text runs on into line 3",
        )
    ]
