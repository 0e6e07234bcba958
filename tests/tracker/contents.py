"""The issue contents of a workspace, as the export builds them."""

from __future__ import annotations

import datetime
from pathlib import Path

from cjm.check import check_paths
from cjm.lint.config import LintRequest
from cjm.portfolio import build_portfolio, gather
from cjm.tracker.content import IssueContent, issue_content

TODAY = datetime.date(2026, 11, 1)


def contents_of(root: Path) -> list[IssueContent]:
    result = check_paths([root], root, lint=LintRequest(), today=TODAY)
    gathered = gather(result, TODAY)
    portfolio = build_portfolio(gathered.maps, "Maps", TODAY, gathered.left_out)
    kpis = {row.key: row for row in portfolio.kpis}
    return [issue_content(row, kpis) for row in portfolio.opportunities]
