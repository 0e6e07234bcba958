"""Redaction of comments before they are quoted."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.measure.redact import SEPARATOR, is_date, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to ana.lima+shop@example.co.uk today", "write to [email] today"),
        ("mail me: bob@x.com.", "mail me: [email]."),
        ("(bob@x.com)", "([email])"),
        ("<ANA@EXAMPLE.ORG>", "<[email]>"),
        ("user_01@mail-server.io, thanks", "[email], thanks"),
        ("john123456@x.com", "[email]"),
        ("a@b@c.com", "[email]"),
        ("josé@exämple.de", "[email]"),
        ("@support please help", "@support please help"),
        ("me @ home", "me @ home"),
    ],
)
def test_email_addresses(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call +44 20 7946 0958 now", "call [phone] now"),
        ("+1 (555) 123-4567", "[phone]"),
        ("(555) 123-4567", "[phone]"),
        ("555-123-4567", "[phone]"),
        ("555.123.4567!", "[phone]!"),
        ("0151 123 4567", "[phone]"),
        ("tel:+15551234567", "tel:[phone]"),
        ("+49 (0) 30 1234567", "[phone]"),
        ("+33 1 23 45 67 89.", "[phone]."),
        ("555 - 123 - 4567", "[phone]"),
    ],
)
def test_phone_numbers(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("card 4111 1111 1111 1111", "card [number]"),
        ("card 4111-1111-1111-1111 expired", "card [number] expired"),
        ("order #88812345", "order #[number]"),
        ("sort code 12-34-56", "sort code [number]"),
        ("account 123456", "account [number]"),
        ("ticket 5551234567", "ticket [number]"),
        ("IBAN DE89 3704 0044 0532 0130 00", "IBAN DE[number]"),
        ("ref abc123456", "ref abc[number]"),
        ("1 2 3 4 5 6", "[number]"),
        ("https://x.io/orders/98765432", "https://x.io/orders/[number]"),
        ("pi is 3.14159265", "pi is [number]"),
    ],
)
def test_long_digit_runs(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "on 2024-03-15 it broke",
        "since 15/03/2024",
        "since 03/15/2024",
        "on 3.15.24",
        "on 15.03.2024 at 10:30:00",
        "paid $1,299.00 for 12 seats",
        "version v2.3.1 is slow",
        "paid 300. 400 more next week",
        "waited 45 minutes, 3 times",
        "24/7 support? 12345 is my zip",
        "between 2024-03-01 and 2024-03-31",
        "2024/03/15",
    ],
)
def test_dates_and_short_numbers_are_kept(text: str) -> None:
    assert redact(text) == text


def test_a_date_beside_a_phone_number_is_kept_and_the_number_is_not() -> None:
    assert redact("2024-03-15 555 123 4567") == "2024-03-15 [phone]"
    assert redact("on 2024-03-15 123456") == "on 2024-03-15 [number]"


def test_a_date_that_is_not_a_day_is_a_number() -> None:
    assert not is_date("12.34.5678")
    assert not is_date("2024-13-01")
    assert not is_date("31/31/2024")
    assert redact("12.34.5678") == "[phone]"  # groups of at most four digits
    assert redact("on 2024-13-01") == "on [phone]"


def test_text_without_anything_to_hide_is_unchanged() -> None:
    text = "The checkout is slow 😡 and I can't find the refund button!!"
    assert redact(text) == text
    assert redact("") == ""


# The property: whatever the text, no e-mail address and no run of six or more digits (a
# calendar day aside) is left.
EMAIL_LIKE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*")
RUN = re.compile(rf"\d(?:{SEPARATOR}?\d)*")

OTHER_DIGITS = ["\u0661", "\u0662"]  # Arabic-Indic 1 and 2: digits too
alphabet = st.sampled_from(list("0123456789") * 4 + list(" -./()+@_:,#abcxyz\néß[]") + OTHER_DIGITS)
pieces = st.one_of(
    st.text(alphabet, max_size=30),
    st.from_regex(r"[a-z0-9._+-]{1,10}@[a-z0-9-]{1,8}\.[a-z]{2,4}", fullmatch=True),
    st.from_regex(r"\+?[0-9]{1,4}([ .-]?[0-9]{2,4}){2,5}", fullmatch=True),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
)


def long_runs(text: str) -> list[str]:
    found = []
    for match in RUN.finditer(text):
        # Count the digits of consecutive parts that are not days.
        count = 0
        for part in match.group(0).split(" "):
            if is_date(part):
                count = 0
                continue
            count += len(re.findall(r"\d", part))
            if count >= 6:
                found.append(match.group(0))
                break
    return found


@settings(max_examples=400, deadline=None)
@given(st.lists(pieces, max_size=8).map("".join))
def test_no_email_or_long_digit_run_survives(text: str) -> None:
    redacted = redact(text)
    assert EMAIL_LIKE.search(redacted) is None, redacted
    assert long_runs(redacted) == [], redacted


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet, max_size=60))
def test_redacting_twice_changes_nothing_more(text: str) -> None:
    once = redact(text)
    assert redact(once) == once
