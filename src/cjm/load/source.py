"""Read a file's bytes into text, refusing what is not a YAML document.

Everything that can go wrong before parsing happens here: unreadable files, things that
are not files at all (folders, named pipes, devices, broken or looping symlinks), files
over the size limit, binary content and text that is not UTF-8. Each problem becomes a
:class:`~cjm.diagnostics.Diagnostic` at the place it was found.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cjm.diagnostics import FILE_ERROR, INPUT_REFUSED, Diagnostic, Location, Severity

DEFAULT_MAX_MEGABYTES = 20
DEFAULT_MAX_BYTES = DEFAULT_MAX_MEGABYTES * 1024 * 1024
# Reading past the announced size (a file that grows, a /proc file of size 0) goes on in
# chunks of this many bytes, so memory never runs ahead of the data.
_CHUNK = 1024 * 1024
# Non-blocking, so that opening a named pipe cannot hang; binary on Windows; and never
# making a terminal the controlling one.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NOCTTY", 0)
)

_NOT_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)

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


class _NotReadable(Exception):
    """The path cannot be read as a file; the message says why, in the user's terms."""


class _TooLarge(Exception):
    """The file is over the size limit; ``size`` is its size when known."""

    def __init__(self, size: int | None) -> None:
        super().__init__(size)
        self.size = size


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


def too_large(display: str, size: int | None, max_bytes: int) -> SourceText:
    """The refusal of a file of ``size`` bytes (None: unknown) over ``max_bytes``, wherever
    it is read from (disk, or a git revision)."""
    shown = "" if size is None else f" {_megabytes(size)},"
    return _refused(
        display,
        f"the file is{shown} over the {_megabytes(max_bytes)} limit",
        Location(1, 1),
        hint="split the journey into several maps, or raise the limit: "
        "--max-file-size MB or CJM_MAX_FILE_SIZE=MB",
    )


def read_source(path: Path, display: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read ``path`` from disk; ``display`` is the name used in messages."""
    try:
        data = _read_file_bytes(path, max_bytes)
    except _TooLarge as refused:
        return too_large(display, refused.size, max_bytes)
    except _NotReadable as reason:
        return _unreadable(display, str(reason))
    except OSError as error:
        return _unreadable(display, error.strerror or str(error))
    return decode(data, display)


def _read_file_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path``, never more than ``max_bytes``.

    Anything else is refused before it is opened: opening a named pipe blocks until
    something writes to it, and reading a device such as ``/dev/zero`` never ends. The
    file is then opened without blocking and checked again, in case it was swapped for
    something else in between. Raises :class:`_TooLarge`, :class:`_NotReadable` or
    :class:`OSError`.
    """
    _check_is_file(_status(path))
    with io.FileIO(os.open(path, _OPEN_FLAGS), "rb") as handle:
        status = os.fstat(handle.fileno())
        _check_is_file(status)
        if status.st_size > max_bytes:
            raise _TooLarge(status.st_size)
        return _read_at_most(handle, status.st_size, max_bytes)


def _status(path: Path) -> os.stat_result:
    """``os.stat(path)``, with the two ways a symlink fails told apart from a missing file."""
    try:
        return path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _NotReadable("it is a symlink loop: its links lead back to themselves") from None
        if error.errno == errno.ENOENT and path.is_symlink():
            raise _NotReadable(
                f"it is a broken symlink: {path.name} -> {path.readlink()} leads to no file"
            ) from None
        raise


def _check_is_file(status: os.stat_result) -> None:
    if stat.S_ISREG(status.st_mode):
        return
    kind = next((name for test, name in _NOT_FILES if test(status.st_mode)), "something else")
    raise _NotReadable(f"it is {kind}, not a regular file")


def _read_at_most(handle: io.FileIO, expected: int, max_bytes: int) -> bytes:
    """Read to the end, or until one byte past ``max_bytes`` shows the file is too large.

    ``expected`` is the size the file announced: usually one read of that many bytes, and
    one more, gets it all.
    """
    chunks: list[bytes] = []
    total = 0
    wanted = expected + 1
    while total <= max_bytes:
        chunk = handle.read(wanted)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        wanted = min(_CHUNK, max_bytes + 1 - total)
    if total > max_bytes:
        raise _TooLarge(None)
    return b"".join(chunks)


def _unreadable(display: str, reason: str) -> SourceText:
    diagnostic = Diagnostic(FILE_ERROR, Severity.ERROR, f"cannot read the file: {reason}", display)
    return SourceText(display, None, [diagnostic], unreadable=True)


def _refused(path: str, message: str, where: Location, hint: str | None = None) -> SourceText:
    diagnostic = Diagnostic(INPUT_REFUSED, Severity.ERROR, message, path, where, hint)
    return SourceText(path, None, [diagnostic])
