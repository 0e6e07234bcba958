"""Hostile and broken input through `cjm validate`: every case ends with a clear, located
message and exit 1 (or a clean pass for odd-but-valid files), never a traceback, and quickly.

The files are standalone maps in ``tmp_path`` (no workspace above it).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from cjm import cli
from cjm.cli import app
from cjm.load import yamlread
from cjm.load.yamlread import HAS_LIBYAML
from tests.samples import PLAIN_ENV
from tests.samples import STANDALONE_MAP as VALID_MAP

NOT_A_MAPPING = (
    "a journey map must be a mapping of keys (id, title, type, owner, reviewed, personas, "
    "stages, ...), but the file holds "
)

Checker = Callable[..., tuple[Result, dict[str, Any]]]


def assert_no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


def only(report: dict[str, Any]) -> dict[str, Any]:
    assert len(report["diagnostics"]) == 1, report["diagnostics"]
    return report["diagnostics"][0]


def where(report: dict[str, Any]) -> tuple[int, int, str]:
    diagnostic = only(report)
    return diagnostic["line"], diagnostic["column"], diagnostic["code"]


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a case with each YAML parser: libyaml (when installed) and the pure-Python one."""
    if request.param == "libyaml" and not HAS_LIBYAML:
        pytest.skip("libyaml is not installed")
    if request.param == "pure-python":
        monkeypatch.setattr(yamlread, "HAS_LIBYAML", False)
    return str(request.param)


@pytest.fixture
def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parser: str) -> Checker:
    """Write ``data`` to ``map.yaml`` and validate it; return the result and the JSON report."""
    monkeypatch.chdir(tmp_path)

    def _check(data: str | bytes, *args: str, name: str = "map.yaml") -> tuple[Result, dict]:
        path = tmp_path / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        # Only the reference rules: these tests are about reading files, not linting.
        result = CliRunner().invoke(
            app,
            ["validate", "--format", "json", "--select", "CJM103,CJM104", *args, name],
            env=PLAIN_ENV,
        )
        assert_no_traceback(result)
        return result, json.loads(result.stdout)

    return _check


def test_the_valid_map_passes(check: Checker) -> None:
    result, report = check(VALID_MAP)
    assert result.exit_code == 0
    assert report["diagnostics"] == []


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        pytest.param("", "nothing", id="empty"),
        pytest.param("# just a comment\n\n# and another\n", "nothing", id="only-comments"),
        pytest.param("- a\n- b\n", "a list", id="list"),
        pytest.param("hello\n", "the text 'hello'", id="scalar"),
        pytest.param("42\n", "the number 42", id="number"),
    ],
)
def test_top_level_that_is_not_a_mapping(check: Checker, text: str, holds: str) -> None:
    result, report = check(text)
    assert result.exit_code == 1
    assert where(report) == (1, 1, "CJM004")
    assert only(report)["message"] == NOT_A_MAPPING + holds


def test_binary_garbage_is_refused(check: Checker) -> None:
    data = random.Random(20261123).randbytes(4096) + b"\x00"
    first_nul = data.index(b"\x00")
    result, report = check(data)
    assert result.exit_code == 1
    line, column, code = where(report)
    assert code == "CJM007"
    assert line == data.count(b"\n", 0, first_nul) + 1
    assert column >= 1
    assert only(report)["message"] == "this is a binary file, not a YAML text file"


def test_binary_garbage_in_the_text_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "map.yaml").write_bytes(b"id: x\n\x00\x01\x02\xff\xfe")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "map.yaml"], env=PLAIN_ENV)
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "map.yaml:2:1: error CJM007 this is a binary file, not a YAML text file"
    )


def test_tab_used_for_indentation(check: Checker) -> None:
    result, report = check(VALID_MAP.replace("    name: Sign-up", "\tname: Sign-up"))
    assert result.exit_code == 1
    assert where(report) == (12, 1, "CJM001")
    assert only(report)["message"] == "a tab character: YAML indentation must use spaces"
    assert only(report)["hint"] == "replace the tab with spaces"


@pytest.fixture
def fifty_megabytes(tmp_path: Path) -> Path:
    """A sparse 50 MB file: instant to create, all NUL bytes."""
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    return path


def test_file_over_the_size_limit_is_refused_before_reading(fifty_megabytes: Path) -> None:
    result = CliRunner().invoke(
        app, ["validate", "--format", "json", str(fifty_megabytes)], env=PLAIN_ENV
    )
    assert_no_traceback(result)
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert where(report) == (1, 1, "CJM007")
    assert only(report)["message"] == "the file is 50.0 MB, over the 20.0 MB limit"
    assert only(report)["hint"] == (
        "split the journey into several maps, or raise the limit: "
        "--max-file-size MB or CJM_MAX_FILE_SIZE=MB"
    )


def test_raising_the_size_limit_lets_the_file_be_read(fifty_megabytes: Path) -> None:
    # Parsing 50 MB of real YAML takes tens of seconds with the pure-Python parser, so the
    # file is all NULs: past the size gate, it is read and refused as binary.
    result = CliRunner().invoke(
        app,
        ["validate", "--format", "json", "--max-file-size", "60", str(fifty_megabytes)],
        env=PLAIN_ENV,
    )
    assert_no_traceback(result)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert where(report) == (1, 1, "CJM007")
    assert only(report)["message"] == "this is a binary file, not a YAML text file"


@pytest.mark.skipif(not HAS_LIBYAML, reason="only libyaml parses 50 MB quickly")
def test_raising_the_size_limit_parses_a_large_valid_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(VALID_MAP)
        handle.write("# " + "x" * (50 * 1024 * 1024 - len(VALID_MAP) - 3) + "\n")
    assert path.stat().st_size == 50 * 1024 * 1024
    monkeypatch.chdir(tmp_path)
    refused = CliRunner().invoke(app, ["validate", "big.yaml"], env=PLAIN_ENV)
    assert refused.exit_code == 1
    assert "big.yaml:1:1: error CJM007 the file is 50.0 MB, over the 20.0 MB limit" in (
        refused.stdout
    )
    accepted = CliRunner().invoke(
        app,
        ["validate", "--select", "CJM103,CJM104", "--max-file-size", "60", "big.yaml"],
        env=PLAIN_ENV,
    )
    assert_no_traceback(accepted)
    assert accepted.exit_code == 0
    assert accepted.stdout == "No problems found in 1 file.\n"


def test_alias_bomb_is_refused(check: Checker) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghi"
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    result, report = check("\n".join(lines) + "\n")
    assert result.exit_code == 1
    line, _, code = where(report)
    assert code == "CJM007"
    assert 2 <= line <= 9
    assert only(report)["message"] == (
        "aliases expand this document beyond a safe size (an alias bomb?)"
    )


def test_deeply_nested_flow_lists_are_refused(check: Checker) -> None:
    result, report = check("[" * 10_000 + "]" * 10_000 + "\n")
    assert result.exit_code == 1
    assert where(report) == (1, 65, "CJM007")
    assert only(report)["message"] == "the document nests deeper than 64 levels"


def test_deeply_nested_block_mappings_are_refused(check: Checker) -> None:
    text = "".join(" " * depth + f"k{depth}:\n" for depth in range(100))
    result, report = check(text)
    assert result.exit_code == 1
    assert where(report) == (65, 65, "CJM007")


def test_latin1_text_is_refused_at_the_bad_byte(check: Checker) -> None:
    result, report = check(b"id: trial\ntitle: Trial\ndescription: caf\xe9\n")
    assert result.exit_code == 1
    assert where(report) == (3, 17, "CJM007")
    assert only(report)["message"] == "the file is not valid UTF-8 text (byte 0xe9)"
    assert only(report)["hint"] == "save the file as UTF-8"


@pytest.mark.parametrize(
    "encoded",
    [
        pytest.param(b"\xef\xbb\xbf" + VALID_MAP.encode("utf-8"), id="utf-8-bom"),
        pytest.param(b"\xff\xfe" + VALID_MAP.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(b"\xfe\xff" + VALID_MAP.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(VALID_MAP.encode("utf-32"), id="utf-32-bom"),
    ],
)
def test_valid_map_with_a_byte_order_mark_passes(check: Checker, encoded: bytes) -> None:
    result, report = check(encoded)
    assert result.exit_code == 0
    assert report["diagnostics"] == []


def test_utf16_without_bom_is_refused_as_binary(check: Checker) -> None:
    result, report = check(VALID_MAP.encode("utf-16-le"))
    assert result.exit_code == 1
    assert where(report) == (1, 2, "CJM007")


def test_python_tag_on_a_scalar_is_refused(check: Checker) -> None:
    result, report = check("id: !!python/name:os.system\n")
    assert result.exit_code == 1
    assert where(report) == (1, 5, "CJM007")
    assert only(report)["message"] == (
        "unsupported YAML tag '!!python/name:os.system': maps use plain YAML values only"
    )


def test_python_object_apply_executes_nothing(check: Checker, tmp_path: Path) -> None:
    marker = tmp_path / "hacked"
    result, report = check(f'x: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert result.exit_code == 1
    assert where(report) == (1, 4, "CJM007")
    assert not marker.exists()


@pytest.mark.parametrize(
    ("old", "new", "tag", "location"),
    [
        pytest.param(
            "title: Solo journey",
            'title: Solo journey\ntags: !!python/object/apply:os.system ["echo hacked"]',
            "!!python/object/apply:os.system",
            (3, 7),
            id="python-apply-on-sequence",
        ),
        pytest.param(
            "title: Solo journey",
            "title: Solo journey\ntags: !mytag [b2b]",
            "!mytag",
            (3, 7),
            id="custom-tag-on-sequence",
        ),
        pytest.param(
            "teams: [{id: growth, name: Growth}]",
            "teams: [!mytag {id: growth, name: Growth}]",
            "!mytag",
            (6, 9),
            id="custom-tag-on-mapping",
        ),
    ],
)
def test_tag_on_a_collection_is_refused(
    check: Checker, old: str, new: str, tag: str, location: tuple[int, int]
) -> None:
    result, report = check(VALID_MAP.replace(old, new))
    assert result.exit_code == 1
    assert where(report) == (*location, "CJM007")
    assert only(report)["message"] == (
        f"unsupported YAML tag '{tag}': maps use plain YAML values only"
    )


def test_custom_tag_on_a_scalar_is_refused(check: Checker) -> None:
    result, report = check(VALID_MAP.replace("title: Solo journey", "title: !mytag Solo"))
    assert result.exit_code == 1
    assert where(report) == (2, 8, "CJM007")
    assert only(report)["message"] == (
        "unsupported YAML tag '!mytag': maps use plain YAML values only"
    )
    assert only(report)["hint"] == "remove the tag"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!int abc", "'abc' is not a valid !!int value"),
        ("!!float abc", "'abc' is not a valid !!float value"),
    ],
)
def test_explicit_core_tag_with_a_bad_value(check: Checker, value: str, message: str) -> None:
    result, report = check(VALID_MAP.replace("title: Solo journey", f"title: {value}"))
    assert result.exit_code == 1
    assert where(report) == (2, 8, "CJM001")
    assert only(report)["message"].startswith(message)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("!!bool maybe", id="bool-keyerror"),
        pytest.param("!!bool ''", id="empty-bool-keyerror"),
        pytest.param("!!int", id="empty-int-indexerror"),
        pytest.param("!!float ''", id="empty-float-indexerror"),
    ],
)
def test_explicit_core_tag_with_an_impossible_value_does_not_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    (tmp_path / "map.yaml").write_text(
        VALID_MAP.replace("title: Solo journey", f"title: {value}"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "--format", "json", "map.yaml"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert where(report) == (2, 8, "CJM001")


def test_timestamp_tag_message_is_one_clean_line(check: Checker) -> None:
    result, report = check(VALID_MAP.replace("reviewed: 2026-10-01", "reviewed: !!timestamp x"))
    assert result.exit_code == 1
    assert where(report) == (5, 11, "CJM007")
    message = only(report)["message"]
    assert message == "unsupported YAML tag '!!timestamp': YAML 1.2 has no date type"


def test_invalid_tagged_value_message_is_one_clean_line(check: Checker) -> None:
    result, report = check(VALID_MAP.replace("reviewed: 2026-10-01", "reviewed: !!int x"))
    assert result.exit_code == 1
    assert where(report) == (5, 11, "CJM001")
    message = only(report)["message"]
    assert message == "'x' is not a valid !!int value"


def test_control_character_is_refused_with_its_location(check: Checker) -> None:
    result, report = check(VALID_MAP.replace("title: Solo journey", "title: Solo\x07journey"))
    assert result.exit_code == 1
    assert where(report) == (2, 12, "CJM007")
    assert only(report)["message"] == "control character U+0007 is not allowed in YAML text"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("title: Solo journey", "title: Solo\x1b[2Jjourney", id="raw-esc-in-line"),
        pytest.param(
            "type: current-state", 'type: "\\e]0;pwned\\a\\e[2J"', id="esc-in-quoted-value"
        ),
    ],
)
def test_text_report_never_writes_escape_sequences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str
) -> None:
    (tmp_path / "map.yaml").write_text(VALID_MAP.replace(old, new), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "map.yaml"], env=PLAIN_ENV)
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout


def test_several_yaml_documents_in_one_file(check: Checker) -> None:
    result, report = check(VALID_MAP + "---\n" + VALID_MAP)
    assert result.exit_code == 1
    assert where(report) == (17, 1, "CJM001")
    assert only(report)["message"] == (
        "the file holds more than one YAML document; put one map per file"
    )


def test_undefined_alias(check: Checker) -> None:
    result, report = check(VALID_MAP.replace("owner: growth", "owner: *team"))
    assert result.exit_code == 1
    assert where(report) == (4, 8, "CJM001")
    assert only(report)["message"] == "alias '*team' names no anchor"


def test_recursive_alias_names_no_anchor(check: Checker) -> None:
    result, report = check("a: &a [1, *a]\n")
    assert result.exit_code == 1
    assert where(report) == (1, 11, "CJM001")


def test_very_long_single_line_does_not_crash(check: Checker) -> None:
    long_title = "x" * 1_000_000
    result, report = check(VALID_MAP.replace("title: Solo journey", f"title: {long_title}"))
    assert result.exit_code == 0
    assert report["diagnostics"] == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("? [a, b]\n: c\n", id="sequence-key"),
        pytest.param("? {a: b}\n: c\n", id="mapping-key"),
    ],
)
def test_collection_as_a_mapping_key(check: Checker, text: str) -> None:
    result, report = check(text)
    assert result.exit_code == 1
    assert where(report) == (1, 3, "CJM001")
    assert only(report)["message"] == "a mapping key must be plain text"


def test_duplicate_keys_are_each_reported_where_they_repeat(check: Checker) -> None:
    text = VALID_MAP.replace("type: current-state", "type: current-state\ntitle: Again")
    text = text.replace("        emotion: 1", "        emotion: 1\n        emotion: -2")
    result, report = check(text)
    assert result.exit_code == 1
    assert [(d["line"], d["column"], d["code"], d["message"]) for d in report["diagnostics"]] == [
        (4, 1, "CJM002", "duplicate key 'title' (first defined on line 2)"),
        (18, 9, "CJM002", "duplicate key 'emotion' (first defined on line 17)"),
    ]


FIVE_MEGABYTES = 5 * 1024 * 1024


def test_five_megabyte_string_within_the_size_limit_passes(check: Checker) -> None:
    huge = "x" * FIVE_MEGABYTES
    result, report = check(VALID_MAP.replace("title: Solo journey", f'title: "{huge}"'))
    assert result.exit_code == 0
    assert report["diagnostics"] == []


def test_five_megabyte_invalid_value_is_reported_clipped(check: Checker) -> None:
    result, report = check(VALID_MAP.replace("current-state", "x" * FIVE_MEGABYTES))
    assert result.exit_code == 1
    assert where(report) == (3, 7, "CJM005")
    assert only(report)["message"] == f"'{'x' * 39}…' is not a valid type"
    assert len(result.stdout) < 5_000


# Documents that would write MARKER if a tag were ever constructed, and where the tag is.
CODE_RUNNING_TAGS = [
    pytest.param('x: !!python/object/apply:os.system ["touch MARKER"]\n', (1, 4), id="apply"),
    pytest.param('x: !!python/object/new:os.system ["touch MARKER"]\n', (1, 4), id="new"),
    pytest.param(
        "x: !!python/object/apply:subprocess.call [[touch, MARKER]]\n", (1, 4), id="subprocess"
    ),
    pytest.param(
        "x: !!python/object/apply:builtins.exec [\"open('MARKER', 'w')\"]\n", (1, 4), id="exec"
    ),
    pytest.param(
        'x: !!python/object/apply:os.system {args: ["touch MARKER"]}\n', (1, 4), id="keywords"
    ),
    pytest.param("x: !!python/module:os\n", (1, 4), id="module"),
    pytest.param(
        'x: !<tag:yaml.org,2002:python/object/apply:os.system> ["touch MARKER"]\n',
        (1, 4),
        id="verbatim",
    ),
    pytest.param(
        "%TAG !py! tag:yaml.org,2002:python/object/apply:\n"
        '---\nx: !py!os.system ["touch MARKER"]\n',
        (3, 4),
        id="tag-directive",
    ),
    pytest.param(
        '? !!python/object/apply:os.system ["touch MARKER"]\n: value\n', (1, 3), id="as-a-key"
    ),
    pytest.param(
        'a: &run !!python/object/apply:os.system ["touch MARKER"]\nb: *run\n',
        (1, 4),
        id="through-an-alias",
    ),
]


@pytest.mark.parametrize(("document", "location"), CODE_RUNNING_TAGS)
def test_code_running_tags_construct_nothing(
    check: Checker, tmp_path: Path, document: str, location: tuple[int, int]
) -> None:
    marker = tmp_path / "marker"
    result, report = check(document.replace("MARKER", str(marker)))
    assert result.exit_code == 1
    assert where(report) == (*location, "CJM007")
    assert only(report)["message"].startswith("unsupported YAML tag '!!python/")
    assert not marker.exists()


# -- what is not a readable file, in a workspace and named on the command line ---------------


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace in ``tmp_path`` (the working folder) holding one valid map."""
    (tmp_path / "cjm.yaml").write_text('maps: ["maps/*.yaml"]\n', encoding="utf-8")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "solo.yaml").write_text(VALID_MAP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail, instead of waiting forever, when a command blocks (opening a named pipe
    waits for a writer that never comes)."""

    def give_up(signum: int, frame: object) -> None:
        raise TimeoutError("the command blocked")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def validate(*args: str) -> tuple[Result, dict[str, Any]]:
    """``cjm validate --format json`` with the reference rules only."""
    result = CliRunner().invoke(
        app,
        ["validate", "--format", "json", "--select", "CJM103,CJM104", *args],
        env=PLAIN_ENV,
    )
    assert_no_traceback(result)
    return result, json.loads(result.stdout)


def problems(report: dict[str, Any]) -> list[tuple[str, int, int, str, str]]:
    return [
        (d["path"], d["line"], d["column"], d["code"], d["message"]) for d in report["diagnostics"]
    ]


def test_folder_named_like_a_map_is_refused(workspace: Path) -> None:
    (workspace / "maps" / "x.yaml").mkdir()
    result, report = validate()
    assert result.exit_code == 2
    assert problems(report) == [
        ("maps/x.yaml", 1, 1, "CJM008", "cannot read the file: it is a folder, not a regular file")
    ]


def test_broken_symlink_is_refused(workspace: Path) -> None:
    (workspace / "maps" / "broken.yaml").symlink_to("nowhere.yaml")
    result, report = validate()
    assert result.exit_code == 2
    assert only(report)["code"] == "CJM008"
    assert only(report)["message"] == (
        "cannot read the file: it is a broken symlink: broken.yaml -> nowhere.yaml leads to no file"
    )


def test_broken_symlink_is_reported_at_the_link(workspace: Path) -> None:
    (workspace / "maps" / "broken.yaml").symlink_to("nowhere.yaml")
    _, report = validate()
    assert only(report)["path"] == "maps/broken.yaml"


def test_named_pipe_in_a_workspace_is_refused_without_blocking(
    workspace: Path, no_hang: None
) -> None:
    os.mkfifo(workspace / "maps" / "pipe.yaml")
    result, report = validate()
    assert result.exit_code == 2
    assert problems(report) == [
        (
            "maps/pipe.yaml",
            1,
            1,
            "CJM008",
            "cannot read the file: it is a named pipe, not a regular file",
        )
    ]


def test_named_pipe_named_on_the_command_line_is_refused_without_blocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_hang: None
) -> None:
    os.mkfifo(tmp_path / ".yaml")
    monkeypatch.chdir(tmp_path)
    result, report = validate(".yaml")
    assert result.exit_code == 2
    assert problems(report) == [
        (".yaml", 1, 1, "CJM008", "cannot read the file: it is a named pipe, not a regular file")
    ]


def test_named_pipe_named_inside_a_workspace_is_reported(workspace: Path, no_hang: None) -> None:
    os.mkfifo(workspace / "pipe.yaml")
    result, report = validate("pipe.yaml")
    assert result.exit_code == 2
    assert [d["path"] for d in report["diagnostics"]] == ["pipe.yaml"]


def test_device_is_refused_not_read_forever(tmp_path: Path, no_hang: None) -> None:
    result, report = validate("/dev/zero")
    assert result.exit_code == 2
    assert problems(report) == [
        ("/dev/zero", 1, 1, "CJM008", "cannot read the file: it is a device, not a regular file")
    ]


def test_symlinked_folder_loop_is_not_followed(workspace: Path) -> None:
    (workspace / "maps" / "loop").symlink_to(workspace / "maps", target_is_directory=True)
    (workspace / "maps" / "up").symlink_to(workspace, target_is_directory=True)
    result, report = validate()
    assert result.exit_code == 0
    assert report["files"] == ["cjm.yaml", "maps/solo.yaml"]


@pytest.mark.parametrize(
    ("links", "named"),
    [
        pytest.param({"a.yaml": "b.yaml", "b.yaml": "a.yaml"}, "maps/a.yaml", id="two-links"),
        pytest.param({"self.yaml": "self.yaml"}, "maps/self.yaml", id="self"),
    ],
)
def test_file_symlink_loop_is_named_by_the_command(
    workspace: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    links: dict[str, str],
    named: str,
) -> None:
    for name, target in links.items():
        (workspace / "maps" / name).symlink_to(target)
    monkeypatch.setattr(sys, "argv", ["cjm", "validate", "--select", "CJM103"])
    monkeypatch.delenv("CJM_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 2
    output = capsys.readouterr()
    assert "internal error" not in output.err and "Traceback" not in output.err
    assert re.search(
        rf"^({named}:1:1: error CJM008 cannot read the file: |error: cannot read {named}: )"
        "it is a symlink loop",
        output.out + output.err,
        re.MULTILINE,
    ), output


def test_file_symlink_loop_is_one_finding_among_others(workspace: Path) -> None:
    (workspace / "maps" / "a.yaml").symlink_to("b.yaml")
    (workspace / "maps" / "b.yaml").symlink_to("a.yaml")
    result = CliRunner().invoke(app, ["validate", "--format", "json"], env=PLAIN_ENV)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    report = json.loads(result.stdout)
    assert result.exit_code == 2
    assert ("maps/a.yaml", 1, 1, "CJM008") in [
        (d["path"], d["line"], d["column"], d["code"]) for d in report["diagnostics"]
    ]
    assert "maps/solo.yaml" in report["files"]


# -- one size limit for every command that reads maps -----------------------------------------


@pytest.fixture
def two_megabytes(workspace: Path) -> Path:
    """A sparse 2 MB map in the workspace: under the default limit, over a 1 MB one."""
    path = workspace / "maps" / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024 * 1024)
    return path


READING_COMMANDS = [
    pytest.param(["validate"], id="validate"),
    pytest.param(["render", "--format", "dot", "--out", "out"], id="render"),
    pytest.param(["fmt", "--check"], id="fmt"),
    pytest.param(["diff", "maps/big.yaml", "maps/solo.yaml"], id="diff"),
]
OVER_THE_LIMIT = "maps/big.yaml:1:1: error CJM007 the file is 2.0 MB, over the 1.0 MB limit"


@pytest.mark.parametrize("command", READING_COMMANDS)
def test_every_reading_command_takes_the_size_limit_option(
    two_megabytes: Path, command: list[str]
) -> None:
    result = CliRunner().invoke(app, [*command, "--max-file-size", "1"], env=PLAIN_ENV)
    assert_no_traceback(result)
    assert result.exit_code != 0
    assert OVER_THE_LIMIT in result.output


@pytest.mark.parametrize("command", READING_COMMANDS)
def test_every_reading_command_takes_the_size_limit_from_the_environment(
    two_megabytes: Path, command: list[str]
) -> None:
    result = CliRunner().invoke(app, command, env={**PLAIN_ENV, "CJM_MAX_FILE_SIZE": "1"})
    assert_no_traceback(result)
    assert result.exit_code != 0
    assert OVER_THE_LIMIT in result.output


@pytest.mark.parametrize("command", READING_COMMANDS)
def test_the_default_size_limit_lets_two_megabytes_through(
    two_megabytes: Path, command: list[str]
) -> None:
    # Past the size gate, the sparse file is refused for what it holds: NUL bytes.
    result = CliRunner().invoke(app, command, env=PLAIN_ENV)
    assert_no_traceback(result)
    assert "over the" not in result.output
    assert "maps/big.yaml:1:1: error CJM007 this is a binary file" in result.output


def test_a_size_limit_in_the_environment_that_is_not_a_number_is_a_usage_error(
    workspace: Path,
) -> None:
    result = CliRunner().invoke(app, ["validate"], env={**PLAIN_ENV, "CJM_MAX_FILE_SIZE": "lots"})
    assert result.exit_code == 2
    assert "Invalid value for '--max-file-size' (env var: 'CJM_MAX_FILE_SIZE')" in result.output
