"""A cache of loaded documents, so that a file that did not change is not parsed again.

It lives in the workspace, in ``.cjm-cache/`` beside ``cjm.yaml``; a ``.gitignore``
holding ``*`` keeps it out of version control. Each loaded file (``cjm.yaml``, the shared
definitions, the maps, their bindings and the snapshots) is one small entry,
named by a hash of everything the loaded document depends on: the file's bytes, its path
and the name it is reported under, the model it is read as, the size limit, and the
versions of cjm, pydantic and Python, and a fingerprint of cjm's own code (the name, size
and modification time of each of its modules, so that an edited or reinstalled cjm of
the same version number does not read entries an older build wrote). A change to any of
them names another entry, so an entry is never stale: it is either the right one or not
looked at.

An entry is trusted only after checks: it starts with a header naming the format and
cjm's version, then its parts, each a SHA-256 of its data, the data's length and the
data; every checksum must match. A document's entry has two parts, each a pickle. The
first names the entry's key again and holds, for a map, its summary (see
:mod:`cjm.load.summary`); the second is the document. Checking one map reads and checks
the first part of the other maps' entries only, and the document when a check asks for
more (which is then checked in turn).
Anything else (a truncated, corrupt or foreign file) is ignored, reported in a note and
written anew. Entries are written atomically, so a run
beside another one reads the old entry or the new one, never half of one. A workspace
where the cache cannot be written is still checked, from the files, with one note.

Beside the documents, ``findings/`` keeps what the map rules found on each map, one
entry per map, named by a hash of everything those findings depend on (the map, cjm.yaml,
the shared definitions, the map's binding and snapshot, the future-state maps naming it,
the lint settings given, the day, and this namespace: see :mod:`cjm.lint.reuse`). Its
entries have the same header, then one part, a pickle naming the key again; they are
checked, ignored with a note when damaged, and written the same way. A run that lints
every map removes the findings entries it did not use; a run of some maps keeps them.

``formatted/`` keeps what ``cjm fmt`` found already in its canonical layout: one small
entry per file content, named by a hash of the file's exact bytes, what kind of file it
was read as (map, definitions, ``cjm.yaml``) and the same namespace (cjm's version and
code). Its entries have the same header, then one part holding the key again; ``cjm fmt``
skips a file whose entry is sound, and formats any other from scratch. Only a result
compared equal to the file's bytes is recorded, never a file ``cjm fmt`` just wrote. A
run over a whole workspace removes the entries it did not use.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import pydantic

from cjm import __version__
from cjm.diagnostics import Diagnostic
from cjm.load.document import Document, load_document
from cjm.load.summary import MapSummary, summarize
from cjm.model import JourneyMap
from cjm.writing import write_text_atomic

CACHE_FOLDER = ".cjm-cache"
# Bumped whenever what an entry holds changes shape (3: a map's summary and document are
# parts with checksums of their own; 4: models' sets of given fields are pickled as
# references to shared ones, see cjm.model.base.SharedFieldSet; 5: findings and
# formatted entries are framed as one part, like a document's; 6: a document's text is
# pickled compressed, see cjm.load.document.PackedText).
FORMAT = 6
_HEADER = f"cjm-cache {FORMAT} {__version__}\n".encode()


def _modules(folder: str, parts: tuple[str, ...]) -> list[tuple[tuple[str, ...], os.stat_result]]:
    """``(path parts relative to the package, stat)`` of every ``.py`` file under
    ``folder``, whose path relative to the package is ``parts``. Every run computes the
    fingerprint: ``os.scandir``, whose entries know whether they are folders, costs a
    fifth of ``Path.rglob`` with a ``Path`` and its parsing for every module."""
    found: list[tuple[tuple[str, ...], os.stat_result]] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                found.extend(_modules(entry.path, (*parts, entry.name)))
            elif entry.name.endswith(".py") and entry.is_file():
                found.append(((*parts, entry.name), entry.stat()))
    return found


def _code_fingerprint() -> str:
    """A hash of the name, size and modification time of every module of cjm, in the
    order of their paths' parts (the order ``sorted(Path.rglob(...))`` gave)."""
    package = str(Path(__file__).resolve().parent.parent)
    digest = hashlib.sha256()
    for parts, status in sorted(_modules(package, ()), key=lambda module: module[0]):
        digest.update(f"{'/'.join(parts)}|{status.st_size}|{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


# What the map rules found on one map: per rule (by code) that found or noted anything,
# its diagnostics (severity as the settings make it), the documents on which it held a
# finding back, and its notes (see cjm.lint.engine).
MapFindings = tuple[tuple[str, tuple[Diagnostic, ...], tuple[str, ...], tuple[str, ...]], ...]

NAMESPACE = (
    f"{FORMAT}|{__version__}|{pydantic.VERSION}|{sys.version}|{_code_fingerprint()}".encode()
)
ENTRIES = "documents"
FINDINGS = "findings"
FORMATTED = "formatted"
# An interrupted write leaves a hidden temporary file; one older than this is removed.
STALE_TEMPORARY_SECONDS = 3600


class DocumentCache:
    """The loaded-document entries of one workspace's cache folder."""

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_FOLDER
        self.entries = self.folder / ENTRIES
        self.findings = self.folder / FINDINGS
        self.formatted = self.folder / FORMATTED
        self.used_findings: set[str] = set()
        self.used_formatted: set[str] = set()
        self.notes: list[str] = []
        self.used: set[str] = set()
        self.hits = 0
        self.writes = 0
        self._writable = True
        self._warned_corrupt = False

    def key(self, path: Path, display: str, model: type[Any], max_bytes: int) -> str | None:
        """The key of ``path``'s entry, or None when the file is not a regular file that
        can be read within ``max_bytes`` (the loader then reports what is wrong)."""
        data = _read_regular(path, max_bytes)
        if data is None:
            return None
        digest = hashlib.sha256(NAMESPACE)
        for part in (str(path), display, f"{model.__module__}.{model.__qualname__}"):
            digest.update(b"\0" + part.encode("utf-8", "surrogateescape"))
        digest.update(f"\0{max_bytes}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> Document[Any] | None:
        """The document stored under ``key``, if there is a sound entry for it."""
        try:
            with (self.entries / key).open("rb") as file:
                head = _read_head(file, key)
                body = _read_part(file) if head is not None else None
        except OSError:
            return None
        document = _document(body) if body is not None else None
        if document is None:
            self._corrupt()
            return None
        self._hit(key)
        return document

    def get_summary(
        self, key: str, path: Path, display: str, max_bytes: int
    ) -> Document[Any] | None:
        """The map stored under ``key`` as a :class:`LazyDocument`: its summary now, the
        whole document when something asks for more. None without a sound entry, or
        when the entry holds no summary (then :meth:`get` reads it)."""
        entry = self.entries / key
        try:
            with entry.open("rb") as file:
                head = _read_head(file, key)
                where = file.tell()
        except OSError:
            return None
        if head is None:
            self._corrupt()
            return None
        summary, preset = head
        if summary is None:
            return None
        self._hit(key)
        read = functools.partial(self._document_at, entry, where)
        return LazyDocument(path, display, preset, summary, read, max_bytes)

    def _document_at(self, entry: Path, where: int) -> Document[Any] | None:
        """The document of ``entry``, whose second part starts at ``where``: read when a
        map that was read as its summary is asked for more. None (with the note) when
        the entry was removed or damaged since its summary was read."""
        try:
            with entry.open("rb") as file:
                file.seek(where)
                body = _read_part(file)
        except OSError:
            body = None
        document = _document(body) if body is not None else None
        if document is None:
            self._corrupt()
        return document

    def _hit(self, key: str) -> None:
        self.used.add(key)
        self.hits += 1

    def put(self, key: str, document: Document[Any], model: type[Any] | None = None) -> None:
        """Store ``document`` (read as ``model``) under ``key``, with a map's summary; a
        cache that cannot be written is left alone for the rest of the run, with a note."""
        if not self._writable:
            return
        self.used.add(key)
        try:
            data = _encode(key, document, model)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return  # kept out of the cache: it is loaded from its file next time too
        try:
            self._prepare(self.entries)
            _write_entry(self.entries / key, data)
        except OSError as problem:
            self._cannot_write(problem)
            return
        self.writes += 1

    def _cannot_write(self, problem: OSError) -> None:
        self._writable = False
        reason = problem.strerror or str(problem)
        self.notes.append(
            f"the cache in {self.folder} cannot be written ({reason}); "
            "checking from the files (--no-cache turns the cache off)"
        )

    def get_findings(self, key: str) -> MapFindings | None:
        """What the map rules found on a map, stored under ``key`` (see
        :mod:`cjm.lint.reuse`), if there is a sound entry for it."""
        try:
            data = (self.findings / key).read_bytes()
        except OSError:
            return None
        found = _decode_findings(data, key)
        if found is None:
            self._corrupt()
            return None
        self.used_findings.add(key)
        return found

    def put_findings(self, key: str, findings: MapFindings) -> None:
        """Store what the map rules found on a map under ``key``."""
        if not self._writable:
            return
        self.used_findings.add(key)
        try:
            payload = pickle.dumps((key, findings), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return  # found again next time
        try:
            self._prepare(self.findings)
            _write_entry(self.findings / key, _framed(payload))
        except OSError as problem:
            self._cannot_write(problem)

    @staticmethod
    def formatted_key(data: bytes, kind: str) -> str:
        """The key under which ``data``, a file's bytes read as ``kind`` (``map``,
        ``definitions``, ``workspace``), is known to be in ``cjm fmt``'s layout."""
        digest = hashlib.sha256(NAMESPACE)
        digest.update(f"\0{FORMATTED}\0{kind}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def is_formatted(self, key: str) -> bool:
        """Whether a sound entry says the content of ``key`` is formatted."""
        try:
            data = (self.formatted / key).read_bytes()
        except OSError:
            return False
        if _checked(data) != key.encode():
            self._corrupt()
            return False
        self.used_formatted.add(key)
        return True

    def put_formatted(self, key: str) -> None:
        """Record that the content of ``key`` was found formatted."""
        if not self._writable:
            return
        self.used_formatted.add(key)
        try:
            self._prepare(self.formatted)
            _write_entry(self.formatted / key, _framed(key.encode()))
        except OSError as problem:
            self._cannot_write(problem)

    def prune(self) -> None:
        """Remove entries this run did not use: those of files since changed, renamed or
        removed. Only after a run that loaded the whole workspace."""
        self._prune(self.entries, self.used)

    def prune_findings(self) -> None:
        """Remove findings entries this run did not use. Only after a run that ran the map
        rules on every map of the workspace."""
        self._prune(self.findings, self.used_findings)

    def prune_formatted(self) -> None:
        """Remove formatted entries this run did not use. Only after a run that formatted
        (or checked) every file of the workspace."""
        self._prune(self.formatted, self.used_formatted)

    def _prune(self, folder: Path, used: set[str]) -> None:
        if not self._writable or not used:
            return
        try:
            entries = list(folder.iterdir())
        except OSError:
            return
        now = time.time()
        for entry in entries:
            if entry.name in used:
                continue
            # Another run may have removed it already, or it may be read-only.
            with contextlib.suppress(OSError):
                # A hidden file is the temporary file of a write: under way, or
                # left behind by one that was interrupted long ago.
                hidden = entry.name.startswith(".")
                if not hidden or now - entry.stat().st_mtime > STALE_TEMPORARY_SECONDS:
                    entry.unlink()

    def _prepare(self, folder: Path) -> None:
        """Create ``folder`` in the cache folder, with the ``.gitignore`` that hides the
        cache from git."""
        if folder.is_dir():
            return
        folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            write_text_atomic(ignore, "# Written by cjm: a cache, safe to delete.\n*\n")

    def _corrupt(self) -> None:
        if not self._warned_corrupt:
            self._warned_corrupt = True
            self.notes.append(
                f"ignored damaged or foreign entries of the cache in {self.folder}; "
                "they are rebuilt from the files"
            )


def _write_entry(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: to a hidden temporary file, then renamed.

    Unlike :func:`cjm.writing.write_bytes_atomic`, nothing is flushed to disk first (that
    costs more than parsing the file again): an entry a crash leaves damaged fails its
    checksum and is written anew, and a reader beside this run sees the whole old entry,
    the whole new one, or none."""
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def _checksum(payload: bytes) -> bytes:
    return hashlib.sha256(payload).digest()


# The fields of a document that a summary stands beside: read with the summary.
PRESET_FIELDS = ("diagnostics", "unreadable", "unloaded", "unloaded_mentions")
_LENGTH = 8
_PART_PREFIX = 32 + _LENGTH  # a part's checksum and length


def _encode(key: str, document: Document[Any], model: type[Any] | None) -> bytes:
    """A document's entry as it is written: the header, then the head (key, summary,
    preset fields) and the document as two parts."""
    summary = summarize(document) if model is JourneyMap else None
    preset = {name: getattr(document, name) for name in PRESET_FIELDS}
    head = pickle.dumps((key, summary, preset), protocol=pickle.HIGHEST_PROTOCOL)
    body = pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER + _part(head) + _part(body)


def _part(data: bytes) -> bytes:
    """``data`` as a part of an entry: its SHA-256, its length, itself."""
    return _checksum(data) + len(data).to_bytes(_LENGTH, "big") + data


def _read_part(file: BinaryIO) -> bytes | None:
    """The data of the part that ``file`` is at, if it is whole and its checksum matches."""
    prefix = file.read(_PART_PREFIX)
    if len(prefix) < _PART_PREFIX:
        return None
    length = int.from_bytes(prefix[32:], "big")
    data = file.read(length)
    return data if len(data) == length and _checksum(data) == prefix[:32] else None


def _read_head(file: BinaryIO, key: str) -> tuple[MapSummary | None, dict[str, Any]] | None:
    """The summary and preset fields of the document entry ``file`` is open on, leaving
    ``file`` at its second part; None unless the header, the checksum and the shape of
    what the first part holds are sound and it names ``key``."""
    if file.read(len(_HEADER)) != _HEADER:
        return None
    head = _read_part(file)
    found = _unpickled(head) if head is not None else None
    if not (isinstance(found, tuple) and len(found) == 3 and found[0] == key):
        return None
    summary, preset = found[1], found[2]
    if summary is not None and not isinstance(summary, MapSummary):
        return None
    if not (isinstance(preset, dict) and set(preset) == set(PRESET_FIELDS)):
        return None
    return summary, preset


def _framed(payload: bytes) -> bytes:
    """A findings or formatted entry as it is written: the header, then ``payload`` as
    its one part."""
    return _HEADER + _part(payload)


def _checked(data: bytes) -> bytes | None:
    """The payload of a findings or formatted entry whose header and part are sound and
    followed by nothing, or None."""
    file = io.BytesIO(data)
    if file.read(len(_HEADER)) != _HEADER:
        return None
    payload = _read_part(file)
    return payload if payload is not None and not file.read(1) else None


def _unpickled(data: bytes) -> object | None:
    """What ``data`` pickles, or None when it cannot be read."""
    try:
        found: object = pickle.loads(data)
    except Exception:  # a damaged pickle may raise almost anything
        return None
    return found


def _decode_findings(data: bytes, key: str) -> MapFindings | None:
    """The map rules' findings that a findings entry holds, or None unless every check
    passes: header, checksum, the key again, and the shape of what it holds."""
    payload = _checked(data)
    found = _unpickled(payload) if payload is not None else None
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == key):
        return None
    findings = found[1]
    return findings if _is_findings(findings) else None


def _is_findings(findings: object) -> bool:
    if not isinstance(findings, tuple):
        return False
    for record in findings:
        if not (isinstance(record, tuple) and len(record) == 4 and isinstance(record[0], str)):
            return False
        _, diagnostics, held, notes = record
        if not all(isinstance(part, tuple) for part in (diagnostics, held, notes)):
            return False
        if not all(isinstance(d, Diagnostic) for d in diagnostics):
            return False
        if not all(isinstance(text, str) for text in (*held, *notes)):
            return False
    return True


def _document(payload: bytes) -> Document[Any] | None:
    """The document pickled in ``payload``, or None."""
    document = _unpickled(payload)
    return document if isinstance(document, Document) else None


class LazyDocument(Document[Any]):
    """A map read from the cache as its summary: the fields of :data:`PRESET_FIELDS`,
    its path and display name are here; reading any other (its model, text, index...)
    reads the whole document first. The checks across maps read its summary through
    :mod:`cjm.load.summary` and so leave it unread."""

    def __init__(
        self,
        path: Path,
        display: str,
        preset: dict[str, Any],
        summary: MapSummary,
        read: Callable[[], Document[Any] | None],
        max_bytes: int,
    ) -> None:
        fields = self.__dict__
        fields.update(preset)
        fields.update(path=path, display=display, _summary=summary)
        fields.update(_read=read, _max_bytes=max_bytes, _lock=threading.Lock())

    def __getattr__(self, name: str) -> Any:
        # Only called for what is not set: a field the summary does not hold.
        fields = self.__dict__
        if name.startswith("__") or "_lock" not in fields:
            raise AttributeError(name)
        with fields["_lock"]:
            if "_read" in fields:
                self._read_whole()
        try:
            return fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def _read_whole(self) -> None:
        fields = self.__dict__
        document = fields["_read"]()
        if document is None:  # the entry was removed or damaged since: read the file
            document = load_document(self.path, self.display, JourneyMap, fields["_max_bytes"])
        for name, value in document.__dict__.items():
            fields.setdefault(name, value)
        # Read whole: from now on its facts are read from the document itself.
        del fields["_read"], fields["_summary"]

    def __getstate__(self) -> dict[str, Any]:
        fields = self.__dict__
        if "_lock" in fields:
            with fields["_lock"]:
                if "_read" in fields:
                    self._read_whole()
        return {k: v for k, v in self.__dict__.items() if k not in ("_max_bytes", "_lock")}


def _read_regular(path: Path, max_bytes: int) -> bytes | None:
    """``path``'s bytes when it is a regular file of at most ``max_bytes``."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) or status.st_size > max_bytes:
            return None
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
    except (OSError, ValueError):
        return None
    return data if len(data) <= max_bytes else None
