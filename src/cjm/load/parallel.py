"""Load many files on every core, when that pays.

Reading and parsing files are independent of each other, so a large workspace is loaded
by a pool of worker processes, one per core. Documents travel back to this process
pickled, which costs about a tenth of parsing them; starting the workers costs tens of
milliseconds with ``fork`` and far more where new processes must import cjm again
(``spawn`` on macOS and Windows), so small workspaces are loaded right here. The result
is the same either way, in the same order.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from cjm.load.document import Document, load_document
from cjm.workers import can_fork, capped, cores

if TYPE_CHECKING:
    from cjm.cache import DocumentCache

# Below this much input, loading takes well under half a second on one core: not worth
# the workers' start-up.
PARALLEL_FROM_BYTES = {"fork": 2 * 1024 * 1024, "spawn": 32 * 1024 * 1024}


def _start_method() -> str:
    """``fork`` where it is safe and cheap (see :func:`cjm.workers.can_fork`), else
    ``spawn``."""
    return "fork" if can_fork() else "spawn"


def worker_count(paths: list[Path], method: str | None = None) -> int:
    """How many processes should load ``paths``: 1 unless they are many and large."""
    method = method or _start_method()
    wanted = min(capped(cores()), len(paths))
    if wanted < 2:
        return 1
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            continue  # the loader reports it
    return wanted if total >= PARALLEL_FROM_BYTES[method] else 1


def load_documents(
    files: list[tuple[Path, str]],
    model: type[BaseModel],
    max_bytes: int,
    cache: DocumentCache | None = None,
    summaries: bool = False,
) -> list[Document[Any]]:
    """Load ``files`` (path and display name) as ``model``, in order; with a ``cache``,
    the files it holds are taken from it and the others are stored in it. With
    ``summaries``, maps are taken from it as their summaries, read whole only when asked
    for more (see :class:`cjm.cache.LazyDocument`)."""
    if cache is None:
        return _load_all(files, model, max_bytes)
    keys = [cache.key(path, display, model, max_bytes) for path, display in files]
    found: list[Document[Any] | None] = []
    for key, (path, display) in zip(keys, files, strict=True):
        document = None
        if key is not None and summaries:
            document = cache.get_summary(key, path, display, max_bytes)
        if key is not None and document is None:
            document = cache.get(key)
        found.append(document)
    missing = [i for i, document in enumerate(found) if document is None]
    loaded = _load_all([files[i] for i in missing], model, max_bytes)
    for i, document in zip(missing, loaded, strict=True):
        found[i] = document
        key = keys[i]
        path, display = files[i]
        # Stored only when the file still holds what the key was made from.
        if key is not None and cache.key(path, display, model, max_bytes) == key:
            cache.put(key, document, model)
    return [document for document in found if document is not None]


def _load_all(
    files: list[tuple[Path, str]], model: type[BaseModel], max_bytes: int
) -> list[Document[Any]]:
    method = _start_method()
    workers = worker_count([path for path, _ in files], method)
    load = functools.partial(_load_one, model=model, max_bytes=max_bytes)
    if workers == 1:
        return [load(file) for file in files]
    # Imported here: most runs load a few small files, or take them all from the cache.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context(method)
    chunk = max(1, len(files) // (workers * 4))
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(load, files, chunksize=chunk))


def _load_one(file: tuple[Path, str], model: type[BaseModel], max_bytes: int) -> Document[Any]:
    path, display = file
    return load_document(path, display, model, max_bytes)
