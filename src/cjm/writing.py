"""Write files atomically: a reader sees the old file or the new one, never half of one.

Every file cjm writes goes through here. The data goes to a temporary file in the target's
folder (so the final rename stays on one file system), is flushed to disk, and only then
takes the target's name in one rename. Whatever interrupts the write (an error, a full
disk, Ctrl-C), the previous file is left exactly as it was and the temporary file is
removed.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

NEW_FILE_MODE = 0o644


def write_text_atomic(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically (see :func:`write_bytes_atomic`)."""
    write_bytes_atomic(path, text.encode("utf-8"), overwrite=overwrite)


def write_bytes_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A file that exists keeps its permissions. A symlink at ``path`` is replaced by the new
    file, never written through. A file the user may not write is not replaced, although
    a rename would allow it: :class:`PermissionError`, as a plain write would raise. With
    ``overwrite=False`` an existing ``path`` is never replaced: :class:`FileExistsError`,
    even when the file appears between a caller's check and the write.
    """
    if overwrite:
        _check_writable(path)
    temporary = _write_temporary(path, data, _mode_for(path))
    try:
        if overwrite:
            temporary.replace(path)
        else:
            _create_from(temporary, path)
    finally:
        # After a successful rename the temporary name is already gone.
        temporary.unlink(missing_ok=True)
    _sync_folder(path.parent)


def _check_writable(path: Path) -> None:
    if path.is_symlink() or not path.is_file():
        return
    if not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))


def _mode_for(path: Path) -> int:
    """The permissions the new file gets: those of the regular file it replaces."""
    try:
        status = path.lstat()
    except FileNotFoundError:
        return NEW_FILE_MODE
    return stat.S_IMODE(status.st_mode) if stat.S_ISREG(status.st_mode) else NEW_FILE_MODE


def _write_temporary(path: Path, data: bytes, mode: int) -> Path:
    """A hidden temporary file next to ``path`` holding ``data``, flushed to disk."""
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    temporary = Path(name)
    try:
        try:
            _write_all(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        temporary.chmod(mode)
    except BaseException:
        temporary.unlink()
        raise
    return temporary


def _write_all(descriptor: int, data: bytes) -> None:
    """``os.write`` until every byte is written: one call may write only part of them."""
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]


def _create_from(temporary: Path, path: Path) -> None:
    """Give ``temporary`` the name ``path`` only if nothing has that name yet."""
    try:
        os.link(temporary, path)  # atomic, and refuses to replace an existing file
        return
    except FileExistsError:
        raise
    except OSError:
        pass  # a file system without hard links: claim the name, then swap the data in
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE))
    try:
        temporary.replace(path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry too, so that after a crash the new name is on disk.

    Best effort: some systems (Windows) cannot open a folder for this.
    """
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
