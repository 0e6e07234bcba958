"""A map that has not been reviewed within its review cadence.

Customers, products and channels change; a journey map that nobody has checked against
reality for a long time quietly turns into a record of how things used to be. Teams keep
quoting its pain points and emotion curve long after the fixes shipped or new problems
appeared, and decisions get made on stale insight.

Review the map on a schedule: walk through it with fresh research, support data and
analytics, update what changed, then set `reviewed` to the date of that review. Set
`review_cadence` (monthly, quarterly, half-yearly or yearly) to how fast this journey
changes; maps without one use the `default_cadence` option. A `reviewed` date in the
future is reported too, since it would keep the map from ever looking stale.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.model import ReviewCadence
from cjm.model.base import CjmModel
from cjm.wording import plural

CODE = "CJM115"
NAME = "stale-map"
SEVERITY = Severity.WARNING
SUMMARY = "The map's last review is older than its review cadence."


class Options(CjmModel):
    """Settings of stale-map."""

    default_cadence: ReviewCadence = Field(
        default=ReviewCadence.YEARLY,
        description="The review cadence of maps that set no `review_cadence`: monthly, "
        "quarterly, half-yearly or yearly.",
    )


FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2025-03-01
review_cadence: quarterly
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
"""

PASSING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
review_cadence: quarterly
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
"""


def check(context: MapContext) -> Iterator[Finding]:
    journey = context.journey
    options: Options = context.options
    cadence = journey.review_cadence or options.default_cadence
    reviewed = journey.reviewed.isoformat()
    age = (context.today - journey.reviewed).days
    if age < 0:
        yield context.finding(
            ("reviewed",),
            f"map '{journey.id}' was reviewed on {reviewed}, which lies in the future",
            "set `reviewed:` to the date of the last actual review",
        )
    elif age > cadence.days:
        yield context.finding(
            ("reviewed",),
            f"map '{journey.id}' was last reviewed on {reviewed}, {plural(age, 'day')} ago: longer "
            f"than its {cadence.value} review cadence ({plural(cadence.days, 'day')})",
            "check the map against current research and data, then update `reviewed:`; "
            "or set `review_cadence:` to how often it really needs a review",
        )
