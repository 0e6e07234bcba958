"""How long the workspace site takes to build, and how big its pages are.

Writes synthetic workspaces (see :mod:`synthetic`) of 50 and 200 maps and runs
``cjm render <workspace> --format html`` on each, timing the whole render (every map's
report and the site), then times the site alone in-process from the same reports
(portfolio built from each map's report facts, pages rendered), and reports the total
size of the site and its largest page.

    python bench/site.py [--maps 50,200] [--markdown out.md]
"""

from __future__ import annotations

import argparse
import datetime
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cjm.check import check_paths
from cjm.lint.config import LintRequest
from cjm.portfolio import build_portfolio, gather, workspace_title
from cjm.site import site_pages
from synthetic import WorkspaceSpec, write_workspace

TODAY = datetime.date(2026, 11, 23)


def measure(maps: int, folder: Path) -> list[str]:
    root = folder / f"ws-{maps}"
    write_workspace(root, WorkspaceSpec(maps=maps), TODAY)
    out = folder / f"site-{maps}"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cjm", "render", str(root), "-f", "html", "-o", str(out)],
        check=False,
        capture_output=True,
    )
    render = time.perf_counter() - started
    result = check_paths([root], root, 10**8, lint=LintRequest(), today=TODAY)
    gathered = gather(result, TODAY, report_file=lambda m: f"{m.id}-report.html")
    started = time.perf_counter()
    portfolio = build_portfolio(gathered.maps, workspace_title(result.projects), TODAY)
    pages = site_pages(portfolio)
    site = time.perf_counter() - started
    sizes = {page.name: len(page.html.encode("utf-8")) for page in pages}
    largest = max(sizes, key=lambda name: sizes[name])
    return [
        str(maps),
        f"{len(portfolio.pains):,}",
        f"{render:.1f} s",
        f"{site:.2f} s",
        str(len(pages)),
        f"{sum(sizes.values()) / 1_000_000:.1f} MB",
        f"{largest} ({sizes[largest] / 1_000_000:.2f} MB)",
        f"{sizes['search.html'] / 1_000_000:.2f} MB",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", default="50,200", help="workspace sizes, comma-separated")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    arguments = parser.parse_args()
    header = [
        "maps",
        "pain points",
        "render --format html",
        "site alone",
        "site pages",
        "site size",
        "largest page",
        "search page",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---:|" * len(header)]
    with tempfile.TemporaryDirectory() as name:
        for maps in (int(n) for n in arguments.maps.split(",")):
            row = measure(maps, Path(name))
            print(" | ".join(row), flush=True)
            lines.append("| " + " | ".join(row) + " |")
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    if arguments.markdown:
        arguments.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
