"""Reading bytes into text: limits, encodings, binary content."""

from __future__ import annotations

import codecs
import os
import signal
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from cjm.diagnostics import Location
from cjm.load.source import decode, read_source


def test_utf8_with_and_without_bom() -> None:
    assert decode(b"a: 1\n", "f").text == "a: 1\n"
    assert decode(codecs.BOM_UTF8 + b"a: 1\n", "f").text == "a: 1\n"


def test_utf16_with_bom_is_decoded() -> None:
    data = codecs.BOM_UTF16_LE + "a: café\n".encode("utf-16-le")
    assert decode(data, "f").text == "a: café\n"


def test_invalid_utf8_is_located_at_the_bad_byte() -> None:
    source = decode(b"a: 1\nb: ok\nc: caf" + b"\xe9\n", "f")
    assert source.text is None
    [problem] = source.diagnostics
    assert problem.code.name == "input-refused"
    assert problem.location == Location(3, 7)
    assert problem.message == "the file is not valid UTF-8 text (byte 0xe9)"
    assert problem.hint == "save the file as UTF-8"


def test_binary_content_is_refused_at_the_first_nul() -> None:
    source = decode(b"abc\n\x89PNG\x00\x01", "f")
    assert source.text is None
    [problem] = source.diagnostics
    assert problem.message == "this is a binary file, not a YAML text file"
    assert problem.location == Location(2, 5)


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(3 * 1024 * 1024)
    source = read_source(path, "big.yaml", max_bytes=2 * 1024 * 1024)
    assert source.text is None
    assert source.diagnostics[0].message == "the file is 3.0 MB, over the 2.0 MB limit"
    assert not source.unreadable


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    source = read_source(tmp_path / "gone.yaml", "gone.yaml")
    assert source.unreadable
    assert source.diagnostics[0].code.name == "file-error"
    assert source.diagnostics[0].message.startswith("cannot read the file: ")


def test_a_file_that_grows_past_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size a file announces is not trusted: at most the limit is ever read."""
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    real_fstat = os.fstat

    def announce_a_small_size(descriptor: int) -> os.stat_result:
        status = list(real_fstat(descriptor))
        status[stat.ST_SIZE] = 10
        return os.stat_result(status)

    monkeypatch.setattr(os, "fstat", announce_a_small_size)
    source = read_source(path, "growing.yaml", max_bytes=2 * 1024 * 1024)
    assert source.text is None
    assert source.diagnostics[0].message == "the file is over the 2.0 MB limit"


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail instead of waiting forever if opening a named pipe blocks."""

    def give_up(signum: int, frame: object) -> None:
        raise TimeoutError("reading blocked")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def make_folder(path: Path) -> None:
    path.mkdir()


def make_named_pipe(path: Path) -> None:
    os.mkfifo(path)


def make_broken_symlink(path: Path) -> None:
    path.symlink_to("gone.yaml")


def make_symlink_loop(path: Path) -> None:
    path.symlink_to(path.name)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (make_folder, "it is a folder, not a regular file"),
        (make_named_pipe, "it is a named pipe, not a regular file"),
        (make_broken_symlink, "it is a broken symlink: x.yaml -> gone.yaml leads to no file"),
        (make_symlink_loop, "it is a symlink loop: its links lead back to themselves"),
    ],
)
def test_what_is_not_a_regular_file_is_unreadable(
    tmp_path: Path, no_hang: None, make: Callable[[Path], None], reason: str
) -> None:
    make(tmp_path / "x.yaml")
    source = read_source(tmp_path / "x.yaml", "x.yaml")
    assert source.unreadable
    [problem] = source.diagnostics
    assert problem.code.name == "file-error"
    assert problem.message == f"cannot read the file: {reason}"


def test_a_device_is_unreadable() -> None:
    source = read_source(Path("/dev/zero"), "/dev/zero")
    assert source.unreadable
    assert source.diagnostics[0].message == (
        "cannot read the file: it is a device, not a regular file"
    )


def test_a_file_swapped_for_a_named_pipe_after_the_check_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_hang: None
) -> None:
    """The check before opening sees a regular file; the one after sees the pipe."""
    regular = tmp_path / "regular.yaml"
    regular.write_text("a: 1\n")
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    real_stat = Path.stat

    def stat_of_a_regular_file(self: Path, **kwargs: Any) -> os.stat_result:
        return real_stat(regular if self == pipe else self, **kwargs)

    monkeypatch.setattr(Path, "stat", stat_of_a_regular_file)
    source = read_source(pipe, "pipe.yaml")
    assert source.unreadable
    assert source.diagnostics[0].message == (
        "cannot read the file: it is a named pipe, not a regular file"
    )
