"""A KPI that does not say which way is better.

Whether 38 is good news depends on the metric: 38 % trial conversion against a target of
30 is a success, 38 days to roll out against a target of 30 is a miss. cjm does not guess:
a KPI without `better` is shown without a verdict, so the report cannot say whether it
meets its target and `cjm diff` cannot say whether a change is an improvement or a
regression. The map then holds numbers that nobody can read at a glance, which is what a
KPI was meant to avoid.

Say under `better` which way is good: `higher` for rates, scores and counts of successes,
`lower` for times, costs, effort and counts of problems. The finding suggests one: `lower`
when the unit or a whole word of the name reads as a time, a cost, effort or trouble
(minutes, days, €, cost, wait, errors, tickets, churn, drop-off...), `higher` otherwise. A
time in the name of a percentage or a score is read as a window ("follow-ups booked
within 14 days", in %), not as what is measured. It is only a suggestion, worded as one:
the team that owns the metric decides.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.lint.rules._kpis import kpi_paths
from cjm.lint.rules._words import find_words, words
from cjm.model import Kpi

CODE = "CJM125"
NAME = "kpi-without-direction"
SEVERITY = Severity.WARNING
SUMMARY = "A KPI that does not say whether higher or lower is better."

TIME_AND_COST = (
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "time",
    "duration",
    "wait",
    "waiting",
    "delay",
    "latency",
    "cost",
    "price",
    "effort",
)
"""Words that read as a time, a cost or effort: less is usually better."""

TROUBLE = (
    "error",
    "defect",
    "bug",
    "failure",
    "complaint",
    "ticket",
    "escalation",
    "churn",
    "churned",
    "drop-off",
    "dropoff",
    "abandonment",
    "abandoned",
    "bounce",
    "cancellation",
    "refund",
)
"""Words that read as trouble, counted or as a rate: less is usually better."""

SHORT_UNITS = frozenset(
    {"s", "sec", "secs", "ms", "min", "mins", "h", "hr", "hrs", "d", "wk"}
    | {"€", "$", "£", "¥", "eur", "usd", "gbp", "chf"}
)
"""Short units that read as a time or a cost when a unit starts with them (``€/month``)."""

SHARE_UNITS = frozenset({"%", "percent", "percentage", "share", "rate", "points"})
"""Units of a share or a score: a time in the name of such a KPI is a window ("booked
within 14 days"), not what is measured."""


FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: quote-form, name: Quote form, channel: web, owner: growth}]
stages:
  - id: decide
    name: Decide
    steps:
      - id: request-quote
        action: Requests a quote
        touchpoints: [quote-form]
        kpis: [{id: quote-time, name: Time until the quote arrives, target: 24, unit: hours}]
"""

PASSING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: quote-form, name: Quote form, channel: web, owner: growth}]
stages:
  - id: decide
    name: Decide
    steps:
      - id: request-quote
        action: Requests a quote
        touchpoints: [quote-form]
        kpis:
          - id: quote-time
            name: Time until the quote arrives
            target: 24
            unit: hours
            better: lower
"""


def _reads_as_less(kpi: Kpi) -> str | None:
    """What makes ``kpi`` read as something to reduce (``its unit 'days'``, ``'churn' in
    its name``), or None."""
    unit = (kpi.unit or "").strip()
    unit_words = words(unit)
    if unit_words and (
        unit_words[0] in SHORT_UNITS or find_words(unit_words, (*TIME_AND_COST, *TROUBLE))
    ):
        return f"its unit '{unit}'"
    name_words = words(kpi.name)
    found = find_words(name_words, TROUBLE)
    if found is None and not (unit_words and unit_words[0] in SHARE_UNITS):
        found = find_words(name_words, TIME_AND_COST)
    return None if found is None else f"'{found}' in its name"


def suggestion(kpi: Kpi) -> str:
    """What to write, worded as a suggestion: the rule never decides for the team."""
    reason = _reads_as_less(kpi)
    if reason is None:
        return (
            "add `better:`, e.g. `better: higher` if a larger value is good (a rate, a "
            "score, a count of successes), or `better: lower` if a smaller one is"
        )
    return (
        f"add `better:`, e.g. `better: lower`, as {reason} reads as time, cost, effort or "
        "trouble, where less is usually better; write `better: higher` if more is better here"
    )


def check(context: MapContext) -> Iterator[Finding]:
    for path, kpi, owner in kpi_paths(context.journey):
        if kpi.better is None:
            yield context.finding(
                path,
                f"KPI '{kpi.id}' of {owner} does not say which way is better, so no report "
                "or diff can judge it against its target or its last value",
                suggestion(kpi),
            )
