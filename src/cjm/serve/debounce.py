"""A burst of changes becomes one rebuild.

Saving a file is rarely one event: editors write a temporary file and rename it, a
``git checkout`` touches many files, a formatter rewrites them one after the other. The
:class:`Debouncer` collects the changed paths and hands them over only once no change
has come for a quiet spell; changes that come while a rebuild runs are kept for the next.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

# Long enough to see a save's write and rename as one change, short enough to go unnoticed.
QUIET_SECONDS = 0.05


class Debouncer:
    """Collects changed paths from any thread; :meth:`wait` returns them in batches."""

    def __init__(
        self, quiet: float = QUIET_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.quiet = quiet
        self._clock = clock
        self._pending: set[Path] = set()
        self._last = 0.0
        self._closed = False
        self._changed = threading.Condition()

    def add(self, paths: Iterable[Path]) -> None:
        """Note changed ``paths`` (an empty batch is no change)."""
        paths = set(paths)
        if not paths:
            return
        with self._changed:
            self._pending |= paths
            self._last = self._clock()
            self._changed.notify_all()

    def close(self) -> None:
        """Stop waiting: :meth:`wait` returns None from now on."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def wait(self) -> set[Path] | None:
        """The paths changed since the last batch, once ``quiet`` seconds have passed
        without a change; None once closed."""
        with self._changed:
            while not self._closed:
                if not self._pending:
                    self._changed.wait()
                    continue
                left = self._last + self.quiet - self._clock()
                if left <= 0:
                    batch, self._pending = self._pending, set()
                    return batch
                self._changed.wait(left)
            return None
