"""Maps, bindings and event files for the funnel tests."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path
from typing import Any

from cjm.measure.assemble import FunnelOutcome, assemble
from cjm.measure.files_runner import open_files_runner
from cjm.measure.funnel_sql import funnel_query
from cjm.measure.plan import FunnelPlan, build_plan
from cjm.model import JourneyMap
from cjm.model.binding import Binding
from cjm.model.sources import MeasureSettings, Source

BINDING_DISPLAY = "maps/trial.measures.yaml"
AS_OF = datetime.date(2026, 4, 1)

COLUMNS = ("user_id", "anonymous_id", "session_id", "event", "timestamp", "properties", "plan")


def journey(stages: list[list[str]], side: dict[str, str] | None = None) -> JourneyMap:
    """A map whose stage ``i`` holds the steps ``stages[i]``; ``side`` names steps made
    optional (``"optional"``) or put on a branch of the first stage (``"branch"``)."""
    side = side or {}
    written: list[dict[str, Any]] = []
    for index, steps in enumerate(stages):
        stage: dict[str, Any] = {
            "id": f"stage-{index}",
            "name": f"Stage {index}",
            "steps": [
                {"id": step, "action": step, "optional": side.get(step) == "optional"}
                for step in steps
                if side.get(step) != "branch"
            ],
        }
        branch = [step for step in steps if side.get(step) == "branch"]
        if branch:
            stage["branches"] = [
                {"id": f"branch-{index}", "steps": [{"id": s, "action": s} for s in branch]}
            ]
        written.append(stage)
    return JourneyMap.model_validate(
        {
            "id": "trial",
            "title": "Trial",
            "type": "current-state",
            "owner": "growth",
            "reviewed": "2026-01-01",
            "teams": [{"id": "growth", "name": "Growth"}],
            "personas": [{"id": "olivia", "name": "Olivia"}],
            "stages": written,
        }
    )


def binding(
    steps: dict[str, Any],
    *,
    unit: str = "user",
    order: str = "in-order",
    window: str = "1 day",
    period: dict[str, Any] | None = None,
    timezone: str = "UTC",
    anonymous: str = "stitch",
    personas: dict[str, Any] | None = None,
    kpis: dict[str, Any] | None = None,
) -> Binding:
    return Binding.model_validate(
        {
            "map": "trial",
            "source": "events",
            "funnel": {
                "unit": unit,
                "order": order,
                "window": window,
                "period": period or {"start": "2026-03-28", "end": "2026-03-29"},
                "timezone": timezone,
                "anonymous": anonymous,
            },
            "steps": steps,
            "personas": personas or {},
            "kpis": kpis or {},
        }
    )


def source(files: str = "events/*.parquet", **extra: Any) -> Source:
    return Source.model_validate({"id": "events", "kind": "events", "files": files, **extra})


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    assert isinstance(value, datetime.datetime)
    return value.isoformat()


def write_jsonl(events: list[dict[str, Any]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for event in events:
            row = {key: event.get(key) for key in COLUMNS}
            row["timestamp"] = _iso(row["timestamp"])
            out.write(json.dumps(row) + "\n")
    return path


def write_csv(events: list[dict[str, Any]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for event in events:
            row = [event.get(key) for key in COLUMNS]
            row[4] = _iso(row[4])
            row[5] = None if row[5] is None else json.dumps(row[5])
            writer.writerow(["" if value is None else value for value in row])
    return path


def write_parquet(events: list[dict[str, Any]], path: Path) -> Path:
    """Parquet with a real TIMESTAMPTZ column and the properties as JSON text."""
    import duckdb

    staging = write_csv(events, path.with_suffix(".staging.csv"))
    with duckdb.connect() as connection:
        connection.execute("SET TimeZone = 'UTC'")
        connection.execute(
            f"""COPY (SELECT * REPLACE (CAST("timestamp" AS TIMESTAMPTZ) AS "timestamp")
            FROM read_csv('{staging}', all_varchar = true)) TO '{path}' (FORMAT parquet)"""
        )
    staging.unlink()
    return path


WRITERS = {"parquet": write_parquet, "csv": write_csv, "jsonl": write_jsonl}


def measure(plan: FunnelPlan, root: Path, settings: MeasureSettings | None = None) -> FunnelOutcome:
    runner = open_files_runner(plan.source, root, settings)
    try:
        return assemble(plan, runner.run(funnel_query(plan)))
    finally:
        runner.close()


def plan_for(
    stages: list[list[str]], the_binding: Binding, the_source: Source, **side: str
) -> FunnelPlan:
    return build_plan(journey(stages, side), the_binding, the_source, AS_OF, BINDING_DISPLAY)
