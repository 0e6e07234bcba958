"""A current- or future-state journey that ends at the purchase.

Most of a customer's value, and most churn, comes after the first purchase: getting
started, using the product, renewing, buying again, recommending it. A current-state or
future-state map that stops at checkout or contract signature treats the sale as the
finish line, so the team never sees the experiences that decide whether the customer
stays and tells others.

Extend the journey past the purchase with stages for retention (onboarding, use,
support, renewal) and advocacy (reviews, referrals, expansion). The rule recognises
such stages by words in their id or name; teams with their own vocabulary can set the
`keywords` option. Day-in-the-life maps and service blueprints are not checked, since
they often cover one episode on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.model import MapType, Stage
from cjm.model.base import CjmModel, Text

CODE = "CJM114"
NAME = "lifecycle-gap"
SEVERITY = Severity.WARNING
SUMMARY = "A current- or future-state map that stops at purchase."

DEFAULT_KEYWORDS = (
    "retention",
    "retain",
    "loyalty",
    "advocacy",
    "advocate",
    "referral",
    "refer",
    "renewal",
    "renew",
    "expansion",
    "expand",
    "repeat",
    "reorder",
    "success",
    "review",
    "churn",
    "ambassador",
)

CHECKED_TYPES = frozenset({MapType.CURRENT_STATE, MapType.FUTURE_STATE})


class Options(CjmModel):
    """Settings of lifecycle-gap."""

    keywords: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_KEYWORDS),
        min_length=1,
        description="Words that mark a retention or advocacy stage when its id or name "
        "contains one of them (case does not matter).",
    )


FAILING = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints:
  - {id: pricing-page, name: Pricing page, channel: web, owner: growth}
  - {id: checkout, name: Checkout, channel: web, owner: growth}
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
  - id: purchase
    name: Buy
    steps:
      - {id: pay, action: Pays by card, touchpoints: [checkout]}
"""

PASSING = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
touchpoints:
  - {id: pricing-page, name: Pricing page, channel: web, owner: growth}
  - {id: checkout, name: Checkout, channel: web, owner: growth}
  - {id: renewal-email, name: Renewal reminder, channel: email, owner: growth}
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
  - id: purchase
    name: Buy
    steps:
      - {id: pay, action: Pays by card, touchpoints: [checkout]}
  - id: retention
    name: Renew
    steps:
      - {id: renew, action: Renews for another year, touchpoints: [renewal-email]}
"""


def _after_purchase(stage: Stage, keywords: list[str]) -> bool:
    texts = (stage.id.lower(), stage.name.lower())
    return any(keyword in text for keyword in keywords for text in texts)


def check(context: MapContext) -> Iterator[Finding]:
    journey = context.journey
    if journey.type not in CHECKED_TYPES:
        return
    options: Options = context.options
    keywords = [keyword.lower() for keyword in options.keywords]
    if any(_after_purchase(stage, keywords) for stage in journey.stages):
        return
    yield context.finding(
        ("stages",),
        f"the {journey.type.value} journey '{journey.id}' stops at purchase: no stage "
        "covers retention or advocacy",
        "add stages for what happens after the purchase, such as `retention` and `advocacy`",
        at="key",
    )
