"""Read a file's bytes into text, refusing what is not a YAML document.

Everything that can go wrong before parsing happens here: unreadable files, files over
the size limit, binary content and text that is not UTF-8. Each problem becomes a
:class:`~cjm.diagnostics.Diagnostic` at the place it was found.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from cjm.diagnostics import FILE_ERROR, INPUT_REFUSED, Diagnostic, Location, Severity

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass
class SourceText:
    """The decoded text of a file, or the reasons it could not be read."""

    path: str
    text: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable: bool = False


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _byte_location(data: bytes, offset: int) -> Location:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Location(line, column)


def decode(data: bytes, path: str) -> SourceText:
    """Decode ``data`` as a YAML stream would be: UTF-8, or UTF-16/32 announced by a BOM."""
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, data = name, data[len(bom) :]
            break
    if encoding == "utf-8" and b"\x00" in data:
        where = _byte_location(data, data.index(b"\x00"))
        return _refused(path, "this is a binary file, not a YAML text file", where)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        where = _byte_location(data, error.start) if encoding == "utf-8" else Location(1, 1)
        return _refused(
            path,
            f"the file is not valid {encoding.upper()} text (byte 0x{data[error.start]:02x})",
            where,
            hint="save the file as UTF-8",
        )
    return SourceText(path, text)


def read_source(path: Path, display: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read ``path`` from disk; ``display`` is the name used in messages."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _refused(
                display,
                f"the file is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit",
                Location(1, 1),
                hint="split the journey into several maps",
            )
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        diagnostic = Diagnostic(
            FILE_ERROR, Severity.ERROR, f"cannot read the file: {reason}", display
        )
        return SourceText(display, None, [diagnostic], unreadable=True)
    return decode(data, display)


def _refused(path: str, message: str, where: Location, hint: str | None = None) -> SourceText:
    diagnostic = Diagnostic(INPUT_REFUSED, Severity.ERROR, message, path, where, hint)
    return SourceText(path, None, [diagnostic])
