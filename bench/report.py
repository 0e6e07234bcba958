"""Benchmark the HTML and Markdown reports.

For the largest bundled example and for synthetic maps of growing size, prints the time
to build the HTML report (first call, which compiles the templates, and the best of the
following calls), the Markdown report, and the page's size. Each map is measured in a
fresh process. Run it from the repository:

    python bench/report.py              # largest example, 100 and 1000 steps
    python bench/report.py 10 5000      # steps per synthetic map
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate import synthetic_map  # the benchmark's own map generator

REPO = Path(__file__).resolve().parent.parent
DEFAULT_STEPS = (100, 1000)
REPEAT = 5

MEASURE = """
import datetime, sys, time
from pathlib import Path
from cjm.check import check_paths
from cjm.render.context import RenderContext
from cjm.report import html_report, markdown_report
path = Path(sys.argv[1])
repeat = int(sys.argv[2])
today = datetime.date(2026, 11, 23)
result = check_paths([path], path if path.is_dir() else path.parent, today=today)
project = result.projects[0]
document = max(
    (d for p in result.projects for d in p.maps if d.model is not None),
    key=lambda d: len(d.model.iter_steps()),
)
project = next(p for p in result.projects if document in p.maps)
context = RenderContext(document.model, project.scopes[document.display])
findings = [d for d in result.diagnostics if d.path == document.display]
start = time.perf_counter()
page = html_report(context, findings, today, 365)
first = time.perf_counter() - start
times = []
for _ in range(repeat):
    start = time.perf_counter()
    html_report(context, findings, today, 365)
    times.append(time.perf_counter() - start)
start = time.perf_counter()
text = markdown_report(context, findings, today, 365)
markdown = time.perf_counter() - start
steps = len(document.model.iter_steps())
print(document.model.id, steps, first, min(times), markdown, len(page.encode()), len(text.encode()))
"""


def measure(path: Path) -> list[str]:
    return subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), str(REPEAT)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()


def largest_example() -> Path:
    """The example workspace whose biggest map has the most steps."""
    best: tuple[int, Path] | None = None
    for folder in sorted(p for p in (REPO / "examples").iterdir() if p.is_dir()):
        for map_file in sorted((folder / "maps").glob("*.yaml")):
            steps = map_file.read_text(encoding="utf-8").count("\n      - id: ")
            if best is None or steps > best[0]:
                best = (steps, folder)
    assert best is not None
    return best[1]


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or list(DEFAULT_STEPS)
    print(f"python {sys.version.split()[0]}; best of {REPEAT} after a first call")
    header = f"{'map':<24} {'steps':>6} {'first':>8} {'html':>8} {'markdown':>9} {'page':>9}"
    print(header)
    with tempfile.TemporaryDirectory() as folder:
        targets = [largest_example()]
        for steps in sizes:
            path = Path(folder) / f"map-{steps}.yaml"
            path.write_text(synthetic_map(steps), encoding="utf-8")
            targets.append(path)
        for target in targets:
            name, steps, first, html, markdown, size, _ = measure(target)
            print(
                f"{name:<24} {int(steps):>6} {float(first) * 1000:>6.0f}ms "
                f"{float(html) * 1000:>6.0f}ms {float(markdown) * 1000:>7.0f}ms "
                f"{int(size) / 1000:>7.0f}kB"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
