"""Portfolios and tables of the test workspaces, built as the command builds them."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cjm.check import check_paths
from cjm.export.tables import Tables, build_tables
from cjm.lint.config import LintRequest
from cjm.portfolio import Portfolio, build_portfolio, gather, workspace_title
from tests.export.workspaces import BROKEN, HOSTILE, workspace

REPO = Path(__file__).resolve().parent.parent.parent
TODAY = datetime.date(2026, 11, 15)


def portfolio_of(path: Path, *, force: bool = False) -> Portfolio:
    result = check_paths([path], path, 50_000_000, lint=LintRequest(), today=TODAY)
    gathered = gather(result, TODAY, force=force)
    return build_portfolio(
        gathered.maps, workspace_title(result.projects), TODAY, gathered.left_out
    )


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    return workspace(tmp_path / "ws", ("hostile.yaml", HOSTILE), ("broken.yaml", BROKEN))


@pytest.fixture
def hostile(hostile_folder: Path) -> Tables:
    """The tables of the hostile map, the broken map forced in."""
    return build_tables(portfolio_of(hostile_folder, force=True))


@pytest.fixture(scope="session")
def bank() -> Tables:
    return build_tables(portfolio_of(REPO / "examples" / "bank-account-opening"))
