"""Why one diagram could not be drawn, in words, with the tool's own message kept apart."""

from __future__ import annotations


class DrawingFailed(Exception):
    """A diagram could not be drawn in one format.

    ``reason`` is a sentence for the person who ran cjm (what went wrong and what to do);
    ``detail`` is what the failing tool said, as it said it, for a bug report.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail
