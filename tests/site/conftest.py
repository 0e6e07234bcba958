"""The site's fixture workspace (tests/site/fixtures/portfolio), built into a portfolio.

Three maps join it: a current state, its future state and a second journey owned by
another team; a fourth map has an error and is left out. Two teams, two shared personas,
three channels.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cjm.check import check_paths
from cjm.lint.config import LintRequest
from cjm.portfolio import Portfolio, build_portfolio, gather, workspace_title
from tests.report.chromium import launch

FIXTURE = Path(__file__).parent / "fixtures" / "portfolio"
TODAY = datetime.date(2026, 11, 23)
# Hostile text: markup, a right-to-left override, and one 3,000-letter word.
WORD = ("Unbrokenpastedidentifier" * 130)[:3000]
HOSTILE = f'<script>alert(1)</script> "quoted" \u202eevil\u202c {WORD}'


def portfolio_of(folder: Path, force: bool = False) -> Portfolio:
    result = check_paths([folder], folder, 10**7, lint=LintRequest(), today=TODAY)
    gathered = gather(result, TODAY, force=force, report_file=lambda m: f"{m.id}-report.html")
    return build_portfolio(
        gathered.maps, workspace_title(result.projects), TODAY, gathered.left_out
    )


@pytest.fixture(scope="session")
def portfolio() -> Portfolio:
    return portfolio_of(FIXTURE)


def hostile_workspace(folder: Path) -> Path:
    """The fixture workspace with its user text replaced by hostile text."""
    target = folder / "hostile"
    shutil.copytree(FIXTURE, target)
    for path in target.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(
            r"^(\s*(?:- )?(?:summary|action|title)): (.*)$",
            lambda m: f"{m[1]}: {json.dumps(HOSTILE + ' ' + m[2])}",
            text,
            flags=re.MULTILINE,
        )
        text = text.replace("name: Moving Mia", f"name: Mia {WORD}")
        text = text.replace("name: Customer Care", f"name: Care {WORD}")
        text = text.replace("name: Join", f"name: Join {WORD}")
        text = text.replace("tags: [switching", f"tags: [{WORD[:200]}")
        path.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, shared by the tests of a module."""
    yield from launch()
