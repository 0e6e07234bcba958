"""Why one diagram could not be drawn, in words, with the tool's own message kept apart."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class DrawingFailed(Exception):
    """A diagram could not be drawn in one format.

    ``reason`` is a sentence for the person who ran cjm (what went wrong and what to do);
    ``detail`` is what the failing tool said, as it said it, for a bug report.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@contextmanager
def native_drawing(tool: str, what: str) -> Iterator[None]:
    """Turn a failure of a native drawing library (``tool`` drawing ``what``) into
    :class:`DrawingFailed`, including a Rust panic, which reaches Python as pyo3's
    ``PanicException``, a ``BaseException``."""
    try:
        yield
    except Exception as problem:
        raise DrawingFailed(f"{tool} could not draw {what}", str(problem)) from None
    except BaseException as problem:
        if type(problem).__name__ != "PanicException":
            raise
        raise DrawingFailed(f"{tool} failed while drawing {what}", str(problem)) from None
