"""Tests that drive outside tools (a browser, Mermaid's own parser) call :func:`require`.

On a developer's machine without the tool such a test is skipped, with the reason shown
in pytest's summary. In CI (``CI`` is set) the tool must be there: ``.ci/run`` installs
it, and a missing tool fails the test instead of letting it pass unseen.
"""

from __future__ import annotations

import os

import pytest


def require(available: bool, what: str, how: str) -> None:
    """Skip (locally) or fail (in CI) unless ``available``; ``how`` says how to get it."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI: {how}")
    pytest.skip(f"{what} is not available: {how}")
