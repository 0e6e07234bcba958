"""Benchmark `cjm validate` on synthetic maps of growing size.

Prints, for each size, the file size, wall time, throughput and peak memory of a full
check (read, parse, schema, references, every lint rule) in a fresh process. Run it
from the repository:

    python bench/validate.py            # default sizes
    python bench/validate.py 100 5000   # steps per map
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_STEPS = (10, 100, 1_000, 5_000)

MEASURE = """
import resource, sys, time
from pathlib import Path
from cjm.check import check_paths
start = time.perf_counter()
result = check_paths([Path(sys.argv[1])], Path.cwd())
elapsed = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
errors = sum(d.severity.value == "error" for d in result.diagnostics)
print(elapsed, peak_kib, errors)
"""


def synthetic_map(steps: int, stages: int = 5) -> str:
    """A valid map with ``steps`` steps spread over ``stages`` stages."""
    lines = [
        "id: synthetic",
        "title: Synthetic journey",
        "type: current-state",
        "owner: growth",
        "reviewed: 2026-10-01",
        "teams: [{id: growth, name: Growth}]",
        "touchpoints: [{id: site, name: Website, channel: web, owner: growth}]",
        "evidence: [{id: survey, kind: survey, title: Survey, sample_size: 400}]",
        "personas:",
        "  - {id: olivia, name: Olivia, goals: [Ship], frustrations: [Waiting]}",
        "  - {id: dan, name: Dan, goals: [Save], frustrations: [Cost]}",
        "stages:",
    ]
    per_stage = max(1, steps // stages)
    for s in range(stages):
        lines += [f"  - id: stage-{s}", f"    name: Stage {s}", "    steps:"]
        for t in range(per_stage):
            n = s * per_stage + t
            lines += [
                f"      - id: step-{n}",
                f"        action: The customer does thing number {n} on the website",
                "        touchpoints: [site]",
                '        thoughts: ["Is this going to take long?", "Who do I ask?"]',
                "        emotion: {score: -1, label: unsure, note: Not clear what comes next}",
                "        emotions: {dan: 1}",
                "        pain_points:",
                f"          - id: pain-{n}",
                "            summary: The next step is not obvious",
                "            severity: medium",
                "            owner: growth",
                "            evidence: [survey]",
            ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or list(DEFAULT_STEPS)
    print(f"python {sys.version.split()[0]}")
    print(f"{'steps':>7} {'size':>9} {'time':>8} {'MB/s':>7} {'peak RSS':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for steps in sizes:
            path = Path(folder) / f"map-{steps}.yaml"
            path.write_text(synthetic_map(steps), encoding="utf-8")
            size = path.stat().st_size
            started = time.perf_counter()
            output = subprocess.run(
                [sys.executable, "-c", MEASURE, str(path)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            _ = time.perf_counter() - started
            elapsed, peak_kib, problems = float(output[0]), int(output[1]), int(output[2])
            if problems:
                raise SystemExit(f"synthetic map has {problems} errors")
            mb = size / 1_000_000
            print(
                f"{steps:>7} {mb:>7.2f}MB {elapsed:>7.3f}s {mb / elapsed:>7.2f} "
                f"{peak_kib / 1024:>8.0f}MB"
            )
    print(json.dumps({"note": "time covers read, parse, schema, references and lint rules"}))


if __name__ == "__main__":
    main(sys.argv[1:])
