"""Render many report pages on every core, when that pays.

Filling a report's template is most of the time a workspace render takes, and each page
is independent of the others. A large workspace's pages are therefore rendered by a pool
of worker processes, one per core. The reports are built first in this process, then the
workers are forked: they inherit the built reports rather than receive them pickled, and
write the finished pages themselves. Where new processes cannot be forked (``spawn`` on
macOS and Windows, where each worker would import cjm again and every report would have
to be pickled), and for a few pages, whose rendering takes less than the workers' start,
the pages are rendered right here. The pages are the same either way.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from cjm.compare import Pairing
from cjm.report.facts import Report
from cjm.report.html import render_report
from cjm.workers import can_fork, capped, cores
from cjm.writing import write_bytes_atomic

# From this many pages a pool pays: a page takes tens of milliseconds to a second to
# render, forking the workers tens of milliseconds.
PARALLEL_FROM_PAGES = 12

# A report, its pairing, and the file its page is written to.
PageFile = tuple[Report, Pairing | None, Path]
# The pages the forked workers render, by position: set just before the pool forks and
# cleared once it is done.
_PAGES: Sequence[PageFile] = ()


def worker_count(pages: int) -> int:
    """How many processes should render ``pages`` report pages: 1 unless they are many
    and processes can be forked."""
    if pages < PARALLEL_FROM_PAGES or not can_fork():
        return 1
    return max(1, min(capped(cores()), pages))


class PageRenderer:
    """Writes the page of each report of ``pages`` (with its pairing) to its file, with
    ``workers`` processes.

    Every page is started at once, and each worker writes the pages it renders, so that
    finished pages do not pile up in this process; :meth:`write` waits for one. Used as a
    context manager, so that the workers end whatever happens to the caller.
    """

    def __init__(self, pages: Sequence[PageFile], workers: int) -> None:
        self._pages = pages
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future[None] | None] = []
        self._frozen = False
        if workers > 1 and pages:
            global _PAGES
            _PAGES = pages
            # Every object so far is left alone by the collector from here on: the
            # workers then share the parent's memory instead of copying each page the
            # collector visits, and neither process walks the loaded workspace again.
            gc.freeze()
            self._frozen = True
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(workers, mp_context=context)
            # The first submit forks every worker, which then hold the pages.
            self._futures = [self._pool.submit(_write_at, index) for index in range(len(pages))]

    @property
    def parallel(self) -> bool:
        """Whether worker processes render the pages."""
        return self._pool is not None

    def write(self, index: int) -> None:
        """Write the page of report ``index`` to its file, or wait until a worker has;
        raises what writing it raised (an :class:`OSError` when the file cannot be
        written)."""
        future = self._futures[index] if self._pool is not None else None
        if future is None:
            _write(self._pages[index])
            return
        self._futures[index] = None
        future.result()

    def close(self) -> None:
        global _PAGES
        if self._pool is not None:
            for future in self._futures:
                if future is not None:
                    future.cancel()
            self._pool.shutdown(wait=True)
            self._pool = None
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        _PAGES = ()

    def __enter__(self) -> PageRenderer:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def write_pages(pages: Sequence[PageFile], workers: int | None = None) -> None:
    """Write the page of each report of ``pages`` (``workers``: default
    :func:`worker_count`)."""
    count = worker_count(len(pages)) if workers is None else workers
    with PageRenderer(pages, count) as renderer:
        for index in range(len(pages)):
            renderer.write(index)


def _write(page: PageFile) -> None:
    report, pairing, target = page
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(target, render_report(report, pairing).encode("utf-8"))


def _write_at(index: int) -> None:
    _write(_PAGES[index])
