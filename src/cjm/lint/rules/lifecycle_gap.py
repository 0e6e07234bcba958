"""A current- or future-state journey that ends at the purchase.

Most of a customer's value, and most churn, comes after the first purchase: getting
started, using the product, getting help, renewing, buying again, recommending it. A
current-state or future-state map that stops at checkout or contract signature treats the
sale as the finish line, so the team never sees the experiences that decide whether the
customer stays and tells others.

Extend the journey past the purchase with stages for retention (onboarding, activation,
use, delivery, support, returns, renewal) and advocacy (reviews, referrals, expansion).
The rule recognises such stages by whole words of their id or name, in any case: "Get
support", `onboarding` and "Write reviews" count, while "user" does not count as "use"
and neither does "reuse". A keyword also matches its plural in -s, and a keyword of
several words (`follow-up`) matches those words in a row. Teams with their own
vocabulary can set the `keywords` option.

Where a stage reads as the purchase itself (buy, checkout, order, pay, subscribe, book,
contract, decision...), only stages after the first such stage count: a trial map whose
onboarding and activation come before the customer pays still stops at the purchase. A
stage that reads as both (`repeat-purchase`) is a retention stage. When no stage reads
as a purchase, any retention or advocacy stage is enough. Day-in-the-life maps and
service blueprints are not checked, since they often cover one episode on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext, quoted
from cjm.lint.rules._words import find_keyword, words
from cjm.model import MapType, Stage
from cjm.model.base import CjmModel, Text

CODE = "CJM114"
NAME = "lifecycle-gap"
SEVERITY = Severity.WARNING
SUMMARY = "A current- or future-state map that stops at purchase."

DEFAULT_KEYWORDS = (
    # Getting started and using it
    "onboarding",
    "onboard",
    "activation",
    "activate",
    "adoption",
    "adopt",
    "use",
    "usage",
    "using",
    "unboxing",
    "ownership",
    # Getting what was bought
    "delivery",
    "deliver",
    "fulfilment",
    "fulfillment",
    "shipping",
    "return",
    "refund",
    "exchange",
    # Help and care
    "support",
    "help",
    "service",
    "aftercare",
    "after-sales",
    "post-purchase",
    "follow-up",
    "success",
    # Staying and buying again
    "retention",
    "retain",
    "renewal",
    "renew",
    "repeat",
    "reorder",
    "loyalty",
    "churn",
    "expansion",
    "expand",
    "upsell",
    "upgrade",
    "cross-sell",
    # Telling others
    "advocacy",
    "advocate",
    "ambassador",
    "referral",
    "refer",
    "recommend",
    "review",
)

DEFAULT_PURCHASE_KEYWORDS = (
    "purchase",
    "buy",
    "checkout",
    "order",
    "pay",
    "payment",
    "subscribe",
    "book",
    "booking",
    "reserve",
    "reservation",
    "enrol",
    "enroll",
    "contract",
    "decide",
    "decision",
    "convert",
    "conversion",
)

CHECKED_TYPES = frozenset({MapType.CURRENT_STATE, MapType.FUTURE_STATE})


class Options(CjmModel):
    """Settings of lifecycle-gap."""

    keywords: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_KEYWORDS),
        min_length=1,
        description="Words that mark a retention or advocacy stage when its id or name "
        "holds one of them as a whole word (case does not matter; the plural in -s "
        "counts too).",
    )
    purchase_keywords: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_PURCHASE_KEYWORDS),
        description="Words that mark the purchase stage, the same way: retention and "
        "advocacy stages must come after the first stage that holds one of them. An empty "
        "list lets a retention stage count wherever it is.",
    )


FAILING = """\
format: "1.0"
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
format: "1.0"
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


def _stage_words(stage: Stage) -> list[str]:
    """The words of a stage's id and name; a phrase never runs from one into the other."""
    return [*words(stage.id), "\n", *words(stage.name)]


def _first_purchase(stages: list[Stage], options: Options) -> int | None:
    """The index of the first stage that reads as the purchase and not as retention."""
    for index, stage in enumerate(stages):
        found = _stage_words(stage)
        if find_keyword(found, options.purchase_keywords) and not find_keyword(
            found, options.keywords
        ):
            return index
    return None


def check(context: MapContext) -> Iterator[Finding]:
    journey = context.journey
    if journey.type not in CHECKED_TYPES:
        return
    options: Options = context.options
    retention = [
        index
        for index, stage in enumerate(journey.stages)
        if find_keyword(_stage_words(stage), options.keywords)
    ]
    purchase = _first_purchase(journey.stages, options)
    if purchase is None and retention:
        return
    if purchase is not None and any(index > purchase for index in retention):
        return
    stops = f"the {journey.type.value} journey '{journey.id}' stops at purchase"
    advice = "add stages for what happens after the purchase, such as `retention` and `advocacy`"
    if not retention:
        yield context.finding(
            ("stages",), f"{stops}: no stage covers retention or advocacy", advice, at="key"
        )
        return
    assert purchase is not None
    earlier = [journey.stages[index].id for index in retention]
    yield context.finding(
        ("stages",),
        f"{stops}: no stage after '{journey.stages[purchase].id}' covers retention or advocacy",
        ("stage " if len(earlier) == 1 else "stages ")
        + quoted(earlier)
        + (" comes" if len(earlier) == 1 else " come")
        + f" before the purchase; {advice}",
        at="key",
    )
