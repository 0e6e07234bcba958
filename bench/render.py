"""Benchmark `cjm render` on synthetic maps of growing size.

For each size (steps per map) and view, prints the wall time of building the DOT and of
drawing it with the bundled Graphviz, and the peak memory of cjm and of Graphviz. Each
measurement runs in a fresh process. Run it from the repository:

    python bench/render.py                 # 10, 100 and 1000 steps, every view, SVG
    python bench/render.py --format png 10 250
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate import synthetic_map

DEFAULT_STEPS = (10, 100, 1000)
VIEWS = ("journey", "blueprint", "emotions")

MEASURE = """
import resource, sys, time
from pathlib import Path
from cjm.lint.config import LintRequest
from cjm.check import check_paths
from cjm.render.context import RenderContext
from cjm.render.graphviz_run import find_renderer
from cjm.render.pipeline import VIEWS
path, view, output_format = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
result = check_paths([path], path.parent, lint=LintRequest(select=[]))
[project] = result.projects
[document] = project.maps
start = time.perf_counter()
diagram = VIEWS[view](RenderContext(document.model, project.scopes[document.display]))
built = time.perf_counter() - start
start = time.perf_counter()
data = find_renderer().render(diagram, output_format)
drawn = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
graphviz = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(built, drawn, own, graphviz, len(data))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("steps", nargs="*", type=int, default=list(DEFAULT_STEPS))
    parser.add_argument("--format", default="svg", choices=("svg", "png", "pdf", "dot"))
    parser.add_argument("--view", action="append", choices=VIEWS)
    arguments = parser.parse_args()
    views = arguments.view or list(VIEWS)
    print(f"python {sys.version.split()[0]}, format {arguments.format}")
    header = (
        f"{'steps':>6} {'view':<10} {'DOT':>8} {'draw':>9} "
        f"{'cjm RSS':>9} {'dot RSS':>9} {'output':>10}"
    )
    print(header)
    with tempfile.TemporaryDirectory() as folder:
        for steps in arguments.steps:
            path = Path(folder) / f"map-{steps}.yaml"
            path.write_text(synthetic_map(steps), encoding="utf-8")
            for view in views:
                fields = subprocess.run(
                    [sys.executable, "-c", MEASURE, str(path), view, arguments.format],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.split()
                built, drawn = float(fields[0]), float(fields[1])
                own, graphviz, size = int(fields[2]), int(fields[3]), int(fields[4])
                print(
                    f"{steps:>6} {view:<10} {built:>7.3f}s {drawn:>8.3f}s "
                    f"{own / 1024:>7.0f}MB {graphviz / 1024:>7.0f}MB {size / 1024:>8.0f}KB"
                )


if __name__ == "__main__":
    main()
