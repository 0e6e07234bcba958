"""Pause Python's cyclic garbage collector while maps are loaded and checked."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cyclic garbage collector off (usable as a decorator).

    Loading a map makes millions of small objects (values, positions, model fields) and
    almost no reference cycles. The collector would walk the whole growing heap again and
    again, so loading time would grow faster than the file: with it on, a 10 MB map took
    1.7 times as long. Reference counting still frees everything as usual; the few cycles
    made meanwhile are collected once the collector is back on. Nested use is fine: only
    the outermost pause turns the collector back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
