"""Which file of the output folder a request names; everything else is refused.

The preview serves the files ``cjm render`` wrote into its temporary folder and nothing
else: not the workspace's maps, not a file a symlink leads to, not ``/etc/passwd``. A
request path is percent-decoded once and split on ``/``; a ``..`` or ``.`` segment, a
backslash or a NUL byte is refused outright (403), and what is left must resolve, with
every symlink followed, to a regular file inside the folder (else 404, or 403 when a
symlink leads out).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

FORBIDDEN, NOT_FOUND = 403, 404


class Refused(Exception):
    """The request names no file of the output; ``status`` is the HTTP status to send."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def target_path(target: str) -> str:
    """The path of a request target: ``/a/b.html`` of ``/a/b.html?q=1`` (a target that
    starts ``//`` is a path, not a host) or of ``http://host/a/b.html``."""
    if target.startswith("/"):
        return target.split("?", 1)[0].split("#", 1)[0]
    return urlsplit(target).path


def request_parts(target: str) -> list[str]:
    """The path segments of a request target (``/a/b.html?q=1`` -> ``["a", "b.html"]``).

    Raises :class:`Refused` (403) for a segment that climbs (``..``, ``%2e%2e``) or
    names the current folder, and for backslashes and NUL bytes, in plain or encoded form.
    """
    path = target_path(target)
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        raise Refused(NOT_FOUND, "the path is not UTF-8") from None
    if "\x00" in decoded or "\\" in decoded:
        raise Refused(FORBIDDEN, "the path holds a NUL byte or a backslash")
    parts = [part for part in decoded.split("/") if part]
    if any(part in (".", "..") for part in parts):
        raise Refused(FORBIDDEN, "the path climbs out of the preview")
    return parts


def resolve_request(root: Path, target: str) -> Path:
    """The regular file of ``root`` that the request target ``target`` names.

    Raises :class:`Refused`: 403 when the path climbs or a symlink leads out of
    ``root``, 404 when there is no such file (a folder is no file).
    """
    parts = request_parts(target)
    if not parts:
        raise Refused(NOT_FOUND, "the path names no file")
    base = Path(os.path.realpath(root))
    found = Path(os.path.realpath(base.joinpath(*parts)))
    if not found.is_relative_to(base):
        raise Refused(FORBIDDEN, "the path leads out of the preview")
    if not found.is_file():
        raise Refused(NOT_FOUND, "no such file")
    return found
