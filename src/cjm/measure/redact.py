"""Black out what identifies a person in a comment before it is quoted in a snapshot.

Three things are replaced, in this order:

- an e-mail address (``ana.lima+shop@example.co.uk``) by ``[email]``: a run of
  characters without spaces, brackets, quotes, commas, semicolons or colons, an ``@``, and
  another such run (trailing full stops and other punctuation stay outside);
- a phone number by ``[phone]``: a digit run (below) of 7 to 15 digits that starts with
  ``+`` or holds parentheses (``+44 20 7946 0958``, ``(555) 123-4567``), or that is
  written in groups of at most four digits with separators (``555.123.4567``,
  ``0151 123 4567``);
- any other digit run of 6 or more digits by ``[number]``: card, account, order and
  ticket numbers (``4111 1111 1111 1111``, ``12-34-56``, ``#88812345``).

A digit run is digits joined by single separators: a space, ``-``, ``.``, ``/``, a
parenthesis (with a space after a closing one or before an opening one), or `` - ``.
Dates are kept: a part of a run between spaces that reads as a day
(``2024-03-15``, ``15/03/2024``, ``3.15.24``) is left as written, and the rest of the
run is judged without it. Shorter numbers are kept too: amounts (``$1,299.00``: a comma
is not a separator), times (``10:30``), versions (``v2.3.1``), counts. A full stop
followed by a space ends a run, so "paid 300. 400 more" keeps both numbers.

What is not caught: addresses written out (``ana at example dot com``), names, street
addresses, and numbers spelled in words. Quotes are off by default for that reason.
"""

from __future__ import annotations

import re

EMAIL = "[email]"
PHONE = "[phone]"
NUMBER = "[number]"

LONG_RUN = 6
"""Digit runs with at least this many digits are blacked out."""

_EMAIL_PART = r"[^\s@()<>\[\]{},;:\"'`]+"
_EMAIL = re.compile(rf"{_EMAIL_PART}(?:@{_EMAIL_PART})+")
_EMAIL_TRAILING = ".!?-_'"

SEPARATOR = r"(?: - |\) ?| ?\(|[ \-./])"
"""What may stand between two digits of one run."""

_RUN = re.compile(rf"\+?\(?\d(?:{SEPARATOR}?\d)*\)?")
_DIGIT = re.compile(r"\d")
_DATE_YMD = re.compile(r"(\d{4})([-./])(\d{1,2})\2(\d{1,2})")
_DATE_DMY = re.compile(r"(\d{1,2})([-./])(\d{1,2})\2(\d{4}|\d{2})")
_GROUP = re.compile(r"\d+")


def redact(text: str) -> str:
    """``text`` with e-mail addresses, phone numbers and long digit runs replaced."""
    text = _EMAIL.sub(_email, text)
    return _RUN.sub(_run, text)


def _email(match: re.Match[str]) -> str:
    found = match.group(0)
    kept = found.rstrip(_EMAIL_TRAILING)
    if "@" not in kept or kept.startswith("@") or kept.endswith("@"):
        return found
    return EMAIL + found[len(kept) :]


def is_date(part: str) -> bool:
    """Whether ``part`` reads as a calendar day: year-month-day, or day and month (either
    order) then a year of 2 or 4 digits, with one separator used twice."""
    ymd = _DATE_YMD.fullmatch(part)
    if ymd is not None:
        year, month, day = int(ymd.group(1)), int(ymd.group(3)), int(ymd.group(4))
        return 1000 <= year <= 2999 and 1 <= month <= 12 and 1 <= day <= 31
    dmy = _DATE_DMY.fullmatch(part)
    if dmy is not None:
        first, second = int(dmy.group(1)), int(dmy.group(3))
        if not (1 <= first <= 31 and 1 <= second <= 31):
            return False
        return first <= 12 or second <= 12
    return False


def _run(match: re.Match[str]) -> str:
    run = match.group(0)
    if len(_DIGIT.findall(run)) < LONG_RUN:
        return run
    pieces: list[str] = []
    pending: list[str] = []
    for part in run.split(" "):
        if is_date(part):
            if pending:
                pieces.append(_judge(" ".join(pending)))
                pending = []
            pieces.append(part)
        else:
            pending.append(part)
    if pending:
        pieces.append(_judge(" ".join(pending)))
    return " ".join(pieces)


def _judge(run: str) -> str:
    digits = len(_DIGIT.findall(run))
    if digits < LONG_RUN:
        return run
    if _is_phone(run, digits):
        return PHONE
    return NUMBER


def _is_phone(run: str, digits: int) -> bool:
    if not 7 <= digits <= 15:
        return False
    if run.startswith("+") or "(" in run or ")" in run:
        return True
    groups = _GROUP.findall(run)
    return len(groups) >= 2 and digits <= 11 and all(len(group) <= 4 for group in groups)
