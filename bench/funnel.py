"""Benchmark the funnel of `cjm measure` on generated events.

Writes events (1M and 10M by default) as Parquet, CSV and JSON lines into a temporary
folder, in two mixes: ``realistic``, where 80% of the events are no funnel step (page
views, clicks, searches), as in a real event log, and ``hard``, where only 15% are, so
that nearly every event is matched. Then it times the funnel of a 6-stage map (2 steps a
stage) with the real DuckDB runner, each run in a fresh process, and reports its wall
time, the query's own time, the process's CPU time and peak memory. Then, at the smallest
size, maps of 3, 6, 12 and 24 steps show how the time grows with steps, and runs under a
memory limit show the limit holds. Run it from the repository:

    python bench/funnel.py                    # 1M and 10M events, both mixes
    python bench/funnel.py --events 1000000   # one size
    python bench/funnel.py --mix realistic    # one mix
    python bench/funnel.py --keep /tmp/data   # keep (and reuse) the generated files
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from measure import CommandFailed, run_once

REPOSITORY = Path(__file__).resolve().parent.parent
FORMATS = ("parquet", "csv", "jsonl")
STEP_COUNTS = (3, 6, 12, 24)
USERS_PER_EVENT = 20  # one user for every 20 events
MIXES = {"realistic": 0.8, "hard": 0.15}
"""The share of events that are no funnel step (page views, clicks, ...): most of a real
event log (``realistic``), or few, so that nearly every event is matched (``hard``)."""
OTHER_EVENTS = ("page_view", "click", "scroll", "search", "hover", "noise")

RUN = """
import datetime, sys, time
from pathlib import Path
from cjm.measure.assemble import assemble
from cjm.measure.files_runner import open_files_runner
from cjm.measure.funnel_sql import funnel_query
from cjm.measure.plan import build_plan
from cjm.model import JourneyMap
from cjm.model.binding import Binding
from cjm.model.sources import MeasureSettings, Source

root, pattern, steps, memory = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
per_stage = 2 if steps % 2 == 0 else 1
stages = [
    {"id": f"stage-{s}", "name": f"Stage {s}",
     "steps": [{"id": f"step-{s * per_stage + i}", "action": "Does"} for i in range(per_stage)]}
    for s in range(steps // per_stage)
]
journey = JourneyMap.model_validate({
    "id": "bench", "title": "Bench", "type": "current-state", "owner": "growth",
    "reviewed": "2026-01-01", "teams": [{"id": "growth", "name": "Growth"}],
    "personas": [{"id": "olivia", "name": "Olivia"}], "stages": stages})
binding = Binding.model_validate({
    "map": "bench", "source": "events",
    "funnel": {"unit": "user", "order": "in-order", "window": "7 days",
               "period": {"start": "2026-03-01", "end": "2026-03-28"},
               "timezone": "Europe/Berlin", "anonymous": "stitch"},
    "steps": {f"step-{k}": {"event": f"e{k}"} for k in range(steps)},
    "personas": {"pro": {"where": [{"property": "plan", "equals": "pro"}]}},
})
source = Source.model_validate({"id": "events", "kind": "events", "files": pattern})
settings = MeasureSettings(memory_limit=memory) if memory != "-" else None
plan = build_plan(journey, binding, source, datetime.date(2026, 4, 1), "bench.measures.yaml")
start = time.perf_counter()
runner = open_files_runner(source, root, settings)
outcome = assemble(plan, runner.run(funnel_query(plan)))
runner.close()
print("query", time.perf_counter() - start, outcome.segments[0].entered, outcome.data.events)
"""


def generate(folder: Path, events: int, mix: str) -> dict[str, str]:
    """Events of ``events // 20`` users over March 2026, a share ``MIXES[mix]`` of them
    no funnel step, written in every format; the glob of each format's files (relative to
    ``folder``)."""
    import duckdb

    folder.mkdir(parents=True, exist_ok=True)
    name = f"events-{mix}-{events}"
    other = MIXES[mix]
    names = ", ".join(f"'{event}'" for event in OTHER_EVENTS)
    globs = {form: f"{name}.{form}" for form in FORMATS}
    if all((folder / path).exists() for path in globs.values()):
        return globs
    users = max(1, events // USERS_PER_EVENT)
    with duckdb.connect() as connection:
        connection.execute("SET TimeZone = 'UTC'")
        connection.execute("SET enable_progress_bar = false")
        connection.execute(
            f"""
            CREATE TABLE events AS
            SELECT
              CASE WHEN r < 0.2 THEN NULL ELSE 'user-' || u END AS user_id,
              'anon-' || u AS anonymous_id,
              'session-' || u || '-' || (i % 3) AS session_id,
              CASE WHEN r2 < {other}
                THEN list_extract([{names}], 1 + CAST(floor(r4 * {len(OTHER_EVENTS)}) AS INTEGER))
                ELSE 'e' || CAST(floor(24 * r3 * r3) AS INTEGER) END AS event,
              TIMESTAMP '2026-03-01' + to_seconds(CAST((u * 7919) % 2419200 AS BIGINT))
                + to_seconds(CAST(floor(24 * r3 * r3) * 900 + r * 600 AS BIGINT)) AS timestamp,
              CASE WHEN u % 4 = 0 THEN '{{"plan": "pro"}}' ELSE '{{"plan": "free"}}' END
                AS properties
            FROM (
              SELECT i, i % {users} AS u, random() AS r, random() AS r2, random() AS r3,
                random() AS r4
              FROM range({events}) AS t(i)
            )
            """
        )
        for form, path in globs.items():
            options = {
                "parquet": "FORMAT parquet",
                "csv": "FORMAT csv, HEADER",
                "jsonl": "FORMAT json",
            }[form]
            connection.execute(f"COPY events TO '{folder / path}' ({options})")
    return globs


def run(folder: Path, pattern: str, steps: int, memory: str, runs: int) -> Result:
    """The fastest of ``runs`` funnels of ``steps`` steps, each in a fresh process."""
    env = dict(os.environ, PYTHONPATH=str(REPOSITORY / "src"))
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(RUN)
    command = [sys.executable, script.name, str(folder), pattern, str(steps), memory]
    results = []
    for _ in range(max(1, runs)):
        sample, output = run_once(command, env=env)
        if sample.status != 0:
            raise CommandFailed(command, sample.status, output)
        query = float(output.split("query", 1)[1].split()[0])
        results.append(Result(sample.seconds, query, sample.cpu_seconds, sample.peak_rss_bytes))
    Path(script.name).unlink()
    fastest = min(results, key=lambda result: result.seconds)
    peak = max(result.peak_bytes for result in results)
    return Result(fastest.seconds, fastest.query, fastest.cpu, peak)


@dataclass(frozen=True)
class Result:
    seconds: float
    query: float
    cpu: float
    peak_bytes: int

    def cells(self) -> str:
        """Wall time, query time, CPU time and peak memory as table cells."""
        return (
            f"{self.seconds:.2f} s | {self.query:.2f} s | {self.cpu:.1f} s "
            f"| {self.peak_bytes / 1_000_000:,.0f} MB"
        )


def load() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="*", default=[1_000_000, 10_000_000])
    parser.add_argument("--mix", nargs="*", choices=sorted(MIXES), default=list(MIXES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-limit", default="1GB")
    parser.add_argument("--keep", type=Path, help="generate into (and reuse) this folder")
    args = parser.parse_args()
    print(f"<!-- load average at the start: {load()} -->")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        print("| events | mix | format | size | funnel (process) | query | CPU | peak memory |")
        print("|---:|---|---|---:|---:|---:|---:|---:|")
        for events in args.events:
            for mix in args.mix:
                started = time.perf_counter()
                globs = generate(folder, events, mix)
                took = time.perf_counter() - started
                print(f"<!-- {events:,} {mix} events ready in {took:.1f} s -->")
                for form in FORMATS:
                    size = (folder / globs[form]).stat().st_size / 1_000_000
                    result = run(folder, globs[form], 12, "-", args.runs)
                    print(f"| {events:,} | {mix} | {form} | {size:,.0f} MB | {result.cells()} |")
        smallest = min(args.events)
        print()
        print(
            f"| steps ({smallest:,} events, Parquet) | mix | funnel (process) | query | CPU "
            "| peak memory |"
        )
        print("|---:|---|---:|---:|---:|---:|")
        for mix in args.mix:
            globs = generate(folder, smallest, mix)
            for steps in STEP_COUNTS:
                result = run(folder, globs["parquet"], steps, "-", args.runs)
                print(f"| {steps} | {mix} | {result.cells()} |")
        largest = max(args.events)
        print()
        print(
            f"| memory_limit ({largest:,} events) | mix | format | funnel (process) | query "
            "| CPU | peak memory |"
        )
        print("|---|---|---|---:|---:|---:|---:|")
        for mix in args.mix:
            globs = generate(folder, largest, mix)
            for form in ("parquet", "csv"):
                result = run(folder, globs[form], 12, args.memory_limit, 1)
                print(f"| {args.memory_limit} | {mix} | {form} | {result.cells()} |")
    print(f"<!-- load average at the end: {load()} -->")


if __name__ == "__main__":
    main()
