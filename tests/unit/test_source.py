"""Reading bytes into text: limits, encodings, binary content."""

from __future__ import annotations

import codecs
from pathlib import Path

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
