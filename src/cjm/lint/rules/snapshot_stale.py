"""A snapshot measured longer ago than the map's review cadence.

The numbers a map shows (reach, drop-off, KPI values, what customers said) are those of
its snapshot, as of the day `cjm measure` ran. Behaviour moves with every release and
campaign; a snapshot months old shows the team a funnel that no longer exists, with no
sign that it is old except a date few people read.

Run `cjm measure` as often as the map is reviewed: a map's `review_cadence` sets how old
its snapshot may be; for a map without one, the `max_age_days` option does.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.lint.rules import _measured_examples as example
from cjm.lint.rules._measured import measured
from cjm.model.base import CjmModel
from cjm.wording import plural

CODE = "CJM138"
NAME = "snapshot-stale"
SEVERITY = Severity.WARNING
SUMMARY = "A snapshot older than the map's review cadence."


class Options(CjmModel):
    """Settings of snapshot-stale."""

    max_age_days: int = Field(
        default=92,
        ge=1,
        description="How many days old a snapshot may be, for maps that set no `review_cadence`.",
    )


FAILING = example.MAP
FAILING_FILES = example.files(snapshot_text=example.snapshot(measured_on="2026-05-04"))

PASSING = example.MAP
PASSING_FILES = example.files()


def check(context: MapContext) -> Iterator[Finding]:
    found = measured(context)
    snapshot = found.measured
    if snapshot is None or found.snapshot is None:
        return
    options: Options = context.options
    cadence = context.journey.review_cadence
    limit = cadence.days if cadence is not None else options.max_age_days
    age = (context.today - snapshot.measured_on).days
    if age <= limit:
        return
    allowed = (
        f"its {cadence.value} review cadence ({plural(limit, 'day')})"
        if cadence is not None
        else f"the {plural(limit, 'day')} a snapshot may be old"
    )
    yield Finding(
        found.snapshot,
        ("measured_on",),
        f"map '{context.journey.id}' was last measured on {snapshot.measured_on.isoformat()}, "
        f"{plural(age, 'day')} ago: longer than {allowed}",
        "run `cjm measure` to measure it again, and commit the new snapshot",
    )
