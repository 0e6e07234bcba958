"""Hostile files through the real command: ``python -m cjm validate FILE`` in a subprocess
with a memory limit and a timeout, so that a hang or a blow-up fails the test instead of
taking the machine down.

Every hostile case ends with a non-zero exit and a message that names the file, with its
line and column when the problem has a place in the file; never a traceback, never an
internal error. The odd-but-valid cases (a byte order mark, a huge string) must pass.
"""

from __future__ import annotations

import codecs
import gzip
import itertools
import os
import random
import re
import subprocess
from pathlib import Path

import pytest

from tests.samples import STANDALONE_MAP as VALID_MAP

from .conftest import MAP, command_env, run_cjm, run_python, write

Process = subprocess.CompletedProcess[str]
EXIT_FINDINGS, EXIT_UNREADABLE = 1, 2
FIVE_MEGABYTES = 5 * 1024 * 1024


def assert_refused(done: Process, message: str, exit_code: int) -> None:
    """``message`` (a regular expression) starts a line of the output, the exit status
    is ``exit_code``, and nothing looks like a crash."""
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output[-3000:]
    assert "internal error" not in output, output[-3000:]
    assert done.returncode == exit_code, output[-3000:]
    assert re.search(f"^{message}", output, re.MULTILINE), output[-3000:]


def assert_clean_pass(done: Process) -> None:
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output[-3000:]
    assert done.returncode == 0, output[-3000:]
    assert "error" not in done.stdout, done.stdout[-3000:]


# -- single files, outside any workspace -----------------------------------------------------


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in itertools.pairwise("abcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def mapping_laughs() -> str:
    lines = ["a: &a {" + ", ".join(f"k{i}: lol" for i in range(9)) + "}"]
    for previous, name in itertools.pairwise("abcdefghi"):
        lines.append(
            f"{name}: &{name} {{" + ", ".join(f"k{i}: *{previous}" for i in range(9)) + "}"
        )
    return "\n".join(lines) + "\n"


def binary_noise() -> bytes:
    noise = random.Random(20261129).randbytes(8192)
    assert b"\x00" in noise
    return noise


PNG_START = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
TAB_MAP = VALID_MAP.replace("    name: Sign-up", "\tname: Sign-up")
DUPLICATE_TOP_KEY = VALID_MAP.replace("type: current-state", "type: current-state\ntitle: Again")
DUPLICATE_NESTED_KEY = VALID_MAP.replace(
    "        emotion: 1", "        emotion: 1\n        emotion: -2"
)


@pytest.mark.parametrize(
    ("data", "message", "exit_code"),
    [
        pytest.param(
            billion_laughs(),
            r"hostile\.yaml:\d+:\d+: error CJM007 aliases expand this document beyond a safe size",
            EXIT_FINDINGS,
            id="alias-bomb-of-lists",
        ),
        pytest.param(
            mapping_laughs(),
            r"hostile\.yaml:\d+:\d+: error CJM007 aliases expand this document beyond a safe size",
            EXIT_FINDINGS,
            id="alias-bomb-of-mappings",
        ),
        pytest.param(
            "[" * 100_000 + "]" * 100_000 + "\n",
            r"hostile\.yaml:1:65: error CJM007 the document nests deeper than 64 levels",
            EXIT_FINDINGS,
            id="deep-flow-lists",
        ),
        pytest.param(
            "{a: " * 100_000 + "1" + "}" * 100_000 + "\n",
            r"hostile\.yaml:1:257: error CJM007 the document nests deeper than 64 levels",
            EXIT_FINDINGS,
            id="deep-flow-mappings",
        ),
        pytest.param(
            "".join(" " * depth + f"k{depth}:\n" for depth in range(2000)),
            r"hostile\.yaml:65:65: error CJM007 the document nests deeper than 64 levels",
            EXIT_FINDINGS,
            id="deep-block-mappings",
        ),
        pytest.param(
            "- " * 2000 + "x\n",
            r"hostile\.yaml:1:129: error CJM007 the document nests deeper than 64 levels",
            EXIT_FINDINGS,
            id="deep-block-lists",
        ),
        pytest.param(
            b"id: trial\ntitle: Trial\ndescription: caf\xe9\n",
            r"hostile\.yaml:3:17: error CJM007 the file is not valid UTF-8 text \(byte 0xe9\)",
            EXIT_FINDINGS,
            id="latin-1",
        ),
        pytest.param(
            b"id: trial\ntitle: \x93Trial\x94\n",
            r"hostile\.yaml:2:8: error CJM007 the file is not valid UTF-8 text \(byte 0x93\)",
            EXIT_FINDINGS,
            id="windows-1252",
        ),
        pytest.param(
            b"id: trial\ntitle: \xc0\xaf\n",
            r"hostile\.yaml:2:8: error CJM007 the file is not valid UTF-8 text \(byte 0xc0\)",
            EXIT_FINDINGS,
            id="overlong-utf-8",
        ),
        pytest.param(
            codecs.BOM_UTF16_LE + "id: trial\n".encode("utf-16-le") + b"\x00",
            r"hostile\.yaml:1:1: error CJM007 the file is not valid UTF-16-LE text",
            EXIT_FINDINGS,
            id="truncated-utf-16",
        ),
        pytest.param(
            binary_noise(),
            r"hostile\.yaml:\d+:\d+: error CJM007 this is a binary file, not a YAML text file",
            EXIT_FINDINGS,
            id="random-bytes",
        ),
        pytest.param(
            PNG_START,
            r"hostile\.yaml:3:1: error CJM007 this is a binary file, not a YAML text file",
            EXIT_FINDINGS,
            id="png-image",
        ),
        pytest.param(
            gzip.compress(VALID_MAP.encode(), mtime=0),
            r"hostile\.yaml:1:\d+: error CJM007 (this is a binary file|the file is not valid)",
            EXIT_FINDINGS,
            id="gzip-archive",
        ),
        pytest.param(
            VALID_MAP.replace("title: Solo journey", "title: Solo\x07journey"),
            r"hostile\.yaml:2:12: error CJM007 control character U\+0007 is not allowed",
            EXIT_FINDINGS,
            id="control-character",
        ),
        pytest.param(
            TAB_MAP,
            r"hostile\.yaml:12:1: error CJM001 a tab character: YAML indentation must use spaces",
            EXIT_FINDINGS,
            id="tab-indentation",
        ),
        pytest.param(
            DUPLICATE_TOP_KEY,
            r"hostile\.yaml:4:1: error CJM002 duplicate key 'title' \(first defined on line 2\)",
            EXIT_FINDINGS,
            id="duplicate-top-level-key",
        ),
        pytest.param(
            DUPLICATE_NESTED_KEY,
            r"hostile\.yaml:17:9: error CJM002 duplicate key 'emotion' "
            r"\(first defined on line 16\)",
            EXIT_FINDINGS,
            id="duplicate-nested-key",
        ),
        pytest.param(
            VALID_MAP.replace("type: current-state", "type: " + "x" * FIVE_MEGABYTES),
            r"hostile\.yaml:3:7: error CJM005 'x{39}…' is not a valid type",
            EXIT_FINDINGS,
            id="five-megabyte-invalid-value",
        ),
    ],
)
def test_hostile_file_is_refused(
    tmp_path: Path, data: str | bytes, message: str, exit_code: int
) -> None:
    write(tmp_path / "hostile.yaml", data)
    done = run_cjm(["validate", "hostile.yaml"], tmp_path)
    assert_refused(done, message, exit_code)
    # The report quotes a clipped line, never megabytes of the input.
    assert len(done.stdout) < 20_000


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    with (tmp_path / "huge.yaml").open("wb") as sparse:
        sparse.truncate(21 * 1024 * 1024)
    done = run_cjm(["validate", "huge.yaml"], tmp_path)
    assert_refused(
        done, r"huge\.yaml:1:1: error CJM007 the file is 21\.0 MB, over the 20\.0 MB limit", 1
    )


@pytest.mark.parametrize(
    ("option", "env"),
    [
        pytest.param(["--max-file-size", "1"], {}, id="option"),
        pytest.param([], {"CJM_MAX_FILE_SIZE": "1"}, id="environment"),
    ],
)
def test_a_lower_size_limit_refuses_a_real_map(
    tmp_path: Path, option: list[str], env: dict[str, str]
) -> None:
    padding = "# " + "x" * 1000 + "\n"
    write(tmp_path / "padded.yaml", VALID_MAP + padding * 2000)
    done = run_cjm(["validate", *option, "padded.yaml"], tmp_path, env=command_env(**env))
    assert_refused(
        done, r"padded\.yaml:1:1: error CJM007 the file is 1\.9 MB, over the 1\.0 MB limit", 1
    )


@pytest.mark.parametrize(
    "encoded",
    [
        pytest.param(codecs.BOM_UTF8 + VALID_MAP.encode("utf-8"), id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + VALID_MAP.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + VALID_MAP.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(VALID_MAP.encode("utf-32"), id="utf-32-bom"),
    ],
)
def test_valid_map_with_a_byte_order_mark_passes(tmp_path: Path, encoded: bytes) -> None:
    write(tmp_path / "map.yaml", encoded)
    assert_clean_pass(run_cjm(["validate", "map.yaml"], tmp_path))


def test_valid_map_with_a_five_megabyte_string_passes(tmp_path: Path) -> None:
    huge = "x" * FIVE_MEGABYTES
    write(tmp_path / "map.yaml", VALID_MAP.replace("title: Solo journey", f"title: {huge}"))
    done = run_cjm(["validate", "map.yaml"], tmp_path)
    assert_clean_pass(done)
    assert len(done.stdout) < 20_000


# -- YAML tags that would run code -----------------------------------------------------------


TAGS: list[tuple[str, str, str]] = [
    # (name, document writing to MARKER if ever constructed, expected line:column)
    ("os-system", 'x: !!python/object/apply:os.system ["touch MARKER"]\n', "1:4"),
    ("os-system-new", 'x: !!python/object/new:os.system ["touch MARKER"]\n', "1:4"),
    ("subprocess", "x: !!python/object/apply:subprocess.call [[touch, MARKER]]\n", "1:4"),
    ("exec", "x: !!python/object/apply:builtins.exec [\"open('MARKER', 'w')\"]\n", "1:4"),
    ("keyword-form", 'x: !!python/object/apply:os.system {args: ["touch MARKER"]}\n', "1:4"),
    ("python-name", "x: !!python/name:os.system\n", "1:4"),
    ("python-module", "x: !!python/module:os\n", "1:4"),
    ("verbatim", 'x: !<tag:yaml.org,2002:python/object/apply:os.system> ["touch MARKER"]\n', "1:4"),
    (
        "tag-directive",
        "%TAG !py! tag:yaml.org,2002:python/object/apply:\n"
        '---\nx: !py!os.system ["touch MARKER"]\n',
        "3:4",
    ),
    ("as-a-key", '? !!python/object/apply:os.system ["touch MARKER"]\n: value\n', "1:3"),
    (
        "through-an-alias",
        'a: &run !!python/object/apply:os.system ["touch MARKER"]\nb: *run\n',
        "1:4",
    ),
    ("local-tag", 'x: !shell "touch MARKER"\n', "1:4"),
]


def test_code_running_tags_construct_nothing(tmp_path: Path) -> None:
    """Every tag file in one run: each is refused where its tag stands, none runs."""
    marker = tmp_path / "marker"
    for name, document, _ in TAGS:
        write(tmp_path / f"{name}.yaml", document.replace("MARKER", str(marker)))
    done = run_cjm(["validate", *(f"{name}.yaml" for name, _, _ in TAGS)], tmp_path)
    for name, _, where in TAGS:
        assert_refused(
            done,
            rf"{name}\.yaml:{where}: error CJM007 unsupported YAML tag '[^']+': maps use plain "
            "YAML values only",
            EXIT_FINDINGS,
        )
    assert done.stdout.count("error CJM007") == len(TAGS)
    assert not marker.exists()


# -- what is not a readable file ------------------------------------------------------------


# A symlink loop is named either by the loader, or (where Python's Path.resolve() raises on
# loops, before 3.13) by the command's last line of defence.
def symlink_loop(name: str) -> str:
    escaped = re.escape(name)
    return (
        rf"({escaped}:1:1: error CJM008 cannot read the file: |error: cannot read {escaped}: )"
        "it is a symlink loop"
    )


def test_symlinked_folder_loop_is_not_followed(workspace: Path) -> None:
    """Symlinked folders are not followed, so a loop ends nothing: the run finishes and
    the map with a problem is reported once, not once per trip round the loop."""
    bad = MAP.replace("id: trial", "id: bad").replace("type: current-state", "type: nope")
    write(workspace / "maps" / "bad.yaml", bad)
    (workspace / "maps" / "loop").symlink_to(workspace / "maps", target_is_directory=True)
    (workspace / "maps" / "up").symlink_to(workspace, target_is_directory=True)
    done = run_cjm(["validate"], workspace)
    assert_refused(done, r"maps/bad\.yaml:3:7: error CJM005 'nope' is not a valid type", 1)
    assert done.stdout.count("error CJM005") == 1


def test_file_symlink_loop_is_refused(workspace: Path) -> None:
    (workspace / "maps" / "a.yaml").symlink_to("b.yaml")
    (workspace / "maps" / "b.yaml").symlink_to("a.yaml")
    done = run_cjm(["validate"], workspace)
    assert_refused(done, symlink_loop("maps/a.yaml"), EXIT_UNREADABLE)


def test_self_symlink_is_refused(workspace: Path) -> None:
    (workspace / "maps" / "self.yaml").symlink_to("self.yaml")
    done = run_cjm(["validate"], workspace)
    assert_refused(done, symlink_loop("maps/self.yaml"), EXIT_UNREADABLE)


def test_folder_named_like_a_map_is_refused(workspace: Path) -> None:
    (workspace / "maps" / "x.yaml").mkdir()
    done = run_cjm(["validate"], workspace)
    assert_refused(
        done,
        r"maps/x\.yaml:1:1: error CJM008 cannot read the file: it is a folder, not a regular file",
        EXIT_UNREADABLE,
    )


def test_broken_symlink_is_refused(workspace: Path) -> None:
    (workspace / "maps" / "broken.yaml").symlink_to("nowhere.yaml")
    done = run_cjm(["validate"], workspace)
    # The file is named after the link's target for now (see test_hostile_input.py).
    assert_refused(
        done,
        r"maps/(broken|nowhere)\.yaml:1:1: error CJM008 cannot read the file: it is a broken "
        r"symlink: broken\.yaml -> nowhere\.yaml leads to no file",
        EXIT_UNREADABLE,
    )


def test_named_pipe_in_a_workspace_does_not_hang(workspace: Path) -> None:
    os.mkfifo(workspace / "maps" / "pipe.yaml")
    done = run_cjm(["validate"], workspace)
    assert_refused(
        done,
        r"maps/pipe\.yaml:1:1: error CJM008 cannot read the file: it is a named pipe, not a "
        "regular file",
        EXIT_UNREADABLE,
    )


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["fmt", "--check"], id="fmt"),
        pytest.param(["render", "--format", "dot", "--out", "out"], id="render"),
        pytest.param(["diff", "maps/pipe.yaml", "maps/trial.yaml"], id="diff"),
    ],
)
def test_named_pipe_does_not_hang_other_commands(workspace: Path, command: list[str]) -> None:
    os.mkfifo(workspace / "maps" / "pipe.yaml")
    done = run_cjm(command, workspace)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "Traceback" not in output and "internal error" not in output, output
    assert re.search(
        r"maps/pipe\.yaml:1:1: error CJM008 cannot read the file: it is a named pipe", output
    ), output


@pytest.mark.parametrize("name", ["pipe.yaml", ".yaml"])
def test_named_pipe_given_by_name_does_not_hang(tmp_path: Path, name: str) -> None:
    os.mkfifo(tmp_path / name)
    done = run_cjm(["validate", name], tmp_path)
    assert_refused(
        done,
        rf"{re.escape(name)}:1:1: error CJM008 cannot read the file: it is a named pipe",
        EXIT_UNREADABLE,
    )


def test_device_is_not_read_forever(tmp_path: Path) -> None:
    done = run_cjm(["validate", "/dev/zero"], tmp_path)
    assert_refused(
        done,
        r"/dev/zero:1:1: error CJM008 cannot read the file: it is a device, not a regular file",
        EXIT_UNREADABLE,
    )


def _unreadable_for_the_command(path: Path) -> bool:
    """Whether the command, run as the tests run it, is refused reading ``path``."""
    probe = run_python(["-c", f"open({str(path)!r}).read()"], path.parent, unprivileged=True)
    return probe.returncode != 0 and "PermissionError" in probe.stderr


def test_file_without_read_permission_is_refused(workspace: Path) -> None:
    locked = write(workspace / "maps" / "locked.yaml", MAP.replace("id: trial", "id: locked"))
    locked.chmod(0)
    try:
        if not _unreadable_for_the_command(locked):
            pytest.skip("this system cannot take away root's power to read any file")
        done = run_cjm(["validate"], workspace, unprivileged=True)
    finally:
        locked.chmod(0o644)
    assert_refused(
        done,
        r"maps/locked\.yaml:1:1: error CJM008 cannot read the file: Permission denied",
        EXIT_UNREADABLE,
    )
