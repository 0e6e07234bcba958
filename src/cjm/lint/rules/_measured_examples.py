"""The small measured workspace the examples of the rules about data are written in.

A map (``map.yaml``), its binding (``map.measures.yaml``), the ``cjm.yaml`` that names
the sources, and a snapshot. Each rule's examples change a line or two of these.
"""

from __future__ import annotations

CONFIG = """\
format: "1.0"
maps: ["map.yaml"]
measure:
  sources:
    - {id: events, kind: events, files: data/events.parquet}
    - {id: survey, kind: feedback, files: data/survey.csv}
"""

MAP = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints: [{id: site, name: Website, channel: web, owner: growth}]
stages:
  - id: try
    name: Try
    steps:
      - {id: visit, action: Visits the pricing page, touchpoints: [site], emotion: 1}
      - id: sign-up
        action: Signs up for a trial
        touchpoints: [site]
        emotion: -1
        pain_points:
          - {id: long-form, summary: The form asks for too much, severity: high, owner: growth}
  - id: buy
    name: Buy
    kpis:
      - {id: paid-rate, name: Trials that pay, target: 20, unit: "%", better: higher}
    steps:
      - {id: pay, action: Pays for a plan, touchpoints: [site], emotion: 1}
"""

BINDING = """\
format: "1.0"
map: trial
source: events
funnel:
  unit: user
  order: in-order
  window: 14 days
  period: {last_days: 28}
  timezone: UTC
  anonymous: stitch
steps:
  visit: {event: pricing_viewed}
  sign-up: {event: signed_up}
  pay: {event: subscription_started}
kpis:
  paid-rate: {measure: conversion, from: sign-up, to: pay, as: percent}
"""

FEEDBACK_BINDING = BINDING + "feedback: {source: survey, scale: csat}\n"

SNAPSHOT = """\
format: "1.0"
map: trial
measured_on: {measured_on}
binding_hash: "{binding_hash}"
engine: {{name: duckdb, dialect: duckdb}}
definition:
  source: events
  unit: user
  order: in-order
  window: 14 days
  window_seconds: 1209600.0
  timezone: UTC
  anonymous: stitch
  period: {{start: 2026-10-19, end: 2026-11-15}}
  period_written: last 28 days
  steps: [visit, sign-up, pay]
data: {{events: 5120, units: 1000, events_without_unit: 0}}
funnel:
  - entered: 1000
    steps:
      - {{step: visit, stage: try, reach: 1000, conversion: 0.8, drop_off: 0.2}}
      - {{step: sign-up, stage: try, reach: 800, conversion: {paid}, drop_off: {lost}}}
      - {{step: pay, stage: buy, reach: {payers}}}
matches:
  - {{step: visit, events: 3100, units: 1000}}
  - {{step: sign-up, events: 820, units: 800}}
  - {{step: pay, events: {payments}, units: {payers}}}
kpis:
  - {{kpi: paid-rate, measure: conversion, as: percent, value: {rate}}}
"""

FEEDBACK = """\
feedback:
  definition:
    source: survey
    scale: csat
    positive: 4 and 5
    negative: 1 and 2
    text_sentiment: false
    min_responses: 10
    quotes: false
    period: {start: 2026-10-19, end: 2026-11-15}
  groups:
    - {step: sign-up, responses: 60, positive: 12, negative: 35, neutral: 13, from_text: 0}
"""

HASH = "sha256:9f32c4b18156331e0eca301362c1d552c5dfb604fb369440cec57133352af2ed"
FEEDBACK_HASH = "sha256:ef64cc7a904751a870a17284bf34060ba6dd7bdcae89a92869fab07639f117a0"


def snapshot(
    measured_on: str = "2026-11-16",
    binding_hash: str = HASH,
    payers: int = 200,
    feedback: bool = False,
) -> str:
    """The example snapshot, with the numbers a rule's example needs."""
    rate = payers / 800
    text = SNAPSHOT.format(
        measured_on=measured_on,
        binding_hash=binding_hash,
        paid=repr(rate),
        lost=repr(round(1 - rate, 4)),
        payers=payers,
        payments=payers + payers // 10,
        rate=repr(rate * 100),
    )
    return text + FEEDBACK if feedback else text


def files(
    map_binding: str = BINDING, snapshot_text: str | None = None, config: str = CONFIG
) -> dict[str, str]:
    """The workspace files beside ``map.yaml``; the base snapshot when none is given."""
    return {
        "cjm.yaml": config,
        "map.measures.yaml": map_binding,
        "measurements/trial.yaml": snapshot() if snapshot_text is None else snapshot_text,
    }
