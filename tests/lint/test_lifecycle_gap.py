"""lifecycle-gap: current- and future-state maps that stop at the purchase."""

from __future__ import annotations

import pytest

from cjm.lint.rules import lifecycle_gap as RULE

from .conftest import LintFiles, LintMap, findings

CODE = RULE.CODE


def _map(stages: list[tuple[str, str]], map_type: str = "current-state") -> str:
    listed = "".join(f"  - {{id: {id_}, name: {name}}}\n" for id_, name in stages)
    return f"""\
id: trial
title: Trial to paid
type: {map_type}
owner: growth
reviewed: 2026-10-01
teams: [{{id: growth, name: Growth}}]
personas: [{{id: olivia, name: Olivia}}]
stages:
{listed}"""


def _message(map_type: str = "current-state") -> str:
    return (
        f"the {map_type} journey 'trial' stops at purchase: no stage covers retention or advocacy"
    )


def _options(values: str) -> str:
    return f"lint:\n  options:\n    lifecycle-gap: {values}\n"


BUY_ONLY = [("consider", "Consider"), ("purchase", "Buy")]


def test_failing_example_finds_the_gap(lint_map: LintMap) -> None:
    assert lint_map(RULE.FAILING, CODE) == [(12, 1, CODE, _message())]


def test_passing_example_is_clean(lint_map: LintMap) -> None:
    assert lint_map(RULE.PASSING, CODE) == []


def test_future_state_maps_are_checked(lint_map: LintMap) -> None:
    text = _map(BUY_ONLY, "future-state")
    assert lint_map(text, CODE) == [(8, 1, CODE, _message("future-state"))]


@pytest.mark.parametrize("map_type", ["day-in-the-life", "service-blueprint"])
def test_other_map_types_are_never_flagged(lint_map: LintMap, map_type: str) -> None:
    assert lint_map(_map(BUY_ONLY, map_type), CODE) == []


@pytest.mark.parametrize(
    "stage",
    [
        ("after", "Renew the contract"),
        ("customer-success", "After"),
        ("after", "Customer LOYALTY"),
        ("refer-a-friend", "Tell others"),
    ],
)
def test_a_keyword_in_the_id_or_name_of_any_stage_is_enough(
    lint_map: LintMap, stage: tuple[str, str]
) -> None:
    assert lint_map(_map([*BUY_ONLY, stage]), CODE) == []


@pytest.mark.parametrize(
    "stages",
    [
        # What the rule's own text calls retention: getting started, help, delivery...
        [("purchase", "Buy"), ("onboarding", "Onboarding"), ("get-support", "Get support")],
        [("consider", "Consider"), ("purchase", "Buy"), ("after", "Onboarding")],
        [("purchase", "Buy"), ("activate", "Activation")],
        [("purchase", "Buy"), ("adopt", "Adoption")],
        [("checkout", "Checkout"), ("deliver", "Delivery")],
        [("checkout", "Checkout"), ("wait", "Wait for the delivery")],
        [("order", "Order"), ("fulfil", "Fulfilment")],
        [("order", "Order"), ("fulfill", "Fulfillment")],
        [("order", "Order"), ("ship", "Shipping and tracking")],
        [("order", "Order"), ("send-back", "Returns")],
        [("order", "Order"), ("money-back", "Get a refund")],
        [("subscribe", "Subscribe"), ("practise", "Daily use")],
        [("subscribe", "Subscribe"), ("practise", "Uses the app daily")],
        [("subscribe", "Subscribe"), ("practise", "Usage")],
        [("book", "Book a repair"), ("collect", "Service and collection")],
        [("pay", "Pay"), ("help", "Get help")],
        [("pay", "Pay"), ("renewal", "Renewal")],
        [("pay", "Pay"), ("again", "Repeat visits")],
        [("pay", "Pay"), ("stay", "Loyalty programme")],
        [("pay", "Pay"), ("tell", "Advocacy")],
        [("pay", "Pay"), ("invite", "Referral")],
        [("pay", "Pay"), ("rate", "Write reviews")],
        [("contract", "Sign the contract"), ("grow", "Expansion")],
        [("contract", "Sign the contract"), ("grow", "Upsell")],
        [("contract", "Sign the contract"), ("csm", "Customer success")],
        [("buy", "Buy a car"), ("care", "Aftercare")],
        [("buy", "Buy a car"), ("after-sales", "After-sales")],
        [("buy", "Buy a sofa"), ("call", "Follow-up call")],
        [("buy", "Buy a sofa"), ("repeat-purchase", "Buy again")],
        # No stage reads as the purchase: any retention stage will do.
        [("discover", "Discover"), ("learn", "Onboarding")],
    ],
    ids=lambda stages: " > ".join(name for _, name in stages),
)
def test_realistic_journeys_past_the_purchase_pass(
    lint_map: LintMap, stages: list[tuple[str, str]]
) -> None:
    assert lint_map(_map(stages), CODE) == []


@pytest.mark.parametrize(
    "stages",
    [
        [("discover", "Discover"), ("consider", "Consider"), ("decide", "Decide")],
        [("awareness", "Awareness"), ("consideration", "Consideration"), ("purchase", "Buy")],
        [("browse", "Browse"), ("basket", "Basket"), ("checkout", "Checkout")],
        # Words that only contain a keyword are not that keyword.
        [("research", "User research"), ("purchase", "Buy")],
        [("browse", "Browse reusable bags"), ("checkout", "Checkout")],
        [("discover", "Discover"), ("reuse", "Reuse last year's plan")],
        [("discover", "Discover"), ("users", "Talk to users")],
        [("browse", "Browse"), ("helpful", "Helpful guides")],
        [("supportive", "Supportive reviewers")],
        [("discover", "Discover"), ("servicing", "Servicing options")],
    ],
    ids=lambda stages: " > ".join(name for _, name in stages),
)
def test_journeys_that_stop_at_the_purchase_still_fail(
    lint_map: LintMap, stages: list[tuple[str, str]]
) -> None:
    assert lint_map(_map(stages), CODE) == [(8, 1, CODE, _message())]


def test_retention_before_the_purchase_does_not_count(lint_map: LintMap) -> None:
    text = _map(
        [
            ("signup", "Sign up for the trial"),
            ("onboarding", "Onboarding"),
            ("activate", "Activation"),
            ("pay", "Pay"),
        ]
    )
    found = lint_map(text, CODE)
    assert found == [
        (
            8,
            1,
            CODE,
            "the current-state journey 'trial' stops at purchase: no stage after 'pay' "
            "covers retention or advocacy",
        )
    ]


def test_the_hint_names_the_retention_stages_that_come_before_the_purchase(
    lint_files: LintFiles,
) -> None:
    one = _map([("help", "Get help choosing"), ("purchase", "Buy")])
    two = _map([("onboarding", "Onboarding"), ("activate", "Activation"), ("pay", "Pay")])
    hints = []
    for text in (one, two):
        result = lint_files({"map.yaml": text}, select=[CODE])
        hints += [d.hint for d in result.diagnostics]
    advice = "add stages for what happens after the purchase, such as `retention` and `advocacy`"
    assert hints == [
        f"stage 'help' comes before the purchase; {advice}",
        f"stages 'onboarding' and 'activate' come before the purchase; {advice}",
    ]


def test_the_first_purchase_stage_is_the_one_that_counts(lint_map: LintMap) -> None:
    text = _map([("buy", "Buy"), ("onboarding", "Onboarding"), ("buy-add-on", "Order add-ons")])
    assert lint_map(text, CODE) == []


def test_a_stage_that_reads_as_purchase_and_retention_is_retention(lint_map: LintMap) -> None:
    text = _map([("pay", "Pay"), ("repeat-purchase", "Repeat purchase")])
    assert lint_map(text, CODE) == []
    alone = _map([("repeat-purchase", "Repeat purchase")])
    assert lint_map(alone, CODE) == []


def test_a_phrase_does_not_run_from_the_id_into_the_name(lint_map: LintMap) -> None:
    # id "after" + name "Sales" would read "after sales" if the two ran together.
    text = _map([("purchase", "Buy"), ("after", "Sales")])
    assert lint_map(text, CODE) == [(8, 1, CODE, _message())]


def test_keywords_come_from_the_options(lint_map: LintMap) -> None:
    hypercare = _map([*BUY_ONLY, ("hypercare", "Hypercare")])
    retention = _map([*BUY_ONLY, ("retention", "Retention")])
    config = _options("{keywords: [HyperCare]}")
    assert lint_map(hypercare, CODE) == [(8, 1, CODE, _message())]
    assert lint_map(hypercare, CODE, config=config) == []
    assert lint_map(retention, CODE, config=config) == [(8, 1, CODE, _message())]


def test_a_keyword_of_several_words_matches_them_in_a_row(lint_map: LintMap) -> None:
    config = _options("{keywords: [go live]}")
    assert lint_map(_map([*BUY_ONLY, ("go-live", "Launch")]), CODE, config=config) == []
    assert lint_map(_map([*BUY_ONLY, ("x", "Go-live")]), CODE, config=config) == []
    assert lint_map(_map([*BUY_ONLY, ("x", "Live then go")]), CODE, config=config) == [
        (8, 1, CODE, _message())
    ]


def test_purchase_keywords_come_from_the_options(lint_map: LintMap) -> None:
    trial = _map([("activate", "Activate"), ("close", "Close the deal")])
    assert lint_map(trial, CODE) == []  # "Close" is not a purchase word by default
    config = _options("{purchase_keywords: [close]}")
    assert lint_map(trial, CODE, config=config) == [
        (
            8,
            1,
            CODE,
            "the current-state journey 'trial' stops at purchase: no stage after 'close' "
            "covers retention or advocacy",
        )
    ]


def test_no_purchase_keywords_lets_retention_count_anywhere(lint_map: LintMap) -> None:
    text = _map([("onboarding", "Onboarding"), ("pay", "Pay")])
    assert len(lint_map(text, CODE)) == 1
    assert lint_map(text, CODE, config=_options("{purchase_keywords: []}")) == []


def test_keywords_must_be_a_list(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["map.yaml"]\n' + _options("{keywords: retention}"),
            "map.yaml": RULE.PASSING,
        },
        select=[CODE],
    )
    assert result.config_failed
    assert findings(result) == [
        (4, 31, "CJM004", "keywords must be a list, not the text 'retention'"),
    ]


def test_keywords_may_not_be_empty(lint_files: LintFiles) -> None:
    result = lint_files(
        {
            "cjm.yaml": 'maps: ["map.yaml"]\n' + _options("{keywords: [renew, '']}"),
            "map.yaml": RULE.PASSING,
        },
        select=[CODE],
    )
    assert result.config_failed
    assert findings(result) == [(4, 39, "CJM005", "keywords must not be empty")]
