"""Real Chromium for the report tests: Debian's browser, driven by Playwright.

Playwright never downloads a browser here: it drives the system's Chromium
(``CJM_CHROMIUM`` names another). Without Playwright or Chromium the tests that ask for
the ``browser`` fixture are skipped locally and fail in CI (see :mod:`tests.tools`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.tools import require

CHROMIUM = os.environ.get("CJM_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch() -> Iterator[Any]:
    """A headless Chromium for as long as the generator runs."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright", "pip install playwright (no browser download needed)")
    executable = CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")
    require(executable is not None, "Chromium", "apt-get install chromium")
    assert executable is not None
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Visit:
    """A page opened from a file, with everything it logged and requested."""

    def __init__(self, browser: Any, path: Path, viewport: tuple[int, int]) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.url = path.as_uri()
        width, height = viewport
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.page.on(
            "console",
            lambda message: (
                self.errors.append(f"{message.type}: {message.text}")
                if message.type in ("error", "warning")
                else None
            ),
        )
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("requestfailed", lambda request: self.errors.append(f"failed: {request.url}"))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(self.url, wait_until="load")
        self.page.wait_for_timeout(50)

    def close(self) -> None:
        self.context.close()

    def assert_quiet(self) -> None:
        assert self.errors == []
        assert self.requests == [self.url]
